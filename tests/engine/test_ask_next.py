"""Ask-next: its shortcuts (answers settled in advance, the weighing updated, not redone) change nothing.

Each shortcut is checked against the plain definition: try every answer to every unexamined finding on
a copy of the fact, evaluate every rule with :func:`cdss.rules.evaluation.holds`, weigh from scratch.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cdss.case.findings import Case
from cdss.engine.ask_next import AskNextPlanner
from cdss.engine.assessment import AskNext, Outcome
from cdss.engine.scoring import Scorer
from cdss.rules.attributes import ATTRIBUTES
from cdss.rules.conditions import Condition
from cdss.rules.evaluation import assuming, compares, holds
from cdss.rules.model import ImagingAdvice, Ruleset, Triage
from tests.engine.test_matching import CONDITIONS
from tests.strategies import cases


@pytest.fixture(scope="module")
def scorer(ruleset: Ruleset) -> Scorer:
    return Scorer(ruleset)


@pytest.fixture(scope="module")
def planner(ruleset: Ruleset, scorer: Scorer) -> AskNextPlanner:
    return AskNextPlanner(ruleset, scorer)


def _fact(case: dict[str, Any]) -> dict[str, object]:
    return Case.model_validate(case).to_fact()


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


def _from_scratch(ruleset: Ruleset, scorer: Scorer, fact: dict[str, object]) -> tuple[AskNext, ...]:
    """Ask-next by its definition: every answer to every unexamined finding, everything evaluated again."""

    def outlook(trial: dict[str, object]) -> tuple[Triage, str, float]:
        now = scorer.standing(frozenset(rule.id for rule in ruleset.rules if holds(rule.matches, trial)))
        return now.triage, now.ranking[0], round(now.probabilities[now.ranking[0]], 4)

    current = outlook(fact)
    # every value worth trying is a threshold of a rule that can move the outlook: imaging advice cannot
    weighing = [rule for rule in ruleset.rules if not isinstance(rule.then, ImagingAdvice)]
    tests = [c for rule in weighing for c in compares(rule.matches)]
    read = sorted({c.attribute for c in tests})
    thresholds = {
        name: tuple(sorted({float(c.value) for c in tests if c.attribute == name}))
        for name in read
        if ATTRIBUTES[name].kind == "number"
    }
    ranked = []
    for name in read:
        if name in fact:
            continue
        values = ATTRIBUTES[name].values_to_try(thresholds.get(name, ()))
        results = [(value, outlook({**fact, name: value})) for value in values]
        impacts = [
            3.0 if r[0] != current[0] else 2.0 if r[1] != current[1] else abs(r[2] - current[2])
            for _, r in results
        ]
        if max(impacts) > 0:
            ranked.append((-max(impacts), name, results))
    ranked.sort(key=lambda item: item[:2])
    return tuple(
        AskNext(
            finding=name,
            question=ATTRIBUTES[name].title,
            impact=round(-impact, 4),
            outcomes=tuple(Outcome(value=v, triage=r[0], top=r[1], top_probability=r[2]) for v, r in results),
        )
        for impact, name, results in ranked[: ruleset.info.ask_next_limit]
    )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=cases())
def test_ask_next_equals_trying_every_answer_from_scratch(
    ruleset: Ruleset, scorer: Scorer, planner: AskNextPlanner, case: dict[str, Any]
) -> None:
    fact = _fact(case)
    fired = frozenset(rule.id for rule in ruleset.rules if holds(rule.matches, fact))
    assert planner.suggest(fact, scorer.standing(fired)) == _from_scratch(ruleset, scorer, fact)
