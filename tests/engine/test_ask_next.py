"""Ask-next: what a clinician would ask. Its shortcuts (answers settled in advance, the weighing updated, not
redone) are checked against trying every answer from scratch; its order against the clinical rules."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cdss.case.findings import Case
from cdss.engine.ask_next import AskNextPlanner
from cdss.engine.assessment import AskNext
from cdss.engine.engine import Engine
from cdss.engine.scoring import Scorer
from cdss.rules.attributes import ATTRIBUTES
from cdss.rules.conditions import Condition
from cdss.rules.evaluation import assuming, compares, holds
from cdss.rules.model import Ruleset
from tests.engine.test_matching import CONDITIONS
from tests.strategies import cases

CES_SCREEN = ("saddle_anaesthesia", "urinary_retention", "faecal_incontinence")


@pytest.fixture(scope="module")
def scorer(ruleset: Ruleset) -> Scorer:
    return Scorer(ruleset, "primary_care")


@pytest.fixture(scope="module")
def planner(ruleset: Ruleset, scorer: Scorer) -> AskNextPlanner:
    return AskNextPlanner(ruleset, scorer)


def _fact(case: dict[str, Any]) -> dict[str, object]:
    return Case.model_validate(case).to_fact()


def _fired(ruleset: Ruleset, fact: dict[str, object]) -> frozenset[str]:
    return frozenset(rule.id for rule in ruleset.rules if holds(rule.matches, fact))


@settings(max_examples=500, deadline=None)
@given(condition=CONDITIONS, case=cases(), data=st.data())
def test_a_condition_assuming_an_answer_holds_exactly_when_it_holds_with_that_answer(
    condition: Condition, case: dict[str, Any], data: st.DataObject
) -> None:
    attribute = data.draw(st.sampled_from(sorted({c.attribute for c in compares(condition)})))
    value = data.draw(st.sampled_from(ATTRIBUTES[attribute].values_to_try((0.0, 30.0, 60.0, 89.0))))
    fact = _fact(case)
    fact.pop(attribute, None)
    rest = assuming(condition, attribute, value)
    expected = holds(condition, {**fact, attribute: value})
    assert (rest if isinstance(rest, bool) else holds(rest, fact)) is expected
    if not isinstance(rest, bool):
        assert attribute not in {c.attribute for c in compares(rest)}


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=cases())
def test_every_outcome_is_what_the_answer_gives_when_evaluated_from_scratch(
    ruleset: Ruleset, scorer: Scorer, planner: AskNextPlanner, case: dict[str, Any]
) -> None:
    fact = _fact(case)
    band = ruleset.case_mix.band(case.get("age"))
    now = scorer.standing(_fired(ruleset, fact), band)
    suggested = planner.suggest(fact, now)
    assert len(suggested) <= ruleset.info.ask_next_limit
    for item in suggested:
        assert item.finding not in fact
        assert item.question.endswith("?")
        assert sum(outcome.chance for outcome in item.outcomes) == pytest.approx(1.0, abs=1e-3)
        for outcome in item.outcomes:
            again = scorer.standing(_fired(ruleset, {**fact, item.finding: outcome.value}), band)
            assert (outcome.triage, outcome.top) == (again.triage, again.ranking[0])
            assert outcome.top_probability == pytest.approx(again.probabilities[again.ranking[0]], abs=1e-4)
    screen = [item for item in suggested if item.finding in CES_SCREEN and item.triage_change > 0]
    assert suggested[: len(screen)] == tuple(screen), "the cauda equina screen comes first"
    assert [item.finding for item in screen] == [f for f in CES_SCREEN if f in {i.finding for i in screen}]
    rest = [(-item.triage_change, -item.information_gain) for item in suggested[len(screen) :]]
    assert rest == sorted(rest)


def _suggested(engine: Engine, case: dict[str, Any]) -> tuple[AskNext, ...]:
    suggested = engine.evaluate(case).ask_next
    assert not isinstance(suggested, str), "evaluate computes ask-next by default"
    return suggested


def test_the_cauda_equina_screen_comes_first_while_it_could_change_the_triage(engine: Engine) -> None:
    sciatica = {"pain_distribution": "unilateral", "pain_below_knee": True, "slr": "positive"}
    asked = [item.finding for item in _suggested(engine, {"id": "s", "age": 40, "findings": sciatica})]
    assert asked[:3] == list(CES_SCREEN)
    emergency = {"id": "e", "age": 40, "findings": {**sciatica, "urinary_retention": True}}
    assert all(item.triage_change == 0 for item in _suggested(engine, emergency))


def test_a_teenager_is_not_asked_about_sexual_dysfunction(engine: Engine) -> None:
    gymnast = {
        "worse_extension": True,
        "step_off_palpable": True,
        "hamstring_tightness": True,
        "myotomal_weakness": False,
        "dermatomal_numbness": False,
        "reflex_change": "none",
    }
    asked = {item.finding for item in _suggested(engine, {"id": "g", "age": 15, "findings": gymnast})}
    assert asked
    assert "sexual_dysfunction" not in asked
