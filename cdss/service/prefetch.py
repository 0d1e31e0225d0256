"""The patient's FHIR resources for one call: from the prefetch, or fetched from the EHR's FHIR server.

A prefetch key that is ``null`` means the EHR has no such data: the findings it would have given stay not
examined, and the gap is reported on a card. A key left out means the EHR did not prefetch it: the
service queries ``fhirServer`` (with ``fhirAuthorization`` when given) and, without a server to ask,
answers 412 with an OperationOutcome, as CDS Hooks requires.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import quote

import httpx2

from cdss.service.hooks import HookRequest
from cdss.service.outcome import bad_request, precondition_failed

PATIENT = "{{context.patientId}}"
PREFETCH: Mapping[str, str] = {
    "patient": f"Patient/{PATIENT}",
    "observations": f"Observation?patient={PATIENT}",
    "conditions": f"Condition?patient={PATIENT}",
}
"""The prefetch templates of both services (discovery); the keys are the keys of the request's prefetch."""
RESOURCE_TYPES: Mapping[str, str] = {
    "patient": "Patient",
    "observations": "Observation",
    "conditions": "Condition",
}
MAX_PAGES = 20
"""Pages of a search result the service follows before it stops (and says so)."""


@dataclass
class Gathered:
    """The resources of one call, and what could not be had."""

    resources: list[Mapping[str, object]] = field(default_factory=list)
    gaps: list[str] = field(default_factory=list)


async def gather(call: HookRequest, patient_id: str, client: httpx2.AsyncClient) -> Gathered:
    """Every resource the prefetch holds or the FHIR server returns for the templates of :data:`PREFETCH`."""
    prefetch = call.prefetch or {}
    server = call.fhir_server.rstrip("/") if call.fhir_server is not None else None
    missing = [key for key in PREFETCH if key not in prefetch]
    if missing and server is None:
        raise precondition_failed(
            f"prefetch {', '.join(missing)} not given and no fhirServer to fetch it from"
        )
    token = call.fhir_authorization.access_token if call.fhir_authorization is not None else None
    gathered = Gathered()
    for key, template in PREFETCH.items():
        if key not in prefetch and server is not None:
            found = await _fetch(client, server, token, template.replace(PATIENT, quote(patient_id, safe="")))
        else:
            found = prefetch[key]
        _take(gathered, key, found, patient_id)
    return gathered


def _take(gathered: Gathered, key: str, found: object, patient_id: str) -> None:
    expected = RESOURCE_TYPES[key]
    if found is None:
        gathered.gaps.append(
            f"{key}: the EHR has no data (prefetch null); findings from it stay not examined"
        )
        return
    if not isinstance(found, Mapping) or not isinstance(found.get("resourceType"), str):
        raise bad_request(f"prefetch {key}: expected a FHIR resource or Bundle", kind="wrong-resource-type")
    kind = found["resourceType"]
    if kind == "OperationOutcome":
        gathered.gaps.append(
            f"{key}: the EHR reported an error instead of data; findings from it stay not examined"
        )
        return
    resources = _entries(key, found) if kind == "Bundle" else [found]
    for resource in resources:
        _check(key, resource, expected, patient_id)
        gathered.resources.append(resource)


def _entries(key: str, bundle: Mapping[str, object]) -> list[Mapping[str, object]]:
    entries = bundle.get("entry", [])
    if not isinstance(entries, list):
        raise bad_request(f"prefetch {key}: Bundle.entry must be a list", kind="invalid-bundle")
    resources = []
    for index, entry in enumerate(entries):
        resource = entry.get("resource") if isinstance(entry, Mapping) else None
        if not isinstance(resource, Mapping):
            raise bad_request(f"prefetch {key}: entry[{index}] has no resource", kind="invalid-bundle")
        search = entry.get("search")
        if resource.get("resourceType") == "OperationOutcome" or (
            isinstance(search, Mapping) and search.get("mode") == "include"
        ):
            continue
        resources.append(resource)
    return resources


def _check(key: str, resource: Mapping[str, object], expected: str, patient_id: str) -> None:
    kind = resource.get("resourceType")
    if kind != expected:
        raise bad_request(f"prefetch {key}: holds a {kind}, expected {expected}", kind="wrong-resource-type")
    if kind == "Patient":
        if resource.get("id") != patient_id:
            raise bad_request(
                f"prefetch {key}: Patient/{resource.get('id')} is not the context's patient",
                kind="wrong-patient",
            )
        return
    subject = resource.get("subject")
    reference = subject.get("reference") if isinstance(subject, Mapping) else None
    if isinstance(reference, str) and not _is_patient(reference, patient_id):
        raise bad_request(
            f"prefetch {key}: {kind}/{resource.get('id')} is about {reference}, not the context's patient",
            kind="wrong-patient",
        )


def _is_patient(reference: str, patient_id: str) -> bool:
    return reference == f"Patient/{patient_id}" or reference.endswith(f"/Patient/{patient_id}")


async def _fetch(client: httpx2.AsyncClient, server: str, token: str | None, query: str) -> object:
    headers = {"Accept": "application/fhir+json"}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    url: str | None = f"{server}/{query}"
    pages: list[Mapping[str, object]] = []
    while url is not None:
        if len(pages) == MAX_PAGES:
            raise precondition_failed(f"{query}: more than {MAX_PAGES} pages from the FHIR server")
        page = await _get(client, url, headers, query)
        if page.get("resourceType") != "Bundle":
            return page
        pages.append(page)
        url = _next_page(page, server, query)
    entries = [entry for page in pages for entry in _list(page.get("entry"))]
    return {"resourceType": "Bundle", "type": "searchset", "entry": entries}


async def _get(
    client: httpx2.AsyncClient, url: str, headers: Mapping[str, str], query: str
) -> Mapping[str, object]:
    try:
        response = await client.get(url, headers=headers)
    except httpx2.HTTPError as error:
        raise precondition_failed(
            f"{query}: the FHIR server could not be reached ({type(error).__name__})"
        ) from error
    if response.status_code != 200:
        raise precondition_failed(f"{query}: the FHIR server answered HTTP {response.status_code}")
    try:
        body = response.json()
    except ValueError as error:
        raise precondition_failed(f"{query}: the FHIR server's answer is not JSON") from error
    if not isinstance(body, Mapping):
        raise precondition_failed(f"{query}: the FHIR server's answer is not a FHIR resource")
    return body


def _next_page(bundle: Mapping[str, object], server: str, query: str) -> str | None:
    for link in _list(bundle.get("link")):
        if isinstance(link, Mapping) and link.get("relation") == "next" and isinstance(link.get("url"), str):
            url = str(link["url"])
            if not url.startswith(server + "/"):  # following it would carry the access token elsewhere
                raise precondition_failed(f"{query}: the next page is not on the FHIR server")
            return url
    return None


def _list(value: object) -> list[object]:
    return value if isinstance(value, list) else []
