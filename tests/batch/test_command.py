"""``cdss batch`` on the command line: outputs, summary and report files, exit codes, one-line errors."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest

from cdss.cli import main

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["batch", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_help_documents_inputs_options_and_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["batch", "--help"])
    text = capsys.readouterr().out
    assert stopped.value.code == 0
    for option in (
        "PATH",
        "--out",
        "--format",
        "--jobs",
        "--summary",
        "--report",
        "--error-schema",
    ):
        assert option in text
    assert "JSON Lines" in text
    assert "exit codes: 0 every case evaluated; 1 some cases could not be evaluated" in text
    assert "2 usage error" in text


def test_the_main_help_lists_batch(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "batch" in capsys.readouterr().out


def test_the_examples_run_clean_with_summary_and_report(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out, summary, report = tmp_path / "r.jsonl", tmp_path / "summary.json", tmp_path / "validation.md"
    code, printed, err = _run(capsys, str(EXAMPLES), "--out", str(out), "--summary", str(summary),
                              "--report", str(report), "--jobs", "1")  # fmt: skip
    assert (code, err) == (0, "")
    lines = _lines(out)
    assert len(lines) == 40
    assert all("error" not in line and "triage" in line for line in lines)
    figures = json.loads(summary.read_text())
    assert (figures["cases"], figures["evaluated"], figures["errors"]) == (40, 40, 0)
    assert figures["validation"]["labelled"] == 40
    assert printed.startswith("40 cases: 40 evaluated, 0 errors")
    assert report.read_text() in printed  # the report is printed as well as written
    assert "## Confusion table" in report.read_text()


def test_hostile_inputs_give_error_lines_and_exit_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "broken.json").write_text('{"id": ')
    (inputs / "empty.yaml").write_text("")
    (inputs / "good.json").write_text('{"id": "good"}')
    (inputs / "lines.jsonl").write_bytes(b'{"id": "good"}\n\xff\n')
    code, printed, err = _run(capsys, str(inputs), "--out", str(tmp_path / "r.jsonl"), "--jobs", "1")
    assert (code, err) == (1, "")
    kinds = [line.get("error", {}).get("kind") for line in _lines(tmp_path / "r.jsonl")]
    assert kinds == ["invalid_syntax", "empty", None, "duplicate_id", "not_utf8"]
    assert "5 cases: 1 evaluated, 4 errors" in printed
    assert "nothing to compare" not in printed  # no labels: no report printed


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["{missing}", "--out", "{out}"], "no such file or folder"),
        (["{tmp}/*.nothing", "--out", "{out}"], "no file matches"),
        (["--out", "{out}"], "give at least one PATH"),
        (["{examples}"], "--out FILE is required"),
        (["{examples}", "--out", "{tmp}/no/such/folder/r.jsonl"], "cannot write"),
        (["{examples}", "--out", "{out}", "--summary", "{tmp}/no/such/s.json"], "the folder does not exist"),
        (["{empty}", "--out", "{out}"], "no case files found"),
    ],
)
def test_usage_errors_exit_2_with_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, arguments: list[str], message: str
) -> None:
    (tmp_path / "empty").mkdir()
    places = {"missing": tmp_path / "missing", "out": tmp_path / "r.jsonl", "tmp": tmp_path,
              "examples": EXAMPLES, "empty": tmp_path / "empty"}  # fmt: skip
    code, _, err = _run(capsys, *(argument.format(**places) for argument in arguments), "--jobs", "1")
    assert code == 2
    assert err.startswith("cdss batch: ")
    assert message in err
    assert len(err.splitlines()) == 1


@pytest.mark.parametrize("arguments", [["--jobs", "0"], ["--jobs", "many"], ["--format", "xml"]])
def test_bad_option_values_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, arguments: list[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["batch", str(EXAMPLES), "--out", str(tmp_path / "r.jsonl"), *arguments])
    assert stopped.value.code == 2
    assert "Traceback" not in capsys.readouterr().err


def test_a_ruleset_that_does_not_load_exits_1_with_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "rules").mkdir()
    code, _, err = _run(
        capsys, str(EXAMPLES), "--out", str(tmp_path / "r.jsonl"), "--ruleset", str(tmp_path / "rules")
    )
    assert code == 1
    assert err.startswith("cdss: ")
    assert "Traceback" not in err


def test_lines_can_go_to_standard_output_with_the_summary_on_stderr(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = _run(capsys, str(EXAMPLES / "cauda_equina"), "--out", "-", "--jobs", "1")
    assert code == 0
    assert [json.loads(line)["id"] for line in out.splitlines()] == [f"ces-0{n}" for n in range(1, 7)]
    assert err.startswith("6 cases: 6 evaluated, 0 errors")


def test_csv_is_a_flat_table(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "r.csv"
    code, _, _ = _run(
        capsys, str(EXAMPLES / "spinal_stenosis"), "--out", str(out), "--format", "csv", "--jobs", "1"
    )
    rows = list(csv.DictReader(out.read_text(encoding="utf-8").splitlines()))
    assert code == 0
    assert len(rows) == 5
    assert {row["status"] for row in rows} == {"ok"}
    assert {row["expected"] for row in rows} == {"spinal_stenosis"}


def test_the_error_schema_describes_error_lines(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "--error-schema")
    schema = json.loads(out)
    assert code == 0
    assert schema["required"] == ["id", "source", "error"]
    assert set(schema["$defs"]["ErrorDetail"]["properties"]) == {"kind", "field", "problem", "problems"}


def test_processes_give_the_lines_of_one_process(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    examples = [path.read_text() for path in sorted(EXAMPLES.rglob("*.json"))]
    cases = [
        {**json.loads(examples[number % len(examples)]), "id": f"case-{number}"} for number in range(150)
    ]
    source = tmp_path / "cases.jsonl"
    source.write_text("".join(json.dumps(case) + "\n" for case in cases))  # more than one chunk: a real pool
    _run(capsys, str(source), "--out", str(tmp_path / "one.jsonl"), "--jobs", "1")
    code, _, err = _run(capsys, str(source), "--out", str(tmp_path / "two.jsonl"), "--jobs", "2")
    assert (code, err) == (0, "")
    assert (tmp_path / "two.jsonl").read_bytes() == (tmp_path / "one.jsonl").read_bytes()
    assert len(_lines(tmp_path / "two.jsonl")) == 150
