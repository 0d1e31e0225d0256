"""The CSV output survives hostile ids: one row per case for csv.reader and pandas (issue 13, item 9)."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cdss.batch.lines import CSV_COLUMNS
from cdss.cli import main

STENOSIS: dict[str, Any] = {
    "age": 71,
    "findings": {"neurogenic_claudication": True, "relief_sitting": True, "slr": "negative"},
}
HOSTILE_IDS = [
    "line\nbreak",
    "carriage\rreturn",
    "windows\r\nline end",
    "comma, inside",
    'a "quoted" word',
    "semicolon; and\ttab",
    '=HYPERLINK("http://x")',
    "+1",
    "-2",
    "@SUM(A1)",
    "\ttab first",
    "ends with newline\n",
    "plain",
]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _shown(case_id: str) -> str:
    """The cell a spreadsheet gets: a leading ' keeps a formula-like text from running."""
    return "'" + case_id if case_id.startswith(FORMULA_START) else case_id


def _run(tmp_path: Path, ids: list[str], bad: bool = False) -> Path:
    cases = tmp_path / "cases.jsonl"
    lines = [{"id": case_id, **STENOSIS} for case_id in ids]
    if bad:  # an error row carries the id too
        lines = [{"id": case_id, "age": "old"} for case_id in ids]
    cases.write_text("".join(json.dumps(line) + "\n" for line in lines))
    out = tmp_path / "out.csv"
    main(["batch", str(cases), "--out", str(out), "--format", "csv", "--jobs", "1"])
    return out


@pytest.mark.parametrize("bad", [False, True], ids=["results", "errors"])
def test_hostile_ids_give_one_row_per_case_for_csv_reader_and_pandas(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, bad: bool
) -> None:
    out = _run(tmp_path, HOSTILE_IDS, bad)
    capsys.readouterr()
    with out.open(newline="", encoding="utf-8") as stream:
        header, *rows = list(csv.reader(stream))
    assert header == list(CSV_COLUMNS)
    assert [row[0] for row in rows] == [_shown(case_id) for case_id in HOSTILE_IDS]
    assert all(len(row) == len(CSV_COLUMNS) for row in rows)
    assert {row[2] for row in rows} == {"error" if bad else "ok"}
    table = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert list(table.columns) == list(CSV_COLUMNS)
    assert table["id"].tolist() == [_shown(case_id) for case_id in HOSTILE_IDS]
    assert set(table["status"]) == {"error" if bad else "ok"}


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ids=st.lists(st.text(min_size=1, max_size=20).filter(str.strip), min_size=1, max_size=6, unique=True))
def test_any_ids_round_trip_through_the_csv(
    capsys: pytest.CaptureFixture[str], tmp_path_factory: pytest.TempPathFactory, ids: list[str]
) -> None:
    folder = tmp_path_factory.mktemp("csv")
    out = _run(folder, ids)
    capsys.readouterr()
    with out.open(newline="", encoding="utf-8") as stream:
        rows = list(csv.reader(stream))[1:]
    assert [row[0] for row in rows] == [_shown(case_id) for case_id in ids]
    table = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert table["id"].tolist() == [_shown(case_id) for case_id in ids]
