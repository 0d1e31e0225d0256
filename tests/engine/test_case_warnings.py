"""A case with nothing examined, or an age outside the ruleset's setting, is assessed with a warning that
says so, in the full assessment and in the summary alike (issue 13, item 10)."""

from __future__ import annotations

from typing import Any

import pytest

import cdss
from cdss.engine.conclusions import NOT_EXAMINED, OUTSIDE_SETTING
from cdss.rules.model import Ruleset

NOTHING: dict[str, dict[str, Any]] = {
    "no findings key": {"id": "c1"},
    "empty findings": {"id": "c1", "findings": {}},
    "every finding not examined": {"id": "c1", "age": 50, "sex": "female", "findings": {"slr": None}},
}


@pytest.mark.parametrize("case", NOTHING.values(), ids=NOTHING.keys())
def test_a_case_with_nothing_examined_says_so(engine: cdss.Engine, case: dict[str, Any]) -> None:
    assessment = engine.evaluate(case)
    warnings = {item.rule: item for item in assessment.warnings}
    assert NOT_EXAMINED in warnings
    assert "no finding was examined" in warnings[NOT_EXAMINED].message
    assert NOT_EXAMINED in {item.rule for item in engine.summarise(case).warnings}


def test_a_case_with_one_finding_examined_gets_no_such_warning(engine: cdss.Engine) -> None:
    case = {"id": "c1", "age": 50, "findings": {"slr": "negative"}}
    assert NOT_EXAMINED not in {item.rule for item in engine.evaluate(case).warnings}


@pytest.mark.parametrize("age", [0, 12, 17])
def test_an_age_outside_the_setting_says_so(engine: cdss.Engine, ruleset: Ruleset, age: int) -> None:
    ages = ruleset.info.setting_ages
    assert ages is not None
    assert ages.from_age == 18  # the bundled setting: adults
    case = {"id": "c1", "age": age, "findings": {"slr": "positive"}}
    warnings = {item.rule: item for item in engine.evaluate(case).warnings}
    assert dict(warnings[OUTSIDE_SETTING].findings) == {"age": age}
    assert "18 and over" in warnings[OUTSIDE_SETTING].message
    assert OUTSIDE_SETTING in {item.rule for item in engine.summarise(case).warnings}


@pytest.mark.parametrize("case", [{"age": 18}, {"age": 95}, {}], ids=["18", "95", "no age"])
def test_an_age_inside_the_setting_or_unrecorded_gets_no_such_warning(
    engine: cdss.Engine, case: dict[str, Any]
) -> None:
    assessment = engine.evaluate({"id": "c1", **case, "findings": {"slr": "positive"}})
    assert OUTSIDE_SETTING not in {item.rule for item in assessment.warnings}


def test_a_summary_with_case_warnings_expands_to_the_full_assessment(engine: cdss.Engine) -> None:
    case = {"id": "c1", "age": 12, "findings": {"fever": False}}  # a finding no fired rule reads
    assert engine.expand(engine.summarise(case)) == engine.evaluate(case, ask_next=False)
    empty = {"id": "c2", "findings": {}}
    assert engine.expand(engine.summarise(empty)) == engine.evaluate(empty, ask_next=False)
