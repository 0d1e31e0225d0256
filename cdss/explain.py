"""Building the assessment of one case: every conclusion with the rules, findings and sources behind it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypedDict

from cdss.ask_next import AskNextPlanner
from cdss.assessment import (
    Assessment,
    Codes,
    DifferentialEntry,
    EngineStamp,
    EvidenceItem,
    FindingValue,
    PretestProbability,
    RedFlagItem,
    RulesetStamp,
    WarningItem,
)
from cdss.conditions import witnesses
from cdss.rules import (
    TRIAGE_ORDER,
    Association,
    Baseline,
    Diagnosis,
    Evidence,
    Inconsistency,
    RedFlag,
    Rule,
    Strength,
)
from cdss.scoring import Counted, Scorer

_DECIMALS = 4


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


def _supports(rule: Rule) -> bool:
    conclusion = rule.then
    if isinstance(conclusion, Evidence):
        return conclusion.likelihood_ratio >= 1
    if isinstance(conclusion, Association):
        return conclusion.direction == "for"
    return True


def _entry(
    diagnosis: Diagnosis,
    rules: list[Rule],
    fact: Mapping[str, object],
    *,
    counted: Counted,
    scorer: Scorer,
    first_by: str | None,
) -> DifferentialEntry:
    items = [(rule, _evidence_item(rule, fact, counted, scorer)) for rule in rules]
    pretest = diagnosis.pretest
    return DifferentialEntry(
        condition=diagnosis.id,
        name=diagnosis.name,
        probability=round(counted.probability, _DECIMALS),
        pretest=PretestProbability(
            value=pretest.value,
            population=pretest.population,
            source=pretest.source,
            strength=pretest.strength,
        ),
        ranked_first_by=first_by,
        supporting=[item for rule, item in items if _supports(rule)],
        refuting=[item for rule, item in items if not _supports(rule)],
        codes=Codes(icd10cm=list(diagnosis.icd10cm), snomed_ct=list(diagnosis.snomed_ct)),
    )


def build(
    fact: Mapping[str, object],
    fired: frozenset[str],
    *,
    scorer: Scorer,
    planner: AskNextPlanner,
    ruleset_stamp: RulesetStamp,
    engine_stamp: EngineStamp,
    case_id: str | None = None,
) -> Assessment:
    """The assessment of one case from the rules that fired on its fact."""
    ruleset = scorer.ruleset
    fired_rules = [rule for rule in ruleset.rules if rule.id in fired]
    by_diagnosis: dict[str, list[Rule]] = {d.id: [] for d in ruleset.diagnoses}
    for rule in fired_rules:
        if isinstance(rule.then, Evidence | Baseline | Association):
            by_diagnosis[rule.then.diagnosis].append(rule)
    now = scorer.standing(fired)
    differential = [
        _entry(
            ruleset.diagnosis_by_id[d],
            by_diagnosis[d],
            fact,
            counted=now.weighed[d],
            scorer=scorer,
            first_by=now.first_by.get(d),
        )
        for d in now.ranking
    ]
    red_flags = sorted(
        (
            RedFlagItem(
                **_basis(rule, fact),
                red_flag=rule.then.red_flag,
                triage=rule.then.triage,
                condition=rule.then.diagnosis,
                recommendation=rule.then.recommendation,
            )
            for rule in fired_rules
            if isinstance(rule.then, RedFlag)
        ),
        key=lambda flag: (-TRIAGE_ORDER[flag.triage], flag.rule),
    )
    warnings = [
        WarningItem(rule=rule.id, message=rule.then.warning, findings=_findings(rule, fact))
        for rule in fired_rules
        if isinstance(rule.then, Inconsistency)
    ]
    return Assessment(
        id=case_id,
        triage=now.triage,
        red_flags=red_flags,
        differential=differential,
        ask_next=planner.suggest(fact, now),
        warnings=warnings,
        fired_rules=sorted(fired),
        ruleset=ruleset_stamp,
        engine=engine_stamp,
    )
