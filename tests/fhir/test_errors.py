"""Input that is not valid FHIR: a clear FhirError naming the resource and the field, never a crash."""

from __future__ import annotations

import pickle

import pytest

from cdss.errors import CaseError, CdssError, FhirError, FieldProblem
from cdss.fhir.intake import read_fhir
from tests.fhir.build import NOT_PERFORMED, ON, Json, bundle, observation, patient


@pytest.mark.parametrize(
    ("given", "resource", "field"),
    [
        (
            bundle(patient(), {"resourceType": "Observation", "id": "o1", "code": {"text": "x"}}),
            "Observation/o1",
            "status",
        ),
        (
            bundle(observation("o1", "449813001", effectiveDateTime="2026-13-01")),
            "Observation/o1",
            "effectiveDateTime",
        ),
        (bundle(observation("o1", "449813001", valueBolean=True)), "Observation/o1", "valueBolean"),
        (bundle(observation("o1", "449813001", valueBoolean=True, valueString="x")), "Observation/o1", ""),
        (
            bundle(observation("o1", "449813001", valueBoolean=False, dataAbsentReason=NOT_PERFORMED)),
            "Observation/o1",
            "dataAbsentReason",
        ),
        (bundle(patient(birth="1955-02-30")), "Patient/p1", "birthDate"),
        (bundle({"id": "x"}), "input.entry[0]", "resourceType"),
        (
            bundle({"resourceType": "Observation", "status": "final", "code": 3}),
            "Observation at input.entry[0]",
            "code",
        ),
        ([patient(), "not a resource"], "[1]", ""),
        ({"resourceType": "Bundle", "entry": {"resource": patient()}}, "input", "entry"),
        ([patient("a"), patient("b")], "input", ""),
    ],
)
def test_invalid_fhir_raises_naming_the_resource_and_the_field(
    given: object, resource: str, field: str
) -> None:
    with pytest.raises(FhirError) as raised:
        read_fhir(given, on=ON)  # type: ignore[arg-type]
    error = raised.value
    assert isinstance(error, CdssError)
    assert error.resource == resource
    assert error.problems[0].field.startswith(field)
    assert str(error).startswith(f"{resource}: ")


@pytest.mark.parametrize("given", ["Bundle", b"{}", 42, None])
def test_input_that_is_not_resources_at_all_raises(given: object) -> None:
    with pytest.raises(FhirError, match="must be a FHIR resource"):
        read_fhir(given, on=ON)  # type: ignore[arg-type]


def test_an_obs6_violation_in_a_component_names_the_component() -> None:
    component: Json = {"code": {"text": "x"}, "valueInteger": 3, "dataAbsentReason": NOT_PERFORMED}
    with pytest.raises(FhirError, match=r"component\[0\]\.dataAbsentReason: .*obs-6"):
        read_fhir([observation("o1", "271773007", component=[component])], on=ON)


def test_a_fhir_error_survives_a_pickle_round_trip() -> None:
    error = FhirError("Observation/o1", [FieldProblem(("status",), "missing", "is required but missing")])
    copy = pickle.loads(pickle.dumps(error))
    assert (type(copy), str(copy), copy.resource, copy.problems) == (
        FhirError,
        str(error),
        error.resource,
        error.problems,
    )


def test_a_case_id_the_case_format_refuses_is_a_case_error() -> None:
    with pytest.raises(CaseError, match=r": id: string should have at most 200 characters"):
        read_fhir([patient()], on=ON, case_id="x" * 201)
