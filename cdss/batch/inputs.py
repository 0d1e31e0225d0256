"""Finding and reading the inputs of a batch: folders, glob patterns, case files and JSON Lines files.

Discovery is lazy and cheap: it yields one :class:`WorkItem` per case without parsing anything. A case
file becomes an item naming the file (read later, by a worker); each line of a JSON Lines file becomes an
item carrying the line's bytes. Nothing is loaded all at once, so memory stays flat however many cases
there are. Reading an item (:func:`load_item`) is a separate step, so a file that disappears between
discovery and reading is reported as ``vanished`` rather than lost.

- A folder is walked recursively in sorted order; hidden names (starting with ``.``) are skipped, and so
  are files whose suffix is not a case suffix (``.json``, ``.yaml``, ``.yml``, ``.jsonl``, ``.ndjson``).
- A glob pattern (``*``, ``?``, ``[``; ``**`` crosses folders) is expanded and sorted (paths only).
- A file named on the command line is read whatever its suffix: ``.jsonl``/``.ndjson`` as JSON Lines,
  ``.yaml``/``.yml`` as YAML, anything else as JSON.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO, NamedTuple

from cdss.case.files import parse_case_file, parse_json, read_case_file, vouched_json
from cdss.errors import CaseError, FieldProblem

CASE_SUFFIXES = frozenset({".json", ".yaml", ".yml"})
LINES_SUFFIXES = frozenset({".jsonl", ".ndjson"})
MAX_CASE_BYTES = 16 * 1024 * 1024
"""A case is a few hundred bytes; anything above this is refused unread (``too_large``)."""


class WorkItem(NamedTuple):
    """One input case, not yet read: its place in the input order and where it comes from.

    ``data`` holds the bytes of a JSON Lines line, or with ``whole_file`` the bytes of a case file read
    ahead (from a URL); ``None`` means "read the case file named by source". ``problem`` is set when the
    input failed before it could be read (e.g. a JSON Lines file vanished).
    """

    seq: int
    source: str
    data: bytes | None = None
    problem: FieldProblem | None = None
    whole_file: bool = False


class UsageError(ValueError):
    """An input named on the command line that does not exist or matches nothing."""


def _problem(kind: str, message: str) -> FieldProblem:
    return FieldProblem((), kind, message)


def is_url(name: str) -> bool:
    """Whether an input names a file system URL (``s3://...``), read by a cluster run through fsspec."""
    return "://" in name


def check_inputs(inputs: Sequence[str]) -> None:
    """Raise :class:`UsageError` for an input that names nothing: a missing path or a glob with no match."""
    for name in inputs:
        if os.path.lexists(name):
            continue
        if glob.has_magic(name):
            if next(glob.iglob(name, recursive=True), None) is None:
                raise UsageError(f"{name}: no file matches this pattern")
            continue
        raise UsageError(f"{name}: no such file or folder")


def discover(inputs: Sequence[str]) -> Iterator[WorkItem]:
    """One item per case, in input order, numbered from 0."""
    seq = 0
    for path, lines in input_files(inputs):
        items = _lines_of(path, seq) if lines else iter((WorkItem(seq, path),))
        for item in items:
            yield item
            seq += 1


def input_files(inputs: Sequence[str]) -> Iterator[tuple[str, bool]]:
    """Every input file in input order with whether it is JSON Lines."""
    for name in inputs:
        for path, explicit in _expand(name):
            suffix = os.path.splitext(path)[1].lower()
            if explicit or suffix in CASE_SUFFIXES or suffix in LINES_SUFFIXES:
                yield path, suffix in LINES_SUFFIXES


def _expand(name: str) -> Iterator[tuple[str, bool]]:
    """The files an input stands for, with whether each was named explicitly (read whatever its suffix)."""
    if os.path.isdir(name):
        yield from ((path, False) for path in _walk(name))
    elif os.path.lexists(name):
        yield name, True
    else:
        for match in sorted(glob.iglob(name, recursive=True)):
            if os.path.isdir(match):
                yield from ((path, False) for path in _walk(match))
            else:
                yield match, False


def _walk(folder: str) -> Iterator[str]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for file in sorted(files):
            if not file.startswith("."):
                yield os.path.join(root, file)


def _lines_of(path: str, first_seq: int) -> Iterator[WorkItem]:
    """One item per non-blank line of a JSON Lines file; a file that cannot be read, or holds no case,
    becomes one failed item naming the file."""
    try:
        with open(path, "rb") as stream:
            yield from read_lines(stream, path, first_seq)
    except OSError as error:  # opening failed: reading errors are reported line by line
        yield WorkItem(first_seq, path, problem=_open_problem(path, error))


def read_lines(
    stream: BinaryIO, path: str, first_seq: int, first_line: int = 0, *, report_empty: bool = True
) -> Iterator[WorkItem]:
    """The items of the lines in ``stream``, the first being line ``first_line + 1`` of ``path``; with
    ``report_empty``, a stream without a case yields one ``empty`` item naming the file."""
    seq, number = first_seq, first_line
    try:
        while line := stream.readline(MAX_CASE_BYTES + 1):
            number += 1
            if len(line) > MAX_CASE_BYTES and not line.endswith(b"\n"):
                _skip_rest_of_line(stream)  # the rest of an oversized line is not read as more lines
                yield WorkItem(seq, f"{path}:{number}", problem=_too_large())
                seq += 1
            elif line.strip():
                yield WorkItem(seq, f"{path}:{number}", data=line)
                seq += 1
    except OSError as error:
        yield WorkItem(seq, f"{path}:{number + 1}", problem=_problem("unreadable", _cannot_read(error)))
        seq += 1
    if seq == first_seq and report_empty:
        yield WorkItem(seq, path, problem=_problem("empty", "the JSON Lines file holds no case"))


def _skip_rest_of_line(stream: BinaryIO) -> None:
    while (chunk := stream.readline(MAX_CASE_BYTES)) and not chunk.endswith(b"\n"):
        pass


def _too_large() -> FieldProblem:
    return _problem("too_large", f"larger than {MAX_CASE_BYTES // (1024 * 1024)} MiB; a case is much smaller")


def _vanished() -> FieldProblem:
    return _problem("vanished", "the file was found but removed before it could be read")


def _cannot_read(error: OSError) -> str:
    return f"cannot read the file: {error.strerror or error}"


def _open_problem(path: str, error: OSError) -> FieldProblem:
    if isinstance(error, FileNotFoundError) and not os.path.lexists(path):
        return _vanished()
    return _problem("unreadable", _cannot_read(error))


def load_item(item: WorkItem) -> object:
    """The parsed content of an item (not yet validated). Raises :class:`CaseError` naming the source."""
    if item.problem is not None:
        raise CaseError(item.source, [item.problem])
    if item.data is not None:
        if item.whole_file:
            return _parse_file(item.data, item.source)
        return parse_json_line(item.data, item.source)
    return _read_file(item.source)


def parse_json_line(data: bytes, label: str) -> object:
    """One JSON Lines line parsed. NaN and infinities parse; the case model rejects them by field."""
    vouched = vouched_json(data)
    if vouched is not None:
        return vouched
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CaseError(label, [_problem("not_utf8", f"not UTF-8 text (byte {error.start})")]) from None
    try:
        return parse_json(text)
    except ValueError as error:
        raise CaseError(label, [_problem("invalid_syntax", f"not valid JSON: {error}")]) from None
    except RecursionError:
        raise CaseError(label, [_problem("invalid_syntax", "not valid JSON: nested too deeply")]) from None


def _read_file(path: str) -> object:
    try:
        size = os.stat(path).st_size
    except OSError as error:
        raise CaseError(path, [_open_problem(path, error)]) from None
    if size > MAX_CASE_BYTES:
        raise CaseError(path, [_too_large()])
    try:
        return read_case_file(Path(path))
    except CaseError as error:
        if error.problems[0].kind == "unreadable" and not os.path.lexists(path):
            raise CaseError(path, [_vanished()]) from None
        raise
    except RecursionError:
        raise CaseError(path, [_problem("invalid_syntax", "nested too deeply")]) from None


def _parse_file(data: bytes, label: str) -> object:
    if len(data) > MAX_CASE_BYTES:
        raise CaseError(label, [_too_large()])
    try:
        return parse_case_file(data, label)
    except RecursionError:
        raise CaseError(label, [_problem("invalid_syntax", "nested too deeply")]) from None
