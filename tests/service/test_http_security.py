"""Hostile input and tokens over real HTTP (`cdss serve` of conftest.py), and the request log.

Every refusal is an OperationOutcome naming the problem: 413 for a body over the limit; 400 for
malformed JSON, an unknown service, a wrong hook, a wrong resource type or another patient's data; 401
for a token that is missing, expired, for another audience, signed by an unknown or a wrong key, from an
untrusted issuer, or replayed. The log holds one JSON object per request and no patient data.
"""

from __future__ import annotations

from uuid import uuid4

import httpx2
import pytest

from tests.service.fhirdata import hook_call, observation, patient, saddle_anaesthesia, searchset
from tests.service.servers import MAX_BODY, Served, Signer, post, problem

PATIENT_VIEW = "/cds-services/cdss-back-leg-pain"


def call(served: Served, token: str | None, path: str = PATIENT_VIEW) -> httpx2.Response:
    headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
    body = hook_call("patient-view", "pt-ces", saddle_anaesthesia())
    return httpx2.post(served.url(path), json=body, headers=headers, timeout=30)


def test_a_body_over_the_limit_is_413(served: Served, signer: Signer) -> None:
    body = hook_call("patient-view", "pt-ces", saddle_anaesthesia())
    body["padding"] = "x" * MAX_BODY
    response = post(served, signer, PATIENT_VIEW, body)
    assert response.status_code == 413
    assert problem(response) == f"the body is larger than {MAX_BODY} bytes"


def test_malformed_json_is_400(served: Served, signer: Signer) -> None:
    token = signer.token(served.url(PATIENT_VIEW))
    response = httpx2.post(
        served.url(PATIENT_VIEW),
        content=b'{"hook": "patient-view",',
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 400
    assert problem(response).startswith("the body is not valid JSON")


def test_json_nested_too_deeply_is_400_not_a_defect(served: Served, signer: Signer) -> None:
    token = signer.token(served.url(PATIENT_VIEW))
    depth = 50_000
    response = httpx2.post(
        served.url(PATIENT_VIEW),
        content=b'{"hook": "patient-view", "context": ' + b"[" * depth + b"]" * depth + b"}",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 400
    assert problem(response) == "the body is not valid JSON: nested too deeply"


def test_an_unknown_service_is_400_naming_it(served: Served, signer: Signer) -> None:
    response = post(served, signer, "/cds-services/no-such-service", {})
    assert response.status_code == 400
    assert problem(response).startswith("no CDS service 'no-such-service' here")


def test_a_wrong_hook_is_400(served: Served, signer: Signer) -> None:
    body = hook_call("order-select", "pt-ces", saddle_anaesthesia())
    response = post(served, signer, PATIENT_VIEW, body)
    assert response.status_code == 400
    assert problem(response) == "service cdss-back-leg-pain answers the patient-view hook, not 'order-select'"


def test_a_wrong_resource_type_is_400(served: Served, signer: Signer) -> None:
    prefetch = saddle_anaesthesia()
    prefetch["patient"] = prefetch["observations"]["entry"][0]["resource"]
    response = post(served, signer, PATIENT_VIEW, hook_call("patient-view", "pt-ces", prefetch))
    assert response.status_code == 400
    assert problem(response) == "prefetch patient: holds a Observation, expected Patient"


def test_another_patients_data_is_400(served: Served, signer: Signer) -> None:
    prefetch = saddle_anaesthesia()
    prefetch["observations"] = searchset([observation("someone-else", "449813001", True)])
    response = post(served, signer, PATIENT_VIEW, hook_call("patient-view", "pt-ces", prefetch))
    assert response.status_code == 400
    assert "is about Patient/someone-else, not the context's patient" in problem(response)


def test_a_request_without_a_hook_instance_is_400_naming_the_field(served: Served, signer: Signer) -> None:
    body = hook_call("patient-view", "pt-ces", saddle_anaesthesia())
    del body["hookInstance"]
    response = post(served, signer, PATIENT_VIEW, body)
    assert response.status_code == 400
    assert problem(response) == "request: hookInstance: Field required"


def test_a_valid_token_is_accepted_once_and_its_replay_refused(served: Served, signer: Signer) -> None:
    token = signer.token(served.url(PATIENT_VIEW))
    assert call(served, token).status_code == 200
    replayed = call(served, token)
    assert replayed.status_code == 401
    assert problem(replayed) == "the token has been used before (its jti was replayed)"


@pytest.mark.parametrize(
    ("make_token", "reason"),
    [
        (lambda s, url: s.token(url, lifetime_s=-60), "the token has expired"),
        (lambda s, url: s.token(url + "-elsewhere"), "the token's aud is not "),
        (lambda s, url: Signer(s.issuer).token(url), "has no key"),
        (lambda s, url: Signer(s.issuer, kid=s.kid).token(url), "the token's signature does not verify"),
        (lambda _, url: Signer("https://stranger.example.test").token(url), "is not trusted"),
        (lambda s, url: s.token(url, jti=""), "jti must be a non-empty string"),
        (lambda _, __: "not.a.jwt", "the bearer token is not a JWT"),
    ],
    ids=["expired", "other-audience", "unknown-key", "wrong-key", "untrusted-issuer", "empty-jti", "garbage"],
)
def test_a_bad_token_is_401_naming_why(
    served: Served, signer: Signer, make_token: object, reason: str
) -> None:
    response = call(served, make_token(signer, served.url(PATIENT_VIEW)))  # type: ignore[operator]
    assert response.status_code == 401
    assert reason in problem(response)
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_a_call_without_a_token_is_401(served: Served) -> None:
    for response in (call(served, None), httpx2.get(served.url("/cds-services"))):
        assert response.status_code == 401
        assert problem(response).startswith("no bearer token")


def test_a_token_for_the_hook_is_not_a_token_for_discovery(served: Served, signer: Signer) -> None:
    token = signer.token(served.url(PATIENT_VIEW))
    response = httpx2.get(served.url("/cds-services"), headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401


def test_the_log_is_one_json_object_per_request_without_patient_data(served: Served, signer: Signer) -> None:
    marker = f"marker-{uuid4().hex}"
    prefetch = saddle_anaesthesia(marker)
    prefetch["patient"] = patient(marker, name=[{"family": f"{marker}-family", "given": [f"{marker}-given"]}])
    prefetch["observations"]["entry"][0]["resource"]["note"] = [{"text": f"{marker}-note"}]
    body = hook_call("patient-view", marker, prefetch)
    response = post(served, signer, PATIENT_VIEW, body)
    assert response.status_code == 200, response.text
    records = served.wait_for(lambda record: record.get("hook_instance") == body["hookInstance"])
    assert marker in response.text  # the answer is about this patient ...
    assert marker not in served.log()  # ... and the log says nothing of them
    assert len(records) == 1
    assert records[0]["service"] == "cdss-back-leg-pain"
    assert records[0]["status"] == 200
    assert records[0]["latency_ms"] > 0
