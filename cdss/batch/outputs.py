"""Where a batch writes: never onto one of its inputs, and never a half-written file that looks complete.

- An output (``--out``, ``--summary``, ``--report``) that is the same file as an input named on the
  command line, directly or through a glob pattern, is refused before anything is written, however it is
  spelt: another path, ``./``, a symlink either way, or another hard link to the same file. Files are
  compared by device and inode, not by name.
- An output inside an input folder is refused when a search of that folder would read it as cases: a
  file ending as a case file does (``.json``, ``.yaml``, ``.yml``, ``.jsonl``, ``.ndjson``), and so does
  the folder of part files that ``--dask`` writes. Otherwise ``--out folder/case.json`` would overwrite a
  case of the run, and the next run would read this run's results as input.
- Each output is written to a hidden temporary file beside its target (``.NAME.XXXX.partial``) and renamed
  onto it only when complete, so an interrupted or failed run leaves the target as it was. Through a
  symlink, the file it points to is replaced; the new file keeps the old one's permissions.
"""

from __future__ import annotations

import contextlib
import glob
import os
import stat
import tempfile
from collections.abc import Iterator, Sequence
from typing import BinaryIO

from cdss.batch.inputs import CASE_SUFFIXES, LINES_SUFFIXES, UsageError

BUFFER_BYTES = 1 << 20


def _identity(path: str) -> tuple[int, int] | None:
    """The device and inode of the file a path leads to (through symlinks), or None if there is none."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return (found.st_dev, found.st_ino) if stat.S_ISREG(found.st_mode) else None


def _named_files(name: str) -> Iterator[str]:
    """The files an input names itself: the path, or a glob pattern's matches; never a folder's contents."""
    if os.path.lexists(name):
        yield name
    elif glob.has_magic(name):
        yield from glob.iglob(name, recursive=True)


def input_named_by(target: str, inputs: Sequence[str]) -> str | None:
    """The input file that ``target`` is, by whatever name, or None when it is none of them."""
    written = _identity(target)
    if written is None:
        return None
    for name in inputs:
        for path in _named_files(name):
            if _identity(path) == written:
                return path
    return None


def _input_folders(name: str) -> Iterator[str]:
    """The folders an input names: the folder itself, or a glob pattern's matches that are folders."""
    if os.path.isdir(name):
        yield name
    elif not os.path.lexists(name) and glob.has_magic(name):
        yield from (match for match in glob.iglob(name, recursive=True) if os.path.isdir(match))


def input_folder_reading(target: str, inputs: Sequence[str], *, is_folder: bool) -> str | None:
    """The input folder whose search would read ``target`` as cases, or None. ``is_folder``: the target is
    a folder of part files (``--dask``), read whatever its name."""
    if not is_folder and os.path.splitext(target)[1].lower() not in CASE_SUFFIXES | LINES_SUFFIXES:
        return None
    written = os.path.realpath(target)
    for name in inputs:
        for folder in _input_folders(name):
            root = os.path.realpath(folder)
            if os.path.commonpath([root, written]) == root:
                return folder
    return None


def refusal(option: str, target: str | None, inputs: Sequence[str], *, is_folder: bool) -> str | None:
    """Why an output may not be written where it is asked for (it is, or would be read as, an input), or
    None. ``-`` is standard output."""
    if not target or target == "-":
        return None
    same = input_named_by(target, inputs)
    if same is not None:
        return f"{option} {target}: is the input {same}; write to another file"
    folder = input_folder_reading(target, inputs, is_folder=is_folder)
    if folder is not None:
        return (
            f"{option} {target}: is inside the input folder {folder}, where it would be read as cases;"
            " write it outside the input folders"
        )
    return None


def _mode(path: str) -> int:
    """The permissions of the file being replaced, or those a new file gets under the umask."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


@contextlib.contextmanager
def replaced(target: str, option: str) -> Iterator[BinaryIO]:
    """A stream whose bytes replace ``target`` when the block ends without an error; the target is left
    as it was otherwise. ``option`` names it in a :class:`UsageError` when it cannot be written."""
    final = os.path.realpath(target)
    folder, name = os.path.split(final)
    try:
        descriptor, partial = tempfile.mkstemp(prefix=f".{name}.", suffix=".partial", dir=folder)
    except OSError as error:
        raise UsageError(f"{option} {target}: cannot write: {error.strerror or error}") from None
    try:
        with os.fdopen(descriptor, "wb", buffering=BUFFER_BYTES) as stream:
            os.fchmod(stream.fileno(), _mode(final))
            yield stream
        os.replace(partial, final)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(partial)
        raise
