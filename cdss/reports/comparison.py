"""Several batch runs of one labelled case series side by side, in Markdown: the figures `cdss validate`
prints, one column per run (e.g. a setting, findings only or with investigations).

Each figure is the one the run's validation report gives in full (:mod:`cdss.reports.validation`, with
confidence intervals); here it is the share and its count, so that runs can be read across a row.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple, get_args

from cdss.batch.calibration import ReliabilityBin
from cdss.batch.proportion import Proportion
from cdss.batch.summary import RED_FLAG_LABEL, BatchSummary, Validation
from cdss.case.findings import CLASSES, Mimic


class Run(NamedTuple):
    """One batch run: its column heading and its summary."""

    name: str
    summary: BatchSummary


Figure = Callable[[Validation], str]


def share(proportion: Proportion) -> str:
    """``62.5% (65/104)``, or ``n/a`` when there is nothing to count."""
    if proportion.value is None:
        return "n/a"
    return f"{proportion.value:.1%} ({proportion.count}/{proportion.total})"


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _recall(label: str) -> Figure:
    return lambda v: share(next(c.recall for c in v.conditions if c.condition == label))


def _mimic(mimic: str) -> Figure:
    def figure(validation: Validation) -> str:
        found = [m for m in validation.mimics if m.diagnosis == mimic]
        return f"{share(found[0].recall)}; top-3 {share(found[0].top3)}" if found else "n/a"

    return figure


def _source(pick: Callable[[Validation], Proportion | None]) -> Figure:
    def figure(validation: Validation) -> str:
        proportion = pick(validation)
        return "n/a" if proportion is None else share(proportion)

    return figure


def _brier(validation: Validation) -> str:
    calibration = validation.calibration
    return "n/a" if calibration.brier is None else f"{calibration.brier:.4f} ({calibration.cases} cases)"


def _figures(runs: Sequence[Run]) -> list[tuple[str, Figure]]:
    labelled_mimics = {
        m.diagnosis for run in runs if run.summary.validation for m in run.summary.validation.mimics
    }
    return [
        ("top-1, six classes", lambda v: share(v.top1)),
        ("top-3, six classes", lambda v: share(v.top3)),
        ("top-1, six summed class probabilities", lambda v: share(v.calibration.class_top1)),
        ("top-3, six summed class probabilities", lambda v: share(v.calibration.class_top3)),
        *((f"recall `{label}`", _recall(label)) for label in CLASSES),
        *(
            (f"recall `{mimic}` (its own id; top-3)", _mimic(mimic))
            for mimic in get_args(Mimic)
            if mimic in labelled_mimics
        ),
        (f"`{RED_FLAG_LABEL}` triaged emergency", lambda v: share(v.red_flags.sensitivity)),
        (
            f"`{RED_FLAG_LABEL}` with a red flag raised, triaged emergency",
            lambda v: share(v.red_flags.sensitivity_flagged),
        ),
        (
            "red-flag sensitivity: source emergency or urgent, triaged emergency or urgent",
            _source(lambda v: v.source_triage.sensitivity if v.source_triage else None),
        ),
        (
            "false emergencies: source routine, triaged emergency",
            _source(lambda v: v.source_triage.false_emergencies if v.source_triage else None),
        ),
        ("Brier score (six classes; 0 best, 1/6 each scores 0.8333)", _brier),
    ]


def _cells(runs: Sequence[Run], figure: Figure) -> list[str]:
    return [figure(run.summary.validation) if run.summary.validation else "n/a" for run in runs]


def _bin(band: ReliabilityBin) -> str:
    if band.mean_predicted is None or band.observed is None:
        return "-"
    return f"{band.predictions}: {band.mean_predicted:.3f} / {band.observed:.3f}"


def _reliability(runs: Sequence[Run]) -> list[str]:
    tables = [
        run.summary.validation.calibration.reliability if run.summary.validation else None for run in runs
    ]
    edges = next((table for table in tables if table is not None), None)
    if edges is None:
        return []
    header = ["class probability", *(run.name for run in runs)]
    rows = [
        _row(
            [
                f"{band.low:.1f}-{band.high:.1f}",
                *("-" if table is None else _bin(table[index]) for table in tables),
            ]
        )
        for index, band in enumerate(edges)
    ]
    return [
        "Reliability: in each bin of class probabilities given, how many (six per case), their mean and the "
        "share that belonged to the expected class (count: mean given / observed).",
        "",
        _row(header),
        _row(["---"] * len(header)),
        *rows,
        "",
    ]


def comparison_markdown(title: str, runs: Sequence[Run]) -> str:
    """The figures of each run in a column; a reliability table below (count: mean given / observed)."""
    header = ["figure", *(run.name for run in runs)]
    lines = [f"# {title}", "", _row(header), _row(["---"] * len(header))]
    counts = [f"{run.summary.evaluated} of {run.summary.cases} ({run.summary.errors} errors)" for run in runs]
    lines.append(_row(["cases evaluated", *counts]))
    lines += [_row([name, *_cells(runs, figure)]) for name, figure in _figures(runs)]
    return "\n".join([*lines, "", *_reliability(runs)])
