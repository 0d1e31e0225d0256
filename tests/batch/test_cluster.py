"""A batch on a real Dask LocalCluster (two worker processes, loopback only): the lines of a local run,
inputs = results + errors, repeated ids settled in input order, a dying worker reported, fsspec URLs."""

from __future__ import annotations

import io
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import dask
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from distributed import Client, LocalCluster, WorkerPlugin
from hypothesis import given, settings
from hypothesis import strategies as st

from cdss.batch.cluster import LOOPBACK, ClusterOptions, connect, prepare_folder, run_on_cluster
from cdss.batch.inputs import UsageError, discover
from cdss.batch.lines import Format
from cdss.batch.parquet import ParquetSink
from cdss.batch.partitions import plan
from cdss.batch.run import BatchOptions, Writer, run
from cdss.batch.summary import Tally
from cdss.cli import main
from cdss.engine.assessment import RulesetStamp
from cdss.rules.model import Ruleset

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
GOOD = {"age": 50, "findings": {"slr": "positive", "pain_below_knee": True}}
CES = {"age": 45, "findings": {"saddle_anaesthesia": True, "urinary_retention": True}}
MESSY_LINES = [
    {"id": "a", **GOOD},
    "not json",
    "",
    {"id": "b", **CES},
    {"id": "a", **CES},  # repeats a result's id
    {"id": "bad", "findings": {"slrr": "positive"}},  # an error that keeps its id
    {"id": "bad", **GOOD},  # so this result repeats it
    {"id": "c", "age": "old"},
    {"findings": {"slr": "negative"}},  # no id
    {"id": "d", **GOOD},
]


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    """One cluster for the module: two worker processes of one thread each; a task is given up after it
    has killed two workers (Dask's default is four), so the dying-worker test stays short."""
    with dask.config.set({"distributed.scheduler.allowed-failures": 1}):
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host=LOOPBACK,
                               dashboard_address=f"{LOOPBACK}:0")  # fmt: skip
    with cluster, Client(cluster) as connected:
        yield connected


def _line(record: object) -> str:
    return record if isinstance(record, str) else json.dumps(record)


def _messy_inputs(folder: Path) -> list[str]:
    """A JSON Lines file of good, bad, blank and repeated records, and a folder of case files."""
    lines = folder / "cases.jsonl"
    lines.write_text("\n".join(_line(record) for record in MESSY_LINES * 3) + "\n")
    cases = folder / "files"
    shutil.copytree(EXAMPLES / "cauda_equina", cases)
    (cases / "broken.json").write_text('{"id": "broken", "findings": {')
    (cases / "again.yaml").write_text("id: d\nage: 30\n")  # the id of a JSON Lines case, later in input
    (cases / "empty.json").write_text("")
    (cases / "more").mkdir()  # a folder's own files come before its subfolders', as os.walk gives them
    (cases / "more" / "inner.json").write_text(json.dumps({"id": "walk", **GOOD}))
    (cases / "outer.json").write_text(json.dumps({"id": "walk", **CES}))
    (cases / ".hidden").mkdir()  # hidden names are skipped, files and folders
    (cases / ".hidden" / "skipped.json").write_text("{")
    (cases / ".skipped.json").write_text("{")
    return [str(lines), str(cases)]


def _local(
    paths: list[str], ruleset: Ruleset, output: Format = "jsonl", **options: Any
) -> tuple[list[bytes], Tally]:
    sink = io.BytesIO()
    writer = Writer(sink, output)
    run(discover(paths), ruleset, BatchOptions(jobs=1, output=output, **options), writer)
    return sorted(sink.getvalue().splitlines()), writer.tally


def _local_in_order(paths: list[str], ruleset: Ruleset) -> bytes:
    sink = io.BytesIO()
    run(discover(paths), ruleset, BatchOptions(jobs=1), Writer(sink, "jsonl"))
    return sink.getvalue()


def _on_cluster(client: Client, paths: list[str], ruleset: Ruleset, out: Path, **options: Any) -> Tally:
    prepare_folder(str(out))
    return run_on_cluster(client, paths, ruleset, str(out), ClusterOptions(**options))


def _lines(folder: Path, suffix: str = "jsonl") -> list[bytes]:
    return sorted(line for part in folder.glob(f"part-*.{suffix}") for line in part.read_bytes().splitlines())


def _summary(tally: Tally, ruleset: Ruleset) -> dict[str, Any]:
    stamp = RulesetStamp(name=ruleset.info.name, version=ruleset.info.version, sha256=ruleset.sha256)
    return tally.summary(stamp, "primary_care").model_dump()


def test_a_cluster_writes_the_lines_of_a_local_run(tmp_path: Path, client: Client, ruleset: Ruleset) -> None:
    paths = _messy_inputs(tmp_path)
    expected, local = _local(paths, ruleset)
    tally = _on_cluster(client, paths, ruleset, tmp_path / "out", block_size=300, files_per_part=3)
    written = _lines(tmp_path / "out")
    assert written == expected
    assert len(list((tmp_path / "out").glob("part-*.jsonl"))) > 5  # the lines file was cut into blocks
    assert _summary(tally, ruleset) == _summary(local, ruleset)
    files = [path.relative_to(paths[1]) for path in Path(paths[1]).rglob("*") if path.is_file()]
    visible = [path for path in files if not any(part.startswith(".") for part in path.parts)]
    inputs = sum(1 for r in MESSY_LINES * 3 if r != "") + len(visible)
    assert tally.cases == len(written) == inputs
    kinds = [json.loads(line).get("error", {}).get("kind") for line in written]
    in_order = b"".join(part.read_bytes() for part in sorted((tmp_path / "out").glob("part-*.jsonl")))
    assert in_order == _local_in_order(paths, ruleset)  # the part files in name order: a local run
    # the first copy repeats a and bad; each later copy repeats a (twice), b, bad and d; the YAML file, d;
    # more/inner.json, walk
    assert kinds.count("duplicate_id") == 2 + 2 * 5 + 1 + 1


def test_the_first_case_in_input_order_keeps_its_id_whichever_finishes_first(
    tmp_path: Path, client: Client, ruleset: Ruleset
) -> None:
    """The first partition is the slowest (many cases); the repeat sits alone in the last one."""
    first = tmp_path / "first.jsonl"
    first.write_text("".join(json.dumps({"id": f"case-{n}", "age": 20 + n % 60, **GOOD}) + "\n"
                             for n in range(400)))  # fmt: skip
    (tmp_path / "last.jsonl").write_text(json.dumps({"id": "case-399", **CES}) + "\n")
    _on_cluster(client, [str(first), str(tmp_path / "last.jsonl")], ruleset, tmp_path / "out")
    last = json.loads((tmp_path / "out" / "part-00001.jsonl").read_text())
    assert last["error"]["kind"] == "duplicate_id"
    assert f"{first}:400" in last["error"]["problem"]
    kept = (tmp_path / "out" / "part-00000.jsonl").read_text().splitlines()[-1]
    assert json.loads(kept)["id"] == "case-399"


records = st.lists(
    st.one_of(
        st.builds(lambda n, body: {"id": f"id-{n}", **body}, st.integers(0, 6), st.sampled_from([GOOD, CES])),
        st.sampled_from(["", "{", '{"id": "x", "age": -1}', '{"age": 40}', '["list"]']),
    ),
    max_size=30,
)


@settings(max_examples=8, deadline=None)
@given(records=records, block_size=st.integers(16, 400))
def test_any_input_gives_the_lines_of_a_local_run(
    records: list[object], block_size: int, client: Client, ruleset: Ruleset
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        lines = Path(folder) / "cases.jsonl"
        lines.write_text("".join(_line(record) + "\n" for record in records))
        expected, _ = _local([str(lines)], ruleset)
        tally = _on_cluster(client, [str(lines)], ruleset, Path(folder) / "out", block_size=block_size)
        assert _lines(Path(folder) / "out") == expected
        assert tally.cases == len(expected) == max(1, sum(1 for record in records if record != ""))


def test_csv_partitions_hold_the_rows_of_a_local_run(
    tmp_path: Path, client: Client, ruleset: Ruleset
) -> None:
    paths = _messy_inputs(tmp_path)
    expected, _ = _local(paths, ruleset, "csv")
    _on_cluster(client, paths, ruleset, tmp_path / "out", output="csv", block_size=500)
    parts = sorted((tmp_path / "out").glob("part-*.csv"))
    header = next(row for row in expected if row.startswith(b"id,"))
    assert all(part.read_bytes().splitlines()[0] == header for part in parts)
    rows = sorted(row for part in parts for row in part.read_bytes().splitlines()[1:])
    assert rows == sorted(row for row in expected if row != header)


def test_parquet_partitions_hold_the_table_of_a_local_run(
    tmp_path: Path, client: Client, ruleset: Ruleset
) -> None:
    paths = _messy_inputs(tmp_path)
    local = tmp_path / "local.parquet"
    with local.open("wb") as file:
        sink = ParquetSink(file)
        run(discover(paths), ruleset, BatchOptions(output="parquet"), Writer(sink, "parquet"))
        sink.close()
    _on_cluster(client, paths, ruleset, tmp_path / "out", output="parquet", block_size=300)
    parts = sorted((tmp_path / "out").glob("part-*.parquet"))
    assert len(parts) > 5
    table = pa.concat_tables(pq.read_table(part) for part in parts)
    assert table.equals(pq.read_table(local))
    assert pq.read_table(tmp_path / "out").num_rows == table.num_rows  # the folder reads as one dataset


def test_full_lines_with_ask_next_are_those_of_a_local_run(
    tmp_path: Path, client: Client, ruleset: Ruleset
) -> None:
    paths = _messy_inputs(tmp_path)
    expected, _ = _local(paths, ruleset, detail="full", ask_next=True)
    _on_cluster(client, paths, ruleset, tmp_path / "out", detail="full", ask_next=True, block_size=600)
    written = _lines(tmp_path / "out")
    assert written == expected
    assert any(b'"ask_next":[{' in line for line in written)


def test_inputs_may_be_fsspec_urls(tmp_path: Path, client: Client, ruleset: Ruleset) -> None:
    paths = _messy_inputs(tmp_path)
    expected, _ = _local(paths, ruleset)
    urls = [Path(path).as_uri() for path in paths]
    _on_cluster(client, urls, ruleset, tmp_path / "out", block_size=300)
    written = _lines(tmp_path / "out")
    assert all(json.loads(line)["source"].startswith("file:///") for line in written)
    assert sorted(line.replace(b"file://", b"") for line in written) == expected  # the same, named by URL


def test_an_output_folder_that_holds_files_is_refused(tmp_path: Path) -> None:
    (tmp_path / "old.jsonl").write_text("{}\n")
    with pytest.raises(UsageError, match="new or empty"):
        prepare_folder(str(tmp_path))


class _Killer(WorkerPlugin):
    """Kills the worker process that starts evaluating partition 1 (first try or again): a real death, as
    a crash in the matching engine's C code would cause."""

    def transition(self, key: object, start: str, finish: str, **kwargs: object) -> None:  # noqa: ARG002
        if finish == "executing" and str(key).startswith("cdss-evaluate-") and str(key).endswith("-1"):
            os._exit(1)


def test_a_partition_that_kills_its_workers_is_reported_case_by_case(
    tmp_path: Path, client: Client, ruleset: Ruleset
) -> None:
    paths = _messy_inputs(tmp_path)
    expected, _ = _local(paths, ruleset)
    client.register_plugin(_Killer(), name="killer")
    try:
        tally = _on_cluster(client, paths, ruleset, tmp_path / "out", block_size=300, files_per_part=3)
    finally:
        client.unregister_worker_plugin("killer")
    written = _lines(tmp_path / "out")
    assert tally.cases == len(written) == len(expected)
    crashed = [json.loads(line) for line in (tmp_path / "out" / "part-00001.jsonl").read_bytes().splitlines()]
    assert crashed
    assert {line["error"]["kind"] for line in crashed} == {"worker_crashed"}
    parts = [part for part in (tmp_path / "out").glob("part-*.jsonl") if part.name != "part-00001.jsonl"]
    others = [line for part in parts for line in part.read_bytes().splitlines()]
    assert set(others) <= set(expected)  # every other partition evaluated
    assert tally.errors["worker_crashed"] == len(crashed)


def test_the_command_runs_on_a_cluster_by_address(
    tmp_path: Path, client: Client, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    code = main(["batch", str(EXAMPLES), "--dask", client.scheduler_info()["address"], "--out", str(out)])
    assert code == 0
    assert "40 cases: 40 evaluated, 0 errors" in capsys.readouterr().out
    local = tmp_path / "local.jsonl"
    assert main(["batch", str(EXAMPLES), "--out", str(local)]) == 0
    assert _lines(out) == sorted(local.read_bytes().splitlines())


def test_the_command_starts_a_local_cluster(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["batch", str(EXAMPLES / "mimics"), "--dask", "local", "--jobs", "1", "--out", str(tmp_path)])
    assert code == 0
    cases = len(list((EXAMPLES / "mimics").glob("*.json")))
    assert capsys.readouterr().out.startswith(f"{cases} cases: {cases} evaluated, 0 errors")
    assert len(_lines(tmp_path)) == cases


def test_the_command_refuses_standard_output_and_a_full_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["batch", str(EXAMPLES), "--dask", "local", "--out", "-"]) == 2
    (tmp_path / "x").write_text("")
    assert main(["batch", str(EXAMPLES), "--dask", "local", "--out", str(tmp_path)]) == 2
    assert "new or empty" in capsys.readouterr().err


def test_connect_names_a_scheduler_it_cannot_reach() -> None:
    with pytest.raises(UsageError, match="cannot reach"), connect("tcp://127.0.0.1:9", 1, timeout="1s"):
        pass


def test_an_input_url_that_names_nothing_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no such file or folder"):
        plan([(tmp_path / "missing.jsonl").as_uri()])
    with pytest.raises(UsageError, match="no file matches"):
        plan([f"file://{tmp_path}/*.jsonl"])
