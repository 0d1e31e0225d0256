"""Building the assessment of one case: every conclusion with the rules, findings and sources behind it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypedDict, TypeVar

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
    PretestProbability,
    RedFlagItem,
    RulesetStamp,
    Summary,
)
from cdss.engine.conclusions import RuleIndex, Summariser, supports
from cdss.engine.scoring import Counted, Scorer, Standing
from cdss.rules.evaluation import witnesses
from cdss.rules.model import (
    Association,
    Baseline,
    Diagnosis,
    Evidence,
    RedFlag,
    Rule,
    Strength,
)


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


def _evidence_item(rule: Rule, fact: Mapping[str, object], counted: Counted, scorer: Scorer) -> EvidenceItem:
    conclusion = rule.then
    if isinstance(conclusion, Evidence):
        weight = scorer.weight_of(rule.id)
        is_counted = rule.id in counted.counted
        why = None
        if not is_counted:
            why = f"counted once per group ({conclusion.group}): {counted.superseded_by[rule.id]} weighs more"
        return EvidenceItem(
            **_basis(rule, fact),
            kind="likelihood_ratio",
            reported=f"likelihood ratio {conclusion.likelihood_ratio:g}",
            likelihood_ratio=conclusion.likelihood_ratio,
            applied_ratio=weight.applied_ratio if is_counted else 1.0,
            counted=is_counted,
            why_not_counted=why,
        )
    if isinstance(conclusion, Baseline):
        is_counted = counted.baseline_rule == rule.id
        return EvidenceItem(
            **_basis(rule, fact),
            kind="published_probability",
            reported=f"probability {conclusion.probability:g} in {conclusion.population}",
            probability=conclusion.probability,
            counted=is_counted,
            why_not_counted=None if is_counted else "a higher starting probability applies",
        )
    if not isinstance(conclusion, Association):
        raise TypeError(f"rule {rule.id} does not weigh a diagnosis")
    return EvidenceItem(
        **_basis(rule, fact),
        kind="association",
        reported=conclusion.reported,
        counted=False,
        why_not_counted="no likelihood ratio is published: shown, not weighed",
    )


def _pretest(diagnosis: Diagnosis) -> PretestProbability:
    pretest = diagnosis.pretest
    return PretestProbability(
        value=pretest.value, population=pretest.population, source=pretest.source, strength=pretest.strength
    )


def _codes(diagnosis: Diagnosis) -> Codes:
    return Codes(icd10cm=tuple(diagnosis.icd10cm), snomed_ct=tuple(diagnosis.snomed_ct))


PartKey = tuple[object, ...]
PARTS_CACHE_SIZE = 4096
_Part = TypeVar("_Part", DifferentialEntry, EvidenceItem, RedFlagItem)


class Explainer:
    """Builds the assessments of one ruleset. Safe to share between threads.

    A differential entry depends only on its diagnosis, the rules about it that fired, the values of the
    findings those rules read, and the red flag (if any) that ranked it first; an evidence item only on
    its rule, whether it counted (or what superseded it) and the findings it reads; a red flag item only
    on its rule and the findings it reads. All three are immutable, so those built recently are kept (at
    most ``cache_size`` of each kind, forgotten all at once when full) and reused by later cases with the
    same key: most entries of a case are the same as in some earlier case, even when no two cases are,
    and a new entry is mostly made of evidence items seen before.
    The result is the same either way (tests check).
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
        self._diagnoses = {d.id: (d, _pretest(d), _codes(d)) for d in ruleset.diagnoses}
        self.index = RuleIndex.of(ruleset)
        self._summariser = Summariser(scorer, self.index, ruleset_stamp)
        self._cache_size = cache_size
        self._entries: dict[PartKey, DifferentialEntry] = {}
        self._items: dict[PartKey, EvidenceItem] = {}
        self._flag_items: dict[PartKey, RedFlagItem] = {}

    def build(
        self,
        fact: Mapping[str, object],
        fired: frozenset[str],
        case_id: str | None = None,
        *,
        ask_next: bool = True,
    ) -> Assessment:
        """The assessment of one case from the rules that fired on its fact; ask-next only when asked for."""
        now = self._scorer.standing(fired)
        differential = tuple(self._entry(diagnosis, fact, now) for diagnosis in now.ranking)
        red_flags = tuple(
            self._red_flag(rule, flag, fact) for rule, flag in self.index.flags if rule.id in fired
        )
        ruleset_stamp, engine_stamp = self._stamps
        return Assessment(
            id=case_id,
            triage=now.triage,
            red_flags=red_flags,
            differential=differential,
            ask_next=self._planner.suggest(fact, now) if ask_next else NOT_COMPUTED,
            warnings=self.index.warnings_of(fact, fired),
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
        now = self._scorer.standing(fired)
        suggested = self._planner.suggest(fact, now) if ask_next else None
        return self._summariser.summarise(fact, now, case_id, suggested)

    def _key(self, rule: Rule, fact: Mapping[str, object]) -> PartKey:
        """The rule and the values (with their types: 45 and 45.0 print differently) of the findings it
        reads."""
        return (rule.id, *[(type(value), value) for value in map(fact.get, self.index.reads[rule.id])])

    def _remember(self, cache: dict[PartKey, _Part], key: PartKey, part: _Part) -> _Part:
        if len(cache) >= self._cache_size:
            cache.clear()
        cache[key] = part
        return part

    def _entry(self, diagnosis: str, fact: Mapping[str, object], now: Standing) -> DifferentialEntry:
        rules = [rule for rule in self.index.weighing[diagnosis] if rule.id in now.fired]
        first_by = now.first_by.get(diagnosis)
        keys = [self._key(rule, fact) for rule in rules]
        key = (diagnosis, first_by, *keys)
        entry = self._entries.get(key)
        if entry is None:
            counted = now.weighed[diagnosis]
            items = [
                (rule, self._evidence(rule, rule_key, fact, counted))
                for rule, rule_key in zip(rules, keys, strict=True)
            ]
            described, pretest, codes = self._diagnoses[diagnosis]
            built = DifferentialEntry(
                condition=diagnosis,
                name=described.name,
                probability=round(counted.probability, DECIMALS),
                pretest=pretest,
                ranked_first_by=first_by,
                supporting=tuple(item for rule, item in items if supports(rule)),
                refuting=tuple(item for rule, item in items if not supports(rule)),
                codes=codes,
            )
            entry = self._remember(self._entries, key, built)
        return entry

    def _evidence(
        self, rule: Rule, rule_key: PartKey, fact: Mapping[str, object], counted: Counted
    ) -> EvidenceItem:
        """A new entry is mostly made of evidence items seen before: they are kept as well."""
        status = (
            rule.id in counted.counted,
            counted.baseline_rule == rule.id,
            counted.superseded_by.get(rule.id),
        )
        key = (*status, rule_key)
        item = self._items.get(key)
        if item is None:
            item = self._remember(self._items, key, _evidence_item(rule, fact, counted, self._scorer))
        return item

    def _red_flag(self, rule: Rule, conclusion: RedFlag, fact: Mapping[str, object]) -> RedFlagItem:
        key = self._key(rule, fact)
        item = self._flag_items.get(key)
        if item is None:
            item = self._remember(self._flag_items, key, _red_flag_item(rule, conclusion, fact))
        return item


def _red_flag_item(rule: Rule, conclusion: RedFlag, fact: Mapping[str, object]) -> RedFlagItem:
    return RedFlagItem(
        **_basis(rule, fact),
        red_flag=conclusion.red_flag,
        triage=conclusion.triage,
        condition=conclusion.diagnosis,
        recommendation=conclusion.recommendation,
    )
