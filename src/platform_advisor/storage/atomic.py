"""Writing files so that a reader only ever sees the old content or the new, never a mix.

The text goes to a temporary file in the same folder, is flushed to disk, and replaces
the target in one rename. On Linux the temporary file has no name until it is complete
(O_TMPFILE), so a process killed while writing leaves nothing behind; elsewhere, and in
the instant between naming and renaming, a leftover is removed by a later write to the
same target once it is an hour old. A symlink is written through to its target (unless
the caller says not to follow links); an existing file keeps its permissions.

Only a regular file is ever replaced. A character device or a FIFO is written directly,
as a shell's redirection writes it (`-o /dev/null`, a named pipe); `/dev/stdout`,
`/dev/stderr` and `/dev/fd/N` are the descriptors this process already has; a socket or
a disk device is refused. Within a command that watches its inputs
(`storage.inputs`), a file the command has read is never replaced.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import re
import secrets
import stat
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from platform_advisor.errors import OutputError
from platform_advisor.storage.inputs import blocking, refuse_input

TEMPORARY_SUFFIX = ".tmp"
#: A temporary file older than this was left by a writer that died: no write lasts so long.
STALE_TEMPORARY_SECONDS = 3600

_REASONS = {
    errno.ENOSPC: "no space left on the device",
    errno.EDQUOT: "disk quota exceeded",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EROFS: "the file system is read-only",
    errno.EPIPE: "the reader of this pipe has gone",
}
#: The names of descriptors this process already holds.
_DESCRIPTOR = re.compile(r"/dev/(?:fd/(\d+)|(stdin|stdout|stderr))|/proc/self/fd/(\d+)")
_STANDARD = {"stdin": 0, "stdout": 1, "stderr": 2}
#: Opening a FIFO or a terminal without waiting for the other end or taking it over.
_NOT_WAITING = (
    getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
)
_REFUSED = {
    stat.S_IFSOCK: "a socket",
    stat.S_IFBLK: "a disk device",
}


def write_atomic(
    path: Path,
    text: str,
    display: str | None = None,
    *,
    follow_links: bool = True,
    replaces_input: bool = False,
) -> None:
    """Replace ``path`` with ``text`` (UTF-8) atomically, or raise OutputError."""
    data = text.encode("utf-8")
    write_atomic_bytes(
        path, data, display, follow_links=follow_links, replaces_input=replaces_input
    )


def write_atomic_bytes(
    path: Path,
    data: bytes,
    display: str | None = None,
    *,
    follow_links: bool = True,
    replaces_input: bool = False,
) -> None:
    """Replace ``path`` with ``data`` atomically, or raise OutputError.

    With ``follow_links`` off, a symlink at ``path`` is replaced itself, never written
    through: what a folder others may write to needs. A file the command has read is
    refused unless ``replaces_input`` says that editing it is the command's job.
    """
    shown = display or str(path)
    descriptor = inherited_descriptor(path)
    if descriptor is not None:
        _guarded(shown, lambda: _write_descriptor(descriptor, data))
        return
    kind = _kind(path, follow_links)
    if kind is not None and kind not in (stat.S_IFREG, stat.S_IFLNK):  # a link not followed
        _write_special(path, kind, data, shown)  # is replaced itself
        return
    if not replaces_input:
        refuse_input(path, shown)
    target = Path(os.path.realpath(path)) if follow_links else _parent_resolved(path)
    if target.is_dir():
        raise OutputError(f"{shown}: is a folder; give a file name")
    if not target.parent.is_dir():
        raise OutputError(f"{shown}: the folder {target.parent} does not exist")
    try:
        _replace(target, data)
    except OSError as error:
        reason = _reason(error)
        raise OutputError(f"{shown}: cannot write ({reason}); nothing was changed") from None


def inherited_descriptor(path: Path) -> int | None:
    """The descriptor a path such as /dev/stdout or /dev/fd/3 names, if it is one."""
    if not Path(path).is_absolute():
        return None
    match = _DESCRIPTOR.fullmatch(os.path.normpath(path))
    if match is None:
        return None
    number = match[1] or match[3]
    return int(number) if number else _STANDARD[match[2]]


def _kind(path: Path, follow_links: bool) -> int | None:
    """The file type bits of what is at `path`, or None when nothing is there."""
    try:
        status = path.stat() if follow_links else path.lstat()
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError:
        return None  # the write itself will say what is wrong
    return stat.S_IFMT(status.st_mode)


def _parent_resolved(path: Path) -> Path:
    """The path with its folder's links resolved but not its own name's."""
    return Path(os.path.realpath(path.parent)) / path.name


def _write_special(path: Path, kind: int, data: bytes, shown: str) -> None:
    """Write into a character device or a FIFO as a shell's redirection would; refuse
    anything else that is not a file."""
    if kind == stat.S_IFDIR:
        raise OutputError(f"{shown}: is a folder; give a file name")
    if kind not in (stat.S_IFCHR, stat.S_IFIFO):
        what = _REFUSED.get(kind)
        if what is None:
            raise OutputError(f"{shown}: is not a regular file; give a file name")
        raise OutputError(f"{shown}: is {what}, not a file; give a file name")

    def write() -> None:
        # Not blocking on open: a FIFO nobody reads fails at once (ENXIO), not forever.
        try:
            handle = os.open(path, os.O_WRONLY | _NOT_WAITING, 0)
        except OSError as error:
            if error.errno == errno.ENXIO and kind == stat.S_IFIFO:
                reason = "nothing is reading from this pipe"
                raise OutputError(f"{shown}: cannot write ({reason})") from None
            raise
        try:
            blocking(handle)
            _write_descriptor(handle, data)
        finally:
            os.close(handle)

    _guarded(shown, write)


def _write_descriptor(handle: int, data: bytes) -> None:
    """All of `data` into a descriptor, after whatever Python has buffered for it."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            if stream.fileno() == handle:
                stream.flush()
    view = memoryview(data)
    while view:
        written = os.write(handle, view)
        view = view[written:]


def _guarded(shown: str, action: Callable[[], None]) -> None:
    try:
        action()
    except OSError as error:
        raise OutputError(f"{shown}: cannot write ({_reason(error)})") from None


def _reason(error: OSError) -> str:
    return _REASONS.get(error.errno or 0, error.strerror or str(error))


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
