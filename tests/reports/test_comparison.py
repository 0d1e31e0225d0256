"""The side-by-side figures of several runs of one labelled series."""

from __future__ import annotations

from cdss.batch.lines import CaseRecord
from cdss.batch.summary import BatchSummary, Tally
from cdss.engine.assessment import RulesetStamp
from cdss.reports.comparison import Run, comparison_markdown

STAMP = RulesetStamp(name="test", version="1", sha256="0" * 64)
SURE_DISC = (10000, 0, 0, 0, 0, 0)
SURE_OTHER = (0, 0, 0, 0, 0, 10000)


def _summary(*records: CaseRecord) -> BatchSummary:
    tally = Tally()
    for seq, record in enumerate(records):
        tally.add(record, f"c{seq}.json")
    return tally.summary(STAMP, "secondary_care")


# Before tests: the mimic is taken for a disc, the cauda equina case is missed (urgent).
BEFORE = _summary(
    CaseRecord("routine", ("disc_herniation",), False, "disc_herniation", False, SURE_DISC),
    CaseRecord("routine", ("disc_herniation",), False, "vascular_claudication", False, SURE_DISC),
    CaseRecord("urgent", ("disc_herniation",), True, "cauda_equina", True, SURE_DISC),
)
# With tests: every case right, with certainty; the routine disc case is wrongly an emergency.
AFTER = _summary(
    CaseRecord("emergency", ("disc_herniation",), True, "disc_herniation", False, SURE_DISC),
    CaseRecord("routine", ("vascular_claudication",), False, "vascular_claudication", False, SURE_OTHER),
    CaseRecord("emergency", ("cauda_equina",), True, "cauda_equina", True, (0, 0, 0, 0, 10000, 0)),
)
TEXT = comparison_markdown("Validation on series.jsonl", [Run("before", BEFORE), Run("after", AFTER)])


def test_each_run_is_a_column() -> None:
    assert TEXT.startswith("# Validation on series.jsonl\n\n| figure | before | after |\n")
    assert "| cases evaluated | 3 of 3 (0 errors) | 3 of 3 (0 errors) |" in TEXT


def test_accuracy_over_six_classes_and_recall_per_class_and_mimic() -> None:
    assert "| top-1, six classes | 33.3% (1/3) | 100.0% (3/3) |" in TEXT
    assert "| recall `other` | 0.0% (0/1) | 100.0% (1/1) |" in TEXT
    assert "| recall `spondylolisthesis` | n/a | n/a |" in TEXT
    assert "| recall `vascular_claudication` (its own id; top-3) | 0.0% (0/1); top-3 0.0% (0/1) |" in TEXT
    assert "hip_osteoarthritis" not in TEXT  # no case is labelled with it


def test_red_flags_against_the_label_and_the_source() -> None:
    assert "| `cauda_equina` triaged emergency | 0.0% (0/1) | 100.0% (1/1) |" in TEXT
    assert (
        "| red-flag sensitivity: source emergency or urgent, triaged emergency or urgent | 100.0% (1/1) |"
        in TEXT
    )
    assert "| false emergencies: source routine, triaged emergency | 0.0% (0/2) | 50.0% (1/2) |" in TEXT


def test_calibration_by_hand() -> None:
    # Before: the disc case scores 0, the mimic 2 (all on disc, truth other), cauda equina 2: 4/3 = 1.3333.
    assert (
        "| Brier score (six classes; 0 best, 1/6 each scores 0.8333) | 1.3333 (3 cases) | 0.0000 (3 cases) |"
        in TEXT
    )
    # Before: 15 zeros, 2 of them the true class; three certainties, one right.
    assert "| 0.0-0.1 | 15: 0.000 / 0.133 | 15: 0.000 / 0.000 |" in TEXT
    assert "| 0.9-1.0 | 3: 1.000 / 0.333 | 3: 1.000 / 1.000 |" in TEXT
    assert "| 0.5-0.6 | - | - |" in TEXT
