"""What the value of an Observation (or of one of its components) says about one code of the map.

The conventions of fhir.md section 2: no value or true or Present/Positive asserts the code; false or
Absent/Negative/Known absent refutes it; dataAbsentReason or Undetermined means not done. Numbers,
laboratory results, MRC grades and onset dates are read by the code's ``read``. Each function returns
what it read or a :class:`Problem` sentence; nothing is guessed.
"""

from __future__ import annotations

import datetime
import enum
from dataclasses import dataclass
from typing import Protocol

from fhir.resources.R4B.codeableconcept import CodeableConcept
from fhir.resources.R4B.observation import ObservationReferenceRange
from fhir.resources.R4B.quantity import Quantity

from cdss.fhir.codemap import Side

SCT = "http://snomed.info/sct"
INTERPRETATION = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation"
_ASSERTING = frozenset({"52101004", "10828004"})  # Present, Positive
_REFUTING = frozenset({"272519000", "260385009", "410516002"})  # Absent, Negative, Known absent
_UNDETERMINED = "373068000"
_LATERALITY: dict[str, Side] = {"7771000": "left", "24028007": "right", "51440002": "bilateral"}
_RAISED = frozenset({"H", "HH", "HU", "A", "AA"})
_NOT_RAISED = frozenset({"N", "L", "LL", "LU"})
_FULL_POWER = 5
VALUE_FIELDS = (
    "valueBoolean",
    "valueCodeableConcept",
    "valueQuantity",
    "valueInteger",
    "valueDateTime",
    "valueString",
    "valueRange",
    "valueRatio",
    "valueSampledData",
    "valueTime",
    "valuePeriod",
)


class Polarity(enum.Enum):
    ASSERTED = "asserted"
    REFUTED = "refuted"


@dataclass(frozen=True)
class Problem:
    text: str


@dataclass(frozen=True)
class NotDone:
    reason: str


class Holder(Protocol):
    """An Observation or an Observation component: a value[x], dataAbsentReason, interpretation, range."""

    @property
    def dataAbsentReason(self) -> CodeableConcept | None: ...  # noqa: N802 (FHIR's name)
    @property
    def interpretation(self) -> list[CodeableConcept] | None: ...
    @property
    def referenceRange(self) -> list[ObservationReferenceRange] | None: ...  # noqa: N802 (FHIR's name)


def value_of(holder: object) -> tuple[str, object] | None:
    """The value[x] a holder carries, as (element name, value), or None."""
    for name in VALUE_FIELDS:
        value = getattr(holder, name, None)
        if value is not None:
            return name, value
    return None


def codes(concept: CodeableConcept | None) -> list[tuple[str | None, str | None, str | None]]:
    """The (system, code, display) of every coding of a concept."""
    if concept is None or not concept.coding:
        return []
    return [(c.system, c.code, c.display) for c in concept.coding]


def concept_text(concept: CodeableConcept) -> str:
    shown = [f"{c or '?'} {d}" if d else (c or "?") for _, c, d in codes(concept)]
    return ", ".join(shown) or (concept.text or "an empty concept")


def laterality(site: CodeableConcept | list[CodeableConcept] | None) -> Side | None:
    """Left, right or bilateral from a bodySite that carries a SNOMED CT laterality code."""
    sites = site if isinstance(site, list) else [site] if site is not None else []
    for concept in sites:
        for system, code, _ in codes(concept):
            if system == SCT and code in _LATERALITY:
                return _LATERALITY[code]
    return None


def absent_reason(holder: Holder) -> NotDone | None:
    reason = holder.dataAbsentReason
    if reason is None:
        return None
    return NotDone(f"dataAbsentReason {concept_text(reason)}")


def polarity(holder: Holder, *, needs_value: bool) -> Polarity | NotDone | Problem | CodeableConcept:
    """Whether the holder asserts or refutes its code; a coded value of another kind is returned as is."""
    not_done = absent_reason(holder)
    if not_done is not None:
        return not_done
    found = value_of(holder)
    if found is None:
        return Problem("has no value") if needs_value else Polarity.ASSERTED
    name, value = found
    if name == "valueBoolean":
        return Polarity.ASSERTED if value else Polarity.REFUTED
    if name != "valueCodeableConcept" or not isinstance(value, CodeableConcept):
        return Problem(f"{name} cannot be read as present or absent")
    return _coded_polarity(value)


def _coded_polarity(value: CodeableConcept) -> Polarity | NotDone | CodeableConcept:
    snomed = {code for system, code, _ in codes(value) if system == SCT}
    if snomed & _ASSERTING:
        return Polarity.ASSERTED
    if snomed & _REFUTING:
        return Polarity.REFUTED
    if _UNDETERMINED in snomed:
        return NotDone("value Undetermined")
    return value


def number(holder: Holder, units: tuple[str, ...]) -> float | int | NotDone | Problem:
    """A valueQuantity (in one of the entry's units, when it lists them) or valueInteger."""
    not_done = absent_reason(holder)
    if not_done is not None:
        return not_done
    found = value_of(holder)
    if found is None:
        return Problem("has no value")
    name, value = found
    if name == "valueInteger" and isinstance(value, int):
        return value
    if name != "valueQuantity" or not isinstance(value, Quantity) or value.value is None:
        return Problem(f"{name} is not a number")
    unit = value.code or value.unit
    if units and unit is not None and unit not in units:
        return Problem(f"unit {unit!r} is not one of {', '.join(units)}")
    return float(value.value)


def raised(holder: Holder) -> bool | NotDone | Problem:
    """A laboratory result read by its own interpretation (only codes of HL7's ObservationInterpretation
    system: "H" in another may mean anything), else by its own reference range."""
    not_done = absent_reason(holder)
    if not_done is not None:
        return not_done
    flags = {
        code
        for concept in holder.interpretation or []
        for system, code, _ in codes(concept)
        if system == INTERPRETATION and code
    }
    if flags & _RAISED:
        return True
    if flags & _NOT_RAISED:
        return False
    found = value_of(holder)
    high = next(
        (r.high.value for r in holder.referenceRange or [] if r.high and r.high.value is not None), None
    )
    if found is None or not isinstance(found[1], Quantity) or found[1].value is None or high is None:
        return Problem("has no interpretation and no reference range (cdss sets no threshold of its own)")
    return bool(found[1].value > high)


def weakness(holder: Holder) -> bool | NotDone | Problem:
    """An MRC power grade 0-5: below 5 (normal power) is weakness; 5 is returned as a problem sentence,
    since normal power in one myotome does not exclude weakness in another."""
    grade = number(holder, ())
    if isinstance(grade, NotDone | Problem):
        return grade
    if not 0 <= grade <= _FULL_POWER:
        return Problem(f"MRC grade {grade} is outside 0-5")
    if grade < _FULL_POWER:
        return True
    return Problem("normal power (MRC 5) in one myotome does not exclude weakness in another")


def weeks_since(moment: object, on: datetime.date) -> float | Problem:
    """Whole days from an onset date to the assessment date, in weeks (one decimal)."""
    if isinstance(moment, datetime.datetime):
        day = moment.date()
    elif isinstance(moment, datetime.date):
        day = moment
    else:
        return Problem(f"onset {moment} is a partial date; the duration cannot be told")
    days = (on - day).days
    if days < 0:
        return Problem(f"onset {day} is after the assessment date {on}")
    return round(days / 7, 1)
