"""`cdss calibrate`: the ruleset's calibration slope fitted in the open on a labelled series."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from cdss.case.findings import diagnosis_class
from cdss.cli import main
from cdss.engine.engine import Engine
from cdss.reports.series import prepared
from cdss.reports.slope import GRID, fit_slope
from cdss.rules.model import Ruleset
from tests.reports.test_validate_command import SERIES

LINES = [json.dumps(entry) for entry in SERIES]


def test_the_loss_at_the_rulesets_own_slope_is_that_of_the_engine(ruleset: Ruleset) -> None:
    fit = fit_slope(ruleset, LINES, "primary_care")
    assert [slope for slope, _ in fit.losses] == list(GRID)
    assert fit.cases == 2 * len(SERIES)
    losses = []
    with Engine(ruleset, setting="primary_care") as engine:
        for line in LINES:
            for investigations in (False, True):
                case = json.loads(prepared(line, investigations=investigations))
                expected = diagnosis_class(case["expected"])
                differential = engine.evaluate(case, ask_next=False).differential
                given = math.fsum(
                    e.probability for e in differential if diagnosis_class(e.condition) == expected
                )
                losses.append(-math.log(given))
    assert dict(fit.losses)[fit.current] == pytest.approx(math.fsum(losses) / len(losses), abs=1e-3)
    assert dict(fit.losses)[fit.best] == min(loss for _, loss in fit.losses)


def test_the_command_prints_every_slope_and_the_fit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    series = tmp_path / "series.jsonl"
    series.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    assert main(["calibrate", str(series), "--setting", "secondary_care"]) == 0
    printed = capsys.readouterr().out.splitlines()
    rows = [line for line in printed if line[:5].strip().replace(".", "").isdigit()]
    assert len(rows) == len(GRID)
    assert sum("<- least" in row for row in rows) == 1
    assert printed[-1].startswith("fitted slope: ")
    assert "(the ruleset's now: 2)" in printed[-1]


def test_a_series_without_labels_or_with_a_bad_case_is_refused_clearly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    unlabelled = tmp_path / "unlabelled.jsonl"
    unlabelled.write_text(json.dumps({"id": "u1", "findings": {"slr": "positive"}}) + "\n", encoding="utf-8")
    assert main(["calibrate", str(unlabelled)]) == 1
    assert "no case with an expected diagnosis" in capsys.readouterr().err
    bad = tmp_path / "bad.jsonl"
    bad.write_text(LINES[0] + "\n" + json.dumps({"id": "b2", "expected": "flu", "findings": {}}) + "\n")
    assert main(["calibrate", str(bad)]) == 1
    error = capsys.readouterr().err
    assert "case b2: expected:" in error
    assert "'flu'" in error
    broken = tmp_path / "broken.jsonl"
    broken.write_text(LINES[0] + "\n{not json\n", encoding="utf-8")
    assert main(["calibrate", str(broken)]) == 1
    assert "line 2: not JSON" in capsys.readouterr().err


def test_a_missing_series_is_a_usage_error_and_a_ruleset_that_does_not_load_a_failure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing.jsonl"
    assert main(["calibrate", str(missing)]) == 2
    assert str(missing) in capsys.readouterr().err
    series = tmp_path / "series.jsonl"
    series.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    assert main(["calibrate", str(series), "--setting", "nowhere"]) == 1
    assert "no setting 'nowhere'" in capsys.readouterr().err
    assert main(["calibrate", str(series), "--ruleset", str(tmp_path / "none")]) == 1
    assert "no such ruleset directory" in capsys.readouterr().err
