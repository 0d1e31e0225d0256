"""FHIR R4 in: a Bundle, or a list of resources, to a :class:`Case` and a report of what did not map.

>>> intake = read_fhir(bundle, on=datetime.date(2026, 11, 28), case_id="c1")  # doctest: +SKIP
>>> intake.case.findings.slr, intake.report.unknown_codes, intake.used  # doctest: +SKIP

Age is whole years from ``Patient.birthDate`` to ``on``; sex is ``Patient.gender``; findings come from
the codes of Observations, Conditions and DiagnosticReports through the code map (``codes.yaml``).
A finding no resource speaks of stays not examined: a missing resource is never ``false``.
"""

from __future__ import annotations

import datetime

from fhir.resources.R4B.condition import Condition
from fhir.resources.R4B.diagnosticreport import DiagnosticReport
from fhir.resources.R4B.observation import Observation
from fhir.resources.R4B.patient import Patient
from fhir.resources.R4B.reference import Reference
from pydantic import BaseModel, ConfigDict, Field

from cdss.case.findings import Case, Sex
from cdss.case.validate import validate_case
from cdss.errors import FhirError, FieldProblem
from cdss.fhir.codemap import code_map
from cdss.fhir.combining import combine
from cdss.fhir.reading import Reader
from cdss.fhir.report import MappingReport, ResourceProblem
from cdss.fhir.resources import Input, Item, collect

_SEXES: dict[str | None, Sex] = {"female": "female", "male": "male", "other": "other", "unknown": "unknown"}
_MAX_AGE = 120


class FhirIntake(BaseModel):
    """The case read from FHIR, the report of what did not map as it stood, and the resources used."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    case: Case
    report: MappingReport
    used: tuple[str, ...] = Field(description='References ("Type/id" or fullUrl) of the resources used.')


def read_fhir(resources: Input, *, on: datetime.date, case_id: str | None = None) -> FhirIntake:
    """Map FHIR R4 resources (a Bundle, a resource, or a list of either) to a case assessed on ``on``.

    Raises :class:`cdss.errors.FhirError` for input that is not valid FHIR, naming the resource and field,
    and :class:`cdss.errors.CaseError` for a ``case_id`` the case format refuses.
    """
    collected = collect(resources)
    patient = _patient(collected.items)
    reader = Reader(code_map(), on)
    unusable = list(collected.skipped)
    for item in collected.items:
        resource = item.resource
        if isinstance(resource, Patient):
            continue
        elsewhere = _other_patient(resource.subject, patient)
        if elsewhere:
            unusable.append(ResourceProblem(resource=item.name, problem=elsewhere))
        elif isinstance(resource, Observation):
            reader.observation(item, resource)
        elif isinstance(resource, Condition):
            reader.condition(item, resource)
        elif isinstance(resource, DiagnosticReport):
            reader.diagnostic_report(item, resource)
    reading = reader.reading
    combined = combine(reading.statements, reader.codes)
    age, sex, problems = _demographics(patient, on)
    data = {"id": case_id, "age": age, "sex": sex, "findings": combined.findings}
    case = validate_case(data, label=case_id or "FHIR input")
    used = [patient.reference] if patient is not None and patient.reference and not problems else []
    used += [s.reference for s in reading.statements if s.reference]
    report = MappingReport(
        unknown_codes=tuple(reading.unknown),
        unusable=(*unusable, *reading.unusable, *problems),
        contradictions=tuple(combined.contradictions),
        not_done=tuple(reading.not_done),
        notes=(*reading.notes, *combined.notes),
    )
    return FhirIntake(case=case, report=report, used=tuple(dict.fromkeys(used)))


def _patient(items: tuple[Item, ...]) -> Item | None:
    patients = [item for item in items if isinstance(item.resource, Patient)]
    if len(patients) > 1:
        names = ", ".join(item.name for item in patients)
        problem = FieldProblem(
            (), "several_patients", f"holds more than one Patient ({names}); one case is one"
        )
        raise FhirError("input", [problem])
    return patients[0] if patients else None


def _other_patient(subject: Reference | None, patient: Item | None) -> str | None:
    """Why a resource is not about the patient of the input, or None when it is (or cannot be told)."""
    if subject is None or subject.reference is None or patient is None or patient.reference is None:
        return None
    own = {patient.reference, patient.full_url}
    pid = patient.resource.id
    if subject.reference in own or (pid and subject.reference.endswith(f"/Patient/{pid}")):
        return None
    return f"its subject {subject.reference} is not the patient {patient.reference}; not used"


def _demographics(patient: Item | None, on: datetime.date) -> tuple[int | None, Sex, list[ResourceProblem]]:
    if patient is None or not isinstance(patient.resource, Patient):
        return None, "unknown", []
    sex = _SEXES.get(patient.resource.gender, "unknown")
    birth = patient.resource.birthDate
    if birth is None:
        return None, sex, []
    age, problem = _age(birth, on)
    problems = [ResourceProblem(resource=patient.name, problem=problem)] if problem else []
    return age, sex, problems


def _age(birth: datetime.date | str, on: datetime.date) -> tuple[int | None, str | None]:
    """Whole years from birth to ``on``; a partial birth date gives an age only when it cannot be off."""
    if isinstance(birth, datetime.date):
        earliest = latest = birth
    else:
        parts = [int(p) for p in str(birth).split("-")]
        year, month = parts[0], parts[1] if len(parts) > 1 else None
        earliest = datetime.date(year, month or 1, 1)
        latest = datetime.date(year, month or 12, 28 if month == 2 else 30 if month in {4, 6, 9, 11} else 31)
    oldest, youngest = _years(earliest, on), _years(latest, on)
    if oldest != youngest:
        return None, f"birthDate {birth} is partial: the age on {on} may be {youngest} or {oldest}; not set"
    if youngest < 0 or youngest > _MAX_AGE:
        return None, f"birthDate {birth} gives an age of {youngest} on {on}, outside 0-{_MAX_AGE}; not set"
    return youngest, None


def _years(birth: datetime.date, on: datetime.date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))
