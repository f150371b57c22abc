"""Robustness benchmark: rank acceptability against the vectorised numpy floor, and
`advisor score` with robustness on against the start-up floor.

Run with `make bench` (or `python bench/robustness.py [--runs R]`). Two comparisons, each
a ratio of medians measured in turn in one run, never a time:

- rank acceptability over 10,000 sampled weight vectors for N = 1,000 candidates × 15
  criteria: `core.robustness.acceptability` (shares first and in the top three, ties to
  the lower row) against the floor of the project's performance notes: one matrix
  product of the samples by the candidates, then a full `argsort` of every sample's
  scores. Target: at most 1.5x.
- `advisor score` on each example profile with the default robustness (10,000 samples,
  every function's tipping points), whole process, against the start-up floor of
  `bench/startup.py` (a minimal Typer app printing a Rich table). Target: at most 2x.
  Measured run after run on the same profile, as `bench/startup.py` measures start-up
  and as a consultant re-runs a client's profile (the advice then comes from the cache,
  as the validated files do). For information, a profile new to every run (a copy with
  its own comment line): the advice is computed each time, numpy imported, the profile
  validated, while the catalog stays cached; and `--robustness full` (the stack's
  tipping points too) on a new profile.

Exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from timing import Comparison, medians, print_ratios, run_once

from platform_advisor.algorithms.acceptability import acceptability, weight_samples
from platform_advisor.algorithms.sampling import Sampling

HERE = Path(__file__).resolve().parent
EXAMPLES = HERE.parent / "examples"
PYTHON = sys.executable
ADVISOR = str(Path(PYTHON).with_name("advisor"))
FLOOR = [PYTHON, str(HERE / "floor_app.py")]
CANDIDATES, CRITERIA, SAMPLES = 1_000, 15, 10_000


def floor(values: np.ndarray, samples: np.ndarray) -> np.ndarray:
    """Scores of every candidate under every sample, each sample's ranking sorted."""
    return np.argsort(-(samples @ values.T), axis=1)


def in_turn(ours: Callable[[], object], theirs: Callable[[], object], runs: int) -> float:
    """Median of ours over median of theirs, run alternately."""
    ours(), theirs()  # warm-up
    mine, other = [], []
    for _ in range(runs):
        start = time.perf_counter()
        ours()
        mine.append(time.perf_counter() - start)
        start = time.perf_counter()
        theirs()
        other.append(time.perf_counter() - start)
    return statistics.median(mine) / statistics.median(other)


def acceptability_row(runs: int) -> tuple[str, float, float | None]:
    rng = np.random.default_rng(20261123)
    values = rng.random((CANDIDATES, CRITERIA))
    shares = rng.random(CRITERIA)
    samples = weight_samples(list(shares / shares.sum()), Sampling(samples=SAMPLES))
    ratio = in_turn(lambda: acceptability(values, samples), lambda: floor(values, samples), runs)
    label = f"acceptability {SAMPLES:,} samples, N={CANDIDATES:,}"
    return label, ratio, 1.5


def score_rows(runs: int) -> list[tuple[str, float, float | None]]:
    rows: list[tuple[str, float, float | None]] = []
    with tempfile.TemporaryDirectory() as folder:
        for profile in sorted(EXAMPLES.glob("*.yaml")):
            command = [ADVISOR, "score", str(profile)]
            ours, base = medians(Comparison(profile.name, 2.0, command, FLOOR), runs)
            rows.append((f"advisor score {profile.name}, again", ours / base, 2.0))
            fresh = new_profiles(profile, Path(folder), runs + 1)
            ratio = varying([[ADVISOR, "score", str(path)] for path in fresh], runs)
            rows.append((f"advisor score {profile.name}, new", ratio, None))
        bakery = new_profiles(EXAMPLES / "bakery.yaml", Path(folder), 4)
        full = [[ADVISOR, "score", str(path), "--robustness", "full"] for path in bakery]
        rows.append(("score bakery.yaml --robustness full, new", varying(full, 3), None))
    return rows


def new_profiles(profile: Path, folder: Path, count: int) -> list[Path]:
    """Copies of a profile that differ by a comment: the same advice, never cached."""
    text = profile.read_text(encoding="utf-8")
    copies = []
    for index in range(count):
        path = folder / f"{profile.stem}-{index}-{time.monotonic_ns()}.yaml"
        path.write_text(f"# copy {index}\n{text}", encoding="utf-8")
        copies.append(path)
    return copies


def varying(commands: Sequence[Sequence[str]], runs: int) -> float:
    """Median of a different command each run over the floor's, taken in turn."""
    run_once(commands[0], {})  # warm-up: the catalog cache, the disk cache
    run_once(FLOOR, {})
    ours, floor = [], []
    for command in commands[1 : runs + 1]:
        ours.append(run_once(command, {}))
        floor.append(run_once(FLOOR, {}))
    return statistics.median(ours) / statistics.median(floor)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=15, metavar="R")
    options = parser.parse_args(argv)
    rows = [acceptability_row(options.runs), *score_rows(options.runs)]
    return 0 if print_ratios(rows, options.runs) else 1


if __name__ == "__main__":
    sys.exit(main())
