"""The conclusions of a case by reference (:class:`Summary`), built straight from the scorer's standing.

A summary says what the full assessment says, reduced to identifiers and numbers (:func:`summary_of` is
the reference; tests check the two agree on generated cases), without building the assessment: no text is
copied, no evidence item is made, no witness is searched for except in warnings. It is the lean line of a
batch, several times cheaper than the full one.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from cdss.engine.assessment import (
    DECIMALS,
    NOT_COMPUTED,
    AskNext,
    FindingValue,
    FlagRef,
    FrozenDict,
    RankedEntry,
    RulesetStamp,
    Summary,
    WarningItem,
    WeightRef,
)
from cdss.engine.scoring import Scorer, Standing
from cdss.rules.evaluation import compares, witnesses
from cdss.rules.model import TRIAGE_ORDER, Inconsistency, RedFlag, Rule, Ruleset, SettingAges

SHOWN_FACTOR = 1.1
"""A counted rule is listed for a cause when, alone, it would move its probability by 10 % or more."""
_SHOWN_LOG = math.log(SHOWN_FACTOR)


NOT_EXAMINED = "CASE-NOT-EXAMINED"
OUTSIDE_SETTING = "CASE-OUTSIDE-SETTING"
CASE_WARNINGS = frozenset({NOT_EXAMINED, OUTSIDE_SETTING})
"""The ``rule`` of the warnings about a case as a whole, which no rule of the ruleset raises."""
_ABOUT_THE_PATIENT = frozenset({"age", "sex"})
_NOTHING_EXAMINED = (
    "no finding was examined: the triage and the ranking are the setting's starting point, not an "
    "assessment; ask about the red flags (cauda equina features first) and examine the patient"
)


def _outside(ages: SettingAges) -> str:
    span = f"{ages.from_age} and over" if ages.to_age is None else f"{ages.from_age} to {ages.to_age - 1}"
    return (
        f"the age is outside the ruleset's setting (ages {span}: {ages.basis}): its pre-test probabilities "
        "do not describe this patient; weigh the ranking with care"
    )


@dataclass(frozen=True)
class RuleIndex:
    """What explaining a case needs to know about the ruleset's rules, worked out once."""

    reads: Mapping[str, tuple[str, ...]]
    """Per rule, the findings its condition reads."""
    flags: list[tuple[Rule, RedFlag]]
    """The red-flag rules, in the order they are shown: most urgent first."""
    serious: list[tuple[Rule, RedFlag, str]]
    """The red flags of conditions not to be missed, in the same order, each with its condition."""
    warnings: list[tuple[Rule, Inconsistency]]

    @classmethod
    def of(cls, ruleset: Ruleset) -> RuleIndex:
        flags = sorted(
            ((rule, rule.then) for rule in ruleset.rules if isinstance(rule.then, RedFlag)),
            key=lambda pair: (-TRIAGE_ORDER[pair[1].triage], pair[0].id),
        )
        serious = {d.id for d in ruleset.diagnoses if d.not_to_be_missed}
        return cls(
            reads={
                rule.id: tuple(sorted({compare.attribute for compare in compares(rule.matches)}))
                for rule in ruleset.rules
            },
            flags=flags,
            serious=[(rule, flag, flag.diagnosis) for rule, flag in flags if flag.diagnosis in serious],
            warnings=[(rule, rule.then) for rule in ruleset.rules if isinstance(rule.then, Inconsistency)],
            setting_ages=ruleset.info.setting_ages,
        )

    setting_ages: SettingAges | None

    def warnings_of(self, fact: Mapping[str, object], fired: frozenset[str]) -> tuple[WarningItem, ...]:
        """The contradictions the fired rules found, then what is wrong with the case as a whole: nothing
        examined, or an age outside the ruleset's setting."""
        found = [
            WarningItem(rule=rule.id, message=warning.warning, findings=witnesses(rule.matches, fact))  # type: ignore[arg-type]
            for rule, warning in self.warnings
            if rule.id in fired
        ]
        if fact.keys() <= _ABOUT_THE_PATIENT:
            found.append(WarningItem(rule=NOT_EXAMINED, message=_NOTHING_EXAMINED, findings={}))
        age = fact.get("age")
        ages = self.setting_ages
        if isinstance(age, int) and ages is not None and not ages.holds(age):
            found.append(WarningItem(rule=OUTSIDE_SETTING, message=_outside(ages), findings={"age": age}))
        return tuple(found)

    def findings_read(self, fact: Mapping[str, object], fired: frozenset[str]) -> dict[str, FindingValue]:
        """The case's values of every finding a fired rule reads, and the age (it sets the priors), in the
        fact's order."""
        read = {name for rule_id in fired for name in self.reads.get(rule_id, ())} | {"age"}
        return {name: value for name, value in fact.items() if name in read}  # type: ignore[misc]

    def recommendation(self, fired: frozenset[str]) -> tuple[Rule, RedFlag] | None:
        """The most urgent fired red flag, whose recommendation is the patient's one recommendation."""
        return next(((rule, flag) for rule, flag in self.flags if rule.id in fired), None)

    def not_to_be_missed(self, fired: frozenset[str]) -> dict[str, list[str]]:
        """Conditions not to be missed whose red flag fired, most urgent first, each with its reasons."""
        reasons: dict[str, list[str]] = {}
        for rule, flag, condition in self.serious:
            if rule.id in fired:
                reasons.setdefault(condition, []).append(f"{rule.id}: {flag.red_flag} ({flag.triage})")
        return reasons


def listed(scorer: Scorer, now: Standing, column: int) -> tuple[list[str], list[str]]:
    """The counted rules listed for a cause, in ruleset order: those that alone raise it by at least
    :data:`SHOWN_FACTOR` (supporting) and those that lower it as much (refuting)."""
    supporting, refuting = [], []
    for weight in now.counted.values():
        log = math.log(scorer.factors[weight.rule][column])
        if log >= _SHOWN_LOG:
            supporting.append(weight.rule)
        elif log <= -_SHOWN_LOG:
            refuting.append(weight.rule)
    return supporting, refuting


class Summariser:
    """Builds summaries for one ruleset and setting. Safe to share between threads.

    A red flag reference depends only on its rule, so those are made once. A summary is assembled from
    validated parts and values of known types without validating them again (``model_construct``); that
    it equals the validated reference (:func:`~cdss.engine.assessment.summary_of`) is tested on generated
    cases.
    """

    def __init__(self, scorer: Scorer, index: RuleIndex, ruleset_stamp: RulesetStamp) -> None:
        self._scorer = scorer
        self._index = index
        self._stamp = ruleset_stamp
        self._column = {c: i for i, c in enumerate(scorer.classes)}
        self._flags = [
            (rule.id, FlagRef(rule=rule.id, condition=flag.diagnosis, triage=flag.triage))
            for rule, flag in index.flags
        ]

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
        first = index.recommendation(fired)
        return Summary.model_construct(
            id=case_id,
            setting=self._scorer.setting,
            triage=now.triage,
            recommendation=None if first is None else first[0].id,
            red_flags=tuple(ref for rule_id, ref in self._flags if rule_id in fired),
            not_to_be_missed=tuple(index.not_to_be_missed(fired)),
            differential=tuple(self._entry(self._column[c], c, now) for c in now.ranking),
            ask_next=NOT_COMPUTED if ask_next is None else ask_next,
            warnings=index.warnings_of(fact, fired),
            fired_rules=tuple(sorted(fired)),
            findings=FrozenDict(index.findings_read(fact, fired)),
            ruleset=self._stamp,
        )

    def _entry(self, column: int, condition: str, now: Standing) -> RankedEntry:
        factors = self._scorer.factors
        supporting, refuting = listed(self._scorer, now, column)
        return RankedEntry.model_construct(
            condition=condition,
            probability=round(now.probabilities[condition], DECIMALS),
            ranked_first_by=now.first_by.get(condition),
            supporting=tuple(
                WeightRef.model_construct(rule=r, applied_ratio=round(factors[r][column], DECIMALS))
                for r in supporting
            ),
            refuting=tuple(
                WeightRef.model_construct(rule=r, applied_ratio=round(factors[r][column], DECIMALS))
                for r in refuting
            ),
        )
