"""Memory of engines dropped without close(): one run, printed figures, no assertions.

    .venv/bin/python benchmarks/dropped_engines.py [COUNT]     # default 300

Builds COUNT engines of the bundled ruleset one after another, evaluates one case with each and drops it
without calling close(), then prints the process' resident memory (VmRSS) before and after. Each compiled
ruleset takes about 1.7 MB in durable_rules' C core; an engine that frees it when collected keeps the
figure flat.
"""

from __future__ import annotations

import gc
import sys
import time
from pathlib import Path

import cdss
from cdss.rules.loading import load_ruleset

CASE = {"id": "c1", "age": 60, "findings": {"slr": "positive"}}


def resident_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise LookupError("no VmRSS in /proc/self/status")


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    ruleset = load_ruleset()
    cdss.Engine(ruleset).evaluate(CASE)  # one-off allocations of the first engine are not measured
    gc.collect()
    before, started = resident_mb(), time.perf_counter()
    for _ in range(count):
        engine = cdss.Engine(ruleset)
        engine.evaluate(CASE)
        del engine
    gc.collect()
    elapsed = time.perf_counter() - started
    after = resident_mb()
    print(f"{count} engines dropped without close(): RSS {before:.0f} -> {after:.0f} MB ({elapsed:.1f} s)")


if __name__ == "__main__":
    main()
