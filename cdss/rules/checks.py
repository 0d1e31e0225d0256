"""Cross-checks of a ruleset once every file has been read: references between rules, diagnoses and the
case mix, and the arithmetic of the probability model (priors sum to 1, complements stay within 0-1).

Each check reports through a callback, so that loading can report every problem at once.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import get_args

from cdss.errors import did_you_mean
from cdss.rules import evaluation
from cdss.rules.attributes import ATTRIBUTES
from cdss.rules.case_mix import CaseMix, Question
from cdss.rules.model import (
    Complement,
    Diagnosis,
    Frequencies,
    Intermediate,
    Ratios,
    Rule,
    RulesetInfo,
    Strength,
)

RuleProblem = Callable[[Rule, str | None, str], None]
FileProblem = Callable[[str, str], None]
SUM_TOLERANCE = 1e-6


def check_rules(
    rule_problem: RuleProblem,
    diagnoses: Sequence[Diagnosis],
    rules: Sequence[Rule],
    declared: Collection[str],
) -> None:
    """Ids are unique, every diagnosis and rule a rule names exists, complements add up. ``declared`` holds
    every rule id written, including those of rules that failed their own checks (already reported)."""
    known = {d.id for d in diagnoses}
    first_file: dict[str, str] = {}
    by_id = {rule.id: rule for rule in rules}
    intermediates = {r.then.concludes for r in rules if isinstance(r.then, Intermediate)}
    for rule in rules:
        if rule.id in first_file:
            rule_problem(rule, "id", f"duplicate rule id (first defined in {first_file[rule.id]})")
        first_file.setdefault(rule.id, rule.file)
        for field, diagnosis in _named_diagnoses(rule):
            if diagnosis not in known:
                rule_problem(rule, field, f"unknown diagnosis {diagnosis!r}{did_you_mean(diagnosis, known)}")
        if isinstance(rule.then, Complement):
            problem = _complement_problem(rule.then, by_id, known, declared)
            if problem:
                rule_problem(rule, "then.absent_of", problem)
        for name in evaluation.concluded_names(rule.when):
            if name not in intermediates:
                rule_problem(
                    rule, "when.concluded", f"no rule concludes {name!r}{did_you_mean(name, intermediates)}"
                )


def _named_diagnoses(rule: Rule) -> list[tuple[str, str]]:
    """The diagnoses a rule's conclusion names, each with the field that names it."""
    then = rule.then
    if isinstance(then, Frequencies):
        return [("then.frequency", d) for d in then.frequency]
    if isinstance(then, Ratios):
        return [("then.ratio", d) for d in then.ratio]
    target = getattr(then, "diagnosis", None)
    return [] if target is None else [("then.diagnosis", target)]


def _complement_problem(
    then: Complement, by_id: Mapping[str, Rule], known: set[str], declared: Collection[str]
) -> str | None:
    """What is wrong with a complement: a rule it names is missing or without frequencies, or a sum over 1."""
    referenced = []
    for other in then.absent_of:
        found = by_id.get(other)
        if found is None:
            # a rule written but not loaded has its own problem reported already
            return None if other in declared else f"no rule {other}{did_you_mean(other, by_id)}"
        if not isinstance(found.then, Frequencies):
            return f"{other} is not a rule with frequencies"
        referenced.append(found.then)
    for diagnosis in sorted(known):
        total = sum(f.frequency.get(diagnosis, f.otherwise) for f in referenced)
        if total > 1 + SUM_TOLERANCE:
            return f"the frequencies it complements sum to {total:g} in {diagnosis}"
    return None


def check_case_mix(
    problem: FileProblem, file: str, info: RulesetInfo, diagnoses: Sequence[Diagnosis], case_mix: CaseMix
) -> None:
    """Every setting gives every cause a prior and they sum to 1; age bands tile 0-120 without overlap."""
    known = [d.id for d in diagnoses]
    if case_mix.default_setting not in case_mix.settings:
        problem(file, f"default_setting {case_mix.default_setting!r} is not one of the settings")
    for name, setting in case_mix.settings.items():
        missing = [d for d in known if d not in setting.priors]
        unknown = [d for d in setting.priors if d not in known]
        if missing or unknown:
            problem(file, f"settings.{name}.priors: missing {missing}, unknown {unknown}")
        total = math.fsum(prior.value for prior in setting.priors.values())
        if abs(total - 1) > SUM_TOLERANCE:
            problem(file, f"settings.{name}.priors: the priors sum to {total:.6f}, not 1")
    _check_age_bands(problem, file, known, case_mix)
    for pair in case_mix.coexisting:
        for diagnosis in (pair.primary, pair.over):
            if diagnosis not in known:
                problem(file, f"coexisting: unknown diagnosis {diagnosis!r}")
    missing_strengths = set(get_args(Strength)) - set(info.tempering)
    if missing_strengths:
        problem("ruleset.yaml", f"tempering: no factor for {sorted(missing_strengths)}")


def _check_age_bands(problem: FileProblem, file: str, known: Sequence[str], case_mix: CaseMix) -> None:
    start = 0
    for band in case_mix.age_bands:
        if band.from_age != start:
            problem(file, f"age_bands.{band.id}: starts at {band.from_age}, expected {start}")
        start = band.to_age if band.to_age is not None else 121
        for factor in band.factors:
            if factor.diagnosis not in known:
                problem(file, f"age_bands.{band.id}: unknown diagnosis {factor.diagnosis!r}")
    if start != 121:
        problem(file, "age_bands: the last band must have no upper end")


def check_questions(problem: FileProblem, file: str, questions: Sequence[Question]) -> None:
    seen: set[str] = set()
    for question in questions:
        if question.finding not in ATTRIBUTES:
            problem(file, f"unknown finding {question.finding!r}{did_you_mean(question.finding, ATTRIBUTES)}")
        if question.finding in seen:
            problem(file, f"finding {question.finding!r} has two questions")
        seen.add(question.finding)
