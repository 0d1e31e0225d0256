"""Which unexamined findings would most change the answer: the "ask next" list.

For every finding the rules use and the case lacks, each possible answer is tried: only the rules that
read that finding are re-evaluated (with the reference semantics of :func:`cdss.conditions.holds`, which
compiled to closures; the property tests hold them equal to the matching engine), and only the diagnoses
those rules touch are
re-weighed. A finding ranks high when an answer would change the triage, then the top condition, then
the top condition's probability.
"""

from __future__ import annotations

from collections.abc import Mapping

from cdss.assessment import AskNext, Outcome
from cdss.conditions import ATTRIBUTES, Compare, Value, compares, compile_predicate
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
        self._readers = {
            attribute: tuple((rule.id, compile_predicate(rule.matches)) for rule in rules)
            for attribute, rules in sorted(readers.items())
        }
        self._reader_ids = {
            attribute: frozenset(rules.id for rules in readers[attribute]) for attribute in readers
        }
        self._values = {
            attribute: ATTRIBUTES[attribute].values_to_try(tuple(sorted(numbers.get(attribute, ()))))
            for attribute in self._readers
        }
        self._touches = {
            attribute: frozenset(d for rule in rules if (d := _diagnosis_of(rule)) is not None)
            for attribute, rules in readers.items()
        }
        self._flags = {
            attribute: any(isinstance(rule.then, RedFlag) for rule in rules)
            for attribute, rules in readers.items()
        }

    def suggest(
        self,
        fact: Mapping[str, object],
        fired: frozenset[str],
        probabilities: Mapping[str, float],
        triage: Triage,
        top: str,
    ) -> list[AskNext]:
        current = (triage, top, round(probabilities[top], 4))
        ranked: list[tuple[float, str, list[tuple[Value, _Result]]]] = []
        for attribute in self._readers:
            if attribute in fact:
                continue
            results = [
                (
                    value,
                    self._result(
                        attribute, value, fact=fact, fired=fired, probabilities=probabilities, triage=triage
                    )
                    or current,
                )
                for value in self._values[attribute]
            ]
            impact = max((_impact(result, current) for _, result in results), default=0.0)
            if impact > 0:
                ranked.append((-impact, attribute, results))
        ranked.sort(key=lambda item: item[:2])
        return [
            AskNext(
                finding=attribute,
                question=ATTRIBUTES[attribute].title,
                impact=round(-negative_impact, 4),
                outcomes=[
                    Outcome(value=value, triage=r[0], top=r[1], top_probability=r[2]) for value, r in results
                ],
            )
            for negative_impact, attribute, results in ranked[: self._limit]
        ]

    def _result(
        self,
        attribute: str,
        value: Value,
        *,
        fact: Mapping[str, object],
        fired: frozenset[str],
        probabilities: Mapping[str, float],
        triage: Triage,
    ) -> _Result | None:
        """Triage, top condition and its probability with this answer; None if nothing would change."""
        trial = {**fact, attribute: value}
        now_fired = {rule_id for rule_id, predicate in self._readers[attribute] if predicate(trial)}
        trial_fired = (fired - self._reader_ids[attribute]) | now_fired
        if trial_fired == fired:
            return None
        trial_probabilities = dict(probabilities)
        for diagnosis in self._touches[attribute]:
            trial_probabilities[diagnosis] = self._scorer.probability(diagnosis, trial_fired)
        trial_triage = self._scorer.triage(trial_fired) if self._flags[attribute] else triage
        trial_top = self._scorer.top(trial_probabilities, trial_fired)
        return trial_triage, trial_top, round(trial_probabilities[trial_top], 4)


_Result = tuple[Triage, str, float]


def _impact(result: _Result, current: _Result) -> float:
    if result[0] != current[0]:
        return _TRIAGE_CHANGE
    if result[1] != current[1]:
        return _TOP_CHANGE
    return abs(result[2] - current[2])


def _is_number(compare: Compare) -> bool:
    return ATTRIBUTES[compare.attribute].kind == "number"


def _diagnosis_of(rule: Rule) -> str | None:
    conclusion = rule.then
    if isinstance(conclusion, Evidence | Baseline | Association):
        return conclusion.diagnosis
    if isinstance(conclusion, RedFlag):
        return conclusion.diagnosis
    return None
