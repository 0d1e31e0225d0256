"""From fired rules to numbers: one probability distribution over the primary causes, and the triage.

The differential answers one question: what is the most likely primary cause of this patient's pain? Its
causes are mutually exclusive and exhaustive. Each starts from the prior of the engine's setting,
adjusted by the patient's age band (``case_mix.yaml``). Each fired rule that weighs (frequencies in every
cause, their complement, or likelihood ratios between causes) adds its log-likelihood for every cause,
tempered by the strength of its evidence and multiplied by the ruleset's calibration slope (1 unless
it was recalibrated on a labelled series); rules of one group measure the same thing, so only the
strongest that fired counts (the one whose likelihoods differ most between causes). The posterior is
the normalised exponential: the probabilities sum to 1.

Everything that depends only on the ruleset and the setting (tempered log-likelihoods per rule and
cause, log-priors per age band) is computed once, when the scorer is built.

Red flags are separate from the ranking: the most urgent fired red flag sets the triage, and an
emergency red flag for a diagnosis marked ``ranks_first_when_flagged`` (cauda equina) puts it first,
unless the flag only calls for the diagnosis to be excluded (``suspected_only``).
"""

from __future__ import annotations

import math
import operator
from collections.abc import Collection, Mapping, Sequence
from typing import NamedTuple

from cdss.rules.case_mix import AgeBand
from cdss.rules.model import TRIAGE_ORDER, Complement, Frequencies, Ratios, RedFlag, Rule, Ruleset, Triage

Rank = tuple[bool, float, int]


class Weight(NamedTuple):
    """How one rule weighs: its tempered log-likelihood in every cause, in the ruleset's cause order."""

    rule: str
    group: str
    logs: tuple[float, ...]
    spread: float
    order: int
    precedence: int
    """Where the rule stands among every weighing rule, by spread (widest first), then by order: within a
    group, the rule that separates the causes most wins; between equals, the one written first."""

    def beats(self, other: Weight | None) -> bool:
        return other is None or self.precedence < other.precedence


def frequencies(rule: Rule, ruleset: Ruleset) -> tuple[float, ...] | None:
    """P(finding | cause) for every cause as the rule states it (before the floor); None for ratio rules."""
    classes = [d.id for d in ruleset.diagnoses]
    then = rule.then
    if isinstance(then, Frequencies):
        return tuple(then.frequency.get(c, then.otherwise) for c in classes)
    if isinstance(then, Complement):
        parts = [frequencies(ruleset.rule_by_id[other], ruleset) for other in then.absent_of]
        return tuple(
            1.0 - math.fsum(part[i] for part in parts if part is not None) for i in range(len(classes))
        )
    return None


def _likelihoods(rule: Rule, ruleset: Ruleset) -> tuple[float, ...]:
    """The likelihood of the rule's finding in every cause, frequencies kept within the floor."""
    found = frequencies(rule, ruleset)
    if found is not None:
        floor = ruleset.info.frequency_floor
        return tuple(min(max(f, floor), 1.0 - floor) for f in found)
    assert isinstance(rule.then, Ratios)
    return tuple(rule.then.ratio.get(d.id, 1.0) for d in ruleset.diagnoses)


def _group(rule: Rule, ruleset: Ruleset) -> str:
    then = rule.then
    if isinstance(then, Complement):  # the absence of a finding measures what the finding measures
        return _group(ruleset.rule_by_id[then.absent_of[0]], ruleset)
    group = then.group if isinstance(then, Frequencies | Ratios) else None
    return group or f"rule:{rule.id}"


class Scorer:
    """Precomputed per ruleset and setting; pure functions of the fired rules and the age. Safe to share."""

    def __init__(self, ruleset: Ruleset, setting: str, *, slope: float | None = None) -> None:
        """``slope`` replaces the ruleset's calibration slope (to fit one: :mod:`cdss.reports.slope`)."""
        self.ruleset = ruleset
        self.setting = setting
        self.slope = ruleset.info.slope if slope is None else slope
        self.classes = tuple(d.id for d in ruleset.diagnoses)
        tempering = ruleset.info.tempering
        weights = []
        for order, rule in enumerate(ruleset.rules):
            if rule.weighs:
                w = self.slope * tempering[rule.strength]
                logs = tuple(w * math.log(value) for value in _likelihoods(rule, ruleset))
                weights.append(Weight(rule.id, _group(rule, ruleset), logs, max(logs) - min(logs), order, 0))
        precedence = sorted(weights, key=lambda weight: (-weight.spread, weight.order))
        place = {weight.rule: index for index, weight in enumerate(precedence)}
        self.weights = {weight.rule: weight._replace(precedence=place[weight.rule]) for weight in weights}
        prior = ruleset.case_mix.settings[setting].priors
        self.prior = tuple(prior[c].value for c in self.classes)
        self.factors: dict[str, tuple[float, ...]] = {}
        """Per rule, the factor by which it alone multiplies each cause's probability from the prior."""
        for rule_id, weight in self.weights.items():
            mean = math.fsum(p * math.exp(v) for p, v in zip(self.prior, weight.logs, strict=True))
            self.factors[rule_id] = tuple(math.exp(v) / mean for v in weight.logs)
        self._log_prior: dict[str | None, tuple[float, ...]] = {None: _normalised_logs(self.prior)}
        for band in ruleset.case_mix.age_bands:
            adjusted = list(self.prior)
            for factor in band.factors:
                adjusted[self.classes.index(factor.diagnosis)] *= factor.factor ** tempering[factor.strength]
            self._log_prior[band.id] = _normalised_logs(adjusted)
        self.red_flags = {r.id: r.then for r in ruleset.rules if isinstance(r.then, RedFlag)}
        self._levels = {
            rule_id: (TRIAGE_ORDER[flag.triage], flag.triage) for rule_id, flag in self.red_flags.items()
        }
        first_when_flagged = {d.id for d in ruleset.diagnoses if d.ranks_first_when_flagged}
        self._ranking_flags = sorted(
            (rule_id, flag.diagnosis)
            for rule_id, flag in self.red_flags.items()
            if flag.triage == "emergency" and flag.diagnosis in first_when_flagged and not flag.suspected_only
        )
        self._ranked_first_by_rule = dict(self._ranking_flags)
        self._order = {c: index for index, c in enumerate(self.classes)}

    def prior_of(self, band: AgeBand | None) -> tuple[float, ...]:
        """The prior of every cause for the setting and the age band (as probabilities)."""
        return tuple(math.exp(v) for v in self._log_prior[None if band is None else band.id])

    def counted(self, fired: Collection[str]) -> tuple[dict[str, Weight], dict[str, str]]:
        """The weight that counts in each group, and each fired rule that a stronger one of its group beat."""
        best: dict[str, Weight] = {}
        weights = self.weights
        found = 0
        for rule_id in fired:
            weight = weights.get(rule_id)
            if weight is not None:
                found += 1
                held = best.get(weight.group)
                if held is None or weight.beats(held):
                    best[weight.group] = weight
        superseded: dict[str, str] = {}
        if found > len(best):  # some group had more than one fired rule
            beaten = sorted(r for r in fired if r in weights and best[weights[r].group].rule != r)
            superseded = {rule_id: best[weights[rule_id].group].rule for rule_id in beaten}
        # in the ruleset's order, so that sums (and so results) never depend on a set's iteration order
        return {w.group: w for w in sorted(best.values(), key=_ORDER)}, superseded

    def standing(self, fired: frozenset[str], band: AgeBand | None) -> Standing:
        """Everything the scorer concludes from one set of fired rules and an age band: the ranking puts the
        most likely first, except that diagnoses an emergency red flag marks to rank first come before."""
        best, superseded = self.counted(fired)
        prior = self._log_prior[None if band is None else band.id]
        # each cause's log-prior plus its counted log-likelihoods, added in rule order
        scores = tuple(
            [sum(column, 0.0) for column in zip(prior, *[w.logs for w in best.values()], strict=True)]
        )
        probabilities = softmax(scores)
        first_by = self.ranked_first_by(fired)
        classes = self.classes
        # as _rank orders them: the most likely first, ties in file order (a stable sort), the forced first
        negated = [-p for p in probabilities]
        ranking = [classes[i] for i in sorted(range(len(classes)), key=negated.__getitem__)]
        if first_by:
            ranking = [c for c in ranking if c in first_by] + [c for c in ranking if c not in first_by]
        return Standing(
            fired,
            band,
            best,
            superseded,
            scores,
            dict(zip(classes, probabilities, strict=True)),
            first_by,
            ranking,
            self.triage(fired),
        )

    def after(self, standing: Standing, added: Collection[str]) -> Outlook:
        """The triage, the top of the ranking and the log-scores if ``added`` rules fired as well.

        Equal to weighing again (tests check), but only the groups an added rule wins change the scores.
        """
        best = standing.counted
        replaced: dict[str, Weight] = {}
        for rule_id in sorted(added):
            weight = self.weights.get(rule_id)
            if weight is not None and weight.beats(replaced.get(weight.group) or best.get(weight.group)):
                replaced[weight.group] = weight
        scores = standing.scores
        for group, weight in replaced.items():
            previous = best.get(group)
            if previous is None:
                scores = tuple(s + v for s, v in zip(scores, weight.logs, strict=True))
            else:
                scores = tuple(s + v - o for s, v, o in zip(scores, weight.logs, previous.logs, strict=True))
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
        if forced:  # a higher score is a higher probability: rank by score
            top = min(self.classes, key=lambda c: self._rank(c, scores[self._order[c]], forced))
        else:  # the first of the highest scores: ties go to file order, as in the ranking
            top = self.classes[max(range(len(scores)), key=scores.__getitem__)]
        return Outlook(triage, top, scores)

    def triage(self, fired: Collection[str]) -> Triage:
        """The most urgent level among the fired red flags; routine when none fired."""
        levels = self._levels
        return max((levels[rule_id] for rule_id in fired if rule_id in levels), default=_ROUTINE)[1]

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


_ROUTINE: tuple[int, Triage] = (TRIAGE_ORDER["routine"], "routine")


_ORDER = operator.attrgetter("order")


def softmax(scores: Sequence[float]) -> list[float]:
    """Probabilities from log-scores: the exponential, normalised to sum to 1."""
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = math.fsum(exps)
    return [e / total for e in exps]


def _normalised_logs(values: Sequence[float]) -> tuple[float, ...]:
    total = math.fsum(values)
    return tuple(math.log(v / total) for v in values)


class Standing(NamedTuple):
    """What the scorer concludes from one set of fired rules and an age band."""

    fired: frozenset[str]
    band: AgeBand | None
    counted: Mapping[str, Weight]
    """The weight that counted in each group."""
    superseded: Mapping[str, str]
    """Fired weighing rules that did not count, each with the rule of its group that did."""
    scores: tuple[float, ...]
    probabilities: Mapping[str, float]
    first_by: Mapping[str, str]
    """Diagnoses an emergency red flag put first, with the rule that did."""
    ranking: Sequence[str]
    triage: Triage


class Outlook(NamedTuple):
    """The triage, the top of the ranking and every cause's log-score, as :meth:`Scorer.after` foresees."""

    triage: Triage
    top: str
    scores: tuple[float, ...]
    """Unnormalised: :func:`softmax` of them gives the probabilities."""
