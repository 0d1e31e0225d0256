"""`cdss validate`: preparing a labelled series (metadata dropped, investigations removed or kept)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cdss.case.validate import validate_case
from cdss.cli import main
from cdss.reports.series import INVESTIGATIONS, METADATA, prepared, write_variant

ENTRY = {
    "id": "v1",
    "source": "A journal, 2020",
    "source_diagnosis": "Isthmic spondylolisthesis",
    "expected": "spondylolisthesis",
    "red_flag_expected": False,
    "age": 15,
    "sex": "female",
    "findings": {
        "step_off_palpable": True,
        "imaging_spondylolisthesis_grade": 2,
        "imaging_pars_defect": True,
        "ankle_brachial_index": 1.1,
    },
    "imaging_text": "Grade 2 L5-S1 slip with bilateral pars defects.",
}


def test_metadata_is_dropped_and_investigations_removed_before_any_test() -> None:
    case = json.loads(prepared(json.dumps(ENTRY), investigations=False))
    assert set(case) == {"id", "expected", "red_flag_expected", "age", "sex", "findings"}
    assert case["findings"] == {"step_off_palpable": True}
    assert validate_case(case).red_flag_expected is False


def test_with_investigations_only_the_metadata_goes() -> None:
    case = json.loads(prepared(json.dumps(ENTRY), investigations=True))
    assert case == {key: value for key, value in ENTRY.items() if key not in METADATA}


def test_every_investigation_key_of_the_case_model_is_removed() -> None:
    assert "imaging_spondylolisthesis_grade" in INVESTIGATIONS
    assert "ankle_brachial_index" in INVESTIGATIONS
    assert "step_off_palpable" not in INVESTIGATIONS


@pytest.mark.parametrize("line", ["{not json", "[1, 2]", '"text"'])
def test_a_line_that_is_not_a_case_object_is_left_for_the_batch_to_report(line: str) -> None:
    assert prepared(line, investigations=False) == line


def test_findings_that_are_not_an_object_are_left_for_the_batch_to_report() -> None:
    line = '{"id": "x", "findings": "none", "source": "s"}'
    assert json.loads(prepared(line, investigations=False)) == {"id": "x", "findings": "none"}


def test_a_variant_keeps_every_line_in_its_place(tmp_path: Path) -> None:
    series = tmp_path / "series.jsonl"
    series.write_text(json.dumps(ENTRY) + "\n\n{broken\n", encoding="utf-8")
    target = tmp_path / "cases.jsonl"
    write_variant(series, target, investigations=False)
    lines = target.read_text(encoding="utf-8").split("\n")
    assert lines[1:] == ["", "{broken", ""]
    assert json.loads(lines[0])["findings"] == {"step_off_palpable": True}


def test_a_missing_series_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(tmp_path / "none.jsonl"), "--out-dir", str(tmp_path)]) == 2
    assert "none.jsonl: no such file" in capsys.readouterr().err
