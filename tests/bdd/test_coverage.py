"""The build fails unless ``features/`` specifies every rule of the bundled ruleset both ways, in prose.

See tests/bdd/coverage.py for the conventions. The last tests break the specification on purpose (drop
a tag, remove a rule, add a rule) and check that the coverage checks notice.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

import pytest

from cdss.rules.loading import load_ruleset
from cdss.rules.model import Rule
from tests.bdd.coverage import (
    Case,
    Coverage,
    attributes_read,
    differs_in_one_finding,
    given_after_then,
    unreadable_given_lines,
)
from tests.bdd.specification import FEATURES, read_features

RULESET = load_ruleset()
FEATURE_FILES = read_features()
RUNS = tuple(run for feature in FEATURE_FILES for run in feature.runs)
SAMPLE = next((r for r in RULESET.rules if any(r.id in run.tags for run in RUNS)), RULESET.rules[0])
"""A rule the feature files specify, to break the specification of on purpose."""
TOPICS = {
    "cauda_equina.feature",
    "imaging.feature",
    "disc_herniation.feature",
    "mimics.feature",
    "neurology.feature",
    "investigations.feature",
    "other_red_flags.feature",
    "piriformis_syndrome.feature",
    "record_consistency.feature",
    "spinal_stenosis.feature",
    "spondylolisthesis.feature",
}
_CODE = re.compile(r"[_{}\[\]=<>\\]|\b(?:True|False|None|null|true|false)\b")
_PLACEHOLDER = re.compile(r"<[a-z][a-z ()]*>")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_UNIT = re.compile(r"\([^()]+\)")


def _coverage(rules: Sequence[Rule] = RULESET.rules) -> Coverage:
    return Coverage(rules, RUNS)


def _report(problems: list[str]) -> str:
    return f"{len(problems)} problem(s):\n" + "\n".join(problems)


def test_one_feature_file_per_clinical_topic() -> None:
    assert {path.name for path in FEATURES.glob("*.feature")} == TOPICS


def test_scenario_names_are_unique_within_a_feature() -> None:
    # pytest-bdd keys scenarios by name: a second scenario of the same name would silently never run.
    duplicates = [
        f"{feature.path}:{line}: another scenario is already called {name!r}"
        for feature in FEATURE_FILES
        for index, (name, line) in enumerate(feature.scenario_names)
        if name in [earlier for earlier, _ in feature.scenario_names[:index]]
    ]
    assert not duplicates, _report(duplicates)


def test_tags_sit_on_scenarios_only() -> None:
    # The Cucumber JSON that the traceability report reads carries the tags of scenarios only.
    misplaced = [tag for feature in FEATURE_FILES for tag in feature.misplaced_tags]
    assert not misplaced, _report(misplaced)


def test_backgrounds_hold_only_given_lines() -> None:
    problems = [
        f"{where}: a Background holds a {kind} line; only shared Given lines belong there"
        for feature in FEATURE_FILES
        for where, kind in feature.background_kinds
        if kind != "given"
    ]
    assert not problems, _report(problems)


def test_every_tag_names_a_rule() -> None:
    problems = _coverage().unknown_tags()
    assert not problems, _report(problems)


def test_tags_and_then_lines_agree() -> None:
    coverage = _coverage()
    problems = coverage.untagged_claims() + coverage.unclaimed_tags()
    assert not problems, _report(problems)


def test_every_rule_has_a_scenario_where_it_fires() -> None:
    problems = _coverage().without("fires")
    assert not problems, _report(problems)


def test_every_rule_has_a_scenario_where_it_does_not_fire() -> None:
    problems = _coverage().without("does not fire")
    assert not problems, _report(problems)


def test_every_rule_has_a_nearest_miss() -> None:
    problems = _coverage().without_nearest_miss()
    assert not problems, _report(problems)


def test_every_rule_has_a_not_examined_scenario() -> None:
    problems = _coverage().without_not_examined()
    assert not problems, _report(problems)


def test_every_given_line_is_in_the_clinical_vocabulary() -> None:
    problems = unreadable_given_lines(RUNS)
    assert not problems, _report(problems)


def test_scenarios_describe_the_patient_before_checking_the_assessment() -> None:
    problems = given_after_then(RUNS)
    assert not problems, _report(problems)


def test_feature_files_read_as_clinical_prose() -> None:
    problems = [
        f"{where}: {text!r} looks like code"
        for feature in FEATURE_FILES
        for where, text in feature.prose
        if _CODE.search(_PLACEHOLDER.sub("", text))
    ]
    rendered = [
        f"{run.where}: {step.text!r} has an unfilled placeholder"
        for run in RUNS
        for step in run.steps
        if _PLACEHOLDER.search(step.text)
    ]
    assert not problems + rendered, _report(problems + rendered)


def test_numeric_columns_of_examples_carry_their_unit() -> None:
    problems = [
        f"{table.where}: column {header!r} holds numbers, so its header needs a unit, e.g. 'age (years)'"
        for feature in FEATURE_FILES
        for table in feature.examples
        for column, header in enumerate(table.header)
        if table.rows
        and all(_NUMBER.fullmatch(row[column]) for row in table.rows)
        and not _UNIT.search(header)
    ]
    assert not problems, _report(problems)


def test_a_removed_tag_is_noticed() -> None:
    untagged = [dataclasses.replace(run, tags=run.tags - {SAMPLE.id}) for run in RUNS]
    coverage = Coverage(RULESET.rules, untagged)
    assert f"{SAMPLE.id}: no scenario where it fires" in coverage.without("fires")
    assert f"{SAMPLE.id}: no scenario where it does not fire" in coverage.without("does not fire")


def test_a_removed_rule_leaves_tags_that_name_no_rule() -> None:
    coverage = _coverage([rule for rule in RULESET.rules if rule.id != SAMPLE.id])
    assert any(f"@{SAMPLE.id} names no rule" in problem for problem in coverage.unknown_tags())


def test_a_new_rule_without_scenarios_is_noticed() -> None:
    new_rule = SAMPLE.model_copy(update={"id": "NEW-999"})
    tested = ", ".join(sorted(attributes_read(new_rule)))
    gaps = _coverage([*RULESET.rules, new_rule]).all_gaps()
    assert [gap for gap in gaps if gap.startswith("NEW-999")] == [
        "NEW-999: no scenario where it fires",
        "NEW-999: no scenario where it does not fire",
        "NEW-999: no pair of scenarios, one where it fires and one where it does not, whose patients differ "
        "in a single finding",
        f"NEW-999: no scenario where it does not fire because one of {tested} was not examined",
    ]


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ({"age": 71, "slr": "negative"}, {"age": 70, "slr": "negative"}, True),
        ({"age": 71, "slr": "negative"}, {"age": 71}, True),
        ({"age": 71, "slr": None}, {"age": 71}, False),
        ({"age": 71, "slr": "negative"}, {"age": 70}, False),
    ],
)
def test_nearest_miss_means_one_finding_changed(first: Case, second: Case, expected: bool) -> None:
    assert differs_in_one_finding(first, second) is expected
