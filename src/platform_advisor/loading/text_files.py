"""Reading a data file's text: existence, size, encoding and stray control characters."""

from __future__ import annotations

import codecs
import os
import re
from pathlib import Path

from platform_advisor.errors import DataFileError, InputFileError, Location, Problem
from platform_advisor.storage.inputs import note_input

#: The default ceiling on one data file; a 10,000-platform catalog is about 8 MB.
DEFAULT_MAX_BYTES = 32 * 1024 * 1024
MAX_BYTES_VARIABLE = "ADVISOR_MAX_FILE_MB"

# Control characters YAML forbids (tab, newline and carriage return are allowed).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")

# What ends a line for YAML: CR, LF (CRLF once), NEL and the two Unicode separators.
_LINE_BREAKS = ("\n", "\r", "\x85", "\u2028", "\u2029")


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


def _read_bytes(path: Path, display: str, limit: int) -> bytes:
    try:
        if path.is_dir():
            raise InputFileError(f"{display}: is a folder, not a file")
        status = path.stat()
        size = status.st_size
        if size > limit:
            raise InputFileError(
                f"{display}: the file is {_size(size)}, above the {_size(limit)} limit "
                f"(raise it with {MAX_BYTES_VARIABLE})"
            )
        note_input(status, display)  # the command may not write its result over it
        with path.open("rb") as handle:
            return handle.read(limit + 1)
    except FileNotFoundError:
        raise InputFileError(f"{display}: no such file") from None
    except PermissionError:
        raise InputFileError(f"{display}: permission denied") from None
    except IsADirectoryError:
        raise InputFileError(f"{display}: is a folder, not a file") from None
    except OSError as error:
        raise InputFileError(f"{display}: cannot be read ({error.strerror})") from None


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


def _refuse_control_characters(text: str, display: str) -> None:
    problems = []
    for match in _CONTROL.finditer(text):
        line, column = _position(text, match.start())
        problems.append(
            Problem(
                f"control character U+{ord(match.group()):04X} is not allowed",
                Location(display, line, column),
                hint="delete it; it is often left by copying from another program",
            )
        )
        if len(problems) >= 100:
            break
    if problems:
        raise DataFileError(problems)
