"""The content-keyed cache: same answers, fewer steps, never a stale or broken result,
never code run from it; for validated files and for the advice itself."""

from __future__ import annotations

import os
import pickle
import shutil
import sys
from datetime import date
from pathlib import Path

import pytest
from pydantic import BaseModel

from platform_advisor.api import ADVICE_CODE, advise_files
from platform_advisor.core.advise import advise as real_advise
from platform_advisor.loading.catalogs import load_catalog
from platform_advisor.loading.sources import load_model
from platform_advisor.models.profile import Profile
from platform_advisor.models.result import Strategy
from platform_advisor.rendering import render
from platform_advisor.storage import cache
from platform_advisor.storage.cache import ModelCodec, fingerprinted_sources
from tests.conftest import MINI_CATALOG, MINI_CRITERIA, SHOP_PROFILE, WriteYaml


def entries(folder: Path) -> list[Path]:
    return sorted(folder.rglob(f"*{cache.SUFFIX}"))


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
        entry.write_bytes(b"not an entry")
    profile, _ = load_model(Profile, SHOP_PROFILE)
    assert profile.business.name == "Test Shop"


class Planted:
    """Unpickled, it creates a file: proof that reading the cache ran code."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[Path]]:
        return (Path.touch, (self.marker,))


def test_a_pickle_planted_as_an_entry_never_runs(private_cache: Path, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    load_model(Profile, SHOP_PROFILE)
    (entry,) = entries(private_cache)
    header = entry.read_bytes().partition(b"\n")[0]
    payload = pickle.dumps(Planted(marker))
    for planted in (payload, header + b"\n" + payload):
        entry.write_bytes(planted)
        assert load_model(Profile, SHOP_PROFILE)[0].business.name == "Test Shop"
    assert not marker.exists()


def test_an_entry_written_for_another_key_is_a_miss(
    private_cache: Path, write_yaml: WriteYaml
) -> None:
    """An entry copied under another entry's name: its header names its own key."""
    text = SHOP_PROFILE.read_text(encoding="utf-8")
    other = write_yaml("other.yaml", text.replace("Test Shop", "Other Shop"))
    load_model(Profile, SHOP_PROFILE)
    (mine,) = entries(private_cache)
    load_model(Profile, other)
    (foreign,) = [entry for entry in entries(private_cache) if entry != mine]
    mine.write_bytes(foreign.read_bytes())
    assert load_model(Profile, SHOP_PROFILE)[0].business.name == "Test Shop"


def test_an_entry_whose_body_was_changed_is_a_miss(private_cache: Path) -> None:
    load_model(Profile, SHOP_PROFILE)
    (entry,) = entries(private_cache)
    entry.write_bytes(entry.read_bytes().replace(b"Test Shop", b"Fake Shop"))
    assert load_model(Profile, SHOP_PROFILE)[0].business.name == "Test Shop"


@pytest.mark.parametrize(
    "body",
    [b'{"business": "not a mapping"}', b"[1, 2]", b'{"unknown": 1}', b"not json"],
    ids=["wrong-type", "a-list", "another-model", "not-json"],
)
def test_an_entry_not_of_its_models_shape_is_a_miss(private_cache: Path, body: bytes) -> None:
    """Even under a header that matches it (written by hand, with the digest recomputed)."""
    load_model(Profile, SHOP_PROFILE)
    (entry,) = entries(private_cache)
    text = SHOP_PROFILE.read_text(encoding="utf-8")
    key = cache.entry_key("Profile", [text])
    entry.write_bytes(cache._header("Profile", key, body) + b"\n" + body)
    assert load_model(Profile, SHOP_PROFILE)[0].business.name == "Test Shop"


def test_every_kind_of_entry_reads_back_equal_to_what_was_kept() -> None:
    """What is kept is read back equal (and writes the same JSON again), for the shipped
    catalog, every preset, every example and its advice."""
    from platform_advisor.loading.yaml_reader import parse_yaml
    from platform_advisor.models.catalog import CatalogFile
    from platform_advisor.models.criteria import CriteriaFile
    from platform_advisor.resources import criteria_preset, criteria_presets
    from tests.conftest import EXAMPLES

    kept: list[object] = [content for _, content in load_catalog().files]
    for name in criteria_presets():
        text = criteria_preset(name).read_text(encoding="utf-8")
        kept.append(CriteriaFile.model_validate(parse_yaml(text, name)))
    for example in sorted(EXAMPLES.glob("*.yaml")):
        kept.append(load_model(Profile, example)[0])
        kept.append(advise_files(example, today=date(2026, 11, 23))[0])
    assert any(isinstance(value, CatalogFile) for value in kept)
    for value in kept:
        assert isinstance(value, BaseModel)
        back = ModelCodec(type(value)).load(value.model_dump_json())
        assert back == value, type(value).__name__
        assert back.model_dump_json() == value.model_dump_json()


def test_an_entry_of_another_kind_is_a_miss() -> None:
    profile, _ = load_model(Profile, SHOP_PROFILE)
    text = SHOP_PROFILE.read_text(encoding="utf-8")
    cache.remember(cache.TEXT, [text], "a rendered page")
    assert cache.cached(ModelCodec(Profile), [text]) == profile
    assert cache.cached(cache.TEXT, [text]) == "a rendered page"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
@pytest.mark.parametrize("mode", [0o777, 0o770, 0o722])
def test_a_folder_others_may_write_to_is_not_used(private_cache: Path, mode: int) -> None:
    private_cache.chmod(mode)
    assert cache.entries_dir() is None
    load_model(Profile, SHOP_PROFILE)
    assert entries(private_cache) == []


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_a_folder_of_another_user_is_not_used(
    private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "geteuid", lambda: private_cache.stat().st_uid + 1)
    assert cache.entries_dir() is None


def test_a_home_folder_that_does_not_exist_is_never_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "nohome"
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("ADVISOR_CACHE_DIR")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    assert cache.entries_dir() is None
    load_model(Profile, SHOP_PROFILE)
    assert not home.exists()


def test_the_cache_folder_is_made_private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ADVISOR_CACHE_DIR", str(tmp_path / "made" / "here"))
    folder = cache.entries_dir()
    assert folder is not None and folder.is_dir()
    assert folder.stat().st_mode & 0o077 == 0


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
    """Entries written by older models must not be read by newer ones."""
    before = cache.entry_key("CatalogFile", ["text"])
    monkeypatch.setattr(cache, "models_fingerprint", lambda: "another model")
    assert cache.entry_key("CatalogFile", ["text"]) != before


# The advice --------------------------------------------------------------------------


def advise_with_mini(profile: Path, **options: object) -> Strategy:
    strategy, _ = advise_files(
        profile,
        catalog_paths=[MINI_CATALOG],
        include_default_catalog=False,
        criteria=str(MINI_CRITERIA),
        today=date(2026, 11, 23),
        **options,  # type: ignore[arg-type]
    )
    return strategy


class Counted:
    """The real advise, counting its calls."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, *args: object, **kwargs: object) -> Strategy:
        self.calls += 1
        return real_advise(*args, **kwargs)  # type: ignore[arg-type]


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> Counted:
    counter = Counted()
    monkeypatch.setattr("platform_advisor.core.advise.advise", counter)
    return counter


def test_the_same_files_and_options_give_the_cached_advice(counted: Counted) -> None:
    first = advise_with_mini(SHOP_PROFILE)
    second = advise_with_mini(SHOP_PROFILE)
    assert counted.calls == 1
    assert render(second, "json") == render(first, "json")


def test_another_option_or_an_edited_file_advises_again(
    counted: Counted, write_yaml: WriteYaml
) -> None:
    profile = write_yaml("profile.yaml", SHOP_PROFILE.read_text(encoding="utf-8"))
    advise_with_mini(profile)
    advise_with_mini(profile, robustness=None)
    advise_with_mini(profile, method="topsis")
    assert counted.calls == 3
    profile.write_text(
        profile.read_text(encoding="utf-8").replace("Test Shop", "Renamed Shop"), "utf-8"
    )
    assert advise_with_mini(profile).business.name == "Renamed Shop"
    assert counted.calls == 4


def test_changed_advice_code_changes_the_key(
    counted: Counted, monkeypatch: pytest.MonkeyPatch
) -> None:
    advise_with_mini(SHOP_PROFILE)
    monkeypatch.setattr("platform_advisor.api.code_fingerprint", lambda *_: "other code")
    advise_with_mini(SHOP_PROFILE)
    assert counted.calls == 2


def test_on_windows_the_cache_has_a_folder_of_its_own(monkeypatch: pytest.MonkeyPatch) -> None:
    """The user's data folder (%LOCALAPPDATA%\\platform-advisor, with their own catalog) is
    not the cache: deleting the cache must never delete their platforms."""
    monkeypatch.delenv("ADVISOR_CACHE_DIR")
    monkeypatch.setenv("LOCALAPPDATA", "C:/Users/ana/AppData/Local")
    monkeypatch.setattr(sys, "platform", "win32")
    assert cache.cache_dir() == Path("C:/Users/ana/AppData/Local/platform-advisor/Cache")


def test_the_advice_key_covers_the_code_in_every_subfolder() -> None:
    """An edit to the money engine or the stack search changes the key of cached advice."""
    names = {name for name, _ in fingerprinted_sources(*ADVICE_CODE)}
    assert {"core/money/costs.py", "core/report/stack.py", "algorithms/stack_search.py"} <= names


# A repeated run skips loading the files, only while none of them changed ---------------


class Loads:
    """The real load_inputs, counting its calls."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from platform_advisor.loading import inputs

        self.calls = 0
        self.real = inputs.load_inputs
        monkeypatch.setattr(inputs, "load_inputs", self)

    def __call__(self, *args: object, **kwargs: object) -> object:
        self.calls += 1
        return self.real(*args, **kwargs)  # type: ignore[arg-type]


def advise_from(tmp_path: Path, profile: Path, criteria: Path) -> Strategy:
    strategy, _ = advise_files(
        profile,
        catalog_paths=[tmp_path / "catalog"],
        include_default_catalog=False,
        criteria=str(criteria),
        today=date(2026, 11, 23),
    )
    return strategy


@pytest.fixture
def own_files(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the mini catalog, a criteria file extending one of its own, and a profile."""
    shutil.copytree(MINI_CATALOG, tmp_path / "catalog")
    (tmp_path / "base.yaml").write_text(MINI_CRITERIA.read_text(encoding="utf-8"), "utf-8")
    child = tmp_path / "child.yaml"
    child.write_text("name: child\nextends: base.yaml\n", encoding="utf-8")
    profile = tmp_path / "profile.yaml"
    profile.write_text(SHOP_PROFILE.read_text(encoding="utf-8"), encoding="utf-8")
    return profile, child


def test_a_repeated_run_reads_no_file_through_the_loaders(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, own_files: tuple[Path, Path]
) -> None:
    loads = Loads(monkeypatch)
    first = advise_from(tmp_path, *own_files)
    again = advise_from(tmp_path, *own_files)
    assert loads.calls == 1
    assert render(again, "json") == render(first, "json")


@pytest.mark.parametrize(
    "change",
    [
        "the file a criteria file extends",
        "a catalog file",
        "a new file in a catalog folder",
        "the profile",
    ],
)
def test_any_change_to_what_a_run_read_loads_the_files_again(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, own_files: tuple[Path, Path], change: str
) -> None:
    loads = Loads(monkeypatch)
    profile, criteria = own_files
    advise_from(tmp_path, profile, criteria)
    if change == "the file a criteria file extends":
        base = tmp_path / "base.yaml"
        base.write_text(base.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    elif change == "a catalog file":
        platforms = tmp_path / "catalog" / "platforms.yaml"
        platforms.write_text(platforms.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    elif change == "a new file in a catalog folder":
        (tmp_path / "catalog" / "more.yaml").write_text("platforms: []\n", encoding="utf-8")
    else:
        profile.write_text(profile.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    advise_from(tmp_path, profile, criteria)
    assert loads.calls == 2, change


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_a_run_that_read_a_pipe_is_not_recorded(tmp_path: Path) -> None:
    """A pipe can be read once: a run over one cannot be checked later, so it is not kept."""
    pipe = tmp_path / "profile.yaml"
    os.mkfifo(pipe)
    assert cache._digests([pipe]) is None
