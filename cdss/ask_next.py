"""Which unexamined findings would most change the answer: the "ask next" list.

For every finding the rules use and the case lacks, each possible answer is tried. Only the rules that
read that finding and have not fired are evaluated (compiled closures with the semantics of
:func:`cdss.conditions.holds`, which the property tests hold equal to the matching engine), and the
weighing is updated with the rules that newly fire rather than redone. A finding ranks high when an
answer would change the triage, then the top condition, then the top condition's probability.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from cdss.assessment import AskNext, Outcome
from cdss.conditions import ATTRIBUTES, Compare, Value, compares, compile_predicate
from cdss.rules import Rule, Ruleset, Triage
from cdss.scoring import Counted, Scorer

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
        self._values = {
            attribute: ATTRIBUTES[attribute].values_to_try(tuple(sorted(numbers.get(attribute, ()))))
            for attribute in self._readers
        }

    def suggest(self, now: Current) -> list[AskNext]:
        """The unexamined findings whose answers would most change the triage or the top of the ranking."""
        current = (now.triage, now.top, round(now.probabilities[now.top], 4))
        ranked: list[tuple[float, str, list[tuple[Value, _Result]]]] = []
        for attribute in self._readers:
            if attribute in now.fact:
                continue
            results = [
                (value, self._result(attribute, value, now) or current) for value in self._values[attribute]
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

    def _result(self, attribute: str, value: Value, now: Current) -> _Result | None:
        """Triage, top condition and its probability with this answer; None if nothing would change.

        Examining one more finding can only add fired rules (conditions are monotone), so only the rules
        that read this finding and have not fired yet are tried.
        """
        trial = {**now.fact, attribute: value}
        added = [
            rule_id
            for rule_id, holds in self._readers[attribute]
            if rule_id not in now.fired and holds(trial)
        ]
        if not added:
            return None
        trial_probabilities = {**now.probabilities, **self._scorer.with_added(now.weighed, added)}
        trial_fired = now.fired.union(added)
        trial_top = self._scorer.top(trial_probabilities, trial_fired)
        return self._scorer.triage(trial_fired), trial_top, round(trial_probabilities[trial_top], 4)


@dataclass(frozen=True)
class Current:
    """The assessment so far: what ask-next compares each possible answer with."""

    fact: Mapping[str, object]
    fired: frozenset[str]
    weighed: Mapping[str, Counted]
    probabilities: Mapping[str, float]
    triage: Triage
    top: str


_Result = tuple[Triage, str, float]


def _impact(result: _Result, current: _Result) -> float:
    if result[0] != current[0]:
        return _TRIAGE_CHANGE
    if result[1] != current[1]:
        return _TOP_CHANGE
    return abs(result[2] - current[2])


def _is_number(compare: Compare) -> bool:
    return ATTRIBUTES[compare.attribute].kind == "number"
