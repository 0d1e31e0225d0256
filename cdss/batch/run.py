"""Running a batch: work items in, exactly one line per item out, in parallel and in bounded memory.

Items are grouped into chunks of ``chunk_size`` and handed to worker processes (each builds its engine
once, in the pool initializer; see :mod:`cdss.batch.worker`). At most ``jobs * in_flight_per_job``
chunks are in flight, so memory does not grow with the number of cases: the input is read only as fast
as results are written. With ``jobs == 1``, or input that fits in one chunk, the items are evaluated
in this process, with no pool.

Lines are written in input order, however many processes there are: chunks are taken in submission
order, which holds back at most the chunks in flight. So the same input gives the same lines, summary
and report, whichever process finishes first.

Every line passes through :class:`Writer`, which counts it and reports duplicate ids: the first line
with an id in input order keeps it; a later result with the same id becomes a ``duplicate_id`` error
naming the first one's source. The writer remembers every id seen with the source of its first line
(about 200 bytes per id: ~20 MB per 100,000 cases); that is the only memory that grows with the number
of cases. A Parquet run writes rows, not lines: the writer hands each chunk's rows (as the workers
built them) to a :class:`RowSink` with each line's text before and after its checks, so that a result
whose id is repeated becomes its error row (:class:`cdss.batch.parquet.ParquetSink`).

If a worker process dies (the matching engine is a C extension), the cases it had in flight get
``worker_crashed`` error lines and a new pool takes over; the run goes on.
"""

from __future__ import annotations

import itertools
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import BinaryIO, Protocol, runtime_checkable

from cdss.batch import forkserver
from cdss.batch.inputs import WorkItem
from cdss.batch.lines import CaseRecord, Detail, ErrorLine, Format, Formatter, Outcome, formatter
from cdss.batch.summary import Tally
from cdss.batch.worker import Evaluated, Spooled, Worker, process_chunk, start_worker
from cdss.errors import CdssError, FieldProblem, brief
from cdss.rules.model import Ruleset

Chunk = list[WorkItem]
ExecutorFactory = Callable[[], Executor]
_CRASHED = "the worker process evaluating this case stopped unexpectedly; run the case on its own to check it"
_MAX_FRUITLESS_RESTARTS = 3


CHUNK_SIZES: Mapping[Format, int] = {"jsonl": 256, "csv": 256, "parquet": 512}
"""Cases per chunk by format. Parquet rows are built a chunk at a time, with fixed costs per chunk: 100,000
generated cases took 9.90 s with 512 against 10.30 with 256 (medians of 3); lean lines gained nothing."""


@dataclass(frozen=True)
class BatchOptions:
    """How to run: processes, order, output format and detail, and the knobs that bound memory."""

    jobs: int = 1
    output: Format = "jsonl"
    detail: Detail = "lean"
    ask_next: bool = False
    chunk_size: int | None = None
    """Cases per chunk; None for the format's (:data:`CHUNK_SIZES`)."""
    in_flight_per_job: int = 4
    setting: str | None = None
    """The ruleset's setting whose priors to use; None for its default."""


class BatchAbortedError(CdssError):
    """The worker processes could not be kept running (e.g. they fail as they start)."""


@runtime_checkable
class RowSink(Protocol):
    """Where a run whose results are rows (Parquet) writes each chunk."""

    def write_rows(self, rows: bytes, spooled: Sequence[bytes], written: Sequence[bytes]) -> None:
        """Write a chunk: ``rows`` holds its result rows as the worker built them (an Arrow IPC stream,
        or empty for none); ``spooled`` each line's text as the worker made it (empty for a result in
        ``rows``, else its error line) and ``written`` as the run writes it (the error line of a result
        whose id is repeated)."""
        ...


class Writer:
    """Writes lines (or rows), turns repeated ids into errors, counts everything in a :class:`Tally`."""

    def __init__(
        self,
        sink: BinaryIO | RowSink,
        output: Format,
        progress: Callable[[int], None] = lambda _: None,
        claimed: Mapping[str, str] | None = None,
    ) -> None:
        """``claimed`` holds ids used before the first line written here (by earlier partitions of a
        cluster run), each with the source of the line that keeps it. A Parquet run writes to a
        :class:`RowSink`, any other to a binary file."""
        self.format: Formatter = formatter(output)
        self.tally = Tally()
        self.progress = progress
        self._seen: dict[str, str] = dict(claimed or {})
        self._rows = sink if isinstance(sink, RowSink) else None
        self._lines = None if isinstance(sink, RowSink) else sink
        if self._lines is not None:
            self._lines.write(self.format.header())

    def write(self, outcomes: Iterable[Outcome], rows: bytes = b"") -> None:
        """Write the lines of a chunk at once (one call to the sink: fewer, larger writes); for Parquet,
        ``rows`` holds the chunk's result rows (:class:`cdss.batch.worker.Evaluated`)."""
        spooled, texts = [], []
        for outcome in outcomes:
            checked = self._unique(outcome)
            spooled.append(outcome.text)
            texts.append(checked.text)
            self.tally.add(checked.record, checked.source)
        if self._rows is not None:
            self._rows.write_rows(rows, spooled, texts)
        elif self._lines is not None:
            self._lines.write(b"".join(texts))
        self.progress(len(texts))

    def write_evaluated(self, evaluated: Evaluated) -> None:
        """Write a chunk as a worker evaluated it."""
        self.write(evaluated.outcomes, evaluated.rows)

    def write_spooled(self, spooled: Spooled) -> None:
        """Write a chunk as a pool task spooled it. When none of its ids was seen before (nor twice in it),
        its texts go to the sink as the worker joined them, without being cut into lines and joined again;
        otherwise the chunk goes through :meth:`write`, which makes the repeated ids errors."""
        data = spooled.take()
        rest = spooled.rest
        ids = [line[1] for line in rest if line[1] is not None]
        if len(set(ids)) < len(ids) or not self._seen.keys().isdisjoint(ids):
            self.write_evaluated(spooled.evaluated(data))
            return
        self._seen.update([(line[1], line[2]) for line in rest if line[1] is not None])
        add = self.tally.add
        for _, _, source, record in rest:
            add(CaseRecord._make(record), source)
        if self._rows is not None:
            texts = spooled.texts(data)
            self._rows.write_rows(data[: spooled.rows], texts, texts)
        elif self._lines is not None:
            self._lines.write(memoryview(data)[spooled.rows :])
        self.progress(len(rest))

    def _unique(self, outcome: Outcome) -> Outcome:
        case_id = outcome.case_id
        if case_id is None:
            return outcome
        first = self._seen.get(case_id)
        if first is None:
            self._seen[case_id] = outcome.source
            return outcome
        if outcome.record.error is not None:
            return outcome  # its own problem says more than the repeated id
        problem = FieldProblem(
            ("id",),
            "duplicate_id",
            f"id {brief(repr(case_id))} is already used by {first}; each case needs its own id",
        )
        return self.failure(outcome.seq, case_id, outcome.source, problem)

    def failure(self, seq: int, case_id: str | None, source: str, problem: FieldProblem) -> Outcome:
        line = ErrorLine.of(case_id, source, [problem])
        return Outcome(seq, line.id, line.source, self.format.error(line), CaseRecord.failed(line.error))


def chunks(items: Iterable[WorkItem], size: int) -> Iterator[Chunk]:
    """The items in lists of ``size`` (the last may be shorter), read lazily."""
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def run(items: Iterable[WorkItem], ruleset: Ruleset, options: BatchOptions, writer: Writer,
        executor: ExecutorFactory | None = None) -> None:  # fmt: skip
    """Evaluate every item and write its line. ``executor`` overrides the process pool (for tests).

    With one job, or when all the items fit in one chunk (starting processes would cost more than they
    save), the items are evaluated in this process.
    """
    pieces = chunks(items, options.chunk_size or CHUNK_SIZES[options.output])
    head = list(itertools.islice(pieces, 2))
    if executor is None and (options.jobs == 1 or len(head) < 2):
        _run_here(itertools.chain(head, pieces), ruleset, options, writer)
        return
    with tempfile.TemporaryDirectory(prefix="cdss-batch-") as spool:
        pool = _Pool(executor or process_pool(ruleset, options, spool))
        try:
            window = options.jobs * options.in_flight_per_job
            _run_pool(itertools.chain(head, pieces), pool, writer, window=window)
        finally:
            pool.shutdown()


def _run_here(pieces: Iterator[Chunk], ruleset: Ruleset, options: BatchOptions, writer: Writer) -> None:
    worker = Worker(
        ruleset, options.output, detail=options.detail, ask_next=options.ask_next, setting=options.setting
    )
    try:
        for chunk in pieces:
            writer.write_evaluated(worker.process(chunk))
    finally:
        worker.close()


def process_pool(ruleset: Ruleset, options: BatchOptions, spool: str) -> ExecutorFactory:
    """Worker processes started fresh (forked from the fork server, :mod:`cdss.batch.forkserver`, else
    spawned: never a fork of a process with an engine), which leave the texts of their lines in the folder
    ``spool``."""
    context = forkserver.context(options.output)

    def start() -> Executor:
        return ProcessPoolExecutor(
            max_workers=options.jobs,
            mp_context=context,
            initializer=start_worker,
            initargs=(ruleset, options.output, options.detail, options.ask_next, options.setting, spool),
        )

    return start


class _Pool:
    """An executor that is replaced when its processes die, and gives up if they die for nothing."""

    def __init__(self, start: ExecutorFactory) -> None:
        self._start = start
        self._executor = start()
        self._fruitless = 0

    def submit(self, chunk: Chunk) -> Future[Spooled]:
        try:
            return self._executor.submit(process_chunk, chunk)
        except BrokenProcessPool:
            self._fruitless += 1
            if self._fruitless > _MAX_FRUITLESS_RESTARTS:
                raise BatchAbortedError(
                    "the worker processes keep stopping; try --jobs 1 to see why"
                ) from None
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = self._start()
            return self._executor.submit(process_chunk, chunk)

    def succeeded(self) -> None:
        self._fruitless = 0

    def shutdown(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)


def _run_pool(pieces: Iterator[Chunk], pool: _Pool, writer: Writer, *, window: int) -> None:
    pending: dict[Future[Spooled], Chunk] = {}
    for chunk in pieces:
        if len(pending) >= window:
            _drain(pending, pool, writer)
        pending[pool.submit(chunk)] = chunk
    while pending:
        _drain(pending, pool, writer)


def _drain(pending: dict[Future[Spooled], Chunk], pool: _Pool, writer: Writer) -> None:
    """Write the oldest chunk once it is finished, and every finished chunk that follows it in order."""
    wait([next(iter(pending))])
    for future in list(itertools.takewhile(Future.done, pending)):
        chunk = pending.pop(future)
        try:
            spooled = future.result()
        except BrokenProcessPool:
            problem = FieldProblem((), "worker_crashed", _CRASHED)
        except Exception as error:  # e.g. a result that could not be sent back: the cases are still reported
            problem = FieldProblem((), "internal_error", f"{type(error).__name__}: {error}")
        else:
            pool.succeeded()
            writer.write_spooled(spooled)
            continue
        writer.write(writer.failure(item.seq, None, item.source, problem) for item in chunk)
