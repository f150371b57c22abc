"""Golden files: one example's report in every format, byte for byte.

A change to the catalog, the criteria or a renderer shows up here as a diff to review.
After checking the diff is intended, regenerate with `make golden`.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, run_cli

GOLDEN = Path(__file__).parent / "golden"
FORMATS = {"terminal": "txt", "markdown": "md", "html": "html", "json": "json"}


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_bakery_report_matches_its_golden_file(fmt: str) -> None:
    result = run_cli("score", EXAMPLES / "bakery.yaml", "--format", fmt, "--as-of", "2026-11-23")
    assert result.exit_code == 0, result
    golden = GOLDEN / f"bakery.{FORMATS[fmt]}"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == golden.read_text(encoding="utf-8"), "if intended: make golden"
