"""Which unexamined findings to ask about next: the "ask next" list, worded as questions.

The candidates are the findings of the ruleset's ``questions.yaml`` (history and examination, in order of
clinical priority; investigations are recommended through the red flags, not suggested here), less those
already examined and those irrelevant at the patient's age. For each candidate every possible answer is
tried: examining one more finding can only add fired rules (a test on an unexamined finding is false), so
only the rules that read the finding and have not fired are tried, each in the form it takes once that
answer is known (:func:`cdss.rules.evaluation.assuming`, compiled when the planner is built). The
weighing is then updated with the rules that newly fire (:meth:`cdss.engine.scoring.Scorer.after`).

The chance of each answer is the current differential's expectation of the likelihoods the answer would
add (the tempered likelihoods, normalised over the answers tried). A finding ranks first when the cauda
equina screen could change the triage; then by the expected change in triage, then by the expected
information gain over the differential (entropy, in bits), then by clinical priority. The screen itself
(saddle sensation, bladder, bowel) is asked in its clinical order.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from cdss.engine.assessment import DECIMALS, AskNext, Outcome
from cdss.engine.scoring import Scorer, Standing
from cdss.rules.attributes import ATTRIBUTES, Value
from cdss.rules.case_mix import Question
from cdss.rules.conditions import Compare
from cdss.rules.evaluation import Predicate, assuming, compares, compile_predicate
from cdss.rules.model import RedFlag, Ruleset, Triage

Trial = tuple[tuple[str, Predicate | None], ...]
"""The rules an answer could make fire: each with what remains to test, None when the answer settles it."""
_SIGNIFICANT = 1e-4
_LN2 = math.log(2)


class AskNextPlanner:
    def __init__(self, ruleset: Ruleset, scorer: Scorer) -> None:
        self._scorer = scorer
        self._index = {c: i for i, c in enumerate(scorer.classes)}
        self._limit = ruleset.info.ask_next_limit
        readers: dict[str, list[str]] = {}
        numbers: dict[str, set[float]] = {}
        for rule in ruleset.rules:
            if not (rule.weighs or isinstance(rule.then, RedFlag)):
                continue  # the rest never change the triage or the differential
            for compare in compares(rule.matches):
                readers.setdefault(compare.attribute, [])
                if rule.id not in readers[compare.attribute]:
                    readers[compare.attribute].append(rule.id)
                if _is_number(compare):
                    numbers.setdefault(compare.attribute, set()).add(float(compare.value))
        self._questions: list[tuple[int, Question, tuple[tuple[Value, Trial], ...]]] = []
        for priority, question in enumerate(ruleset.questions):
            rule_ids = readers.get(question.finding)
            if not rule_ids:
                continue
            spec = ATTRIBUTES[question.finding]
            values = spec.values_to_try(tuple(sorted(numbers.get(question.finding, ()))))
            trials = tuple((value, _trial(ruleset, rule_ids, question.finding, value)) for value in values)
            self._questions.append((priority, question, trials))

    def suggest(self, fact: Mapping[str, object], now: Standing) -> tuple[AskNext, ...]:
        """The unexamined findings whose answers would most change the triage, then the differential."""
        age = fact.get("age")
        before = [now.probabilities[c] for c in self._scorer.classes]
        entropy = _entropy(before)
        ranked: list[tuple[tuple[float, float, float, int], AskNext]] = []
        for priority, question, trials in self._questions:
            if question.finding in fact:
                continue
            if question.min_age is not None and isinstance(age, int) and age < question.min_age:
                continue
            item = self._try(question, trials, fact, now, entropy)
            if item is None:
                continue
            if item.triage_change > 0 and question.screen == "cauda_equina":
                key = (-1.0, 0.0, 0.0, priority)  # the screen first, in its clinical order
            else:
                key = (0.0, -item.triage_change, -item.information_gain, priority)
            ranked.append((key, item))
        ranked.sort(key=lambda pair: pair[0])
        return tuple(item for _, item in ranked[: self._limit])

    def _try(
        self,
        question: Question,
        trials: Sequence[tuple[Value, Trial]],
        fact: Mapping[str, object],
        now: Standing,
        entropy: float,
    ) -> AskNext | None:
        """Every distinct answer's chance, triage and differential; None when no answer changes anything."""
        fired = now.fired
        seen: set[frozenset[str]] = set()
        answers: list[tuple[Value, float, Triage, str, float, float]] = []
        base = _log_sum_exp(now.scores)
        index = self._index
        for value, trial in trials:
            added = frozenset(r for r, rest in trial if r not in fired and (rest is None or rest(fact)))
            if added in seen:
                continue  # another value of the same finding makes the same rules fire
            seen.add(added)
            outlook = self._scorer.after(now, added)
            scores = outlook.scores
            top = max(scores)
            exps = [math.exp(s - top) for s in scores]
            total = sum(exps)
            # the answer's likelihood under the current differential; the entropy of the new differential
            weight = math.exp(top + math.log(total) - base)
            spread = math.log2(total) - sum(e * (s - top) for e, s in zip(exps, scores, strict=True)) / (
                total * _LN2
            )
            chance_top = exps[index[outlook.top]] / total
            answers.append((value, weight, outlook.triage, outlook.top, chance_top, spread))
        total_weight = math.fsum(answer[1] for answer in answers)
        triage_change = math.fsum(a[1] for a in answers if a[2] != now.triage) / total_weight
        gain = entropy - math.fsum(a[1] * a[5] for a in answers) / total_weight
        if triage_change < _SIGNIFICANT and gain < _SIGNIFICANT:
            return None
        return AskNext(
            finding=question.finding,
            question=question.question,
            triage_change=round(triage_change, DECIMALS),
            information_gain=round(max(gain, 0.0), DECIMALS),
            outcomes=tuple(
                Outcome(
                    value=value,
                    chance=round(weight / total_weight, DECIMALS),
                    triage=triage,
                    top=top,
                    top_probability=round(probability, DECIMALS),
                )
                for value, weight, triage, top, probability, _ in answers
            ),
        )


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


def _entropy(probabilities: Sequence[float]) -> float:
    return -math.fsum(p * math.log2(p) for p in probabilities if p > 0)


def _log_sum_exp(scores: Sequence[float]) -> float:
    top = max(scores)
    return top + math.log(sum(math.exp(s - top) for s in scores))


def _is_number(compare: Compare) -> bool:
    return ATTRIBUTES[compare.attribute].kind == "number"
