"""Whole-process timing for the benchmarks: interleaved runs, medians, ratios.

These machines are shared and noisy, so commands are run in turn (A, B, A, B, ...) and
only ratios of medians measured in the same run are reported, never a single time.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Comparison:
    label: str
    target: float | None
    command: Sequence[str]
    floor: Sequence[str]
    environment: Mapping[str, str] = field(default_factory=dict)


def run_once(command: Sequence[str], environment: Mapping[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=True,
        env={**os.environ, **environment},
    )
    return time.perf_counter() - start


def medians(comparison: Comparison, runs: int) -> tuple[float, float]:
    run_once(comparison.command, comparison.environment)  # warm-up: disk cache, caches
    run_once(comparison.floor, {})
    ours, floor = [], []
    for _ in range(runs):
        ours.append(run_once(comparison.command, comparison.environment))
        floor.append(run_once(comparison.floor, {}))
    return statistics.median(ours), statistics.median(floor)


def report(comparisons: Sequence[Comparison], runs: int) -> bool:
    """Print one row per comparison; True when every ratio meets its target."""
    rows = []
    for comparison in comparisons:
        ours, floor = medians(comparison, runs)
        rows.append((comparison.label, ours / floor, comparison.target))
    return print_ratios(rows, runs)


def print_ratios(rows: Sequence[tuple[str, float, float | None]], runs: int) -> bool:
    """A table of ratios against their targets (None: for information); True if all met."""
    print(f"{'comparison':<46} {'ratio':>6} {'target':>7}  verdict   (medians of {runs} runs)")
    ok = True
    for label, ratio, target in rows:
        if target is None:
            print(f"{label:<46} {ratio:>5.2f}x {'-':>7}  (for information)")
            continue
        met = ratio <= target
        ok &= met
        verdict = "meets" if met else "MISSES"
        print(f"{label:<46} {ratio:>5.2f}x {target:>6.1f}x  {verdict}")
    return ok
