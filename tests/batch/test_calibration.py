"""Calibration of the differential on labelled cases: six-class probabilities, Brier score, reliability."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cdss.batch.calibration import CalibrationTally
from cdss.batch.lines import CaseRecord, Outcome, class_probabilities
from cdss.batch.summary import Tally
from cdss.engine.assessment import RulesetStamp
from cdss.reports.validation import report_markdown

STAMP = RulesetStamp(name="test", version="1", sha256="0" * 64)
# Two cases, by hand. Classes in order: disc, stenosis, piriformis, spondylolisthesis, cauda equina, other.
# A, expected disc_herniation: 0.8, 0.1, 0, 0, 0, 0.1 -> (0.8-1)^2 + 0.1^2 + 0.1^2 = 0.06
# B, expected vascular_claudication (other): stenosis 0.5, other 0.5 -> 0.5^2 + (0.5-1)^2 = 0.5
# Brier (0.06 + 0.5) / 2 = 0.28. Bins: 0.0-0.1 holds the seven zeros (none right); 0.1-0.2 the two 0.1 of A
# (wrong); 0.5-0.6 the two 0.5 of B (one right); 0.8-0.9 the 0.8 of A (right).
A = class_probabilities(
    [
        ("disc_herniation", 0.8),
        ("spinal_stenosis", 0.1),
        ("vascular_claudication", 0.06),
        ("spinal_tumour", 0.04),
    ]
)
B = class_probabilities(
    [("spinal_stenosis", 0.5), ("vascular_claudication", 0.3), ("hip_osteoarthritis", 0.2)]
)


def test_probabilities_are_summed_by_class_with_mimics_as_other() -> None:
    assert A == (8000, 1000, 0, 0, 0, 1000)
    assert B == (0, 5000, 0, 0, 0, 5000)


def test_brier_score_and_reliability_by_hand() -> None:
    counted = CalibrationTally()
    counted.add(A, "disc_herniation")
    counted.add(B, "vascular_claudication")
    figures = counted.figures()
    assert (figures.cases, figures.brier) == (2, 0.28)
    table = {
        band.low: (band.predictions, band.mean_predicted, band.observed)
        for band in figures.reliability
        if band.predictions
    }
    assert table == {0.0: (7, 0.0, 0.0), 0.1: (2, 0.1, 0.0), 0.5: (2, 0.5, 0.5), 0.8: (1, 0.8, 1.0)}
    assert len(figures.reliability) == 10
    assert figures.reliability[-1].high == 1.0


def test_certainty_falls_in_the_last_bin_and_scores_zero_or_two() -> None:
    right, wrong = CalibrationTally(), CalibrationTally()
    right.add((10000, 0, 0, 0, 0, 0), "disc_herniation")
    wrong.add((10000, 0, 0, 0, 0, 0), "spinal_stenosis")
    assert (right.figures().brier, wrong.figures().brier) == (0.0, 2.0)
    assert right.figures().reliability[9].predictions == 1


def test_a_case_without_probabilities_is_left_out() -> None:
    counted = CalibrationTally()
    counted.add((), "disc_herniation")
    figures = counted.figures()
    assert (figures.cases, figures.brier) == (0, None)
    assert all(band.mean_predicted is None for band in figures.reliability)


def _outcome(seq: int, classes: tuple[int, ...], expected: str, triage: str) -> Outcome:
    top = ("disc_herniation", "spinal_stenosis") if classes[0] >= classes[1] else ("spinal_stenosis",)
    record = CaseRecord(triage, top, triage != "routine", expected, triage != "routine", classes)
    return Outcome(seq, f"c{seq}", f"c{seq}.json", b"", record)


OUTCOMES = [
    _outcome(seq, classes, expected, triage)
    for seq, (classes, expected, triage) in enumerate(
        [
            (A, "disc_herniation", "routine"),
            (B, "vascular_claudication", "urgent"),
            ((3333, 3333, 0, 0, 3334, 0), "cauda_equina", "emergency"),
            ((1, 9999, 0, 0, 0, 0), "spinal_stenosis", "routine"),
            ((2500, 2500, 2500, 2500, 0, 0), "spondylolisthesis", "routine"),
            ((0, 0, 0, 0, 0, 10000), "spinal_tumour", "emergency"),
        ]
    )
]


@given(order=st.permutations(OUTCOMES))
def test_the_figures_and_report_do_not_depend_on_the_order_of_lines(order: list[Outcome]) -> None:
    reference, shuffled = Tally(), Tally()
    for outcome in OUTCOMES:
        reference.add(outcome.record, outcome.source)
    for outcome in order:
        shuffled.add(outcome.record, outcome.source)
    first, second = reference.summary(STAMP, "secondary_care"), shuffled.summary(STAMP, "secondary_care")
    assert first.validation == second.validation
    assert report_markdown(first) == report_markdown(second)


def _report_of_the_first_two() -> str:
    counted = Tally()
    for outcome in OUTCOMES[:2]:
        counted.add(outcome.record, outcome.source)
    return report_markdown(counted.summary(STAMP, "secondary_care"))


def test_the_report_shows_the_brier_score_and_the_reliability_table() -> None:
    report = _report_of_the_first_two()
    assert "- Brier score: 0.2800 over 2 cases" in report
    assert "| 0.5-0.6 | 2 | 0.500 | 0.500 |" in report
    assert "| 0.9-1.0 | 0 | - | - |" in report


def test_the_six_class_probabilities_rank_as_a_classifier_with_ties_in_class_order() -> None:
    counted = CalibrationTally()
    counted.add(A, "disc_herniation")  # 0.8 for the expected class: first
    counted.add(B, "vascular_claudication")  # other 0.5 ties stenosis 0.5, which comes first in CLASSES
    figures = counted.figures()
    assert (figures.class_top1.count, figures.class_top3.count, figures.class_top1.total) == (1, 2, 2)


def test_mimics_summed_into_other_can_outrank_the_first_condition_of_the_differential() -> None:
    # the differential puts disc herniation first, but three mimics together weigh more
    spread = class_probabilities(
        [
            ("disc_herniation", 0.3),
            ("spinal_tumour", 0.25),
            ("vertebral_fracture", 0.25),
            ("vascular_claudication", 0.2),
        ]
    )
    counted = CalibrationTally()
    counted.add(spread, "spinal_tumour")
    assert counted.figures().class_top1.count == 1
    missed = CalibrationTally()
    missed.add(spread, "disc_herniation")
    assert (missed.figures().class_top1.count, missed.figures().class_top3.count) == (0, 1)


def test_a_case_ranked_fourth_of_six_is_outside_the_class_top_three() -> None:
    counted = CalibrationTally()
    counted.add((4000, 3000, 2000, 1000, 0, 0), "spondylolisthesis")
    assert (counted.figures().class_top1.count, counted.figures().class_top3.count) == (0, 0)


def test_the_report_shows_the_class_probabilities_as_a_classifier() -> None:
    report = _report_of_the_first_two()
    assert "(a mimic's probability summed into `other`): top-1 50.0%" in report
