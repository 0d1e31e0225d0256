"""The cards for any case: patient-view's triage card and order-select's imaging card, property-tested."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from cdss.case.validate import validate_case
from cdss.engine.engine import Engine
from cdss.service.imaging import ImagingAdvisor, ImagingOrder
from cdss.service.markdown import SUMMARY_LIMIT
from cdss.service.patient_view import INDICATOR, triage_card
from tests.strategies import cases

MRI = [ImagingOrder("ServiceRequest/1", "MRI")]


@settings(max_examples=60, deadline=None)
@given(case=cases())
def test_the_triage_card_carries_the_triage_red_flags_and_ruleset(
    engine: Engine, case: dict[str, Any]
) -> None:
    assessment = engine.evaluate(case)
    card = triage_card(assessment, None)
    assert card["indicator"] == INDICATOR[assessment.triage]
    assert isinstance(card["summary"], str)
    assert len(card["summary"]) <= SUMMARY_LIMIT
    assert card["source"] == {"label": f"cdss {assessment.ruleset.name} {assessment.ruleset.version}"}
    detail = str(card["detail"])
    assert all(flag.rule in detail for flag in assessment.red_flags)
    assert assessment.ruleset.sha256[:12] in detail


CAUDA_EQUINA = st.sampled_from(
    ["saddle_anaesthesia", "urinary_retention", "urinary_incontinence", "faecal_incontinence",
     "reduced_anal_tone", "sexual_dysfunction", "bilateral_sciatica"]
)  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(data=st.data(), feature=CAUDA_EQUINA)
def test_a_cauda_equina_feature_always_makes_mri_indicated_now(
    engine: Engine, data: st.DataObject, feature: str
) -> None:
    case = data.draw(cases(required={feature: True}))
    valid = validate_case(case)
    assessment = engine.evaluate(valid)
    card = ImagingAdvisor(engine.ruleset).card(assessment, valid.to_fact(), MRI)
    assert str(card["summary"]).startswith("Imaging indicated now: MRI"), card["summary"]
    assert card["indicator"] == "info"


SCREENED = {
    "saddle_anaesthesia": False, "urinary_retention": False, "urinary_incontinence": False,
    "faecal_incontinence": False, "sexual_dysfunction": False, "bilateral_sciatica": False,
    "progressive_weakness": False, "cancer_history": False, "fever": False, "trauma": False,
}  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(data=st.data(), unasked=st.sampled_from(sorted(SCREENED)), weeks=st.floats(0, 5.9))
def test_imaging_is_not_advised_against_while_a_red_flag_is_not_asked_about(
    engine: Engine, data: st.DataObject, unasked: str, weeks: float
) -> None:
    case = data.draw(cases(required={**SCREENED, "symptom_duration_weeks": weeks}))
    assert "IMG-009" in engine.evaluate(case).fired_rules
    del case["findings"][unasked]
    valid = validate_case(case)
    assessment = engine.evaluate(valid)
    card = ImagingAdvisor(engine.ruleset).card(assessment, valid.to_fact(), MRI)
    assert "IMG-009" not in assessment.fired_rules
    assert not str(card["summary"]).startswith("Imaging not indicated now: under six weeks")
