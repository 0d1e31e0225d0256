"""Performance of cdss: one run, printed figures, no assertions. Not part of the test suite.

    .venv/bin/python benchmarks/bench.py            # the full run: about 6 minutes on 2 quiet cores
    .venv/bin/python benchmarks/bench.py --quick    # small counts, about a minute: checks the script
    .venv/bin/python benchmarks/bench.py --skip-million   # the full run without the 1,000,000-case run

What it measures, on generated cases (:mod:`generated`: seeded, realistic, nearly all distinct):

1. start-up: a fresh interpreter imports cdss, loads the bundled ruleset and builds an engine (median).
2. library, one thread: ``cdss.evaluate`` (with and without ask-next), ``Engine.summarise`` (the lean
   conclusions) and the plain-Python floor (:func:`holds` over every rule: which rules hold, nothing else).
3. batch, end to end: ``cdss batch FILE.jsonl --out FILE`` as a subprocess on all cores (interpreter
   start-up, reading, parallel evaluation, writing every line to disk) on 100,000 cases: lean JSON Lines
   (the default), CSV and Parquet (median of 3 each), and ``--detail full`` (once). For each: cases/s,
   the ratio to the I/O floor, bytes per case, and the CPU time of all its processes per case (read from
   /proc as the run goes): on a machine shared with other work, the rate the run would have with the
   cores to itself is about the number of cores divided by that.
4. I/O floor, in the same run: the same input lines read and the same output written in one process,
   without evaluating anything. JSON Lines and CSV: the bytes the run wrote. Parquet: the table the run
   wrote, handed over in chunks as Arrow IPC streams (as the workers hand their rows back,
   serialised before the clock starts) to the run's Parquet sink, which reads them and writes the same row
   groups with the same writer. A batch can be no faster than its floor on one core; the ratio says how
   much of the time is evaluation.
5. memory: peak resident memory of the lean JSON Lines run at 10,000, 100,000 and 1,000,000 cases, as the
   largest process and as the sum of every process' own peak (VmHWM, which the kernel keeps: polling the
   process tree every 0.1 s finds the processes without costing the run a share of the cores).

The machine's load is printed at the start and the end: on a machine shared with other work, compare only
ratios and figures from the same run.
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from generated import generate, write_jsonl

from cdss.batch.parquet import ParquetSink
from cdss.batch.run import CHUNK_SIZES
from cdss.case.findings import Case
from cdss.rules.evaluation import holds
from cdss.rules.loading import load_ruleset

CDSS = str(Path(sys.executable).with_name("cdss"))
POLL_SECONDS = 0.1
TICKS = os.sysconf("SC_CLK_TCK")
CORES = len(os.sched_getaffinity(0))
BATCH_TARGET = 10_000.0
CHUNK = CHUNK_SIZES["parquet"]
SUFFIXES = {"jsonl": "jsonl", "csv": "csv", "parquet": "parquet", "full": "jsonl"}
OPTIONS = {
    "jsonl": (),
    "csv": ("--format", "csv"),
    "parquet": ("--format", "parquet"),
    "full": ("--detail", "full"),
}


def startup(repeats: int) -> float:
    """Median seconds for a fresh interpreter to import cdss and build the bundled engine."""
    code = "import time; t = time.perf_counter(); import cdss; cdss.Engine(); print(time.perf_counter() - t)"
    runs = [subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
            for _ in range(repeats)]  # fmt: skip
    return statistics.median(float(run.stdout) for run in runs)


def _rate(function: Callable[[Any], object], inputs: Sequence[Any]) -> float:
    started = time.perf_counter()
    for value in inputs:
        function(value)
    return len(inputs) / (time.perf_counter() - started)


def library(count: int, repeats: int) -> dict[str, float]:
    """Single-thread cases/s: evaluate with and without ask-next, summarise, and the plain-Python floor."""
    import cdss  # noqa: PLC0415 - imported after the start-up figure, which is measured in fresh interpreters

    rules = [(rule.id, rule.matches) for rule in load_ruleset().rules]

    def floor(fact: Mapping[str, object]) -> frozenset[str]:
        return frozenset(rule_id for rule_id, condition in rules if holds(condition, fact))

    engine = cdss.bundled_engine()
    rates: dict[str, list[float]] = {"evaluate": [], "no_ask_next": [], "summarise": [], "floor": []}
    for repeat in range(repeats):
        cases = list(generate(count, seed=100 + repeat))  # new cases every repeat: no warm cache from before
        facts = [Case.model_validate(case).to_fact() for case in cases]
        rates["evaluate"].append(_rate(engine.evaluate, cases))
        rates["no_ask_next"].append(_rate(lambda case: engine.evaluate(case, ask_next=False), cases))
        rates["summarise"].append(_rate(engine.summarise, cases))
        rates["floor"].append(_rate(floor, facts))
    return {name: statistics.median(values) for name, values in rates.items()}


def _tree(root: int) -> list[int]:
    """A process and its descendants, found through /proc/PID/task/TID/children."""
    tree, frontier = [root], [root]
    while frontier:
        pid = frontier.pop()
        for task in Path(f"/proc/{pid}/task").glob("*/children"):
            try:
                children = [int(child) for child in task.read_text().split()]
            except OSError:
                continue
            tree += children
            frontier += children
    return tree


def _peak_rss_kib(pid: int) -> int | None:
    """The process' own high-water mark of resident memory (VmHWM), None once it has gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return None


def _cpu_seconds(pid: int) -> float | None:
    """The CPU time (user and system) a process has used so far, None once it has gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / TICKS


def batch(source: Path, out: Path, count: int, *options: str) -> dict[str, float]:
    """One end-to-end run as a subprocess: wall seconds, cases/s, bytes per case, peak RSS (MiB), and the
    CPU time of all its processes per case (as last seen, every 0.1 s: a process' last moment is missed)."""
    command = [CDSS, "batch", str(source), "--out", str(out), *options]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    cpus: dict[int, float] = {}
    peaks: dict[int, int] = {}  # each process' own peak: the kernel keeps it, so sampling misses none
    while process.poll() is None:
        for pid in _tree(process.pid):
            peak, cpu = _peak_rss_kib(pid), _cpu_seconds(pid)
            if peak is not None:
                peaks[pid] = peak
            if cpu is not None:
                cpus[pid] = cpu
        time.sleep(POLL_SECONDS)
    seconds = time.perf_counter() - started
    errors = process.stderr.read().decode() if process.stderr else ""
    if process.returncode != 0:
        raise SystemExit(f"cdss batch failed with exit code {process.returncode}: {errors}")
    return {
        "seconds": seconds,
        "rate": count / seconds,
        "bytes": out.stat().st_size / count,
        "tree_mib": sum(peaks.values()) / 1024,
        "largest_mib": max(peaks.values(), default=0) / 1024,
        "cpu_us": sum(cpus.values()) / count * 1e6,
    }


def io_floor(source: Path, written: Path, kind: str, target: Path) -> float:
    """Cases/s reading the input lines and writing the same output, evaluating nothing."""
    if kind == "parquet":
        return _parquet_floor(source, written, target)
    lines = written.read_bytes().splitlines(keepends=True)
    started = time.perf_counter()
    with source.open("rb") as cases, target.open("wb", buffering=1 << 20) as file:
        for _case, line in zip(cases, lines[1:] if kind == "csv" else lines, strict=False):
            file.write(line)
    return (len(lines) - (kind == "csv")) / (time.perf_counter() - started)


def _ipc(batch: pa.RecordBatch) -> bytes:
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, batch.schema) as stream:
        stream.write_batch(batch)
    return bytes(sink.getvalue())


def _parquet_floor(source: Path, written: Path, target: Path) -> float:
    """Cases/s reading the input lines and writing the rows of a Parquet run as the run's parent does:
    each chunk's rows (Arrow IPC, made before the clock starts) through :class:`ParquetSink`."""
    chunks = [_ipc(batch) for batch in pq.read_table(written).to_batches(max_chunksize=CHUNK)]
    texts = [b""] * CHUNK
    started = time.perf_counter()
    with source.open("rb") as cases, target.open("wb") as file:
        sink = ParquetSink(file)
        for rows in chunks:
            count = len(list(itertools.islice(cases, CHUNK)))
            sink.write_rows(rows, texts[:count], texts[:count])
        sink.close()
    return pq.read_metadata(target).num_rows / (time.perf_counter() - started)


def _median_run(runs: list[dict[str, float]]) -> dict[str, float]:
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def _line(label: str, value: float, unit: str, note: str = "") -> None:
    print(f"  {label:<50} {value:>12,.2f} {unit:<8} {note}")


def _load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} / {five:.2f} / {fifteen:.2f} (1 / 5 / 15 min) on {os.cpu_count()} cores"


def _report(kind: str, result: dict[str, float], floor: float) -> None:
    labels = {"jsonl": "JSON Lines, lean (default)", "full": "JSON Lines, --detail full"}
    print(f"  {labels.get(kind, kind)}")
    met = "target met (>= 10,000)" if result["rate"] >= BATCH_TARGET else "target NOT met (>= 10,000)"
    _line("  cases/s end to end", result["rate"], "cases/s", "" if kind == "full" else met)
    _line(
        f"  I/O floor ({'rows' if kind == 'parquet' else 'lines'} written, no evaluation)", floor, "cases/s"
    )
    _line("  ratio to the floor, in percent", 100 * result["rate"] / floor, "%")
    _line("  CPU per case, all its processes", result["cpu_us"], "us")
    _line(f"  {CORES} cores / CPU per case (the cores to itself)", CORES / result["cpu_us"] * 1e6, "cases/s")
    _line("  bytes per case", result["bytes"], "B")
    _line("  peak RSS: largest process / process tree", result["largest_mib"], "MiB",
          f"/ {result['tree_mib']:,.1f} MiB")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description="Performance figures of cdss, from one run.")
    parser.add_argument("--quick", action="store_true", help="small counts, to check the script")
    parser.add_argument("--skip-million", action="store_true", help="leave out the 1,000,000-case run")
    args = parser.parse_args()
    count, repeats = (500, 2) if args.quick else (4_000, 3)
    small, large, huge = (1_000, 5_000, 20_000) if args.quick else (10_000, 100_000, 1_000_000)
    runs = 1 if args.quick else 3
    print(f"cdss benchmark: Python {sys.version.split()[0]}; {_load()}")

    print("\nstart-up: fresh interpreter, import cdss + load ruleset + build engine, median")
    _line("seconds", startup(3 if args.quick else 5), "s")

    figures = library(count, repeats)
    print(f"\nlibrary, one thread, {count:,} new generated cases per repeat, median of {repeats}")
    _line("cdss.evaluate (with ask-next)", figures["evaluate"], "cases/s")
    _line("Engine.evaluate(ask_next=False)", figures["no_ask_next"], "cases/s")
    _line("Engine.summarise (the lean conclusions)", figures["summarise"], "cases/s")
    _line("plain-Python floor: holds() over every rule", figures["floor"], "cases/s")

    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        cases = work / f"cases-{large}.jsonl"
        write_jsonl(cases, generate(large, seed=large))
        print(f"\nbatch, all cores, {large:,} distinct generated cases, end to end "
              f"(median of {runs} except --detail full: once); ratio = cases/s / I/O floor")  # fmt: skip
        memory: dict[int, dict[str, float]] = {}
        for kind in ("jsonl", "csv", "parquet", "full"):
            out = work / f"out-{kind}.{SUFFIXES[kind]}"
            results = [batch(cases, out, large, *OPTIONS[kind]) for _ in range(1 if kind == "full" else runs)]
            result = _median_run(results)
            floor = statistics.median(io_floor(cases, out, kind, work / "floor.out") for _ in range(runs))
            _report(kind, result, floor)
            if kind == "jsonl":
                memory[large] = result
            out.unlink()

        print("\nmemory, lean JSON Lines, all cores: peak RSS, largest process / sum of every process' peak")
        sizes = [small] if args.skip_million else [small, huge]
        for size in sizes:
            source = work / f"cases-{size}.jsonl"
            write_jsonl(source, generate(size, seed=size))
            memory[size] = batch(source, work / "out.jsonl", size)
            source.unlink()
        for size in sorted(memory):
            result = memory[size]
            _line(f"{size:>9,} cases ({result['rate']:,.0f} cases/s)", result["largest_mib"], "MiB",
                  f"/ {result['tree_mib']:,.1f} MiB")  # fmt: skip
    print(f"\n{_load()}")


if __name__ == "__main__":
    main()
