"""A repeated id is kept by the first case in input order, whichever process finishes first, and the same
input gives the same lines, summary and report (issue 13, item 7)."""

from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from cdss.batch.run import CHUNK_SIZES
from cdss.cli import main

STENOSIS: dict[str, Any] = {
    "age": 71,
    "findings": {"neurogenic_claudication": True, "relief_sitting": True, "slr": "negative"},
    "expected": "spinal_stenosis",
}
CAUDA_EQUINA: dict[str, Any] = {
    "age": 44,
    "findings": {"saddle_anaesthesia": True, "urinary_retention": True},
    "expected": "cauda_equina",
}


def _inputs(folder: Path) -> Path:
    """A folder whose first case (id "dup") is a named pipe, so that it arrives late, followed by a JSON
    Lines file of 600 cases whose 300th reuses the id "dup" with other findings: more cases than one
    chunk holds (:data:`cdss.batch.run.CHUNK_SIZES`), so that two jobs run a pool, and the repeat is in a
    later chunk than the first case, which the other process evaluates while the first waits."""
    cases = [{"id": f"c{number}", **STENOSIS} for number in range(600)]
    cases[299] = {"id": "dup", **CAUDA_EQUINA}
    assert CHUNK_SIZES["jsonl"] < 299 < 2 * CHUNK_SIZES["jsonl"]
    (folder / "cases.jsonl").write_text("".join(json.dumps(case) + "\n" for case in cases))
    os.mkfifo(folder / "000-first.json")
    return folder


def _feed_late(pipe: Path, delay: float) -> threading.Thread:
    """Write the first case into the pipe once ``delay`` seconds have passed and a reader has opened it."""

    def feed() -> None:
        time.sleep(delay)
        deadline = time.monotonic() + 60
        while True:
            try:
                descriptor = os.open(pipe, os.O_WRONLY | os.O_NONBLOCK)
                break
            except OSError:  # no reader yet
                if time.monotonic() > deadline:
                    return
                time.sleep(0.02)
        os.set_blocking(descriptor, True)
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(json.dumps({"id": "dup", **STENOSIS}).encode())

    feeder = threading.Thread(target=feed, daemon=True)
    feeder.start()
    return feeder


def _batch(
    capsys: pytest.CaptureFixture[str], inputs: Path, out: Path, jobs: int, delay: float
) -> tuple[bytes, bytes, bytes]:
    feeder = _feed_late(inputs / "000-first.json", delay)
    summary, report = out.with_suffix(".summary.json"), out.with_suffix(".md")
    argv = [str(inputs), "--out", str(out), "--summary", str(summary), "--report", str(report)]
    code = main(["batch", *argv, "--jobs", str(jobs)])
    feeder.join(timeout=60)
    capsys.readouterr()
    assert code == 1  # one duplicate
    return out.read_bytes(), report.read_bytes(), summary.read_bytes()


def test_the_first_case_in_input_order_keeps_a_repeated_id_whatever_the_jobs(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "out").mkdir()
    inputs = _inputs(tmp_path / "in")
    runs = [
        # the first case arrives seconds after the other process has evaluated the cases after it
        _batch(capsys, inputs, tmp_path / "out" / f"two-{attempt}.jsonl", jobs=2, delay=2.0)
        for attempt in range(2)
    ]
    runs.append(_batch(capsys, inputs, tmp_path / "out" / "one.jsonl", jobs=1, delay=0.0))
    lines = [json.loads(line) for line in runs[0][0].splitlines()]
    first, later = (line for line in lines if line["id"] == "dup")
    assert first["source"].endswith("000-first.json")
    assert "error" not in first
    assert first["differential"][0]["condition"] == "spinal_stenosis"
    assert later["source"].endswith("cases.jsonl:300")
    assert later["error"]["kind"] == "duplicate_id"
    assert "000-first.json" in later["error"]["problem"]
    assert runs[1] == runs[0]  # lines, report and summary byte for byte
    assert runs[2] == runs[0]
