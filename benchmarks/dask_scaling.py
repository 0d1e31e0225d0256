"""Batch throughput on a Dask LocalCluster of 1 and 2 worker processes, beside a local run: printed
figures, no assertions. Not part of the test suite.

    .venv/bin/python benchmarks/dask_scaling.py            # 20,000 cases, 3 repeats: minutes (more if busy)
    .venv/bin/python benchmarks/dask_scaling.py --quick    # small counts, to check the script itself

The cases are ``generated.py``'s ones (distinct finding sets),
written once as JSON Lines. Each repeat runs, in turn: a local run (``cdss.batch.run.run``) with 1 and 2
processes, and the cluster run (``run_on_cluster``: count, scan, evaluate, write part files) on a
LocalCluster of 1 and of 2 workers (one thread each). A cluster is started before its timing starts (its
start-up is reported apart); every figure covers reading the input and writing every line to disk.
Medians over the repeats, and the 2-worker/1-worker ratio of each repeat (its median), so that load
from other processes on the machine weighs on both sides of a ratio alike.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from generated import generate, write_jsonl

from cdss.batch.inputs import discover
from cdss.batch.run import BatchOptions, Writer, run
from cdss.rules.loading import load_ruleset
from cdss.rules.model import Ruleset

if TYPE_CHECKING:
    from distributed import Client


class Timing(NamedTuple):
    seconds: float
    cpu: float | None
    """CPU seconds of every process doing the work (None where they cannot all be measured)."""


def local_run(source: Path, out: Path, ruleset: Ruleset, jobs: int) -> Timing:
    """A local run; its CPU time only with one process (pool processes are children of a fork server)."""
    started, cpu = time.perf_counter(), time.process_time()
    with out.open("wb") as sink:
        writer = Writer(sink, "jsonl")
        run(discover([str(source)]), ruleset, BatchOptions(jobs=jobs), writer)
    return Timing(time.perf_counter() - started, time.process_time() - cpu if jobs == 1 else None)


def _workers_cpu(client: Client) -> float:
    seconds: dict[str, float] = client.run(time.process_time)
    return sum(seconds.values())


def cluster_run(source: Path, out: Path, ruleset: Ruleset, workers: int) -> tuple[float, Timing]:
    """(seconds to start the cluster, the run); CPU time of the workers and of this process (the client).

    Dask is imported here, not at the top: a local run's worker processes import this script as their main
    module (multiprocessing's rule without fork), and importing Dask with it cost each local run of
    20,000 cases about 0.7 s."""
    from cdss.batch.cluster import (  # noqa: PLC0415 - see above
        LOCAL,
        ClusterOptions,
        connect,
        prepare_folder,
        run_on_cluster,
    )

    started = time.perf_counter()
    with connect(LOCAL, workers) as client:  # the local cluster `cdss batch --dask local` starts
        ready, cpu, workers_cpu = time.perf_counter(), time.process_time(), _workers_cpu(client)
        prepare_folder(str(out))
        run_on_cluster(client, [str(source)], ruleset, str(out), ClusterOptions())
        seconds = time.perf_counter() - ready
        used = time.process_time() - cpu + _workers_cpu(client) - workers_cpu
        return ready - started, Timing(seconds, used)


def _load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (1 min), {five:.1f} (5 min) on {os.cpu_count()} cores"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2,000 cases, one repeat")
    args = parser.parse_args()
    count, repeats = (2_000, 1) if args.quick else (20_000, 3)
    ruleset = load_ruleset()
    runs: dict[str, list[Timing]] = {name: [] for name in ("local 1", "local 2", "dask 1", "dask 2")}
    starts: list[float] = []
    print(f"before: {_load()}")
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "cases.jsonl"
        write_jsonl(source, generate(count, seed=7))
        print(f"{count:,} cases, {source.stat().st_size / count:.0f} bytes each, {repeats} repeat(s)")
        for repeat in range(repeats):
            for jobs in (1, 2):
                out = Path(folder) / f"local-{repeat}-{jobs}"
                runs[f"local {jobs}"].append(local_run(source, out, ruleset, jobs))
            for workers in (1, 2):
                out = Path(folder) / f"dask-{repeat}-{workers}"
                start, timing = cluster_run(source, out, ruleset, workers)
                starts.append(start)
                runs[f"dask {workers}"].append(timing)
    print(f"after: {_load()}")
    for name, timings in runs.items():
        processes = int(name.split()[1])
        rate = count / statistics.median(t.seconds for t in timings)
        cpu = [t.cpu for t in timings if t.cpu is not None]
        per_cpu = f", {count / statistics.median(cpu):6,.0f} cases per CPU second" if cpu else ""
        print(f"{name:>8} process(es): {rate:7,.0f} cases/s, {rate / processes:6,.0f} per process{per_cpu}"
              f"  (runs: {', '.join(f'{t.seconds:.2f}' for t in timings)} s)")  # fmt: skip
    for kind in ("local", "dask"):
        ratios = [
            one.seconds / two.seconds for one, two in zip(runs[f"{kind} 1"], runs[f"{kind} 2"], strict=True)
        ]
        speedup = statistics.median(ratios)
        print(f"{kind}: 2 processes / 1, speed-up {speedup:.2f}x (median of same-repeat ratios)")
    overhead = [d.seconds / loc.seconds for d, loc in zip(runs["dask 1"], runs["local 1"], strict=True)]
    print(f"dask 1 worker / local 1 process, time: {statistics.median(overhead):.2f}x")
    print(f"cluster start-up: {statistics.median(starts):.2f} s (median)")


if __name__ == "__main__":
    main()
