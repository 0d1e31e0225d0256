"""The ``cdss`` command starts a batch's fork server before it imports the engine, with the modules the run
will need, and only for a batch that runs worker processes here.

Each check runs in a fresh interpreter: a fork server, once started, serves its process to the end.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

import cdss
from cdss.batch import forkserver
from cdss.batch.arrow_rows import ArrowRows
from cdss.batch.worker import start_worker
from cdss.engine.engine import CDSS_VERSION

_SERVERS = """
import os, sys, time
from cdss.batch.forkserver import start_for_command
start_for_command(sys.argv[1:])
def commands():
    children = open(f"/proc/self/task/{os.getpid()}/children").read().split()
    return [open(f"/proc/{pid}/cmdline", "rb").read().replace(b"\\0", b" ").decode() for pid in children]
mine = open("/proc/self/cmdline", "rb").read().replace(b"\\0", b" ").decode()
deadline = time.monotonic() + 30
while {mine, ""} & {*commands()} and time.monotonic() < deadline:  # a child not yet past its exec
    time.sleep(0.01)
servers = [command for command in commands() if "forkserver import main" in command]
print(len(servers), "cdss.batch.arrow_rows" in "".join(servers), "cdss.engine.engine" in sys.modules)
"""


def _started(*argv: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", _SERVERS, *argv], capture_output=True, text=True, check=False, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert not done.stderr  # a command line it cannot read is left to the command, silently
    return done.stdout.strip()


@pytest.mark.parametrize(
    ("argv", "printed"),
    [
        (["batch", "cases.jsonl", "--jobs", "2"], "1 False False"),
        (["batch", "cases.jsonl", "--format", "parquet", "--jobs=2"], "1 True False"),
        (["batch", "--format=csv", "cases/", "--jobs", "2", "--out", "x.csv"], "1 False False"),
        (["batch", "cases.jsonl", "--jobs", "1"], "0 False False"),
        (["batch", "cases.jsonl", "--jobs", "2", "--dask", "local"], "0 False False"),
        (["batch", "cases.jsonl", "--jobs"], "0 False False"),
        (["batch", "cases.jsonl", "--jobs", "two"], "0 False False"),
        (["rules", "show", "CES-001"], "0 False False"),
        ([], "0 False False"),
    ],
)
def test_the_command_starts_a_fork_server_only_for_a_batch_with_workers_here(
    argv: list[str], printed: str
) -> None:
    """Printed: the fork servers started, whether one imports the Parquet rows' modules, and whether the
    engine was imported before (it must not be: the server's imports are to overlap the command's)."""
    assert _started(*argv) == printed


def test_the_server_imports_the_modules_the_workers_run() -> None:
    assert start_worker.__module__ == forkserver.WORKER_MODULE
    assert ArrowRows.__module__ == forkserver.ROWS_MODULE


def test_importing_cdss_leaves_the_engine_until_it_is_used() -> None:
    program = (
        "import sys, cdss\n"
        "print('cdss.engine.engine' in sys.modules)\n"
        "print(cdss.evaluate({'id': 'c1', 'age': 71, 'findings': {'saddle_anaesthesia': True}}).triage)\n"
    )
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "emergency"]


def test_every_public_name_of_cdss_is_there() -> None:
    for name in cdss.__all__:
        assert getattr(cdss, name) is not None
        assert name in dir(cdss)
    assert cdss.Engine.__module__ == "cdss.engine.engine"
    assert cdss.__version__ == CDSS_VERSION
    with pytest.raises(AttributeError, match="no attribute 'Engin'"):
        cdss.Engin  # noqa: B018 - the attribute access is what is tested
