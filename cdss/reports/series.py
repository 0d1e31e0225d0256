"""``cdss validate``: a labelled case series measured in one command.

The series (a JSON Lines file of cases carrying ``expected`` and, optionally, ``red_flag_expected``) goes
through ``cdss batch --report`` once per setting and variant: with the investigation keys removed from
every case's findings (the situation before any test) and with them. Keys that describe a case for a
reader but are no case fields (``source``, ``source_diagnosis``, ``imaging_text``, as in the shared
vignettes) are dropped first; any other unknown key stays, so the batch reports it as an error for that
case. Each run writes its lines, summary and validation report into the output folder; the figures of
all runs are printed side by side (:mod:`cdss.reports.comparison`) and written to ``comparison.md``.

Exit codes: 0 every case of every run was evaluated; 1 some were not (their error lines say why); 2 usage
error (no series file, or a batch option that does not exist).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from cdss.batch.command import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    ReportRenderer,
    add_batch_command,
)
from cdss.batch.forkserver import default_jobs
from cdss.batch.summary import BatchSummary
from cdss.case.investigations import Investigations
from cdss.reports.comparison import Run, comparison_markdown
from cdss.reports.validation import report_markdown

METADATA = ("source", "source_diagnosis", "imaging_text")
"""Keys of a series entry for a reader, not for the engine: dropped before evaluation."""
INVESTIGATIONS = tuple(Investigations.model_fields)
VARIANTS = {"findings-only": False, "with-investigations": True}
"""Variant name -> whether the investigation keys are kept."""
DEFAULT_SETTINGS = ("secondary_care", "primary_care")
_DESCRIPTION = """\
Run a labelled case series (JSON Lines) through `cdss batch --report` once per setting, with the
investigation keys removed and with them, and print the figures of every run side by side: top-1 and
top-3 over six classes, recall per class and per mimic, cauda equina and red-flag sensitivity, false
emergencies among cases the source managed routinely, Brier score and reliability table. Each run's lines,
summary and validation report are written to --out-dir."""


def prepared(line: str, *, investigations: bool) -> str:
    """One line of the series as the case to evaluate: metadata dropped and, unless kept, investigation
    keys removed from its findings. A line that is not a JSON object passes unchanged: the batch reports it.
    """
    try:
        data = json.loads(line)
    except ValueError:
        return line
    if not isinstance(data, dict):
        return line
    case = {key: value for key, value in data.items() if key not in METADATA}
    findings = case.get("findings")
    if not investigations and isinstance(findings, dict):
        case["findings"] = {key: value for key, value in findings.items() if key not in INVESTIGATIONS}
    return json.dumps(case, ensure_ascii=False)


def write_variant(series: Path, target: Path, *, investigations: bool) -> None:
    """The series as cases, line for line (so a case keeps its line number in error lines)."""
    with series.open(encoding="utf-8") as lines, target.open("w", encoding="utf-8") as out:
        for line in lines:
            text = line.rstrip("\n")
            out.write((prepared(text, investigations=investigations) if text.strip() else text) + "\n")


def _batch_parser(render_report: ReportRenderer) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cdss")
    add_batch_command(parser.add_subparsers(dest="command", required=True), render_report=render_report)
    return parser


def run_batch(
    cases: Path, folder: Path, name: str, setting: str, *, jobs: int, ruleset: str | None = None
) -> BatchSummary | int:
    """``cdss batch CASES --setting SETTING --report ...`` in this process (with ``--ruleset`` when one is
    named), its printout kept in ``NAME.txt``; the run's summary, or the exit code when it did not run to
    the end."""
    argv = ["batch", str(cases), "--setting", setting, "--jobs", str(jobs)]
    if ruleset is not None:
        argv += ["--ruleset", ruleset]
    for option, suffix in (("--out", "jsonl"), ("--summary", "json"), ("--report", "md")):
        argv += [option, str(folder / f"{name}.{suffix}")]
    args, unknown = _batch_parser(report_markdown).parse_known_args(argv)
    if unknown:
        print(f"cdss validate: cdss batch does not accept {' '.join(unknown)}", file=sys.stderr)
        return EXIT_USAGE
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        code: int = args.run(args)
    (folder / f"{name}.txt").write_text(printed.getvalue(), encoding="utf-8")
    if code == EXIT_USAGE:
        return code
    return BatchSummary.model_validate_json((folder / f"{name}.json").read_text(encoding="utf-8"))


def validate_series(
    series: Path, folder: Path, settings: Sequence[str], jobs: int, ruleset: str | None = None
) -> tuple[str, int]:
    """Every setting and variant through the batch: the side-by-side Markdown and the exit code."""
    folder.mkdir(parents=True, exist_ok=True)
    for variant, investigations in VARIANTS.items():
        write_variant(series, folder / f"cases-{variant}.jsonl", investigations=investigations)
    runs: list[Run] = []
    for setting in settings:
        for variant in VARIANTS:
            summary = run_batch(
                folder / f"cases-{variant}.jsonl",
                folder,
                f"{setting}-{variant}",
                setting,
                jobs=jobs,
                ruleset=ruleset,
            )
            if isinstance(summary, int):
                return "", summary
            runs.append(Run(f"{setting}, {variant.replace('-', ' ')}", summary))
    text = comparison_markdown(f"Validation on {series.name}", runs)
    (folder / "comparison.md").write_text(text, encoding="utf-8")
    failed = any(run.summary.errors for run in runs)
    return text, EXIT_FAILED if failed else EXIT_OK


def _run(args: argparse.Namespace) -> int:
    series = Path(args.series)
    problem = None if series.is_file() else f"{series}: no such file"
    if args.jobs < 1:
        problem = f"--jobs must be 1 or more; got {args.jobs}"
    if problem is not None:
        print(f"cdss validate: {problem}", file=sys.stderr)
        return EXIT_USAGE
    settings = args.setting or DEFAULT_SETTINGS
    text, code = validate_series(series, Path(args.out_dir), settings, args.jobs, args.ruleset)
    if text:
        print(text)
    return code


def add_validate_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``cdss validate`` to the command line."""
    validate = commands.add_parser(
        "validate",
        help="run a labelled case series through cdss batch per setting, without and with investigations",
        description=_DESCRIPTION,
    )
    validate.add_argument("series", metavar="SERIES", help="a JSON Lines file of labelled cases")
    validate.add_argument(
        "--out-dir",
        default="reports/validation",
        metavar="DIR",
        help="where each run's lines, summary and report go (default: %(default)s)",
    )
    validate.add_argument(
        "--setting",
        action="append",
        metavar="NAME",
        help="a setting of the ruleset, repeatable (default: secondary_care, primary_care)",
    )
    validate.add_argument("--ruleset", metavar="DIR", help="a ruleset directory (default: the bundled one)")
    validate.add_argument(
        "--jobs",
        type=int,
        default=default_jobs(),
        metavar="N",
        help="worker processes per run (default: all cores, %(default)s here)",
    )
    validate.set_defaults(run=_run)
