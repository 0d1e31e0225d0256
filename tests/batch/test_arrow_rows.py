"""Parquet rows built as Arrow columns in the workers: the same table as the JSON Lines of the same run.

The reference is the table Arrow's JSON reader makes of the run's JSON Lines (:func:`lines_table`, how
the Parquet output was made before the rows were built from the engine): every result, error and
repeated id, whatever the chunks, row groups and processes.
"""

from __future__ import annotations

import io
import json
from dataclasses import replace
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cdss.batch import arrow_rows
from cdss.batch.inputs import WorkItem, discover
from cdss.batch.parquet import PARQUET_SCHEMA, ParquetSink, lines_table
from cdss.batch.run import BatchOptions, Writer, run
from cdss.batch.worker import Spooled, Worker
from cdss.case.files import read_case_file
from cdss.rules.model import Ruleset

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
ERRORS = [
    '{"id": "broken", "findings": {',
    '{"id": "unknown", "findings": {"slrr": "positive"}}',
    '{"findings": {"fever": true}}',
    "[1, 2]",
    '{"id": "typed", "age": "old", "findings": {}}',
    "",
]


def _examples() -> list[str]:
    """The bundled vignettes as JSON Lines, each with its id."""
    found = [read_case_file(path) for path in sorted(EXAMPLES.rglob("*.json"))]
    return [json.dumps(case) for case in found if isinstance(case, dict)]


CASES = _examples()


def _mixed() -> list[str]:
    """Every vignette, errors among them, ids repeated in the same chunk of 4 and chunks later."""
    lines = []
    for number, case in enumerate(CASES):
        lines.append(case)
        if number % 7 == 3:
            lines.append(ERRORS[number % len(ERRORS)])
        if number % 5 == 1:
            lines.append(case)  # the same id in the same chunk (or the next)
        if number % 11 == 10:
            lines.append(CASES[number - 9])  # an id from chunks before
    return lines


def _run(lines: list[str], folder: Path, ruleset: Ruleset, *, rows_per_group: int = 4096,
         chunk_size: int = 256, jobs: int = 1) -> tuple[pa.Table, pa.Table]:  # fmt: skip
    """The Parquet table of a run over the lines, and the table the JSON reader makes of the JSON Lines
    of the same run."""
    source = folder / "cases.jsonl"
    source.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    jsonl = io.BytesIO()
    options = BatchOptions(jobs=jobs, chunk_size=chunk_size)
    run(discover([str(source)]), ruleset, options, Writer(jsonl, "jsonl"))
    target = folder / "out.parquet"
    with target.open("wb") as file:
        sink = ParquetSink(file, rows_per_group=rows_per_group)
        run(discover([str(source)]), ruleset, replace(options, output="parquet"), Writer(sink, "parquet"))
        sink.close()
    return pq.read_table(target), lines_table(jsonl.getvalue())


def test_rows_built_in_the_worker_equal_the_json_lines_read_by_arrow(
    tmp_path: Path, ruleset: Ruleset
) -> None:
    written, expected = _run(_mixed(), tmp_path, ruleset, chunk_size=4)
    assert written.schema.equals(PARQUET_SCHEMA)
    assert written.equals(expected)
    kinds = written.column("error_kind").to_pylist()
    assert {"duplicate_id", "invalid_syntax", "unknown_key", "missing", "not_an_object"} <= set(kinds)
    assert kinds.count(None) == len(CASES)
    assert written.num_rows == sum(bool(line) for line in _mixed())  # a blank line is no case


def test_rows_come_back_from_worker_processes_as_arrow_ipc(tmp_path: Path, ruleset: Ruleset) -> None:
    written, expected = _run(_mixed(), tmp_path, ruleset, chunk_size=5, jobs=2)
    assert written.equals(expected)


def test_a_chunk_hands_back_its_result_rows_as_ipc_and_its_errors_as_lines(
    tmp_path: Path, ruleset: Ruleset
) -> None:
    items = [
        WorkItem(number, f"in:{number}", data=line.encode()) for number, line in enumerate(_mixed()[:12])
    ]
    worker = Worker(ruleset, "parquet")
    try:
        evaluated = worker.process(items)
    finally:
        worker.close()
    results = [outcome for outcome in evaluated.outcomes if outcome.record.error is None]
    errors = [outcome for outcome in evaluated.outcomes if outcome.record.error is not None]
    assert results
    assert errors
    assert all(outcome.text == b"" for outcome in results)
    assert [json.loads(outcome.text)["error"]["kind"] for outcome in errors] == [
        o.record.error for o in errors
    ]
    built = pa.ipc.open_stream(evaluated.rows).read_all()
    assert built.schema.equals(PARQUET_SCHEMA)
    assert built.column("id").to_pylist() == [outcome.case_id for outcome in results]
    spooled = Spooled.of(evaluated, str(tmp_path))
    assert spooled.evaluated(spooled.take()) == evaluated
    assert not list(tmp_path.iterdir()), "the spool file is removed once read"


def test_a_repeated_id_in_the_same_chunk_replaces_only_its_own_row(ruleset: Ruleset) -> None:
    first, again = (WorkItem(number, f"in:{number}", data=CASES[0].encode()) for number in range(2))
    other = WorkItem(2, "in:2", data=CASES[1].encode())
    worker = Worker(ruleset, "parquet")
    try:
        evaluated = worker.process([first, again, other])
    finally:
        worker.close()
    file = io.BytesIO()
    sink = ParquetSink(file)
    Writer(sink, "parquet").write_evaluated(evaluated)
    sink.close()
    table = pq.read_table(file)
    assert table.column("error_kind").to_pylist() == [None, "duplicate_id", None]
    built = pa.ipc.open_stream(evaluated.rows).read_all()
    assert table.slice(0, 1).equals(built.slice(0, 1))
    assert table.slice(2, 1).equals(built.slice(2, 1))
    assert table.column("id").to_pylist() == built.column("id").to_pylist()


def test_row_groups_hold_rows_per_group_rows_across_chunks_with_errors(
    tmp_path: Path, ruleset: Ruleset
) -> None:
    written, expected = _run(_mixed(), tmp_path, ruleset, rows_per_group=7, chunk_size=3)
    assert written.equals(expected)
    metadata = pq.ParquetFile(tmp_path / "out.parquet").metadata
    sizes = [metadata.row_group(number).num_rows for number in range(metadata.num_row_groups)]
    rows = written.num_rows
    assert sizes == [7] * (rows // 7) + ([rows % 7] if rows % 7 else [])


def test_a_run_of_no_cases_writes_a_file_with_the_schema_and_no_rows(
    tmp_path: Path, ruleset: Ruleset
) -> None:
    target = tmp_path / "none.parquet"
    with target.open("wb") as file:
        sink = ParquetSink(file)
        run([], ruleset, BatchOptions(output="parquet"), Writer(sink, "parquet"))
        sink.close()
    written = pq.read_table(target)
    assert written.num_rows == 0
    assert written.schema.equals(PARQUET_SCHEMA)
    assert pq.ParquetFile(target).metadata.num_row_groups == 0


_LINES = st.one_of(
    st.sampled_from(CASES),
    st.sampled_from(
        [line for line in ERRORS if line]
    ),  # blank lines are no case: a file of none is one error
    st.tuples(st.sampled_from(CASES), st.sampled_from(CASES)).map(  # another case's findings, a used id
        lambda pair: json.dumps({**json.loads(pair[1]), "id": json.loads(pair[0])["id"]})
    ),
)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    lines=st.lists(_LINES, min_size=1, max_size=20),
    chunk_size=st.integers(1, 6),
    rows_per_group=st.integers(1, 9),
)
def test_any_mix_of_results_errors_and_repeated_ids_gives_the_json_lines_table(
    tmp_path_factory: pytest.TempPathFactory, ruleset: Ruleset, lines: list[str], chunk_size: int,
    rows_per_group: int,
) -> None:  # fmt: skip
    folder = tmp_path_factory.mktemp("mix")
    written, expected = _run(lines, folder, ruleset, rows_per_group=rows_per_group, chunk_size=chunk_size)
    assert written.equals(expected)
    assert written.num_rows == len(lines)


def test_rows_that_cannot_be_built_make_their_chunk_s_results_errors_and_the_next_chunk_is_whole(
    ruleset: Ruleset, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = _mixed()[:10]
    items = [WorkItem(number, f"in:{number}", data=line.encode()) for number, line in enumerate(lines)]
    worker = Worker(ruleset, "parquet")
    try:
        with monkeypatch.context() as patched:  # a defect injected where the chunk's columns are built

            def broken(_rows: object) -> None:
                raise pa.ArrowInvalid("injected")

            patched.setattr(arrow_rows, "_findings", broken)
            failed = worker.process(items)
        whole = worker.process(items)
    finally:
        worker.close()
    assert failed.rows == b""
    kinds = [outcome.record.error for outcome in failed.outcomes]
    assert "internal_error" in kinds
    assert kinds == [o.record.error or "internal_error" for o in whole.outcomes]
    problems = {
        json.loads(o.text)["error"]["problem"] for o in failed.outcomes if o.record.error == "internal_error"
    }
    assert problems == {"ArrowInvalid: injected"}
    results = [o.case_id for o in whole.outcomes if o.record.error is None]
    assert pa.ipc.open_stream(whole.rows).read_all().column("id").to_pylist() == results
