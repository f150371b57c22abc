"""One writer at a time: an exclusive lock on a folder while a command edits files in it.

The files themselves cannot carry the lock, because an atomic write replaces them with a
new file; the folder stays. The lock is released when the process ends, however it ends.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from platform_advisor.errors import OutputError

#: How long to wait for another writer before giving up.
WAIT_SECONDS = 30.0


@contextlib.contextmanager
def folder_locked(folder: Path, wait_seconds: float = WAIT_SECONDS) -> Iterator[None]:
    """Hold an exclusive lock on ``folder`` for the duration of the block."""
    if sys.platform == "win32":  # no folder locks; replacing an open file fails there anyway
        yield
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        _acquire(handle, folder, wait_seconds)
        yield
    finally:
        os.close(handle)  # closing releases the lock


def _acquire(handle: int, folder: Path, wait_seconds: float) -> None:
    import fcntl

    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() > deadline:
                raise OutputError(
                    f"{folder}: another advisor command has been editing it for "
                    f"{wait_seconds:.0f} s; try again when it has finished"
                ) from None
            time.sleep(0.05)
