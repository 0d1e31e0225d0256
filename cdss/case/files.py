"""Reading case files: one JSON or YAML object per file. Problems are CaseErrors naming the file."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from pydantic_core import from_json

from cdss.errors import CaseError, FieldProblem


def _problem(kind: str, message: str) -> list[FieldProblem]:
    return [FieldProblem((), kind, message)]


def _unique_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    found = dict(pairs)
    if len(found) < len(pairs):  # a key given twice: name the first one repeated
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise ValueError(f"duplicate key {key!r} in one object")
            seen.add(key)
    return found


_DECODER = json.JSONDecoder(object_pairs_hook=_unique_keys)
"""What ``json.loads(text, object_pairs_hook=_unique_keys)`` builds at every call, built once."""


def parse_json(text: str) -> object:
    """JSON as cases need it: a key repeated in one object is an error, never last-one-wins.

    NaN and infinities parse; the case model rejects them with the field's name.
    """
    if text.startswith("\ufeff"):  # as json.loads says it
        raise json.JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", text, 0)
    return _DECODER.decode(text)


def vouched_json(data: bytes) -> dict[str, object] | None:
    """A JSON object read from UTF-8 bytes by pydantic-core's parser (about half the time of
    :func:`parse_json`) when it is sure to be what :func:`parse_json` reads; else None, and the caller
    reads the text with :func:`parse_json`, which gives the same object or says exactly what is wrong.

    That parser keeps the last of a repeated key, where a case must be refused. Each key in the text is
    followed by a colon, so objects holding as many keys as the text has colons repeat none (and no
    string holds a colon). Anything else is left to :func:`parse_json`: text that parser refuses (it
    refuses what :func:`parse_json` refuses, and a byte-order mark and lone surrogates too), a value that
    is not an object, a colon in a string.
    """
    try:
        parsed = from_json(data)
    except ValueError:
        return None
    if type(parsed) is dict and _keys(parsed) == data.count(b":"):
        return parsed
    return None


def _keys(value: object) -> int:
    """How many keys the objects in a parsed JSON value hold, nested ones included."""
    if type(value) is dict:
        return len(value) + sum(_keys(item) for item in value.values() if type(item) in _NESTING)
    if type(value) is list:
        return sum(_keys(item) for item in value if type(item) in _NESTING)
    return 0


_NESTING = (dict, list)


def read_case_file(path: Path) -> object:
    """The parsed content of a case file (.json, .yaml or .yml). Raises CaseError naming the file."""
    label = str(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise CaseError(
            label, _problem("unreadable", f"cannot read the file: {error.strerror or error}")
        ) from None
    return parse_case_file(raw, label)


def parse_case_file(raw: bytes, label: str) -> object:
    """The parsed content of a case file already read (YAML if ``label`` ends in .yaml or .yml, else JSON).
    Raises CaseError naming ``label``."""
    path = Path(label)
    try:
        text = raw.decode("utf-8-sig")  # a byte-order mark, as some editors write, is not content
    except UnicodeDecodeError as error:
        raise CaseError(label, _problem("not_utf8", f"not UTF-8 text (byte {error.start})")) from None
    if not text.strip():
        raise CaseError(label, _problem("empty", "the file is empty"))
    try:
        if path.suffix.lower() in (".yaml", ".yml"):
            return yaml.safe_load(text)
        return parse_json(text)
    except RecursionError:
        raise CaseError(
            label, _problem("invalid_syntax", f"not valid {_kind(path)}: nested too deeply")
        ) from None
    except (ValueError, yaml.YAMLError) as error:
        raise CaseError(
            label, _problem("invalid_syntax", f"not valid {_kind(path)}: {_first_line(error)}")
        ) from None


def _kind(path: Path) -> str:
    return "YAML" if path.suffix.lower() in (".yaml", ".yml") else "JSON"


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
