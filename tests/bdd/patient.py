"""The patient a scenario describes, and the two ways of assessing it: the library and the command line."""

from __future__ import annotations

import contextlib
import io
import json
from collections.abc import Callable, Mapping
from pathlib import Path

from cdss.cli import main
from cdss.engine.assessment import Assessment
from cdss.engine.engine import Engine
from tests.bdd.vocabulary import Note, Value

CASE_ID = "scenario"

Driver = Callable[[Mapping[str, object]], Assessment]
"""Assesses one case in the case format."""


class PatientNote:
    """What the Given lines of one scenario recorded so far; a later line overrides an earlier one."""

    def __init__(self) -> None:
        self._attributes: dict[str, Value] = {}

    def record(self, note: Note) -> None:
        self._attributes.update(note)

    def case(self) -> dict[str, object]:
        """The case in the case format. Whatever was not examined (``None``) is left out."""
        attributes = {name: value for name, value in self._attributes.items() if value is not None}
        case: dict[str, object] = {"id": CASE_ID}
        for name in ("age", "sex"):
            if name in attributes:
                case[name] = attributes.pop(name)
        case["findings"] = attributes
        return case


def library_driver(engine: Engine) -> Driver:
    """Assess through the library: :meth:`cdss.engine.engine.Engine.evaluate`."""
    return engine.evaluate


def command_line_driver(directory: Path) -> Driver:
    """Assess through the command line: write the case to a file, run ``cdss evaluate FILE --json``."""

    def assess(case: Mapping[str, object]) -> Assessment:
        path = directory / "case.json"
        path.write_text(json.dumps(case), encoding="utf-8")
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["evaluate", str(path), "--json"])
        if code != 0:
            raise RuntimeError(f"cdss evaluate exited with {code}: {err.getvalue().strip()}")
        return Assessment.model_validate_json(out.getvalue())

    return assess
