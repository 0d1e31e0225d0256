"""The engine as integrators use it: dicts or models in, assessments out, deterministic and thread-safe."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

import cdss
from cdss.case.findings import Case
from cdss.engine.engine import Engine
from cdss.errors import CaseError, EvaluationError

STENOSIS: dict[str, Any] = {
    "id": "case-0042",
    "age": 71,
    "sex": "female",
    "findings": {
        "pain_distribution": "bilateral",
        "neurogenic_claudication": True,
        "relief_sitting": True,
        "relief_leaning_forward": True,
        "slr": "negative",
    },
    "expected": "spinal_stenosis",
}


def test_the_case_format_example_is_assessed_as_stenosis(engine: Engine) -> None:
    assessment = engine.evaluate(STENOSIS)
    assert assessment.id == "case-0042"
    assert assessment.triage == "routine"
    first = assessment.differential[0]
    assert first.condition == "spinal_stenosis"
    assert assessment.setting == "primary_care"
    assert {item.rule for item in first.supporting} >= {"LSS-001", "LSS-003", "LSS-007", "LSS-009"}
    disc = next(e for e in assessment.differential if e.condition == "disc_herniation")
    assert "LDH-002" in {item.rule for item in disc.refuting}
    assert sum(entry.probability for entry in assessment.differential) == pytest.approx(1.0, abs=1e-3)
    assert assessment.ruleset.name == "lumbar-radicular-pain"
    assert len(assessment.ruleset.sha256) == 64
    assert assessment.engine.durable_rules == "2.0.28"


def test_every_line_of_the_basis_names_rule_findings_weight_and_source(engine: Engine) -> None:
    assessment = engine.evaluate(STENOSIS)
    stenosis = assessment.differential[0]
    item = next(i for i in stenosis.supporting if i.rule == "LSS-007")
    assert item.findings == {"relief_leaning_forward": True}
    assert item.kind == "frequency"
    assert item.frequency == 0.52
    assert "52% in Lumbar spinal stenosis" in item.reported
    assert item.applied_ratio > 1
    assert item.counted
    assert item.source.startswith("Suri P")
    assert item.strength == "C"
    sitting = next(i for i in stenosis.supporting if i.rule == "LSS-003")
    assert sitting.findings == {"relief_sitting": True}


def test_the_model_and_the_dict_give_the_same_assessment(engine: Engine) -> None:
    assert engine.evaluate(Case.model_validate(STENOSIS)) == engine.evaluate(STENOSIS)


def test_the_json_result_is_identical_byte_for_byte_across_engines(ruleset: Any) -> None:
    with Engine(ruleset, cache_size=0) as first, Engine(cache_size=0) as second:
        one = json.dumps(first.evaluate(STENOSIS).model_dump(mode="json"))
        two = json.dumps(second.evaluate(STENOSIS).model_dump(mode="json"))
    assert one == two


def test_the_cache_returns_what_evaluation_would(ruleset: Any) -> None:
    other = {**STENOSIS, "id": "another"}
    with Engine(ruleset, cache_size=0) as plain, Engine(ruleset, cache_size=8) as cached:
        assert cached.evaluate(STENOSIS) == plain.evaluate(STENOSIS)
        assert cached.evaluate(other) == plain.evaluate(other)
        assert cached.evaluate(other).id == "another"


def test_invalid_input_is_a_case_error_not_a_negative_finding(engine: Engine) -> None:
    with pytest.raises(CaseError, match=r"case x: findings.fever: must be true or false"):
        engine.evaluate({"id": "x", "findings": {"fever": "no"}})


def test_not_examined_differs_from_negative(engine: Engine) -> None:
    unexamined = engine.evaluate({"id": "a", "findings": {}})
    negative = engine.evaluate({"id": "b", "findings": {"slr": "negative"}})
    assert "LDH-002" not in unexamined.fired_rules
    assert "LDH-002" in negative.fired_rules
    assert isinstance(unexamined.ask_next, tuple)
    asked = {item.finding for item in unexamined.ask_next}
    assert asked, "an empty examination should suggest what to examine"


def test_ask_next_lists_the_findings_that_would_change_the_answer(engine: Engine) -> None:
    assessment = engine.evaluate(STENOSIS)
    assert isinstance(assessment.ask_next, tuple)
    assert assessment.ask_next, "red-flag findings not asked about should be suggested"
    first = assessment.ask_next[0]
    assert first.finding == "saddle_anaesthesia"  # the cauda equina screen first
    assert first.triage_change > 0
    assert any(outcome.triage == "emergency" for outcome in first.outcomes)
    examined = set(STENOSIS["findings"]) | {"age", "sex"}
    assert not {item.finding for item in assessment.ask_next} & examined


def test_contradictory_findings_are_warned_about(engine: Engine) -> None:
    case = {"id": "w", "findings": {"pain_distribution": "unilateral", "bilateral_sciatica": True}}
    assessment = engine.evaluate(case)
    assert [w.rule for w in assessment.warnings] == ["CON-001"]
    assert assessment.warnings[0].findings == {"pain_distribution": "unilateral", "bilateral_sciatica": True}


def test_many_threads_get_the_answers_one_thread_gets(ruleset: Any) -> None:
    cases = [
        {
            **STENOSIS,
            "id": f"t{i}",
            "age": 20 + i % 80,
            "findings": {**STENOSIS["findings"], "fever": i % 5 == 0},
        }
        for i in range(300)
    ]
    with Engine(ruleset, cache_size=0) as shared:
        alone = [shared.evaluate(case) for case in cases]
        with ThreadPoolExecutor(max_workers=8) as pool:
            together = list(pool.map(shared.evaluate, cases))
    assert together == alone


def test_far_more_than_1024_evaluations_in_one_process(ruleset: Any) -> None:
    with Engine(ruleset, cache_size=0) as engine:
        triages = {
            engine.evaluate({"id": str(i), "age": i % 121, "findings": {"fever": i % 2 == 0}}).triage
            for i in range(2500)
        }
    assert triages == {"routine", "urgent"}


@pytest.mark.parametrize("cache_size", [0, 8])
def test_a_closed_engine_refuses_work_with_a_usage_error(ruleset: Any, cache_size: int) -> None:
    engine = Engine(ruleset, cache_size=cache_size)
    engine.evaluate(STENOSIS)
    engine.close()
    with pytest.raises(cdss.EngineClosedError, match="closed"):
        engine.evaluate(STENOSIS)
    with pytest.raises(cdss.EngineClosedError, match="closed"):
        engine.summarise(STENOSIS)
    assert not issubclass(cdss.EngineClosedError, EvaluationError)  # a mistake of the caller, not a defect
    with Engine(ruleset) as managed:
        managed.evaluate(STENOSIS)
    with pytest.raises(cdss.EngineClosedError):
        managed.evaluate(STENOSIS)


def test_an_engine_loads_a_ruleset_from_a_path(ruleset_copy: Path) -> None:
    with Engine(ruleset_copy) as engine:
        assert engine.evaluate(STENOSIS).differential[0].condition == "spinal_stenosis"


def test_the_package_exports_a_small_api() -> None:
    assert cdss.evaluate(STENOSIS).differential[0].condition == "spinal_stenosis"
    assert cdss.bundled_engine() is cdss.bundled_engine()
    assert set(cdss.__all__) == {
        "Assessment",
        "Case",
        "CaseError",
        "CdssError",
        "Engine",
        "EngineClosedError",
        "EvaluationError",
        "FhirError",
        "Findings",
        "RulesetError",
        "RulesetMismatchError",
        "Summary",
        "bundled_engine",
        "evaluate",
        "load_ruleset",
    }


def test_the_assessment_schema_is_generated_from_the_model() -> None:
    schema = cdss.Assessment.model_json_schema()
    assert {"triage", "red_flags", "differential", "ask_next", "ruleset"} <= set(schema["properties"])
