"""The ``cdss batch`` command: many case files in, one line per case out, a summary and a validation report.

Exit codes: 0 when every case was evaluated, 1 when some were not (their lines say why), 2 for a usage
error (an input that names nothing, an output that is an input or cannot be written, no case found).
Errors are one line on stderr, never a traceback. Outputs are written as :mod:`cdss.batch.outputs` says.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO, NamedTuple

from cdss.batch import forkserver
from cdss.batch.inputs import UsageError, check_inputs, discover, is_url
from cdss.batch.lines import ErrorLine
from cdss.batch.outputs import refusal, replaced
from cdss.batch.run import BatchOptions, RowSink, Writer, run
from cdss.batch.summary import BatchSummary, Tally, summary_text
from cdss.engine.assessment import RulesetStamp
from cdss.rules.loading import load_ruleset
from cdss.rules.model import Ruleset

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
STDOUT = "-"
_DESCRIPTION = """\
Evaluate every case found in the inputs and write one line per case to --out: its conclusions (lean:
rule ids and weights, texts left to the ruleset; `cdss explain` expands them), the whole assessment with
--detail full, or an error line naming the case and the problem. Inputs are folders (searched recursively
for .json, .yaml, .yml, .jsonl and .ndjson files), glob patterns and files; a JSON Lines file holds one
case per line. Every case needs an "id", unique in the batch. At the end a summary is printed, and when
cases carry "expected", a validation report (top-1 and top-3 accuracy, recall per condition and per
mimic, red-flag sensitivity and specificity, triage against "red_flag_expected", calibration, confusion
table)."""
_EPILOG = """\
exit codes: 0 every case evaluated; 1 some cases could not be evaluated (see their error lines);
2 usage error. Example: cdss batch examples --out results.jsonl --report validation.md"""


def _jobs(text: str) -> int:
    try:
        jobs = int(text)
    except ValueError:
        jobs = 0
    if jobs < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of processes, 1 or more; got {text!r}")
    return jobs


ReportRenderer = Callable[[BatchSummary], str]
"""Turns a run's summary into the validation report's Markdown (`cdss.reports.validation`, a layer above)."""


def add_batch_command(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], render_report: ReportRenderer
) -> None:
    """Add ``cdss batch`` to the command line; the caller supplies the validation report's renderer."""
    batch = commands.add_parser(
        "batch",
        help="evaluate many case files; write one line per case, a summary and a validation report",
        description=_DESCRIPTION,
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    batch.add_argument("paths", nargs="*", metavar="PATH", help="a folder, a glob pattern or a case file")
    batch.add_argument("--out", metavar="FILE", help="where to write the lines ('-' for standard output)")
    batch.add_argument("--format", choices=("jsonl", "csv", "parquet"), default="jsonl",
                       help="JSON Lines (default), a flat CSV table for spreadsheets, or a Parquet table "
                       "(needs the parquet extra: pip install 'cdss[parquet]')")  # fmt: skip
    batch.add_argument("--detail", choices=("lean", "full"), default="lean",
                       help="lean (default): conclusions by reference; full: every text and basis "
                       "(JSON Lines only)")  # fmt: skip
    batch.add_argument("--ask-next", action="store_true",
                       help="also say what to ask next for each case (JSON Lines only; slower)")  # fmt: skip
    batch.add_argument("--jobs", type=_jobs, default=forkserver.default_jobs(), metavar="N",
                       help="worker processes (default: all cores, %(default)s here)")  # fmt: skip
    batch.add_argument("--summary", metavar="FILE", help="also write the summary as JSON")
    batch.add_argument("--report", metavar="FILE", help="also write the validation report as Markdown")
    batch.add_argument("--ruleset", metavar="DIR", help="a ruleset directory (default: the bundled one)")
    batch.add_argument(
        "--setting", metavar="NAME", help="whose priors to use: primary_care (the default) or secondary_care"
    )
    batch.add_argument("--error-schema", action="store_true", help="print the JSON Schema of an error line")
    batch.add_argument("--dask", metavar="ADDRESS",
                       help="run on a Dask cluster: a scheduler address, or 'local' for a cluster of --jobs "
                       "processes here; --out is then a new or empty folder of part files; PATHs may be "
                       "fsspec URLs (needs cdss[dask])")  # fmt: skip
    batch.set_defaults(run=functools.partial(run_batch_command, render_report=render_report))


def _usage(message: str) -> int:
    print(f"cdss batch: {message}", file=sys.stderr)
    return EXIT_USAGE


def _missing(args: argparse.Namespace) -> str | None:
    """A PATH or --out that is missing, or standard output as --out of a cluster run."""
    if not args.paths:
        return "give at least one PATH (a folder, glob pattern or case file)"
    if not args.out:
        return "--out FILE is required ('-' for standard output)"
    if args.dask and args.out == STDOUT:
        return "--out with --dask is a folder for the part files, not standard output"
    return None


def _check_arguments(args: argparse.Namespace) -> str | None:
    """What is wrong with the arguments, or None."""
    problem = _missing(args) or _check_output(args)
    if problem is not None:
        return problem
    for option in ("summary", "report"):
        target = getattr(args, option)
        if target is not None and not Path(target).resolve().parent.is_dir():
            return f"--{option} {target}: the folder does not exist"
    try:
        check_inputs([path for path in args.paths if not (args.dask and is_url(path))])
    except UsageError as error:
        return str(error)
    for option in ("out", "summary", "report"):
        target = getattr(args, option)
        problem = refusal(f"--{option}", target, args.paths, is_folder=bool(args.dask) and option == "out")
        if problem is not None:
            return problem
    return None


def _check_output(args: argparse.Namespace) -> str | None:
    """What the output format is asked to carry and cannot, or None."""
    if args.format != "jsonl" and (args.detail == "full" or args.ask_next):
        return f"--detail full and --ask-next are written as JSON Lines only, not --format {args.format}"
    if args.format == "parquet" and args.out == STDOUT:
        return "--format parquet needs --out FILE (a Parquet file cannot be streamed to standard output)"
    return None


@contextlib.contextmanager
def _output(target: str) -> Iterator[BinaryIO]:
    """The stream the lines go to (they arrive as UTF-8 bytes)."""
    if target == STDOUT:
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    with replaced(target, "--out") as file:
        yield file


@contextlib.contextmanager
def _progress(enabled: bool) -> Iterator[Callable[[int], None]]:
    """A live count of cases on a terminal; nothing at all when stderr is not a terminal."""
    if not enabled:
        yield lambda _: None
        return
    # Imported here: rich's progress costs ~80 ms at start-up, worth paying only on a terminal.
    from rich.console import Console  # noqa: PLC0415
    from rich.progress import Progress, SpinnerColumn, TaskProgressColumn, TextColumn, TimeElapsedColumn  # noqa: PLC0415

    columns = (
        SpinnerColumn(),
        TextColumn("{task.completed:,} cases"),
        TaskProgressColumn(show_speed=True),  # cases per second, as the total is unknown while streaming
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("batch", total=None)
        yield lambda count: progress.advance(task, count)


def _options(args: argparse.Namespace) -> BatchOptions:
    return BatchOptions(
        jobs=args.jobs, output=args.format, detail=args.detail, ask_next=args.ask_next, setting=args.setting
    )


@contextlib.contextmanager
def _lines_sink(target: str, output: str) -> Iterator[BinaryIO | RowSink]:
    """Where the lines are written: the output itself, or for Parquet a sink that writes the rows in row
    groups (pyarrow is imported only then: it is an optional extra)."""
    with _output(target) as file:
        if output != "parquet":
            yield file
            return
        try:
            from cdss.batch.parquet import ParquetSink  # noqa: PLC0415 - optional extra
        except ImportError:
            raise UsageError("--format parquet needs pyarrow: pip install 'cdss[parquet]'") from None
        sink = ParquetSink(file)
        try:
            yield sink
        finally:
            sink.close()


class Finished(NamedTuple):
    """A run's summary, and how long the run took (printed, never written in the summary file)."""

    summary: BatchSummary
    seconds: float


def _evaluate_all(args: argparse.Namespace) -> Finished:
    if not args.dask:
        options = _options(args)  # the server starts up while this process loads the ruleset and the sink
        forkserver.start(options.jobs, options.output)
    ruleset = load_ruleset(args.ruleset)
    setting = ruleset.case_mix.setting_named(args.setting)  # checked before any worker starts
    stamp = RulesetStamp(name=ruleset.info.name, version=ruleset.info.version, sha256=ruleset.sha256)
    started = time.perf_counter()
    if args.dask:
        tally = _evaluate_on_dask(args, ruleset)
        return Finished(tally.summary(stamp, setting), time.perf_counter() - started)
    items = discover(args.paths)
    with _lines_sink(args.out, args.format) as sink, _progress(sys.stderr.isatty()) as progress:
        writer = Writer(sink, args.format, progress)
        run(items, ruleset, _options(args), writer)
    return Finished(writer.tally.summary(stamp, setting), time.perf_counter() - started)


def _evaluate_on_dask(args: argparse.Namespace, ruleset: Ruleset) -> Tally:
    try:
        from cdss.batch import cluster  # noqa: PLC0415 - Dask is an optional extra, imported when asked for
    except ModuleNotFoundError as error:
        raise UsageError(f"--dask needs {error.name}: pip install 'cdss[dask]'") from None
    cluster.prepare_folder(args.out)
    options = cluster.ClusterOptions(
        output=args.format, detail=args.detail, ask_next=args.ask_next, setting=args.setting
    )
    with cluster.connect(args.dask, args.jobs) as client, _progress(sys.stderr.isatty()) as progress:
        return cluster.run_on_cluster(
            client,
            args.paths,
            ruleset,
            args.out,
            options,
            progress=progress,
        )


def _write_reports(args: argparse.Namespace, summary: BatchSummary, report: str) -> None:
    if args.summary:
        with replaced(args.summary, "--summary") as file:
            file.write((summary.model_dump_json(indent=2) + "\n").encode())
    if args.report:
        with replaced(args.report, "--report") as file:
            file.write(report.encode())


def _evaluate_guarded(args: argparse.Namespace) -> Finished | int:
    """The summary of the run, or the exit code when it could not run to the end."""
    try:
        return _evaluate_all(args)
    except UsageError as error:
        return _usage(str(error))
    except KeyboardInterrupt:
        kept = (
            "the output holds the lines written so far" if args.out == STDOUT else f"{args.out} is unchanged"
        )
        print(f"cdss batch: interrupted; {kept}", file=sys.stderr)
        return EXIT_FAILED
    except BrokenPipeError:  # e.g. `--out - | head`: the reader has gone, which is not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FAILED


def _show(args: argparse.Namespace, finished: Finished, render_report: ReportRenderer) -> None:
    """Write --summary and --report, and print both (to stderr when the lines go to stdout)."""
    summary = finished.summary
    report = render_report(summary)
    _write_reports(args, summary, report)
    shown = sys.stderr if args.out == STDOUT else sys.stdout
    print(summary_text(summary, finished.seconds), file=shown)
    if summary.validation is not None:
        print("\n" + report, file=shown)


def run_batch_command(args: argparse.Namespace, *, render_report: ReportRenderer) -> int:
    """``cdss batch``: see the module docstring for what it writes and its exit codes."""
    if args.error_schema:
        print(json.dumps(ErrorLine.model_json_schema(), indent=2))
        return EXIT_OK
    problem = _check_arguments(args)
    if problem is not None:
        return _usage(problem)
    finished = _evaluate_guarded(args)
    if isinstance(finished, int):
        return finished
    if finished.summary.cases == 0:
        return _usage("no case files found in the inputs")
    _show(args, finished, render_report)
    return EXIT_OK if finished.summary.errors == 0 else EXIT_FAILED
