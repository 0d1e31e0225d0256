"""The fork server a run's worker processes are forked from, and starting it before the command's imports.

A run with worker processes forks them from a fork server (``multiprocessing``'s forkserver start method,
where there is one; elsewhere each worker is spawned) that imports the workers' modules once for all of
them: importing them cost each worker about 0.25 s of CPU, and the Parquet rows' modules (pyarrow, numpy)
0.15 s more. The server does its imports, about 0.35 s, while the process that started it goes on.

The ``cdss`` command starts it before it imports anything else of cdss (:func:`start_for_command`), so
that the server's imports overlap the command's own, about 0.3 s: a batch's workers start evaluating
about 0.2 s sooner (20,000 cases: Parquet 2.44 s instead of 2.60, lean lines 2.21 instead of 2.42,
medians of 6 alternated pairs). So this module imports nothing of cdss, and the run
(:mod:`cdss.batch.run`) takes its context from here.
"""

from __future__ import annotations

import argparse
import multiprocessing
import multiprocessing.context
import multiprocessing.forkserver
import os
from collections.abc import Sequence

WORKER_MODULE = "cdss.batch.worker"
"""What every worker imports (:func:`cdss.batch.worker.start_worker`'s module)."""
ROWS_MODULE = "cdss.batch.arrow_rows"
"""What a Parquet worker imports besides."""


def default_jobs() -> int:
    """All the cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def context(output: str) -> multiprocessing.context.BaseContext:
    """The fork server's context where there is one, its server importing the workers' modules (the
    Parquet rows' too for ``output`` parquet) if it is not running yet; else spawn's."""
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    chosen = multiprocessing.get_context(method)
    if method == "forkserver":
        chosen.set_forkserver_preload([WORKER_MODULE, *([ROWS_MODULE] if output == "parquet" else [])])
    return chosen


def start(jobs: int, output: str) -> None:
    """Start the fork server of a run with worker processes, unless it is running. Nothing without a fork
    server, or with one job."""
    if jobs > 1 and context(output).get_start_method() == "forkserver":
        multiprocessing.forkserver.ensure_running()


def start_for_command(argv: Sequence[str]) -> None:
    """Start the fork server for a ``cdss batch`` command line (``argv`` without the program's name) that
    runs here, reading only the options the server depends on: ``--jobs``, ``--format`` and ``--dask`` (a
    cluster run needs no server). A command line it cannot read so leaves the start to the command, which
    starts the server anyway when it runs (:func:`start` does nothing the second time); one that fails
    later only started a server for nothing."""
    if argv[:1] != ["batch"]:
        return
    options = argparse.ArgumentParser(add_help=False, allow_abbrev=False, exit_on_error=False)
    options.add_argument("--jobs")
    options.add_argument("--format", default="jsonl")
    options.add_argument("--dask")
    try:
        known, _ = options.parse_known_args(argv[1:])
        jobs = default_jobs() if known.jobs is None else int(known.jobs)
    except (argparse.ArgumentError, ValueError):
        return
    if known.dask is None:
        start(jobs, known.format)
