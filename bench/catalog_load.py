"""Catalog load benchmark: a synthetic 10,000-platform catalog against the floors.

Run with `make bench` (or `python bench/catalog_load.py [--platforms N] [--runs R]`).
Generates a catalog of N synthetic platforms in memory (bench/synthetic.py, seeded, so
always the same text) and measures in this one process, in turn and R times over, the
median of each way of loading it. Only ratios of medians measured in the same run are
reported, never a time:

- first load: the advisor's own path with the cache off (`ADVISOR_NO_CACHE=1`): its
  YAML reader, then validation against the catalog model. The floor is PyYAML's C loader
  with the garbage collector paused, then the same validation (the floor the project's
  performance notes measured). Target: at most 1.3x.
- repeated load: the same call with a warm cache (in a temporary folder), against
  `json.loads` of the same data. Target: at most 3x.
- for information, the whole catalog (shipped files and the synthetic one, cross-checked
  and merged) from a warm cache, against the same `json.loads`.

Exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from synthetic import catalog_text, platform_id, shipped_taxonomy
from timing import print_ratios

from platform_advisor.loading.catalogs import load_catalog
from platform_advisor.loading.sources import Source, validated
from platform_advisor.loading.yaml_reader import parse_yaml
from platform_advisor.models.catalog import CatalogFile
from platform_advisor.storage.cache import CACHE_VARIABLE, NO_CACHE_VARIABLE

CACHE_OFF = {NO_CACHE_VARIABLE: "1"}
CACHE_ON = {NO_CACHE_VARIABLE: None}


@dataclass(frozen=True)
class Way:
    """One way of loading the catalog, and the environment it runs in."""

    name: str
    load: Callable[[], object]
    environment: Mapping[str, str | None]


@dataclass(frozen=True)
class Ratio:
    label: str
    target: float | None
    ours: str
    floor: str


RATIOS = (
    Ratio("first load (no cache) / C loader + validation", 1.3, "first", "yaml floor"),
    Ratio("repeated load (warm cache) / json.loads", 3.0, "repeated", "json floor"),
    Ratio("whole catalog, warm cache / json.loads", None, "catalog", "json floor"),
)


@contextmanager
def environment(changes: Mapping[str, str | None]) -> Iterator[None]:
    """Set (or, for None, remove) environment variables for the duration."""
    saved = {name: os.environ.get(name) for name in changes}
    try:
        for name, value in changes.items():
            _set(name, value)
        yield
    finally:
        for name, value in saved.items():
            _set(name, value)


def _set(name: str, value: str | None) -> None:
    if value is None:
        os.environ.pop(name, None)
    else:
        os.environ[name] = value


def floor_load(text: str) -> CatalogFile:
    """The floor: PyYAML's C loader with the collector paused, then validation."""
    gc.disable()
    try:
        data = yaml.load(text, Loader=yaml.CSafeLoader)
    finally:
        gc.enable()
    return CatalogFile.model_validate(data)


def time_once(way: Way) -> float:
    with environment(way.environment):
        gc.collect()  # the previous run's garbage is not this run's cost
        start = time.perf_counter()
        result = way.load()
        elapsed = time.perf_counter() - start
    del result
    return elapsed


def medians(ways: Sequence[Way], runs: int) -> dict[str, float]:
    """Each way run in turn, `runs` times over, after one warm-up run of each."""
    for way in ways:
        time_once(way)
    times: dict[str, list[float]] = {way.name: [] for way in ways}
    for _ in range(runs):
        for way in ways:
            times[way.name].append(time_once(way))
    return {name: statistics.median(values) for name, values in times.items()}


def check(text: str, folder: Path, catalog_file: Path, platforms: int) -> str:
    """Fail loudly unless every way reads the same, valid catalog; the JSON text of it."""
    data: Any = yaml.load(text, Loader=yaml.CSafeLoader)
    if parse_yaml(text, "synthetic.yaml") != data:
        raise SystemExit("the advisor's YAML reader and the C loader read different data")
    expected = CatalogFile.model_validate(data)
    source = Source("synthetic.yaml", text)
    with environment({CACHE_VARIABLE: str(folder), **CACHE_OFF}):
        if validated(CatalogFile, source) != expected:
            raise SystemExit("the advisor's loader built a different catalog")
    with environment({CACHE_VARIABLE: str(folder), **CACHE_ON}):
        # The whole catalog is validated and cross-checked against the shipped taxonomy
        # (functions, channels, linked platforms), which also fills the cache; a problem
        # raises here.
        loaded = load_catalog([catalog_file], include_default=True)
        missing = {platform_id(i) for i in range(platforms)} - loaded.catalog.platforms.keys()
        if missing:
            raise SystemExit(f"the catalog lacks {len(missing)} synthetic platforms")
        if validated(CatalogFile, source) != expected:
            raise SystemExit("the cached catalog differs from the one validated")
    return json.dumps(data)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--platforms", type=int, default=10_000, metavar="N")
    parser.add_argument("--runs", type=int, default=7, metavar="R")
    options = parser.parse_args(argv)
    if options.platforms < 1 or options.runs < 1:
        parser.error("--platforms and --runs must be at least 1")

    text = catalog_text(options.platforms, shipped_taxonomy())
    size = len(text.encode("utf-8"))
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        catalog_file = folder / "synthetic.yaml"
        catalog_file.write_text(text, encoding="utf-8")
        cache = folder / "cache"
        json_text = check(text, cache, catalog_file, options.platforms)
        source = Source("synthetic.yaml", text)
        ways = [
            Way("yaml floor", lambda: floor_load(text), {}),
            Way("first", lambda: validated(CatalogFile, source), CACHE_OFF),
            Way("json floor", lambda: json.loads(json_text), {}),
            Way("repeated", lambda: validated(CatalogFile, source), CACHE_ON),
            Way("catalog", lambda: load_catalog([catalog_file], include_default=True), CACHE_ON),
        ]
        print(
            f"{options.platforms:,} synthetic platforms, {size / 1e6:.1f} MB of YAML "
            f"({size / options.platforms:.0f} bytes each)"
        )
        with environment({CACHE_VARIABLE: str(cache)}):
            found = medians(ways, options.runs)
    return 0 if report(found, options.runs) else 1


def report(found: Mapping[str, float], runs: int) -> bool:
    """Print one row per ratio; True when every ratio meets its target."""
    rows = [(row.label, found[row.ours] / found[row.floor], row.target) for row in RATIOS]
    return print_ratios(rows, runs)


if __name__ == "__main__":
    sys.exit(main())
