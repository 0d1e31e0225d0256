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
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from cdss.rules import TRIAGE_ORDER, Baseline, Evidence, RedFlag, Ruleset, Triage


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

    @property
    def strength(self) -> float:
        return abs(math.log(self.applied_ratio))


@dataclass(frozen=True)
class Counted:
    """The outcome of weighing one diagnosis: its probability and which weights counted."""

    probability: float
    counted: frozenset[str]
    superseded_by: Mapping[str, str]
    baseline_rule: str | None


class Scorer:
    """Precomputed per ruleset; pure functions of the set of fired rules. Safe to share."""

    def __init__(self, ruleset: Ruleset) -> None:
        cap = ruleset.info.weak_evidence_lr_cap
        self.ruleset = ruleset
        self.weights: dict[str, list[Weight]] = {d.id: [] for d in ruleset.diagnoses}
        self.baselines: dict[str, list[tuple[str, float]]] = {d.id: [] for d in ruleset.diagnoses}
        self.red_flags: dict[str, RedFlag] = {}
        for rule in ruleset.rules:
            conclusion = rule.then
            if isinstance(conclusion, Evidence):
                group = conclusion.group or f"rule:{rule.id}"
                ratio = applied_ratio(conclusion, weak=rule.is_weak, cap=cap)
                self.weights[conclusion.diagnosis].append(Weight(rule.id, group, ratio))
            elif isinstance(conclusion, Baseline):
                self.baselines[conclusion.diagnosis].append((rule.id, conclusion.probability))
            elif isinstance(conclusion, RedFlag):
                self.red_flags[rule.id] = conclusion
        self._pretest = {d.id: d.pretest.value for d in ruleset.diagnoses}
        self._first_when_flagged = frozenset(d.id for d in ruleset.diagnoses if d.ranks_first_when_flagged)
        self._order = {d.id: index for index, d in enumerate(ruleset.diagnoses)}

    def weigh(self, diagnosis: str, fired: Collection[str]) -> Counted:
        """The post-test probability of one diagnosis, and which of its weights counted."""
        start, baseline_rule = self._pretest[diagnosis], None
        for rule_id, probability in self.baselines[diagnosis]:
            if rule_id in fired and probability > start:
                start, baseline_rule = probability, rule_id
        best: dict[str, Weight] = {}
        superseded: dict[str, str] = {}
        for weight in self.weights[diagnosis]:
            if weight.rule not in fired:
                continue
            current = best.get(weight.group)
            if current is None or weight.strength > current.strength:
                if current is not None:
                    superseded[current.rule] = weight.rule
                best[weight.group] = weight
            else:
                superseded[weight.rule] = current.rule
        log_odds = _logit(start) + sum(math.log(w.applied_ratio) for w in best.values())
        counted = frozenset(w.rule for w in best.values())
        return Counted(_expit(log_odds), counted, {k: v for k, v in superseded.items() if k not in counted},
                       baseline_rule)

    def probabilities(self, fired: Collection[str]) -> dict[str, float]:
        return {diagnosis: self.weigh(diagnosis, fired).probability for diagnosis in self.weights}

    def triage(self, fired: Collection[str]) -> Triage:
        level: Triage = "routine"
        for rule_id, flag in self.red_flags.items():
            if rule_id in fired and TRIAGE_ORDER[flag.triage] > TRIAGE_ORDER[level]:
                level = flag.triage
        return level

    def ranked_first_by(self, fired: Collection[str]) -> dict[str, str]:
        """Diagnoses an emergency red flag puts first, each with the lowest-numbered such rule."""
        first: dict[str, str] = {}
        for rule_id in sorted(fired):
            flag = self.red_flags.get(rule_id)
            if flag and flag.triage == "emergency" and flag.diagnosis in self._first_when_flagged:
                first.setdefault(flag.diagnosis, rule_id)
        return first

    def ranking(self, probabilities: Mapping[str, float], fired: Collection[str]) -> list[str]:
        """Diagnosis ids, most likely first; red-flagged ones marked to rank first come before the rest."""
        forced = self.ranked_first_by(fired)
        return sorted(
            probabilities,
            key=lambda d: (d not in forced, -probabilities[d], self._order[d]),
        )
