"""FHIR test data: the example bundles split into CDS Hooks prefetch, patients built here, hook bodies."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import uuid4

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "fhir"
SCT = "http://snomed.info/sct"
FINDING = "urn:cdss:finding"
IMAGING = "urn:cdss:imaging"
VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status"

Resource = dict[str, Any]


def example_bundles() -> list[Path]:
    return sorted(EXAMPLES.glob("*.fhir"))


def read_bundle(path: Path) -> Resource:
    bundle: Resource = json.loads(path.read_text())
    return bundle


def searchset(resources: list[Resource]) -> Resource:
    return {
        "resourceType": "Bundle",
        "type": "searchset",
        "total": len(resources),
        "entry": [{"resource": r, "search": {"mode": "match"}} for r in resources],
    }


def prefetch_of(bundle: Resource) -> tuple[str, Resource]:
    """The patient's id and the prefetch an EHR would send for the bundle's resources."""
    resources = [entry["resource"] for entry in bundle["entry"]]
    patient = next(r for r in resources if r["resourceType"] == "Patient")
    return patient["id"], {
        "patient": patient,
        "observations": searchset([r for r in resources if r["resourceType"] == "Observation"]),
        "conditions": searchset([r for r in resources if r["resourceType"] == "Condition"]),
    }


def patient(patient_id: str, *, age: int = 45, gender: str = "female", **extra: Any) -> Resource:
    born = datetime.now(UTC).date().replace(day=1) - timedelta(days=int(age * 365.25) + 40)
    return {
        "resourceType": "Patient",
        "id": patient_id,
        "gender": gender,
        "birthDate": born.isoformat(),
        **extra,
    }


def observation(patient_id: str, code: str, value: Any, *, system: str = SCT, **extra: Any) -> Resource:
    """A final Observation whose code is the finding; the value is valueBoolean or valueDateTime."""
    key = "valueBoolean" if isinstance(value, bool) else "valueDateTime"
    return {
        "resourceType": "Observation",
        "id": f"{patient_id}-{code}".replace("_", "-"),
        "status": "final",
        "code": {"coding": [{"system": system, "code": code}]},
        "subject": {"reference": f"Patient/{patient_id}"},
        key: value,
        **extra,
    }


def condition(patient_id: str, code: str, status: str) -> Resource:
    return {
        "resourceType": "Condition",
        "id": f"{patient_id}-{code}".replace("_", "-"),
        "verificationStatus": {"coding": [{"system": VERIFICATION, "code": status}]},
        "code": {"coding": [{"system": SCT, "code": code}]},
        "subject": {"reference": f"Patient/{patient_id}"},
    }


def weeks_ago(weeks: float) -> str:
    return (datetime.now(UTC) - timedelta(weeks=weeks)).date().isoformat()


def saddle_anaesthesia(patient_id: str = "pt-ces") -> dict[str, Any]:
    """Prefetch of a patient with saddle anaesthesia: a cauda equina red flag."""
    return {
        "patient": patient(patient_id, age=44, gender="male"),
        "observations": searchset([observation(patient_id, "449813001", True)]),
        "conditions": searchset([]),
    }


def no_red_flags(patient_id: str = "pt-quiet", *, weeks: float = 3) -> dict[str, Any]:
    """Prefetch of a 40-year-old with leg pain below the knee for ``weeks`` weeks, every red flag asked
    about and absent."""
    observations = [
        observation(patient_id, "405795006", weeks_ago(weeks)),  # time of symptom onset
        observation(patient_id, "449813001", False),  # saddle numbness
        observation(patient_id, "165232002", False),  # urinary incontinence
        observation(patient_id, "72042002", False),  # faecal incontinence
        observation(patient_id, "56925008", False),  # abnormal sexual function
        observation(patient_id, "386661006", False),  # fever
        observation(patient_id, "progressive_weakness", False, system=FINDING),
        observation(patient_id, "300954003", True),  # pain in calf: leg pain below the knee
    ]
    conditions = [
        condition(patient_id, "267064002", "refuted"),  # retention of urine
        condition(patient_id, "15633361000119103", "refuted"),  # bilateral sciatica
        condition(patient_id, "363346000", "refuted"),  # malignant neoplastic disease
        condition(patient_id, "417746004", "refuted"),  # traumatic injury
    ]
    return {
        "patient": patient(patient_id, age=40),
        "observations": searchset(observations),
        "conditions": searchset(conditions),
    }


def hook_call(hook: str, patient_id: str, prefetch: dict[str, Any] | None, **context: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "hook": hook,
        "hookInstance": str(uuid4()),
        "context": {"userId": "Practitioner/example", "patientId": patient_id, **context},
    }
    if prefetch is not None:
        body["prefetch"] = prefetch
    return body


def imaging_order(code: str, order_id: str = "img-1") -> dict[str, Any]:
    """The order-select context of one drafted imaging order, selected."""
    order = {
        "resourceType": "ServiceRequest",
        "id": order_id,
        "status": "draft",
        "intent": "order",
        "code": {"coding": [{"system": IMAGING, "code": code}]},
        "subject": {"reference": "Patient/unused"},
    }
    return {
        "selections": [f"ServiceRequest/{order_id}"],
        "draftOrders": {"resourceType": "Bundle", "type": "collection", "entry": [{"resource": order}]},
    }
