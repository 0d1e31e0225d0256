"""What a batch run adds up to: counts, errors by kind, triage, top diagnoses and, for labelled cases,
accuracy against the reviewer's ``expected`` diagnosis.

A :class:`Tally` takes one line at a time and keeps only counters (bounded by the number of conditions and
error kinds, never by the number of cases). :meth:`Tally.summary` turns them into a :class:`BatchSummary`,
which ``--summary`` writes as JSON and :func:`summary_text` prints.

Comparing with ``expected``: the prediction is the top condition of the differential; in the six-class
figures a condition other than the five named ones, and an ``expected`` mimic id, count as ``other``; a
mimic's own recall compares ids exactly. "Red flag raised" means triage ``emergency`` (cauda equina),
compared with ``expected == cauda_equina``; cases with any red flag are counted as well. Cases that carry
``red_flag_expected`` are also compared with how the source managed them (:mod:`cdss.batch.urgency`), and
the probabilities are checked for calibration (:mod:`cdss.batch.calibration`). Every figure is a count or
an exact sum, so the summary is the same whatever order the lines arrive in.
"""

from __future__ import annotations

from collections import Counter
from typing import get_args

from pydantic import BaseModel, ConfigDict, Field

from cdss.batch.calibration import Calibration, CalibrationTally
from cdss.batch.lines import CaseRecord
from cdss.batch.proportion import Proportion
from cdss.batch.urgency import SourceTriage, UrgencyTally
from cdss.case.findings import CLASSES, OTHER, Mimic, diagnosis_class
from cdss.engine.assessment import RulesetStamp

MIMICS: tuple[str, ...] = get_args(Mimic)
RED_FLAG_LABEL = "cauda_equina"
RED_FLAG_TRIAGE = "emergency"
RED_FLAG_DEFINITION = (
    "A red flag is counted as raised when the triage is emergency (cauda equina features), and compared with "
    "expected = cauda_equina."
)
MAX_EXAMPLES = 5
_OUT = ConfigDict(extra="forbid", frozen=True)


class ConditionFigures(BaseModel):
    model_config = _OUT

    condition: str
    recall: Proportion = Field(description="Cases with this expected label whose top condition matched it.")
    precision: Proportion = Field(description="Cases predicted as this label whose expected label matched.")


class MimicFigures(BaseModel):
    model_config = _OUT

    diagnosis: str
    recall: Proportion = Field(
        description="Cases labelled with this mimic whose top condition is that mimic."
    )
    top3: Proportion = Field(description="Cases labelled with this mimic that have it among the first three.")


class RedFlagFigures(BaseModel):
    model_config = _OUT

    definition: str
    sensitivity: Proportion = Field(description="Expected cauda_equina cases triaged emergency.")
    sensitivity_flagged: Proportion = Field(
        description="Expected cauda_equina cases with any red flag raised that were triaged emergency."
    )
    specificity: Proportion = Field(description="Other labelled cases not triaged emergency.")
    any_red_flag: dict[str, Proportion] = Field(
        description="Cases with at least one red flag of any triage level, by expected cauda_equina or not."
    )


class Validation(BaseModel):
    """Accuracy of the ruleset against the labelled cases that were evaluated."""

    model_config = _OUT

    labelled: int = Field(description="Evaluated cases that carry an expected diagnosis.")
    top1: Proportion
    top3: Proportion
    conditions: list[ConditionFigures]
    mimics: list[MimicFigures] = Field(description="Each mimic some case is labelled with, in a fixed order.")
    red_flags: RedFlagFigures
    source_triage: SourceTriage | None = Field(description="Null when no case carries red_flag_expected.")
    calibration: Calibration
    confusion: dict[str, dict[str, int]] = Field(description="expected label -> predicted label -> cases.")


class ErrorExample(BaseModel):
    model_config = _OUT

    source: str
    kind: str
    problem: str


class BatchSummary(BaseModel):
    """A batch run in figures. ``cases == evaluated + errors``, always."""

    model_config = _OUT

    cases: int
    evaluated: int
    errors: int
    errors_by_kind: dict[str, int]
    first_errors: list[ErrorExample] = Field(description=f"The first {MAX_EXAMPLES} errors written.")
    triage: dict[str, int]
    top_diagnoses: dict[str, int] = Field(
        description="Top condition of the differential -> cases, most first."
    )
    red_flag_cases: int = Field(description="Evaluated cases with at least one red flag.")
    validation: Validation | None = Field(description="Null when no evaluated case carries `expected`.")
    ruleset: RulesetStamp
    setting: str = Field(description="The setting whose priors every assessment used.")


class Tally:
    """Adds up lines as they are written. Memory is bounded by the number of labels and error kinds."""

    def __init__(self) -> None:
        self.cases = 0
        self.errors: Counter[str] = Counter()
        self.examples: list[ErrorExample] = []
        self.triage: Counter[str] = Counter()
        self.top: Counter[str] = Counter()
        self.red_flag_cases = 0
        self.confusion: Counter[tuple[str, str]] = Counter()
        self.top3_hits = 0
        self.flags: Counter[tuple[bool, bool, bool]] = Counter()  # (expected CES, emergency, any red flag)
        self.mimics: Counter[tuple[str, bool, bool]] = Counter()  # (expected mimic, top-1 hit, top-3 hit)
        self.urgency = UrgencyTally()
        self.calibration = CalibrationTally()

    def add(self, record: CaseRecord, source: str) -> None:
        """One line: what it records, and where its case came from."""
        self.cases += 1
        if record.error is not None:
            self.errors[record.error] += 1
            if len(self.examples) < MAX_EXAMPLES:
                self.examples.append(
                    ErrorExample(source=source, kind=record.error, problem=record.problem or "")
                )
            return
        self.triage[record.triage or ""] += 1
        if record.top:
            self.top[record.top[0]] += 1
        self.red_flag_cases += record.red_flag
        if record.expected is not None:
            expected = diagnosis_class(record.expected)
            predicted = [diagnosis_class(condition) for condition in record.top]
            self.confusion[expected, predicted[0] if predicted else OTHER] += 1
            self.top3_hits += expected in predicted
            emergency = record.triage == RED_FLAG_TRIAGE
            self.flags[expected == RED_FLAG_LABEL, emergency, record.red_flag] += 1
            if record.expected in MIMICS:
                self.mimics[
                    record.expected, record.top[:1] == (record.expected,), record.expected in record.top
                ] += 1
            self.urgency.add(record.red_flag_expected, record.triage)
            self.calibration.add(record.classes, record.expected)

    def merge(self, later: Tally) -> None:
        """Add the lines another tally counted, written after this one's (e.g. the next partition)."""
        self.cases += later.cases
        self.errors += later.errors
        self.examples += later.examples[: MAX_EXAMPLES - len(self.examples)]
        self.triage += later.triage
        self.top += later.top
        self.red_flag_cases += later.red_flag_cases
        self.confusion += later.confusion
        self.top3_hits += later.top3_hits
        self.flags += later.flags
        self.mimics += later.mimics
        self.urgency.merge(later.urgency)
        self.calibration.merge(later.calibration)

    def summary(self, ruleset: RulesetStamp, setting: str) -> BatchSummary:
        errors = sum(self.errors.values())
        return BatchSummary(
            cases=self.cases,
            evaluated=self.cases - errors,
            errors=errors,
            errors_by_kind=dict(self.errors.most_common()),
            first_errors=list(self.examples),
            triage={level: self.triage[level] for level in ("emergency", "urgent", "routine")},
            top_diagnoses=dict(self.top.most_common()),
            red_flag_cases=self.red_flag_cases,
            validation=self._validation(),
            ruleset=ruleset,
            setting=setting,
        )

    def _validation(self) -> Validation | None:
        labelled = sum(self.confusion.values())
        if not labelled:
            return None
        correct = sum(
            count for (expected, predicted), count in self.confusion.items() if expected == predicted
        )
        return Validation(
            labelled=labelled,
            top1=Proportion.of(correct, labelled),
            top3=Proportion.of(self.top3_hits, labelled),
            conditions=[self._condition(label) for label in CLASSES],
            mimics=[self._mimic(mimic) for mimic in MIMICS if any(key[0] == mimic for key in self.mimics)],
            red_flags=self._red_flags(),
            source_triage=self.urgency.figures(),
            calibration=self.calibration.figures(),
            confusion={e: {p: self.confusion[e, p] for p in CLASSES} for e in CLASSES},
        )

    def _condition(self, label: str) -> ConditionFigures:
        hits = self.confusion[label, label]
        expected = sum(count for (e, _), count in self.confusion.items() if e == label)
        predicted = sum(count for (_, p), count in self.confusion.items() if p == label)
        return ConditionFigures(
            condition=label, recall=Proportion.of(hits, expected), precision=Proportion.of(hits, predicted)
        )

    def _mimic(self, mimic: str) -> MimicFigures:
        def count(*, top1: bool | None = None, top3: bool | None = None) -> int:
            return sum(
                n
                for (diagnosis, hit1, hit3), n in self.mimics.items()
                if diagnosis == mimic and top1 in (None, hit1) and top3 in (None, hit3)
            )

        cases = count()
        return MimicFigures(
            diagnosis=mimic,
            recall=Proportion.of(count(top1=True), cases),
            top3=Proportion.of(count(top3=True), cases),
        )

    def _red_flags(self) -> RedFlagFigures:
        def count(ces: bool, *, emergency: bool | None = None, any_flag: bool | None = None) -> int:
            return sum(
                n
                for (is_ces, is_emergency, has_flag), n in self.flags.items()
                if is_ces == ces and emergency in (None, is_emergency) and any_flag in (None, has_flag)
            )

        ces, others = count(True), count(False)
        return RedFlagFigures(
            definition=RED_FLAG_DEFINITION,
            sensitivity=Proportion.of(count(True, emergency=True), ces),
            sensitivity_flagged=Proportion.of(
                count(True, emergency=True, any_flag=True), count(True, any_flag=True)
            ),
            specificity=Proportion.of(count(False, emergency=False), others),
            any_red_flag={
                RED_FLAG_LABEL: Proportion.of(count(True, any_flag=True), ces),
                "not_" + RED_FLAG_LABEL: Proportion.of(count(False, any_flag=True), others),
            },
        )


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{name} {count}" for name, count in counts.items()) or "none"


def summary_text(summary: BatchSummary, seconds: float) -> str:
    """The summary printed at the end of a run that took ``seconds`` (the time is printed, never written in
    the summary file, which depends on the input alone)."""
    rate = f"{summary.cases / seconds:,.0f} cases/s" if seconds > 0 else "no time measured"
    lines = [
        f"{summary.cases} cases: {summary.evaluated} evaluated, {summary.errors} errors "
        f"({seconds:.1f} s, {rate})",
        f"ruleset: {summary.ruleset.name} {summary.ruleset.version} (sha256 {summary.ruleset.sha256[:12]}), "
        f"setting: {summary.setting}",
        f"triage: {_counts(summary.triage)}",
        f"cases with a red flag: {summary.red_flag_cases}",
        f"top diagnoses: {_counts(dict(list(summary.top_diagnoses.items())[:5]))}",
        f"errors by kind: {_counts(summary.errors_by_kind)}",
    ]
    lines += [f"  {error.source}: {error.kind}: {error.problem}" for error in summary.first_errors]
    if summary.errors > len(summary.first_errors):
        lines.append(f"  ... and {summary.errors - len(summary.first_errors)} more in the output")
    return "\n".join(lines)
