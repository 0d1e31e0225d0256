"""The validation report: how the ruleset's answers compare with the reviewers' labels, in Markdown.

This is how a clinical team checks a ruleset against its own case series before deploying it: overall
top-1 and top-3 accuracy, recall and precision per condition, red-flag sensitivity and specificity, and
the confusion table, each proportion with its count and a 95% confidence interval.
"""

from __future__ import annotations

from cdss.batch.summary import LABELS, RED_FLAG_LABEL, BatchSummary, Proportion, Validation, percent


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
        "The prediction is the top condition of the differential. Conditions other than the five named ones "
        "(vascular claudication, hip osteoarthritis, infection, tumour, fracture, degenerative disc disease, "
        "non-specific low back pain) count as `other`.",
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
        f"- Specificity: {percent(specificity)}",
        f"- Any red flag raised (any triage level): {_count(flags.any_red_flag[RED_FLAG_LABEL])} "
        f"`{RED_FLAG_LABEL}` cases, {_count(flags.any_red_flag['not_' + RED_FLAG_LABEL])} other cases.",
        "",
    ]


def _confusion(validation: Validation) -> list[str]:
    rows = [
        [f"`{expected}`", *(str(validation.confusion[expected][predicted]) for predicted in LABELS)]
        for expected in LABELS
    ]
    return [
        "## Confusion table",
        "",
        "Rows: expected label. Columns: predicted label (top-1).",
        "",
        *_table(["expected \\ predicted", *(f"`{label}`" for label in LABELS)], rows),
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
            _accuracy(validation) + _conditions(validation) + _red_flags(validation) + _confusion(validation)
        )
    return "\n".join(lines)
