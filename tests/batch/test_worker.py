"""One case in, one line out: a result is the assessment plus its source; anything else is an error line."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

import pytest

from cdss.batch.inputs import WorkItem
from cdss.batch.lines import CSV_COLUMNS, Detail, ErrorLine, clean
from cdss.batch.worker import Worker
from cdss.engine.assessment import Summary
from cdss.engine.engine import Engine
from cdss.errors import EvaluationError
from cdss.rules.model import Ruleset

STENOSIS = {
    "id": "lss-x",
    "age": 71,
    "sex": "female",
    "findings": {"pain_distribution": "bilateral", "neurogenic_claudication": True, "relief_sitting": True},
    "expected": "spinal_stenosis",
}


@pytest.fixture(scope="module")
def worker(ruleset: Ruleset) -> Iterator[Worker]:
    shared = Worker(ruleset, "jsonl")
    yield shared
    shared.close()


def _line(data: object | bytes, source: str = "cases.jsonl:1") -> WorkItem:
    raw = data if isinstance(data, bytes) else json.dumps(data).encode()
    return WorkItem(0, source, data=raw)


def _error(worker: Worker, data: object | bytes) -> dict[str, Any]:
    outcome = worker.one(_line(data))
    line: dict[str, Any] = json.loads(outcome.text)
    ErrorLine.model_validate(line)
    assert outcome.record.error == line["error"]["kind"]
    return line


def test_a_result_line_is_the_lean_summary_with_its_source(worker: Worker, engine: Engine) -> None:
    outcome = worker.one(_line(STENOSIS))
    line = json.loads(outcome.text)
    assert list(line)[:3] == ["id", "source", "detail"]
    assert line.pop("source") == "cases.jsonl:1"
    assert line.pop("detail") == "lean"
    assert Summary.model_validate(line) == engine.summarise(STENOSIS)
    assert line["ask_next"] == "not_computed"
    assert outcome.text.endswith(b"}\n")
    assert outcome.text.count(b"\n") == 1


@pytest.mark.parametrize("ask_next", [False, True])
def test_a_full_line_is_the_assessment_with_its_source(
    ruleset: Ruleset, engine: Engine, ask_next: bool
) -> None:
    full = Worker(ruleset, "jsonl", detail="full", ask_next=ask_next)
    line = json.loads(full.one(_line(STENOSIS)).text)
    full.close()
    assert (line.pop("source"), line.pop("detail")) == ("cases.jsonl:1", "full")
    assert line == engine.evaluate(STENOSIS, ask_next=ask_next).model_dump(mode="json")


def test_the_record_carries_what_the_summary_needs(worker: Worker, engine: Engine) -> None:
    record = worker.one(_line(STENOSIS)).record
    assessment = engine.evaluate(STENOSIS)
    assert record.triage == assessment.triage
    assert record.top == tuple(entry.condition for entry in assessment.differential[:3])
    assert record.red_flag == bool(assessment.red_flags)
    assert record.expected == "spinal_stenosis"
    assert record.error is None


@pytest.mark.parametrize("detail", ["lean", "full"])
def test_each_line_echoes_its_own_zero_whatever_its_sign(ruleset: Ruleset, detail: Detail) -> None:
    """0.0 and -0.0 compare (and hash) equal; a line still shows the value its case gave, whichever came
    first (LSS-012 reads the duration, so both lines show it)."""
    signed = Worker(ruleset, "jsonl", detail=detail)
    try:
        for first, second in ((0.0, -0.0), (-0.0, 0.0)):
            lines = [
                json.loads(
                    signed.one(
                        _line({"id": f"w{w}", "age": 50, "findings": {"symptom_duration_weeks": w}})
                    ).text
                )
                for w in (first, second)
            ]
            for given, line in zip((first, second), lines, strict=True):
                shown = [item["findings"]["symptom_duration_weeks"] for item in _findings_shown(line)]
                assert shown
                assert all(str(value) == str(given) for value in shown), (given, shown)
    finally:
        signed.close()


def _findings_shown(line: dict[str, Any]) -> list[dict[str, Any]]:
    """The line itself for a lean line (its findings), or every evidence item of a full line that shows the
    duration."""
    if line["detail"] == "lean":
        return [line]
    items = [item for entry in line["differential"] for item in (*entry["supporting"], *entry["refuting"])]
    return [item for item in items if "symptom_duration_weeks" in item["findings"]]


@pytest.mark.parametrize(
    ("data", "kind", "field", "case_id"),
    [
        (b'{"id": "b", "findings": {', "invalid_syntax", "", None),
        (b'{"id": "\xff"}', "not_utf8", "", None),
        ([{"id": "in-a-list"}], "not_an_object", "", None),
        ("just a string", "not_an_object", "", None),
        (b'{"id": "nan", "findings": {"symptom_duration_weeks": NaN}}', "finite_number",
         "findings.symptom_duration_weeks", "nan"),
        (b'{"id": "inf", "findings": {"slr_angle_deg": -Infinity}}', "finite_number",
         "findings.slr_angle_deg", "inf"),
        (b'{"id": "nan-age", "age": NaN}', "int_type", "age", "nan-age"),
        ({"id": "types", "findings": {"fever": "yes"}}, "bool_type", "findings.fever", "types"),
        ({"id": "range", "age": 130}, "less_than_equal", "age", "range"),
        ({"id": "unknown", "findings": {"slrr": "positive"}}, "unknown_key", "findings.slrr", "unknown"),
        ({"id": "unknown-top", "colour": "blue"}, "unknown_key", "colour", "unknown-top"),
        ({"findings": {"fever": True}}, "missing", "id", None),
        ({"id": 42}, "string_type", "id", None),
        ({"id": "\ud800"}, "string_unicode", "id", None),
    ],
)  # fmt: skip
def test_a_case_that_cannot_be_evaluated_gets_an_error_line(
    worker: Worker, data: object, kind: str, field: str, case_id: str | None
) -> None:
    line = _error(worker, data)
    assert line["id"] == case_id
    assert line["source"] == "cases.jsonl:1"
    assert (line["error"]["kind"], line["error"]["field"]) == (kind, field)
    assert line["error"]["problems"][0] == {
        "field": field,
        "kind": kind,
        "problem": line["error"]["problems"][0]["problem"],
    }


def test_an_error_line_lists_every_problem_and_suggests_a_spelling(worker: Worker) -> None:
    line = _error(worker, {"id": "many", "age": "old", "findings": {"slrr": "positive", "fever": 1}})
    problems = {problem["field"]: problem for problem in line["error"]["problems"]}
    assert set(problems) == {"age", "findings.slrr", "findings.fever"}
    assert "did you mean 'slr'?" in problems["findings.slrr"]["problem"]
    assert line["error"]["problem"].endswith("(and 2 more)")


def test_an_engine_failure_is_an_error_line_not_a_crash(
    ruleset: Ruleset, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = Worker(ruleset, "jsonl")

    def fail(*_: object) -> None:
        raise EvaluationError("durable_rules failed: error 113")

    monkeypatch.setattr(broken.format, "render", fail)
    try:
        line = json.loads(broken.one(_line(STENOSIS)).text)
    finally:
        broken.close()
    assert line["id"] == "lss-x"
    assert line["error"]["kind"] == "evaluation_failed"


def test_a_closed_engine_is_an_internal_error_line_not_a_crash(ruleset: Ruleset) -> None:
    closed = Worker(ruleset, "jsonl")
    closed.close()
    line = json.loads(closed.one(_line(STENOSIS)).text)
    assert line["id"] == "lss-x"
    assert line["error"]["kind"] == "internal_error"
    assert line["error"]["problem"].startswith("EngineClosedError: this engine has been closed")


def test_an_unexpected_exception_is_an_internal_error_line(
    ruleset: Ruleset, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = Worker(ruleset, "jsonl")

    def fail(*_: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(broken.format, "render", fail)
    try:
        line = json.loads(broken.one(_line(STENOSIS)).text)
    finally:
        broken.close()
    problem = {"field": "", "kind": "internal_error", "problem": "RuntimeError: boom"}
    assert line["error"] == {**problem, "problems": [problem]}


def test_undecodable_file_names_are_escaped_in_the_output(worker: Worker) -> None:
    source = "odd-\udcff.json"
    result = worker.one(_line(STENOSIS, source))
    failed = worker.one(_line(b"nope", source))
    assert json.loads(result.text)["source"] == "odd-\\udcff.json"
    assert json.loads(failed.text)["source"] == "odd-\\udcff.json"
    assert clean(source, None) == "odd-\\udcff.json"


def test_csv_rows_have_one_cell_per_column(ruleset: Ruleset, engine: Engine) -> None:
    rows_worker = Worker(ruleset, "csv")
    try:
        texts = [
            rows_worker.one(_line(STENOSIS)).text,
            rows_worker.one(_line({"id": "=cmd()", "age": "x"})).text,
        ]
    finally:
        rows_worker.close()
    ok, failed = csv.DictReader(io.StringIO(b"".join(texts).decode()), fieldnames=CSV_COLUMNS)
    assessment = engine.evaluate(STENOSIS)
    assert (ok["id"], ok["status"], ok["triage"]) == ("lss-x", "ok", assessment.triage)
    assert ok["top1"] == assessment.differential[0].condition
    assert float(ok["top1_probability"]) == assessment.differential[0].probability
    assert ok["expected"] == "spinal_stenosis"
    assert tuple(ok["fired_rules"].split()) == assessment.fired_rules
    assert (failed["status"], failed["error_kind"], failed["error_field"]) == ("error", "int_type", "age")
    assert failed["id"] == "'=cmd()"  # never a formula in a spreadsheet
    assert None not in ok
    assert None not in failed
