"""Sparing a Parquet pool worker the import of pandas, which pyarrow would make and the worker never uses.

The first time pyarrow builds an array from Python values (``pa.array``), it imports pandas if it can, to
ask whether the values are a pandas object, and remembers the answer for the life of the process. With
pandas installed that import costs a worker about 0.17 s of CPU at its start (two workers: about 3 µs a
case of a 100,000-case run), for nothing: a worker builds its arrays from lists and numpy arrays only,
each with its type given (pyarrow would import pandas again to infer a type).

:func:`settle_without_pandas` builds that first array while an import of pandas fails, so pyarrow settles
that there is no pandas. It is for processes the batch owns (its pool workers), never for a process it
shares with a caller, whose own pandas objects pyarrow would then no longer recognise. If a later pyarrow
no longer asks, or asks again each time, nothing is lost but the saving.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import sys
from collections.abc import Sequence
from types import ModuleType

import pyarrow as pa

_PANDAS = "pandas"


class _HidePandas(importlib.abc.MetaPathFinder):
    """An import finder that makes every import of pandas (or of a module in it) fail."""

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,  # noqa: ARG002 - the protocol's argument, not needed here
        target: ModuleType | None = None,  # noqa: ARG002 - as path
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname.partition(".")[0] == _PANDAS:
            raise ModuleNotFoundError(f"pandas is hidden from {__name__}", name=fullname)
        return None


def settle_without_pandas() -> None:
    """Have pyarrow settle, in this process, that pandas is not there (unless this process has it already).
    Only for a process the batch owns."""
    if _PANDAS in sys.modules:
        return
    finder = _HidePandas()
    sys.meta_path.insert(0, finder)
    try:
        pa.array([], type=pa.int8())
    finally:
        sys.meta_path.remove(finder)
