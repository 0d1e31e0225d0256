"""Turning work items into lines: read, validate, evaluate and render, one engine per process.

A :class:`Worker` builds its engine once. It keeps the rendered result of recent finding sets (keyed by
the examined findings, age and sex: everything an assessment depends on besides its one ruleset),
so a case whose findings were seen before costs a validation and a string join, not an evaluation and a
serialisation. The answer is the same either way; only the id and source differ between such cases.

Every failure of one case becomes that case's error line: nothing a case contains stops the run.
"""

from __future__ import annotations

import gc
import signal
from collections import OrderedDict
from collections.abc import Mapping, Sequence

from cdss.batch.inputs import WorkItem, load_item
from cdss.batch.lines import (
    CaseRecord,
    Detail,
    ErrorLine,
    Format,
    Formatter,
    Outcome,
    Rendered,
    clean,
    formatter,
)
from cdss.case.findings import Case
from cdss.case.validate import validate_case
from cdss.engine.engine import Engine
from cdss.errors import CaseError, EvaluationError, FieldProblem
from cdss.rules.model import Ruleset

FactKey = tuple[tuple[str, type, object], ...]
DEFAULT_CACHE_SIZE = 2048
_MAX_ID_LENGTH = 200


def fact_key(case: Case) -> FactKey:
    """What an assessment depends on besides the ruleset: the examined facts, each with its type (1 is not
    True, 45 prints otherwise than 45.0), in the order the case model gives every fact."""
    return tuple((name, type(value), value) for name, value in case.to_fact().items())


def readable_id(data: object) -> str | None:
    """The case id if the input has a usable one (a non-empty string of sensible length), else None."""
    if isinstance(data, Mapping):
        case_id = data.get("id")
        if isinstance(case_id, str) and 0 < len(case_id) <= _MAX_ID_LENGTH:
            return case_id
    return None


class Worker:
    """Evaluates work items into output lines with one engine, built once."""

    def __init__(
        self,
        ruleset: Ruleset,
        output: Format,
        cache_size: int = DEFAULT_CACHE_SIZE,
        *,
        detail: Detail = "lean",
        ask_next: bool = False,
        setting: str | None = None,
    ) -> None:
        self._engine = Engine(ruleset, setting=setting, cache_size=0)  # lines are cached here instead
        self.format: Formatter = formatter(output, detail, ask_next)
        self._cache: OrderedDict[FactKey, Rendered] = OrderedDict()
        self._cache_size = cache_size
        self.hits = 0

    def process(self, items: Sequence[WorkItem]) -> list[Outcome]:
        return [self.one(item) for item in items]

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
        rendered = self._rendered(case)
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

    def _rendered(self, case: Case) -> Rendered:
        key = fact_key(case)
        rendered = self._cache.get(key)
        if rendered is not None:
            self._cache.move_to_end(key)
            self.hits += 1
            return rendered
        rendered = self.format.render(self._engine, case)
        if self._cache_size:
            self._cache[key] = rendered
            if len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return rendered

    def close(self) -> None:
        self._engine.close()


_PROCESS: dict[str, Worker] = {}
"""The worker of a pool process, set by :func:`start_worker`: the only per-process state, by necessity."""


def start_worker(  # noqa: PLR0917 - a pool initializer receives its arguments by position
    ruleset: Ruleset, output: Format, cache_size: int, detail: Detail, ask_next: bool, setting: str | None
) -> None:
    """Pool initializer: build this process' engine once. Ctrl-C is left to the parent, which stops the
    pool cleanly (a worker interrupted mid-chunk would only print a traceback)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _PROCESS["worker"] = Worker(
        ruleset, output, cache_size, detail=detail, ask_next=ask_next, setting=setting
    )
    gc.freeze()  # the engine lives as long as the process: the garbage collector need not walk it again


def process_chunk(items: Sequence[WorkItem]) -> list[Outcome]:
    """Pool task: the lines of a chunk of items, in the chunk's order."""
    return _PROCESS["worker"].process(items)
