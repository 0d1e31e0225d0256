"""The safety invariant: any cauda equina feature makes the triage an emergency and puts cauda equina first,
whatever else the case shows. Checked on generated cases, not only on examples."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cdss.engine.engine import Engine
from cdss.errors import CaseError
from cdss.rules.attributes import ATTRIBUTES
from tests.strategies import cases

CAUDA_EQUINA_FEATURES: list[dict[str, Any]] = [
    {"saddle_anaesthesia": True},
    {"urinary_retention": True},
    {"urinary_incontinence": True},
    {"faecal_incontinence": True},
    {"reduced_anal_tone": True},
    {"sexual_dysfunction": True},
    {"bilateral_sciatica": True},
    {"bilateral_sciatica": True, "myotomal_weakness": True},
    {"pain_distribution": "bilateral", "progressive_weakness": True},
]
CES_FLAGS = {"CES-002", "CES-003", "CES-004", "CES-005", "CES-006", "CES-007", "CES-008", "CES-009"}

_SETTINGS = settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_SETTINGS
@given(case=st.sampled_from(CAUDA_EQUINA_FEATURES).flatmap(lambda feature: cases(required=feature)))
def test_any_cauda_equina_feature_is_an_emergency_with_cauda_equina_first(
    engine: Engine, case: dict[str, Any]
) -> None:
    assessment = engine.evaluate(case)
    assert assessment.triage == "emergency"
    first = assessment.differential[0]
    assert first.condition == "cauda_equina"
    assert first.ranked_first_by in CES_FLAGS
    assert any(
        flag.condition == "cauda_equina" and flag.triage == "emergency" for flag in assessment.red_flags
    )


@_SETTINGS
@given(case=cases())
def test_whenever_a_feature_is_present_the_invariant_holds(engine: Engine, case: dict[str, Any]) -> None:
    findings = case["findings"]
    has_feature = any(
        all(findings.get(k) == v for k, v in feature.items()) for feature in CAUDA_EQUINA_FEATURES
    )
    assessment = engine.evaluate(case)
    if has_feature:
        assert assessment.triage == "emergency"
        assert assessment.differential[0].condition == "cauda_equina"
    else:
        assert not any(flag.rule in CES_FLAGS for flag in assessment.red_flags)


@_SETTINGS
@given(case=cases())
def test_the_triage_is_never_below_the_most_urgent_red_flag(engine: Engine, case: dict[str, Any]) -> None:
    assessment = engine.evaluate(case)
    order = {"routine": 0, "urgent": 1, "emergency": 2}
    assert all(order[assessment.triage] >= order[flag.triage] for flag in assessment.red_flags)
    if not assessment.red_flags:
        assert assessment.triage == "routine"


def test_a_classic_disc_herniation_with_saddle_anaesthesia_still_ranks_cauda_equina_first(
    engine: Engine,
) -> None:
    disc = {
        "pain_distribution": "unilateral",
        "pain_below_knee": True,
        "slr": "positive",
        "crossed_slr": "positive",
        "slump": "positive",
        "back_pain_predominant": False,
        "dermatomal_numbness": True,
        "worse_cough_sneeze": True,
    }
    without = engine.evaluate({"id": "a", "age": 38, "findings": disc})
    assert without.triage == "routine"
    assert without.differential[0].condition == "disc_herniation"
    with_flag = engine.evaluate({"id": "b", "age": 38, "findings": {**disc, "saddle_anaesthesia": True}})
    assert with_flag.triage == "emergency"
    assert [e.condition for e in with_flag.differential[:2]] == ["cauda_equina", "disc_herniation"]
    assert with_flag.differential[0].probability < with_flag.differential[1].probability  # honest numbers


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=cases(), data=st.data())
def test_not_examined_is_never_negative(engine: Engine, case: dict[str, Any], data: st.DataObject) -> None:
    """Leaving a finding unexamined never concludes anything that one of its answers would not: every rule
    that fires without the finding fires whatever the finding turns out to be."""
    name = data.draw(st.sampled_from(sorted(case["findings"]) or ["slr"]))
    findings = {k: v for k, v in case["findings"].items() if k != name}
    without = set(engine.summarise({**case, "findings": findings}).fired_rules)
    for value in ATTRIBUTES[name].values_to_try((0.9, 2.0, 12.0, 26.0, 45.0)):
        try:
            answered = engine.summarise({**case, "findings": {**findings, name: value}})
        except CaseError:  # not a possible answer here (out of range, or contradicting another finding)
            continue
        assert without <= set(answered.fired_rules), (name, value)
