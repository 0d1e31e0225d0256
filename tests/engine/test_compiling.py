"""A ruleset that `cdss rules check` passes also loads: the check compiles it as the engine does, and a
rule the C core refuses is a RulesetError naming file, line, rule and what to change (issue 13, item 11)."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

import cdss
from cdss.cli import main

FINDINGS = [
    "saddle_anaesthesia",
    "urinary_retention",
    "bilateral_sciatica",
    "fever",
    "night_pain",
    "neurogenic_claudication",
    "relief_sitting",
]


def _write_rule(ruleset: Path, groups: int) -> int:
    """A red flag rule whose ``any`` holds ``groups`` ``all`` groups of two findings, in a file of its own;
    the line of its ``- id:``."""
    pairs = itertools.islice(itertools.combinations(FINDINGS, 2), groups)
    body = "".join(f"        - all:\n            - {a}: true\n            - {b}: true\n" for a, b in pairs)
    text = (
        "topic: A test of the C core's limits\n"
        "rules:\n"
        "  - id: BIG-001\n"
        "    statement: Any of many pairs of findings is a red flag.\n"
        "    when:\n"
        "      any:\n"
        f"{body}"
        "    then:\n"
        "      red_flag: Many pairs\n"
        "      triage: urgent\n"
        "      diagnosis: cauda_equina\n"
        "      recommendation: Consider a review because many pairs are present.\n"
        "    source: test\n"
        "    strength: D\n"
        "    version: 1\n"
    )
    (ruleset / "rules" / "big.yaml").write_text(text)
    return 3


def test_an_any_of_fourteen_groups_fails_the_check_naming_file_line_rule_and_the_fix(
    capsys: pytest.CaptureFixture[str], ruleset_copy: Path
) -> None:
    line = _write_rule(ruleset_copy, 14)
    code = main(["rules", "check", str(ruleset_copy)])
    _, err = capsys.readouterr()
    assert code == 1
    assert err.startswith(f"cdss: rules/big.yaml:{line}: rule BIG-001: when: durable_rules cannot compile")
    assert "split the `any` over several rules" in err
    assert err.count("\n") == 1  # the one rule, on one line


def test_an_engine_refuses_it_with_a_ruleset_error_not_an_evaluation_error(ruleset_copy: Path) -> None:
    line = _write_rule(ruleset_copy, 14)
    ruleset = cdss.load_ruleset(ruleset_copy)  # the rule language itself has nothing against it
    with pytest.raises(cdss.RulesetError) as caught:
        cdss.Engine(ruleset)
    (problem,) = caught.value.problems
    assert (problem.file, problem.line, problem.rule, problem.field) == (
        "rules/big.yaml",
        line,
        "BIG-001",
        "when",
    )
    assert "error 113" in problem.problem
    with pytest.raises(cdss.RulesetError):
        cdss.Engine(ruleset_copy)


def test_thirteen_groups_pass_the_check_and_load(
    capsys: pytest.CaptureFixture[str], ruleset_copy: Path
) -> None:
    _write_rule(ruleset_copy, 13)
    assert main(["rules", "check", str(ruleset_copy)]) == 0
    assert capsys.readouterr().out.startswith("ok: ")
    with cdss.Engine(ruleset_copy) as engine:
        pairs = {"saddle_anaesthesia": True, "urinary_retention": True}
        assert "BIG-001" in engine.evaluate({"id": "c1", "findings": pairs}).fired_rules
