"""The content-keyed cache: same answers, fewer steps, never a stale or broken result."""

from __future__ import annotations

from pathlib import Path

import pytest

from platform_advisor.loading import cache
from platform_advisor.loading.files import load_catalog, load_model
from platform_advisor.models.profile import Profile
from tests.conftest import MINI_CATALOG, SHOP_PROFILE, WriteYaml


def entries(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.pickle"))


def test_a_second_load_comes_from_the_cache_and_is_equal(
    private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load_catalog([MINI_CATALOG], include_default=False)
    assert entries(private_cache)

    def no_parsing(*_args: object) -> None:
        raise AssertionError("parsed although cached")

    monkeypatch.setattr("platform_advisor.loading.yaml_reader.parse_yaml", no_parsing)
    second = load_catalog([MINI_CATALOG], include_default=False)
    assert second.catalog.platforms == first.catalog.platforms
    assert second.files == first.files


def test_an_edited_file_is_read_again(write_yaml: WriteYaml) -> None:
    text = SHOP_PROFILE.read_text(encoding="utf-8")
    path = write_yaml("profile.yaml", text)
    assert load_model(Profile, path)[0].business.name == "Test Shop"
    path.write_text(text.replace("Test Shop", "Renamed Shop"), encoding="utf-8")
    assert load_model(Profile, path)[0].business.name == "Renamed Shop"


def test_a_damaged_entry_is_a_miss(private_cache: Path) -> None:
    load_model(Profile, SHOP_PROFILE)
    for entry in entries(private_cache):
        entry.write_bytes(b"not a pickle")
    profile, _ = load_model(Profile, SHOP_PROFILE)
    assert profile.business.name == "Test Shop"


def test_an_entry_of_another_type_is_ignored(private_cache: Path) -> None:
    load_model(Profile, SHOP_PROFILE)
    (entry,) = entries(private_cache)
    entry.write_bytes(__import__("pickle").dumps(["something else"]))
    assert load_model(Profile, SHOP_PROFILE)[0].business.name == "Test Shop"


def test_caching_can_be_turned_off(private_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ADVISOR_NO_CACHE", "1")
    assert cache.cache_dir() is None
    load_model(Profile, SHOP_PROFILE)
    assert entries(private_cache) == []


def test_an_unwritable_cache_is_not_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("ADVISOR_CACHE_DIR", str(blocker))
    assert load_model(Profile, SHOP_PROFILE)[0].business.name == "Test Shop"


def test_errors_are_never_cached(write_yaml: WriteYaml, private_cache: Path) -> None:
    path = write_yaml("bad.yaml", "business: [\n")
    for _ in range(2):
        with pytest.raises(Exception, match="invalid YAML"):
            load_model(Profile, path)
    assert entries(private_cache) == []


def test_a_changed_model_definition_changes_every_key(monkeypatch: pytest.MonkeyPatch) -> None:
    """Entries pickled by older models must not be read by newer ones."""
    from platform_advisor.loading import cache

    before = cache._entry("CatalogFile", ["text"])
    monkeypatch.setattr(cache, "models_fingerprint", lambda: "another model")
    assert cache._entry("CatalogFile", ["text"]) != before
