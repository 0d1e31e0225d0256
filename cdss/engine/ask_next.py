"""Which unexamined findings would most change the answer: the "ask next" list.

For every finding that the rules able to move the triage or the ranking use (likelihood ratios,
published probabilities, red flags) and that the case lacks, each possible answer is tried. Examining one more
finding can only add fired rules (conditions are monotone: a test on an unexamined finding is false), so
only rules that have not fired are tried, and each is tried in the form it takes once that answer is
known (:func:`cdss.rules.evaluation.assuming`, compiled when the planner is built): most are settled by the
answer alone, and the rest test only the case's other findings. The weighing is then updated with the
rules that newly fire (:meth:`cdss.engine.scoring.Scorer.after`) rather than redone. A finding ranks high when
an answer would change the triage, then the top condition, then the top condition's probability.
"""

from __future__ import annotations

from collections.abc import Mapping

from cdss.engine.assessment import DECIMALS, AskNext, Outcome
from cdss.engine.scoring import Scorer, Standing
from cdss.rules.attributes import ATTRIBUTES, Value
from cdss.rules.conditions import Compare
from cdss.rules.evaluation import Predicate, assuming, compares, compile_predicate
from cdss.rules.model import Baseline, Evidence, RedFlag, Ruleset, Triage

_TRIAGE_CHANGE = 3.0
_TOP_CHANGE = 2.0

Trial = tuple[tuple[str, Predicate | None], ...]
"""The rules an answer could make fire: each with what remains to test, None when the answer settles it."""
_Result = tuple[Triage, str, float]


class AskNextPlanner:
    def __init__(self, ruleset: Ruleset, scorer: Scorer) -> None:
        self._scorer = scorer
        self._limit = ruleset.info.ask_next_limit
        readers: dict[str, list[str]] = {}
        numbers: dict[str, set[float]] = {}
        for rule in ruleset.rules:
            if not isinstance(rule.then, Evidence | Baseline | RedFlag):
                continue  # the rest never change the triage or the ranking
            for compare in compares(rule.matches):
                readers.setdefault(compare.attribute, [])
                if rule.id not in readers[compare.attribute]:
                    readers[compare.attribute].append(rule.id)
                if _is_number(compare):
                    numbers.setdefault(compare.attribute, set()).add(float(compare.value))
        self._trials: dict[str, tuple[tuple[Value, Trial], ...]] = {}
        for attribute, rule_ids in sorted(readers.items()):
            values = ATTRIBUTES[attribute].values_to_try(tuple(sorted(numbers.get(attribute, ()))))
            self._trials[attribute] = tuple(
                (value, _trial(ruleset, rule_ids, attribute, value)) for value in values
            )

    def suggest(self, fact: Mapping[str, object], now: Standing) -> tuple[AskNext, ...]:
        """The unexamined findings whose answers would most change the triage or the top of the ranking."""
        current: _Result = (now.triage, now.ranking[0], round(now.probabilities[now.ranking[0]], DECIMALS))
        ranked: list[tuple[float, str, list[tuple[Value, _Result]]]] = []
        for attribute, trials in self._trials.items():
            if attribute in fact:
                continue
            results = [(value, self._result(trial, fact, now) or current) for value, trial in trials]
            impact = 0.0
            for _, result in results:
                impact = max(impact, _impact(result, current))
            if impact > 0:
                ranked.append((-impact, attribute, results))
        ranked.sort(key=lambda item: item[:2])
        return tuple(
            AskNext(
                finding=attribute,
                question=ATTRIBUTES[attribute].title,
                impact=round(-negative_impact, DECIMALS),
                outcomes=tuple(
                    Outcome(value=value, triage=r[0], top=r[1], top_probability=r[2]) for value, r in results
                ),
            )
            for negative_impact, attribute, results in ranked[: self._limit]
        )

    def _result(self, trial: Trial, fact: Mapping[str, object], now: Standing) -> _Result | None:
        """Triage, top condition and its probability with this answer; None if no rule would newly fire."""
        fired = now.fired
        added = [rule_id for rule_id, rest in trial if rule_id not in fired and (rest is None or rest(fact))]
        if not added:
            return None
        outlook = self._scorer.after(now, added)
        return outlook.triage, outlook.top, round(outlook.probability, DECIMALS)


def _trial(ruleset: Ruleset, rule_ids: list[str], attribute: str, value: Value) -> Trial:
    """Of the rules that read ``attribute``, those that ``value`` does not rule out, with what remains."""
    trial: list[tuple[str, Predicate | None]] = []
    for rule_id in rule_ids:
        rest = assuming(ruleset.rule_by_id[rule_id].matches, attribute, value)
        if not isinstance(rest, bool):
            trial.append((rule_id, compile_predicate(rest)))
        elif rest:
            trial.append((rule_id, None))
    return tuple(trial)


def _impact(result: _Result, current: _Result) -> float:
    if result[0] != current[0]:
        return _TRIAGE_CHANGE
    if result[1] != current[1]:
        return _TOP_CHANGE
    return abs(result[2] - current[2])


def _is_number(compare: Compare) -> bool:
    return ATTRIBUTES[compare.attribute].kind == "number"
