"""Compiling a loaded ruleset into durable_rules, as every engine does, with a :class:`RulesetError` that
names the rule (file, line) and what to change when the C core refuses it.

Loading checks everything the rule language can (:mod:`cdss.rules.loading`); the C core has limits of its
own. The one a rule author meets is error 113: a test holds at most 32 expressions, so an ``any`` of
about 14 ``all`` groups of two findings is refused (13 load; a flat ``any`` of 199 findings loads). Only
compiling finds it, so ``cdss rules check`` compiles too.
"""

from __future__ import annotations

from cdss.engine.matching import Matcher, refused
from cdss.errors import EvaluationError, RulesetError, RulesetProblem
from cdss.rules.model import Rule, Ruleset

_TOO_MANY_EXPRESSIONS = "error code: 113"
_SPLIT = (
    "durable_rules cannot compile this condition (error 113: more than 32 expressions in one test, about "
    "13 `all` groups of two findings under one `any`, intermediate conclusions written out); split the "
    "`any` over several rules with the same conclusion (evidence rules in one group, so that it counts once)"
)


def _problem(rule: Rule, error: str) -> RulesetProblem:
    if _TOO_MANY_EXPRESSIONS in error:
        problem = _SPLIT
    else:
        problem = f"durable_rules cannot compile this condition ({error}); simplify it or split the rule"
    return RulesetProblem(file=rule.file, problem=problem, rule=rule.id, field="when", line=rule.line)


def compile_ruleset(ruleset: Ruleset) -> Matcher:
    """The ruleset's rules compiled in durable_rules. Close the matcher when done.

    Raises :class:`RulesetError` listing every rule the C core refuses, or naming the ruleset when only
    the whole is refused.
    """
    rules = [(rule.id, rule.matches) for rule in ruleset.rules]
    try:
        return Matcher(rules)
    except EvaluationError as error:
        problems = [_problem(ruleset.rule_by_id[rule_id], message) for rule_id, message in refused(rules)]
        whole = RulesetProblem(
            file=ruleset.location, problem=f"durable_rules cannot compile the ruleset: {error}"
        )
        raise RulesetError(problems or [whole]) from None
