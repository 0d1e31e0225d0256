"""The ``cdss explain`` command: lean batch lines back to full assessments, every text and basis included.

A lean line names its conclusions by rule id and pins the ruleset by sha256; the loaded ruleset must be
that one, and the engine must reach the line's conclusions from its fired rules and findings
(:meth:`cdss.Engine.expand`): otherwise the line is refused, with its place and id. Error lines and full
lines are printed as they are, so the output has one line per input line.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from cdss.batch.lines import ErrorLine, JsonLines
from cdss.batch.schemas import FullLine, LeanLine
from cdss.engine.assessment import Assessment, Summary
from cdss.engine.engine import Engine
from cdss.engine.render import render
from cdss.errors import CdssError

_LINE = TypeAdapter(LeanLine | FullLine | ErrorLine)
_ASSESSMENT_JSON = TypeAdapter(Assessment)
_FULL = JsonLines("full")
STDIN = "-"


def add_explain_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    explain = commands.add_parser(
        "explain",
        help="expand lean batch lines into full assessments (every text and basis)",
        description="Read lean lines of `cdss batch` (one line given as JSON, a file of lines, or '-' for "
        "standard input) and print each as the full assessment, as `--detail full` would have written it. "
        "A line made with another ruleset (by sha256) is refused.",
    )
    explain.add_argument("line", metavar="LINE_OR_FILE", help="a lean line (JSON), a JSON Lines file, or '-'")
    explain.add_argument("--text", action="store_true", help="print readable text instead of JSON Lines")
    explain.add_argument("--ruleset", metavar="DIR", help="the ruleset the lines were made with")
    explain.set_defaults(run=run_explain_command)


def _lines(argument: str) -> Iterator[tuple[str, str]]:
    """Each non-blank line with where it comes from."""
    if argument.lstrip().startswith("{"):
        yield "the line given", argument
        return
    stream = sys.stdin if argument == STDIN else Path(argument).open(encoding="utf-8")  # noqa: SIM115
    name = "standard input" if argument == STDIN else argument
    with stream:
        for number, text in enumerate(stream, start=1):
            if text.strip():
                yield f"{name}:{number}", text


def expanded(place: str, text: str, engine_for: Callable[[str], Engine]) -> tuple[str, FullLine | ErrorLine]:
    """The full line a line stands for, as `cdss batch --detail full` writes it, and its model, by the
    engine of the line's setting; raises :class:`CdssError` naming the line when it cannot be expanded."""
    try:
        line = _LINE.validate_json(text)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise CdssError(f"{place}: not a line of cdss batch ({where}: {first['msg']})") from None
    if not isinstance(line, LeanLine):
        return text.strip(), line
    summary = Summary.model_validate(line.model_dump(exclude={"source", "detail"}))
    try:
        assessment = engine_for(summary.setting).expand(summary)
    except CdssError as error:
        raise CdssError(f"{place} (id {line.id}): {error}") from None
    full = FullLine(**assessment.model_dump(), source=line.source, detail="full")
    if line.id is None:
        return full.model_dump_json(), full
    body = _ASSESSMENT_JSON.dump_json(assessment, exclude={"id"})
    return _FULL.result(line.id, line.source, None, body).decode().rstrip("\n"), full


def run_explain_command(args: argparse.Namespace) -> int:
    engines: dict[str, Engine] = {}

    def engine_for(setting: str) -> Engine:
        """One engine per setting the lines were made in, built when first needed."""
        if setting not in engines:
            engines[setting] = Engine(args.ruleset, setting=setting)
        return engines[setting]

    try:
        for place, text in _lines(args.line):
            written, line = expanded(place, text, engine_for)
            print(render(line) + "\n" if args.text and isinstance(line, FullLine) else written)
    finally:
        for engine in engines.values():
            engine.close()
    return 0
