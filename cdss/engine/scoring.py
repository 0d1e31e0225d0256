"""From fired rules to numbers: post-test probabilities, the ranking and the triage level.

Each diagnosis starts from its pre-test probability, or from the highest published probability among
patients with a finding the case has (a "baseline" rule), whichever is higher. Each fired likelihood-ratio
rule then multiplies the odds. Rules of one group measure the same thing, so only the strongest that
fired counts. Weak evidence (strength C or D) is applied no further than the ruleset's cap from 1.
Diagnoses are not mutually exclusive: probabilities are not forced to sum to one.

Red flags are separate from the ranking: the most urgent fired red flag sets the triage, and an
emergency red flag for a diagnosis marked ``ranks_first_when_flagged`` (cauda equina) puts it first.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from cdss.rules.model import TRIAGE_ORDER, Baseline, Evidence, RedFlag, Ruleset, Triage

Rank = tuple[bool, float, int]


def _logit(p: float) -> float:
    return math.log(p / (1.0 - p))


def _expit(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x)) if x >= 0 else math.exp(x) / (1.0 + math.exp(x))


def applied_ratio(evidence: Evidence, *, weak: bool, cap: float) -> float:
    """The factor a likelihood-ratio rule applies: the published LR, capped for weak evidence."""
    ratio = evidence.likelihood_ratio
    return min(max(ratio, 1.0 / cap), cap) if weak else ratio


@dataclass(frozen=True)
class Weight:
    """How one likelihood-ratio rule weighs: the factor applied and the group it competes in."""

    rule: str
    group: str
    applied_ratio: float
    log_ratio: float
    strength: float
    order: int

    def beats(self, other: Weight | None) -> bool:
        """Stronger wins within a group; between equals, the rule written first."""
        return other is None or (self.strength, -self.order) > (other.strength, -other.order)


class Counted(NamedTuple):
    """The outcome of weighing one diagnosis: its probability and which weights counted."""

    probability: float
    counted: frozenset[str]
    superseded_by: Mapping[str, str]
    baseline_rule: str | None
    start: float
    best: Mapping[str, Weight]
    log_odds: float


class Scorer:
    """Precomputed per ruleset; pure functions of the set of fired rules. Safe to share."""

    def __init__(self, ruleset: Ruleset) -> None:
        cap = ruleset.info.weak_evidence_lr_cap
        self.ruleset = ruleset
        self.weights: dict[str, list[Weight]] = {d.id: [] for d in ruleset.diagnoses}
        self.baselines: dict[str, list[tuple[str, float]]] = {d.id: [] for d in ruleset.diagnoses}
        self.red_flags: dict[str, RedFlag] = {}
        self._evidence_of: dict[str, tuple[str, Weight]] = {}
        self._baseline_of: dict[str, tuple[str, float]] = {}
        for order, rule in enumerate(ruleset.rules):
            conclusion = rule.then
            if isinstance(conclusion, Evidence):
                group = conclusion.group or f"rule:{rule.id}"
                ratio = applied_ratio(conclusion, weak=rule.is_weak, cap=cap)
                log_ratio = math.log(ratio)
                weight = Weight(rule.id, group, ratio, log_ratio, abs(log_ratio), order)
                self.weights[conclusion.diagnosis].append(weight)
                self._evidence_of[rule.id] = (conclusion.diagnosis, weight)
            elif isinstance(conclusion, Baseline):
                self.baselines[conclusion.diagnosis].append((rule.id, conclusion.probability))
                self._baseline_of[rule.id] = (conclusion.diagnosis, conclusion.probability)
            elif isinstance(conclusion, RedFlag):
                self.red_flags[rule.id] = conclusion
        self._pretest = {d.id: d.pretest.value for d in ruleset.diagnoses}
        self._flags_by_level = sorted(
            ((TRIAGE_ORDER[flag.triage], rule_id, flag) for rule_id, flag in self.red_flags.items()),
            reverse=True,
        )
        first_when_flagged = {d.id for d in ruleset.diagnoses if d.ranks_first_when_flagged}
        self._ranking_flags = sorted(
            (rule_id, flag.diagnosis)
            for rule_id, flag in self.red_flags.items()
            if flag.triage == "emergency" and flag.diagnosis in first_when_flagged
        )
        self._ranked_first_by_rule = dict(self._ranking_flags)
        self._order = {d.id: index for index, d in enumerate(ruleset.diagnoses)}
        self._untouched = {d: self._account(d, (), self._pretest[d], None, {}) for d in self._order}

    def weight_of(self, rule_id: str) -> Weight:
        """The weight of a likelihood-ratio rule."""
        return self._evidence_of[rule_id][1]

    def _choose(self, diagnosis: str, fired: Collection[str]) -> tuple[float, str | None, dict[str, Weight]]:
        """The starting probability (and the baseline rule behind it) and the strongest weight per group."""
        start, baseline_rule = self._pretest[diagnosis], None
        for rule_id, probability in self.baselines[diagnosis]:
            if probability > start and rule_id in fired:
                start, baseline_rule = probability, rule_id
        best: dict[str, Weight] = {}
        for weight in self.weights[diagnosis]:
            if weight.rule in fired and weight.beats(best.get(weight.group)):
                best[weight.group] = weight
        return start, baseline_rule, best

    def weigh(self, diagnosis: str, fired: Collection[str]) -> Counted:
        """The post-test probability of one diagnosis, with an account of which weights counted."""
        start, baseline_rule, best = self._choose(diagnosis, fired)
        if not best and baseline_rule is None:
            return self._untouched[diagnosis]  # most diagnoses of a case: nothing fired about them
        return self._account(diagnosis, fired, start, baseline_rule, best)

    def _account(
        self,
        diagnosis: str,
        fired: Collection[str],
        start: float,
        baseline_rule: str | None,
        best: dict[str, Weight],
    ) -> Counted:
        superseded = {
            w.rule: best[w.group].rule
            for w in self.weights[diagnosis]
            if w.rule in fired and best[w.group] is not w
        }
        log_odds = _logit(start) + sum(w.log_ratio for w in best.values())
        return Counted(
            _expit(log_odds),
            frozenset(w.rule for w in best.values()),
            superseded,
            baseline_rule,
            start,
            best,
            log_odds,
        )

    def with_added(self, weighed: Mapping[str, Counted], added: Collection[str]) -> dict[str, float]:
        """The probabilities that change when rules fire in addition to those already weighed.

        Rule conditions are monotone (a test on an unexamined finding is false, and nothing negates a
        group), so examining one more finding can only add fired rules; this updates the weighing with
        them instead of weighing again. Equal to ``weigh(d, fired | added).probability`` (tests check).
        """
        if len(added) == 1:  # by far the most common case: one answer makes one more rule fire
            return self._with_one_added(weighed, next(iter(added)))
        return self._with_several_added(weighed, added)

    def _with_several_added(self, weighed: Mapping[str, Counted], added: Collection[str]) -> dict[str, float]:
        starts: dict[str, float] = {}
        replaced: dict[str, dict[str, Weight]] = {}  # per diagnosis, the groups whose best weight changes
        for rule_id in added:
            evidence = self._evidence_of.get(rule_id)
            if evidence is not None:
                diagnosis, weight = evidence
                groups = replaced.setdefault(diagnosis, {})
                if weight.beats(groups.get(weight.group) or weighed[diagnosis].best.get(weight.group)):
                    groups[weight.group] = weight
            elif rule_id in self._baseline_of:
                diagnosis, probability = self._baseline_of[rule_id]
                starts[diagnosis] = max(probability, starts.get(diagnosis, weighed[diagnosis].start))
        changed = {}
        for diagnosis in replaced.keys() | starts.keys():
            counted = weighed[diagnosis]
            log_odds = counted.log_odds
            if diagnosis in starts:
                log_odds += _logit(starts[diagnosis]) - _logit(counted.start)
            for group, weight in replaced.get(diagnosis, {}).items():
                previous = counted.best.get(group)
                log_odds += weight.log_ratio - (0.0 if previous is None else previous.log_ratio)
            changed[diagnosis] = _expit(log_odds)
        return changed

    def _with_one_added(self, weighed: Mapping[str, Counted], rule_id: str) -> dict[str, float]:
        """:meth:`with_added` for one rule, computed the same way."""
        evidence = self._evidence_of.get(rule_id)
        if evidence is None:
            return self._with_several_added(weighed, (rule_id,))  # a baseline, or a rule that weighs nothing
        diagnosis, weight = evidence
        counted = weighed[diagnosis]
        previous = counted.best.get(weight.group)
        if not weight.beats(previous):
            return {}
        ratio = weight.log_ratio - (0.0 if previous is None else previous.log_ratio)
        return {diagnosis: _expit(counted.log_odds + ratio)}

    def triage(self, fired: Collection[str]) -> Triage:
        """The most urgent level among the fired red flags; routine when none fired."""
        for _, rule_id, flag in self._flags_by_level:
            if rule_id in fired:
                return flag.triage
        return "routine"

    def ranked_first_by(self, fired: Collection[str]) -> dict[str, str]:
        """Diagnoses an emergency red flag puts first, each with the lowest-numbered such rule."""
        first: dict[str, str] = {}
        for rule_id, diagnosis in self._ranking_flags:
            if rule_id in fired:
                first.setdefault(diagnosis, rule_id)
        return first

    def _rank(self, diagnosis: str, probability: float, forced: Collection[str]) -> Rank:
        """Where a diagnosis ranks (lower first): forced ones first, then the most likely, then file order."""
        return diagnosis not in forced, -probability, self._order[diagnosis]

    def standing(self, fired: frozenset[str]) -> Standing:
        """Everything the scorer concludes from one set of fired rules: the ranking puts the most likely
        first, except that diagnoses an emergency red flag marks to rank first come before the rest."""
        weighed = {diagnosis: self.weigh(diagnosis, fired) for diagnosis in self._order}
        probabilities = {diagnosis: counted.probability for diagnosis, counted in weighed.items()}
        first_by = self.ranked_first_by(fired)
        ranking = sorted(probabilities, key=lambda d: self._rank(d, probabilities[d], first_by))
        return Standing(fired, weighed, probabilities, first_by, ranking, self.triage(fired))

    def after(self, standing: Standing, added: Collection[str]) -> Outlook:
        """The triage, the top diagnosis and its probability if ``added`` rules fired as well.

        Equal to weighing ``standing.fired | added`` from scratch (tests check), but only the diagnoses
        that ``added`` touches are weighed again and only they can overtake the current ranking's first
        untouched diagnosis, so the rest need not be sorted.
        """
        changed = self.with_added(standing.weighed, added)
        triage = standing.triage
        forced: Collection[str] = standing.first_by
        for rule_id in added:
            flag = self.red_flags.get(rule_id)
            if flag is None:
                continue
            if TRIAGE_ORDER[flag.triage] > TRIAGE_ORDER[triage]:
                triage = flag.triage
            first = self._ranked_first_by_rule.get(rule_id)
            if first is not None and first not in forced:
                forced = {*forced, first}
        top, probability = self._top_with(standing, changed, forced)
        return Outlook(triage, top, probability)

    def _top_with(
        self, standing: Standing, changed: Mapping[str, float], forced: Collection[str]
    ) -> tuple[str, float]:
        """The first diagnosis and its probability once ``changed`` and ``forced`` apply to ``standing``."""
        probabilities = standing.probabilities
        top, best = "", (True, 2.0, 0)
        for diagnosis, probability in changed.items():
            rank = self._rank(diagnosis, probability, forced)
            if rank < best:
                top, best = diagnosis, rank
        for diagnosis in forced:
            rank = self._rank(diagnosis, changed.get(diagnosis, probabilities[diagnosis]), forced)
            if rank < best:
                top, best = diagnosis, rank
        for diagnosis in standing.ranking:  # the first of the rest in the current order stands for them all
            if diagnosis not in changed and diagnosis not in forced:
                rank = self._rank(diagnosis, probabilities[diagnosis], forced)
                if rank < best:
                    top, best = diagnosis, rank
                break
        return top, -best[1]


@dataclass(frozen=True)
class Standing:
    """What the scorer concludes from one set of fired rules."""

    fired: frozenset[str]
    weighed: Mapping[str, Counted]
    probabilities: Mapping[str, float]
    first_by: Mapping[str, str]
    """Diagnoses an emergency red flag put first, with the rule that did."""
    ranking: Sequence[str]
    triage: Triage


class Outlook(NamedTuple):
    """The triage and the top of the ranking, as :meth:`Scorer.after` foresees them."""

    triage: Triage
    top: str
    probability: float
