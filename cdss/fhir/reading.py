"""One resource at a time: the statements it makes about findings, and what it could not say.

A statement is one finding key with one value from one resource (and the side and time it was
recorded for). What a resource cannot give is a problem sentence: a note when the resource gave
something else, an unusable resource when it gave nothing. Combining statements is ``combining``'s job.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from fhir.resources.R4B.codeableconcept import CodeableConcept
from fhir.resources.R4B.condition import Condition
from fhir.resources.R4B.diagnosticreport import DiagnosticReport
from fhir.resources.R4B.observation import Observation
from pydantic import ValidationError

from cdss.case.findings import Findings
from cdss.errors import FhirError, FieldProblem
from cdss.fhir import report, values
from cdss.fhir.codemap import REFLEX_PARTS, CodeEntry, CodeMap, Side
from cdss.fhir.resources import Item
from cdss.fhir.values import Holder, NotDone, Polarity, Problem

Value = bool | str | int | float
USED_STATUS = frozenset({"final", "amended", "corrected", "appended", "preliminary"})
_TENTATIVE = frozenset({"provisional", "differential", "unconfirmed"})
_NOT_CURRENT = frozenset({"inactive", "remission", "resolved"})
_UTC = datetime.UTC


@dataclass(frozen=True)
class Statement:
    key: str
    value: Value
    resource: str
    reference: str | None
    side: Side | None
    when: datetime.datetime | None


@dataclass
class Reading:
    """Everything read from the resources so far."""

    statements: list[Statement] = field(default_factory=list)
    unknown: list[report.UnknownCode] = field(default_factory=list)
    unusable: list[report.ResourceProblem] = field(default_factory=list)
    not_done: list[report.NotDone] = field(default_factory=list)
    notes: list[report.ResourceProblem] = field(default_factory=list)


@dataclass
class _Sheet:
    """What one resource gave, flushed into the reading when the resource is done."""

    item: Item
    when: datetime.datetime | None
    statements: list[Statement] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    unknown: list[report.UnknownCode] = field(default_factory=list)
    not_done: list[report.NotDone] = field(default_factory=list)

    def add(self, key: str, value: Value, side: Side | None) -> None:
        """Keep a statement whose value is valid for its key; a reflex part waits for the combination."""
        if not (key == "reflex_change" and value in REFLEX_PARTS):
            try:
                Findings.model_validate({key: value})
            except ValidationError:
                self.problems.append(f"{key}: {value!r} is not a valid value of the finding")
                return
        self.statements.append(Statement(key, value, self.item.name, self.item.reference, side, self.when))

    def result(self, key: str, read: Value | NotDone | Problem, side: Side | None) -> None:
        if isinstance(read, NotDone):
            self.not_done.append(report.NotDone(finding=key, resource=self.item.name, reason=read.reason))
        elif isinstance(read, Problem):
            self.problems.append(f"{key}: {read.text}")
        else:
            self.add(key, read, side)

    def flush(self, into: Reading) -> None:
        into.statements.extend(self.statements)
        into.unknown.extend(self.unknown)
        into.not_done.extend(self.not_done)
        gave = bool(self.statements or self.not_done)
        if not (gave or self.problems or self.unknown):
            self.problems.append("gave no finding")
        target = into.notes if gave else into.unusable
        target.extend(report.ResourceProblem(resource=self.item.name, problem=p) for p in self.problems)


class Reader:
    """Reads Observations, Conditions and DiagnosticReports with one code map, for one assessment date."""

    def __init__(self, codes: CodeMap, on: datetime.date) -> None:
        self.codes = codes
        self.on = on
        self.reading = Reading()

    def observation(self, item: Item, obs: Observation) -> None:
        if not self._status_used(item, obs.status):
            return
        sheet = _Sheet(
            item, _moment(obs.effectiveDateTime or obs.effectiveInstant or _start(obs.effectivePeriod))
        )
        if obs.status == "preliminary":
            sheet.problems.append("status preliminary: used as it stands")
        holders: list[tuple[str, CodeableConcept, Holder]] = [("code", obs.code, obs)]
        holders += [(f"component[{i}].code", c.code, c) for i, c in enumerate(obs.component or [])]
        side = values.laterality(obs.bodySite)
        known = False
        for where, concept, holder in holders:
            _obs6(item, where, holder)
            matches = self._matches(concept)
            if not matches:
                if where == "code" or known:
                    sheet.unknown.extend(_unknown(item, where, concept))
                continue
            known = True
            for key, entry in matches:
                self._read_value(sheet, key, entry, holder, side)
        sheet.flush(self.reading)

    def condition(self, item: Item, condition: Condition) -> None:
        verification = _code(condition.verificationStatus)
        if verification == "entered-in-error":
            self._unusable(item, "verificationStatus entered-in-error")
            return
        onset = condition.onsetDateTime or _start(condition.onsetPeriod)
        sheet = _Sheet(item, _moment(onset or condition.recordedDate))
        polarity = Polarity.REFUTED if verification == "refuted" else Polarity.ASSERTED
        if verification in _TENTATIVE:
            sheet.problems.append(f"verificationStatus {verification}: taken as present")
        clinical = _code(condition.clinicalStatus)
        side = values.laterality(condition.bodySite)
        matches = self._matches(condition.code)
        if not matches:
            sheet.unknown.extend(_unknown(item, "code", condition.code))
        for key, entry in matches:
            if entry.read == "onset":
                if polarity is Polarity.ASSERTED and onset is not None:
                    sheet.result(key, values.weeks_since(onset, self.on), None)
            elif entry.read not in {"finding", "observable"}:
                sheet.problems.append(_not_read(key, entry, "a Condition"))
            elif (
                polarity is Polarity.ASSERTED
                and clinical in _NOT_CURRENT
                and not self.codes.findings[key].history
            ):
                sheet.problems.append(f"{key}: clinicalStatus {clinical}, not current")
            elif polarity is Polarity.ASSERTED and condition.severity is not None and self._graded(key):
                self._assert(sheet, key, entry, condition.severity, side)
            else:
                self._assert(sheet, key, entry, polarity, side)
        sheet.flush(self.reading)

    def _graded(self, key: str) -> bool:
        return any(entry.read == "grade" for entry in self.codes.findings[key].codes)

    def diagnostic_report(self, item: Item, diagnostic: DiagnosticReport) -> None:
        if not self._status_used(item, diagnostic.status):
            return
        when = diagnostic.effectiveDateTime or _start(diagnostic.effectivePeriod) or diagnostic.issued
        sheet = _Sheet(item, _moment(when))
        if not diagnostic.conclusionCode:
            sheet.problems.append("no conclusionCode (the conclusion text is not read)")
        for index, concept in enumerate(diagnostic.conclusionCode or []):
            matches = self._matches(concept)
            if not matches:
                sheet.unknown.extend(_unknown(item, f"conclusionCode[{index}]", concept))
            for key, entry in matches:
                if entry.read == "finding":
                    self._assert(sheet, key, entry, Polarity.ASSERTED, None)
                else:
                    sheet.problems.append(_not_read(key, entry, "a report's conclusion"))
        sheet.flush(self.reading)

    def _status_used(self, item: Item, status: str | None) -> bool:
        if status in USED_STATUS:
            return True
        self._unusable(item, f"status {status}: not used")
        return False

    def _unusable(self, item: Item, problem: str) -> None:
        self.reading.unusable.append(report.ResourceProblem(resource=item.name, problem=problem))

    def _matches(self, concept: CodeableConcept | None) -> list[tuple[str, CodeEntry]]:
        found: list[tuple[str, CodeEntry]] = []
        for system, code, _ in values.codes(concept):
            found.extend(match for match in self.codes.lookup(system, code) if match not in found)
        return found

    def _read_value(
        self, sheet: _Sheet, key: str, entry: CodeEntry, holder: Holder, side: Side | None
    ) -> None:
        read = entry.read
        if read in {"not_equivalent", "grade"}:
            sheet.problems.append(_not_read(key, entry, "this mapping"))
        elif read == "quantity":
            sheet.result(key, values.number(holder, entry.units), side)
        elif read == "lab":
            sheet.result(key, values.raised(holder), side)
        elif read == "mrc":
            sheet.result(key, values.weakness(holder), side)
        elif read == "onset":
            found = values.value_of(holder)
            if found is not None and found[0] == "valueDateTime":
                sheet.result(key, values.weeks_since(found[1], self.on), None)
        else:
            self._assert(sheet, key, entry, values.polarity(holder, needs_value=read == "observable"), side)

    def _assert(
        self,
        sheet: _Sheet,
        key: str,
        entry: CodeEntry,
        read: Polarity | NotDone | Problem | CodeableConcept,
        side: Side | None,
    ) -> None:
        if isinstance(read, CodeableConcept):
            same_key = [e for k, e in self._matches(read) if k == key and e.means is not None]
            if not same_key:
                sheet.problems.append(f"{key}: value {values.concept_text(read)} cannot be read")
                return
            entry, read = same_key[0], Polarity.ASSERTED
        if isinstance(read, NotDone | Problem):
            sheet.result(key, read, side)
            return
        side = entry.side or side
        value = entry.meaning(side) if read is Polarity.ASSERTED else entry.opposite()
        if value is None:
            if read is Polarity.ASSERTED:
                why = "no laterality (a bodySite of left, right or bilateral) to tell the value"
            else:
                why = f"a refuted {entry.display} gives no value"
            sheet.problems.append(f"{key}: {why}")
        else:
            sheet.add(key, value, side)


def _obs6(item: Item, where: str, holder: Holder) -> None:
    if holder.dataAbsentReason is not None and values.value_of(holder) is not None:
        field_ = "dataAbsentReason" if where == "code" else f"{where.removesuffix('.code')}.dataAbsentReason"
        message = "must not be given with a value (FHIR invariant obs-6)"
        raise FhirError(item.name, [FieldProblem((field_,), "obs-6", message)])


def _unknown(item: Item, where: str, concept: CodeableConcept | None) -> list[report.UnknownCode]:
    codings = values.codes(concept) or [(None, None, concept.text if concept else None)]
    return [
        report.UnknownCode(resource=item.name, field=where, system=system, code=code, display=display)
        for system, code, display in codings
    ]


def _not_read(key: str, entry: CodeEntry, what: str) -> str:
    if entry.read == "not_equivalent":
        return f"{key}: {entry.code} {entry.display} is not mapped: {entry.note}"
    if entry.read == "grade":
        return f"{key}: {entry.code} {entry.display} is read only as the grade of another code"
    return f"{key}: {entry.code} {entry.display} is not read from {what}"


def _code(concept: CodeableConcept | None) -> str | None:
    return next((code for _, code, _ in values.codes(concept) if code), None)


def _start(period: object) -> object:
    return getattr(period, "start", None)


def _moment(value: object) -> datetime.datetime | None:
    """A time to order statements by; partial dates (kept as strings by fhir.resources) give None."""
    if isinstance(value, datetime.datetime):
        return value if value.tzinfo else value.replace(tzinfo=_UTC)
    if isinstance(value, datetime.date):
        return datetime.datetime(value.year, value.month, value.day, tzinfo=_UTC)
    return None
