"""The summary (lean conclusions) against the full assessment: equal field by field, enough to rebuild it."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cdss.case.findings import Case
from cdss.engine.assessment import NOT_COMPUTED, summary_of
from cdss.engine.engine import Engine
from cdss.errors import RulesetMismatchError
from tests.strategies import cases

CAUDA_EQUINA: dict[str, Any] = {
    "id": "ces-1",
    "age": 44,
    "sex": "male",
    "findings": {"saddle_anaesthesia": True, "slr": "positive", "pain_distribution": "bilateral"},
}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=cases())
def test_the_summary_is_the_full_assessment_without_its_texts(engine: Engine, case: dict[str, Any]) -> None:
    summary = engine.summarise(case)
    assert summary == summary_of(engine.evaluate(case, ask_next=False), summary.findings)
    assert summary.ask_next == NOT_COMPUTED
    fact = Case.model_validate(case).to_fact()
    assert summary.findings.items() <= fact.items()


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=cases(), ask_next=st.booleans())
def test_the_lean_json_is_the_summary_serialised_byte_for_byte(
    engine: Engine, case: dict[str, Any], ask_next: bool
) -> None:
    """A batch writes the summary's JSON without building the model: the same bytes, the same figures."""
    lean = engine.lean(case, ask_next=ask_next)
    summary = engine.summarise(case, ask_next=ask_next)
    assert lean.body == summary.model_dump_json(exclude={"id"}, exclude_none=True).encode()
    concluded = lean.conclusions
    assert concluded == engine.conclude(case)
    assert concluded.triage == summary.triage
    assert concluded.ranked == tuple((entry.condition, entry.probability) for entry in summary.differential)
    assert concluded.red_flags == tuple(flag.rule for flag in summary.red_flags)
    assert concluded.fired_rules == summary.fired_rules


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=cases())
def test_a_summary_expands_into_the_full_assessment(engine: Engine, case: dict[str, Any]) -> None:
    assert engine.expand(engine.summarise(case)) == engine.evaluate(case, ask_next=False)
    assert engine.expand(engine.summarise(case, ask_next=True)) == engine.evaluate(case)


def test_the_summary_names_red_flags_and_counted_evidence_by_reference(engine: Engine) -> None:
    summary = engine.summarise(CAUDA_EQUINA)
    assert summary.triage == "emergency"
    assert summary.differential[0].condition == "cauda_equina"
    assert {flag.condition for flag in summary.red_flags} >= {"cauda_equina"}
    full = engine.evaluate(CAUDA_EQUINA, ask_next=False)
    counted = {
        item.rule for entry in full.differential for item in entry.supporting + entry.refuting if item.counted
    }
    listed = {ref.rule for entry in summary.differential for ref in entry.supporting + entry.refuting}
    assert listed == counted
    assert counted, "this case has counted evidence"


def test_ask_next_is_marked_not_computed_rather_than_left_empty(engine: Engine) -> None:
    assert engine.evaluate(CAUDA_EQUINA, ask_next=False).ask_next == "not_computed"
    asked = engine.summarise({"id": "x", "findings": {}}, ask_next=True).ask_next
    assert isinstance(asked, tuple)
    assert asked


def test_expanding_refuses_a_summary_of_another_ruleset(engine: Engine) -> None:
    summary = engine.summarise(CAUDA_EQUINA)
    other = summary.model_copy(update={"ruleset": summary.ruleset.model_copy(update={"sha256": "0" * 64})})
    with pytest.raises(RulesetMismatchError, match="not the loaded"):
        engine.expand(other)


def test_expanding_refuses_conclusions_the_engine_does_not_reach(engine: Engine) -> None:
    summary = engine.summarise(CAUDA_EQUINA)
    with pytest.raises(RulesetMismatchError, match="conclusions differ"):
        engine.expand(summary.model_copy(update={"triage": "routine"}))
