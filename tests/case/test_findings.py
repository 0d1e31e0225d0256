"""The case model accepts exactly the case format, strictly, with three-valued findings."""

from __future__ import annotations

import math
from typing import Any, get_args

import pytest

from cdss.case.findings import CLASSES, Case, ExpectedDiagnosis, Findings, Mimic, diagnosis_class
from cdss.case.investigations import Investigations
from cdss.case.validate import validate_case
from cdss.errors import CaseError
from cdss.rules.model import Ruleset

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
# The investigations table of case-format.md, the same way.
INVESTIGATIONS: dict[str, Any] = {
    "imaging_disc_herniation": True,
    "imaging_root_compression": True,
    "imaging_cauda_equina_compression": False,
    "imaging_canal_stenosis": "moderate",
    "imaging_foraminal_stenosis": False,
    "imaging_spondylolisthesis": True,
    "imaging_spondylolisthesis_grade": 2,
    "imaging_pars_defect": True,
    "imaging_degeneration": True,
    "imaging_fracture": False,
    "imaging_neoplasm": False,
    "imaging_infection": False,
    "imaging_hip_osteoarthritis": False,
    "imaging_piriformis_abnormal": False,
    "imaging_arterial_occlusion": False,
    "ankle_brachial_index": 0.85,
    "inflammatory_markers_raised": False,
}
# Findings the project adds to the contract (documented in README.md and examples/README.md).
ADDED: dict[str, Any] = {
    "femoral_stretch": "positive",
    "groin_pain": True,
    "night_pain": False,
    "previous_spinal_surgery": True,
    "dermatomal_rash": False,
    "sacroiliac_provocation": "negative",
}
CHOICES = {
    "pain_distribution": ["unilateral", "bilateral", "alternating"],
    "slr": ["positive", "negative"],
    "crossed_slr": ["positive", "negative"],
    "slump": ["positive", "negative"],
    "fair_test": ["positive", "negative"],
    "reflex_change": ["ankle_reduced", "knee_reduced", "ankle_absent_bilateral", "hyperreflexia", "none"],
    "imaging_canal_stenosis": ["none", "mild", "moderate", "severe", "present"],
    "femoral_stretch": ["positive", "negative"],
    "sacroiliac_provocation": ["positive", "negative"],
}


def _problem(data: object) -> str:
    with pytest.raises(CaseError) as caught:
        validate_case(data, label="file.json")
    return str(caught.value)


def test_every_finding_of_the_contract_is_accepted() -> None:
    every = {**CONTRACT, **INVESTIGATIONS, **ADDED}
    case = validate_case({"id": "c", "age": 71, "sex": "female", "findings": every, "expected": "other"})
    assert case.findings.model_dump(exclude_none=True) == every
    assert set(Findings.model_fields) == set(every)


def test_investigations_are_flat_keys_of_the_findings_after_history_and_examination() -> None:
    names = list(Findings.model_fields)
    assert names[-len(INVESTIGATIONS) :] == list(INVESTIGATIONS)
    assert set(Investigations.model_fields) == set(INVESTIGATIONS)


@pytest.mark.parametrize("key", sorted(INVESTIGATIONS))
def test_an_investigation_not_done_is_left_out_and_false_is_done_and_absent(key: str) -> None:
    assert validate_case({"findings": {key: None}}).to_fact() == {"sex": "unknown"}
    if isinstance(INVESTIGATIONS[key], bool):
        assert validate_case({"findings": {key: False}}).to_fact()[key] is False


@pytest.mark.parametrize("grade", [1, 2, 3, 4, 5])
def test_a_slip_grade_implies_a_slip(grade: int) -> None:
    fact = validate_case({"findings": {"imaging_spondylolisthesis_grade": grade}}).to_fact()
    assert fact["imaging_spondylolisthesis"] is True
    assert fact["imaging_spondylolisthesis_grade"] == grade


def test_a_slip_without_a_grade_has_no_grade() -> None:
    fact = validate_case({"findings": {"imaging_spondylolisthesis": True}}).to_fact()
    assert "imaging_spondylolisthesis_grade" not in fact


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
        "vascular_claudication",
        "hip_osteoarthritis",
        "spinal_infection",
        "spinal_tumour",
        "vertebral_fracture",
        "degenerative_disc_disease",
        "nonspecific_low_back_pain",
    ],
)
def test_every_expected_label_is_accepted(expected: str) -> None:
    assert validate_case({"expected": expected}).expected == expected


def test_a_reviewer_may_label_a_case_with_any_diagnosis_of_the_bundled_ruleset(ruleset: Ruleset) -> None:
    assert {diagnosis.id for diagnosis in ruleset.diagnoses} <= set(get_args(ExpectedDiagnosis))


def test_a_mimic_counts_as_other_in_the_six_classes() -> None:
    assert [diagnosis_class(mimic) for mimic in get_args(Mimic)] == ["other"] * len(get_args(Mimic))
    assert [diagnosis_class(label) for label in CLASSES] == list(CLASSES)
    assert get_args(ExpectedDiagnosis) == CLASSES + get_args(Mimic)


@pytest.mark.parametrize("red_flag_expected", [True, False, None])
def test_red_flag_expected_is_a_label_for_validation_and_never_a_finding(
    red_flag_expected: bool | None,
) -> None:
    case = validate_case({"red_flag_expected": red_flag_expected, "findings": {"fever": True}})
    assert case.red_flag_expected is red_flag_expected
    assert case.to_fact() == {"fever": True, "sex": "unknown"}


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
        (
            {
                "id": "c1",
                "findings": {"imaging_spondylolisthesis": False, "imaging_spondylolisthesis_grade": 2},
            },
            "case c1: findings.imaging_spondylolisthesis_grade: a Meyerding grade means a slip was seen, but "
            "imaging_spondylolisthesis is false; correct one of the two; got 2",
        ),
        (
            {"id": "c1", "findings": {"imaging_spondylolisthesis_grade": 6}},
            "case c1: findings.imaging_spondylolisthesis_grade: input should be less than or equal to 5; "
            "got 6",
        ),
        (
            {"id": "c1", "findings": {"imaging_spondylolisthesis_grade": 0}},
            "case c1: findings.imaging_spondylolisthesis_grade: input should be greater than or equal to 1; "
            "got 0",
        ),
        (
            {"id": "c1", "findings": {"imaging_spondylolisthesis_grade": 1.5}},
            "case c1: findings.imaging_spondylolisthesis_grade: must be a whole number; got 1.5",
        ),
        (
            {"id": "c1", "findings": {"imaging_spondylolisthesis_grade": True}},
            "case c1: findings.imaging_spondylolisthesis_grade: must be a whole number; got True",
        ),
        (
            {"id": "c1", "findings": {"ankle_brachial_index": 2.1}},
            "case c1: findings.ankle_brachial_index: input should be less than or equal to 2; got 2.1",
        ),
        (
            {"id": "c1", "findings": {"ankle_brachial_index": -0.1}},
            "case c1: findings.ankle_brachial_index: input should be greater than or equal to 0; got -0.1",
        ),
        (
            {"id": "c1", "findings": {"ankle_brachial_index": "0.8"}},
            "case c1: findings.ankle_brachial_index: must be a number; got '0.8'",
        ),
        (
            {"id": "c1", "findings": {"imaging_canal_stenosis": False}},
            "case c1: findings.imaging_canal_stenosis: input should be 'none', 'mild', 'moderate', "
            "'severe' or 'present'; got False",
        ),
        (
            {"id": "c1", "findings": {"imaging_disc_herniation": "yes"}},
            "case c1: findings.imaging_disc_herniation: must be true or false (leave it out, or null, when "
            "not examined); got 'yes'",
        ),
        (
            {"id": "c1", "findings": {"imaging_disc_herniaton": True}},
            "case c1: findings.imaging_disc_herniaton: unknown key; did you mean 'imaging_disc_herniation'?",
        ),
        (
            {"id": "c1", "findings": {"femoral_stretch": True}},
            "case c1: findings.femoral_stretch: input should be 'positive' or 'negative'; got True",
        ),
        (
            {"id": "c1", "findings": {"night_pain": "at rest"}},
            "case c1: findings.night_pain: must be true or false (leave it out, or null, when not examined); "
            "got 'at rest'",
        ),
        ({"id": 7}, "case file.json: id: must be a string; got 7"),
        ([{"id": "x"}], "case file.json: a case must be a JSON object; got list"),
        (
            {"id": "c1", "expected": "sciatica"},
            "case c1: expected: input should be 'disc_herniation', 'spinal_stenosis', 'piriformis_syndrome', "
            "'spondylolisthesis', 'cauda_equina', 'other', 'vascular_claudication', 'hip_osteoarthritis', "
            "'spinal_infection', 'spinal_tumour', 'vertebral_fracture', 'degenerative_disc_disease' or "
            "'nonspecific_low_back_pain'; got 'sciatica'",
        ),
        (
            {"id": "c1", "red_flag_expected": "yes"},
            "case c1: red_flag_expected: must be true or false (leave it out, or null, when not examined); "
            "got 'yes'",
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
    grade = findings["properties"]["imaging_spondylolisthesis_grade"]
    assert grade["anyOf"][0] == {"type": "integer", "minimum": 1, "maximum": 5}
    assert "Meyerding" in grade["description"]
    abi = findings["properties"]["ankle_brachial_index"]
    assert abi["anyOf"][0] == {"type": "number", "minimum": 0, "maximum": 2}
    assert "0.90 or less" in abi["description"]


def test_a_huge_offending_value_is_shown_short_and_fast() -> None:
    nested: list[object] = [0] * 9
    for _ in range(8):
        nested = [nested] * 9  # 9**9 leaves if rendered in full
    message = _problem({"id": "c1", "findings": {"fever": nested}})
    assert message.startswith("case c1: findings.fever: must be true or false")
    assert len(message) < 200
