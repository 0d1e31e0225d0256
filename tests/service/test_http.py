"""Both hooks over real HTTP (`cdss serve` with token verification, see conftest.py): discovery, the
example bundles and patients built here, feedback, prefetch fetched from a FHIR server on loopback.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from uuid import uuid4

import httpx2
import pytest

from cdss.engine.engine import Engine
from cdss.fhir.intake import read_fhir
from cdss.service.patient_view import INDICATOR
from tests.service.fhirdata import (
    example_bundles,
    hook_call,
    imaging_order,
    no_red_flags,
    prefetch_of,
    read_bundle,
    saddle_anaesthesia,
    searchset,
)
from tests.service.servers import Served, Signer, fhir_server, post, problem

PATIENT_VIEW = "/cds-services/cdss-back-leg-pain"
IMAGING = "/cds-services/cdss-lumbar-imaging"


def test_discovery_lists_both_services_and_their_prefetch(served: Served, signer: Signer) -> None:
    token = signer.token(served.url("/cds-services"))
    response = httpx2.get(served.url("/cds-services"), headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    services = {service["id"]: service for service in response.json()["services"]}
    assert services["cdss-back-leg-pain"]["hook"] == "patient-view"
    assert services["cdss-lumbar-imaging"]["hook"] == "order-select"
    for service in services.values():
        assert service["prefetch"]["patient"] == "Patient/{{context.patientId}}"
        assert service["prefetch"]["observations"] == "Observation?patient={{context.patientId}}"
        assert service["prefetch"]["conditions"] == "Condition?patient={{context.patientId}}"


@pytest.mark.parametrize("path", example_bundles(), ids=lambda path: path.stem)
def test_patient_view_answers_each_example_bundle_as_the_library_does(
    served: Served, signer: Signer, engine: Engine, path: Path
) -> None:
    bundle = read_bundle(path)
    patient_id, prefetch = prefetch_of(bundle)
    response = post(served, signer, PATIENT_VIEW, hook_call("patient-view", patient_id, prefetch))
    assert response.status_code == 200, response.text
    card = response.json()["cards"][0]
    expected = engine.evaluate(read_fhir(bundle, on=datetime.now(UTC).date()).case)
    assert card["indicator"] == INDICATOR[expected.triage]
    assert len(card["summary"]) < 140
    assert expected.differential[0].name in card["summary"]
    assert expected.ruleset.version in card["source"]["label"]
    for entry in expected.differential[:3]:
        assert entry.name in card["detail"]
    risk = card["suggestions"][0]["actions"][0]["resource"]
    assert risk["resourceType"] == "RiskAssessment"
    assert risk["subject"]["reference"] == f"Patient/{patient_id}"


def test_patient_view_puts_cauda_equina_first_as_a_critical_card(served: Served, signer: Signer) -> None:
    response = post(served, signer, PATIENT_VIEW, hook_call("patient-view", "pt-ces", saddle_anaesthesia()))
    assert response.status_code == 200, response.text
    card = response.json()["cards"][0]
    assert card["indicator"] == "critical"
    assert card["summary"].startswith("Emergency: Suspected cauda equina syndrome")
    assert "CES-002" in card["detail"]
    assert card["selectionBehavior"] == "at-most-one"


def test_order_select_advises_mri_now_for_a_cauda_equina_feature(served: Served, signer: Signer) -> None:
    for code, indicator in (("mri-lumbar-spine", "info"), ("radiograph-lumbar-spine", "warning")):
        body = hook_call("order-select", "pt-ces", saddle_anaesthesia(), **imaging_order(code))
        response = post(served, signer, IMAGING, body)
        assert response.status_code == 200, response.text
        card = response.json()["cards"][0]
        assert card["summary"].startswith("Imaging indicated now: MRI"), card["summary"]
        assert card["indicator"] == indicator
        assert "IMG-001" in card["detail"]


def test_order_select_advises_against_imaging_in_the_first_six_weeks_without_red_flags(
    served: Served, signer: Signer
) -> None:
    body = hook_call("order-select", "pt-quiet", no_red_flags(weeks=3), **imaging_order("mri-lumbar-spine"))
    response = post(served, signer, IMAGING, body)
    assert response.status_code == 200, response.text
    card = response.json()["cards"][0]
    assert card["summary"].startswith("Imaging not indicated now"), card["summary"]
    assert card["indicator"] == "warning"
    assert "IMG-009" in card["detail"]
    assert card["suggestions"][0]["actions"][0] == {
        "type": "delete",
        "description": "Imaging is not indicated now",
        "resourceId": ["ServiceRequest/img-1"],
    }
    assert {reason["code"] for reason in card["overrideReasons"]} >= {"candidate-for-intervention"}


def test_order_select_after_six_weeks_of_leg_pain_advises_mri_only_for_a_candidate(
    served: Served, signer: Signer
) -> None:
    body = hook_call("order-select", "pt-quiet", no_red_flags(weeks=8), **imaging_order("ct-lumbar-spine"))
    card = post(served, signer, IMAGING, body).json()["cards"][0]
    assert card["summary"].startswith("MRI only for a candidate"), card["summary"]
    assert "IMG-010" in card["detail"]
    assert "IMG-009" not in card["detail"]


def test_order_select_without_lumbar_imaging_answers_no_cards(served: Served, signer: Signer) -> None:
    body = hook_call("order-select", "pt-ces", saddle_anaesthesia(), **imaging_order("mri-lumbar-spine"))
    body["context"]["draftOrders"]["entry"][0]["resource"]["code"]["coding"][0]["code"] = "mri-knee"
    response = post(served, signer, IMAGING, body)
    assert response.status_code == 200
    assert response.json() == {"cards": []}


def test_feedback_is_accepted_and_logged_without_free_text(served: Served, signer: Signer) -> None:
    comment = f"free-text-{uuid4()}"
    accepted, overridden = str(uuid4()), str(uuid4())
    body = {
        "feedback": [
            {"card": accepted, "outcome": "accepted", "acceptedSuggestions": [{"id": str(uuid4())}],
             "outcomeTimestamp": "2026-11-28T10:00:00Z"},
            {"card": overridden, "outcome": "overridden", "outcomeTimestamp": "2026-11-28T10:01:00Z",
             "overrideReason": {"reason": {"code": "candidate-for-intervention",
                                           "system": "urn:cdss:override-reason"}, "userComment": comment}},
        ]
    }  # fmt: skip
    response = post(served, signer, IMAGING + "/feedback", body)
    assert response.status_code == 200, response.text
    (logged,) = served.wait_for(lambda record: accepted in json.dumps(record.get("feedback")))
    assert comment not in served.log()
    assert logged["feedback"] == [
        {"card": accepted, "outcome": "accepted", "accepted_suggestions": 1, "override_reason": None},
        {"card": overridden, "outcome": "overridden", "accepted_suggestions": 0,
         "override_reason": "candidate-for-intervention"},
    ]  # fmt: skip


def test_feedback_of_the_wrong_shape_is_refused(served: Served, signer: Signer) -> None:
    body = {"feedback": [{"card": str(uuid4()), "outcome": "ignored", "outcomeTimestamp": "2026-11-28"}]}
    response = post(served, signer, PATIENT_VIEW + "/feedback", body)
    assert response.status_code == 400
    assert "feedback.0.outcome" in problem(response)


def test_missing_prefetch_is_fetched_from_the_fhir_server_with_its_token(
    served: Served, signer: Signer
) -> None:
    prefetch = saddle_anaesthesia("pt-remote")
    observations = prefetch["observations"]["entry"]
    answers: dict[str, Any] = {
        "Patient/pt-remote": prefetch["patient"],
        "Observation?patient=pt-remote": {**searchset([]), "link": []},
        "Condition?patient=pt-remote": searchset([]),
    }
    with fhir_server(answers) as fhir:
        # the observations come on a second page, linked from the first
        answers["Observation?patient=pt-remote"]["link"] = [
            {"relation": "next", "url": f"{fhir.url}/Observation?patient=pt-remote&page=2"}
        ]
        answers["Observation?patient=pt-remote&page=2"] = {**searchset([]), "entry": observations}
        body = hook_call("patient-view", "pt-remote", None)
        body["fhirServer"] = fhir.url
        body["fhirAuthorization"] = {
            "access_token": "secret-fhir-token",
            "token_type": "Bearer",
            "expires_in": 300,
            "scope": "patient/*.read",
            "subject": "cdss",
        }
        response = post(served, signer, PATIENT_VIEW, body)
    assert response.status_code == 200, response.text
    assert response.json()["cards"][0]["indicator"] == "critical"
    assert sorted(path for path, _ in fhir.calls) == [
        "/fhir/Condition?patient=pt-remote",
        "/fhir/Observation?patient=pt-remote",
        "/fhir/Observation?patient=pt-remote&page=2",
        "/fhir/Patient/pt-remote",
    ]
    assert {authorization for _, authorization in fhir.calls} == {"Bearer secret-fhir-token"}


def test_missing_prefetch_without_a_fhir_server_is_412(served: Served, signer: Signer) -> None:
    prefetch = saddle_anaesthesia()
    del prefetch["conditions"]
    response = post(served, signer, PATIENT_VIEW, hook_call("patient-view", "pt-ces", prefetch))
    assert response.status_code == 412
    assert problem(response) == "prefetch conditions not given and no fhirServer to fetch it from"


def test_null_prefetch_keeps_findings_unexamined_and_says_so(served: Served, signer: Signer) -> None:
    prefetch = {**saddle_anaesthesia(), "conditions": None}
    cards = post(served, signer, PATIENT_VIEW, hook_call("patient-view", "pt-ces", prefetch)).json()["cards"]
    assert cards[0]["indicator"] == "critical"
    assert cards[1]["indicator"] == "warning"
    assert "conditions: the EHR has no data" in cards[1]["detail"]
