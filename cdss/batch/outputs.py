"""Where a batch writes: never onto one of its inputs, and never a half-written file that looks complete.

- An output (``--out``, ``--summary``, ``--report``) that is the same file as an input named on the
  command line, directly or through a glob pattern, is refused before anything is written, however it is
  spelt: another path, ``./``, a symlink either way, or another hard link to the same file. Files are
  compared by device and inode, not by name.
- An output already inside an input folder (the results of the last run, say) is not refused: a folder's
  search skips the outputs, so they are never read as cases.
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

from cdss.batch.inputs import UsageError

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
