"""FHIR out: the RiskAssessment is valid R4 (parsed back), and says what the assessment says."""

from __future__ import annotations

import datetime
from typing import Any

from fhir.resources.R4B.riskassessment import RiskAssessment
from hypothesis import HealthCheck, given, settings

from cdss.engine.engine import Engine
from cdss.fhir.risk import CONDITION_SYSTEM, SNOMED, outcomes, risk_assessment
from cdss.rules.model import Ruleset
from tests.strategies import cases

_CES = {"saddle_anaesthesia": True, "urinary_retention": True, "slr": "positive"}


def test_every_diagnosis_of_the_ruleset_has_a_snomed_outcome(ruleset: Ruleset) -> None:
    assert {d.id for d in ruleset.diagnoses} == set(outcomes())
    assert all(o.status.startswith("VERIFIED") for codes in outcomes().values() for o in codes)


def test_predictions_follow_the_differential_with_fractions_and_outcomes(engine: Engine) -> None:
    assessment = engine.evaluate({"id": "c1", "age": 45, "findings": _CES})
    moment = datetime.datetime(2026, 11, 28, 9, 30)
    risk = risk_assessment(assessment, subject="Patient/p1", basis=["Observation/o1"], occurrence=moment)
    RiskAssessment.model_validate(risk)
    data: Any = risk
    assert data["subject"] == {"reference": "Patient/p1"}
    assert data["basis"] == [{"reference": "Observation/o1"}]
    assert data["occurrenceDateTime"] == "2026-11-28T09:30:00+00:00"
    predictions = data["prediction"]
    assert [p["outcome"]["coding"][0]["code"] for p in predictions] == [
        d.condition for d in assessment.differential
    ]
    assert [p["probabilityDecimal"] for p in predictions] == [d.probability for d in assessment.differential]
    first = [(c["system"], c["code"]) for c in predictions[0]["outcome"]["coding"]]
    assert first == [(CONDITION_SYSTEM, "cauda_equina"), (SNOMED, "192970008")]
    assert "CES-" in predictions[0]["rationale"]
    assert data["mitigation"] == assessment.red_flags[0].recommendation
    stamp = assessment.ruleset
    assert data["method"]["coding"][0]["code"] == stamp.name
    assert data["method"]["coding"][0]["version"] == stamp.version
    assert stamp.sha256 in data["method"]["text"]


def test_without_a_known_patient_the_subject_says_so(engine: Engine) -> None:
    risk = risk_assessment(engine.evaluate({"findings": {}}), subject=None, basis=[])
    assert RiskAssessment.model_validate(risk).model_dump(mode="json")["subject"] == {
        "display": "patient not identified"
    }
    assert "basis" not in risk
    assert "mitigation" not in risk


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=cases())
def test_any_assessment_gives_a_valid_risk_assessment_with_probabilities_between_0_and_1(
    engine: Engine, case: dict[str, Any]
) -> None:
    assessment = engine.evaluate(case)
    risk: Any = risk_assessment(assessment, subject="Patient/p", basis=[])
    RiskAssessment.model_validate(risk)
    probabilities = [p["probabilityDecimal"] for p in risk["prediction"]]
    assert probabilities == [d.probability for d in assessment.differential]
    assert all(0 <= p <= 1 for p in probabilities)
