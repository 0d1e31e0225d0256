"""Whether ``features/`` specifies every rule both ways: the checks behind ``tests/bdd/test_coverage.py``.

A scenario specifies a rule when it is tagged with the rule's id and says, in a Then line, "rule X is
part of the basis" (it fired) or "rule X is not part of the basis" (it did not). For every rule there
must be

- a scenario where it fires and one where it does not;
- a nearest miss: a scenario where it fires and one where it does not whose patients differ in exactly
  one finding (or in age or sex);
- a "not examined" scenario: one where it does not fire and a finding it tests was explicitly left
  unexamined.

Each check returns the problems it found, worded for the person who has to fix the feature files.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from itertools import product

from cdss.errors import did_you_mean
from cdss.reports.specs import RULE_TAG, Direction, basis_claims
from cdss.rules.evaluation import compares
from cdss.rules.model import Rule
from tests.bdd.specification import ScenarioRun
from tests.bdd.vocabulary import UnknownNoteError, Value, translate

Case = Mapping[str, Value]


def case_of(run: ScenarioRun) -> dict[str, Value]:
    """The attributes the Given lines record, in order; ``None`` for what was explicitly not examined."""
    case: dict[str, Value] = {}
    for text in run.texts("given"):
        case.update(translate(text))
    return case


def differs_in_one_finding(first: Case, second: Case) -> bool:
    """Whether two patients differ in exactly one attribute; not examined and not mentioned are the same."""
    names = {name for name, value in [*first.items(), *second.items()] if value is not None}
    return sum(1 for name in names if first.get(name) != second.get(name)) == 1


def attributes_read(rule: Rule) -> frozenset[str]:
    """The findings (and age or sex) a rule's condition reads, intermediate conclusions expanded."""
    return frozenset(compare.attribute for compare in compares(rule.matches))


class Coverage:
    """The scenarios of ``features/`` held against the rules of a ruleset."""

    def __init__(self, rules: Sequence[Rule], runs: Sequence[ScenarioRun]) -> None:
        self.rules = {rule.id: rule for rule in rules}
        self.runs = tuple(runs)
        self._claims = {run: basis_claims(run.texts("then")) for run in self.runs}
        self._cases = {run: case_of(run) for run in self.runs}

    def claims(self, run: ScenarioRun) -> Mapping[str, Direction]:
        return self._claims[run]

    def specifying(self, rule_id: str, direction: Direction) -> list[ScenarioRun]:
        """Runs tagged with the rule that say it fires (or does not)."""
        return [
            run for run in self.runs if rule_id in run.tags and self._claims[run].get(rule_id) == direction
        ]

    def unknown_tags(self) -> list[str]:
        return [
            f"{run.where}: @{tag} names no rule{did_you_mean(tag, self.rules)}"
            for run in self.runs
            for tag in sorted(run.tags)
            if tag not in self.rules
        ]

    def untagged_claims(self) -> list[str]:
        return [
            f"{run.where}: a Then line is about rule {rule_id}, but the scenario is not tagged @{rule_id}"
            for run in self.runs
            for rule_id in sorted(self._claims[run])
            if rule_id not in run.tags
        ]

    def unclaimed_tags(self) -> list[str]:
        claimed: dict[tuple[str, int], set[str]] = {}
        for run in self.runs:
            claimed.setdefault((run.feature, run.scenario_line), set()).update(self._claims[run])
        return sorted(
            {
                f"{run.feature}:{run.scenario_line}: tagged @{tag}, but no Then line says whether rule {tag} "
                "is part of the basis"
                for run in self.runs
                for tag in run.tags
                if RULE_TAG.fullmatch(tag) and tag not in claimed[(run.feature, run.scenario_line)]
            }
        )

    def without(self, direction: Direction) -> list[str]:
        return [
            f"{rule_id}: no scenario where it {direction}"
            for rule_id in self.rules
            if not self.specifying(rule_id, direction)
        ]

    def without_nearest_miss(self) -> list[str]:
        missing = []
        for rule_id in self.rules:
            pairs = product(self.specifying(rule_id, "fires"), self.specifying(rule_id, "does not fire"))
            if not any(differs_in_one_finding(self._cases[f], self._cases[n]) for f, n in pairs):
                missing.append(
                    f"{rule_id}: no pair of scenarios, one where it fires and one where it does not, "
                    "whose patients differ in a single finding"
                )
        return missing

    def without_not_examined(self) -> list[str]:
        missing = []
        for rule_id, rule in self.rules.items():
            tested = attributes_read(rule)
            runs = self.specifying(rule_id, "does not fire")
            if not any(
                name in tested and value is None for run in runs for name, value in self._cases[run].items()
            ):
                names = ", ".join(sorted(tested))
                missing.append(
                    f"{rule_id}: no scenario where it does not fire because one of {names} was not examined"
                )
        return missing

    def all_gaps(self) -> list[str]:
        return [
            *self.without("fires"),
            *self.without("does not fire"),
            *self.without_nearest_miss(),
            *self.without_not_examined(),
        ]


def unreadable_given_lines(runs: Iterable[ScenarioRun]) -> list[str]:
    """Given lines the clinical vocabulary cannot read, each with a suggestion."""
    problems: dict[str, str] = {}
    for run in runs:
        for step in run.steps:
            if step.kind != "given":
                continue
            try:
                translate(step.text)
            except UnknownNoteError as error:
                problems.setdefault(f"{run.feature}:{step.line}: {error}", "")
    return list(problems)


def given_after_then(runs: Iterable[ScenarioRun]) -> list[str]:
    """Scenarios with a Given line after a Then line (the patient is assessed at the first Then line)."""
    problems = []
    for run in runs:
        kinds = [step.kind for step in run.steps]
        if "then" in kinds and "given" in kinds[kinds.index("then") :]:
            problems.append(f"{run.where}: a Given line comes after a Then line")
        if "then" not in kinds:
            problems.append(f"{run.where}: the scenario has no Then line")
    return problems
