"""Piped terminal text is kept in the cache like the HTML page: the same advice at the
same width prints the same text from the cache, and another width is rendered anew."""

from __future__ import annotations

from tests.conftest import EXAMPLES, run_cli


def test_piped_text_from_the_cache_is_what_rendering_gives() -> None:
    first = run_cli("score", EXAMPLES / "uk-cafe.yaml", "-v")
    again = run_cli("score", EXAMPLES / "uk-cafe.yaml", "-v")
    fresh = run_cli("score", EXAMPLES / "uk-cafe.yaml", env={"ADVISOR_NO_CACHE": "1"})
    assert first.exit_code == again.exit_code == fresh.exit_code == 0
    assert "cache: the rendered page not cached; building it" in first.stderr
    assert "cache: the rendered page read back" in again.stderr
    assert first.stdout == again.stdout == fresh.stdout


def test_another_width_is_not_served_from_the_cache() -> None:
    wide = run_cli("score", EXAMPLES / "uk-cafe.yaml", env={"COLUMNS": "140"})
    narrow = run_cli("score", EXAMPLES / "uk-cafe.yaml", env={"COLUMNS": "70"})
    assert max(map(len, wide.stdout.splitlines())) > 100
    assert max(map(len, narrow.stdout.splitlines())) <= 70
