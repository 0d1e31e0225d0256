"""The summary and the validation report: counts, accuracy, red-flag figures and the confusion table."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cdss.batch.inputs import discover
from cdss.batch.lines import CaseRecord, Outcome
from cdss.batch.proportion import Proportion
from cdss.batch.run import BatchOptions, Writer, run
from cdss.batch.summary import Tally, summary_text
from cdss.batch.worker import Worker
from cdss.case.files import read_case_file
from cdss.case.findings import CLASSES, diagnosis_class
from cdss.engine.assessment import RulesetStamp
from cdss.engine.engine import Engine
from cdss.reports.validation import report_markdown
from cdss.rules.model import Ruleset

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
STAMP = RulesetStamp(name="test", version="1", sha256="0" * 64)


def _ok(
    triage: str,
    top: tuple[str, ...],
    expected: str | None,
    *,
    red_flag: bool = False,
    red_flag_expected: bool | None = None,
) -> Outcome:
    return Outcome(0, "x", "x.json", b"", CaseRecord(triage, top, red_flag, expected, red_flag_expected))


def _failed(kind: str) -> Outcome:
    record = CaseRecord(None, (), False, None, error=kind, problem="what went wrong")
    return Outcome(0, None, "bad.json", b"", record)


@pytest.fixture
def tally() -> Tally:
    """Eight lines: six labelled results, one unlabelled result, one error."""
    counted = Tally()
    for outcome in [
        _ok("emergency", ("cauda_equina", "disc_herniation"), "cauda_equina", red_flag=True),  # hit
        _ok("routine", ("disc_herniation", "cauda_equina"), "cauda_equina"),  # CES missed; top-3 hit
        _ok("routine", ("spinal_stenosis", "spondylolisthesis", "disc_herniation"), "spinal_stenosis"),
        _ok(
            "emergency", ("cauda_equina", "spinal_stenosis"), "spinal_stenosis", red_flag=True
        ),  # false alarm
        _ok("urgent", ("spinal_infection", "disc_herniation"), "other", red_flag=True),  # mimic -> other: hit
        _ok("routine", ("piriformis_syndrome", "hip_osteoarthritis", "spinal_stenosis"), "disc_herniation"),
        _ok("routine", ("disc_herniation",), None),
        _failed("unknown_key"),
    ]:
        counted.add(outcome.record, outcome.source)
    return counted


def test_counts_add_up(tally: Tally) -> None:
    summary = tally.summary(STAMP, "secondary_care")
    assert (summary.cases, summary.evaluated, summary.errors) == (8, 7, 1)
    assert summary.errors_by_kind == {"unknown_key": 1}
    assert summary.triage == {"emergency": 2, "urgent": 1, "routine": 4}
    assert summary.top_diagnoses == {
        "disc_herniation": 2,
        "cauda_equina": 2,
        "spinal_stenosis": 1,
        "spinal_infection": 1,
        "piriformis_syndrome": 1,
    }
    assert summary.red_flag_cases == 3
    assert summary.first_errors[0].model_dump() == {"source": "bad.json", "kind": "unknown_key",
                                                    "problem": "what went wrong"}  # fmt: skip


def test_accuracy_compares_the_top_condition_with_the_label(tally: Tally) -> None:
    validation = tally.summary(STAMP, "secondary_care").validation
    assert validation is not None
    assert validation.labelled == 6
    assert (validation.top1.count, validation.top1.total) == (3, 6)
    assert (validation.top3.count, validation.top3.total) == (5, 6)  # all but the piriformis-first herniation
    recall = {figures.condition: figures.recall for figures in validation.conditions}
    precision = {figures.condition: figures.precision for figures in validation.conditions}
    assert (recall["cauda_equina"].count, recall["cauda_equina"].total) == (1, 2)
    assert (precision["cauda_equina"].count, precision["cauda_equina"].total) == (1, 2)
    assert (recall["other"].count, recall["other"].total) == (1, 1)
    assert recall["spondylolisthesis"].value is None
    assert validation.confusion["disc_herniation"]["piriformis_syndrome"] == 1
    stenosis_row = {label: int(label in ("spinal_stenosis", "cauda_equina")) for label in CLASSES}
    assert validation.confusion["spinal_stenosis"] == stenosis_row
    assert sum(sum(row.values()) for row in validation.confusion.values()) == 6


def test_red_flag_figures_use_emergency_triage_against_expected_cauda_equina(tally: Tally) -> None:
    validation = tally.summary(STAMP, "secondary_care").validation
    assert validation is not None
    flags = validation.red_flags
    assert (flags.sensitivity.count, flags.sensitivity.total) == (1, 2)
    assert (flags.specificity.count, flags.specificity.total) == (3, 4)
    assert (flags.any_red_flag["cauda_equina"].count, flags.any_red_flag["not_cauda_equina"].count) == (1, 2)
    assert "emergency" in flags.definition
    assert (flags.sensitivity_flagged.count, flags.sensitivity_flagged.total) == (1, 1)


def test_a_mimic_label_counts_as_other_and_has_its_own_recall() -> None:
    counted = Tally()
    for outcome in [
        _ok("routine", ("vascular_claudication", "spinal_stenosis"), "vascular_claudication"),  # exact hit
        _ok(
            "routine", ("hip_osteoarthritis", "spinal_stenosis"), "vascular_claudication"
        ),  # other, not exact
        _ok("routine", ("spinal_stenosis", "hip_osteoarthritis"), "vascular_claudication"),  # missed
        _ok("routine", ("spinal_stenosis", "vascular_claudication"), "vascular_claudication"),  # top-3 only
        _ok("urgent", ("spinal_tumour",), "spinal_tumour"),
    ]:
        counted.add(outcome.record, outcome.source)
    validation = counted.summary(STAMP, "secondary_care").validation
    assert validation is not None
    other = {figures.condition: figures.recall for figures in validation.conditions}["other"]
    assert (other.count, other.total) == (3, 5)
    assert (validation.top3.count, validation.top3.total) == (5, 5)
    mimics = {m.diagnosis: (m.recall.count, m.top3.count, m.recall.total) for m in validation.mimics}
    assert mimics == {"vascular_claudication": (1, 2, 4), "spinal_tumour": (1, 1, 1)}
    assert [m.diagnosis for m in validation.mimics] == ["vascular_claudication", "spinal_tumour"]
    assert validation.confusion["other"] == {**dict.fromkeys(CLASSES, 0), "other": 3, "spinal_stenosis": 2}


def test_triage_is_compared_with_how_the_source_managed_the_case() -> None:
    counted = Tally()
    for triage, red_flag_expected in [
        ("emergency", True), ("urgent", True), ("routine", True),
        ("emergency", False), ("routine", False), ("routine", False), ("urgent", False),
        ("emergency", None),
    ]:  # fmt: skip
        counted.add(
            _ok(triage, ("disc_herniation",), "disc_herniation", red_flag_expected=red_flag_expected).record,
            "x.json",
        )
    counted.add(
        _ok("emergency", ("cauda_equina",), None, red_flag_expected=True).record, "x.json"
    )  # unlabelled: left out
    validation = counted.summary(STAMP, "secondary_care").validation
    assert validation is not None
    assert validation.source_triage is not None
    source = validation.source_triage
    assert source.labelled == 7
    assert (source.sensitivity.count, source.sensitivity.total) == (2, 3)
    assert (source.false_emergencies.count, source.false_emergencies.total) == (1, 4)
    assert source.table == {
        "emergency_or_urgent": {"emergency": 1, "urgent": 1, "routine": 1},
        "routine": {"emergency": 1, "urgent": 1, "routine": 2},
    }
    report = report_markdown(counted.summary(STAMP, "secondary_care"))
    assert "| emergency or urgent | 1 | 1 | 1 |" in report
    assert "- Red-flag sensitivity: 66.7% (2/3" in report
    assert "- False emergencies among routine cases: 25.0% (1/4" in report


def test_without_red_flag_expected_there_is_no_source_comparison(tally: Tally) -> None:
    validation = tally.summary(STAMP, "secondary_care").validation
    assert validation is not None
    assert validation.source_triage is None
    assert "Triage against the source" not in report_markdown(tally.summary(STAMP, "secondary_care"))


def test_proportions_carry_a_wilson_interval() -> None:
    assert Proportion.of(0, 0).model_dump() == {"count": 0, "total": 0, "value": None, "ci95": None}
    assert Proportion.of(6, 6).ci95 == (0.6097, 1.0)
    half = Proportion.of(5, 10)
    assert half.value == 0.5
    assert half.ci95 == (0.2366, 0.7634)


def test_mimics_count_as_other() -> None:
    conditions = ("spinal_stenosis", "vascular_claudication", "nonspecific_low_back_pain")
    assert [diagnosis_class(condition) for condition in conditions] == ["spinal_stenosis", "other", "other"]


def test_without_labels_there_is_no_validation_and_the_report_says_so() -> None:
    counted = Tally()
    counted.add(_ok("routine", ("disc_herniation",), None).record, "x.json")
    summary = counted.summary(STAMP, "secondary_care")
    assert summary.validation is None
    assert "nothing to compare" in report_markdown(summary)


def test_the_report_shows_every_figure(tally: Tally) -> None:
    report = report_markdown(tally.summary(STAMP, "secondary_care"))
    assert report.startswith("# Validation report")
    assert "| top-1 accuracy | 50.0% (3/6, 95% CI" in report
    assert "| top-3 accuracy | 83.3% (5/6, 95% CI" in report
    assert "- Sensitivity: 50.0% (1/2" in report
    assert "- Specificity: 75.0% (3/4" in report
    assert "| `disc_herniation` | 0 | 0 | 1 | 0 | 0 | 0 |" in report
    assert "triage is emergency" in report


def test_the_summary_text_names_counts_and_first_errors(tally: Tally) -> None:
    text = summary_text(tally.summary(STAMP, "secondary_care"), 2.0)
    assert text.splitlines()[0] == "8 cases: 7 evaluated, 1 errors (2.0 s, 4 cases/s)"
    assert "triage: emergency 2, urgent 1, routine 4" in text
    assert "errors by kind: unknown_key 1" in text
    assert "bad.json: unknown_key: what went wrong" in text


def test_the_examples_summary_matches_the_engine_case_by_case(ruleset: Ruleset, engine: Engine) -> None:
    writer = Writer(io.BytesIO(), "jsonl")
    run(discover([str(EXAMPLES)]), ruleset, BatchOptions(), writer)
    validation = writer.tally.summary(STAMP, "secondary_care").validation
    assert validation is not None
    top1 = top3 = emergencies = 0
    cases = [read_case_file(path) for path in sorted(EXAMPLES.rglob("*.json"))]
    for case in cases:
        assert isinstance(case, dict)
        assessment = engine.evaluate(case)
        labels = [diagnosis_class(entry.condition) for entry in assessment.differential[:3]]
        expected = diagnosis_class(case["expected"])  # a mimic's id counts as other
        top1 += labels[0] == expected
        top3 += expected in labels
        emergencies += assessment.triage == "emergency" and case["expected"] == "cauda_equina"
    assert validation.labelled == len(cases) == 40
    assert (validation.top1.count, validation.top3.count) == (top1, top3)
    assert validation.red_flags.sensitivity.count == emergencies


@pytest.fixture(scope="module")
def example_outcomes(ruleset: Ruleset) -> list[Outcome]:
    """Every bundled example's line, a failed one after every fifth, as a batch worker makes them."""
    worker = Worker(ruleset, "jsonl")
    try:
        outcomes = worker.process(list(discover([str(EXAMPLES)]))).outcomes
    finally:
        worker.close()
    return [item for n, outcome in enumerate(outcomes) for item in (outcome, *[_failed("x")] * (n % 5 == 0))]


@settings(max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_tallies_of_consecutive_parts_merge_into_the_tally_of_the_whole(
    example_outcomes: list[Outcome], data: st.DataObject
) -> None:
    """What a cluster run relies on: partitions tallied apart add up to the run tallied as one."""
    outcomes = data.draw(st.permutations(example_outcomes))
    cuts = sorted(data.draw(st.lists(st.integers(0, len(outcomes)), max_size=4)))
    whole, merged = Tally(), Tally()
    for outcome in outcomes:
        whole.add(outcome.record, outcome.source)
    for start, end in zip([0, *cuts], [*cuts, len(outcomes)], strict=True):
        part = Tally()
        for outcome in outcomes[start:end]:
            part.add(outcome.record, outcome.source)
        merged.merge(part)
    assert merged.summary(STAMP, "secondary_care") == whole.summary(STAMP, "secondary_care")
