"""An output never destroys an input, and is never left half-written (issue 13, item 1)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from cdss.batch.outputs import replaced
from cdss.cli import main

CASES = "".join(
    json.dumps({"id": f"c{n}", "age": 40 + n, "findings": {"slr": "positive"}}) + "\n" for n in range(3)
)
ONE_CASE = json.dumps({"id": "one", "age": 50, "findings": {"slr": "negative"}})

# Each spelling: how to name the input, and how to name the output, given the input's real path.
Spelling = Callable[[Path], tuple[str, str]]


def _symlink_to(target: Path, link: Path) -> str:
    link.symlink_to(target)
    return str(link)


def _hard_link_to(target: Path, link: Path) -> str:
    link.hardlink_to(target)
    return str(link)


SPELLINGS: dict[str, Spelling] = {
    "the same path": lambda real: (str(real), str(real)),
    "./ before the name": lambda real: (real.name, f"./{real.name}"),
    "a folder step and back": lambda real: (str(real), f"{real.parent}/../{real.parent.name}/{real.name}"),
    "a symlink as the output": lambda real: (str(real), _symlink_to(real, real.with_name("out.jsonl"))),
    "a symlink as the input": lambda real: (_symlink_to(real, real.with_name("in.jsonl")), str(real)),
    "a hard link as the output": lambda real: (str(real), _hard_link_to(real, real.with_name("out.jsonl"))),
    "a glob pattern matching it": lambda real: (f"{real.parent}/*.{real.suffix[1:]}", str(real)),
}


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh folder, made the working directory so that relative spellings lead into it."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _files(folder: Path) -> dict[str, bytes]:
    """Every file under the folder (not through symlinks) with its bytes."""
    found = sorted(path for path in folder.rglob("*") if path.is_file() and not path.is_symlink())
    return {str(path.relative_to(folder)): path.read_bytes() for path in found}


@pytest.mark.parametrize("suffix", ["jsonl", "json"])
@pytest.mark.parametrize("option", ["--out", "--summary", "--report"])
@pytest.mark.parametrize("spelling", SPELLINGS.values(), ids=SPELLINGS.keys())
def test_an_output_that_is_an_input_is_refused_before_anything_is_written(
    capsys: pytest.CaptureFixture[str], here: Path, suffix: str, option: str, spelling: Spelling
) -> None:
    real = here / f"cases.{suffix}"
    real.write_text(CASES if suffix == "jsonl" else ONE_CASE)
    source, target = spelling(real)
    before = _files(here)
    outputs = ["--out", str(here / "results.jsonl")] if option != "--out" else []
    code = main(["batch", source, *outputs, option, target, "--jobs", "1"])
    captured = capsys.readouterr()
    assert code == 2
    assert captured.err.count("\n") == 1
    assert captured.err.startswith(f"cdss batch: {option} {target}: is the input ")
    assert _files(here) == before  # the input intact, nothing written beside it


@pytest.mark.parametrize("option", ["--out", "--summary", "--report"])
@pytest.mark.parametrize("name", ["a.json", "results.jsonl", "sub/summary.json", "new.yaml"])
@pytest.mark.parametrize("given", ["folder", "glob"])
def test_an_output_a_search_of_an_input_folder_would_read_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, option: str, name: str, given: str
) -> None:
    folder = tmp_path / "cases"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.json").write_text(ONE_CASE)  # --out cases/a.json would overwrite this case of the run
    before = _files(tmp_path)
    source = str(folder) if given == "folder" else str(tmp_path / "ca*")
    outputs = ["--out", str(tmp_path / "results.jsonl")] if option != "--out" else []
    code = main(["batch", source, *outputs, option, str(folder / name), "--jobs", "1"])
    captured = capsys.readouterr()
    assert code == 2
    assert captured.err.count("\n") == 1
    assert f"is inside the input folder {folder}" in captured.err
    assert _files(tmp_path) == before


@pytest.mark.parametrize("name", ["results.csv", "report.md"])
def test_an_output_a_folder_search_never_reads_may_sit_inside_it(tmp_path: Path, name: str) -> None:
    (tmp_path / "a.jsonl").write_text(CASES)
    target = tmp_path / name
    option = "--report" if name.endswith(".md") else "--out"
    extra = (
        ["--format", "csv"]
        if name.endswith(".csv")
        else ["--out", str(tmp_path.parent / f"{tmp_path.name}.jsonl")]
    )
    for _ in range(2):  # the second run finds the first one's output in the folder and does not read it
        assert main(["batch", str(tmp_path), *extra, option, str(target), "--jobs", "1"]) == 0
        assert target.exists()


def test_the_lines_replace_the_output_only_when_the_run_is_complete(tmp_path: Path) -> None:
    target = tmp_path / "results.jsonl"
    target.write_bytes(b"the last run\n")
    target.chmod(0o640)
    with replaced(str(target), "--out") as stream:
        stream.write(b"this run\n")
        stream.flush()
        assert target.read_bytes() == b"the last run\n"  # the new lines go to a file beside it
        (partial,) = (path for path in tmp_path.iterdir() if path != target)
        assert partial.name.startswith(".results.jsonl.")
        assert partial.read_bytes() == b"this run\n"
    assert target.read_bytes() == b"this run\n"
    assert os.stat(target).st_mode & 0o777 == 0o640
    assert sorted(tmp_path.iterdir()) == [target]


def _write_half_then_stop(target: Path) -> None:
    with replaced(str(target), "--out") as stream:
        stream.write(b"half of this run")
        raise KeyboardInterrupt


def test_an_interrupted_run_leaves_the_output_as_it_was(tmp_path: Path) -> None:
    target = tmp_path / "results.jsonl"
    target.write_bytes(b"the last run\n")
    with pytest.raises(KeyboardInterrupt):
        _write_half_then_stop(target)
    assert target.read_bytes() == b"the last run\n"
    assert sorted(tmp_path.iterdir()) == [target]


def test_through_a_symlink_the_file_it_points_to_is_replaced(tmp_path: Path) -> None:
    real, link = tmp_path / "real.jsonl", tmp_path / "link.jsonl"
    real.write_bytes(b"old\n")
    link.symlink_to(real)
    with replaced(str(link), "--out") as stream:
        stream.write(b"new\n")
    assert link.is_symlink()
    assert real.read_bytes() == b"new\n"


def test_a_run_stopped_half_way_leaves_the_previous_output_whole(tmp_path: Path) -> None:
    cases = tmp_path / "cases.jsonl"
    many = (
        json.dumps({"id": f"case-{n}", "age": 20 + n % 70, "findings": {"slr": "positive"}})
        for n in range(100_000)
    )
    cases.write_text("\n".join(many) + "\n")  # minutes of work: it is stopped long before the end
    target = tmp_path / "results.jsonl"
    target.write_bytes(b"the last run\n")
    # A child started with SIGINT ignored (a background job of a non-interactive shell, as CI may be) keeps
    # ignoring it; Python's own handler is installed explicitly so that the test sees what a terminal does.
    arguments = ["batch", str(cases), "--out", str(target), "--jobs", "1"]
    run_cli = (
        "import signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); "
        f"from cdss.cli import main; sys.exit(main({arguments!r}))"
    )
    command = [sys.executable, "-c", run_cli]
    with subprocess.Popen(command, stderr=subprocess.PIPE, text=True) as running:
        deadline = time.monotonic() + 60
        while not _writing(tmp_path, target) and time.monotonic() < deadline and running.poll() is None:
            time.sleep(0.05)
        running.send_signal(signal.SIGINT)
        _, err = running.communicate(timeout=60)
    assert running.returncode == 1, err
    assert err == f"cdss batch: interrupted; {target} is unchanged\n"
    assert target.read_bytes() == b"the last run\n"
    assert sorted(tmp_path.iterdir()) == [cases, target]


def _writing(folder: Path, target: Path) -> bool:
    """Whether the run has started writing lines, to the target or beside it."""
    return target.read_bytes() != b"the last run\n" or any(
        path.stat().st_size > 0 for path in folder.iterdir() if path.name.startswith(".")
    )
