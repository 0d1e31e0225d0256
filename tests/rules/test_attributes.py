"""The rule language knows every finding of the case model, with the values each takes."""

from __future__ import annotations

from cdss.case.findings import Findings
from cdss.rules.attributes import ATTRIBUTES


def test_every_finding_and_age_and_sex_is_an_attribute() -> None:
    assert set(ATTRIBUTES) == set(Findings.model_fields) | {"age", "sex"}


def test_investigations_take_their_documented_values() -> None:
    grade = ATTRIBUTES["imaging_spondylolisthesis_grade"]
    assert (grade.kind, grade.minimum, grade.maximum, grade.integer) == ("number", 1, 5, True)
    abi = ATTRIBUTES["ankle_brachial_index"]
    assert (abi.kind, abi.minimum, abi.maximum, abi.integer) == ("number", 0, 2, False)
    assert ATTRIBUTES["imaging_canal_stenosis"].choices == ("none", "mild", "moderate", "severe", "present")
    assert ATTRIBUTES["femoral_stretch"].choices == ("positive", "negative")
    assert ATTRIBUTES["night_pain"].kind == "bool"
