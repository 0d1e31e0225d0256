"""A batch run: inputs = results + errors, always; repeated ids reported; order; dying workers; processes."""

from __future__ import annotations

import io
import json
import tempfile
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cdss.batch import run as batch_run
from cdss.batch.inputs import WorkItem, discover
from cdss.batch.lines import ErrorLine, Format
from cdss.batch.run import BatchAbortedError, BatchOptions, Writer, run
from cdss.batch.worker import Spooled, Worker
from cdss.engine.assessment import RulesetStamp
from cdss.rules.model import Ruleset

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
GOOD = {"age": 50, "findings": {"slr": "positive", "pain_below_knee": True}}
HOSTILE: dict[str, bytes] = {
    "broken.json": b'{"id": "broken", "findings": {',
    "empty.json": b"",
    "latin1.json": '{"id": "café"}'.encode("latin-1"),
    "array.json": b'[{"id": "in-array"}]',
    "nan.json": b'{"id": "nan", "findings": {"symptom_duration_weeks": NaN}}',
    "infinity.json": b'{"id": "infinity", "findings": {"slr_angle_deg": Infinity}}',
    "types.json": b'{"id": "types", "age": "old"}',
    "unknown.json": b'{"id": "unknown", "findings": {"slrr": "positive"}}',
    "mixed.jsonl": b'{"id": "line-ok", "age": 40}\nnot json\n\n{"id": "line-ok", "age": 41}\n',
    "nothing.jsonl": b"\n",
}


def _batch(
    items: Iterator[WorkItem] | list[WorkItem], ruleset: Ruleset, **options: Any
) -> tuple[list[Any], Writer]:
    sink = io.BytesIO()
    writer = Writer(sink, options.pop("output", "jsonl"))
    run(items, ruleset, BatchOptions(**options), writer)
    return [json.loads(line) for line in sink.getvalue().splitlines()], writer


def _hostile_folder(folder: Path) -> Path:
    for name, content in HOSTILE.items():
        (folder / name).write_bytes(content)
    (folder / "good.json").write_text(json.dumps({"id": "good", **GOOD}))
    return folder


def test_every_input_gets_exactly_one_line(tmp_path: Path, ruleset: Ruleset) -> None:
    lines, writer = _batch(discover([str(_hostile_folder(tmp_path))]), ruleset, chunk_size=3)
    outcome = [
        (line["source"][len(str(tmp_path)) + 1 :], line.get("error", {}).get("kind")) for line in lines
    ]
    assert outcome == [
        ("array.json", "not_an_object"),
        ("broken.json", "invalid_syntax"),
        ("empty.json", "empty"),
        ("good.json", None),
        ("infinity.json", "finite_number"),
        ("latin1.json", "not_utf8"),
        ("mixed.jsonl:1", None),
        ("mixed.jsonl:2", "invalid_syntax"),
        ("mixed.jsonl:4", "duplicate_id"),
        ("nan.json", "finite_number"),
        ("nothing.jsonl", "empty"),
        ("types.json", "int_type"),
        ("unknown.json", "unknown_key"),
    ]
    for line in lines:
        if "error" in line:
            ErrorLine.model_validate(line)
    summary = writer.tally
    assert (summary.cases, sum(summary.errors.values())) == (13, 11)


def test_a_repeated_id_is_an_error_naming_the_first_source(tmp_path: Path, ruleset: Ruleset) -> None:
    (tmp_path / "a.json").write_text(json.dumps({"id": "same", **GOOD}))
    (tmp_path / "b.json").write_text(json.dumps({"id": "same", **GOOD}))
    (tmp_path / "c.jsonl").write_text(json.dumps({"id": "same", "age": "bad"}) + "\n")
    lines, _ = _batch(discover([str(tmp_path)]), ruleset)
    first, second, third = lines
    assert first["id"] == "same"
    assert "error" not in first
    assert second["error"]["kind"] == "duplicate_id"
    assert second["error"]["field"] == "id"
    assert str(tmp_path / "a.json") in second["error"]["problem"]
    assert (second["id"], second["source"]) == ("same", str(tmp_path / "b.json"))
    assert third["error"]["kind"] == "int_type"  # its own problem, not the repeated id


def test_a_file_deleted_while_the_batch_runs_is_reported_as_vanished(
    tmp_path: Path, ruleset: Ruleset
) -> None:
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.json").write_text(json.dumps({"id": name, **GOOD}))

    def deleting_after_first() -> Iterator[WorkItem]:
        items = discover([str(tmp_path)])
        yield next(items)
        (tmp_path / "b.json").unlink()  # found by the walk, gone before it is read
        yield from items

    lines, _ = _batch(deleting_after_first(), ruleset)
    assert [line.get("error", {}).get("kind") for line in lines] == [None, "vanished", None]
    assert lines[1]["source"] == str(tmp_path / "b.json")


def test_csv_output_has_a_header_and_one_row_per_input(tmp_path: Path, ruleset: Ruleset) -> None:
    _hostile_folder(tmp_path)
    sink = io.BytesIO()
    run(discover([str(tmp_path)]), ruleset, BatchOptions(output="csv"), Writer(sink, "csv"))
    rows = sink.getvalue().decode().splitlines()
    assert rows[0].startswith("id,source,status,triage,")
    assert len(rows) == 1 + 13
    assert [row.split(",")[2] for row in rows[1:]].count("ok") == 2


class _DyingPool(Executor):
    """Runs chunks in this process; "dies" (like a segfaulting worker) on a chunk holding ``fatal``."""

    def __init__(self, worker: Worker, fatal: str, started: list[int], spool: Path) -> None:
        self.worker, self.fatal, self.broken, self.spool = worker, fatal, False, str(spool)
        started.append(1)

    def submit(self, _fn: Callable[..., Any], /, *args: Any, **_kwargs: Any) -> Future[Any]:
        if self.broken:
            raise BrokenProcessPool("a process in the pool was terminated abruptly")
        chunk: list[WorkItem] = args[0]
        future: Future[Any] = Future()
        if any(item.source.endswith(self.fatal) for item in chunk):
            self.broken = True
            future.set_exception(BrokenProcessPool("a process in the pool was terminated abruptly"))
        else:
            future.set_result(Spooled.of(self.worker.process(chunk), self.spool))
        return future


def test_cases_in_flight_when_a_worker_dies_are_reported_and_the_run_goes_on(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, ruleset: Ruleset
) -> None:
    spool = tmp_path_factory.mktemp("spool")
    for number in range(6):
        (tmp_path / f"c{number}.json").write_text(json.dumps({"id": f"c{number}", **GOOD}))
    started: list[int] = []
    worker = Worker(ruleset, "jsonl")
    sink = io.BytesIO()
    writer = Writer(sink, "jsonl")
    try:
        options = BatchOptions(jobs=2, chunk_size=2)
        run(
            discover([str(tmp_path)]),
            ruleset,
            options,
            writer,
            executor=lambda: _DyingPool(worker, "c2.json", started, spool),
        )
    finally:
        worker.close()
    lines = [json.loads(line) for line in sink.getvalue().splitlines()]
    assert [line["id"] for line in lines] == ["c0", "c1", None, None, "c4", "c5"]
    assert [line["source"].rsplit("/", 1)[1] for line in lines[2:4]] == ["c2.json", "c3.json"]
    assert {line["error"]["kind"] for line in lines[2:4]} == {"worker_crashed"}
    assert len(started) == 2  # the pool was replaced once


def test_workers_that_keep_dying_abort_the_run_with_a_clear_error(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, ruleset: Ruleset
) -> None:
    spool = tmp_path_factory.mktemp("spool")
    for number in range(12):
        (tmp_path / f"c{number:02}.json").write_text(json.dumps({"id": f"c{number}", **GOOD}))
    worker = Worker(ruleset, "jsonl")
    try:
        with pytest.raises(BatchAbortedError, match="keep stopping"):
            run(
                discover([str(tmp_path)]),
                ruleset,
                BatchOptions(jobs=2, chunk_size=1),
                Writer(io.BytesIO(), "jsonl"),
                executor=lambda: _DyingPool(worker, ".json", [], spool),
            )
    finally:
        worker.close()


def test_processes_write_the_same_lines_as_one_process(tmp_path: Path, ruleset: Ruleset) -> None:
    inputs = [str(EXAMPLES), str(_hostile_folder(tmp_path))]
    alone, _ = _batch(discover(inputs), ruleset)
    several, _ = _batch(discover(inputs), ruleset, jobs=2, chunk_size=4)
    one_in_flight, writer = _batch(discover(inputs), ruleset, jobs=2, chunk_size=4, in_flight_per_job=1)
    assert several == alone
    assert one_in_flight == alone
    assert writer.tally.cases == len(alone) == 53


# Random mixes of good and hostile inputs, as case files or JSON Lines lines: one line each, always.
_BAD = {
    "syntax": b'{"id": "x", ',
    "empty": b"",
    "bytes": b'{"id": "\xfe"}',
    "array": b"[1, 2]",
    "nan": b'{"id": "%s", "age": NaN}',
    "type": b'{"id": "%s", "findings": {"fever": "no"}}',
    "unknown": b'{"id": "%s", "smoker": true}',
    "no-id": b'{"age": 30}',
}
_LINE_FORMATS: tuple[Format, ...] = ("jsonl", "csv")
_ID_BAD = {"nan", "type", "unknown"}
_spec = st.tuples(st.sampled_from(["good", *_BAD]), st.sampled_from(["a", "b", "c", "d"]), st.booleans())


def _content(kind: str, case_id: str) -> bytes:
    if kind == "good":
        return json.dumps({"id": case_id, **GOOD}).encode()
    template = _BAD[kind]
    return template % case_id.encode() if b"%s" in template else template


def _expected_results(specs: list[tuple[str, str, bool]]) -> int:
    """Results in input order: a good case whose id no earlier line (result or error) has used."""
    seen: set[str] = set()
    results = 0
    for kind, case_id, _ in specs:
        if kind == "good" and case_id not in seen:
            results += 1
        if kind == "good" or kind in _ID_BAD:
            seen.add(case_id)
    return results


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(specs=st.lists(_spec, max_size=12), chunk_size=st.integers(1, 5))
def test_inputs_equal_results_plus_errors(
    ruleset: Ruleset, specs: list[tuple[str, str, bool]], chunk_size: int
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        lines_file = Path(folder) / "zz-lines.jsonl"
        expected_inputs = 0
        with lines_file.open("wb") as lines:
            for number, (kind, case_id, as_line) in enumerate(specs):
                content = _content(kind, case_id)
                if as_line and content:  # an empty line is not an input, so empty content goes to a file
                    lines.write(content + b"\n")
                else:
                    (Path(folder) / f"{number:03}.json").write_bytes(content)
                expected_inputs += 1
        if not any(as_line and _content(kind, case_id) for kind, case_id, as_line in specs):
            expected_inputs += 1  # the JSON Lines file holds no case: one error line names it
        written, writer = _batch(discover([folder]), ruleset, chunk_size=chunk_size)
    results = [line for line in written if "error" not in line]
    errors = [ErrorLine.model_validate(line) for line in written if "error" in line]
    tally = writer.tally
    assert len(written) == expected_inputs == tally.cases == len(results) + len(errors)
    assert len(results) == tally.cases - sum(tally.errors.values())
    assert len({line["id"] for line in results}) == len(results)
    in_order = sorted(
        specs, key=lambda spec: bool(spec[2] and _content(spec[0], spec[1]))
    )  # files, then lines
    assert len(results) == _expected_results(in_order)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    specs=st.lists(_spec, min_size=1, max_size=14),
    chunk_size=st.integers(1, 4),
    output=st.sampled_from(_LINE_FORMATS),
)
def test_chunks_handed_back_spooled_write_what_one_process_writes(
    ruleset: Ruleset, specs: list[tuple[str, str, bool]], chunk_size: int, output: Format
) -> None:
    """Through the pool's hand-back (a spool file per chunk, whose texts the writer copies whole unless an
    id in the chunk was seen before or repeats in it), lines and summary are those of one process."""
    with tempfile.TemporaryDirectory() as folder, tempfile.TemporaryDirectory() as spool:
        lines = b"".join(
            _content(kind, case_id) + b"\n" for kind, case_id, _ in specs if _content(kind, case_id)
        )
        (Path(folder) / "cases.jsonl").write_bytes(lines or b"\n")
        alone, pooled = io.BytesIO(), io.BytesIO()
        writers = Writer(alone, output), Writer(pooled, output)
        run(discover([folder]), ruleset, BatchOptions(chunk_size=chunk_size, output=output), writers[0])
        worker = Worker(ruleset, output)
        try:
            run(
                discover([folder]),
                ruleset,
                BatchOptions(jobs=2, chunk_size=chunk_size, output=output),
                writers[1],
                executor=lambda: _DyingPool(worker, "\0never", [], Path(spool)),
            )
        finally:
            worker.close()
        assert not list(Path(spool).iterdir()), "every spool file is removed once written"
    assert pooled.getvalue() == alone.getvalue()
    stamp = RulesetStamp(name="r", version="1", sha256="0" * 64)
    assert writers[1].tally.summary(stamp, "s") == writers[0].tally.summary(stamp, "s")


def test_an_input_that_fits_in_one_chunk_starts_no_processes(
    tmp_path: Path, ruleset: Ruleset, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_pool(*_: object) -> None:
        raise AssertionError("a pool was started for one chunk")

    monkeypatch.setattr(batch_run, "process_pool", no_pool)
    (tmp_path / "a.json").write_text(json.dumps({"id": "a", **GOOD}))
    lines, _ = _batch(discover([str(tmp_path)]), ruleset, jobs=2)
    assert [line["id"] for line in lines] == ["a"]


@pytest.mark.parametrize("output", ["jsonl", "csv", "parquet"])
def test_chunks_hold_the_formats_number_of_cases_unless_told(
    ruleset: Ruleset, monkeypatch: pytest.MonkeyPatch, output: Format
) -> None:
    """Parquet rows are built a chunk at a time, so its chunks are larger; a chunk size given wins."""
    sizes: list[int] = []
    chunks = batch_run.chunks

    def counted(items: Iterator[WorkItem], size: int) -> Iterator[list[WorkItem]]:
        sizes.append(size)
        return chunks(items, size)

    monkeypatch.setattr(batch_run, "chunks", counted)
    items = [WorkItem(0, "a.json", data=json.dumps({"id": "a", **GOOD}).encode())]
    for options in (BatchOptions(output=output), BatchOptions(output=output, chunk_size=3)):
        run(iter(items), ruleset, options, Writer(io.BytesIO(), "jsonl"))  # only the chunking is looked at
    assert sizes == [batch_run.CHUNK_SIZES[output], 3]
    assert batch_run.CHUNK_SIZES["parquet"] > batch_run.CHUNK_SIZES["jsonl"]
