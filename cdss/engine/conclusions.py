"""The conclusions of a case by reference (:class:`Summary`), built straight from the scorer's standing.

A summary says what the full assessment says, reduced to identifiers and numbers (:func:`summary_of` is
the reference; tests check the two agree on generated cases), without building the assessment: no text is
copied, no evidence item is made, no witness is searched for except in warnings. It is the lean line of a
batch, several times cheaper than the full one; a batch writes its JSON without building the summary
(:mod:`cdss.engine.lean`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import NamedTuple, TypeVar

from cdss.engine.assessment import (
    DECIMALS,
    NOT_COMPUTED,
    AskNext,
    FindingValue,
    RulesetStamp,
    Summary,
    WarningItem,
)
from cdss.engine.scoring import Scorer, Standing, Weight
from cdss.rules.evaluation import compares, witnesses
from cdss.rules.model import TRIAGE_ORDER, Inconsistency, RedFlag, Rule, Ruleset, SettingAges, Triage

SHOWN_FACTOR = 1.1
"""A counted rule is listed for a cause when, alone, it would move its probability by 10 % or more."""
_SHOWN_LOG = math.log(SHOWN_FACTOR)


NOT_EXAMINED = "CASE-NOT-EXAMINED"
OUTSIDE_SETTING = "CASE-OUTSIDE-SETTING"
CASE_WARNINGS = frozenset({NOT_EXAMINED, OUTSIDE_SETTING})
"""The ``rule`` of the warnings about a case as a whole, which no rule of the ruleset raises."""
_ABOUT_THE_PATIENT = frozenset({"age", "sex"})
_NO_RULES: frozenset[str] = frozenset()
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
    readers: Mapping[str, frozenset[str]]
    """Per finding, the rules whose conditions read it."""
    flags: list[tuple[Rule, RedFlag]]
    """The red-flag rules, in the order they are shown: most urgent first."""
    serious: list[tuple[str, str, str]]
    """The red flags of conditions not to be missed, in the same order: each one's rule, its condition and
    the reason it gives (written once, not for every case)."""
    warnings: list[tuple[Rule, Inconsistency]]

    @classmethod
    def of(cls, ruleset: Ruleset) -> RuleIndex:
        flags = sorted(
            ((rule, rule.then) for rule in ruleset.rules if isinstance(rule.then, RedFlag)),
            key=lambda pair: (-TRIAGE_ORDER[pair[1].triage], pair[0].id),
        )
        serious = {d.id for d in ruleset.diagnoses if d.not_to_be_missed}
        reads = {
            rule.id: tuple(sorted({compare.attribute for compare in compares(rule.matches)}))
            for rule in ruleset.rules
        }
        readers: dict[str, set[str]] = {}
        for rule_id, names in reads.items():
            for name in names:
                readers.setdefault(name, set()).add(rule_id)
        return cls(
            reads=reads,
            readers={name: frozenset(rules) for name, rules in readers.items()},
            flags=flags,
            serious=[
                (rule.id, flag.diagnosis, f"{rule.id}: {flag.red_flag} ({flag.triage})")
                for rule, flag in flags
                if flag.diagnosis in serious
            ],
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
        readers = self.readers
        return {
            name: value  # type: ignore[misc]
            for name, value in fact.items()
            if name == "age" or not readers.get(name, _NO_RULES).isdisjoint(fired)
        }

    def recommendation(self, fired: frozenset[str]) -> tuple[Rule, RedFlag] | None:
        """The most urgent fired red flag, whose recommendation is the patient's one recommendation."""
        return next(((rule, flag) for rule, flag in self.flags if rule.id in fired), None)

    def not_to_be_missed(self, fired: frozenset[str]) -> dict[str, list[str]]:
        """Conditions not to be missed whose red flag fired, most urgent first, each with its reasons."""
        reasons: dict[str, list[str]] = {}
        for rule_id, condition, reason in self.serious:
            if rule_id in fired:
                reasons.setdefault(condition, []).append(reason)
        return reasons


def _side(factor: float) -> int:
    """1 when a counted rule's factor on a cause lists it as supporting, -1 as refuting, 0 not at all."""
    log = math.log(factor)
    return 1 if log >= _SHOWN_LOG else -1 if log <= -_SHOWN_LOG else 0


Ref = dict[str, object]
"""A part of a summary as plain data: a dict with the keys of its model, in their order."""


class Conclusions(NamedTuple):
    """What a summary concludes, as a batch tallies it and a CSV row shows it."""

    triage: Triage
    ranked: tuple[tuple[str, float], ...]
    """Every condition with its probability as the summary states it, in rank order."""
    red_flags: tuple[str, ...]
    """The fired red-flag rules, most urgent first."""
    fired_rules: tuple[str, ...]


class Summariser:
    """Builds summaries for one ruleset and setting. Safe to share between threads.

    A summary is assembled as plain data straight from the scorer's standing, in the layout of
    :class:`Summary` (its fields in order, nulls left out), and validated into the model. The parts that
    depend only on a rule and a cause (a red flag's reference, a counted rule's reference with its factor
    on a cause, and on which side it is listed) are made once, when the summariser is built, and shared
    by every summary: never changed. :class:`cdss.engine.lean.LeanWriter` writes them as JSON once.
    """

    def __init__(self, scorer: Scorer, index: RuleIndex, ruleset_stamp: RulesetStamp) -> None:
        self._scorer = scorer
        self._index = index
        self.stamp = ruleset_stamp.model_dump()
        self.columns = len(scorer.classes)
        self.column = {c: i for i, c in enumerate(scorer.classes)}
        self.flags: list[tuple[str, Ref]] = []
        for rule, flag in index.flags:
            ref: Ref = {"rule": rule.id, "condition": flag.diagnosis, "triage": flag.triage}
            self.flags.append((rule.id, {k: v for k, v in ref.items() if v is not None}))
        self._flag_refs = dict(self.flags)
        self.sides: dict[str, tuple[list[tuple[int, Ref]], list[tuple[int, Ref]]]] = {}
        for rule_id, factors in scorer.factors.items():
            refs = [{"rule": rule_id, "applied_ratio": round(factor, DECIMALS)} for factor in factors]
            self.sides[rule_id] = (
                [(column, refs[column]) for column, f in enumerate(factors) if _side(f) > 0],
                [(column, refs[column]) for column, f in enumerate(factors) if _side(f) < 0],
            )

    def summary(
        self,
        fact: Mapping[str, object],
        now: Standing,
        case_id: str | None,
        ask_next: tuple[AskNext, ...] | None = None,
    ) -> Summary:
        """The summary of a case from the scorer's standing on its fired rules; ask-next when given."""
        data = self._data(fact, now, self.conclusions(now), ask_next)
        return Summary.model_validate({"id": case_id, **data})

    def conclusions(self, now: Standing) -> Conclusions:
        """What the summary of the scorer's standing concludes, without the summary."""
        fired = now.fired
        probabilities = now.probabilities
        return Conclusions(
            now.triage,
            tuple([(c, round(probabilities[c], DECIMALS)) for c in now.ranking]),
            tuple([rule_id for rule_id, _ in self.flags if rule_id in fired]),
            tuple(sorted(fired)),
        )

    def _data(
        self,
        fact: Mapping[str, object],
        now: Standing,
        conclusions: Conclusions,
        ask_next: tuple[AskNext, ...] | None,
    ) -> dict[str, object]:
        """The summary without its id as plain data."""
        fired = now.fired
        index = self._index
        data: dict[str, object] = {"setting": self._scorer.setting, "triage": conclusions.triage}
        flags = conclusions.red_flags  # the most urgent first: its recommendation is the patient's
        if flags:
            data["recommendation"] = flags[0]
        data["red_flags"] = [self._flag_refs[rule_id] for rule_id in flags]
        data["not_to_be_missed"] = list(index.not_to_be_missed(fired))
        data["differential"] = self._differential(now, conclusions.ranked)
        data["ask_next"] = NOT_COMPUTED if ask_next is None else ask_next
        data["warnings"] = index.warnings_of(fact, fired)
        data["fired_rules"] = conclusions.fired_rules
        data["findings"] = index.findings_read(fact, fired)
        data["ruleset"] = self.stamp
        return data

    def _differential(self, now: Standing, ranked: tuple[tuple[str, float], ...]) -> list[Ref]:
        """The ranked entries, each with the counted rules listed for and against it, in ruleset order."""
        supporting, refuting = by_cause(now.counted.values(), self.sides, self.columns)
        entries: list[Ref] = []
        first_by = now.first_by
        for condition, probability in ranked:
            column = self.column[condition]
            entry: Ref = {"condition": condition, "probability": probability}
            if condition in first_by:
                entry["ranked_first_by"] = first_by[condition]
            entry["supporting"] = supporting[column]
            entry["refuting"] = refuting[column]
            entries.append(entry)
        return entries


Item = TypeVar("Item")


def by_cause(
    counted: Iterable[Weight],
    sides: Mapping[str, tuple[list[tuple[int, Item]], list[tuple[int, Item]]]],
    columns: int,
) -> tuple[list[list[Item]], list[list[Item]]]:
    """For each cause (column), the references of the counted rules listed for it and against it, in the
    order the rules are counted; ``sides`` gives each rule's references with their columns."""
    supporting: list[list[Item]] = [[] for _ in range(columns)]
    refuting: list[list[Item]] = [[] for _ in range(columns)]
    for weight in counted:
        ups, downs = sides[weight.rule]
        for column, ref in ups:
            supporting[column].append(ref)
        for column, ref in downs:
            refuting[column].append(ref)
    return supporting, refuting
