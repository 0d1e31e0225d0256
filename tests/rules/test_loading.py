"""Rulesets are checked at load: every problem is named with its file, rule, field and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from cdss.errors import RulesetError
from cdss.rules.conditions import AllOf, AnyOf, Compare, Concluded
from cdss.rules.loading import load_ruleset
from cdss.rules.model import ImagingAdvice, Ruleset

RULE = """topic: Test
rules:
  - id: TST-001
    statement: A test rule.
    when:
{when}
    then:
{then}
    source: Someone, 2020, A Journal
    strength: {strength}
    version: 1
"""
EVIDENCE = (
    "      frequency:\n        disc_herniation: 0.9\n      otherwise: 0.3\n"
    "      derivation: Made up for a test."
)


def _write_rule(
    directory: Path, when: str, then: str = EVIDENCE, strength: str = "A", name: str = "test"
) -> None:
    (directory / "rules" / f"{name}.yaml").write_text(RULE.format(when=when, then=then, strength=strength))


def _problems(directory: Path) -> list[str]:
    with pytest.raises(RulesetError) as caught:
        load_ruleset(directory)
    return [str(problem) for problem in caught.value.problems]


def test_the_bundled_ruleset_loads(ruleset: Ruleset) -> None:
    assert ruleset.info.name == "lumbar-radicular-pain"
    assert len(ruleset.rules) >= 80
    assert len(ruleset.sha256) == 64


def test_the_content_hash_changes_with_any_edit(ruleset_copy: Path) -> None:
    before = load_ruleset(ruleset_copy).sha256
    path = ruleset_copy / "rules" / "mimics.yaml"
    path.write_text(path.read_text() + "\n# reviewed\n")
    assert load_ruleset(ruleset_copy).sha256 != before


def test_a_misspelled_finding_is_named_with_a_suggestion_and_line(ruleset_copy: Path) -> None:
    _write_rule(ruleset_copy, "      slrr: positive")
    assert _problems(ruleset_copy) == [
        "rules/test.yaml:6: rule TST-001: when.slrr: unknown finding 'slrr'; did you mean 'slr'?"
    ]


def test_a_value_of_the_wrong_type_is_an_error(ruleset_copy: Path) -> None:
    _write_rule(ruleset_copy, "      fever: 'yes'")
    assert _problems(ruleset_copy) == [
        "rules/test.yaml:6: rule TST-001: when.fever: 'fever' is yes/no: use true or false, not 'yes'"
    ]


def test_a_number_compared_with_a_string_is_an_error(ruleset_copy: Path) -> None:
    _write_rule(ruleset_copy, "      age: {above: old}")
    assert _problems(ruleset_copy) == [
        "rules/test.yaml:6: rule TST-001: when.age.above: 'age' is a number; got 'old'"
    ]


def test_a_comparison_on_a_yes_no_finding_is_an_error(ruleset_copy: Path) -> None:
    _write_rule(ruleset_copy, "      fever: {above: 1}")
    assert _problems(ruleset_copy) == [
        "rules/test.yaml:6: rule TST-001: when.fever.above: 'above' compares numbers, "
        "but 'fever' is not a number"
    ]


def test_a_value_outside_the_choices_is_an_error_with_a_suggestion(ruleset_copy: Path) -> None:
    _write_rule(ruleset_copy, "      any:\n        - slr: positive\n        - pain_distribution: bilaterl")
    assert _problems(ruleset_copy) == [
        "rules/test.yaml:8: rule TST-001: when.any.1.pain_distribution: 'pain_distribution' takes one of "
        "unilateral, bilateral, alternating; got 'bilaterl'; did you mean 'bilateral'?"
    ]


def test_a_duplicate_id_names_both_files(ruleset_copy: Path) -> None:
    _write_rule(ruleset_copy, "      slr: positive", name="a_first")
    _write_rule(ruleset_copy, "      slr: negative", name="z_second")
    assert _problems(ruleset_copy) == [
        "rules/z_second.yaml:3: rule TST-001: id: duplicate rule id (first defined in rules/a_first.yaml)"
    ]


def test_an_unknown_diagnosis_is_an_error(ruleset_copy: Path) -> None:
    _write_rule(
        ruleset_copy,
        "      slr: positive",
        then=EVIDENCE.replace("disc_herniation", "disc_hernation"),
    )
    assert _problems(ruleset_copy) == [
        "rules/test.yaml:3: rule TST-001: then.frequency: unknown diagnosis 'disc_hernation'; "
        "did you mean 'disc_herniation'?"
    ]


def test_an_undefined_intermediate_conclusion_is_an_error(ruleset_copy: Path) -> None:
    _write_rule(ruleset_copy, "      concluded: motor_defict")
    assert _problems(ruleset_copy) == [
        "rules/test.yaml:3: rule TST-001: when.concluded: no rule concludes 'motor_defict'; "
        "did you mean 'motor_deficit'?"
    ]


def test_intermediate_conclusions_in_a_cycle_are_an_error(ruleset_copy: Path) -> None:
    _write_rule(ruleset_copy, "      concluded: loop_b", then="      concludes: loop_a", name="a")
    text = (ruleset_copy / "rules" / "a.yaml").read_text()
    (ruleset_copy / "rules" / "b.yaml").write_text(
        text.replace("TST-001", "TST-002")
        .replace("loop_b", "loop_x")
        .replace("loop_a", "loop_b")
        .replace("loop_x", "loop_a")
    )
    problems = _problems(ruleset_copy)
    assert len(problems) == 1
    assert (
        problems[0]
        == "rules/b.yaml:3: rule TST-002: intermediate conclusions form a cycle: loop_b -> loop_a -> loop_b"
    )


def test_a_missing_conclusion_kind_is_an_error(ruleset_copy: Path) -> None:
    _write_rule(ruleset_copy, "      slr: positive", then="      diagnosis: disc_herniation")
    assert _problems(ruleset_copy) == [
        "rules/test.yaml:7: rule TST-001: then: a conclusion needs one of: frequency (frequencies in each "
        "cause), absent_of (complement), ratio (likelihood ratios), red_flag, concludes (intermediate), "
        "warning (inconsistency) or imaging; "
        "got {'diagnosis': 'disc_herniation'}"
    ]


def test_an_imaging_conclusion_is_read_and_checked(ruleset_copy: Path) -> None:
    _write_rule(
        ruleset_copy,
        "      fever: true",
        then="      imaging: now\n      modality: MRI\n      recommendation: r",
    )
    rule = load_ruleset(ruleset_copy).rule_by_id["TST-001"]
    assert rule.then == ImagingAdvice(imaging="now", modality="MRI", recommendation="r")
    _write_rule(ruleset_copy, "      fever: true", then="      imaging: soon\n      recommendation: r")
    assert _problems(ruleset_copy) == [
        "rules/test.yaml:8: rule TST-001: then.imaging: input should be 'now', 'if_candidate', 'after_trial' "
        "or 'not_now'; got 'soon'"
    ]


def test_an_unknown_key_in_a_conclusion_is_an_error_with_a_suggestion(ruleset_copy: Path) -> None:
    _write_rule(ruleset_copy, "      slr: positive", then=EVIDENCE + "\n      gruop: slr")
    assert _problems(ruleset_copy) == [
        "rules/test.yaml:12: rule TST-001: then.gruop: unknown key; did you mean 'group'?"
    ]


def test_a_wrong_strength_and_a_bad_ratio_are_both_reported(ruleset_copy: Path) -> None:
    _write_rule(
        ruleset_copy,
        "      slr: positive",
        then="      ratio:\n        disc_herniation: -1\n      derivation: Made up for a test.",
        strength="E",
    )
    assert _problems(ruleset_copy) == [
        "rules/test.yaml:9: rule TST-001: then.ratio.disc_herniation: input should be greater than 0; got -1",
        "rules/test.yaml:12: rule TST-001: strength: input should be 'A', 'B', 'C', 'D', 'guideline' or "
        "'consensus'; got 'E'",
    ]


def test_invalid_yaml_names_the_line(ruleset_copy: Path) -> None:
    (ruleset_copy / "rules" / "broken.yaml").write_text("topic: x\nrules:\n  - id: [unclosed\n")
    problems = _problems(ruleset_copy)
    assert problems[0].startswith("rules/broken.yaml:4: invalid YAML:")


def test_a_complement_must_name_rules_with_frequencies_that_leave_room(ruleset_copy: Path) -> None:
    _write_rule(ruleset_copy, "      slr: negative", then="      absent_of: [TUM-002]", name="a")
    _write_rule(ruleset_copy, "      slr: negative", then="      absent_of: [LDH-001, LDH-005]", name="b")
    text = (ruleset_copy / "rules" / "b.yaml").read_text()
    (ruleset_copy / "rules" / "b.yaml").write_text(text.replace("TST-001", "TST-002"))
    assert _problems(ruleset_copy) == [
        "rules/a.yaml:3: rule TST-001: then.absent_of: TUM-002 is not a rule with frequencies",
        "rules/b.yaml:3: rule TST-002: then.absent_of: the frequencies it complements sum to 1.75 in "
        "cauda_equina",
    ]


def test_priors_must_sum_to_one_and_age_bands_must_tile_the_ages(ruleset_copy: Path) -> None:
    path = ruleset_copy / "case_mix.yaml"
    text = (
        path.read_text().replace("value: 0.40\n", "value: 0.45\n", 1).replace("from_age: 60", "from_age: 61")
    )
    path.write_text(text)
    assert _problems(ruleset_copy) == [
        "case_mix.yaml: settings.primary_care.priors: the priors sum to 1.050000, not 1",
        "case_mix.yaml: age_bands.from_60_to_70: starts at 61, expected 60",
    ]


def test_a_missing_directory_or_file_is_an_error(tmp_path: Path, ruleset_copy: Path) -> None:
    assert _problems(tmp_path / "nowhere") == [f"{tmp_path / 'nowhere'}: no such ruleset directory"]
    (ruleset_copy / "diagnoses.yaml").unlink()
    assert "diagnoses.yaml: cannot read: No such file or directory" in _problems(ruleset_copy)


def test_the_case_mix_file_is_checked_with_lines(ruleset_copy: Path) -> None:
    path = ruleset_copy / "case_mix.yaml"
    text = path.read_text()
    line = text[: text.index("value: 0.40\n")].count("\n") + 1
    path.write_text(text.replace("value: 0.40\n", "value: 1.5\n", 1))
    assert _problems(ruleset_copy) == [
        f"case_mix.yaml:{line}: settings.primary_care.priors.disc_herniation.value: input should be less "
        "than 1; got 1.5"
    ]


def test_intermediate_conclusions_are_expanded_for_matching(ruleset: Ruleset) -> None:
    rule = ruleset.rule_by_id["INF-002"]
    assert isinstance(rule.when, AllOf)
    assert Concluded("motor_deficit") in rule.when.parts
    assert isinstance(rule.matches, AllOf)
    assert Compare("fever", "eq", True) in rule.matches.parts
    assert any(isinstance(part, AnyOf) for part in rule.matches.parts)


def test_keys_the_loader_sets_cannot_be_written(ruleset_copy: Path) -> None:
    _write_rule(ruleset_copy, "      slr: positive")
    path = ruleset_copy / "rules" / "test.yaml"
    path.write_text(path.read_text().replace("    version: 1", "    version: 1\n    topic: Sneaky"))
    assert _problems(ruleset_copy) == [
        "rules/test.yaml:15: rule TST-001: topic: unknown key (set by the loader, not written)"
    ]
