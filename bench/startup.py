"""Start-up benchmark: `advisor score` and `advisor --help` against the dependency floor.

Run with `make bench` (or `python bench/startup.py [RUNS]`). Prints the ratio of the
median wall time of each advisor command to the median of a minimal Typer app that
prints a Rich table (its `--help` for the help comparison), measured in one run.
Targets: score at most 1.5x the floor (the first issue's target; the robustness issue
allows 2x with robustness on, the default), the HTML report at most 2x, --help at most
1.2x. Runs repeat one profile, so the validated files and the advice come from the cache
(bench/robustness.py also measures a profile new to every run). Any option given on the
command line costs Typer a pydantic adapter, whose first build imports
importlib.metadata (about 0.06x of the floor): the HTML row pays it for `--format`.
The first run after a catalog
change parses and validates the YAML instead of reading the cache; its ratio is printed for
information.
"""

from __future__ import annotations

import compileall
import sys
from pathlib import Path

from timing import Comparison, report

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PYTHON = sys.executable
ADVISOR = str(Path(PYTHON).with_name("advisor"))
FLOOR = [PYTHON, str(HERE / "floor_app.py")]


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    # An installed package has its bytecode compiled at install time; an editable checkout
    # may not (PYTHONDONTWRITEBYTECODE), which would charge compilation to every run.
    compileall.compile_dir(ROOT / "src", quiet=1)
    comparisons = [
        Comparison(
            "advisor score examples/bakery.yaml",
            1.5,
            [ADVISOR, "score", str(ROOT / "examples" / "bakery.yaml")],
            FLOOR,
        ),
        Comparison(
            "advisor score, first run (no cache)",
            None,
            [ADVISOR, "score", str(ROOT / "examples" / "bakery.yaml")],
            FLOOR,
            {"ADVISOR_NO_CACHE": "1"},
        ),
        Comparison(
            "advisor score --format html",
            2.0,
            [ADVISOR, "score", str(ROOT / "examples" / "bakery.yaml"), "--format", "html"],
            FLOOR,
        ),
        Comparison("advisor --help", 1.2, [ADVISOR, "--help"], [*FLOOR, "--help"]),
    ]
    return 0 if report(comparisons, runs) else 1


if __name__ == "__main__":
    sys.exit(main())
