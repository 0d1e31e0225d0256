"""The explainer reuses entries, evidence items and red flags it built before: never a different answer."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cdss.case.findings import Case
from cdss.engine.ask_next import AskNextPlanner
from cdss.engine.assessment import EngineStamp, RulesetStamp
from cdss.engine.explain import Explainer
from cdss.engine.scoring import Scorer
from cdss.rules.evaluation import holds
from cdss.rules.model import Ruleset
from tests.strategies import cases


def _explainer(ruleset: Ruleset, cache_size: int) -> Explainer:
    scorer = Scorer(ruleset, "primary_care")
    stamp = RulesetStamp(name=ruleset.info.name, version=ruleset.info.version, sha256=ruleset.sha256)
    return Explainer(
        scorer,
        AskNextPlanner(ruleset, scorer),
        stamp,
        EngineStamp(cdss="test", durable_rules="test"),
        cache_size,
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(batch=st.lists(cases(), min_size=1, max_size=25))
def test_reused_parts_give_the_assessment_built_from_nothing(
    ruleset: Ruleset, batch: list[dict[str, Any]]
) -> None:
    remembering, forgetful = _explainer(ruleset, 4096), _explainer(ruleset, 2)
    for case in batch + batch:  # the second time round, every part is already known to the first explainer
        fact = Case.model_validate(case).to_fact()
        fired = frozenset(rule.id for rule in ruleset.rules if holds(rule.matches, fact))
        fresh = _explainer(ruleset, 1).build(fact, fired, "x")
        assert remembering.build(fact, fired, "x") == fresh
        assert forgetful.build(fact, fired, "x") == fresh


def test_a_number_and_the_same_number_written_with_a_decimal_point_are_shown_as_given(
    ruleset: Ruleset,
) -> None:
    explainer = _explainer(ruleset, 4096)
    for age in (15, 15.0):
        fact: dict[str, object] = {"age": age, "sex": "male", "fever": True, "cancer_history": True}
        fired = frozenset(rule.id for rule in ruleset.rules if holds(rule.matches, fact))
        shown = [
            value
            for entry in explainer.build(fact, fired).differential
            for item in entry.supporting + entry.refuting
            for name, value in item.findings.items()
            if name == "age"
        ]
        assert shown, "a rule reading age should have fired"
        assert all(type(value) is type(age) for value in shown)
