"""Parquet output: the lean lines of a batch as a typed table, written in row groups as results arrive.

The schema is derived from the line models, so it follows them: one row per input case, with the columns
of a lean line (:class:`cdss.batch.schemas.LeanLine`) and of an error line, typed:

- ``id``, ``source``, ``detail`` (``lean``; null on an error row), ``triage``: strings;
- ``red_flags``: list of struct ``rule``, ``condition``, ``triage``;
- ``differential``: list of struct ``condition``, ``probability`` (double), ``ranked_first_by``,
  ``supporting`` and ``refuting`` (each a list of struct ``rule``, ``applied_ratio``, ``probability``);
- ``warnings``: list of struct ``rule``, ``message``, ``findings``;
- ``fired_rules``: list of strings;
- ``findings``: struct with one field per finding of the case format (and age and sex), typed by its kind:
  boolean for yes/no findings, string for choices, double for numbers; null when the finding was not
  examined or no fired rule reads it;
- ``ruleset_name``, ``ruleset_version``, ``ruleset_sha256``: strings (null on an error row);
- ``error_kind``, ``error_field``, ``error_problem``: strings, null on a result row; ``error_problems``:
  list of struct ``field``, ``kind``, ``problem``.

Ask-next is not a column: it is not computed in a lean run. ``python -c 'import cdss.batch.parquet as p;
print(p.PARQUET_SCHEMA)'`` prints the schema.

The rows hold what the lean lines hold, but no JSON is written for a result: each worker builds its
chunk's result rows as Arrow columns straight from the engine (:mod:`cdss.batch.arrow_rows`) and hands
them back as Arrow IPC; the parent reads them without copying, makes the error rows (a case's error, or
a result whose id is repeated) from their error lines (:func:`chunk_table`), and writes row groups as the
chunks arrive (:class:`ParquetSink`), so memory stays flat: one row group at a time. Each row group
carries statistics (minimum, maximum, null count) for the top-level columns, which readers use to skip row
groups when filtering (say on ``triage``); not for the nested ones, where writing them cost about a tenth
of the writer's time (1.4 of 12.7 µs a case on 100,000 generated cases) for filters nobody writes.
"""

from __future__ import annotations

import io
import types
import typing
from collections.abc import Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Annotated, Any, BinaryIO, Literal, get_args, get_origin

import pyarrow as pa
import pyarrow.json as pa_json
import pyarrow.parquet as pq
from pydantic import BaseModel

from cdss.batch.lines import ErrorDetail
from cdss.batch.schemas import LeanLine
from cdss.engine.assessment import FindingValue
from cdss.rules.attributes import ATTRIBUTES

ROWS_PER_GROUP = 4_096
"""Rows per row group. 100,000 generated cases, when the rows were still read back from lean lines: the
largest process peaked at 250 MiB with 4,096 against 470 MiB with 16,384, at the same speed, for 8 % more
bytes (253 against 234 per case)."""
_KINDS = {"bool": pa.bool_(), "choice": pa.string(), "number": pa.float64()}
_SCALARS: dict[object, pa.DataType] = {
    str: pa.string(),
    float: pa.float64(),
    int: pa.int64(),
    bool: pa.bool_(),
}
FINDINGS = pa.struct([pa.field(name, _KINDS[spec.kind]) for name, spec in ATTRIBUTES.items()])
"""A findings dictionary as a struct: one typed field per finding the case format knows."""
_FLATTENED = ("ruleset", "error")


def arrow_type(annotation: Any) -> pa.DataType:
    """The Arrow type of a model field's annotation: models become structs, lists and tuples lists,
    optional values nullable (every Arrow field is), literals strings, a findings mapping :data:`FINDINGS`."""
    inner = _unwrapped(annotation)
    if inner is not annotation:
        return arrow_type(inner)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return pa.struct([pa.field(name, arrow_type(field.annotation)) for name, field in fields(annotation)])
    origin, args = get_origin(annotation), get_args(annotation)
    if origin in (list, tuple):  # a tuple of models is tuple[Model, ...]
        return pa.list_(arrow_type(args[0]))
    if origin in (dict, Mapping) and args == (str, FindingValue):
        return FINDINGS
    scalar = _SCALARS.get(str if origin is Literal else annotation)
    if scalar is None:
        raise TypeError(f"no Arrow type for {annotation!r}")
    return scalar


def _unwrapped(annotation: Any) -> Any:
    """The annotation inside ``Annotated[X, ...]`` or ``X | None``; else the annotation itself."""
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is Annotated:
        return args[0]
    present = [arg for arg in args if arg is not type(None)]
    if origin in (types.UnionType, typing.Union) and len(present) == 1:
        return present[0]
    return annotation


def fields(model: type[BaseModel]) -> list[tuple[str, Any]]:
    return list(model.model_fields.items())


def _line_schema() -> pa.Schema:
    """What the JSON reader is told a line holds: every column, ``ruleset`` and ``error`` as structs."""
    result = [
        pa.field(name, arrow_type(field.annotation))
        for name, field in fields(LeanLine)
        if name not in ("id", "source", "detail", "ask_next")
    ]
    head = [pa.field(name, pa.string()) for name in ("id", "source", "detail")]
    return pa.schema([*head, *result, pa.field("error", arrow_type(ErrorDetail))])


LINE_SCHEMA = _line_schema()


def _flat(schema: pa.Schema) -> pa.Schema:
    columns: list[pa.Field[pa.DataType]] = []
    for field in schema:
        if field.name in _FLATTENED:
            columns += [pa.field(f"{field.name}_{child.name}", child.type) for child in field.type]
        else:
            columns.append(field)
    return pa.schema(columns)


PARQUET_SCHEMA = _flat(LINE_SCHEMA)
"""The columns of the Parquet file: :data:`LINE_SCHEMA` with ``ruleset`` and ``error`` as flat columns."""


def lines_table(lines: bytes) -> pa.Table:
    """The rows of lean or error lines (JSON Lines), read with Arrow's JSON reader. A run uses it only for
    its error rows, a slow path for few rows (a result's row is built in the worker without JSON:
    :mod:`cdss.batch.arrow_rows`); tests check that both make the same rows."""
    table = pa_json.read_json(
        io.BytesIO(lines),
        read_options=pa_json.ReadOptions(use_threads=False, block_size=len(lines) + 1),
        parse_options=pa_json.ParseOptions(explicit_schema=LINE_SCHEMA, unexpected_field_behavior="ignore"),
    )
    columns: list[pa.ChunkedArray[Any]] = []
    for name in LINE_SCHEMA.names:
        column = table.column(name)
        columns += column.flatten() if name in _FLATTENED else [column]
    return pa.Table.from_arrays(columns, schema=PARQUET_SCHEMA)


def chunk_table(rows: bytes, spooled: Sequence[bytes], written: Sequence[bytes]) -> pa.Table:
    """A chunk's rows in input order: the result rows a worker built (an Arrow IPC stream; empty for
    none), with each line that is written as an error (a text in ``written``) made into its error row. A
    result whose id turned out repeated has its row in ``rows`` (its ``spooled`` text is empty) and an
    error line in ``written``: its row is replaced. Rows are sliced, never copied."""
    built = pa.ipc.open_stream(rows).read_all() if rows else PARQUET_SCHEMA.empty_table()
    if not any(written):
        return built
    joined = pa.concat_tables([built, lines_table(b"".join(written))])
    slices, start, end, result, error = [], 0, 0, 0, built.num_rows
    for before, after in zip(spooled, written, strict=True):
        pick = error if after else result
        if pick != end:  # a new run of consecutive rows of the joined table
            slices.append(joined.slice(start, end - start))
            start = pick
        end = pick + 1
        error += bool(after)
        result += not before
    slices.append(joined.slice(start, end - start))
    return pa.concat_tables(slices)


_WITH_STATISTICS = [field.name for field in PARQUET_SCHEMA if not pa.types.is_nested(field.type)]
"""The columns whose row groups carry statistics: the top-level ones that are not lists or structs."""


class ParquetSink:
    """Writes the rows of a Parquet batch run (a :class:`cdss.batch.run.RowSink`) in row groups of
    ``rows_per_group`` rows, in input order, as the chunks arrive.

    A chunk's result rows arrive as Arrow IPC (read without copying) from the worker that built them
    (:mod:`cdss.batch.arrow_rows`); error rows are made here from their lines (:func:`chunk_table`). A
    full row group is written on a thread of its own (Arrow's writer releases the GIL), so the run goes on
    feeding its workers meanwhile; at most one row group is being written while the next one fills, so
    memory stays bounded.
    """

    def __init__(self, file: BinaryIO, rows_per_group: int = ROWS_PER_GROUP) -> None:
        self._writer = pq.ParquetWriter(
            file, PARQUET_SCHEMA, compression="zstd", write_statistics=_WITH_STATISTICS
        )
        self._held: list[pa.Table] = []
        self._count = 0
        self._rows_per_group = rows_per_group
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="parquet")
        self._writing: Future[None] | None = None

    def write_rows(self, rows: bytes, spooled: Sequence[bytes], written: Sequence[bytes]) -> None:
        """Take a chunk (see :func:`chunk_table`); write a row group each time enough rows are held."""
        table = chunk_table(rows, spooled, written)
        self._held.append(table)
        self._count += table.num_rows
        while self._count >= self._rows_per_group:
            self.flush()

    def flush(self) -> None:
        """Start writing the next row group of the rows held (all of them when fewer), once the previous
        one is written."""
        if not self._count:
            return
        held = pa.concat_tables(self._held)
        group = held.slice(0, self._rows_per_group)
        rest = held.slice(self._rows_per_group)
        self._held, self._count = [rest], rest.num_rows
        self._wait()
        self._writing = self._thread.submit(self._write, group)

    def _write(self, group: pa.Table) -> None:
        """Write a row group, its columns made contiguous first: the writer is slower on many small
        pieces (as a chunk with error rows is made of) than the copy costs."""
        self._writer.write_table(group.combine_chunks(), self._rows_per_group)

    def _wait(self) -> None:
        if self._writing is not None:
            self._writing.result()  # raises what writing the row group raised
            self._writing = None

    def close(self) -> None:
        """Write what is left and the file's footer."""
        try:
            while self._count:
                self.flush()
            self._wait()
        finally:
            self._thread.shutdown()
            self._writer.close()
