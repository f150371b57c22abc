"""Writing files so that a reader only ever sees the old content or the new, never a mix.

The text goes to a temporary file in the same folder, is flushed to disk, and replaces
the target in one rename. A symlink is written through to its target; an existing
file keeps its permissions.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from platform_advisor.errors import OutputError

_REASONS = {
    errno.ENOSPC: "no space left on the device",
    errno.EDQUOT: "disk quota exceeded",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EROFS: "the file system is read-only",
}


def write_atomic(path: Path, text: str, display: str | None = None) -> None:
    """Replace ``path`` with ``text`` (UTF-8) atomically, or raise OutputError."""
    write_atomic_bytes(path, text.encode("utf-8"), display)


def write_atomic_bytes(path: Path, data: bytes, display: str | None = None) -> None:
    """Replace ``path`` with ``data`` atomically, or raise OutputError."""
    shown = display or str(path)
    target = Path(os.path.realpath(path))
    if target.is_dir():
        raise OutputError(f"{shown}: is a folder; give a file name")
    if not target.parent.is_dir():
        raise OutputError(f"{shown}: the folder {target.parent} does not exist")
    try:
        _replace(target, data)
    except OSError as error:
        reason = _REASONS.get(error.errno or 0, error.strerror or str(error))
        raise OutputError(f"{shown}: cannot write ({reason}); nothing was changed") from None


def _replace(target: Path, data: bytes) -> None:
    mode = _mode_for(target)
    handle, temporary = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        Path(temporary).chmod(mode)
        Path(temporary).replace(target)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(temporary).unlink()
        raise
    _sync_folder(target.parent)


def _mode_for(target: Path) -> int:
    """The existing file's permissions, or what a new file gets under the umask."""
    try:
        return target.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable, where the platform allows it."""
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
