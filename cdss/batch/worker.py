"""Turning work items into lines: read, validate, evaluate and render, one engine per process.

A :class:`Worker` builds its engine once and evaluates every case: results are not cached by findings (on
distinct cases a cache of recent finding sets was never hit and cost its key and upkeep on every case).
Every failure of one case becomes that case's error line: nothing a case contains stops the run.

A chunk's lines come out as :class:`Evaluated`: the outcomes in input order and, for Parquet, the chunk's
result rows as an Arrow IPC stream (:mod:`cdss.batch.arrow_rows`). A pool task hands them back spooled
(:class:`Spooled`): the rows and the texts in a file of the run's spool folder, plain tuples for the
rest; the parent reads them back in input order.
"""

from __future__ import annotations

import gc
import os
import signal
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from cdss.batch.inputs import WorkItem, load_item
from cdss.batch.lines import (
    CaseRecord,
    Detail,
    ErrorLine,
    Format,
    Formatter,
    Outcome,
    clean,
    formatter,
)
from cdss.case.findings import Case
from cdss.case.validate import validate_case
from cdss.engine.engine import Engine
from cdss.errors import CaseError, EvaluationError, FieldProblem
from cdss.rules.model import Ruleset

_MAX_ID_LENGTH = 200


def readable_id(data: object) -> str | None:
    """The case id if the input has a usable one (a non-empty string of sensible length), else None."""
    if isinstance(data, Mapping):
        case_id = data.get("id")
        if isinstance(case_id, str) and 0 < len(case_id) <= _MAX_ID_LENGTH:
            return case_id
    return None


class Evaluated(NamedTuple):
    """The lines of a chunk of items, in input order. For Parquet, a result's text is empty and its row is
    in ``rows``, the chunk's result rows (in order) as an Arrow IPC stream; an error's text is its JSON
    line, from which the parent makes its row. Empty ``rows`` for a line format: no rows."""

    outcomes: list[Outcome]
    rows: bytes = b""


class Worker:
    """Evaluates work items into output lines with one engine, built once."""

    def __init__(
        self,
        ruleset: Ruleset,
        output: Format,
        *,
        detail: Detail = "lean",
        ask_next: bool = False,
        setting: str | None = None,
    ) -> None:
        self._engine = Engine(ruleset, setting=setting)
        self.format: Formatter = formatter(output, detail, ask_next)

    def process(self, items: Sequence[WorkItem]) -> Evaluated:
        """The lines of the items, in their order, with their table rows (Parquet). If the rows cannot be
        built (a defect, not the input's fault), each result of the chunk becomes an error; the run goes
        on."""
        outcomes = [self.one(item) for item in items]
        try:
            return Evaluated(outcomes, self.format.rows())
        except Exception as error:
            problem = FieldProblem((), "internal_error", f"{type(error).__name__}: {error}")
            failed = [outcome if outcome.record.error else self.failure(item, outcome.case_id, [problem])
                      for item, outcome in zip(items, outcomes, strict=True)]  # fmt: skip
            return Evaluated(failed)

    def one(self, item: WorkItem) -> Outcome:
        """The line for one item: its result, or its error line. Never raises for anything in the input."""
        case_id: str | None = None
        try:
            data = load_item(item)
            case_id = readable_id(data)
            case = validate_case(data, label=item.source)
            return self._result(item, case)
        except CaseError as error:
            return self.failure(item, case_id, error.problems)
        except EvaluationError as error:
            return self.failure(item, case_id, [FieldProblem((), "evaluation_failed", str(error))])
        except Exception as error:  # a defect, not the input's fault: reported on the case, the run goes on
            problem = FieldProblem((), "internal_error", f"{type(error).__name__}: {error}")
            return self.failure(item, case_id, [problem])

    def failure(self, item: WorkItem, case_id: str | None, problems: Sequence[FieldProblem]) -> Outcome:
        line = ErrorLine.of(case_id, item.source, problems)
        return Outcome(item.seq, line.id, line.source, self.format.error(line), CaseRecord.failed(line.error))

    def _result(self, item: WorkItem, case: Case) -> Outcome:
        if case.id is None:
            raise CaseError(
                item.source, [FieldProblem(("id",), "missing", "is required in a batch (a unique case id)")]
            )
        rendered = self.format.render(self._engine, case)
        text = self.format.result(case.id, item.source, case.expected, rendered.body)
        record = CaseRecord(
            rendered.triage,
            rendered.top,
            rendered.red_flag,
            case.expected,
            case.red_flag_expected,
            rendered.classes,
        )
        return Outcome(item.seq, case.id, clean(item.source, None), text, record)

    def close(self) -> None:
        self._engine.close()


_PROCESS: dict[str, Worker] = {}
"""The worker of a pool process, set by :func:`start_worker`: the only per-process state, by necessity."""
_SPOOL: dict[str, str] = {}
"""The folder where the pool process leaves its chunks' texts, set by :func:`start_worker`."""


def start_worker(  # noqa: PLR0917 - a pool initializer receives its arguments by position
    ruleset: Ruleset, output: Format, detail: Detail, ask_next: bool, setting: str | None, spool: str
) -> None:
    """Pool initializer: build this process' engine once. Ctrl-C is left to the parent, which stops the
    pool cleanly (a worker interrupted mid-chunk would only print a traceback). A Parquet worker goes
    without pandas (:mod:`cdss.batch.without_pandas`): the process is the batch's own."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if output == "parquet":
        from cdss.batch.without_pandas import settle_without_pandas  # noqa: PLC0415 - optional extra

        settle_without_pandas()
    _PROCESS["worker"] = Worker(ruleset, output, detail=detail, ask_next=ask_next, setting=setting)
    _SPOOL["folder"] = spool
    gc.freeze()  # the engine lives as long as the process: the garbage collector need not walk it again


class Spooled(NamedTuple):
    """The lines of a chunk as a pool task hands them back: their rows (Parquet) then their texts joined in
    a file of the run's spool folder, the rows' length, each text's length, and each line's other fields
    (an :class:`Outcome` without its text, its record as a plain tuple). Through the pool's pipe, a chunk
    of lean lines (about 1.4 MB) cost the parent about 10 µs a case to receive and unpickle, and one named
    tuple per line as much again to pickle and unpickle; through a file and plain tuples, about a tenth."""

    path: str
    rows: int
    lengths: list[int]
    rest: list[tuple[int, str | None, str, tuple[object, ...]]]

    @classmethod
    def of(cls, evaluated: Evaluated, folder: str) -> Spooled:
        """Write the rows and texts of a chunk's lines (numbered from their first) to ``folder``."""
        outcomes = evaluated.outcomes
        path = os.path.join(folder, f"{outcomes[0].seq}.lines")
        with open(path, "wb") as file:
            file.write(b"".join([evaluated.rows, *[outcome.text for outcome in outcomes]]))
        return cls(
            path,
            len(evaluated.rows),
            [len(outcome.text) for outcome in outcomes],
            [(outcome.seq, outcome.case_id, outcome.source, tuple(outcome.record)) for outcome in outcomes],
        )

    def take(self) -> bytes:
        """The file's content (the rows, then the texts); the file is removed."""
        with open(self.path, "rb") as file:
            data = file.read()
        os.unlink(self.path)
        return data

    def texts(self, data: bytes) -> list[bytes]:
        """Each line's text, cut from the file's content."""
        texts, start = [], self.rows
        for length in self.lengths:
            texts.append(data[start : start + length])
            start += length
        return texts

    def evaluated(self, data: bytes) -> Evaluated:
        """The lines as they were before spooling, from the file's content."""
        return Evaluated(
            [
                Outcome(seq, case_id, source, text, CaseRecord._make(record))
                for text, (seq, case_id, source, record) in zip(self.texts(data), self.rest, strict=True)
            ],
            data[: self.rows],
        )


def process_chunk(items: Sequence[WorkItem]) -> Spooled:
    """Pool task: the lines of a chunk of items (never empty), in the chunk's order, spooled."""
    return Spooled.of(_PROCESS["worker"].process(items), _SPOOL["folder"])
