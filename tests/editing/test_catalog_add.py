"""``advisor catalog add``: the new entry and its links back, nothing else touched.

Every case checks the files byte for byte: an accepted edit changes only what it must,
a refused one changes nothing.
"""

from __future__ import annotations

import difflib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from platform_advisor.editing.catalog_add import add_platform
from platform_advisor.loading.catalogs import load_catalog
from platform_advisor.models.catalog import Platform
from tests.conftest import MINI_CATALOG, run_cli
from tests.factories import platform

COMMENTED = """\
# Our own platforms: a comment that must survive.
platforms:
  # --- Online stores ---
  - id: shopwise
    name: ShopWise
    vendor: ShopWise Ltd
    url: https://shopwise.example
    functions: [ecommerce]   # the main one
    ownership: hybrid
    deployment: [saas]
    pricing:
      model: subscription
      tiers:
        - {name: Basic, monthly_usd: 30, users_included: 2, max_users: 2, transaction_fee_pct: 2.0, transaction_fee_usd: 0.3}
      as_of: "2025-06"
      source: https://shopwise.example/pricing
    ratings: {ease_of_use: 5, integrations: 4, automation: 3, customization: 3,
              scalability: 4, data_portability: 3, security: 4, support: 4, reach: 3}
    skill_required: basic
    integrates_with:
      native: [ledgerly, picgram]
    last_reviewed: "2026-11-01"

  # --- Accounting ---
  - id: ledgerly
    name: Ledgerly
    vendor: Ledgerly Inc
    url: https://ledgerly.example
    functions: [accounting]
    ownership: proprietary
    deployment: [saas]
    pricing:
      model: subscription
      tiers:
        - {name: Solo, monthly_usd: 15}
      as_of: "2025-06"
      source: https://ledgerly.example/pricing
    ratings: {ease_of_use: 4, integrations: 4, automation: 3, customization: 2,
              scalability: 3, data_portability: 4, security: 4, support: 3, reach: 0}
    skill_required: basic
    integrates_with:
      native:
        - shopwise
    last_reviewed: "2026-11-01"

  # --- Social ---
  - id: picgram
    name: PicGram
    vendor: PicGram Corp
    url: https://picgram.example
    functions: [social_media]
    ownership: proprietary
    deployment: [saas]
    pricing: {model: free, tiers: [{name: Free}], as_of: "2025-06", source: https://picgram.example/business}
    ratings: {ease_of_use: 5, integrations: 3, automation: 2, customization: 1,
              scalability: 5, data_portability: 1, security: 3, support: 1, reach: 5}
    skill_required: none
    integrates_with: {native: [shopwise]}
    gatekeeper: true
    last_reviewed: "2026-11-01"
"""

#: A complete entry as flags; tests add or change a few.
FLAG_PAIRS = [
    ("--id", "tillpoint"), ("--name", "TillPoint"), ("--vendor", "TillPoint Ltd"),
    ("--url", "https://tillpoint.example"), ("--function", "ecommerce"),
    ("--ownership", "proprietary"), ("--deployment", "saas"), ("--skill", "basic"),
    ("--pricing-model", "subscription"), ("--tier", "Start,monthly=19,fee_pct=2.5,fee_usd=0.2"),
    ("--tier", "Plus,monthly=49,per_user=5,users=2,notes=Annual: cheaper"),
    ("--price-as-of", "2025-09"), ("--price-source", "https://tillpoint.example/pricing"),
    ("--rating", "ease_of_use=4"), ("--rating", "integrations=3"), ("--rating", "automation=2"),
    ("--rating", "customization=3"), ("--rating", "scalability=3"),
    ("--rating", "data_portability=3"), ("--rating", "security=4"), ("--rating", "support=3"),
    ("--rating", "reach=1"),
]  # fmt: skip
FLAGS = [part for pair in FLAG_PAIRS for part in pair]


def flags_with(*changes: str) -> list[str]:
    """FLAGS with some flags' values replaced (repeatable flags get the value added)."""
    replaced = dict(zip(changes[::2], changes[1::2], strict=True))
    repeatable = {"--tier", "--rating", "--native", "--ipaas", "--api"}
    kept = [(f, v) for f, v in FLAG_PAIRS if f in repeatable or f not in replaced]
    added = [(f, v) for f, v in zip(changes[::2], changes[1::2], strict=True)]
    return [part for pair in kept + added for part in pair]


def tillpoint(**changes: object) -> Platform:
    """The entry of FLAGS, built directly, with some fields changed."""
    return platform(
        **{
            "id": "tillpoint",
            "name": "TillPoint",
            "vendor": "TillPoint Ltd",
            "url": "https://tillpoint.example",
            "functions": ["ecommerce"],
            "last_reviewed": "2026-11-23",
            **changes,
        }
    )


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A catalog folder: the fixture taxonomy and a commented platform file."""
    target = tmp_path / "catalog"
    target.mkdir()
    shutil.copy(MINI_CATALOG / "taxonomy.yaml", target / "taxonomy.yaml")
    (target / "platforms.yaml").write_text(COMMENTED, encoding="utf-8")
    return target


def add(folder: Path, *flags: str, input: str | None = None) -> tuple[int, str, str]:
    result = run_cli("catalog", "add", "--to", folder, "--no-default-catalog", *flags, input=input)
    return result.exit_code, result.stdout, result.stderr


def changes(before: str, after: str) -> tuple[list[str], list[str]]:
    """Lines added and lines removed."""
    diff = list(difflib.ndiff(before.splitlines(), after.splitlines()))
    return [d[2:] for d in diff if d.startswith("+ ")], [d[2:] for d in diff if d.startswith("- ")]


def without_entry(text: str, platform_id: str) -> str:
    """The text with one added entry (and the blank line before it) cut out."""
    start = text.index(f"\n\n  - id: {platform_id}\n")
    end = text.find("\n\n", start + 2)
    return text[:start] + (text[end:] if end >= 0 else "\n")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def test_adding_to_a_commented_file_changes_only_the_new_entry(folder: Path) -> None:
    code, stdout, stderr = add(folder, *FLAGS)
    assert (code, stdout) == (0, ""), stderr
    assert "added 'tillpoint' to" in stderr
    after = (folder / "platforms.yaml").read_text(encoding="utf-8")
    added, removed = changes(COMMENTED, after)
    assert removed == []
    assert added[:2] == ["", "  - id: tillpoint"]  # a blank line first, as between entries
    assert added[-1].startswith("    last_reviewed: ")
    assert all(line.startswith("    ") for line in added[2:])
    # It went after the last online store, before the accounting section's comment.
    assert after.index("id: tillpoint") < after.index("# --- Accounting ---")
    assert after.startswith(COMMENTED[: COMMENTED.index("  # --- Accounting ---")])
    platform = load_catalog([folder], include_default=False).catalog.platforms["tillpoint"]
    assert platform.pricing.tiers[1].notes == "Annual: cheaper"
    assert platform.pricing.tiers[0].transaction_fee_pct == 2.5


@pytest.mark.parametrize(
    ("other", "flag", "before", "after"),
    [
        (
            "shopwise",
            "--native",
            "native: [ledgerly, picgram]",
            "native: [ledgerly, picgram, tillpoint]",
        ),
        ("picgram", "--native", "{native: [shopwise]}", "{native: [shopwise, tillpoint]}"),
        ("picgram", "--api", "{native: [shopwise]}", "{native: [shopwise], api: [tillpoint]}"),
        (
            "ledgerly",
            "--native",
            "        - shopwise\n",
            "        - shopwise\n        - tillpoint\n",
        ),
        (
            "ledgerly",
            "--ipaas",
            "        - shopwise\n",
            "        - shopwise\n      ipaas: [tillpoint]\n",
        ),
    ],
    ids=["flow-list", "flow-map", "new-kind-in-flow-map", "block-list", "new-kind-in-block-map"],
)
def test_each_linked_platform_gets_the_link_back(
    folder: Path, other: str, flag: str, before: str, after: str
) -> None:
    code, _, stderr = add(folder, *FLAGS, flag, other)
    assert code == 0, stderr
    assert f"linked back from {other}" in stderr
    text = (folder / "platforms.yaml").read_text(encoding="utf-8")
    assert without_entry(text, "tillpoint") == COMMENTED.replace(before, after, 1)
    catalog = load_catalog([folder], include_default=False).catalog
    kind = flag.removeprefix("--")
    assert "tillpoint" in getattr(catalog.platforms[other].integrates_with, kind)
    validate = ("catalog", "validate", "--no-default-catalog", folder, "--as-of", "2025-10-01")
    assert run_cli(*validate).exit_code == 0


def test_link_back_keeps_the_list_sorted(folder: Path) -> None:
    code, _, stderr = add(folder, *flags_with("--id", "aardvark", "--native", "shopwise"))
    assert code == 0, stderr
    assert "native: [aardvark, ledgerly, picgram]" in (folder / "platforms.yaml").read_text()


def test_a_platform_with_no_links_is_added_without_one(folder: Path) -> None:
    """An entry with no integrates_with gets one when another platform links to it."""
    text = COMMENTED.replace("    integrates_with: {native: [shopwise]}\n", "")
    text = text.replace("native: [ledgerly, picgram]", "native: [ledgerly]")
    (folder / "platforms.yaml").write_text(text, encoding="utf-8")
    code, _, stderr = add(folder, *FLAGS, "--ipaas", "picgram")
    assert code == 0, stderr
    catalog = load_catalog([folder], include_default=False).catalog
    assert catalog.platforms["picgram"].integrates_with.ipaas == ("tillpoint",)


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["--function", "ecomerce"], "unknown function 'ecomerce' (did you mean 'ecommerce'?)"),
        (["--native", "ledgerlyy"], "unknown platform 'ledgerlyy' (did you mean 'ledgerly'?)"),
        (["--id", "shopwise"], "already has a platform with id 'shopwise'"),
        (["--id", "Till Point"], "id: must be a platform id"),
        (["--url", "tillpoint.example"], "url: must be a web address"),
        (["--price-as-of", "Sept 2025"], "pricing.as_of: must be a date written"),
        (["--rating", "security=7"], "ratings.security:"),
        (["--name", "PicGram"], "'PicGram' already names platform 'picgram'"),
        (["--tier", "Pro,monthly=lots"], "--tier 'Pro,monthly=lots': 'lots' is not a number"),
        (["--tier", "Pro,price=9"], "'price=9' in --tier 'Pro,price=9': write KEY=VALUE"),
    ],
    ids=[
        "function", "link", "duplicate-id", "bad-id", "url", "as-of", "rating", "shared-name",
        "tier-number", "tier-key",
    ],
)  # fmt: skip
def test_a_refused_entry_leaves_every_file_as_it_was(
    folder: Path, flags: list[str], message: str
) -> None:
    before = snapshot(folder)
    code, stdout, stderr = add(folder, *flags_with(*flags))
    assert code in (1, 2), stderr
    assert stdout == ""
    assert message in stderr
    assert "Traceback" not in stderr
    assert snapshot(folder) == before


def test_missing_fields_off_a_terminal_are_a_usage_error(folder: Path) -> None:
    before = snapshot(folder)
    code, _, stderr = add(folder, "--id", "tillpoint")
    assert code == 2
    assert "missing --name, --vendor, --url, --function" in stderr
    assert snapshot(folder) == before


def test_dry_run_shows_the_entry_and_writes_nothing(folder: Path) -> None:
    before = snapshot(folder)
    code, stdout, stderr = add(folder, *FLAGS, "--dry-run")
    assert code == 0, stderr
    assert stdout.startswith("- id: tillpoint\n")
    assert "nothing written" in stderr
    assert snapshot(folder) == before


def test_questions_fill_what_the_flags_leave_out(folder: Path) -> None:
    answers = [
        "TillPoint",                          # name
        "",                                   # id: the default slug
        "TillPoint Ltd",                      # vendor
        "tillpoint.example",                  # home page: refused, asked again
        "https://tillpoint.example",
        "ecomerce",                           # functions: a typo, asked again
        "ecommerce",
        "proprietary", "", "",                # ownership; deployment and skill defaults
        "subscription",                       # pricing model
        "Start", "19", "0", "1", "2.5", "0.2",  # one plan
        "",                                   # no more plans
        "2025-09", "https://tillpoint.example/pricing",
        "4", "3", "2", "3", "3", "9", "3", "4", "3", "1",  # ratings; 9 is refused
        "shopwise", "", "",                   # links
        "Till Point", "", "", "GB, IE", "",   # aliases, sectors, compliance, regions, notes
    ]  # fmt: skip
    code, _, stderr = add(folder, "--interactive", input="\n".join(answers) + "\n")
    assert code == 0, stderr
    assert "no function 'ecomerce' (did you mean 'ecommerce'?)" in stderr
    assert "write a number from 0 to 5" in stderr
    platform = load_catalog([folder], include_default=False).catalog.platforms["tillpoint"]
    assert platform.ratings.security == 4
    assert platform.regions == ("GB", "IE")
    assert platform.aliases == ("Till Point",)
    assert platform.pricing.tiers[0].transaction_fee_pct == 2.5
    assert platform.integrates_with.native == ("shopwise",)


def test_a_symlinked_catalog_file_is_edited_in_its_target(folder: Path, tmp_path: Path) -> None:
    linked = tmp_path / "linked"
    linked.mkdir()
    shutil.copy(folder / "taxonomy.yaml", linked / "taxonomy.yaml")
    (linked / "platforms.yaml").symlink_to(folder / "platforms.yaml")
    code, _, stderr = add(linked, *FLAGS)
    assert code == 0, stderr
    assert (linked / "platforms.yaml").is_symlink()
    assert "id: tillpoint" in (folder / "platforms.yaml").read_text(encoding="utf-8")


def test_a_new_file_is_created_with_a_header(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    result = run_cli("catalog", "add", "--to", folder, *flags_with("--function", "crm"))
    assert result.exit_code == 0, result
    text = (folder / "platforms.yaml").read_text(encoding="utf-8")
    assert text.startswith("# Platforms for platform-advisor")
    assert "platforms:\n  - id: tillpoint\n" in text


def test_adds_at_once_all_land(folder: Path) -> None:
    """Two processes editing the same file: the lock serialises them, nothing is lost."""
    commands = []
    for n in range(4):
        flags = flags_with("--id", f"tillpoint-{n}", "--name", f"TillPoint {n}")
        commands.append(
            [sys.executable, "-m", "platform_advisor", "catalog", "add", "--to", str(folder),
             "--no-default-catalog", *flags]
        )  # fmt: skip
    environment = {**os.environ, "NO_COLOR": "1"}
    running = [subprocess.Popen(c, env=environment, stderr=subprocess.PIPE) for c in commands]
    for process in running:
        assert process.wait(timeout=60) == 0, process.stderr.read() if process.stderr else ""
    platforms = load_catalog([folder], include_default=False).catalog.platforms
    assert {f"tillpoint-{n}" for n in range(4)} <= set(platforms)
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


# Text a YAML reader could take for something else, and ordinary text.
awkward_text = st.one_of(
    st.sampled_from(["no", "yes", "NO", "on", "null", "~", "12:30", "0123", "1e3", ".inf",
                     "0x1F", "- dash", "a: b", "#hash", "'quoted'", '"dq"', "tab\there", " lead",
                     "trail ", "[list]", "{map}", "*star", "&amp", "!bang", "%pct", "@at", "`tick`",
                     "multi\nline", "2025-06-30", "true", "False"]),
    st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), min_size=1, max_size=40),
)  # fmt: skip


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=awkward_text, note=awkward_text, alias=awkward_text, tier=awkward_text)
def test_what_add_writes_reads_back_equal(
    folder: Path, name: str, note: str, alias: str, tier: str
) -> None:
    shutil.copy(MINI_CATALOG / "taxonomy.yaml", folder / "taxonomy.yaml")
    (folder / "platforms.yaml").write_text(COMMENTED, encoding="utf-8")
    names = {name.strip().casefold(), alias.strip().casefold()}
    assume("" not in names and len(names) == 2)
    assume(names.isdisjoint({"shopwise", "ledgerly", "picgram", "tillpoint"}))
    plan = {"name": tier, "monthly_usd": 19.5, "notes": note}
    platform = tillpoint(
        name=name.strip(),
        aliases=[alias.strip()],
        pricing={**tillpoint().pricing.model_dump(), "tiers": [plan]},
        integrates_with={"native": ["shopwise"]},
        notes=note,
    )
    add_platform(platform, folder, include_default=False)
    assert load_catalog([folder], include_default=False).catalog.platforms["tillpoint"] == platform


def test_an_entry_written_in_a_file_is_added_with_flags_on_top(
    folder: Path, tmp_path: Path
) -> None:
    dry = run_cli("catalog", "add", "--to", folder, "--no-default-catalog", *FLAGS, "--dry-run")
    entry = tmp_path / "entry.yaml"
    entry.write_text(dry.stdout, encoding="utf-8")  # a one-item list, as printed
    code, _, stderr = add(folder, "--from", str(entry), "--name", "TillPoint POS")
    assert code == 0, stderr
    platform = load_catalog([folder], include_default=False).catalog.platforms["tillpoint"]
    assert (platform.name, platform.vendor) == ("TillPoint POS", "TillPoint Ltd")


def test_an_entry_file_that_is_not_a_platform_is_refused(folder: Path, tmp_path: Path) -> None:
    entry = tmp_path / "entry.yaml"
    entry.write_text("- one\n- two\n", encoding="utf-8")
    before = snapshot(folder)
    code, _, stderr = add(folder, "--from", str(entry))
    assert code == 1
    assert "entry.yaml: expected one platform (a mapping of its fields)" in stderr
    assert snapshot(folder) == before


def test_a_target_must_be_a_folder_or_a_yaml_file(tmp_path: Path) -> None:
    result = run_cli("catalog", "add", "--to", tmp_path / "notes.txt", *FLAGS)
    assert (result.exit_code, result.stdout) == (1, "")
    assert "notes.txt: not a folder, nor a file ending in .yaml or .yml" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_without_a_target_a_catalogs_folder_is_needed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli("catalog", "add", *FLAGS)
    assert result.exit_code == 1
    assert "no catalogs folder here; name the catalog file or folder to add to with --to" in (
        result.stderr
    )


def test_the_entry_file_is_written_before_the_files_that_link_back(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A crash between files leaves a one-sided link (reported), never a dangling one."""
    (folder / "more.yaml").write_text(
        COMMENTED.split("  # --- Social ---")[1].replace("picgram", "snapgrid")
        .replace("PicGram", "SnapGrid").join(["platforms:\n", ""]),
        encoding="utf-8",
    )  # fmt: skip
    (folder / "platforms.yaml").write_text(
        COMMENTED.replace("[ledgerly, picgram]", "[ledgerly, picgram, snapgrid]"), encoding="utf-8"
    )
    written: list[str] = []

    def fail_after_first(
        path: Path, text: str, _display: str | None = None, **_options: object
    ) -> None:
        if written:
            raise OSError("the process died here")
        written.append(path.name)
        Path(path).write_text(text, encoding="utf-8")

    monkeypatch.setattr("platform_advisor.storage.atomic.write_atomic", fail_after_first)
    new = tillpoint(integrates_with={"native": ["snapgrid"]})
    with pytest.raises(OSError, match="died"):
        add_platform(new, folder, include_default=False)
    assert written == ["platforms.yaml"]
    assert "tillpoint" in load_catalog([folder], include_default=False).catalog.platforms
