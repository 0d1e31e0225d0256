"""The traceability report built from pytest-bdd's Cucumber JSON: ``cdss specs report``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cdss.cli import build_parser, main
from cdss.reports.specs import basis_claims, read_cucumber, render_report
from cdss.rules.model import Ruleset

FEATURE = "features/spinal_stenosis.feature"


def _step(name: str, status: str = "passed") -> dict[str, object]:
    return {
        "keyword": "Then",
        "name": name,
        "line": 9,
        "match": {"location": ""},
        "result": {"status": status, "duration": 1000},
    }


def _scenario(
    name: str, line: int, tags: list[str], steps: list[dict[str, object]], test_id: str | None = None
) -> dict[str, object]:
    return {
        "keyword": "Scenario",
        "id": test_id or f"test_{line}",
        "name": name,
        "line": line,
        "description": "",
        "tags": [{"name": tag, "line": line - 1} for tag in tags],
        "type": "scenario",
        "steps": steps,
    }


def _cucumber(*elements: dict[str, object]) -> list[dict[str, object]]:
    return [
        {
            "keyword": "Feature",
            "uri": FEATURE,
            "name": "Lumbar spinal stenosis",
            "id": FEATURE,
            "line": 1,
            "description": "",
            "language": "en",
            "tags": [],
            "elements": list(elements),
        }
    ]


FIXTURE = _cucumber(
    _scenario(
        "Leaning forward eases the pain",
        10,
        ["LSS-006", "LSS-007"],
        [
            _step("leaning forward eases the pain"),
            _step("rule LSS-006 is part of the basis"),
            _step("rule LSS-007 is not part of the basis"),
        ],
    ),
    _scenario(
        "Leaning forward does not ease the pain",
        20,
        ["LSS-006", "LSS-007"],
        [
            _step("leaning forward does not ease the pain"),
            _step("rule LSS-007 is part of the basis"),
            _step("rule LSS-006 is not part of the basis", status="failed"),
        ],
    ),
    _scenario(
        "Leaning forward, asked through the command line",
        30,
        ["LSS-007"],
        [
            _step("rule LSS-007 is not part of the basis"),
        ],
        test_id="test_twice",
    ),
    _scenario(
        "Leaning forward, asked through the command line",
        30,
        ["LSS-007"],
        [
            _step("rule LSS-007 is not part of the basis"),
        ],
        test_id="test_twice",
    ),
    _scenario(
        "Walking brings on the leg pain",
        50,
        ["LSS-010", "LSS-011"],
        [_step("rule LSS-010 is part of the basis"), _step("rule LSS-011 is not part of the basis")],
    ),
    _scenario(
        "Walking does not bring on the leg pain",
        60,
        ["LSS-010", "LSS-011"],
        [_step("rule LSS-011 is part of the basis"), _step("rule LSS-010 is not part of the basis")],
    ),
    _scenario("A tag that names no rule", 40, ["LSS-999"], [_step("rule LSS-999 is part of the basis")]),
)


@pytest.fixture
def cucumber(tmp_path: Path) -> Path:
    path = tmp_path / "cucumber.json"
    path.write_text(json.dumps(FIXTURE), encoding="utf-8")
    return path


def _section(report: str, title: str) -> str:
    """The text of one ``## `` section of the report."""
    start = report.index(f"## {title}\n")
    end = report.find("\n## ", start + 1)
    return report[start : end if end != -1 else None]


def test_basis_claims_read_the_then_lines() -> None:
    claims = basis_claims(
        [
            "rule LSS-006 is part of the basis",
            "rule LDH-002 is not part of the basis",
            "the triage is routine",
            "rule LSS-006 is part of the basis, I think",
        ]
    )
    assert claims == {"LSS-006": "fires", "LDH-002": "does not fire"}


def test_repeated_runs_of_a_scenario_are_merged(cucumber: Path) -> None:
    scenarios = read_cucumber(cucumber)
    twice = [s for s in scenarios if s.line == 30]
    assert len(twice) == 1
    assert twice[0].runs == 2
    assert twice[0].status == "passed"


def test_a_failed_step_fails_the_scenario(cucumber: Path) -> None:
    statuses = {s.line: s.status for s in read_cucumber(cucumber)}
    assert statuses[10] == "passed"
    assert statuses[20] == "failed"


def test_rules_lacking_coverage_come_first_with_what_is_missing(cucumber: Path, ruleset: Ruleset) -> None:
    report = render_report(ruleset, read_cucumber(cucumber))
    lacking = _section(report, "Rules lacking coverage")
    assert report.index("## Rules lacking coverage") < report.index("## Rules\n")
    # LSS-006 fires in a passing scenario, but its only "does not fire" scenario failed.
    assert "| [LSS-006](#lss-006) | Pain not worse on sitting makes" in lacking
    assert "| no passing scenario where it does not fire |" in lacking
    # LSS-007 does not fire in passing scenarios, but its only "fires" scenario failed.
    assert "| no passing scenario where it fires |" in lacking
    # LSS-010 and LSS-011 are covered both ways.
    assert "LSS-010" not in lacking
    assert "LSS-011" not in lacking
    # A rule no scenario mentions.
    assert "| [CES-002](#ces-002) | Saddle anaesthesia is a cauda equina red flag. | no scenario |" in lacking


def test_the_summary_counts_rules_scenarios_and_steps(cucumber: Path, ruleset: Ruleset) -> None:
    report = render_report(ruleset, read_cucumber(cucumber))
    rules = len(ruleset.rules)
    assert f"**{rules} rules**: 2 covered both ways, {rules - 2} lacking coverage." in report
    assert (
        "**6 scenarios** (outline rows counted one by one, 12 steps): 5 passed, 1 failed, 0 skipped."
        in report
    )


def test_failing_scenarios_and_unknown_tags_are_listed(cucumber: Path, ruleset: Ruleset) -> None:
    report = render_report(ruleset, read_cucumber(cucumber))
    assert "- Leaning forward does not ease the pain (features/spinal_stenosis.feature:20)" in _section(
        report, "Failing scenarios"
    )
    assert '- `@LSS-999` on "A tag that names no rule" (features/spinal_stenosis.feature:40)' in _section(
        report, "Tags that name no rule"
    )


def test_each_rule_shows_statement_source_strength_and_its_scenarios(
    cucumber: Path, ruleset: Ruleset
) -> None:
    report = render_report(ruleset, read_cucumber(cucumber))
    rule = ruleset.rule_by_id["LSS-007"]
    section = report[report.index("### LSS-007") : report.index("### LSS-008")]
    assert rule.statement in section
    assert f"- Source: {rule.source}" in section
    assert f"- Strength: {rule.strength}" in section
    assert f"| Leaning forward does not ease the pain | {FEATURE}:20 | fires | failed |" in section
    assert f"| Leaning forward eases the pain | {FEATURE}:10 | does not fire | passed |" in section
    twice = "Leaning forward, asked through the command line"
    assert f"| {twice} | {FEATURE}:30 | does not fire | passed (2 runs) |" in section


def test_command_writes_the_report(cucumber: Path, tmp_path: Path) -> None:
    out = tmp_path / "reports" / "specs.md"
    assert main(["specs", "report", "--cucumber", str(cucumber), "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("# Specification of lumbar-radicular-pain")


def test_command_prints_the_report_without_out(cucumber: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["specs", "report", "--cucumber", str(cucumber)]) == 0
    assert "## Rules lacking coverage" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not a Cucumber JSON file"),
        ('{"features": []}', "expected a list of features"),
    ],
)
def test_command_rejects_a_file_that_is_not_cucumber_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, message: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    assert main(["specs", "report", "--cucumber", str(path)]) == 1
    assert message in capsys.readouterr().err


def test_command_reports_a_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["specs", "report", "--cucumber", str(tmp_path / "missing.json")]) == 1
    assert "missing.json" in capsys.readouterr().err


def test_help_names_the_cucumber_input(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        build_parser().parse_args(["specs", "report", "--help"])
    assert exit_info.value.code == 0
    help_text = capsys.readouterr().out
    assert "--cucumber FILE" in help_text
    assert "--out FILE" in help_text
