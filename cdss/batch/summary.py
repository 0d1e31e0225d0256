"""What a batch run adds up to: counts, errors by kind, triage, top diagnoses and, for labelled cases,
accuracy against the reviewer's ``expected`` diagnosis.

A :class:`Tally` takes one line at a time and keeps only counters (bounded by the number of conditions and
error kinds, never by the number of cases). :meth:`Tally.summary` turns them into a :class:`BatchSummary`,
which ``--summary`` writes as JSON and :func:`summary_text` prints.

Comparing with ``expected``: the prediction is the top condition of the differential; conditions other
than the five named ones count as ``other``. "Red flag raised" means triage ``emergency`` (cauda
equina), compared with ``expected == cauda_equina``; cases with any red flag are counted as well.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import get_args

from pydantic import BaseModel, ConfigDict, Field

from cdss.batch.lines import Outcome
from cdss.case.findings import ExpectedDiagnosis
from cdss.engine.assessment import RulesetStamp

LABELS: tuple[str, ...] = get_args(ExpectedDiagnosis)
OTHER = "other"
RED_FLAG_LABEL = "cauda_equina"
RED_FLAG_TRIAGE = "emergency"
RED_FLAG_DEFINITION = (
    "A red flag is counted as raised when the triage is emergency (cauda equina features), and compared with "
    "expected = cauda_equina."
)
MAX_EXAMPLES = 5
_OUT = ConfigDict(extra="forbid", frozen=True)


def label_of(condition: str) -> str:
    """The ``expected`` label a differential condition counts as: itself if named, else ``other``."""
    return condition if condition in LABELS else OTHER


class Proportion(BaseModel):
    """count of total, with a Wilson 95% confidence interval; value and interval are null when total is 0."""

    model_config = _OUT

    count: int
    total: int
    value: float | None
    ci95: tuple[float, float] | None = Field(description="Wilson score interval, 95%.")

    @classmethod
    def of(cls, count: int, total: int) -> Proportion:
        if total == 0:
            return cls(count=count, total=total, value=None, ci95=None)
        z = 1.959964
        p = count / total
        denominator = 1 + z * z / total
        centre = (p + z * z / (2 * total)) / denominator
        half = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / denominator
        low, high = max(0.0, centre - half), min(1.0, centre + half)
        return cls(count=count, total=total, value=round(p, 4), ci95=(round(low, 4), round(high, 4)))


class ConditionFigures(BaseModel):
    model_config = _OUT

    condition: str
    recall: Proportion = Field(description="Cases with this expected label whose top condition matched it.")
    precision: Proportion = Field(description="Cases predicted as this label whose expected label matched.")


class RedFlagFigures(BaseModel):
    model_config = _OUT

    definition: str
    sensitivity: Proportion = Field(description="Expected cauda_equina cases triaged emergency.")
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
    red_flags: RedFlagFigures
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
    seconds: float
    cases_per_second: float


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

    def add(self, outcome: Outcome) -> None:
        self.cases += 1
        record = outcome.record
        if record.error is not None:
            self.errors[record.error] += 1
            if len(self.examples) < MAX_EXAMPLES:
                self.examples.append(
                    ErrorExample(source=outcome.source, kind=record.error, problem=record.problem or "")
                )
            return
        self.triage[record.triage or ""] += 1
        if record.top:
            self.top[record.top[0]] += 1
        self.red_flag_cases += record.red_flag
        if record.expected is not None:
            predicted = [label_of(condition) for condition in record.top]
            self.confusion[record.expected, predicted[0] if predicted else OTHER] += 1
            self.top3_hits += record.expected in predicted
            emergency = record.triage == RED_FLAG_TRIAGE
            self.flags[record.expected == RED_FLAG_LABEL, emergency, record.red_flag] += 1

    def summary(self, ruleset: RulesetStamp, seconds: float) -> BatchSummary:
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
            seconds=round(seconds, 3),
            cases_per_second=round(self.cases / seconds, 1) if seconds > 0 else 0.0,
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
            conditions=[self._condition(label) for label in LABELS],
            red_flags=self._red_flags(),
            confusion={e: {p: self.confusion[e, p] for p in LABELS} for e in LABELS},
        )

    def _condition(self, label: str) -> ConditionFigures:
        hits = self.confusion[label, label]
        expected = sum(count for (e, _), count in self.confusion.items() if e == label)
        predicted = sum(count for (_, p), count in self.confusion.items() if p == label)
        return ConditionFigures(
            condition=label, recall=Proportion.of(hits, expected), precision=Proportion.of(hits, predicted)
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
            specificity=Proportion.of(count(False, emergency=False), others),
            any_red_flag={
                RED_FLAG_LABEL: Proportion.of(count(True, any_flag=True), ces),
                "not_" + RED_FLAG_LABEL: Proportion.of(count(False, any_flag=True), others),
            },
        )


def percent(share: Proportion) -> str:
    """``85.0% (34/40, 95% CI 70.9-92.9%)``, or ``n/a (0 cases)``."""
    if share.value is None or share.ci95 is None:
        return "n/a (0 cases)"
    low, high = share.ci95
    return f"{share.value:.1%} ({share.count}/{share.total}, 95% CI {low:.1%}-{high:.1%})"


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{name} {count}" for name, count in counts.items()) or "none"


def summary_text(summary: BatchSummary) -> str:
    """The summary printed at the end of a run."""
    lines = [
        f"{summary.cases} cases: {summary.evaluated} evaluated, {summary.errors} errors "
        f"({summary.seconds:.1f} s, {summary.cases_per_second:,.0f} cases/s)",
        f"ruleset: {summary.ruleset.name} {summary.ruleset.version} (sha256 {summary.ruleset.sha256[:12]})",
        f"triage: {_counts(summary.triage)}",
        f"cases with a red flag: {summary.red_flag_cases}",
        f"top diagnoses: {_counts(dict(list(summary.top_diagnoses.items())[:5]))}",
        f"errors by kind: {_counts(summary.errors_by_kind)}",
    ]
    lines += [f"  {error.source}: {error.kind}: {error.problem}" for error in summary.first_errors]
    if summary.errors > len(summary.first_errors):
        lines.append(f"  ... and {summary.errors - len(summary.first_errors)} more in the output")
    return "\n".join(lines)
