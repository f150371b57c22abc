"""Reading a data file's text: existence, size, encoding and stray control characters.

A regular file is read up to the size limit. A pipe or a device (`<(...)`, a named pipe,
/dev/stdin) is read as it comes, within the same size limit and a time limit, and never
waits for a writer that may not come; one that brings more than the limit is an error,
never a text silently cut short. A socket is refused.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import time
from pathlib import Path

from platform_advisor.errors import DataFileError, InputFileError, Location, Problem
from platform_advisor.storage.inputs import blocking, note_input

#: The default ceiling on one data file; a 10,000-platform catalog is about 8 MB.
DEFAULT_MAX_BYTES = 32 * 1024 * 1024
MAX_BYTES_VARIABLE = "ADVISOR_MAX_FILE_MB"
#: The longest a pipe or a device may take to bring its whole text.
DEFAULT_READ_SECONDS = 30.0
READ_SECONDS_VARIABLE = "ADVISOR_READ_SECONDS"
_CHUNK = 65536
#: Opening without waiting for a FIFO's writer, and without taking over a terminal.
_NOT_WAITING = (
    getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
)

# Control characters refused (tab, newline and carriage return are allowed). NEL (U+0085)
# is one too: YAML 1.1 readers, libyaml among them, take it for a line break and editors
# do not, so every line after it would be reported one line off.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")

# What ends a line for YAML once NEL is refused: CR, LF (CRLF once) and the two Unicode
# separators.
_LINE_BREAKS = ("\n", "\r", "\u2028", "\u2029")


def display_name(path: Path) -> str:
    """A path as the user would type it: relative to here when that is shorter."""
    relative = os.path.relpath(path)
    return relative if not relative.startswith("..") else str(path)


def max_bytes() -> int:
    """The size ceiling, from the environment if set there."""
    configured = os.environ.get(MAX_BYTES_VARIABLE, "").strip()
    if not configured:
        return DEFAULT_MAX_BYTES
    try:
        megabytes = float(configured)
    except ValueError:
        raise InputFileError(
            f"{MAX_BYTES_VARIABLE} must be a number of megabytes (got {configured!r})"
        ) from None
    if not 0 < megabytes < 100_000:
        raise InputFileError(f"{MAX_BYTES_VARIABLE} must be above 0 (got {configured!r})")
    return int(megabytes * 1024 * 1024)


def read_seconds() -> float:
    """How long a pipe or a device may take to bring its text, from the environment if set."""
    configured = os.environ.get(READ_SECONDS_VARIABLE, "").strip()
    if not configured:
        return DEFAULT_READ_SECONDS
    try:
        seconds = float(configured)
    except ValueError:
        seconds = -1.0
    if not 0 < seconds < 86_400:
        raise InputFileError(
            f"{READ_SECONDS_VARIABLE} must be a number of seconds above 0 (got {configured!r})"
        )
    return seconds


def read_text(path: Path, display: str, limit: int | None = None) -> str:
    """The file's text as UTF-8 (a byte-order mark is allowed and dropped)."""
    data = _read_bytes(path, display, limit if limit is not None else max_bytes())
    # Dropped before decoding, not by "utf-8-sig": that codec counts an error's offset
    # from after the mark, which named the wrong byte and column.
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise DataFileError([_encoding_problem(data, error.start, display)]) from None
    _refuse_control_characters(text, display)
    return text


def read_bytes(path: Path, display: str, limit: int) -> bytes:
    """The file's bytes, refused like a text file when missing, a folder or too large."""
    return _read_bytes(path, display, limit)


def _read_bytes(path: Path, display: str, limit: int) -> bytes:
    try:
        _refuse_by_kind(path.stat(), display, limit)
        handle = os.open(path, os.O_RDONLY | _NOT_WAITING)
    except FileNotFoundError:
        raise InputFileError(f"{display}: no such file") from None
    except PermissionError:
        raise InputFileError(f"{display}: permission denied") from None
    except IsADirectoryError:
        raise InputFileError(f"{display}: is a folder, not a file") from None
    except ValueError:  # a NUL in the name
        raise InputFileError(f"{display}: no such file (the name holds a NUL character)") from None
    except OSError as error:
        raise InputFileError(f"{display}: cannot be read ({error.strerror})") from None
    try:
        status = os.fstat(handle)
        _refuse_by_kind(status, display, limit)
        note_input(status, display)
        if stat.S_ISREG(status.st_mode):
            blocking(handle)
            return _read_file(handle, display, limit)
        return _read_stream(handle, display, limit, time.monotonic() + read_seconds())
    except OSError as error:
        raise InputFileError(f"{display}: cannot be read ({error.strerror})") from None
    finally:
        os.close(handle)


def _refuse_by_kind(status: os.stat_result, display: str, limit: int) -> None:
    """A folder, a socket, or a file already known to be too large."""
    mode = status.st_mode
    if stat.S_ISDIR(mode):
        raise InputFileError(f"{display}: is a folder, not a file")
    if stat.S_ISSOCK(mode):
        raise InputFileError(f"{display}: is a socket, not a file")
    if stat.S_ISREG(mode) and status.st_size > limit:
        raise InputFileError(
            f"{display}: the file is {_size(status.st_size)}, above the {_size(limit)} limit "
            f"(raise it with {MAX_BYTES_VARIABLE})"
        )


def _read_file(handle: int, display: str, limit: int) -> bytes:
    """A regular file, which may still grow while it is read."""
    chunks: list[bytes] = []
    total = 0
    while total <= limit:
        chunk = os.read(handle, min(_CHUNK, limit + 1 - total))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
    raise InputFileError(
        f"{display}: the file grew past the {_size(limit)} limit while it was read "
        f"(raise it with {MAX_BYTES_VARIABLE})"
    )


def _read_stream(handle: int, display: str, limit: int, deadline: float) -> bytes:
    """A pipe or a device: what comes through until its end, within the size and time
    limits. Waiting is done by poll, so a FIFO nobody writes to is given up on in time."""
    import select

    poller = select.poll() if hasattr(select, "poll") else None
    if poller is not None:
        poller.register(handle, select.POLLIN | select.POLLPRI)
    chunks: list[bytes] = []
    total = 0
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise InputFileError(_too_slow(display, total))
        if poller is not None and not poller.poll(max(1, int(remaining * 1000))):
            continue
        try:
            chunk = os.read(handle, _CHUNK)
        except BlockingIOError:
            continue
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if total > limit:
            raise InputFileError(
                f"{display}: more than the {_size(limit)} limit came through "
                f"(raise it with {MAX_BYTES_VARIABLE})"
            )
        chunks.append(chunk)


def _too_slow(display: str, received: int) -> str:
    seconds = read_seconds()
    within = f"{seconds:g} second{'' if seconds == 1 else 's'}"
    if not received:
        return f"{display}: nothing came through within {within} (is anything writing to it?)"
    return (
        f"{display}: the text had not ended after {within} ({_size(received)} came through); "
        f"raise the limit with {READ_SECONDS_VARIABLE}"
    )


def _size(count: int) -> str:
    """A number of bytes as a person reads it: '1.5 MB', '1 MB', '4.9 KB', '100 bytes'."""
    for unit, scale in (("MB", 1048576), ("KB", 1024)):
        if count >= scale:
            return f"{count / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{count} bytes"


def _position(text: str, offset: int) -> tuple[int, int]:
    """Line and column as YAML counts them, so they agree with every other message."""
    breaks = sum(text.count(mark, 0, offset) for mark in _LINE_BREAKS)
    line = breaks - text.count("\r\n", 0, offset) + 1
    column = offset - max(text.rfind(mark, 0, offset) for mark in _LINE_BREAKS)
    return line, column


def _encoding_problem(data: bytes, offset: int, display: str) -> Problem:
    prefix = data[:offset].decode("utf-8", errors="replace")
    line, column = _position(prefix, len(prefix))
    return Problem(
        f"not valid UTF-8 (byte 0x{data[offset]:02x})",
        Location(display, line, column),
        hint="save the file as UTF-8",
    )


_NEXT_LINE_HINT = (
    "YAML 1.1 tools read it as a line break and editors do not: replace it with a line "
    "break or a space"
)


def _refuse_control_characters(text: str, display: str) -> None:
    problems = []
    for match in _CONTROL.finditer(text):
        line, column = _position(text, match.start())
        character = match.group()
        problems.append(
            Problem(
                f"control character U+{ord(character):04X} is not allowed",
                Location(display, line, column),
                hint=_NEXT_LINE_HINT
                if character == "\x85"
                else "delete it; it is often left by copying from another program",
            )
        )
        if len(problems) >= 100:
            break
    if problems:
        raise DataFileError(problems)
