"""Reading case files: one JSON or YAML object per file. Problems are CaseErrors naming the file."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from cdss.errors import CaseError, FieldProblem


def _problem(kind: str, message: str) -> list[FieldProblem]:
    return [FieldProblem((), kind, message)]


def read_case_file(path: Path) -> object:
    """The parsed content of a case file (.json, .yaml or .yml). Raises CaseError naming the file."""
    label = str(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise CaseError(
            label, _problem("unreadable", f"cannot read the file: {error.strerror or error}")
        ) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise CaseError(label, _problem("not_utf8", f"not UTF-8 text (byte {error.start})")) from None
    if not text.strip():
        raise CaseError(label, _problem("empty", "the file is empty"))
    try:
        # NaN and infinities parse here; the case model rejects them with the field's name.
        if path.suffix.lower() in (".yaml", ".yml"):
            return yaml.safe_load(text)
        return json.loads(text)
    except (ValueError, yaml.YAMLError) as error:
        raise CaseError(
            label, _problem("invalid_syntax", f"not valid {_kind(path)}: {_first_line(error)}")
        ) from None


def _kind(path: Path) -> str:
    return "YAML" if path.suffix.lower() in (".yaml", ".yml") else "JSON"


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
