"""Performance of cdss: one run, printed figures, no assertions. Not part of the test suite.

    .venv/bin/python benchmarks/bench.py            # the full run: about three minutes on 2 cores
    .venv/bin/python benchmarks/bench.py --quick    # small counts, to check the script itself

What it measures (medians over repeats where it says so):

1. start-up: a fresh interpreter imports cdss, loads the bundled ruleset and builds an engine.
2. library: ``cdss.evaluate`` single-threaded on generated cases (new cases every repeat), cases/s and
   latency p50/p99 per case; ``Engine.summarise`` (the conclusions without basis or ask-next) likewise.
3. floor: the same rules (``rule.matches`` of every rule of the loaded ruleset) evaluated in plain Python
   with :func:`cdss.rules.evaluation.holds` on each case's fact: which rules hold, nothing else (no scoring,
   no explanation, no ask-next, no validation). The ratios say how far the engine is from only that.
4. batch: ``cdss batch FILE.jsonl --out FILE`` run as a subprocess, end to end (interpreter start-up,
   reading, parallel evaluation on all cores, writing every line to disk), at 10,000 cases (median of 3)
   and 100,000 cases, with the peak memory of its largest process and the sum of every process' peak
   (each process' own high-water mark, VmHWM, which the kernel keeps: polling the tree every 0.1 s
   finds the processes without costing the run a share of the 2 cores); then the 100,000 cases again
   with ``--format csv``, which evaluates only the conclusions.
5. batch ceiling: 100,000 cases whose findings repeat (the 40 bundled examples under new ids), so every
   worker serves most cases from its result cache: what the batch machinery itself sustains when
   evaluation is cheap, with all cores and with ``--jobs 1``.

Cases come from a seeded generator: each is one of the bundled example vignettes, perturbed (each finding
kept with probability 0.75, a yes/no answer flipped with probability 0.1, another finding examined with
probability 0.1, age moved by up to 8 years), so the mix of conditions, red flags and examined findings
is realistic and nearly every finding set is distinct (the result cache rarely helps).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from cdss.case.files import read_case_file
from cdss.case.findings import Case
from cdss.rules.attributes import ATTRIBUTES, AttributeSpec
from cdss.rules.evaluation import holds
from cdss.rules.loading import load_ruleset

ROOT = Path(__file__).resolve().parent.parent
CDSS = str(Path(sys.executable).with_name("cdss"))
POLL_SECONDS = 0.1
FINDINGS = tuple(name for name in ATTRIBUTES if name not in ("age", "sex"))
BATCH_TARGET, P99_TARGET, STARTUP_TARGET = 10_000.0, 2.0, 0.5


def templates() -> list[dict[str, Any]]:
    """The bundled example cases: realistic vignettes with an expected diagnosis."""
    found = [read_case_file(path) for path in sorted((ROOT / "examples").rglob("*.json"))]
    return [case for case in found if isinstance(case, dict)]


def _value(spec: AttributeSpec, rng: random.Random) -> object:
    if spec.kind == "bool":
        return rng.random() < 0.3
    if spec.kind == "choice":
        return rng.choice(spec.choices)
    return rng.randint(0, 90 if spec.maximum is None else int(spec.maximum))


def _perturbed(findings: Mapping[str, object], rng: random.Random) -> dict[str, object]:
    out: dict[str, object] = {}
    for name in FINDINGS:
        value = findings.get(name)
        if value is None:
            if rng.random() < 0.1:
                out[name] = _value(ATTRIBUTES[name], rng)
        elif rng.random() < 0.75:
            out[name] = (not value) if isinstance(value, bool) and rng.random() < 0.1 else value
    return out


def generate(count: int, seed: int) -> Iterator[dict[str, Any]]:
    """``count`` realistic cases, the same for the same seed."""
    rng = random.Random(seed)
    bases = templates()
    for number in range(count):
        base = rng.choice(bases)
        case: dict[str, Any] = {"id": f"gen-{seed}-{number:07d}", "sex": base.get("sex", "unknown")}
        if isinstance(base.get("age"), int):
            case["age"] = min(120, max(18, base["age"] + rng.randint(-8, 8)))
        case["findings"] = _perturbed(base.get("findings", {}), rng)
        if "expected" in base:
            case["expected"] = base["expected"]
        yield case


def repeated(count: int) -> Iterator[dict[str, Any]]:
    """``count`` cases that cycle through the 40 examples under new ids: identical finding sets."""
    bases = templates()
    for number in range(count):
        yield {**bases[number % len(bases)], "id": f"rep-{number:07d}"}


def write_jsonl(path: Path, cases: Iterator[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as out:
        for case in cases:
            out.write(json.dumps(case) + "\n")


def startup(repeats: int) -> float:
    """Median seconds for a fresh interpreter to import cdss and build the bundled engine."""
    code = "import time; t = time.perf_counter(); import cdss; cdss.Engine(); print(time.perf_counter() - t)"
    runs = [subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
            for _ in range(repeats)]  # fmt: skip
    return statistics.median(float(run.stdout) for run in runs)


def _timed(function: Callable[[Any], object], inputs: Sequence[Any]) -> tuple[float, list[float]]:
    """Cases per second over the whole list, and each call's seconds."""
    latencies = []
    started = time.perf_counter()
    for value in inputs:
        begin = time.perf_counter()
        function(value)
        latencies.append(time.perf_counter() - begin)
    return len(inputs) / (time.perf_counter() - started), latencies


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def library(count: int, repeats: int) -> dict[str, float]:
    """Single-thread figures: cdss.evaluate, an uncached engine, and the plain-Python floor."""
    import cdss  # noqa: PLC0415 - imported after the start-up figure, which is measured in fresh interpreters

    rules = [(rule.id, rule.matches) for rule in load_ruleset().rules]

    def floor(fact: Mapping[str, object]) -> frozenset[str]:
        return frozenset(rule_id for rule_id, condition in rules if holds(condition, fact))

    engine = cdss.bundled_engine()  # the engine cdss.evaluate uses, built outside the timings
    rates: dict[str, list[float]] = {"evaluate": [], "summarise": [], "floor": []}
    latencies: list[float] = []
    distinct: list[float] = []
    for repeat in range(repeats):
        cases = list(generate(count, seed=100 + repeat))  # new cases every repeat: no warm cache from before
        facts = [Case.model_validate(case).to_fact() for case in cases]
        distinct.append(len({tuple(sorted(fact.items())) for fact in facts}) / len(facts))
        rate, times = _timed(cdss.evaluate, cases)
        rates["evaluate"].append(rate)
        latencies += times
        rates["summarise"].append(_timed(engine.summarise, cases)[0])
        rates["floor"].append(_timed(floor, facts)[0])
    figures = {name: statistics.median(values) for name, values in rates.items()}
    figures["p50_ms"] = _percentile(latencies, 0.50) * 1000
    figures["p99_ms"] = _percentile(latencies, 0.99) * 1000
    figures["distinct"] = statistics.median(distinct)
    return figures


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


def batch(source: Path, out: Path, *options: str) -> dict[str, float]:
    """One end-to-end run as a subprocess: wall seconds, cases/s, in-run cases/s, peak RSS (MiB)."""
    summary_file = out.with_suffix(".summary.json")
    command = [CDSS, "batch", str(source), "--out", str(out), "--summary", str(summary_file), *options]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peaks: dict[int, int] = {}  # each process' own peak: the kernel keeps it, so sampling misses none
    while process.poll() is None:
        for pid in _tree(process.pid):
            peak = _peak_rss_kib(pid)
            if peak is not None:
                peaks[pid] = peak
        time.sleep(POLL_SECONDS)
    seconds = time.perf_counter() - started
    errors = process.stderr.read().decode() if process.stderr else ""
    if process.returncode != 0:
        raise SystemExit(f"cdss batch failed with exit code {process.returncode}: {errors}")
    summary = json.loads(summary_file.read_text())
    out.unlink()
    return {
        "seconds": seconds,
        "rate": summary["cases"] / seconds,
        "in_run": summary["cases_per_second"],
        "tree_mib": sum(peaks.values()) / 1024,
        "largest_mib": max(peaks.values(), default=0) / 1024,
    }


def _median_run(runs: list[dict[str, float]]) -> dict[str, float]:
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def _line(label: str, value: float, unit: str, note: str = "") -> None:
    print(f"  {label:<52} {value:>11,.2f} {unit:<8} {note}")


def _verdict(met: bool, target: str) -> str:
    return f"target {target}: {'met' if met else 'NOT met'}"


def _report_library(figures: dict[str, float], count: int, repeats: int) -> None:
    print(f"\nlibrary, one thread: {count:,} new generated cases per repeat, {repeats} repeats, medians "
          f"({figures['distinct']:.1%} distinct finding sets)")  # fmt: skip
    _line("cdss.evaluate", figures["evaluate"], "cases/s")
    _line("cdss.evaluate latency p50", figures["p50_ms"], "ms")
    _line(
        "cdss.evaluate latency p99",
        figures["p99_ms"],
        "ms",
        _verdict(figures["p99_ms"] <= P99_TARGET, "<= 2 ms"),
    )
    _line("Engine.summarise (no basis, no ask-next)", figures["summarise"], "cases/s")
    _line("plain-Python floor: holds() over every rule", figures["floor"], "cases/s")
    _line("floor / cdss.evaluate", figures["floor"] / figures["evaluate"], "x")


def _report_batch(label: str, run: dict[str, float], single: float, floor: float) -> None:
    print(f"\n{label}")
    _line("wall seconds", run["seconds"], "s")
    _line("cases/s end to end", run["rate"], "cases/s", _verdict(run["rate"] >= BATCH_TARGET, ">= 10,000"))
    _line("cases/s after start-up (reported by the command)", run["in_run"], "cases/s")
    _line("end to end / single-thread cdss.evaluate", run["rate"] / single, "x")
    _line("end to end / single-thread plain-Python floor", run["rate"] / floor, "x")
    _line("peak RSS, process tree (sum of each process' peak)", run["tree_mib"], "MiB")
    _line("peak RSS, largest process", run["largest_mib"], "MiB")


def main() -> None:
    parser = argparse.ArgumentParser(description="Performance figures of cdss, from one run.")
    parser.add_argument("--quick", action="store_true", help="small counts, to check the script")
    quick = parser.parse_args().quick
    count, repeats = (500, 2) if quick else (4_000, 5)
    small, large = (1_000, 5_000) if quick else (10_000, 100_000)
    print(f"cdss benchmark: Python {sys.version.split()[0]}, {os.cpu_count()} cores")

    seconds = startup(3 if quick else 5)
    print("\nstart-up: fresh interpreter, import cdss + load ruleset + build engine, median")
    _line("seconds", seconds, "s", _verdict(seconds <= STARTUP_TARGET, "<= 0.5 s"))

    figures = library(count, repeats)
    _report_library(figures, count, repeats)

    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        for size, runs in ((small, 1 if quick else 3), (large, 1)):
            write_jsonl(work / f"cases-{size}.jsonl", generate(size, seed=size))
            results = [batch(work / f"cases-{size}.jsonl", work / f"out-{size}.jsonl") for _ in range(runs)]
            label = f"batch, all cores, {size:,} generated cases" + (
                f" (median of {runs})" if runs > 1 else ""
            )
            _report_batch(label, _median_run(results), figures["evaluate"], figures["floor"])
        run = batch(work / f"cases-{large}.jsonl", work / f"out-{large}.csv", "--format", "csv")
        label = f"batch --format csv, all cores, {large:,} generated cases (conclusions only)"
        _report_batch(label, run, figures["evaluate"], figures["floor"])
        write_jsonl(work / "repeated.jsonl", repeated(large))
        for jobs in (str(os.cpu_count() or 1), "1"):
            run = batch(work / "repeated.jsonl", work / "out-repeated.jsonl", "--jobs", jobs)
            label = f"batch ceiling, --jobs {jobs}: {large:,} cases repeating 40 finding sets (result cache)"
            _report_batch(label, run, figures["evaluate"], figures["floor"])


if __name__ == "__main__":
    main()
