"""The bundled examples are valid cases, and the ruleset covers every finding of the case format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cdss.case.investigations import Investigations
from cdss.case.validate import validate_case
from cdss.engine.engine import Engine
from cdss.rules.attributes import ATTRIBUTES
from cdss.rules.evaluation import compares
from cdss.rules.model import Ruleset

EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "examples").rglob("*.json"))


def test_there_are_at_least_three_examples_per_condition() -> None:
    folders = {path.parent.name for path in EXAMPLES}
    assert folders >= {
        "disc_herniation",
        "spinal_stenosis",
        "piriformis_syndrome",
        "spondylolisthesis",
        "cauda_equina",
        "mimics",
    }
    for folder in folders:
        assert sum(path.parent.name == folder for path in EXAMPLES) >= 3


@pytest.mark.parametrize("path", EXAMPLES, ids=[path.stem for path in EXAMPLES])
def test_each_example_is_valid_and_assessed(engine: Engine, path: Path) -> None:
    case = validate_case(json.loads(path.read_text()), label=str(path))
    assessment = engine.evaluate(case)
    assert assessment.id == path.stem
    if case.expected == "cauda_equina":
        assert assessment.triage == "emergency"
        assert assessment.differential[0].condition == "cauda_equina"


def test_every_finding_of_the_case_format_is_used_by_a_rule(ruleset: Ruleset) -> None:
    used = {compare.attribute for rule in ruleset.rules for compare in compares(rule.matches)}
    assert set(ATTRIBUTES) - used == set()


def test_a_weight_that_rests_on_an_assumption_is_graded_c_or_weaker(ruleset: Ruleset) -> None:
    for rule in ruleset.rules:
        derivation = getattr(rule.then, "derivation", "")
        if "[A]" in derivation:
            assert rule.strength in {"C", "D"}, rule.id
        for other in getattr(rule.then, "absent_of", ()):
            assert rule.strength == ruleset.rule_by_id[other].strength, rule.id  # the same evidence


def test_every_diagnosis_has_a_verified_code_and_a_prior_with_its_basis(ruleset: Ruleset) -> None:
    for diagnosis in ruleset.diagnoses:
        assert diagnosis.icd10cm, diagnosis.id
        for setting in ruleset.case_mix.settings.values():
            assert setting.priors[diagnosis.id].basis, diagnosis.id


def test_at_least_three_examples_per_condition_carry_investigations() -> None:
    investigations = set(Investigations.model_fields)
    for folder in {path.parent.name for path in EXAMPLES}:
        with_tests = [
            path
            for path in EXAMPLES
            if path.parent.name == folder and investigations & set(json.loads(path.read_text())["findings"])
        ]
        assert len(with_tests) >= 3, folder


@pytest.mark.parametrize("path", EXAMPLES, ids=[path.stem for path in EXAMPLES])
def test_each_example_shows_its_condition_first_three_or_not_to_be_missed(engine: Engine, path: Path) -> None:
    data = json.loads(path.read_text())
    assessment = engine.evaluate(data)
    shown = [entry.condition for entry in assessment.differential[:3]]
    shown += [serious.condition for serious in assessment.not_to_be_missed]
    assert data["expected"] in shown, shown
