"""The files a command has read, so that it never writes its result over one of them.

A command watches its inputs for as long as it runs (`inputs_watched`); every file read
for it is noted by device and inode, not by name, so a hard link, a symlink or another
spelling of the same file is still recognised. Outside a watched command (the library
used from Python) nothing is noted and nothing is refused.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from platform_advisor.errors import OutputError

_read: dict[tuple[int, int], str] | None = None


@contextmanager
def inputs_watched() -> Iterator[None]:
    """Note every file read inside the block; writes inside it refuse to replace one."""
    global _read
    previous = _read
    _read = {} if previous is None else dict(previous)
    try:
        yield
    finally:
        _read = previous


def note_input(status: os.stat_result, display: str) -> None:
    """Remember a regular file that was read (pipes and devices are not replaced anyway)."""
    if _read is not None and stat.S_ISREG(status.st_mode):
        _read.setdefault((status.st_dev, status.st_ino), display)


def note_path(path: Path, display: str) -> None:
    """Remember a file that will be read (by a worker process, say), if it exists."""
    with suppress(OSError, ValueError):
        note_input(path.stat(), display)


def input_problem(path: Path, shown: str) -> str | None:
    """Why `path` may not be written (it is one of the inputs), or None."""
    if not _read:
        return None
    try:
        status = path.stat()
    except (OSError, ValueError):
        return None
    read = _read.get((status.st_dev, status.st_ino))
    if read is None:
        return None
    which = "" if read == shown else f"the same file as {read}, "
    return f"{shown}: is {which}one of this command's inputs; write the result to another file"


def refuse_input(path: Path, shown: str) -> None:
    """Raise OutputError when `path` is one of the files this command read."""
    problem = input_problem(path, shown)
    if problem is not None:
        raise OutputError(problem)


def same_file(first: Path, second: Path) -> bool:
    """Whether two paths name one existing file (compared by device and inode)."""
    try:
        one, other = first.stat(), second.stat()
    except (OSError, ValueError):
        return False
    return (one.st_dev, one.st_ino) == (other.st_dev, other.st_ino)


def blocking(handle: int) -> None:
    """Reads and writes wait again, once the open did not (where the system has both)."""
    if hasattr(os, "set_blocking"):  # Windows has it for pipes only, from Python 3.12
        os.set_blocking(handle, True)
