"""The lines a batch writes: one per input case, a result or an error, as JSON Lines or CSV rows.

A result line is, by default, lean: the case's conclusions by reference (:class:`cdss.Summary`: rule ids
and weights, no texts) with ``"source"`` and ``"detail": "lean"`` added after ``"id"``; with detail
``full`` it is the whole assessment (``cdss schema assessment``) with ``"source"`` and ``"detail": "full"``.
An error line is an :class:`ErrorLine`. ``cdss schema batch-line`` and ``batch-line-full`` print the JSON
Schema of each kind of line (:mod:`cdss.batch.schemas`). Parquet output holds what the lean lines hold,
as rows built straight from the engine (:mod:`cdss.batch.arrow_rows`); its error rows are made from the
error lines (:mod:`cdss.batch.parquet`). Besides the text, every line carries a small
:class:`CaseRecord` from which the summary and the validation report are computed, so the parent never
parses the lines it writes.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import Literal, NamedTuple, Protocol

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from cdss.case.findings import CLASS_INDEX, CLASSES, OTHER, Case
from cdss.engine.assessment import DECIMALS, Assessment
from cdss.engine.conclusions import Conclusions
from cdss.engine.engine import Engine
from cdss.errors import FieldProblem

Format = Literal["jsonl", "csv", "parquet"]
Detail = Literal["lean", "full"]
TOP_K = 3
MAX_TEXT = 500
_OUT = ConfigDict(extra="forbid", frozen=True)
_SCALE = 10**DECIMALS
_OTHER_INDEX = CLASS_INDEX[OTHER]


def clean(text: str, limit: int | None = MAX_TEXT) -> str:
    """Text that can be written as UTF-8: lone surrogates (from undecodable file names or JSON escapes)
    become backslash escapes; with a limit, over-long text is cut with an ellipsis."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text if limit is None or len(text) <= limit else text[: limit - 3] + "..."


def writable_id(case_id: str | None) -> str | None:
    """The id itself if it can be written as it is, else None: an error line never shows a mangled id."""
    return case_id if case_id is not None and clean(case_id, None) == case_id else None


class ProblemItem(BaseModel):
    """One thing wrong with the case."""

    model_config = _OUT

    field: str = Field(
        description="Dotted path of the offending key, e.g. findings.slr; empty for the whole case."
    )
    kind: str = Field(description="Stable kind, e.g. unknown_key, missing, bool_type, finite_number.")
    problem: str = Field(description="One line a person can act on.")


class ErrorDetail(BaseModel):
    """Why the case has no assessment: the first problem, then every problem found."""

    model_config = _OUT

    kind: str = Field(
        description="Stable kind of the first problem: invalid_syntax, not_utf8, empty, unreadable, "
        "vanished, too_large, not_an_object, unknown_key, missing, duplicate_id, evaluation_failed, "
        "worker_crashed, internal_error, or a validation kind such as bool_type or finite_number."
    )
    field: str = Field(description="Dotted path of the first problem's key; empty for the whole case.")
    problem: str = Field(description="The first problem in one line, with a count of any others.")
    problems: list[ProblemItem] = Field(description="Every problem found, not only the first.")


class ErrorLine(BaseModel):
    """The line written for an input case that could not be read, validated or evaluated."""

    model_config = _OUT

    id: str | None = Field(description="The case id when one could be read, else null.")
    source: str = Field(
        description="The file the case came from, with :LINE for a line of a JSON Lines file."
    )
    error: ErrorDetail

    @classmethod
    def of(cls, case_id: str | None, source: str, problems: Sequence[FieldProblem]) -> ErrorLine:
        items = [ProblemItem(field=clean(p.field), kind=p.kind, problem=clean(p.message)) for p in problems]
        first = items[0]
        more = f" (and {len(items) - 1} more)" if len(items) > 1 else ""
        detail = ErrorDetail(kind=first.kind, field=first.field, problem=first.problem + more, problems=items)
        return cls(id=writable_id(case_id), source=clean(source, None), error=detail)


def class_probabilities(differential: Iterable[tuple[str, float]]) -> tuple[int, ...]:
    """The probability of each of the six classes (:data:`cdss.case.findings.CLASSES`, a mimic counting as
    ``other``) in units of ``10**-DECIMALS``, the precision of an assessment: whole numbers, so that sums
    over a batch are exact and do not depend on the order lines arrive in."""
    units = [0] * len(CLASSES)
    index = CLASS_INDEX.get
    for condition, probability in differential:
        units[index(condition, _OTHER_INDEX)] += round(probability * _SCALE)
    return tuple(units)


class CaseRecord(NamedTuple):
    """What the summary needs to know about one line: the outcome, never the whole assessment."""

    triage: str | None
    top: tuple[str, ...]
    red_flag: bool
    expected: str | None
    red_flag_expected: bool | None = None
    classes: tuple[int, ...] = ()
    error: str | None = None
    problem: str | None = None

    @classmethod
    def failed(cls, detail: ErrorDetail) -> CaseRecord:
        return cls(None, (), False, None, error=detail.kind, problem=detail.problem)


class Outcome(NamedTuple):
    """One written line: its place in the input order, the case id (None when unknown), text and record."""

    seq: int
    case_id: str | None
    source: str
    text: bytes
    record: CaseRecord


class Rendered(NamedTuple):
    """What a format makes of one case's evaluation: the body of its line and what the summary needs."""

    body: bytes
    triage: str
    top: tuple[str, ...]
    red_flag: bool
    classes: tuple[int, ...]


def rendered(body: bytes, conclusions: Conclusions) -> Rendered:
    """A body with what the summary needs to know of the conclusions it states."""
    ranked = conclusions.ranked
    return Rendered(
        body,
        conclusions.triage,
        tuple(condition for condition, _ in ranked[:TOP_K]),
        bool(conclusions.red_flags),
        class_probabilities(ranked),
    )


class Formatter(Protocol):
    """Renders lines as UTF-8 bytes (encoded where the work is parallel, in the workers). ``render``
    evaluates a case as far as the format needs; ``result`` adds the per-case parts to its body."""

    def header(self) -> bytes: ...

    def render(self, engine: Engine, case: Case) -> Rendered: ...

    def result(self, case_id: str, source: str, expected: str | None, body: bytes, /) -> bytes: ...

    def error(self, line: ErrorLine) -> bytes: ...

    def rows(self) -> bytes:
        """The rows of the results rendered since the last call (Parquet: :mod:`cdss.batch.arrow_rows`)."""
        ...


_ASSESSMENT_JSON = TypeAdapter(Assessment)
_UNESCAPED = json.JSONEncoder(ensure_ascii=False).encode
"""``json.dumps(text, ensure_ascii=False)``, without building an encoder at every call."""
_ERROR_JSON = TypeAdapter(ErrorLine)


def error_json(line: ErrorLine) -> bytes:
    """An error line as JSON Lines write it."""
    return _ERROR_JSON.dump_json(line) + b"\n"


class JsonLines:
    """One JSON object per line: the lean summary or the full assessment, with source and detail added;
    or an :class:`ErrorLine`. Ask-next is computed only when asked for; otherwise it says "not_computed"."""

    def __init__(self, detail: Detail = "lean", ask_next: bool = False) -> None:
        self.detail = detail
        self.ask_next = ask_next
        self._detail = b',"detail":"' + detail.encode() + b'",'

    def header(self) -> bytes:
        return b""

    def render(self, engine: Engine, case: Case) -> Rendered:
        if self.detail == "lean":
            lean = engine.lean(case, ask_next=self.ask_next)
            return rendered(lean.body, lean.conclusions)
        assessment = engine.evaluate(case, ask_next=self.ask_next)
        differential = assessment.differential
        return Rendered(
            _ASSESSMENT_JSON.dump_json(assessment, exclude={"id"}),
            assessment.triage,
            tuple(entry.condition for entry in differential[:TOP_K]),
            bool(assessment.red_flags),
            class_probabilities((entry.condition, entry.probability) for entry in differential),
        )

    def result(self, case_id: str, source: str, _expected: str | None, body: bytes, /) -> bytes:
        head = '{"id":' + _UNESCAPED(case_id) + ',"source":' + json.dumps(clean(source, None))
        return b"".join((head.encode(), self._detail, body[1:], b"\n"))

    def error(self, line: ErrorLine) -> bytes:
        return error_json(line)

    def rows(self) -> bytes:
        return b""


CSV_COLUMNS = (
    "id", "source", "status", "triage", "red_flags",
    *(f"top{rank}{part}" for rank in range(1, TOP_K + 1) for part in ("", "_probability")),
    "fired_rules", "ruleset_name", "ruleset_version", "ruleset_sha256",
    "expected", "error_kind", "error_field", "error_problem",
)  # fmt: skip
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe(cell: str) -> str:
    """A text cell that a spreadsheet will not run as a formula (OWASP CSV injection)."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def _csv(cells: Sequence[object]) -> str:
    """The cells as one CSV row without its line end, each quoted as the csv module needs: a cell holding a
    separator, a quote, a newline or a carriage return (the csv module quotes line-end characters only
    when they are in its line terminator, hence "\r\n", cut off after)."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(cells)
    return buffer.getvalue()[:-2]


class CsvRows:
    """A flat table for spreadsheets: one row per case, the top three conditions with their probabilities
    as the assessment states them, the red-flag and fired rule ids, the ruleset; errors in their columns."""

    def header(self) -> bytes:
        return _csv(CSV_COLUMNS).encode() + b"\n"

    def render(self, engine: Engine, case: Case) -> Rendered:
        """Only the conclusions are written, so only they are evaluated (:meth:`cdss.Engine.conclude`)."""
        conclusions = engine.conclude(case)
        top: list[object] = []
        for condition, probability in conclusions.ranked[:TOP_K]:
            top += [condition, probability]
        top += [""] * (2 * TOP_K - len(top))
        info = engine.ruleset.info
        cells = [
            conclusions.triage,
            " ".join(conclusions.red_flags),
            *top,
            " ".join(conclusions.fired_rules),
            info.name,
            info.version,
            engine.ruleset.sha256,
        ]
        return rendered(clean(_csv(cells), None).encode(), conclusions)

    def result(self, case_id: str, source: str, expected: str | None, body: bytes, /) -> bytes:
        head = clean(_csv([_safe(case_id), _safe(source), "ok"]), None).encode()
        return b",".join((head, body, _csv([expected or "", "", "", ""]).encode())) + b"\n"

    def error(self, line: ErrorLine) -> bytes:
        detail = line.error
        cells = [_safe(line.id or ""), _safe(line.source), "error", *[""] * (6 + 2 * TOP_K), "",
                 detail.kind, _safe(detail.field), _safe(detail.problem)]  # fmt: skip
        return _csv(cells).encode() + b"\n"

    def rows(self) -> bytes:
        return b""


def formatter(name: Format, detail: Detail = "lean", ask_next: bool = False) -> Formatter:
    """The formatter of an output format. Parquet rows are built as Arrow columns
    (:mod:`cdss.batch.arrow_rows`, imported only then: pyarrow is an optional extra); only JSON Lines carry
    the full detail or ask-next (the command refuses the other combinations)."""
    if name == "parquet":
        from cdss.batch.arrow_rows import ArrowRows  # noqa: PLC0415 - optional extra, and it imports this

        return ArrowRows()
    return CsvRows() if name == "csv" else JsonLines(detail, ask_next)
