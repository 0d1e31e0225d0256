"""Investigation results from FHIR (fhir.md convention A5): reports, graded findings, numbers, markers."""

from __future__ import annotations

import pytest

from cdss.case.investigations import Investigations
from tests.fhir.build import ABSENT, HIGH, LOINC, NORMAL, concept, condition, observation, report
from tests.fhir.test_intake import read

LUMBAR_MRI_NORMAL = "416170003"
NOT_LUMBAR = {"imaging_hip_osteoarthritis", "imaging_piriformis_abnormal", "imaging_arterial_occlusion"}
LUMBAR = {
    key
    for key, field in Investigations.model_fields.items()
    if key.startswith("imaging_") and key not in NOT_LUMBAR and key != "imaging_spondylolisthesis_grade"
}


def test_a_normal_lumbar_mri_sets_every_lumbar_imaging_key_to_absent_and_nothing_else() -> None:
    findings = read(report("d1", LUMBAR_MRI_NORMAL)).case.findings.model_dump(exclude_none=True)
    assert findings == {key: "none" if key == "imaging_canal_stenosis" else False for key in LUMBAR}


def test_a_report_names_its_findings_and_leaves_the_rest_not_done() -> None:
    findings = read(report("d1", "202708005", "299966003")).case.findings
    assert (findings.imaging_disc_herniation, findings.imaging_root_compression) == (True, True)
    assert findings.imaging_cauda_equina_compression is None


@pytest.mark.parametrize(
    ("resource", "grade"),
    [
        (observation("o1", "18347007", valueCodeableConcept=concept("6736007")), "moderate"),
        (condition("c1", "18347007", severity=concept("24484000")), "severe"),
        (observation("o1", "18347007"), "present"),
        (observation("o1", "18347007", valueCodeableConcept=ABSENT), "none"),
    ],
)
def test_canal_stenosis_is_graded_by_the_value_or_the_severity(
    resource: dict[str, object], grade: str
) -> None:
    assert read(resource).case.findings.imaging_canal_stenosis == grade


def test_a_grade_alone_is_reported_not_read() -> None:
    intake = read(observation("o1", "6736007"))
    assert intake.case.findings.imaging_canal_stenosis is None
    assert "only as the grade" in intake.report.unusable[0].problem


def test_a_graded_slip_gives_the_grade_and_the_slip() -> None:
    findings = read(report("d1", "62620001")).case.findings
    assert (findings.imaging_spondylolisthesis, findings.imaging_spondylolisthesis_grade) == (True, 2)


def test_a_refuted_graded_slip_says_nothing_about_a_slip() -> None:
    intake = read(condition("c1", "62620001", "refuted"))
    assert intake.case.findings.imaging_spondylolisthesis is None
    assert intake.case.findings.imaging_spondylolisthesis_grade is None


def test_a_grade_beside_a_normal_mri_keeps_the_slip_and_reports_the_contradiction() -> None:
    intake = read(report("d1", LUMBAR_MRI_NORMAL), report("d2", "44494000"))
    assert intake.case.findings.imaging_spondylolisthesis is True
    assert intake.case.findings.imaging_spondylolisthesis_grade == 1
    assert [c.finding for c in intake.report.contradictions] == ["imaging_spondylolisthesis"]


def test_the_lower_ankle_brachial_index_counts() -> None:
    intake = read(
        observation("o1", "1083561000000100", valueQuantity={"value": 0.82, "code": "1"}),
        observation("o2", "1083581000000109", valueQuantity={"value": 1.05}),
    )
    assert intake.case.findings.ankle_brachial_index == 0.82


def test_an_interpretation_code_of_another_system_is_not_read_as_raised() -> None:
    local_high = concept("H", "urn:example:local-flags")
    crp = observation("o1", "1988-5", LOINC, valueQuantity={"value": 48}, interpretation=[local_high])
    intake = read(crp)
    assert intake.case.findings.inflammatory_markers_raised is None
    assert "no interpretation and no reference range" in intake.report.unusable[0].problem


def test_one_raised_marker_is_enough_and_is_no_contradiction() -> None:
    intake = read(
        observation("o1", "4537-7", LOINC, valueQuantity={"value": 12}, interpretation=[NORMAL]),
        observation("o2", "1988-5", LOINC, valueQuantity={"value": 48}, interpretation=[HIGH]),
    )
    assert intake.case.findings.inflammatory_markers_raised is True
    assert intake.report.contradictions == ()


@pytest.mark.parametrize("code", ["192970008", "129179000", "840580004", "417726009"])
def test_diagnoses_and_unspecific_reports_are_not_imaging_results(code: str) -> None:
    intake = read(report("d1", code))
    assert intake.case.findings.model_dump(exclude_none=True) == {}
    assert "is not mapped" in intake.report.unusable[0].problem
