"""Round trip: any case written as FHIR (codes taken from the code map itself) reads back as that case.

The writer below picks, for each finding and value, a code of ``codes.yaml`` that states it (a code of
that finding alone where there is one), and writes it the way fhir.md section 2 says: asserted, refuted,
with a laterality or a grade, as a quantity or an onset. Reading it back must give the same findings, no
contradiction and no problem: every value of every finding has a way in, and the combination keeps it.
"""

from __future__ import annotations

import datetime
from typing import Any

from hypothesis import HealthCheck, given, settings

from cdss.case.findings import Case
from cdss.fhir.codemap import CodeEntry, code_map
from cdss.fhir.intake import read_fhir
from tests.fhir.build import (
    ABSENT,
    BILATERAL,
    LEFT,
    NEGATIVE,
    ON,
    POSITIVE,
    PRESENT,
    RIGHT,
    Json,
    bundle,
    concept,
    patient,
)
from tests.strategies import cases

MAP = code_map()
SIDES = {"left": LEFT, "right": RIGHT, "bilateral": BILATERAL}


def _system(entry: CodeEntry) -> str:
    return MAP.systems[entry.system]


def _alone(entry: CodeEntry) -> bool:
    return len(MAP.lookup(_system(entry), entry.code)) == 1


def _observation(entry: CodeEntry, **fields: Any) -> Json:
    code = concept(entry.code, _system(entry))
    return {"resourceType": "Observation", "status": "final", "code": code, **fields}


def _stated(key: str, value: object) -> Json:
    """An Observation that states ``key: value``."""
    entries = sorted(MAP.findings[key].codes, key=lambda e: (not _alone(e), e.read != "finding"))
    if key == "reflex_change" and value == "ankle_absent_bilateral":
        absent = next(e for e in entries if e.means == "ankle_absent" and e.side is None)
        return _observation(absent, bodySite=BILATERAL)
    for entry in entries:
        stated = _measured(entry, value, entries) or _asserted(entry, value)
        if stated is not None:
            return stated
    raise AssertionError(f"no code states {key}: {value!r}")


def _measured(entry: CodeEntry, value: object, entries: list[CodeEntry]) -> Json | None:
    """A number, an onset, or a grade as the value of the finding it grades."""
    if entry.read == "quantity":
        return _observation(entry, valueQuantity={"value": value})
    if entry.read == "onset":
        onset = ON - datetime.timedelta(days=round(float(value) * 7))  # type: ignore[arg-type]
        return _observation(entry, valueDateTime=onset.isoformat())
    if entry.read == "grade" and entry.means == value:
        graded = next(e for e in entries if e.read == "finding" and e.means == "present")
        return _observation(graded, valueCodeableConcept=concept(entry.code))
    return None


def _asserted(entry: CodeEntry, value: object) -> Json | None:
    """The code asserted (on the side that gives the value) or refuted."""
    if entry.read not in {"finding", "observable"}:
        return None
    observable = entry.read == "observable"
    if isinstance(entry.means, dict):
        sides = [side for side, meant in entry.means.items() if meant == value]
        return _observation(entry, bodySite=SIDES[sides[0]]) if sides else None
    if entry.means == value:
        return _observation(entry, valueCodeableConcept=POSITIVE if observable else PRESENT)
    if entry.opposite() == value:
        return _observation(entry, valueCodeableConcept=NEGATIVE if observable else ABSENT)
    return None


def _expected(case: Case) -> dict[str, object]:
    findings = case.findings.model_dump(exclude_none=True)
    if "symptom_duration_weeks" in findings:
        findings["symptom_duration_weeks"] = round(round(findings["symptom_duration_weeks"] * 7) / 7, 1)
    return findings


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=cases())
def test_any_case_written_as_fhir_reads_back_as_itself(data: dict[str, Any]) -> None:
    case = Case.model_validate(data)
    resources = [patient()]
    for index, (key, value) in enumerate(case.findings.model_dump(exclude_none=True).items()):
        resources.append({**_stated(key, value), "id": f"o{index}"})
    intake = read_fhir(bundle(*resources), on=ON)
    assert intake.case.findings.model_dump(exclude_none=True) == _expected(case)
    report = intake.report
    assert (report.unknown_codes, report.unusable, report.contradictions, report.not_done) == ((), (), (), ())
