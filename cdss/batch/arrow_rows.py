"""The Parquet rows of a chunk, built in the worker as Arrow columns straight from the engine's standing.

A lean line is mostly references that depend only on the ruleset and the setting: a counted rule's
``{rule, applied_ratio}`` on a cause, a red flag's ``{rule, condition, triage}``, a cause's name, the
ruleset's stamp. :class:`ArrowRows` makes each of them once, as an Arrow array, when it first meets an
engine (:class:`_Constants`); per case it collects only integers (which references), numbers and the few
texts of the case (id, source, triage, the recommendation's rule and the conditions not to be missed, as
the engine's summary gives them, fired rules, findings read) into flat lists, and per chunk it
builds the columns of :data:`cdss.batch.parquet.PARQUET_SCHEMA` with ``take`` and ``from_arrays``. The
differential's references are chosen per chunk with numpy, as :func:`cdss.engine.conclusions.by_cause`
chooses them per case: for each ranked cause, the counted rules (in the order they are counted) whose
factor lists them for it, or against it. No JSON text is written for a result. The rows hold what the
lean line of the case holds, value for value (tests compare them with the JSON Lines of the same run).

The chunk's result rows go back to the parent as one record batch in Arrow's IPC stream format
(:meth:`ArrowRows.rows`), which the parent reads without copying. An error row is not built here: its
outcome carries the error line's JSON, as in a JSON Lines run, and the parent makes the row of it
(:func:`cdss.batch.parquet.chunk_table`), as it does for a result whose id is repeated.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

import numpy as np
import pyarrow as pa

from cdss.batch.lines import ErrorLine, Rendered, clean, error_json, rendered
from cdss.batch.parquet import PARQUET_SCHEMA
from cdss.case.findings import Case
from cdss.engine.engine import Engine

_ENTRY: pa.StructType = PARQUET_SCHEMA.field("differential").type.value_type
_REF: pa.StructType = _ENTRY.field("supporting").type.value_type
_FLAG: pa.StructType = PARQUET_SCHEMA.field("red_flags").type.value_type
_WARNING: pa.DataType = PARQUET_SCHEMA.field("warnings").type.value_type
_FINDINGS: pa.StructType = PARQUET_SCHEMA.field("findings").type
_STAMP = ("name", "version", "sha256")


class _Case(NamedTuple):
    """What a result row holds that depends on the case, as plain values and indices."""

    triage: str
    flags: list[int]
    """The fired red flags, as numbers of the red-flag references (most urgent first)."""
    recommendation: str | None
    """The most urgent fired red flag's rule, whose recommendation is the patient's."""
    not_to_be_missed: list[str]
    """The conditions not to be missed that its red flags raise, most urgent first."""
    columns: list[int]
    """The ranked causes, as the scorer's columns."""
    probabilities: list[float]
    first_by: list[tuple[int, str]]
    """The ranked causes an emergency red flag put first (by rank), each with its rule."""
    counted: list[int]
    """The counted rules, as numbers of the weighing rules, in the order they are counted."""
    warnings: list[dict[str, Any]]
    fired_rules: tuple[str, ...]
    findings: Mapping[str, object]


class _Constants:
    """What depends only on the engine's ruleset and setting, made once: the references as Arrow arrays,
    and for every weighing rule and cause the side it is listed on and the number of its reference."""

    def __init__(self, engine: Engine) -> None:
        summariser = engine.summariser
        self.engine = engine
        self.index = engine.rule_index
        self.summariser = summariser
        self.flag_number = {rule_id: number for number, (rule_id, _) in enumerate(summariser.flags)}
        self.flags = pa.array([ref for _, ref in summariser.flags], type=_FLAG)
        self.width = summariser.columns
        self.rule_number = {rule_id: number for number, rule_id in enumerate(summariser.sides)}
        size = len(summariser.sides) * self.width
        self.side, self.ref = np.zeros(size, dtype=np.int8), np.zeros(size, dtype=np.int32)
        refs: list[dict[str, object]] = []
        for rule_id, (ups, downs) in summariser.sides.items():
            for sign, listed in ((1, ups), (-1, downs)):
                for column, ref in listed:
                    key = self.rule_number[rule_id] * self.width + column
                    self.side[key], self.ref[key] = sign, len(refs)
                    refs.append(ref)
        self.refs = pa.array(refs, type=_REF)
        self.causes = pa.array(list(summariser.column), type=pa.string())
        self.cause_column = summariser.column
        self.setting = engine.setting
        self.stamp = [summariser.stamp[key] for key in _STAMP]

    def case(self, case: Case) -> tuple[_Case, Rendered]:
        fact, now = self.engine.standing(case)
        conclusions = self.summariser.conclusions(now)
        fired = now.fired
        ranked = conclusions.ranked
        first_by = now.first_by
        red_flags = conclusions.red_flags
        found = _Case(
            conclusions.triage,
            [self.flag_number[rule_id] for rule_id in red_flags],
            red_flags[0] if red_flags else None,
            list(self.index.not_to_be_missed(fired)),
            [self.cause_column[condition] for condition, _ in ranked],
            [probability for _, probability in ranked],
            [(rank, first_by[c]) for rank, (c, _) in enumerate(ranked) if c in first_by] if first_by else [],
            [self.rule_number[weight.rule] for weight in now.counted.values()],
            [warning.model_dump() for warning in self.index.warnings_of(fact, fired)],
            conclusions.fired_rules,
            self.index.findings_read(fact, fired),
        )
        return found, rendered(b"", conclusions)

    def listed(self, counted: list[int], counted_offsets: list[int], columns: list[int],
               entry_offsets: list[int]) -> tuple[pa.Array[Any], pa.Array[Any]]:  # fmt: skip
        """Per entry of the differential, its supporting and its refuting references: for each ranked
        cause (``columns``, per case between ``entry_offsets``) the counted rules of its case (``counted``,
        per case between ``counted_offsets``) listed for it, then against it, in the order counted."""
        entries_per_case = np.diff(entry_offsets)
        entry_case = np.repeat(np.arange(len(entries_per_case)), entries_per_case)
        rules_per_entry = np.diff(counted_offsets)[entry_case]
        pair_entry = np.repeat(np.arange(len(columns)), rules_per_entry)
        first_pair = np.cumsum(rules_per_entry) - rules_per_entry
        rule_at = np.asarray(counted_offsets[:-1], dtype=np.intp)[entry_case] - first_pair
        rules = np.asarray(counted, dtype=np.intp)[
            np.repeat(rule_at, rules_per_entry) + np.arange(len(pair_entry))
        ]
        keys = rules * self.width + np.asarray(columns, dtype=np.intp)[pair_entry]
        sides, refs = self.side[keys], self.ref[keys]
        lists = []
        for sign in (1, -1):
            shown = sides == sign
            counts = np.bincount(pair_entry[shown], minlength=len(columns))
            offsets = np.concatenate(([0], np.cumsum(counts))).astype(np.int32)
            lists.append(
                pa.ListArray.from_arrays(pa.array(offsets, type=pa.int32()), self.refs.take(refs[shown]))
            )
        return lists[0], lists[1]


def _lists(offsets: list[int], values: pa.Array[Any]) -> pa.ListArray[Any]:
    return pa.ListArray.from_arrays(pa.array(offsets, type=pa.int32()), values)


def _findings(rows: list[Mapping[str, object]]) -> pa.StructArray:
    """The findings read of each row as a struct, built a field at a time (several times faster than
    from the rows' dictionaries)."""
    values: dict[str, list[object]] = {field.name: [None] * len(rows) for field in _FINDINGS}
    for number, findings in enumerate(rows):
        for name, value in findings.items():
            values[name][number] = value
    arrays = [pa.array(values[field.name], type=field.type) for field in _FINDINGS]
    return pa.StructArray.from_arrays(arrays, fields=list(_FINDINGS))


def _repeated(value: object, count: int) -> pa.Array[Any]:
    return pa.array([value] * count, type=pa.string())


class ArrowRows:
    """The Parquet format of a batch, on the worker's side: a :class:`cdss.batch.lines.Formatter` whose
    result lines are empty and whose rows come out per chunk, from :meth:`rows`. Not thread-safe: one per
    worker, as every formatter."""

    def __init__(self) -> None:
        self._constants: _Constants | None = None
        self._last: _Case | None = None
        self._start()

    def _start(self) -> None:
        """Empty the flat lists of the chunk's rows: one value per row, or per entry with its offsets."""
        self._ids: list[str] = []
        self._sources: list[str] = []
        self._triages: list[str] = []
        self._flags: list[int] = []
        self._flag_offsets = [0]
        self._recommendations: list[str | None] = []
        self._not_to_be_missed: list[list[str]] = []
        self._columns: list[int] = []
        self._probabilities: list[float] = []
        self._first_by: list[tuple[int, str]] = []
        self._entry_offsets = [0]
        self._counted: list[int] = []
        self._counted_offsets = [0]
        self._warnings: list[dict[str, Any]] = []
        self._warning_offsets = [0]
        self._fired: list[str] = []
        self._fired_offsets = [0]
        self._findings: list[Mapping[str, object]] = []

    def header(self) -> bytes:
        return b""

    def render(self, engine: Engine, case: Case) -> Rendered:
        """Evaluate the case and keep what its row holds until :meth:`result` gives it an id and source."""
        constants = self._constants
        if constants is None or constants.engine is not engine:
            if self._ids:
                raise RuntimeError("the rows of one chunk come from one engine")
            constants = self._constants = _Constants(engine)
        self._last, done = constants.case(case)
        return done

    def result(self, case_id: str, source: str, _expected: str | None, _body: bytes, /) -> bytes:
        """Add the row of the case rendered last; its line has no text."""
        found, self._last = self._last, None
        if found is None:
            raise RuntimeError("a Parquet row was asked for before its case was rendered")
        self._first_by += [(len(self._columns) + rank, rule) for rank, rule in found.first_by]
        self._ids.append(case_id)
        self._sources.append(clean(source, None))
        self._triages.append(found.triage)
        self._flags += found.flags
        self._flag_offsets.append(len(self._flags))
        self._recommendations.append(found.recommendation)
        self._not_to_be_missed.append(found.not_to_be_missed)
        self._columns += found.columns
        self._probabilities += found.probabilities
        self._entry_offsets.append(len(self._columns))
        self._counted += found.counted
        self._counted_offsets.append(len(self._counted))
        self._warnings += found.warnings
        self._warning_offsets.append(len(self._warnings))
        self._fired += found.fired_rules
        self._fired_offsets.append(len(self._fired))
        self._findings.append(found.findings)
        return b""

    def error(self, line: ErrorLine) -> bytes:
        """An error row travels as its JSON line; the parent makes the row of it."""
        return error_json(line)

    def rows(self) -> bytes:
        """The rows of the results since the last call, in order, as one record batch in an Arrow IPC
        stream (a batch of no rows when there were none). They are forgotten even if building them fails."""
        try:
            batch = self._batch()
        finally:
            self._start()
        sink = pa.BufferOutputStream()
        with pa.ipc.new_stream(sink, PARQUET_SCHEMA) as stream:
            stream.write_batch(batch)
        return bytes(sink.getvalue())

    def _batch(self) -> pa.RecordBatch:
        count, constants = len(self._ids), self._constants
        if constants is None or not count:
            return pa.RecordBatch.from_pylist([], schema=PARQUET_SCHEMA)
        first_by: list[str | None] = [None] * len(self._columns)
        for entry, rule in self._first_by:
            first_by[entry] = rule
        supporting, refuting = constants.listed(
            self._counted, self._counted_offsets, self._columns, self._entry_offsets
        )
        entries = pa.StructArray.from_arrays(
            [
                constants.causes.take(pa.array(self._columns, type=pa.int32())),
                pa.array(self._probabilities, type=pa.float64()),
                pa.array(first_by, type=pa.string()),
                supporting,
                refuting,
            ],
            fields=list(_ENTRY),
        )
        flags = pa.array(self._flags, type=pa.int32())
        columns: dict[str, pa.Array[Any]] = {
            "id": pa.array(self._ids, type=pa.string()),
            "source": pa.array(self._sources, type=pa.string()),
            "detail": _repeated("lean", count),
            "setting": _repeated(constants.setting, count),
            "triage": pa.array(self._triages, type=pa.string()),
            "recommendation": pa.array(self._recommendations, type=pa.string()),
            "red_flags": _lists(self._flag_offsets, constants.flags.take(flags)),
            "not_to_be_missed": pa.array(self._not_to_be_missed, type=pa.list_(pa.string())),
            "differential": _lists(self._entry_offsets, entries),
            "warnings": _lists(self._warning_offsets, pa.array(self._warnings, type=_WARNING)),
            "fired_rules": _lists(self._fired_offsets, pa.array(self._fired, type=pa.string())),
            "findings": _findings(self._findings),
            **{
                f"ruleset_{key}": _repeated(value, count)
                for key, value in zip(_STAMP, constants.stamp, strict=True)
            },
        }
        arrays = [columns[field.name] if field.name in columns else pa.nulls(count, field.type)
                  for field in PARQUET_SCHEMA]  # fmt: skip
        return pa.RecordBatch.from_arrays(arrays, schema=PARQUET_SCHEMA)
