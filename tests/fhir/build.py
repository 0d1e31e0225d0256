"""Small builders of FHIR R4 resources for the tests (plain JSON, as an EHR would send them)."""

from __future__ import annotations

import datetime
from typing import Any

SCT = "http://snomed.info/sct"
LOINC = "http://loinc.org"
CDSS = "urn:cdss:finding"
INTERPRETATION = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation"
ON = datetime.date(2026, 11, 28)
PATIENT = "Patient/p1"

Json = dict[str, Any]


def concept(code: str, system: str = SCT, display: str | None = None) -> Json:
    coding: Json = {"system": system, "code": code}
    if display:
        coding["display"] = display
    return {"coding": [coding]}


POSITIVE, NEGATIVE = concept("10828004"), concept("260385009")
PRESENT, ABSENT = concept("52101004"), concept("272519000")
LEFT, RIGHT, BILATERAL = concept("7771000"), concept("24028007"), concept("51440002")
HIGH, NORMAL = concept("H", INTERPRETATION), concept("N", INTERPRETATION)
NOT_PERFORMED = concept("not-performed", "http://terminology.hl7.org/CodeSystem/data-absent-reason")


def patient(pid: str = "p1", *, gender: str = "female", birth: str = "1955-06-01") -> Json:
    return {"resourceType": "Patient", "id": pid, "gender": gender, "birthDate": birth}


def observation(oid: str, code: str, system: str = SCT, **fields: Any) -> Json:
    return {
        "resourceType": "Observation",
        "id": oid,
        "status": "final",
        "code": concept(code, system),
        "subject": {"reference": PATIENT},
        **fields,
    }


def condition(cid: str, code: str, verification: str | None = "confirmed", **fields: Any) -> Json:
    resource: Json = {
        "resourceType": "Condition",
        "id": cid,
        "code": concept(code),
        "subject": {"reference": PATIENT},
        **fields,
    }
    if verification is not None:
        resource["verificationStatus"] = concept(
            verification, "http://terminology.hl7.org/CodeSystem/condition-ver-status"
        )
    return resource


def clinical(status: str) -> Json:
    return concept(status, "http://terminology.hl7.org/CodeSystem/condition-clinical")


def report(rid: str, *codes: str, status: str = "final") -> Json:
    return {
        "resourceType": "DiagnosticReport",
        "id": rid,
        "status": status,
        "code": {"text": "MRI lumbar spine"},
        "subject": {"reference": PATIENT},
        "conclusionCode": [concept(code) for code in codes],
    }


def bundle(*resources: Json) -> Json:
    return {"resourceType": "Bundle", "type": "collection", "entry": [{"resource": r} for r in resources]}
