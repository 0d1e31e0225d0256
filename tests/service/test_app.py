"""The app factory in-process (Starlette's TestClient): instances built from their own configuration."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from cdss.service.app import create_app
from cdss.service.config import ServiceConfig
from cdss.service.hooks import HookRequest
from cdss.service.services import PatientView
from tests.service.fhirdata import hook_call, saddle_anaesthesia

PATIENT_VIEW = "/cds-services/cdss-back-leg-pain"


@pytest.fixture
def clients() -> Iterator[tuple[TestClient, TestClient, io.StringIO]]:
    """Two instances side by side: one with a tiny body limit, one with the defaults."""
    log = io.StringIO()
    small = create_app(ServiceConfig(base_url="http://small.test", auth=False, max_body_bytes=100), log=log)
    default = create_app(ServiceConfig(base_url="http://default.test", auth=False), log=io.StringIO())
    with TestClient(small) as first, TestClient(default) as second:
        yield first, second, log


def test_each_instance_keeps_its_own_configuration(
    clients: tuple[TestClient, TestClient, io.StringIO],
) -> None:
    small, default, _ = clients
    body = hook_call("patient-view", "pt-ces", saddle_anaesthesia())
    assert small.post(PATIENT_VIEW, json=body).status_code == 413
    assert default.post(PATIENT_VIEW, json=body).status_code == 200


def test_unknown_paths_and_methods_get_an_operation_outcome(
    clients: tuple[TestClient, TestClient, io.StringIO],
) -> None:
    small, _, log = clients
    missing = small.get("/nothing-here")
    wrong_method = small.get(PATIENT_VIEW)
    assert (missing.status_code, wrong_method.status_code) == (404, 405)
    assert missing.json()["issue"][0]["code"] == "not-found"
    assert wrong_method.json()["resourceType"] == "OperationOutcome"
    records = [json.loads(line) for line in log.getvalue().splitlines()]
    assert [(r["status"], r["problem"]) for r in records] == [(404, "http-404"), (405, "http-405")]


def test_a_body_without_a_length_is_cut_at_the_limit(
    clients: tuple[TestClient, TestClient, io.StringIO],
) -> None:
    small, _, _ = clients

    def chunks() -> Iterator[bytes]:
        yield from (b" " * 60 for _ in range(3))

    response = small.post(PATIENT_VIEW, content=chunks())
    assert response.status_code == 413


def test_a_defect_is_a_500_whose_log_names_where_not_what(monkeypatch: pytest.MonkeyPatch) -> None:
    async def broken(_: PatientView, call: HookRequest) -> list[dict[str, object]]:
        raise ValueError(f"patient {call.context['patientId']} broke it")

    monkeypatch.setattr(PatientView, "answer", broken)
    log = io.StringIO()
    with TestClient(create_app(ServiceConfig(base_url="http://x.test", auth=False), log=log)) as client:
        response = client.post(PATIENT_VIEW, json=hook_call("patient-view", "marker-7f3a", None))
    assert response.status_code == 500
    assert response.json()["issue"][0]["code"] == "exception"
    record = json.loads(log.getvalue().splitlines()[-1])
    assert record["problem"].startswith("internal-error ValueError at test_app.py:")
    assert "marker-7f3a" not in log.getvalue()
