"""Building the assessment of one case: every conclusion with the rules, findings and sources behind it.

Each fired rule that weighs moves every cause. A cause's entry lists the counted rules that, on their
own, would move it by at least :data:`cdss.engine.conclusions.SHOWN_FACTOR` from the setting's prior (up:
supporting, down: refuting), with the figures the rule states, and the fired rules that did not count
because a stronger rule of their group did.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypedDict, TypeVar

from cdss.case.findings import MAX_AGE
from cdss.engine.ask_next import AskNextPlanner
from cdss.engine.assessment import (
    DECIMALS,
    NOT_COMPUTED,
    Assessment,
    Codes,
    DifferentialEntry,
    EngineStamp,
    EvidenceItem,
    FindingValue,
    NotToBeMissed,
    PretestProbability,
    Recommendation,
    RedFlagItem,
    RulesetStamp,
    Summary,
)
from cdss.engine.conclusions import Conclusions, Ref, RuleIndex, Summariser, by_cause
from cdss.engine.lean import Lean, LeanWriter
from cdss.engine.scoring import Scorer, Standing, frequencies
from cdss.rules.evaluation import witnesses
from cdss.rules.model import Ratios, RedFlag, Rule, Ruleset, Strength


def _findings(rule: Rule, fact: Mapping[str, object]) -> dict[str, FindingValue]:
    return witnesses(rule.matches, fact)  # type: ignore[return-value]


class _BasisFields(TypedDict):
    rule: str
    statement: str
    findings: dict[str, FindingValue]
    source: str
    strength: Strength
    note: str | None


def _basis(rule: Rule, fact: Mapping[str, object]) -> _BasisFields:
    return {
        "rule": rule.id,
        "statement": rule.statement,
        "findings": _findings(rule, fact),
        "source": rule.source,
        "strength": rule.strength,
        "note": rule.note,
    }


def _reported(rule: Rule, ruleset: Ruleset) -> str:
    """The rule's figures in words: how often the finding occurs in which causes, or its ratios."""
    names = {d.id: d.name for d in ruleset.diagnoses}
    if isinstance(rule.then, Ratios):
        ratios = ", ".join(f"{names[c]} x{r:g}" for c, r in rule.then.ratio.items())
        return f"likelihood ratio against every other cause: {ratios}"
    found = frequencies(rule, ruleset) or ()
    shares: dict[float, list[str]] = {}
    for diagnosis, share in zip(ruleset.diagnoses, found, strict=True):
        shares.setdefault(round(share, 3), []).append(names[diagnosis.id])
    common = max(shares, key=lambda s: len(shares[s]))
    named = "; ".join(f"{s:.0%} in {', '.join(n)}" for s, n in shares.items() if s != common)
    return (
        f"present in {named}; {common:.0%} in the other causes"
        if named
        else f"present in {common:.0%} of every cause"
    )


def value_key(value: object) -> str:
    """A finding's value as a cache key: its repr, which tells 1 from True and 45 from 45.0 (written
    otherwise), and -0.0 from 0.0, which compare and hash equal but are written otherwise too."""
    return repr(value)


Part = TypeVar("Part", EvidenceItem, RedFlagItem)
PARTS_CACHE_SIZE = 4096


class Explainer:
    """Builds the assessments of one ruleset and setting. Safe to share between threads.

    Evidence items and red-flag items depend only on their rule, the cause, whether the rule counted and
    the findings it reads; they are immutable, so those built recently are kept (at most ``cache_size``,
    forgotten all at once when full) and reused by later cases. The result is the same either way.
    """

    def __init__(
        self,
        scorer: Scorer,
        planner: AskNextPlanner,
        ruleset_stamp: RulesetStamp,
        engine_stamp: EngineStamp,
        cache_size: int = PARTS_CACHE_SIZE,
    ) -> None:
        self._scorer = scorer
        self._planner = planner
        self._stamps = ruleset_stamp, engine_stamp
        ruleset = scorer.ruleset
        self._ruleset = ruleset
        self._case_mix = ruleset.case_mix
        self._bands = {age: ruleset.case_mix.band(age) for age in range(MAX_AGE + 1)}
        """The band of every age a case can give, looked up at once."""
        setting = ruleset.case_mix.settings[scorer.setting]
        self._diagnoses = {
            d.id: (d, setting.priors[d.id].basis, Codes(icd10cm=d.icd10cm, snomed_ct=d.snomed_ct))
            for d in ruleset.diagnoses
        }
        self.index = RuleIndex.of(ruleset)
        self.summariser = Summariser(scorer, self.index, ruleset_stamp)
        self._lean = LeanWriter(self.summariser, self.index, scorer.setting)
        self._reported = {rule.id: _reported(rule, ruleset) for rule in ruleset.rules if rule.weighs}
        self._frequency = {rule.id: frequencies(rule, ruleset) for rule in ruleset.rules if rule.weighs}
        self._cache_size = cache_size
        self._items: dict[tuple[object, ...], EvidenceItem] = {}
        self._flag_items: dict[tuple[object, ...], RedFlagItem] = {}

    def standing(self, fact: Mapping[str, object], fired: frozenset[str]) -> Standing:
        age = fact.get("age")
        if not isinstance(age, int | float):
            return self._scorer.standing(fired, None)
        band = self._bands.get(age) if type(age) is int else None
        return self._scorer.standing(fired, band or self._case_mix.band(int(age)))

    def build(
        self,
        fact: Mapping[str, object],
        fired: frozenset[str],
        case_id: str | None = None,
        *,
        ask_next: bool = True,
    ) -> Assessment:
        """The assessment of one case from the rules that fired on its fact; ask-next only when asked for."""
        now = self.standing(fact, fired)
        prior = self._scorer.prior_of(now.band)
        summariser = self.summariser
        columns = summariser.column
        supporting, refuting = by_cause(now.counted.values(), summariser.sides, summariser.columns)
        differential = tuple(
            self._entry(c, columns[c], prior[columns[c]], fact, now, listed=(supporting, refuting))
            for c in now.ranking
        )
        index = self.index
        red_flags = tuple(self._red_flag(rule, flag, fact) for rule, flag in index.flags if rule.id in fired)
        first = index.recommendation(fired)
        ruleset_stamp, engine_stamp = self._stamps
        return Assessment(
            id=case_id,
            setting=self._scorer.setting,
            triage=now.triage,
            recommendation=None
            if first is None
            else Recommendation(text=first[1].recommendation, triage=first[1].triage, rule=first[0].id),
            red_flags=red_flags,
            not_to_be_missed=tuple(
                NotToBeMissed(
                    condition=condition,
                    name=self._diagnoses[condition][0].name,
                    probability=round(now.probabilities[condition], DECIMALS),
                    rank=now.ranking.index(condition) + 1,
                    reasons=tuple(reasons),
                )
                for condition, reasons in index.not_to_be_missed(fired).items()
            ),
            differential=differential,
            ask_next=self._planner.suggest(fact, now) if ask_next else NOT_COMPUTED,
            warnings=index.warnings_of(fact, fired),
            fired_rules=tuple(sorted(fired)),
            ruleset=ruleset_stamp,
            engine=engine_stamp,
        )

    def summarise(
        self,
        fact: Mapping[str, object],
        fired: frozenset[str],
        case_id: str | None = None,
        *,
        ask_next: bool = False,
    ) -> Summary:
        """The conclusions :meth:`build` would give, by reference (:mod:`cdss.engine.conclusions`)."""
        now = self.standing(fact, fired)
        suggested = self._planner.suggest(fact, now) if ask_next else None
        return self.summariser.summary(fact, now, case_id, suggested)

    def lean(self, fact: Mapping[str, object], fired: frozenset[str], *, ask_next: bool = False) -> Lean:
        """What :meth:`summarise` gives, as the summary's JSON without its id (a batch's lean line)."""
        now = self.standing(fact, fired)
        suggested = self._planner.suggest(fact, now) if ask_next else None
        return self._lean.lean(fact, now, suggested)

    def conclude(self, fact: Mapping[str, object], fired: frozenset[str]) -> Conclusions:
        """What :meth:`summarise` concludes, without the summary."""
        return self.summariser.conclusions(self.standing(fact, fired))

    def _entry(
        self,
        diagnosis: str,
        column: int,
        prior: float,
        fact: Mapping[str, object],
        now: Standing,
        *,
        listed: tuple[list[list[Ref]], list[list[Ref]]],
    ) -> DifferentialEntry:
        """One cause's entry; ``listed`` has every cause's counted rules for and against it, as a summary
        lists them (:func:`cdss.engine.conclusions.by_cause`)."""
        described, basis, codes = self._diagnoses[diagnosis]
        for_it, against_it = listed[0][column], listed[1][column]
        supporting = [self._item(str(ref["rule"]), diagnosis, column, None, fact) for ref in for_it]
        refuting = [self._item(str(ref["rule"]), diagnosis, column, None, fact) for ref in against_it]
        factors = self._scorer.factors
        for rule_id, by in sorted(now.superseded.items()):
            item = self._item(rule_id, diagnosis, column, by, fact)
            (supporting if factors[rule_id][column] > 1 else refuting).append(item)
        band = now.band
        return DifferentialEntry(
            condition=diagnosis,
            name=described.name,
            probability=round(now.probabilities[diagnosis], DECIMALS),
            pretest=PretestProbability(
                value=round(prior, DECIMALS),
                setting=self._scorer.setting,
                age_band=None if band is None else band.label,
                basis=basis,
            ),
            ranked_first_by=now.first_by.get(diagnosis),
            supporting=tuple(supporting),
            refuting=tuple(refuting),
            codes=codes,
        )

    def _item(
        self, rule_id: str, diagnosis: str, column: int, superseded_by: str | None, fact: Mapping[str, object]
    ) -> EvidenceItem:
        rule = self._ruleset.rule_by_id[rule_id]
        key = (rule_id, diagnosis, superseded_by, *map(value_key, map(fact.get, self.index.reads[rule_id])))
        item = self._items.get(key)
        if item is None:
            found = self._frequency[rule_id]
            ratio = rule.then.ratio.get(diagnosis, 1.0) if isinstance(rule.then, Ratios) else None
            applied = 1.0 if superseded_by else round(self._scorer.factors[rule_id][column], DECIMALS)
            why = (
                None
                if superseded_by is None
                else f"counted once per group: {superseded_by} separates the causes more"
            )
            item = self._remember(
                self._items,
                key,
                EvidenceItem(
                    **_basis(rule, fact),
                    kind="likelihood_ratio" if ratio is not None else "frequency",
                    reported=self._reported[rule_id],
                    frequency=None if found is None else round(found[column], DECIMALS),
                    likelihood_ratio=ratio,
                    applied_ratio=applied,
                    counted=superseded_by is None,
                    why_not_counted=why,
                ),
            )
        return item

    def _remember(self, cache: dict[tuple[object, ...], Part], key: tuple[object, ...], part: Part) -> Part:
        if len(cache) >= self._cache_size:
            cache.clear()
        cache[key] = part
        return part

    def _red_flag(self, rule: Rule, conclusion: RedFlag, fact: Mapping[str, object]) -> RedFlagItem:
        key = (rule.id, *map(value_key, map(fact.get, self.index.reads[rule.id])))
        item = self._flag_items.get(key)
        if item is None:
            item = self._remember(
                self._flag_items,
                key,
                RedFlagItem(
                    **_basis(rule, fact),
                    red_flag=conclusion.red_flag,
                    triage=conclusion.triage,
                    condition=conclusion.diagnosis,
                    recommendation=conclusion.recommendation,
                ),
            )
        return item
