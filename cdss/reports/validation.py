"""The validation report: how the ruleset's answers compare with the reviewers' labels, in Markdown.

This is how a clinical team checks a ruleset against its own case series before deploying it: overall
top-1 and top-3 accuracy over six classes, recall and precision per condition, recall per mimic, red-flag
sensitivity and specificity, triage against how the source managed each case, calibration (Brier score
and reliability table) and the confusion table, each proportion with its count and a 95% confidence
interval. The same summary gives the same report, byte for byte.
"""

from __future__ import annotations

from cdss.batch.calibration import Calibration
from cdss.batch.proportion import Proportion, percent
from cdss.batch.summary import RED_FLAG_LABEL, BatchSummary, Validation
from cdss.batch.urgency import FLAGGED, ROUTINE, TRIAGE_LEVELS
from cdss.case.findings import CLASSES


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    return [_row(header), _row(["---"] * len(header)), *(_row(row) for row in rows)]


def _header(summary: BatchSummary) -> list[str]:
    stamp = summary.ruleset
    labelled = summary.validation.labelled if summary.validation else 0
    return [
        "# Validation report",
        "",
        f"Ruleset `{stamp.name}` {stamp.version} (sha256 `{stamp.sha256[:16]}`). "
        f"{summary.cases} input cases, {summary.evaluated} evaluated, {summary.errors} errors; "
        f"{labelled} evaluated cases carry an `expected` diagnosis. "
        "Cases that could not be evaluated are left out of every figure below.",
        "",
    ]


def _accuracy(validation: Validation) -> list[str]:
    return [
        "## Accuracy",
        "",
        "The prediction is the top condition of the differential. Six classes: the five named conditions and "
        "`other`. Conditions other than the five named ones (vascular claudication, hip osteoarthritis, "
        "infection, tumour, fracture, degenerative disc disease, non-specific low back pain), and an "
        "`expected` mimic id, count as `other`.",
        "",
        *_table(
            ["measure", "value"],
            [["top-1 accuracy", percent(validation.top1)], ["top-3 accuracy", percent(validation.top3)]],
        ),
        "",
        "Top-3: the expected label is among the labels of the first three conditions.",
        "",
    ]


def _conditions(validation: Validation) -> list[str]:
    rows = [[f"`{c.condition}`", percent(c.recall), percent(c.precision)] for c in validation.conditions]
    return [
        "## Per condition",
        "",
        *_table(["expected", "recall (top-1)", "precision (top-1)"], rows),
        "",
        *_mimics(validation),
    ]


def _mimics(validation: Validation) -> list[str]:
    if not validation.mimics:
        return []
    rows = [[f"`{m.diagnosis}`", percent(m.recall), percent(m.top3)] for m in validation.mimics]
    return [
        "Cases labelled with a mimic's own id, against that id exactly (in the figures above they count as "
        "`other`):",
        "",
        *_table(["expected mimic", "recall (top-1)", "among the first three"], rows),
        "",
    ]


def _count(share: Proportion) -> str:
    return f"{share.count} of {share.total}"


def _red_flags(validation: Validation) -> list[str]:
    flags = validation.red_flags
    sensitivity, specificity = flags.sensitivity, flags.specificity
    ces, others = sensitivity.total, specificity.total
    rows = [
        ["triage emergency", str(sensitivity.count), str(others - specificity.count)],
        ["triage urgent or routine", str(ces - sensitivity.count), str(specificity.count)],
    ]
    return [
        "## Red flags",
        "",
        flags.definition,
        "",
        *_table(["", f"expected `{RED_FLAG_LABEL}`", "expected anything else"], rows),
        "",
        f"- Sensitivity: {percent(sensitivity)}",
        f"- Sensitivity among `{RED_FLAG_LABEL}` cases with any red flag raised: "
        f"{percent(flags.sensitivity_flagged)}",
        f"- Specificity: {percent(specificity)}",
        f"- Any red flag raised (any triage level): {_count(flags.any_red_flag[RED_FLAG_LABEL])} "
        f"`{RED_FLAG_LABEL}` cases, {_count(flags.any_red_flag['not_' + RED_FLAG_LABEL])} other cases.",
        "",
    ]


def _source_triage(validation: Validation) -> list[str]:
    source = validation.source_triage
    if source is None:
        return []
    names = {FLAGGED: "emergency or urgent", ROUTINE: "routine"}
    rows = [
        [names[row], *(str(source.table[row][level]) for level in TRIAGE_LEVELS)]
        for row in (FLAGGED, ROUTINE)
    ]
    return [
        "## Triage against the source",
        "",
        source.definition,
        "",
        *_table(["source managed as", *(f"triage {level}" for level in TRIAGE_LEVELS)], rows),
        "",
        f"- Red-flag sensitivity: {percent(source.sensitivity)}",
        f"- False emergencies among routine cases: {percent(source.false_emergencies)}",
        "",
    ]


def _probability(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _calibration(calibration: Calibration) -> list[str]:
    brier = "n/a (0 cases)" if calibration.brier is None else f"{calibration.brier:.4f}"
    rows = [
        [
            f"{band.low:.1f}-{band.high:.1f}",
            str(band.predictions),
            _probability(band.mean_predicted),
            _probability(band.observed),
        ]
        for band in calibration.reliability
    ]
    return [
        "## Calibration",
        "",
        calibration.definition,
        "",
        f"- Brier score: {brier} over {calibration.cases} cases",
        f"- The six class probabilities as a classifier (a mimic's probability summed into `other`): "
        f"top-1 {percent(calibration.class_top1)}, top-3 {percent(calibration.class_top3)}",
        "",
        *_table(["probability", "class probabilities", "mean given", "observed"], rows),
        "",
    ]


def _confusion(validation: Validation) -> list[str]:
    rows = [
        [f"`{expected}`", *(str(validation.confusion[expected][predicted]) for predicted in CLASSES)]
        for expected in CLASSES
    ]
    return [
        "## Confusion table",
        "",
        "Rows: expected label. Columns: predicted label (top-1).",
        "",
        *_table(["expected \\ predicted", *(f"`{label}`" for label in CLASSES)], rows),
        "",
    ]


def report_markdown(summary: BatchSummary) -> str:
    """The validation report of a run; says so plainly when no evaluated case carries ``expected``."""
    lines = _header(summary)
    validation = summary.validation
    if validation is None:
        lines += ["No evaluated case carries an `expected` diagnosis, so there is nothing to compare.", ""]
    else:
        lines += (
            _accuracy(validation)
            + _conditions(validation)
            + _red_flags(validation)
            + _source_triage(validation)
            + _calibration(validation.calibration)
            + _confusion(validation)
        )
    return "\n".join(lines)
