"""A Parquet pool worker builds its rows without importing pandas, and pandas stays importable after.

Each check runs in a fresh interpreter: this one has imported pandas already (other tests read Parquet
files back with it), and what pyarrow settles about pandas lasts for the life of a process.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile

import pytest

pytest.importorskip("pandas")  # without pandas there is no import to spare


def _run(program: str) -> str:
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_pyarrow_builds_arrays_without_importing_pandas() -> None:
    printed = _run(
        "import sys\n"
        "import pyarrow as pa\n"
        "from cdss.batch.without_pandas import settle_without_pandas\n"
        "settle_without_pandas()\n"
        "built = pa.array(['a', None], type=pa.string())\n"
        "print(built.type, built.null_count, 'pandas' in sys.modules)\n"
        "import pandas\n"  # the import is hidden only while pyarrow settles
        "print(type(pandas.DataFrame({'a': [1]})).__name__)\n"
    )
    assert printed.splitlines() == ["string 1 False", "DataFrame"]


def test_without_the_settling_pyarrow_imports_pandas() -> None:
    """The cost the worker is spared is real: otherwise the first array imports pandas."""
    printed = _run("import sys\nimport pyarrow as pa\npa.array([1])\nprint('pandas' in sys.modules)\n")
    assert printed == "True"


def test_a_process_with_pandas_keeps_it() -> None:
    printed = _run(
        "import sys\n"
        "import pandas\n"
        "import pyarrow as pa\n"
        "from cdss.batch.without_pandas import settle_without_pandas\n"
        "settle_without_pandas()\n"
        "print(pa.array(pandas.Series([1, 2])).type)\n"
    )
    assert printed == "int64"


def test_a_parquet_pool_worker_evaluates_without_pandas() -> None:
    with tempfile.TemporaryDirectory() as spool:
        printed = _run(
            "import sys\n"
            "from cdss.batch.inputs import WorkItem\n"
            "from cdss.batch.worker import process_chunk, start_worker\n"
            "from cdss.rules.loading import load_ruleset\n"
            f"start_worker(load_ruleset(), 'parquet', 'lean', False, None, {spool!r})\n"
            'line = b\'{"id": "c1", "age": 40, "findings": {"slr": "positive"}}\'\n'
            "spooled = process_chunk([WorkItem(0, 'x:1', line)])\n"
            "print(spooled.rest[0][1], spooled.rest[0][3][6], 'pandas' in sys.modules)\n"
        )
    assert printed == "c1 None False"  # the case evaluated (no error), and pandas was never imported
