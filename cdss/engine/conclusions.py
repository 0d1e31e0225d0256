"""The conclusions of a case by reference (:class:`Summary`), built straight from the scorer's standing.

A summary says what the full assessment says, reduced to identifiers and numbers (:func:`summary_of` is
the reference; tests check the two agree on generated cases), without building the assessment: no text is
copied, no evidence item is made, no witness is searched for except in warnings. It is the lean line of a
batch, several times cheaper than the full one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cdss.engine.assessment import DECIMALS, NOT_COMPUTED, AskNext, FindingValue, Summary, WarningItem
from cdss.engine.scoring import Counted, Scorer, Standing
from cdss.rules.evaluation import compares, witnesses
from cdss.rules.model import (
    TRIAGE_ORDER,
    Association,
    Baseline,
    Evidence,
    Inconsistency,
    RedFlag,
    Rule,
    Ruleset,
)

EntryKey = tuple[str, frozenset[str], str | None, str | None]
_ENTRIES_CACHE_SIZE = 4096


def supports(rule: Rule) -> bool:
    """Whether a rule that weighs a diagnosis speaks for it (else against it)."""
    conclusion = rule.then
    if isinstance(conclusion, Evidence):
        return conclusion.likelihood_ratio >= 1
    if isinstance(conclusion, Association):
        return conclusion.direction == "for"
    return True


@dataclass(frozen=True)
class RuleIndex:
    """What explaining a case needs to know about the ruleset's rules, worked out once."""

    reads: Mapping[str, tuple[str, ...]]
    """Per rule, the findings its condition reads."""
    weighing: Mapping[str, list[Rule]]
    """Per diagnosis, the rules that weigh it, in ruleset order."""
    flags: list[tuple[Rule, RedFlag]]
    """The red-flag rules, in the order they are shown: most urgent first."""
    warnings: list[tuple[Rule, Inconsistency]]

    @classmethod
    def of(cls, ruleset: Ruleset) -> RuleIndex:
        weighing: dict[str, list[Rule]] = {d.id: [] for d in ruleset.diagnoses}
        for rule in ruleset.rules:
            if isinstance(rule.then, Evidence | Baseline | Association):
                weighing[rule.then.diagnosis].append(rule)
        flags = [(rule, rule.then) for rule in ruleset.rules if isinstance(rule.then, RedFlag)]
        return cls(
            reads={
                rule.id: tuple(sorted({compare.attribute for compare in compares(rule.matches)}))
                for rule in ruleset.rules
            },
            weighing=weighing,
            flags=sorted(flags, key=lambda pair: (-TRIAGE_ORDER[pair[1].triage], pair[0].id)),
            warnings=[(rule, rule.then) for rule in ruleset.rules if isinstance(rule.then, Inconsistency)],
        )

    def warnings_of(self, fact: Mapping[str, object], fired: frozenset[str]) -> tuple[WarningItem, ...]:
        return tuple(
            WarningItem(rule=rule.id, message=warning.warning, findings=witnesses(rule.matches, fact))  # type: ignore[arg-type]
            for rule, warning in self.warnings
            if rule.id in fired
        )

    def findings_read(self, fact: Mapping[str, object], fired: frozenset[str]) -> dict[str, FindingValue]:
        """The case's values of every finding a fired rule reads, in the fact's order."""
        read = {name for rule_id in fired for name in self.reads.get(rule_id, ())}
        return {name: value for name, value in fact.items() if name in read}  # type: ignore[misc]


class Summariser:
    """Builds summaries for one ruleset. Safe to share between threads.

    A differential entry of a summary depends only on the diagnosis, which rules counted for it and the
    rule that ranked it first (besides its probability, which those fix): recent entries are kept (at most
    a few thousand, forgotten all at once when full) and reused.
    """

    def __init__(self, scorer: Scorer, index: RuleIndex, ruleset_stamp: Mapping[str, str]) -> None:
        self._scorer = scorer
        self._index = index
        self._stamp = dict(ruleset_stamp)
        self._entries: dict[EntryKey, dict[str, Any]] = {}

    def summarise(
        self,
        fact: Mapping[str, object],
        now: Standing,
        case_id: str | None,
        ask_next: tuple[AskNext, ...] | None = None,
    ) -> Summary:
        """The summary of a case from the scorer's standing on its fired rules; ask-next when given."""
        fired = now.fired
        index = self._index
        return Summary.model_validate(  # one validation for the whole summary, not one per part
            {
                "id": case_id,
                "triage": now.triage,
                "red_flags": [
                    {"rule": rule.id, "condition": flag.diagnosis, "triage": flag.triage}
                    for rule, flag in index.flags
                    if rule.id in fired
                ],
                "differential": [self._entry(d, now.weighed[d], now.first_by.get(d)) for d in now.ranking],
                "ask_next": NOT_COMPUTED if ask_next is None else ask_next,
                "warnings": index.warnings_of(fact, fired) if index.warnings else [],
                "fired_rules": sorted(fired),
                "findings": index.findings_read(fact, fired),
                "ruleset": self._stamp,
            }
        )

    def _entry(self, diagnosis: str, counted: Counted, first_by: str | None) -> dict[str, Any]:
        key = (diagnosis, counted.counted, counted.baseline_rule, first_by)
        entry = self._entries.get(key)
        if entry is None:
            supporting: list[dict[str, object]] = []
            refuting: list[dict[str, object]] = []
            for rule in self._index.weighing[diagnosis]:
                if rule.id in counted.counted:
                    ref: dict[str, object] = {
                        "rule": rule.id,
                        "applied_ratio": self._scorer.weight_of(rule.id).applied_ratio,
                    }
                elif rule.id == counted.baseline_rule and isinstance(rule.then, Baseline):
                    ref = {"rule": rule.id, "probability": rule.then.probability}
                else:
                    continue
                (supporting if supports(rule) else refuting).append(ref)
            entry = {
                "condition": diagnosis,
                "probability": round(counted.probability, DECIMALS),
                "ranked_first_by": first_by,
                "supporting": supporting,
                "refuting": refuting,
            }
            if len(self._entries) >= _ENTRIES_CACHE_SIZE:
                self._entries.clear()
            self._entries[key] = entry
        return entry
