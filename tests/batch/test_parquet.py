"""Parquet and CSV output read back (pyarrow, pandas, csv), compared with JSON Lines of the same inputs."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import math
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from cdss.batch.inputs import discover
from cdss.batch.parquet import PARQUET_SCHEMA, ParquetSink
from cdss.batch.run import BatchOptions, Writer, run
from cdss.batch.schemas import LeanLine
from cdss.cli import main
from cdss.rules.model import Ruleset

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
HOSTILE = [
    '{"id": "broken", "findings": {',
    '{"id": "unknown", "findings": {"slrr": "positive", "fever": "yes"}}',
    '{"id": "ces-01", "age": 50, "findings": {"fever": true}}',
    '{"id": "numbers", "age": 61, "findings": {"slr_angle_deg": 35.5, "symptom_duration_weeks": 3}}',
]


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("parquet")
    more = folder / "more.jsonl"
    more.write_text("\n".join(HOSTILE) + "\n", encoding="utf-8")
    written = {}
    for name in ("jsonl", "parquet", "csv"):
        written[name] = folder / f"out.{name}"
        argv = ["batch", str(more), str(EXAMPLES), "--out", str(written[name]), "--format", name]
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            assert main([*argv, "--jobs", "1"]) == 1
    return written


def _json_lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _present(findings: dict[str, Any] | None) -> dict[str, Any]:
    """A findings struct read back: the findings that are there (the struct has a field for every one)."""
    return {name: value for name, value in (findings or {}).items() if value is not None}


def _expected_row(line: dict[str, Any]) -> dict[str, Any]:
    """What the Parquet row of a JSON line should hold, by the documented schema."""
    if "error" in line:
        error = line["error"]
        return {"id": line["id"], "source": line["source"], "detail": None, "triage": None,
                "error_kind": error["kind"], "error_field": error["field"], "error_problem": error["problem"],
                "error_problems": error["problems"], "ruleset_sha256": None}  # fmt: skip
    full = LeanLine.model_validate(line).model_dump(mode="json")  # the defaults the line leaves out
    return {
        "id": full["id"],
        "source": full["source"],
        "detail": "lean",
        "triage": full["triage"],
        "red_flags": full["red_flags"],
        "differential": full["differential"],
        "fired_rules": full["fired_rules"],
        "findings": full["findings"],
        "warnings": full["warnings"],
        "ruleset_name": full["ruleset"]["name"],
        "ruleset_version": full["ruleset"]["version"],
        "ruleset_sha256": full["ruleset"]["sha256"],
        "error_kind": None,
    }


def test_parquet_rows_hold_what_the_json_lines_say(outputs: dict[str, Path]) -> None:
    table = pq.read_table(outputs["parquet"])
    assert table.schema.equals(PARQUET_SCHEMA)
    lines = _json_lines(outputs["jsonl"])
    rows = table.to_pylist()
    assert len(rows) == len(lines) == 40 + len(HOSTILE)
    for line, row in zip(lines, rows, strict=True):
        expected = _expected_row(line)
        row["findings"] = _present(row["findings"])
        for warning in row["warnings"] or []:
            warning["findings"] = _present(warning["findings"])
        assert {key: row[key] for key in expected} == expected
    assert sum(row["error_kind"] is not None for row in rows) == 3


def test_parquet_columns_are_typed(outputs: dict[str, Path]) -> None:
    schema = pq.read_schema(outputs["parquet"])
    entry = schema.field("differential").type.value_type
    assert entry.field("probability").type == pa.float64()
    assert entry.field("supporting").type.value_type.field("applied_ratio").type == pa.float64()
    findings = schema.field("findings").type
    assert findings.field("fever").type == pa.bool_()
    assert findings.field("slr").type == pa.string()
    assert findings.field("slr_angle_deg").type == pa.float64()
    assert {"ruleset_name", "ruleset_version", "ruleset_sha256", "error_kind", "error_field"} <= set(
        schema.names
    )
    ages = {row["id"]: row["findings"]["age"] for row in pq.read_table(outputs["parquet"]).to_pylist()
            if row["findings"] and row["findings"]["age"] is not None}  # fmt: skip
    assert ages, "some fired rule reads the age"
    lines = {line["id"]: line for line in _json_lines(outputs["jsonl"]) if "error" not in line}
    for case_id, age in ages.items():
        assert isinstance(age, float)
        assert age == lines[case_id]["findings"]["age"]


def test_row_groups_carry_statistics_for_the_top_level_columns_only(outputs: dict[str, Path]) -> None:
    """Filters on a top-level column (say triage) can skip row groups; nested columns carry none."""
    metadata = pq.ParquetFile(outputs["parquet"]).metadata
    columns = [metadata.row_group(0).column(number) for number in range(metadata.num_columns)]
    with_statistics = {column.path_in_schema for column in columns if column.is_stats_set}
    assert {"id", "triage", "ruleset_sha256", "error_kind"} <= with_statistics
    assert all("." not in path for path in with_statistics), sorted(with_statistics)
    triage = next(column for column in columns if column.path_in_schema == "triage").statistics
    assert triage is not None
    table = pq.read_table(outputs["parquet"], columns=["triage"])
    levels = sorted(str(level) for level in table.column("triage").drop_null().to_pylist())
    assert (triage.min, triage.max) == (levels[0], levels[-1])


def test_pandas_reads_the_parquet_file_like_the_json_lines(
    outputs: dict[str, Path], ruleset: Ruleset
) -> None:
    frame = pd.read_parquet(outputs["parquet"])
    lines = _json_lines(outputs["jsonl"])
    assert len(frame) == len(lines)
    assert list(frame["id"].fillna("(none)")) == [line["id"] or "(none)" for line in lines]
    results = frame[frame["error_kind"].isna()]
    assert set(results["ruleset_sha256"]) == {ruleset.sha256}
    top = [entries[0]["probability"] for entries in results["differential"]]
    assert top == [line["differential"][0]["probability"] for line in lines if "error" not in line]
    errors = frame[frame["error_kind"].notna()]
    failed = [line["error"] for line in lines if "error" in line]
    assert list(errors["error_kind"]) == [error["kind"] for error in failed]
    assert list(errors["error_field"]) == [error["field"] for error in failed]
    assert {"invalid_syntax", "duplicate_id"} <= set(errors["error_kind"])
    assert [len(problems) for problems in errors["error_problems"]] == [
        len(error["problems"]) for error in failed
    ]


def test_row_groups_are_written_as_results_arrive(tmp_path: Path, ruleset: Ruleset) -> None:
    target = tmp_path / "groups.parquet"
    with target.open("wb") as file:
        sink = ParquetSink(file, rows_per_group=7)
        run(discover([str(EXAMPLES)]), ruleset, BatchOptions(output="parquet"), Writer(sink, "parquet"))
        held = file.tell()
        sink.close()
    assert held > 0, "the first five row groups were written before the end"
    written = pq.ParquetFile(target)
    assert written.metadata.num_row_groups == math.ceil(40 / 7)
    assert [written.metadata.row_group(i).num_rows for i in range(6)] == [7, 7, 7, 7, 7, 5]


def test_csv_carries_the_ruleset_and_the_probabilities_as_the_lines_state_them(
    outputs: dict[str, Path], ruleset: Ruleset
) -> None:
    with outputs["csv"].open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    lines = _json_lines(outputs["jsonl"])
    assert len(rows) == len(lines)
    for row, line in zip(rows, lines, strict=True):
        if "error" in line:
            assert (row["status"], row["error_kind"], row["ruleset_sha256"]) == (
                "error",
                line["error"]["kind"],
                "",
            )
            continue
        assert (row["ruleset_name"], row["ruleset_sha256"]) == (ruleset.info.name, ruleset.sha256)
        for rank, entry in enumerate(line["differential"][:3], start=1):
            assert row[f"top{rank}"] == entry["condition"]
            assert float(row[f"top{rank}_probability"]) == entry["probability"]
        assert row["red_flags"].split() == [flag["rule"] for flag in line["red_flags"]]
