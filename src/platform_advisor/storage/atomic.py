"""Writing files so that a reader only ever sees the old content or the new, never a mix.

The text goes to a temporary file in the same folder, is flushed to disk, and replaces
the target in one rename. On Linux the temporary file has no name until it is complete
(O_TMPFILE), so a process killed while writing leaves nothing behind; elsewhere, and in
the instant between naming and renaming, a leftover is removed by a later write to the
same target once it is an hour old. A symlink is written through to its target; an
existing file keeps its permissions.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import secrets
import tempfile
import time
from pathlib import Path

from platform_advisor.errors import OutputError

TEMPORARY_SUFFIX = ".tmp"
#: A temporary file older than this was left by a writer that died: no write lasts so long.
STALE_TEMPORARY_SECONDS = 3600

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
    _remove_stale_temporaries(target)
    unnamed = _unnamed_file(target.parent)
    if unnamed is not None:
        _replace_from_unnamed(unnamed, target, data, mode)
    else:
        _replace_from_named(target, data, mode)
    _sync_folder(target.parent)


def _unnamed_file(folder: Path) -> int | None:
    """A file with no name yet in `folder` (Linux's O_TMPFILE), or None where the system
    or the file system has none: a process killed while writing it leaves nothing."""
    flag = getattr(os, "O_TMPFILE", None)
    if flag is None or not Path("/proc/self/fd").is_dir():
        return None
    try:
        return os.open(folder, flag | os.O_WRONLY, 0o600)
    except OSError:
        return None


def _replace_from_unnamed(handle: int, target: Path, data: bytes, mode: int) -> None:
    """Write, flush, give the file a temporary name, and rename it over the target."""
    temporary = _temporary_name(target)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
            os.fchmod(stream.fileno(), mode)
            _name(stream.fileno(), temporary)
        temporary.replace(target)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


def _name(handle: int, path: Path) -> None:
    """Give an unnamed file a name: link its /proc/self/fd entry, followed (a directory
    descriptor makes Python call linkat, which can follow it; plain link cannot)."""
    descriptors = os.open("/proc/self/fd", os.O_RDONLY)
    try:
        os.link(str(handle), path, src_dir_fd=descriptors, follow_symlinks=True)
    finally:
        os.close(descriptors)


def _replace_from_named(target: Path, data: bytes, mode: int) -> None:
    """The portable way: a named temporary file, removed if anything goes wrong."""
    handle, name = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=TEMPORARY_SUFFIX, dir=target.parent
    )
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        temporary.chmod(mode)
        temporary.replace(target)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


def _temporary_name(target: Path) -> Path:
    return target.with_name(
        f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}{TEMPORARY_SUFFIX}"
    )


def _remove_stale_temporaries(target: Path) -> None:
    """Temporary files of this target left by a process killed mid-write (where the
    system has no unnamed files, or in the instant between naming and renaming), once
    they are old enough that no live writer can still own them."""
    cutoff = time.time() - STALE_TEMPORARY_SECONDS
    for leftover in target.parent.glob(f".{glob.escape(target.name)}.*{TEMPORARY_SUFFIX}"):
        with contextlib.suppress(OSError):
            if leftover.stat().st_mtime < cutoff:
                leftover.unlink()


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
