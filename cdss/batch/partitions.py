"""The inputs of a cluster run cut into partitions: blocks of JSON Lines files and groups of case files.

Inputs are local paths (expanded exactly as a local run expands them, so every line names the same
source) or fsspec URLs (``s3://bucket/cases/``, ``file:///data/cases.jsonl``...), expanded the same way
on their file system: a folder is walked in sorted order skipping hidden names and files without a case
suffix, a glob pattern is expanded and sorted, a file named explicitly is read whatever its suffix.

A JSON Lines file larger than the block size is cut into byte blocks read with fsspec's ``read_block``
(each block holds whole lines: it starts after the first newline at or past its offset and runs to the
first newline past its end). A block's lines are numbered from the newlines of the blocks before it,
counted in a first pass (:func:`count_block`); a whole file is one block and needs no count. Case files
are grouped ``files_per_part`` to a partition. Partitions are numbered in input order, and so are the
items inside each, so (partition, item) is the input order of the whole run.
"""

from __future__ import annotations

import dataclasses
import glob
import os
import posixpath
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from io import BytesIO
from typing import NamedTuple

import fsspec
from fsspec import AbstractFileSystem

from cdss.batch.inputs import (
    CASE_SUFFIXES,
    LINES_SUFFIXES,
    MAX_CASE_BYTES,
    UsageError,
    WorkItem,
    check_inputs,
    input_files,
    is_url,
)
from cdss.batch.inputs import read_lines as read_stream_lines
from cdss.errors import FieldProblem

BLOCK_SIZE = 1 << 20
"""Bytes of JSON Lines per partition: a few thousand cases, a second or so of one worker's time."""
FILES_PER_PART = 256


@dataclass(frozen=True)
class Part:
    """One partition: ``files`` (case files, one case each), or a block of the JSON Lines file ``lines``.

    Sources are written as ``label`` names them; ``location`` is where a worker reads them (the absolute
    path of a local file, so a worker in another folder finds it; the URL itself otherwise).
    """

    index: int
    files: tuple[tuple[str, str], ...] = ()
    lines: tuple[str, str] | None = None
    block: tuple[int, int] | None = None
    """(offset, length) of a block of a JSON Lines file cut into several; None for the whole file."""
    first_line: int = 0
    report_empty: bool = True


def plan(inputs: Sequence[str], block_size: int = BLOCK_SIZE,
         files_per_part: int = FILES_PER_PART) -> list[Part]:  # fmt: skip
    """The partitions of the inputs, in input order. Raises :class:`UsageError` for an input that names
    nothing."""
    parts: list[Part] = []
    files: list[tuple[str, str]] = []

    def flush() -> None:
        if files:
            parts.append(Part(len(parts), files=tuple(files)))
            files.clear()

    for label, location, lines, size in _files(inputs):
        if not lines:
            files.append((label, location))
            if len(files) == files_per_part:
                flush()
            continue
        flush()
        if size <= block_size:
            parts.append(Part(len(parts), lines=(label, location)))
            continue
        for offset in range(0, size, block_size):
            block = (offset, min(block_size, size - offset))
            parts.append(Part(len(parts), lines=(label, location), block=block, report_empty=False))
    flush()
    return parts


def numbered(parts: Sequence[Part], counts: dict[int, BlockCount]) -> list[Part]:
    """The parts with the first line number of every block of a cut file, from the newlines counted in the
    blocks before it; a cut file without any case says so from its first block."""
    has_case: set[tuple[str, str] | None] = {parts[i].lines for i, count in counts.items() if count.has_case}
    result: list[Part] = []
    line = 0
    for part in parts:
        if part.block is None:
            result.append(part)
            continue
        first = part.block[0] == 0
        line = 0 if first else line
        empty = first and part.lines not in has_case
        result.append(dataclasses.replace(part, first_line=line, report_empty=empty))
        line += counts[part.index].newlines
    return result


def _files(inputs: Sequence[str]) -> Iterator[tuple[str, str, bool, int]]:
    """(label, location, is JSON Lines, size) of every input file, in input order."""
    check_inputs([name for name in inputs if not is_url(name)])
    for name in inputs:
        if is_url(name):
            yield from _url_files(name)
            continue
        for path, lines in input_files([name]):
            yield path, os.path.abspath(path), lines, _local_size(path) if lines else 0


def _local_size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0  # one block: the worker reports why it cannot be read


def _url_files(url: str) -> Iterator[tuple[str, str, bool, int]]:
    fs, root = fsspec.core.url_to_fs(url)
    found: list[tuple[str, bool]]
    if fs.isdir(root):
        found = [(path, False) for path in _walk(fs, root)]
    elif fs.exists(root) and not glob.has_magic(root):
        found = [(root, True)]
    else:
        matches = sorted(fs.glob(root)) if glob.has_magic(root) else []
        if not matches:
            raise UsageError(f"{url}: no file matches this pattern" if glob.has_magic(root)
                             else f"{url}: no such file or folder")  # fmt: skip
        found = []
        for match in matches:
            found += [(p, False) for p in _walk(fs, match)] if fs.isdir(match) else [(match, False)]
    for path, explicit in found:
        suffix = posixpath.splitext(path)[1].lower()
        if explicit or suffix in CASE_SUFFIXES or suffix in LINES_SUFFIXES:
            lines = suffix in LINES_SUFFIXES
            label = fs.unstrip_protocol(path)
            yield label, label, lines, int(fs.size(path) or 0) if lines else 0


def _walk(fs: AbstractFileSystem, root: str) -> list[str]:
    """The files under ``root`` in the order of a local run: a folder's own files (sorted) before its
    subfolders (sorted), hidden names skipped at any depth."""
    found: list[str] = []
    for folder, dirs, files in fs.walk(root.rstrip("/")):
        dirs[:] = sorted(name for name in dirs if not name.startswith("."))
        found += [f"{folder.rstrip('/')}/{name}" for name in sorted(files) if not name.startswith(".")]
    return found


class BlockCount(NamedTuple):
    newlines: int
    has_case: bool


def count_block(part: Part) -> BlockCount:
    """The newlines in a block of a JSON Lines file, and whether any of its lines holds something. A block
    that cannot be read counts as holding a case: reading it again for evaluation reports why it fails."""
    try:
        data = _block(part)
    except OSError:
        return BlockCount(0, True)
    return BlockCount(data.count(b"\n"), any(line.strip() for line in data.split(b"\n")))


def items_of(part: Part) -> Iterator[WorkItem]:
    """The work items of a partition, numbered from 0 in its input order. Nothing here raises for
    anything in the input: a file that cannot be read becomes an item carrying its problem."""
    if part.lines is None:
        for seq, (label, location) in enumerate(part.files):
            yield _case_file(seq, label, location)
        return
    label, _ = part.lines
    try:
        data = _block(part)
    except OSError as error:
        yield WorkItem(0, label, problem=_unreadable(error))
        return
    yield from read_stream_lines(BytesIO(data), label, 0, part.first_line, report_empty=part.report_empty)


def _block(part: Part) -> bytes:
    if part.lines is None:
        return b""
    fs, path = fsspec.core.url_to_fs(part.lines[1])
    if part.block is None:
        with fs.open(path, "rb") as stream:
            return bytes(stream.read())
    offset, length = part.block
    return bytes(fs.read_block(path, offset, length, delimiter=b"\n"))


def _case_file(seq: int, label: str, location: str) -> WorkItem:
    """A case file read ahead (at most one byte more than a case may have), parsed by the worker."""
    try:
        with fsspec.open(location, "rb") as stream:
            data = bytes(stream.read(MAX_CASE_BYTES + 1))
    except OSError as error:
        return WorkItem(seq, label, problem=_unreadable(error))
    return WorkItem(seq, label, data=data, whole_file=True)


def _unreadable(error: OSError) -> FieldProblem:
    if isinstance(error, FileNotFoundError):
        return FieldProblem((), "vanished", "the file was found but removed before it could be read")
    return FieldProblem((), "unreadable", f"cannot read the file: {error.strerror or error}")
