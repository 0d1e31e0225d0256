"""FHIR input to validated resources: Bundles are opened, each resource is parsed with ``fhir.resources``.

``fhir.resources`` 8 has no R4 package of its own: its R4B models are R4 overlapped (fhir.md section 5),
so R4 resources are validated with them. Invalid FHIR raises :class:`FhirError` naming the resource
and the fields; resources of a type the mapper does not read are reported, not validated.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from fhir.resources.R4B.condition import Condition
from fhir.resources.R4B.diagnosticreport import DiagnosticReport
from fhir.resources.R4B.observation import Observation
from fhir.resources.R4B.patient import Patient
from pydantic import ValidationError

from cdss.case import messages
from cdss.errors import FhirError, FieldProblem
from cdss.fhir.report import ResourceProblem

Resource = Patient | Observation | Condition | DiagnosticReport
MODELS: dict[str, type[Resource]] = {
    "Patient": Patient,
    "Observation": Observation,
    "Condition": Condition,
    "DiagnosticReport": DiagnosticReport,
}
Input = Mapping[str, object] | Sequence[Mapping[str, object]]


@dataclass(frozen=True)
class Item:
    """One validated resource: its name in messages, its reference (None without id or fullUrl)."""

    name: str
    reference: str | None
    full_url: str | None
    resource: Resource


@dataclass(frozen=True)
class Collected:
    items: tuple[Item, ...]
    skipped: tuple[ResourceProblem, ...]


def collect(resources: Input) -> Collected:
    """Every resource of the input (a resource, a Bundle, or a list of either), validated."""
    if isinstance(resources, Mapping):
        tops: Sequence[object] = [resources]
        places = [""]
    elif isinstance(resources, Sequence) and not isinstance(resources, str | bytes):
        tops = resources
        places = [f"[{i}]" for i in range(len(resources))]
    else:
        raise FhirError(
            "input", [_problem((), "not_resources", "must be a FHIR resource, a Bundle or a list")]
        )
    items: list[Item] = []
    skipped: list[ResourceProblem] = []
    seen: set[str] = set()
    for place, top in zip(places, tops, strict=True):
        for where, data, full_url in _walk(top, place or "input", None, skipped):
            item = _validate(where, data, full_url, skipped)
            if item is None:
                continue
            if item.reference is not None and item.reference in seen:
                skipped.append(ResourceProblem(resource=item.name, problem="given twice; the first is used"))
                continue
            if item.reference is not None:
                seen.add(item.reference)
            items.append(item)
    return Collected(tuple(items), tuple(skipped))


def _problem(loc: tuple[str | int, ...], kind: str, message: str) -> FieldProblem:
    return FieldProblem(loc, kind, message)


def _walk(
    data: object, where: str, full_url: str | None, skipped: list[ResourceProblem]
) -> Iterator[tuple[str, Mapping[str, object], str | None]]:
    if not isinstance(data, Mapping):
        raise FhirError(where, [_problem((), "not_an_object", "must be a FHIR resource (a JSON object)")])
    kind = data.get("resourceType")
    if not isinstance(kind, str):
        raise FhirError(where, [_problem(("resourceType",), "missing", "is required and must name the type")])
    if kind != "Bundle":
        yield where, data, full_url
        return
    entries = data.get("entry", [])
    if not isinstance(entries, list):
        raise FhirError(where, [_problem(("entry",), "list_type", "must be a list")])
    for index, entry in enumerate(entries):
        here = f"{where}.entry[{index}]"
        if not isinstance(entry, Mapping):
            raise FhirError(here, [_problem((), "not_an_object", "must be an object")])
        url = entry.get("fullUrl")
        if "resource" not in entry:
            skipped.append(ResourceProblem(resource=here, problem="an entry without a resource"))
            continue
        yield from _walk(entry["resource"], here, url if isinstance(url, str) else None, skipped)


def _validate(
    where: str, data: Mapping[str, object], full_url: str | None, skipped: list[ResourceProblem]
) -> Item | None:
    kind = str(data["resourceType"])
    rid = data.get("id")
    reference = f"{kind}/{rid}" if isinstance(rid, str) and rid else full_url
    name = reference or f"{kind} at {where}"
    model = MODELS.get(kind)
    if model is None:
        read = ", ".join(MODELS)
        skipped.append(ResourceProblem(resource=name, problem=f"a {kind} is not read (only {read})"))
        return None
    try:
        resource = model.model_validate(data)
    except ValidationError as error:
        raise FhirError(name, list(messages.problems(error, messages.model_keys(model)))) from None
    return Item(name=name, reference=reference, full_url=full_url, resource=resource)
