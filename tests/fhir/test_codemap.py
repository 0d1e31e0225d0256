"""The code map is data checked against the case format; every finding has a way in from FHIR."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from cdss.case.findings import Findings
from cdss.fhir.codemap import PROJECT_SYSTEM, REFLEX_PARTS, CodeEntry, CodeMap, code_map
from cdss.fhir.intake import read_fhir
from tests.fhir.build import NOT_PERFORMED, ON, bundle, concept, patient

MAP = code_map()


def test_every_finding_of_the_case_format_has_codes() -> None:
    assert set(MAP.findings) == set(Findings.model_fields)


def test_standard_codes_are_verified_and_the_rest_are_project_codes() -> None:
    for finding in MAP.findings.values():
        for entry in finding.codes:
            project = MAP.systems[entry.system] == PROJECT_SYSTEM
            assert entry.status.startswith("project code" if project else "VERIFIED"), entry.code


def test_a_code_whose_value_is_not_a_value_of_its_key_is_refused() -> None:
    data = MAP.model_dump()
    data["findings"]["slr"]["codes"][0]["means"] = "maybe"
    with pytest.raises(ValidationError, match="'maybe' is not a value of the key"):
        CodeMap.model_validate(data)


def test_a_key_that_is_not_a_finding_is_refused() -> None:
    data = MAP.model_dump()
    data["findings"]["slr_positive"] = data["findings"]["slr"]
    with pytest.raises(ValidationError, match="not finding keys of the case format: slr_positive"):
        CodeMap.model_validate(data)


def test_every_code_giving_a_slip_grade_also_gives_the_slip() -> None:
    """So a grade never stands beside a refuted slip alone, which the case format refuses."""
    for entry in MAP.findings["imaging_spondylolisthesis_grade"].codes:
        slip = dict(MAP.lookup(MAP.systems[entry.system], entry.code))["imaging_spondylolisthesis"]
        assert slip.means is True


def _single(entry: CodeEntry) -> bool:
    """A code that states one key only, with one value whatever the side."""
    return (
        entry.read == "finding"
        and not isinstance(entry.means, dict)
        and entry.means not in REFLEX_PARTS
        and len(MAP.lookup(MAP.systems[entry.system], entry.code)) == 1
    )


SINGLE = {key: e for key, f in MAP.findings.items() for e in f.codes if _single(e)}
STATES = st.sampled_from(["asserted", "refuted", "not done", "missing"])


@settings(max_examples=150, deadline=None)
@given(states=st.fixed_dictionaries({key: STATES for key in SINGLE}))
def test_each_finding_is_asserted_refuted_or_stays_not_examined(states: dict[str, str]) -> None:
    resources: list[dict[str, Any]] = [patient()]
    for index, (key, state) in enumerate(states.items()):
        entry = SINGLE[key]
        value: dict[str, dict[str, Any]] = {
            "asserted": {},
            "refuted": {"valueBoolean": False},
            "not done": {"dataAbsentReason": NOT_PERFORMED},
        }
        if state != "missing":
            code = concept(entry.code, MAP.systems[entry.system])
            resources.append(
                {
                    "resourceType": "Observation",
                    "id": f"o{index}",
                    "status": "final",
                    "code": code,
                    **value[state],
                }
            )
    intake = read_fhir(bundle(*resources), on=ON)
    for key, state in states.items():
        expected = {"asserted": SINGLE[key].means, "refuted": SINGLE[key].opposite()}.get(state)
        assert getattr(intake.case.findings, key) == expected, (key, state)
    assert intake.report.contradictions == ()
    assert {n.finding for n in intake.report.not_done} == {k for k, s in states.items() if s == "not done"}
