"""The case model accepts exactly the case format, strictly, with three-valued findings."""

from __future__ import annotations

import math
from typing import Any

import pytest

from cdss.case.findings import Case, Findings
from cdss.case.validate import validate_case
from cdss.errors import CaseError

# The findings table of case-format.md: every key with one valid value. This is the contract.
CONTRACT: dict[str, Any] = {
    "pain_distribution": "alternating",
    "pain_below_knee": True,
    "back_pain_predominant": False,
    "slr": "positive",
    "slr_angle_deg": 45,
    "crossed_slr": "negative",
    "slump": "positive",
    "neurogenic_claudication": True,
    "relief_sitting": True,
    "relief_leaning_forward": False,
    "worse_sitting": False,
    "worse_cough_sneeze": True,
    "worse_extension": False,
    "buttock_pain_deep": True,
    "sciatic_notch_tenderness": False,
    "fair_test": "negative",
    "pain_hip_internal_rotation": False,
    "step_off_palpable": False,
    "hamstring_tightness": True,
    "dermatomal_numbness": True,
    "myotomal_weakness": False,
    "progressive_weakness": False,
    "reflex_change": "ankle_absent_bilateral",
    "saddle_anaesthesia": False,
    "urinary_retention": False,
    "urinary_incontinence": False,
    "faecal_incontinence": False,
    "reduced_anal_tone": False,
    "sexual_dysfunction": False,
    "bilateral_sciatica": False,
    "fever": False,
    "cancer_history": False,
    "weight_loss": False,
    "trauma": False,
    "osteoporosis": True,
    "pedal_pulses_reduced": False,
    "pain_relief_standing_still": False,
    "symptom_duration_weeks": 6.5,
}
CHOICES = {
    "pain_distribution": ["unilateral", "bilateral", "alternating"],
    "slr": ["positive", "negative"],
    "crossed_slr": ["positive", "negative"],
    "slump": ["positive", "negative"],
    "fair_test": ["positive", "negative"],
    "reflex_change": ["ankle_reduced", "knee_reduced", "ankle_absent_bilateral", "hyperreflexia", "none"],
}


def _problem(data: object) -> str:
    with pytest.raises(CaseError) as caught:
        validate_case(data, label="file.json")
    return str(caught.value)


def test_every_finding_of_the_contract_is_accepted() -> None:
    case = validate_case({"id": "c", "age": 71, "sex": "female", "findings": CONTRACT, "expected": "other"})
    assert case.findings.model_dump(exclude_none=True) == CONTRACT
    assert set(Findings.model_fields) == set(CONTRACT)


@pytest.mark.parametrize(("key", "value"), [(k, v) for k, values in CHOICES.items() for v in values])
def test_every_listed_value_is_accepted(key: str, value: str) -> None:
    assert getattr(validate_case({"findings": {key: value}}).findings, key) == value


@pytest.mark.parametrize("sex", ["female", "male", "other", "unknown"])
def test_every_sex_is_accepted(sex: str) -> None:
    assert validate_case({"sex": sex}).sex == sex


@pytest.mark.parametrize(
    "expected",
    [
        "disc_herniation",
        "spinal_stenosis",
        "piriformis_syndrome",
        "spondylolisthesis",
        "cauda_equina",
        "other",
    ],
)
def test_every_expected_label_is_accepted(expected: str) -> None:
    assert validate_case({"expected": expected}).expected == expected


def test_absent_and_null_mean_not_examined_and_never_reach_the_engine() -> None:
    case = validate_case({"age": 40, "findings": {"slr": None, "fever": False}})
    assert case.findings.slr is None
    assert case.to_fact() == {"fever": False, "age": 40, "sex": "unknown"}


def test_false_means_examined_and_absent() -> None:
    assert validate_case({"findings": {"fever": False}}).to_fact()["fever"] is False


def test_unrecorded_age_is_left_out_of_the_fact() -> None:
    assert "age" not in validate_case({}).to_fact()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"id": "c1", "findings": {"slrr": "positive"}},
            "case c1: findings.slrr: unknown key; did you mean 'slr'?",
        ),
        ({"id": "c1", "agee": 3}, "case c1: agee: unknown key; did you mean 'age'?"),
        ({"id": "c1", "findings": {"zzz": 1}}, "case c1: findings.zzz: unknown key"),
        (
            {"id": "c1", "findings": {"slr": "pos"}},
            "case c1: findings.slr: input should be 'positive' or 'negative'; got 'pos'",
        ),
        (
            {"id": "c1", "findings": {"fever": "yes"}},
            "case c1: findings.fever: must be true or false (leave it out, or null, when not examined); "
            "got 'yes'",
        ),
        (
            {"id": "c1", "findings": {"fever": 1}},
            "case c1: findings.fever: must be true or false (leave it out, or null, when not examined); "
            "got 1",
        ),
        ({"id": "c1", "age": 121}, "case c1: age: input should be less than or equal to 120; got 121"),
        ({"id": "c1", "age": -1}, "case c1: age: input should be greater than or equal to 0; got -1"),
        ({"id": "c1", "age": "71"}, "case c1: age: must be a whole number; got '71'"),
        ({"id": "c1", "age": 71.5}, "case c1: age: must be a whole number; got 71.5"),
        (
            {"id": "c1", "findings": {"slr_angle_deg": 95}},
            "case c1: findings.slr_angle_deg: input should be less than or equal to 90; got 95",
        ),
        (
            {"id": "c1", "findings": {"symptom_duration_weeks": math.nan}},
            "case c1: findings.symptom_duration_weeks: must be a finite number; got nan",
        ),
        (
            {"id": "c1", "findings": {"slr_angle_deg": math.inf}},
            "case c1: findings.slr_angle_deg: must be a finite number; got inf",
        ),
        (
            {"id": "c1", "findings": []},
            "case c1: findings: must be an object (a mapping of names to values); got []",
        ),
        ({"id": 7}, "case file.json: id: must be a string; got 7"),
        ([{"id": "x"}], "case file.json: a case must be a JSON object; got list"),
        (
            {"id": "c1", "expected": "sciatica"},
            "case c1: expected: input should be 'disc_herniation', 'spinal_stenosis', 'piriformis_syndrome', "
            "'spondylolisthesis', 'cauda_equina' or 'other'; got 'sciatica'",
        ),
    ],
)
def test_bad_input_is_named_precisely(data: object, message: str) -> None:
    assert _problem(data) == message


def test_every_problem_is_reported_not_only_the_first() -> None:
    with pytest.raises(CaseError) as caught:
        validate_case({"id": "c1", "age": 200, "findings": {"slr": "x", "fever": "y"}})
    assert [p.field for p in caught.value.problems] == ["age", "findings.slr", "findings.fever"]


def test_the_schema_documents_units_and_values() -> None:
    schema = Case.model_json_schema()
    findings = schema["$defs"]["Findings"]
    assert findings["additionalProperties"] is False
    assert "degrees" in findings["properties"]["slr_angle_deg"]["title"]
    assert "0-90" in findings["properties"]["slr_angle_deg"]["description"]
    assert schema["properties"]["age"]["title"] == "Age (years)"


def test_a_huge_offending_value_is_shown_short_and_fast() -> None:
    nested: list[object] = [0] * 9
    for _ in range(8):
        nested = [nested] * 9  # 9**9 leaves if rendered in full
    message = _problem({"id": "c1", "findings": {"fever": nested}})
    assert message.startswith("case c1: findings.fever: must be true or false")
    assert len(message) < 200
