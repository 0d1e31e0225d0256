"""FHIR R4 in: demographics, the three states of a finding (fhir.md section 2), and the mapping report."""

from __future__ import annotations

import datetime

import pytest

from cdss.fhir.intake import FhirIntake, read_fhir
from tests.fhir.build import (
    ABSENT,
    BILATERAL,
    CDSS,
    HIGH,
    LEFT,
    LOINC,
    NEGATIVE,
    NOT_PERFORMED,
    ON,
    POSITIVE,
    PRESENT,
    RIGHT,
    Json,
    bundle,
    clinical,
    concept,
    condition,
    observation,
    patient,
    report,
)


def read(*resources: Json) -> FhirIntake:
    return read_fhir(bundle(patient(), *resources), on=ON, case_id="c1")


def test_age_is_whole_years_on_the_date_and_sex_is_the_gender() -> None:
    case = read_fhir([patient(birth="1955-11-29", gender="male")], on=ON).case
    assert (case.age, case.sex) == (70, "male")
    assert read_fhir([patient(birth="1955-11-28")], on=ON).case.age == 71


def test_a_partial_birth_date_gives_an_age_only_when_it_cannot_be_off() -> None:
    assert read_fhir([patient(birth="1955-03")], on=ON).case.age == 71
    unsure = read_fhir([patient(birth="1955")], on=ON)
    assert unsure.case.age is None
    assert "partial" in unsure.report.unusable[0].problem
    assert unsure.used == ()


def test_without_a_patient_age_is_unknown_and_sex_unknown() -> None:
    intake = read_fhir([observation("o1", "449813001")], on=ON)
    assert (intake.case.age, intake.case.sex) == (None, "unknown")
    assert intake.case.findings.saddle_anaesthesia is True


@pytest.mark.parametrize(
    ("resource", "key", "value"),
    [
        # A1: observable plus a value
        (observation("o", "271773007", valueCodeableConcept=POSITIVE), "slr", "positive"),
        (observation("o", "271773007", valueCodeableConcept=NEGATIVE), "slr", "negative"),
        (observation("o", "271773007", valueBoolean=False), "slr", "negative"),
        # A1 with pre-coordinated findings
        (observation("o", "298702002"), "slump", "positive"),
        (observation("o", "298703007"), "slump", "negative"),
        # A2: the finding as the code
        (observation("o", "449813001"), "saddle_anaesthesia", True),
        (observation("o", "449813001", valueBoolean=True), "saddle_anaesthesia", True),
        (observation("o", "449813001", valueCodeableConcept=PRESENT), "saddle_anaesthesia", True),
        (observation("o", "449813001", valueBoolean=False), "saddle_anaesthesia", False),
        (observation("o", "449813001", valueCodeableConcept=ABSENT), "saddle_anaesthesia", False),
        (observation("o", "82668000", valueCodeableConcept=ABSENT), "crossed_slr", "negative"),
        (observation("o", "300319002"), "reduced_anal_tone", False),
        # A3: a Condition
        (condition("c", "267064002"), "urinary_retention", True),
        (condition("c", "267064002", verification=None), "urinary_retention", True),
        (condition("c", "267064002", "refuted"), "urinary_retention", False),
        (condition("c", "363346000", clinicalStatus=clinical("resolved")), "cancer_history", True),
        # A4: a quantity, and a laboratory result read by its own interpretation or range
        (observation("o", "relief_sitting", CDSS, valueBoolean=True), "relief_sitting", True),
        (
            observation("o", "8310-5", LOINC, valueQuantity={"value": 38.4}, interpretation=[HIGH]),
            "fever",
            True,
        ),
        (
            observation(
                "o",
                "8310-5",
                LOINC,
                valueQuantity={"value": 36.9},
                referenceRange=[{"high": {"value": 37.5}}],
            ),
            "fever",
            False,
        ),
        (observation("o", "881621000000109", valueInteger=3), "myotomal_weakness", True),
        # reflexes: the observable with a reflex finding as value, and the reflex parts
        (
            observation("o", "271715007", valueCodeableConcept=concept("299878000")),
            "reflex_change",
            "ankle_reduced",
        ),
        (observation("o", "274818004", bodySite=BILATERAL), "reflex_change", "ankle_absent_bilateral"),
        (observation("o", "796871000000102"), "reflex_change", "ankle_reduced"),
        (observation("o", "49051001"), "reflex_change", "none"),
        # laterality
        (observation("o", "10601006", bodySite=LEFT), "pain_distribution", "unilateral"),
        (condition("c", "23056005", bodySite=[BILATERAL]), "pain_distribution", "bilateral"),
    ],
)
def test_present_and_absent_are_read_as_fhir_md_says(resource: Json, key: str, value: object) -> None:
    intake = read(resource)
    assert getattr(intake.case.findings, key) == value
    assert intake.report.contradictions == ()
    assert intake.used == ("Patient/p1", f"{resource['resourceType']}/{resource['id']}")


@pytest.mark.parametrize(
    "resource",
    [
        observation("o", "449813001", dataAbsentReason=NOT_PERFORMED),
        observation("o", "271773007", valueCodeableConcept=concept("373068000")),
        observation("o", "8310-5", LOINC, dataAbsentReason=NOT_PERFORMED),
    ],
)
def test_not_done_stays_not_examined_and_is_reported(resource: Json) -> None:
    intake = read(resource)
    assert intake.case.findings.model_dump(exclude_none=True) == {}
    assert [n.resource for n in intake.report.not_done] == [f"Observation/{resource['id']}"]


def test_a_missing_resource_is_never_false() -> None:
    intake = read(observation("o1", "449813001"))
    assert intake.case.findings.model_dump(exclude_none=True) == {"saddle_anaesthesia": True}


def test_a_duration_is_the_weeks_since_the_most_recent_onset() -> None:
    three_weeks = (ON - datetime.timedelta(days=21)).isoformat()
    a_year = (ON - datetime.timedelta(days=364)).isoformat()
    intake = read(
        condition("c1", "23056005", bodySite=[RIGHT], onsetDateTime=three_weeks),
        condition("c2", "279039007", onsetPeriod={"start": a_year}),
    )
    assert intake.case.findings.symptom_duration_weeks == 3.0
    assert intake.case.findings.pain_distribution == "unilateral"
    assert intake.report.contradictions[0].resolution == "the smallest value is kept"


def test_a_component_carries_the_slr_angle() -> None:
    angle = {"code": concept("slr_angle_deg", CDSS), "valueQuantity": {"value": 35, "code": "deg"}}
    intake = read(observation("o1", "271773007", valueCodeableConcept=POSITIVE, component=[angle]))
    assert (intake.case.findings.slr, intake.case.findings.slr_angle_deg) == ("positive", 35.0)


def test_left_and_right_leg_pain_is_bilateral_and_not_a_contradiction() -> None:
    intake = read(observation("o1", "426469008"), observation("o2", "427653003"))
    assert intake.case.findings.pain_distribution == "bilateral"
    assert intake.report.contradictions == ()


def test_a_positive_slr_on_one_side_and_negative_on_the_other_is_positive_without_contradiction() -> None:
    intake = read(
        observation("o1", "271773007", bodySite=LEFT, valueCodeableConcept=POSITIVE),
        observation("o2", "271773007", bodySite=RIGHT, valueCodeableConcept=NEGATIVE),
    )
    assert intake.case.findings.slr == "positive"
    assert intake.report.contradictions == ()
    assert {n.resource for n in intake.report.notes} == {"Observation/o1", "Observation/o2"}


def test_a_finding_both_asserted_and_refuted_is_a_contradiction_that_keeps_the_concern() -> None:
    intake = read(observation("o1", "449813001", valueBoolean=False), condition("c1", "449813001"))
    assert intake.case.findings.saddle_anaesthesia is True
    (contradiction,) = intake.report.contradictions
    assert contradiction.finding == "saddle_anaesthesia"
    assert {(s.resource, s.value) for s in contradiction.sources} == {
        ("Observation/o1", False),
        ("Condition/c1", True),
    }
    assert set(intake.used) == {"Patient/p1", "Observation/o1", "Condition/c1"}


def test_a_normal_reflex_against_an_abnormal_one_of_the_same_reflex_is_a_contradiction() -> None:
    intake = read(observation("o1", "299879008"), observation("o2", "299878000"))
    assert intake.case.findings.reflex_change == "ankle_reduced"
    assert intake.report.contradictions[0].finding == "reflex_change"


def test_one_normal_reflex_alone_leaves_the_reflexes_unset_and_says_so() -> None:
    intake = read(observation("o1", "299879008"))
    assert intake.case.findings.reflex_change is None
    assert "not examined" in intake.report.notes[0].problem


def test_unknown_codes_are_reported_with_the_resource_and_field() -> None:
    intake = read(observation("o1", "1234567", valueBoolean=True), report("d1", "999999"))
    assert [(u.resource, u.field, u.code) for u in intake.report.unknown_codes] == [
        ("Observation/o1", "code", "1234567"),
        ("DiagnosticReport/d1", "conclusionCode[0]", "999999"),
    ]
    assert intake.used == ("Patient/p1",)


def test_closest_but_not_equivalent_codes_are_reported_not_mapped() -> None:
    intake = read(observation("o1", "164570008"))
    assert intake.case.findings.slr is None
    assert "not mapped" in intake.report.unusable[0].problem


@pytest.mark.parametrize(
    ("resource", "problem"),
    [
        (observation("o1", "449813001", status="entered-in-error"), "status entered-in-error"),
        (observation("o1", "449813001", status="cancelled"), "status cancelled"),
        (condition("o1", "449813001", "entered-in-error"), "entered-in-error"),
        (condition("o1", "267064002", clinicalStatus=clinical("resolved")), "not current"),
        (observation("o1", "449813001", subject={"reference": "Patient/someone-else"}), "not the patient"),
        (observation("o1", "10601006"), "no laterality"),
        (observation("o1", "8310-5", LOINC, valueQuantity={"value": 38.4}), "no threshold of its own"),
        (observation("o1", "449813001", valueString="yes"), "valueString cannot be read"),
        (observation("o1", "slr_angle_deg", CDSS, valueQuantity={"value": 30, "code": "rad"}), "unit 'rad'"),
        (
            observation("o1", "slr_angle_deg", CDSS, valueQuantity={"value": 120, "code": "deg"}),
            "not a valid value",
        ),
        (observation("o1", "881621000000109", valueInteger=5), "does not exclude weakness"),
        (report("d1"), "no conclusionCode"),
        ({"resourceType": "MedicationStatement", "id": "o1"}, "is not read"),
    ],
)
def test_resources_that_give_nothing_are_reported_with_the_reason(resource: Json, problem: str) -> None:
    intake = read(resource)
    assert intake.case.findings.model_dump(exclude_none=True) == {}
    assert any(problem in u.problem and u.resource.endswith("1") for u in intake.report.unusable)
    assert intake.used == ("Patient/p1",)


def test_a_provisional_diagnosis_is_taken_as_present_with_a_note() -> None:
    intake = read(condition("c1", "267064002", "provisional"))
    assert intake.case.findings.urinary_retention is True
    assert "provisional" in intake.report.notes[0].problem


def test_a_list_of_resources_and_bundles_is_read_like_one_bundle() -> None:
    resources = [patient(), bundle(observation("o1", "449813001")), observation("o2", "303081002")]
    intake = read_fhir(resources, on=ON)
    assert intake.case.findings.saddle_anaesthesia is True
    assert intake.case.findings.neurogenic_claudication is True
    assert intake.used == ("Patient/p1", "Observation/o1", "Observation/o2")


def test_a_resource_given_twice_is_used_once_and_reported() -> None:
    intake = read(observation("o1", "449813001"), observation("o1", "449813001"))
    assert intake.used == ("Patient/p1", "Observation/o1")
    assert "given twice" in intake.report.unusable[0].problem
