"""Lean and full lines of one batch: every line valid against its published schema, lean equal to full
field by field, and `cdss explain` turning the lean lines back into the full ones byte for byte."""

from __future__ import annotations

import contextlib
import io
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings

from cdss.batch.inputs import WorkItem
from cdss.batch.schemas import FullLine, LeanLine
from cdss.batch.worker import Worker
from cdss.cli import main
from cdss.engine.assessment import Assessment, summary_of
from cdss.rules.model import Ruleset
from tests.strategies import cases

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
BAD_LINES = [
    '{"id": "broken", "findings": {',
    '{"id": "unknown-key", "findings": {"slrr": "positive"}}',
    '{"id": "ces-01", "age": 50, "findings": {"fever": true}}',  # the id of an example: a duplicate
    '{"id": "no-findings", "age": 30}',
]


def _quiet(*argv: str) -> tuple[int, str]:
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(io.StringIO()):
        code = main(list(argv))
    return code, printed.getvalue()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("inputs")
    shutil.copytree(EXAMPLES, folder / "examples")
    (folder / "more.jsonl").write_text("\n".join(BAD_LINES) + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def outputs(inputs: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One run per output kind over the same inputs, in input order."""
    folder = tmp_path_factory.mktemp("outputs")
    runs = {
        "lean": ("--format", "jsonl"),
        "full": ("--detail", "full"),
        "lean-ask": ("--ask-next",),
        "full-ask": ("--detail", "full", "--ask-next"),
        "csv": ("--format", "csv"),
        "parquet": ("--format", "parquet"),
    }
    written = {}
    for name, options in runs.items():
        out = folder / f"{name}.out"
        code, _ = _quiet("batch", str(inputs), "--out", str(out), "--jobs", "1", *options)
        assert code == 1, "the bad lines make the run exit 1"
        written[name] = out
    return written


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _result(path: Path, case_id: str) -> tuple[int, str]:
    """The place and text of the result line with that id."""
    texts = path.read_text(encoding="utf-8").splitlines()
    return next((index, text) for index, text in enumerate(texts) if json.loads(text)["id"] == case_id)


@pytest.mark.parametrize(
    ("run", "schema"),
    [
        ("lean", "batch-line"),
        ("lean-ask", "batch-line"),
        ("full", "batch-line-full"),
        ("full-ask", "batch-line-full"),
    ],
)
def test_every_line_of_a_run_validates_against_the_published_schema(
    outputs: dict[str, Path], run: str, schema: str
) -> None:
    code, printed = _quiet("schema", schema)
    assert code == 0
    validator = jsonschema.Draft202012Validator(json.loads(printed))
    lines = _lines(outputs[run])
    assert len(lines) == 40 + len(BAD_LINES)
    for line in lines:
        validator.validate(line)
    assert sum("error" in line for line in lines) == 3  # broken, unknown key, duplicate id


def test_the_schemas_of_the_two_levels_tell_them_apart(outputs: dict[str, Path]) -> None:
    lean, full = (json.loads(_quiet("schema", name)[1]) for name in ("batch-line", "batch-line-full"))
    with pytest.raises(jsonschema.ValidationError, match="Additional properties"):
        jsonschema.validate(json.loads(_result(outputs["full"], "lss-01")[1]), lean)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(json.loads(_result(outputs["lean"], "lss-01")[1]), full)


def _pairs(outputs: dict[str, Path], lean: str, full: str) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    pairs = list(zip(_lines(outputs[lean]), _lines(outputs[full]), strict=True))
    assert pairs
    return pairs


@pytest.mark.parametrize(("lean", "full"), [("lean", "full"), ("lean-ask", "full-ask")])
def test_lean_lines_equal_the_corresponding_fields_of_full_lines(
    outputs: dict[str, Path], lean: str, full: str
) -> None:
    for lean_line, full_line in _pairs(outputs, lean, full):
        if "error" in lean_line:
            assert lean_line == full_line
            continue
        summary = LeanLine.model_validate(lean_line)
        assessment = FullLine.model_validate(full_line)
        assert (summary.source, assessment.source) == (lean_line["source"], full_line["source"])
        projected = summary_of(Assessment.model_validate(assessment.model_dump(exclude={"source", "detail"})),
                               summary.findings)  # fmt: skip
        assert projected.model_dump() == summary.model_dump(exclude={"source", "detail"})


def test_ask_next_is_marked_not_computed_unless_asked_for(outputs: dict[str, Path]) -> None:
    results = [line for line in _lines(outputs["lean"]) if "error" not in line]
    assert {line["ask_next"] for line in results} == {"not_computed"}
    asked = [line["ask_next"] for line in _lines(outputs["lean-ask"]) if "error" not in line]
    assert all(isinstance(items, list) for items in asked), "JSON arrays"
    assert any(asked)


@pytest.fixture(scope="module")
def workers(ruleset: Ruleset) -> Iterator[tuple[Worker, Worker]]:
    """A lean and a full worker, caching nothing: every line is evaluated."""
    lean, full = (Worker(ruleset, "jsonl", detail=detail) for detail in ("lean", "full"))
    yield lean, full
    lean.close()
    full.close()


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=cases())
def test_a_lean_line_is_its_full_line_reduced(workers: tuple[Worker, Worker], case: dict[str, Any]) -> None:
    item = WorkItem(0, "cases.jsonl:1", data=json.dumps(case).encode())
    lean_worker, full_worker = workers
    lean = LeanLine.model_validate_json(lean_worker.one(item).text)
    full = FullLine.model_validate_json(full_worker.one(item).text)
    assessment = Assessment.model_validate(full.model_dump(exclude={"source", "detail"}))
    assert summary_of(assessment, lean.findings).model_dump() == lean.model_dump(exclude={"source", "detail"})
    assert lean.source == full.source


@pytest.mark.parametrize(("lean", "full"), [("lean", "full"), ("lean-ask", "full-ask")])
def test_explain_turns_lean_lines_into_the_full_lines_byte_for_byte(
    outputs: dict[str, Path], lean: str, full: str
) -> None:
    code, printed = _quiet("explain", str(outputs[lean]))
    assert code == 0
    assert printed == outputs[full].read_text(encoding="utf-8")


def test_explain_takes_one_line_and_prints_it_readably(outputs: dict[str, Path]) -> None:
    code, printed = _quiet("explain", _result(outputs["lean"], "ces-02")[1], "--text")
    assert code == 0
    assert printed.startswith("Case ces-02 (setting: primary_care)\nTRIAGE: EMERGENCY")
    assert "Suspected cauda equina syndrome" in printed


def test_explain_refuses_a_line_of_another_ruleset_naming_it(
    outputs: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = outputs["lean"].read_text(encoding="utf-8").splitlines()
    place, text = _result(outputs["lean"], "lss-01")
    other = json.loads(text)
    other["ruleset"]["sha256"] = "f" * 64
    lines[place] = json.dumps(other)
    changed = tmp_path / "changed.jsonl"
    changed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["explain", str(changed)]) == 1
    out, err = capsys.readouterr()
    assert len(out.splitlines()) == place, "the lines before it are expanded"
    assert err.startswith(f"cdss: {changed}:{place + 1} (id lss-01): made with ruleset")
    assert "sha256 ffffffffffff" in err
    assert "not the loaded" in err


def test_explain_refuses_what_is_not_a_batch_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", '{"id": "x", "triage": "routine"}']) == 1
    assert capsys.readouterr().err.startswith("cdss: the line given: not a line of cdss batch")


@pytest.mark.parametrize(
    ("options", "problem"),
    [
        (("--format", "csv", "--detail", "full"), "JSON Lines only"),
        (("--format", "parquet", "--ask-next"), "JSON Lines only"),
        (("--format", "parquet", "--out", "-"), "needs --out FILE"),
    ],
)
def test_options_a_format_cannot_carry_are_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, options: tuple[str, ...], problem: str
) -> None:
    out = ("--out", str(tmp_path / "x")) if "--out" not in options else ()
    assert main(["batch", str(EXAMPLES), *out, *options]) == 2
    err = capsys.readouterr().err
    assert problem in err
    assert err.count("\n") == 1
