"""The conclusions of a case by reference (:class:`Summary`), built straight from the scorer's standing.

A summary says what the full assessment says, reduced to identifiers and numbers (:func:`summary_of` is
the reference; tests check the two agree on generated cases), without building the assessment: no text is
copied, no evidence item is made, no witness is searched for except in warnings. It is the lean line of a
batch, several times cheaper than the full one.
"""

from __future__ import annotations

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
    SettingAges,
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
        """The case's values of every finding a fired rule reads, in the fact's order."""
        read = {name for rule_id in fired for name in self.reads.get(rule_id, ())}
        return {name: value for name, value in fact.items() if name in read}  # type: ignore[misc]


class Summariser:
    """Builds summaries for one ruleset. Safe to share between threads.

    The parts of a summary are validated once and reused: a red flag reference depends only on its rule,
    and a differential entry only on the diagnosis, which rules counted for it and the rule that ranked
    it first (they fix its probability), so recent entries are kept (at most a few thousand, forgotten all
    at once when full). A summary is then assembled from validated parts and values of known types
    without validating them again (``model_construct``); that it equals the validated reference
    (:func:`~cdss.engine.assessment.summary_of`) is tested on generated cases.
    """

    def __init__(self, scorer: Scorer, index: RuleIndex, ruleset_stamp: RulesetStamp) -> None:
        self._scorer = scorer
        self._index = index
        self._stamp = ruleset_stamp
        self._flags = [
            (rule.id, FlagRef(rule=rule.id, condition=flag.diagnosis, triage=flag.triage))
            for rule, flag in index.flags
        ]
        self._entries: dict[EntryKey, RankedEntry] = {}

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
        return Summary.model_construct(
            id=case_id,
            triage=now.triage,
            red_flags=tuple(ref for rule_id, ref in self._flags if rule_id in fired),
            differential=tuple(self._entry(d, now.weighed[d], now.first_by.get(d)) for d in now.ranking),
            ask_next=NOT_COMPUTED if ask_next is None else ask_next,
            warnings=index.warnings_of(fact, fired),
            fired_rules=tuple(sorted(fired)),
            findings=FrozenDict(index.findings_read(fact, fired)),
            ruleset=self._stamp,
        )

    def _entry(self, diagnosis: str, counted: Counted, first_by: str | None) -> RankedEntry:
        key = (diagnosis, counted.counted, counted.baseline_rule, first_by)
        entry = self._entries.get(key)
        if entry is None:
            supporting: list[WeightRef] = []
            refuting: list[WeightRef] = []
            for rule in self._index.weighing[diagnosis]:
                if rule.id in counted.counted:
                    ref = WeightRef(rule=rule.id, applied_ratio=self._scorer.weight_of(rule.id).applied_ratio)
                elif rule.id == counted.baseline_rule and isinstance(rule.then, Baseline):
                    ref = WeightRef(rule=rule.id, probability=rule.then.probability)
                else:
                    continue
                (supporting if supports(rule) else refuting).append(ref)
            entry = RankedEntry(
                condition=diagnosis,
                probability=round(counted.probability, DECIMALS),
                ranked_first_by=first_by,
                supporting=tuple(supporting),
                refuting=tuple(refuting),
            )
            if len(self._entries) >= _ENTRIES_CACHE_SIZE:
                self._entries.clear()
            self._entries[key] = entry
        return entry
