"""`cdss validate` end to end on a small labelled series: every setting and variant through `cdss batch`."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from cdss.cli import main

SERIES = [
    {
        "id": "s1", "source": "Case report, 2019", "source_diagnosis": "Cauda equina syndrome",
        "expected": "cauda_equina", "red_flag_expected": True, "age": 44, "sex": "male",
        "findings": {"bilateral_sciatica": True, "saddle_anaesthesia": True, "urinary_retention": True,
                     "imaging_cauda_equina_compression": True},
        "imaging_text": "Large central L4-5 disc extrusion compressing the cauda equina.",
    },
    {
        "id": "s2", "source": "Teaching case", "source_diagnosis": "Lumbar spinal stenosis",
        "expected": "spinal_stenosis", "red_flag_expected": False, "age": 74, "sex": "female",
        "findings": {"pain_distribution": "bilateral", "neurogenic_claudication": True,
                     "relief_sitting": True, "relief_leaning_forward": True,
                     "imaging_canal_stenosis": "severe"},
        "imaging_text": "Severe central canal stenosis at L3-4 and L4-5.",
    },
    {
        "id": "s3", "source": "Case report, 2021", "source_diagnosis": "Iliac artery occlusion",
        "expected": "vascular_claudication", "red_flag_expected": None, "age": 68, "sex": "male",
        "findings": {"neurogenic_claudication": True, "pain_relief_standing_still": True,
                     "pedal_pulses_reduced": True, "ankle_brachial_index": 0.6},
        "imaging_text": "ABI 0.6.",
    },
]  # fmt: skip
RUNS = [f"{setting}-{variant}" for setting in ("secondary_care", "primary_care")
        for variant in ("findings-only", "with-investigations")]  # fmt: skip


@pytest.fixture
def series(tmp_path: Path) -> Path:
    path = tmp_path / "series.jsonl"
    path.write_text("".join(json.dumps(entry) + "\n" for entry in SERIES), encoding="utf-8")
    return path


def _validate(series: Path, folder: Path, jobs: int, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["validate", str(series), "--out-dir", str(folder), "--jobs", str(jobs)]) == 0
    return capsys.readouterr().out


def test_every_setting_and_variant_runs_and_the_figures_are_printed_side_by_side(
    series: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "out"
    printed = _validate(series, folder, 1, capsys)
    assert printed == (folder / "comparison.md").read_text(encoding="utf-8") + "\n"
    header = printed.splitlines()[2]
    assert header == (
        "| figure | secondary_care, findings only | secondary_care, with investigations "
        "| primary_care, findings only | primary_care, with investigations |"
    )
    assert (
        "| cases evaluated | 3 of 3 (0 errors) | 3 of 3 (0 errors) | 3 of 3 (0 errors) | 3 of 3 (0 errors) |"
        in printed
    )
    assert (
        "| `cauda_equina` triaged emergency | 100.0% (1/1) | 100.0% (1/1) | 100.0% (1/1) | 100.0% (1/1) |"
        in printed
    )
    for run in RUNS:
        summary = json.loads((folder / f"{run}.json").read_text(encoding="utf-8"))
        assert summary["validation"]["labelled"] == 3
        assert summary["validation"]["source_triage"]["labelled"] == 2
        assert (folder / f"{run}.md").read_text(encoding="utf-8").startswith("# Validation report")
        assert len((folder / f"{run}.jsonl").read_text(encoding="utf-8").splitlines()) == 3


def test_findings_only_means_no_investigation_reaches_the_engine(
    series: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "out"
    _validate(series, folder, 1, capsys)
    before = [json.loads(line) for line in (folder / "cases-findings-only.jsonl").read_text().splitlines()]
    after = [
        json.loads(line) for line in (folder / "cases-with-investigations.jsonl").read_text().splitlines()
    ]
    assert not any(key.startswith(("imaging_", "ankle_")) for case in before for key in case["findings"])
    assert after[2]["findings"]["ankle_brachial_index"] == 0.6
    assert all("source" not in case and "imaging_text" not in case for case in before + after)


def test_the_same_series_gives_the_same_figures_whatever_the_workers(
    series: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    assert _validate(series, one, 1, capsys) == _validate(series, two, 2, capsys)
    for run in RUNS:
        assert (one / f"{run}.md").read_bytes() == (two / f"{run}.md").read_bytes()


def test_a_named_ruleset_is_the_one_every_run_uses(series: Path, ruleset_copy: Path, tmp_path: Path) -> None:
    stamp = ruleset_copy / "ruleset.yaml"
    stamp.write_text(
        re.sub(r"(?m)^version: .*$", "version: 0.0.1-candidate", stamp.read_text(encoding="utf-8")),
        encoding="utf-8",
    )
    folder = tmp_path / "out"
    arguments = ["--out-dir", str(folder), "--jobs", "1", "--ruleset", str(ruleset_copy)]
    assert main(["validate", str(series), *arguments]) == 0
    for run in RUNS:
        summary = json.loads((folder / f"{run}.json").read_text(encoding="utf-8"))
        assert summary["ruleset"]["version"] == "0.0.1-candidate"


def test_a_ruleset_that_does_not_exist_stops_the_validation(
    series: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "no-such-ruleset"
    code = main(["validate", str(series), "--out-dir", str(tmp_path / "o"), "--ruleset", str(missing)])
    assert code == 1  # as cdss batch: a ruleset that does not load
    assert f"{missing}: no such ruleset directory" in capsys.readouterr().err
