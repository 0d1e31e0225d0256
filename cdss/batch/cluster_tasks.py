"""What the workers of a Dask cluster run: one engine per worker thread, and the tasks of a cluster batch.

:class:`EnginePlugin` is registered on the cluster for the length of a run: each thread that runs an
evaluation builds one :class:`~cdss.batch.worker.Worker` (one engine) the first time, and keeps it until
the plugin is removed. The engine lives in the plugin, on the Dask worker, not in any module's state.

The tasks, each on one partition: :func:`count_block` (newlines of a block of a cut JSON Lines file),
:func:`scan_part` (the id of every case, to settle repeated ids in input order before anything is
written), :func:`evaluate_part` (the lines of the partition into its own file) and :func:`crashed_part`
(the lines of a partition whose evaluation kept killing workers: one ``worker_crashed`` error per case).
A partition file is written beside its final name and renamed into place when complete.
"""

from __future__ import annotations

import contextlib
import itertools
import threading
from collections.abc import Iterator, Mapping
from typing import BinaryIO, NamedTuple, cast

import fsspec
from distributed import Worker as DaskWorker
from distributed import WorkerPlugin, get_worker

from cdss.batch.inputs import load_item
from cdss.batch.lines import Detail, Format, clean
from cdss.batch.partitions import Part, items_of
from cdss.batch.run import RowSink, Writer
from cdss.batch.summary import Tally
from cdss.batch.worker import Worker, readable_id
from cdss.errors import CaseError, FieldProblem
from cdss.rules.model import Ruleset

CHUNK = 64
"""Cases evaluated and written at a time."""
CRASHED = "the Dask worker evaluating this partition died each time it was tried; run its cases locally"
SUFFIXES: Mapping[Format, str] = {"jsonl": "jsonl", "csv": "csv", "parquet": "parquet"}


class EnginePlugin(WorkerPlugin):
    """One batch worker (one engine) per thread of a Dask worker, built on first use, closed at teardown."""

    _local: threading.local
    _built: list[Worker]
    _lock: threading.Lock

    def __init__(self, ruleset: Ruleset, output: Format, *, detail: Detail,
                 ask_next: bool, setting: str | None) -> None:  # fmt: skip
        self.ruleset = ruleset
        self.output: Format = output
        self.detail: Detail = detail
        self.ask_next = ask_next
        self.setting = setting

    def setup(self, worker: DaskWorker) -> None:  # noqa: ARG002 - Dask's signature
        """On the worker, once: the place for each thread's engine (built when the thread first needs it)."""
        self._local = threading.local()
        self._built = []
        self._lock = threading.Lock()

    def worker(self) -> Worker:
        built: Worker | None = getattr(self._local, "worker", None)
        if built is None:
            built = Worker(self.ruleset, self.output, detail=self.detail,
                           ask_next=self.ask_next, setting=self.setting)  # fmt: skip
            self._local.worker = built
            with self._lock:
                self._built.append(built)
        return built

    def teardown(self, worker: DaskWorker) -> None:  # noqa: ARG002 - Dask's signature
        with self._lock:
            for built in self._built:
                built.close()
            self._built.clear()


def _batch_worker(plugin: str) -> Worker:
    return cast(EnginePlugin, get_worker().plugins[plugin]).worker()


class Scan(NamedTuple):
    """The cases of a partition that carry a readable id: (item number, id, source), in input order."""

    ids: list[tuple[int, str, str]]


def scan_part(part: Part) -> Scan:
    """Read and parse every case of the partition (no validation, no evaluation) for its id."""
    ids: list[tuple[int, str, str]] = []
    for item in items_of(part):
        try:
            case_id = readable_id(load_item(item))
        except CaseError:
            continue
        if case_id is not None:
            ids.append((item.seq, case_id, clean(item.source, None)))
    return Scan(ids)


def part_name(part: Part, output: Format) -> str:
    return f"part-{part.index:05d}.{SUFFIXES[output]}"


@contextlib.contextmanager
def _part_file(folder: str, part: Part, output: Format) -> Iterator[BinaryIO | RowSink]:
    """The sink of a partition's lines: a file written as ``.NAME.inprogress`` in ``folder`` and renamed
    to NAME once complete; for Parquet, a sink that writes the rows into row groups of that file."""
    fs, root = fsspec.core.url_to_fs(folder)
    name = part_name(part, output)
    final, partial = f"{root}/{name}", f"{root}/.{name}.inprogress"
    try:
        with fs.open(partial, "wb") as file, _lines_sink(cast(BinaryIO, file), output) as sink:
            yield sink
        fs.mv(partial, final)
    finally:
        if fs.exists(partial):
            fs.rm(partial)


@contextlib.contextmanager
def _lines_sink(file: BinaryIO, output: Format) -> Iterator[BinaryIO | RowSink]:
    if output != "parquet":
        yield file
        return
    from cdss.batch.parquet import ParquetSink  # noqa: PLC0415 - pyarrow is an optional extra

    sink = ParquetSink(file)
    try:
        yield sink
    finally:
        sink.close()


def evaluate_part(part: Part, plugin: str, claimed: Mapping[str, str], folder: str, output: Format) -> Tally:
    """Evaluate the partition's cases and write their lines to its file; ``claimed`` holds the ids that
    earlier partitions keep (a result here with one of them becomes a ``duplicate_id`` error)."""
    worker = _batch_worker(plugin)
    with _part_file(folder, part, output) as sink:
        writer = Writer(sink, output, claimed=claimed)
        items = items_of(part)
        while chunk := list(itertools.islice(items, CHUNK)):
            writer.write_evaluated(worker.process(chunk))
    return writer.tally


def crashed_part(part: Part, claimed: Mapping[str, str], folder: str, output: Format) -> Tally:
    """The partition's lines when its evaluation killed every worker that tried it: one error per case,
    written without an engine."""
    problem = FieldProblem((), "worker_crashed", CRASHED)
    with _part_file(folder, part, output) as sink:
        writer = Writer(sink, output, claimed=claimed)
        writer.write(writer.failure(item.seq, None, item.source, problem) for item in items_of(part))
    return writer.tally
