"""Which unexamined findings would most change the answer: the "ask next" list.

For every finding the rules use and the case lacks, each possible answer is tried: only the rules that
read that finding are re-evaluated (with the reference semantics of :func:`cdss.conditions.holds`, which
the property tests hold equal to the matching engine), and only the diagnoses those rules touch are
re-weighed. A finding ranks high when an answer would change the triage, then the top condition, then
the top condition's probability.
"""

from __future__ import annotations

from collections.abc import Mapping

from cdss.assessment import AskNext, Outcome
from cdss.conditions import ATTRIBUTES, Compare, Value, compares, holds
from cdss.rules import Association, Baseline, Evidence, RedFlag, Rule, Ruleset, Triage
from cdss.scoring import Scorer

_TRIAGE_CHANGE = 3.0
_TOP_CHANGE = 2.0


class AskNextPlanner:
    def __init__(self, ruleset: Ruleset, scorer: Scorer) -> None:
        self._scorer = scorer
        self._limit = ruleset.info.ask_next_limit
        readers: dict[str, list[Rule]] = {}
        numbers: dict[str, set[float]] = {}
        for rule in ruleset.rules:
            for compare in compares(rule.matches):
                readers.setdefault(compare.attribute, [])
                if rule not in readers[compare.attribute]:
                    readers[compare.attribute].append(rule)
                if _is_number(compare):
                    numbers.setdefault(compare.attribute, set()).add(float(compare.value))
        self._readers = {attribute: tuple(rules) for attribute, rules in sorted(readers.items())}
        self._values = {
            attribute: ATTRIBUTES[attribute].values_to_try(tuple(sorted(numbers.get(attribute, ()))))
            for attribute in self._readers
        }
        self._touches = {
            attribute: frozenset(d for rule in rules if (d := _diagnosis_of(rule)) is not None)
            for attribute, rules in self._readers.items()
        }
        self._flags = {
            attribute: any(isinstance(rule.then, RedFlag) for rule in rules)
            for attribute, rules in self._readers.items()
        }

    def suggest(self, fact: Mapping[str, object], fired: frozenset[str], probabilities: Mapping[str, float],
                triage: Triage, top: str) -> list[AskNext]:
        suggestions = []
        for attribute, rules in self._readers.items():
            if attribute in fact:
                continue
            outcomes = [self._outcome(attribute, value, rules, fact, fired, probabilities, triage)
                        for value in self._values[attribute]]
            impact = max((self._impact(o, triage, top, probabilities[top]) for o in outcomes), default=0.0)
            if impact > 0:
                question = ATTRIBUTES[attribute].title
                suggestions.append(AskNext(finding=attribute, question=question, impact=round(impact, 4),
                                           outcomes=outcomes))
        suggestions.sort(key=lambda s: (-s.impact, s.finding))
        return suggestions[: self._limit]

    def _outcome(self, attribute: str, value: Value, rules: tuple[Rule, ...], fact: Mapping[str, object],
                 fired: frozenset[str], probabilities: Mapping[str, float], triage: Triage) -> Outcome:
        trial = {**fact, attribute: value}
        now_fired = {rule.id for rule in rules if holds(rule.matches, trial)}
        trial_fired = (fired - {rule.id for rule in rules}) | now_fired
        trial_probabilities = dict(probabilities)
        for diagnosis in self._touches[attribute]:
            trial_probabilities[diagnosis] = self._scorer.weigh(diagnosis, trial_fired).probability
        trial_triage = self._scorer.triage(trial_fired) if self._flags[attribute] else triage
        trial_top = self._scorer.ranking(trial_probabilities, trial_fired)[0]
        return Outcome(value=value, triage=trial_triage, top=trial_top,
                       top_probability=round(trial_probabilities[trial_top], 4))

    @staticmethod
    def _impact(outcome: Outcome, triage: Triage, top: str, top_probability: float) -> float:
        if outcome.triage != triage:
            return _TRIAGE_CHANGE
        if outcome.top != top:
            return _TOP_CHANGE
        return abs(outcome.top_probability - round(top_probability, 4))


def _is_number(compare: Compare) -> bool:
    return ATTRIBUTES[compare.attribute].kind == "number"


def _diagnosis_of(rule: Rule) -> str | None:
    conclusion = rule.then
    if isinstance(conclusion, Evidence | Baseline | Association):
        return conclusion.diagnosis
    if isinstance(conclusion, RedFlag):
        return conclusion.diagnosis
    return None
