"""A cache of validated files, of the merged catalog and of the advice, keyed by their
content, so a repeated run skips YAML, validation, cross-checks and, for the same files and
options, the advice itself.

Entries live in the user's cache folder (``ADVISOR_CACHE_DIR`` overrides it;
``ADVISOR_NO_CACHE=1`` turns caching off). The key is a hash of the files' text, the
kind of value built from them, this version of the advisor and its model definitions, so
an edited file, an upgraded advisor or a changed model never sees a stale entry. A
missing, unreadable or corrupt entry is simply rebuilt.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import pickle
import stat
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from platform_advisor._version import __version__
from platform_advisor.storage.collector import collector_paused
from platform_advisor.tracing import trace

T = TypeVar("T")

CACHE_VARIABLE = "ADVISOR_CACHE_DIR"
NO_CACHE_VARIABLE = "ADVISOR_NO_CACHE"


def cache_dir() -> Path | None:
    """Where validated files are cached, or None when caching is off."""
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


def models_fingerprint() -> str:
    """A hash of the model definitions: an entry pickled by other models is never read.

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


def _entry(kind: str, parts: Sequence[str]) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    digest = hashlib.blake2b(digest_size=20)
    for part in (__version__, sys.version, models_fingerprint(), kind, *parts):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return folder / "v1" / f"{digest.hexdigest()}.pickle"


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


def cached(kind: type[T], parts: Sequence[str]) -> T | None:
    """The value built earlier from exactly these texts, if the cache has it."""
    entry = _entry(kind.__qualname__, parts)
    if entry is None:
        return None
    try:
        with entry.open("rb") as stream, collector_paused():
            value = pickle.load(stream)
    except Exception:  # a missing or damaged entry is only a cache miss
        value = None
    hit = type(value) is kind
    trace(f"cache: {_KIND_WORDS.get(kind.__qualname__, kind.__qualname__)} {_HIT_WORDS[hit]}")
    return value if hit else None


def remember(parts: Sequence[str], value: object) -> None:
    """Keep a value built from these texts for the next run; failing to is never an error."""
    entry = _entry(type(value).__qualname__, parts)
    if entry is None:
        return
    from platform_advisor.storage.atomic import write_atomic_bytes

    with contextlib.suppress(Exception):
        entry.parent.mkdir(parents=True, exist_ok=True)
        write_atomic_bytes(entry, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


# A repeated run: the same options over files whose bytes have not changed ------------


@dataclass(frozen=True)
class RunRecord:
    """What a run read and what it gave: each file with a digest of its bytes, the catalog
    files as listed then, the key of its advice and its notices."""

    files: tuple[tuple[str, str], ...]
    catalog: tuple[str, ...]
    advice: tuple[str, ...]
    notices: tuple[str, ...]


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
        remember(["run", *options], RunRecord(files, listed, tuple(advice), tuple(notices)))


def recall_run(options: Sequence[str], catalog: Sequence[Path]) -> RunRecord | None:
    """The record of a run with these options, if the catalog lists the same files and no
    file it read has changed since."""
    record = cached(RunRecord, ["run", *options])
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
