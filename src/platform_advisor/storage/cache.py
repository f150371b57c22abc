"""A cache of validated files, of the merged catalog, of the advice and of rendered pages,
keyed by their content, so a repeated run skips YAML, validation, cross-checks and, for
the same files and options, the advice itself.

Entries live in the user's cache folder (``ADVISOR_CACHE_DIR`` overrides it;
``ADVISOR_NO_CACHE=1`` turns caching off). The key is a hash of the files' text, the
kind of value built from them, this version of the advisor and its model definitions, so
an edited file, an upgraded advisor or a changed model never sees a stale entry.

Nothing read back can run code: an entry is JSON text, never a pickle, validated against
its model when it is read back. Its first line records the format, the kind, the key it
was written for and a digest of the rest; an entry whose header does not match (a file
planted under a known name, one copied from another key, an older format), whose body
does not match its digest (damaged), that is not a regular file (a FIFO would block, a
link could lead anywhere), or that fails to validate, is a miss. The folder is used only
if it belongs to this user and nobody else may write to it, and the user's home folder
is never created for it. A missing, unreadable or corrupt entry is simply rebuilt;
failing to keep one is never an error.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import stat
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar

from platform_advisor._version import __version__
from platform_advisor.storage.collector import collector_paused
from platform_advisor.storage.inputs import blocking
from platform_advisor.tracing import trace

if TYPE_CHECKING:
    from pydantic import BaseModel

T = TypeVar("T")
ModelT = TypeVar("ModelT", bound="BaseModel")

CACHE_VARIABLE = "ADVISOR_CACHE_DIR"
NO_CACHE_VARIABLE = "ADVISOR_NO_CACHE"
#: The entries' format; entries of another format sit in another folder and are not read.
FORMAT = 2
SUFFIX = ".json"
#: No entry is read past this size: none of ours comes near it.
MAX_ENTRY_BYTES = 512 * 1024 * 1024
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_CLOEXEC", 0)
)


class Codec(Protocol[T]):
    """How one kind of value becomes JSON text and is checked on its way back."""

    @property
    def kind(self) -> str: ...

    def dump(self, value: T) -> str: ...

    def load(self, text: str) -> T: ...


@dataclass(frozen=True)
class ModelCodec(Generic[ModelT]):
    """A pydantic model: its JSON, validated again when read back (pydantic's own JSON
    validation is quicker than building the models back by hand in Python)."""

    model: type[ModelT]

    @property
    def kind(self) -> str:
        return self.model.__qualname__

    def dump(self, value: ModelT) -> str:
        return value.model_dump_json()

    def load(self, text: str) -> ModelT:
        return self.model.model_validate_json(text)


class TextCodec:
    """Plain text, such as a rendered page."""

    kind = "str"

    def dump(self, value: str) -> str:
        return json.dumps(value, ensure_ascii=False)

    def load(self, text: str) -> str:
        value = json.loads(text)
        if not isinstance(value, str):
            raise ValueError("not text")
        return value


TEXT = TextCodec()


def cache_dir() -> Path | None:
    """Where the cache is meant to be, or None when caching is off."""
    if os.environ.get(NO_CACHE_VARIABLE, "").strip() not in ("", "0"):
        return None
    configured = os.environ.get(CACHE_VARIABLE)
    if configured:
        return Path(configured)
    if sys.platform == "win32":  # a folder of its own: the user's data folder is beside it
        local = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
        return local / "platform-advisor" / "Cache"
    if sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "platform-advisor"


def entries_dir() -> Path | None:
    """The folder of this format's entries, made if need be, or None when it may not be
    used: caching off, a home folder that does not exist, a folder of another user's or
    one that others may write to (they could plant entries)."""
    folder = cache_dir()
    if folder is None:
        return None
    entries = folder / f"v{FORMAT}"
    if not entries.is_dir() and not _made(entries):
        return None
    for level in (folder, entries):
        problem = _unsafe(level)
        if problem is not None:
            trace(f"cache: {level} {problem}; not using it")
            return None
    return entries


def _made(folder: Path) -> bool:
    """Make the folder (private to this user), unless that means making a home folder."""
    home = _home()
    if home is not None and folder.is_relative_to(home) and not home.is_dir():
        trace(f"cache: the home folder {home} does not exist; not making one for the cache")
        return False
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return False
    return True


def _home() -> Path | None:
    try:
        return Path.home()
    except RuntimeError:
        return None


def _unsafe(folder: Path) -> str | None:
    """Why a cache folder may not be trusted, or None."""
    if sys.platform == "win32":  # no POSIX modes; the user's profile folder is private
        return None
    try:
        status = folder.stat()
    except OSError:
        return "cannot be read"
    if not stat.S_ISDIR(status.st_mode):
        return "is not a folder"
    if status.st_uid != os.geteuid():
        return "belongs to another user"
    if status.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return "is writable by others"
    return None


def models_fingerprint() -> str:
    """A hash of the model definitions: an entry written by other models is never read.

    The version alone is not enough while the models change between releases.
    """
    return code_fingerprint("models")


@functools.cache
def code_fingerprint(*packages: str) -> str:
    """A hash of the source of some of this package's subpackages ("core", "models"), their
    own subpackages included."""
    digest = hashlib.blake2b(digest_size=12)
    for name, source in fingerprinted_sources(*packages):
        digest.update(name.encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()


def fingerprinted_sources(*packages: str) -> list[tuple[str, Path]]:
    """Each source file of the subpackages, with its name within this package."""
    root = Path(__file__).parent.parent
    return [
        (source.relative_to(root).as_posix(), source)
        for package in packages
        for source in sorted((root / package).rglob("*.py"))
    ]


def entry_key(kind: str, parts: Sequence[str]) -> str:
    """The digest that names an entry and that its header must repeat."""
    digest = hashlib.blake2b(digest_size=20)
    for part in (__version__, sys.version, models_fingerprint(), kind, *parts):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


def _header(kind: str, key: str, body: bytes) -> bytes:
    digest = hashlib.blake2b(body, digest_size=20).hexdigest()
    fields = {"format": FORMAT, "kind": kind, "key": key, "body": digest}
    return json.dumps(fields, sort_keys=True).encode("utf-8")


_KIND_WORDS = {
    "Strategy": "the advice",
    "MergedCatalog": "the merged catalog",
    "CatalogFile": "a catalog file",
    "CriteriaFile": "a criteria file",
    "Profile": "the profile",
    "str": "the rendered page",
    "RunRecord": "the record of the same run",
}
_HIT_WORDS = {True: "read back", False: "not cached; building it"}


def cached(codec: Codec[T], parts: Sequence[str]) -> T | None:
    """The value built earlier from exactly these texts, if the cache has it."""
    folder = entries_dir()
    if folder is None:
        return None
    key = entry_key(codec.kind, parts)
    value = _read(folder / f"{key}{SUFFIX}", codec, key)
    trace(f"cache: {_KIND_WORDS.get(codec.kind, codec.kind)} {_HIT_WORDS[value is not None]}")
    return value


def _read(entry: Path, codec: Codec[T], key: str) -> T | None:
    """The entry's value if it is a regular file with the header this key expects, a body
    that matches the header's digest and the shape of its model; None for anything else."""
    try:
        handle = os.open(entry, _OPEN_FLAGS)
    except OSError:
        return None
    try:
        status = os.fstat(handle)
        if not stat.S_ISREG(status.st_mode) or status.st_size > MAX_ENTRY_BYTES:
            return None
        blocking(handle)
        with os.fdopen(os.dup(handle), "rb") as stream:
            data = stream.read(MAX_ENTRY_BYTES + 1)
    except OSError:
        return None
    finally:
        os.close(handle)
    first, _, body = data.partition(b"\n")
    if first != _header(codec.kind, key, body):
        return None
    try:
        with collector_paused():
            return codec.load(body.decode("utf-8"))
    except Exception:  # a damaged or foreign body is only a miss
        return None


def remember(codec: Codec[T], parts: Sequence[str], value: T) -> None:
    """Keep a value built from these texts for the next run; failing to is never an error."""
    folder = entries_dir()
    if folder is None:
        return
    key = entry_key(codec.kind, parts)
    with contextlib.suppress(Exception):
        body = codec.dump(value).encode("utf-8")
        _replace(folder / f"{key}{SUFFIX}", _header(codec.kind, key, body) + b"\n" + body)


def _replace(entry: Path, data: bytes) -> None:
    """Write a new entry beside the old and rename it over, whatever was there (the folder
    is ours: a FIFO or a link in it is replaced, never written into or through)."""
    import tempfile

    handle, name = tempfile.mkstemp(prefix=".entry-", suffix=".tmp", dir=entry.parent)
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        temporary.replace(entry)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


# A repeated run: the same options over files whose bytes have not changed ------------


@dataclass(frozen=True)
class RunRecord:
    """What a run read and what it gave: each file with a digest of its bytes, the catalog
    files as listed then, the key of its advice and its notices."""

    files: tuple[tuple[str, str], ...]
    catalog: tuple[str, ...]
    advice: tuple[str, ...]
    notices: tuple[str, ...]


class RunRecordCodec:
    """A run's record as JSON, its shape checked when read back."""

    kind = "RunRecord"

    def dump(self, value: RunRecord) -> str:
        return json.dumps(
            {
                "files": value.files,
                "catalog": value.catalog,
                "advice": value.advice,
                "notices": value.notices,
            },
            ensure_ascii=False,
        )

    def load(self, text: str) -> RunRecord:
        data = json.loads(text)
        files = tuple((str(name), str(digest)) for name, digest in data["files"])
        return RunRecord(
            files,
            tuple(map(str, data["catalog"])),
            tuple(map(str, data["advice"])),
            tuple(map(str, data["notices"])),
        )


RUN_RECORD = RunRecordCodec()


def remember_run(
    options: Sequence[str],
    read: Sequence[Path],
    catalog: Sequence[Path],
    advice: Sequence[str],
    notices: Sequence[str],
) -> None:
    """Keep what a run with these options read and gave, when every file it read is a
    regular file (a pipe cannot be read twice)."""
    files = _digests(read)
    if files is not None:
        listed = tuple(str(path) for path in catalog)
        record = RunRecord(files, listed, tuple(advice), tuple(notices))
        remember(RUN_RECORD, ["run", *options], record)


def recall_run(options: Sequence[str], catalog: Sequence[Path]) -> RunRecord | None:
    """The record of a run with these options, if the catalog lists the same files and no
    file it read has changed since."""
    record = cached(RUN_RECORD, ["run", *options])
    if record is None or record.catalog != tuple(str(path) for path in catalog):
        return None
    now = _digests([Path(name) for name, _ in record.files])
    return record if now == record.files else None


def _digests(paths: Sequence[Path]) -> tuple[tuple[str, str], ...] | None:
    found = []
    for path in paths:
        try:
            if not stat.S_ISREG(path.stat().st_mode):
                return None
            data = path.read_bytes()
        except OSError:
            return None
        found.append((str(path.resolve()), hashlib.blake2b(data, digest_size=20).hexdigest()))
    return tuple(found)
