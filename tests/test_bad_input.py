"""Bad input at every entry point: a clear message, the right exit code, nothing touched.

One table of cases (RELIABILITY.md's kinds of bad input, command by command). Each runs
in a temporary folder holding a valid profile, criteria file and small catalog (copies of
the fixtures) with the case's files written over them, and checks the promise: the exit
code, the message (with file:line:col where the problem sits in a file), nothing on
stdout, no traceback, and every file in the folder byte-identical afterwards.
"""

from __future__ import annotations

import functools
import shutil
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import (
    IS_ROOT,
    MINI_CATALOG,
    MINI_CRITERIA,
    SHOP_PROFILE,
    Run,
    as_nobody,
    run_cli,
)

PROFILE = SHOP_PROFILE.read_text(encoding="utf-8")
CRITERIA = MINI_CRITERIA.read_text(encoding="utf-8")
PLATFORMS = (MINI_CATALOG / "platforms.yaml").read_text(encoding="utf-8")
TAXONOMY = (MINI_CATALOG / "taxonomy.yaml").read_text(encoding="utf-8")

#: What every case's folder starts with: a profile, criteria and catalog that work.
BASE_FILES: dict[str, str | bytes] = {
    "shop.yaml": PROFILE,
    "criteria.yaml": CRITERIA,
    "mini/platforms.yaml": PLATFORMS,
    "mini/taxonomy.yaml": TAXONOMY,
}
BOX_DRAWING = str.maketrans("", "", "│╭╮╰╯─")


@dataclass(frozen=True)
class Case:
    """One bad input: the command, the files it finds, and what it must say."""

    id: str
    args: tuple[str, ...]
    message: str  # must appear in stderr, whitespace-normalised for usage errors
    exit_code: int = 1
    files: Mapping[str, str | bytes] = field(default_factory=dict)
    also: tuple[str, ...] = ()  # further fragments the message must hold
    env: Mapping[str, str] = field(default_factory=dict)
    folders: tuple[str, ...] = ()  # empty folders to create
    unreadable: tuple[str, ...] = ()  # chmod 000 while the command runs
    read_only: tuple[str, ...] = ()  # folders chmod 555 while the command runs
    creates: Mapping[str, str] = field(default_factory=dict)  # accepted: new file, text in it

    @property
    def needs_non_root(self) -> bool:
        return bool(self.unreadable or self.read_only)


def edited(text: str, old: str, new: str) -> str:
    """``text`` with the first ``old`` replaced; an ``old`` not there is a broken case."""
    if old not in text:
        raise ValueError(f"{old!r} is not in the text to edit")
    return text.replace(old, new, 1)


def profile_with(old: str, new: str) -> dict[str, str | bytes]:
    return {"bad.yaml": edited(PROFILE, old, new)}


def criteria_with(old: str, new: str) -> dict[str, str | bytes]:
    return {"bad-criteria.yaml": edited(CRITERIA, old, new)}


def platforms_with(old: str, new: str) -> dict[str, str | bytes]:
    return {"mini/platforms.yaml": edited(PLATFORMS, old, new)}


SCORE = ("score", "--no-default-catalog", "--catalog", "mini", "--criteria", "criteria.yaml")
QUICK = ("--robustness", "off")


def score(profile: str = "shop.yaml", *extra: str) -> tuple[str, ...]:
    return (*SCORE, *QUICK, profile, *extra)


def score_with_criteria(criteria: str) -> tuple[str, ...]:
    return ("score", "--no-default-catalog", "--catalog", "mini", "--criteria", criteria,
            *QUICK, "shop.yaml")  # fmt: skip


CATALOG = ("--no-default-catalog", "--catalog", "mini")
VALIDATE = ("catalog", "validate", "--no-default-catalog", "--as-of", "2026-01-01")
COMPARE = ("compare", *CATALOG, "--criteria", "criteria.yaml")
ADD = ("catalog", "add", "--to", "mini", "--no-default-catalog")
NEW_PLATFORM = (
    "--id", "payroll-x", "--name", "PayrollX", "--vendor", "PX Ltd",
    "--url", "https://payrollx.example", "--function", "accounting",
    "--ownership", "proprietary", "--deployment", "saas", "--skill", "basic",
    "--pricing-model", "subscription", "--tier", "Basic,monthly=10",
    "--price-as-of", "2025-06", "--price-source", "https://payrollx.example/pricing",
    "--rating", "ease_of_use=4", "--rating", "integrations=3", "--rating", "automation=3",
    "--rating", "customization=3", "--rating", "scalability=3",
    "--rating", "data_portability=3", "--rating", "security=3", "--rating", "support=3",
    "--rating", "reach=0",
)  # fmt: skip
ENTRY = """\
id: payroll-x
name: PayrollX
vendor: PX Ltd
url: https://payrollx.example
functions: [accounting]
ownership: proprietary
deployment: [saas]
pricing:
  model: subscription
  tiers: [{name: Basic, monthly_usd: 10}]
  as_of: "2025-06"
  source: https://payrollx.example/pricing
ratings: {ease_of_use: 4, integrations: 3, automation: 3, customization: 3, scalability: 3, data_portability: 3, security: 3, support: 3, reach: 0}
skill_required: basic
last_reviewed: "2026-11-01"
"""
WEIGHTS_PAIR = ("--pair", "goal_fit,skill_fit,3")


RATED_SEVEN = platforms_with("{ease_of_use: 5, integrations: 4", "{ease_of_use: 7, integrations: 4")


def catalog_file(*entries: str) -> str:
    """A catalog file holding these platform entries (each written as a top-level mapping)."""
    items = ("  - " + entry.rstrip().replace("\n", "\n    ") + "\n" for entry in entries)
    return "platforms:\n" + "".join(items)


def alias_bomb() -> str:
    """A 'billion laughs': nine layers, each nine references to the one below."""
    layers = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for n in range(1, 9):
        below, here = chr(96 + n), chr(97 + n)
        layers.append(f"{here}: &{here} [{', '.join([f'*{below}'] * 9)}]")
    return "\n".join(layers) + "\n"


def flood_of_platforms(count: int) -> str:
    """A catalog of platforms with nothing but an id: many missing fields each."""
    return "platforms:\n" + "".join(f"  - id: p{n}\n" for n in range(count))


# The profile (score's PROFILE argument): the YAML reader, the model, the references.
PROFILE_CASES = [
    Case(
        "profile-tab-indent",
        score("bad.yaml"),
        "error: bad.yaml:2:1: invalid YAML: found character that cannot start any token",
        files={"bad.yaml": "business:\n\tname: Test Shop\n"},
        also=("indent with spaces; YAML does not allow tabs for indentation",),
    ),
    Case(
        "profile-bad-indentation",
        score("bad.yaml"),
        "error: bad.yaml:3:10: invalid YAML: mapping values are not allowed in this context",
        files=profile_with("  sector: retail", "   sector: retail"),
    ),
    Case(
        "profile-unclosed-quote",
        score("bad.yaml"),
        "error: bad.yaml:2:9: invalid YAML: this quoted value is never closed (end it with the same quote mark it starts with)",
        files=profile_with("name: Test Shop", 'name: "Test Shop'),
    ),
    Case(
        "profile-country-uk",
        score("bad.yaml"),
        "error: bad.yaml:5:12: business.country: must be an ISO 3166 country code: write 'GB', not 'UK'",
        files=profile_with("country: GB", "country: UK"),
    ),
    Case(
        "profile-key-indented-too-far",
        score("bad.yaml"),
        "error: bad.yaml:3:10: invalid YAML: mapping values are not allowed in this context (line 3 is indented more than line 2, which already has a value; keys of one mapping line up)",
        files=profile_with("  sector: retail", "   sector: retail"),
    ),
    Case(
        "profile-duplicate-key",
        score("bad.yaml"),
        "error: bad.yaml:15:1: duplicate key 'goals' (each key may appear once in a mapping)",
        files={"bad.yaml": PROFILE + "goals: [engage]\n"},
    ),
    Case(
        "profile-anchor-and-alias",
        score("bad.yaml"),
        "error: bad.yaml:1:11: anchors (&b) are not allowed (write the value out)",
        files={"bad.yaml": "business: &b\n  name: X\nother: *b\n"},
        also=("bad.yaml:3:8: aliases (*b) are not allowed",),
    ),
    Case(
        "profile-tag",
        score("bad.yaml"),
        "error: bad.yaml:4:14: tags (tag:yaml.org,2002:int) are not allowed (quote the value instead)",
        files=profile_with("employees: 3", "employees: !!int 3"),
    ),
    Case(
        "profile-several-documents",
        score("bad.yaml"),
        "error: bad.yaml:15:1: the file holds more than one YAML document (remove '---')",
        files={"bad.yaml": PROFILE + "---\n" + PROFILE},
    ),
    Case(
        "profile-deep-nesting",
        score("bad.yaml"),
        "error: bad.yaml:1:74: nested deeper than 64 levels",
        files={"bad.yaml": "business: " + "[" * 100_000 + "]" * 100_000 + "\n"},
    ),
    Case(
        "profile-non-utf8",
        score("bad.yaml"),
        "error: bad.yaml:2:12: not valid UTF-8 (byte 0xe9) (save the file as UTF-8)",
        files={
            "bad.yaml": edited(PROFILE, "Test Shop", "Caf\udce9 Shop").encode(
                "utf-8", "surrogateescape"
            )
        },
    ),
    Case(
        "profile-control-character",
        score("bad.yaml"),
        "error: bad.yaml:2:13: control character U+0007 is not allowed (delete it;",
        files=profile_with("Test Shop", "Test\x07Shop"),
    ),
    Case(
        "profile-empty-file",
        score("bad.yaml"),
        "error: bad.yaml: the file is empty",
        files={"bad.yaml": ""},
    ),
    Case(
        "profile-only-comments",
        score("bad.yaml"),
        "error: bad.yaml: the file is empty",
        files={"bad.yaml": "# the profile comes later\n"},
    ),
    Case(
        "profile-list-not-mapping",
        score("bad.yaml"),
        "error: bad.yaml:1:1: the file holds a list; expected a mapping with the fields business,",
        files={"bad.yaml": "- business\n- goals\n"},
    ),
    Case(
        "profile-single-value",
        score("bad.yaml"),
        "error: bad.yaml:1:1: the file holds a single value ('Test Shop'); expected a mapping",
        files={"bad.yaml": "Test Shop\n"},
    ),
    Case(
        "profile-wrong-type",
        score("bad.yaml"),
        "error: bad.yaml:4:14: business.employees: must be a whole number (got 'three')",
        files=profile_with("employees: 3", "employees: three"),
    ),
    Case(
        "profile-unknown-key",
        score("bad.yaml"),
        "bad.yaml:11:1: unknown field 'risk_tolerence' (did you mean 'risk_tolerance'?)",
        files=profile_with("risk_tolerance:", "risk_tolerence:"),
        also=("error: bad.yaml:1:1: missing required field 'risk_tolerance'",),
    ),
    Case(
        "profile-missing-field",
        score("bad.yaml"),
        "error: bad.yaml:2:3: business: missing required field 'sector'",
        files=profile_with("  sector: retail\n", ""),
    ),
    Case(
        "profile-out-of-range",
        score("bad.yaml"),
        "error: bad.yaml:4:14: business.employees: must be at least 0 (got -1)",
        files=profile_with("employees: 3", "employees: -1"),
    ),
    Case(
        "profile-negative-budget",
        score("bad.yaml"),
        "error: bad.yaml:10:23: budget.monthly_usd: must be at least 0 (got -5)",
        files=profile_with("monthly_usd: 200", "monthly_usd: -5"),
    ),
    Case(
        "profile-nan",
        score("bad.yaml"),
        "error: bad.yaml:10:23: budget.monthly_usd: must be a finite number (got nan)",
        files=profile_with("monthly_usd: 200", "monthly_usd: .nan"),
    ),
    Case(
        "profile-infinity",
        score("bad.yaml"),
        "error: bad.yaml:10:23: budget.monthly_usd: must be a finite number (got inf)",
        files=profile_with("monthly_usd: 200", "monthly_usd: .inf"),
    ),
    Case(
        "profile-number-too-big-for-a-float",
        score("bad.yaml"),
        "error: bad.yaml:10:23: budget.monthly_usd: must be a finite number",
        files=profile_with("monthly_usd: 200", "monthly_usd: 1e400"),
    ),
    Case(
        "profile-yaml11-octal-stays-text",
        score("bad.yaml"),
        "error: bad.yaml:4:14: business.employees: must be a whole number (got '012')",
        files=profile_with("employees: 3", "employees: 012"),
    ),
    Case(
        "profile-repeated-need",
        score("bad.yaml"),
        "error: bad.yaml:13:8: needs:",
        files=profile_with("needs: [ecommerce, accounting,", "needs: [ecommerce, ecommerce,"),
        also=("'ecommerce'",),
    ),
    Case(
        "profile-unknown-platform",
        score("bad.yaml"),
        "error: bad.yaml:14:22: existing_platforms[0]: unknown platform 'picgrm' (did you mean 'picgram'?)",
        files=profile_with("[picgram]", "[picgrm]"),
    ),
    Case(
        "profile-other-tool-with-an-unknown-function",
        score("bad.yaml"),
        "error: bad.yaml:16:31: other_tools[0].functions[0]: unknown function 'acounting' "
        "(did you mean 'accounting'?)",
        files=profile_with(
            "existing_platforms: [picgram]",
            "existing_platforms: [picgram]\nother_tools:\n  - {name: Tally, functions: [acounting]}",
        ),
    ),
    Case(
        "profile-other-tool-linked-to-an-unknown-platform",
        score("bad.yaml"),
        "error: bad.yaml:16:27: other_tools[0].links[0]: unknown platform 'picgrm' "
        "(did you mean 'picgram'?)",
        files=profile_with(
            "existing_platforms: [picgram]",
            "existing_platforms: [picgram]\nother_tools:\n  - {name: Tally, links: [picgrm]}",
        ),
    ),
    Case(
        "profile-unknown-infrastructure",
        score("bad.yaml"),
        "error: bad.yaml:15:18: infrastructure[0]: must be one of own_server, shared_hosting "
        "(got 'server')",
        files=profile_with(
            "existing_platforms: [picgram]",
            "existing_platforms: [picgram]\ninfrastructure: [server]",
        ),
    ),
    Case(
        "profile-unknown-function",
        score("bad.yaml"),
        "error: bad.yaml:13:20: needs[1]: unknown function 'acounting' (did you mean 'accounting'?)",
        files=profile_with("accounting, social_media", "acounting, social_media"),
    ),
    Case(
        "profile-unknown-channel",
        score("bad.yaml"),
        "error: bad.yaml:8:14: audience.channels[0]: unknown channel 'instagam' (did you mean 'instagram'?)",
        files=profile_with("[instagram, web]", "[instagam, web]"),
    ),
    Case(
        "profile-unknown-goal",
        score("bad.yaml"),
        "error: bad.yaml:6:9: goals[0]: unknown goal 'increse_sales' (did you mean 'increase_sales'?)",
        files=profile_with("[increase_sales]", "[increse_sales]"),
    ),
    Case("profile-missing", score("absent.yaml"), "error: absent.yaml: no such file"),
    Case(
        "profile-is-a-folder",
        score("folder"),
        "error: folder: is a folder, not a file",
        folders=("folder",),
    ),
    Case(
        "profile-unreadable",
        score("shop.yaml"),
        "error: shop.yaml: permission denied",
        unreadable=("shop.yaml",),
    ),
    Case(
        "profile-too-large",
        score("big.yaml"),
        "error: big.yaml: the file is 1.5 MB, above the 1 MB limit (raise it with ADVISOR_MAX_FILE_MB)",
        files={"big.yaml": PROFILE + "#" + "x" * (3 * 1024 * 1024 // 2) + "\n"},
        env={"ADVISOR_MAX_FILE_MB": "1"},
    ),
    Case(
        "size-limit-not-a-number",
        score(),
        "error: ADVISOR_MAX_FILE_MB must be a number of megabytes (got 'lots')",
        env={"ADVISOR_MAX_FILE_MB": "lots"},
    ),
]

# The criteria file (--criteria), alone and against the catalog.
CRITERIA_CASES = [
    Case(
        "criteria-unknown-evaluator",
        score_with_criteria("bad-criteria.yaml"),
        "error: bad-criteria.yaml:5:52: criteria[2].evaluator: unknown evaluator 'budget_fitt' (did you mean 'budget_fit'?)",
        files=criteria_with("evaluator: budget_fit", "evaluator: budget_fitt"),
    ),
    Case(
        "criteria-negative-weight",
        score_with_criteria("bad-criteria.yaml"),
        "error: bad-criteria.yaml:3:66: criteria[0].weight: must be at least 0 (got -20)",
        files=criteria_with("weight: 20}", "weight: -20}"),
    ),
    Case(
        "criteria-weights-sum-to-zero",
        score_with_criteria("bad-criteria.yaml"),
        "error: bad-criteria.yaml:3:3: criteria: the weights sum to zero (give one a weight above 0)",
        files={
            "bad-criteria.yaml": "\n".join(
                line.replace(line[line.find("weight: ") :], "weight: 0}")
                if "weight: " in line
                else line
                for line in CRITERIA.splitlines()
            )
            + "\n"
        },
    ),
    Case(
        "criteria-unknown-criterion-in-adjustment",
        score_with_criteria("bad-criteria.yaml"),
        "error: bad-criteria.yaml:13:16: adjustments[0].multiply.risk_fitt: unknown criterion 'risk_fitt' (did you mean 'risk_fit'?)",
        files=criteria_with("{risk_fit: 2}", "{risk_fitt: 2}"),
    ),
    Case(
        "criteria-unknown-rating",
        score_with_criteria("bad-criteria.yaml"),
        "error: bad-criteria.yaml:10:70: criteria[7].rating: must be one of ease_of_use,",
        files=criteria_with("rating: ease_of_use,", "rating: ease_of_us,"),
        also=("(got 'ease_of_us') (did you mean 'ease_of_use'?)",),
    ),
    Case(
        "criteria-duplicate-id",
        score_with_criteria("bad-criteria.yaml"),
        "error: bad-criteria.yaml:6:10: criteria[3].id: duplicate criterion id 'goal_fit'",
        files=criteria_with("id: skill_fit", "id: goal_fit"),
    ),
    Case(
        "criteria-unknown-key",
        score_with_criteria("bad-criteria.yaml"),
        "error: bad-criteria.yaml:11:1: unknown field 'adjustements' (did you mean 'adjustments'?)",
        files=criteria_with("adjustments:", "adjustements:"),
    ),
    Case(
        "criteria-unknown-function-in-goal",
        score_with_criteria("bad-criteria.yaml"),
        "error: bad-criteria.yaml:16:55: goals.increase_sales.functions[0]: unknown function 'ecomerce' (did you mean 'ecommerce'?)",
        files=criteria_with("functions: [ecommerce], ratings", "functions: [ecomerce], ratings"),
    ),
    Case(
        "criteria-extends-unknown-preset",
        score_with_criteria("bad-criteria.yaml"),
        "error: bad-criteria.yaml:2:10: extends: no criteria preset named 'balanse' (did you mean 'balanced'?",
        files={"bad-criteria.yaml": "name: mine\nextends: balanse\n"},
    ),
    Case(
        "criteria-extends-itself",
        score_with_criteria("bad-criteria.yaml"),
        "error: bad-criteria.yaml:2:10: extends: a loop of 'extends': bad-criteria.yaml → bad-criteria.yaml",
        files={"bad-criteria.yaml": "name: mine\nextends: bad-criteria.yaml\n"},
    ),
    Case(
        "criteria-unknown-preset-name",
        score_with_criteria("balanse"),
        "no criteria preset named 'balanse' (did you mean 'balanced'?); presets:",
        exit_code=2,
    ),
    Case(
        "criteria-missing-file",
        score_with_criteria("absent.yaml"),
        "error: absent.yaml: no such file",
    ),
    Case(
        "criteria-alias",
        score_with_criteria("bad-criteria.yaml"),
        "error: bad-criteria.yaml:1:7: anchors (&n) are not allowed",
        files=criteria_with("name: mini", "name: &n mini\ndescription: *n"),
    ),
]

# Catalog files (--catalog for score, and catalog validate).
CATALOG_CASES = [
    Case(
        "catalog-rating-out-of-range",
        score(),
        "error: mini/platforms.yaml:16:28: platforms[0].ratings.ease_of_use: must be at most 5 (got 7)",
        files=RATED_SEVEN,
    ),
    Case(
        "catalog-dangling-integration",
        score(),
        "error: mini/platforms.yaml:18:32: platforms[0].integrates_with.native[0]: unknown platform 'ledgerlyy' (did you mean 'ledgerly'?)",
        files=platforms_with("native: [ledgerly, picgram]", "native: [ledgerlyy, picgram]"),
    ),
    Case(
        "catalog-duplicate-platform-id",
        (*VALIDATE, "mini"),
        "error: mini/platforms.yaml:22:9: platforms[1].id: duplicate id 'shopwise', first defined in mini/platforms.yaml",
        files=platforms_with("id: opencart-x", "id: shopwise"),
    ),
    Case(
        "catalog-duplicate-ids-across-files",
        (*VALIDATE, "mini"),
        "error: mini/platforms.yaml:58:9: platforms[3].id: duplicate id 'ledgerly', first defined in mini/more.yaml",
        files={"mini/more.yaml": catalog_file(edited(ENTRY, "id: payroll-x", "id: ledgerly"))},
    ),
    Case(
        "catalog-bad-month",
        (*VALIDATE, "mini"),
        "error: mini/platforms.yaml:14:14: platforms[0].pricing.as_of: must be a date written YYYY-MM-DD or YYYY-MM, e.g. '2024-11-22' (got '2025-13')",
        files=platforms_with('as_of: "2025-06"', 'as_of: "2025-13"'),
    ),
    Case(
        "catalog-bad-day",
        (*VALIDATE, "mini"),
        "error: mini/platforms.yaml:21:20: platforms[0].last_reviewed: must be a date written YYYY-MM-DD",
        files=platforms_with('last_reviewed: "2026-11-01"', "last_reviewed: 2026-1-5"),
    ),
    Case(
        "catalog-unknown-key",
        (*VALIDATE, "mini"),
        "mini/platforms.yaml:36:5: platforms[1]: unknown field 'skil_required' (did you mean 'skill_required'?)",
        files=platforms_with("skill_required: advanced", "skil_required: advanced"),
    ),
    Case(
        "catalog-bad-choice",
        (*VALIDATE, "mini"),
        "error: mini/platforms.yaml:27:16: platforms[1].ownership: must be one of proprietary, open_source, hybrid (got 'opensource') (did you mean 'open_source'?)",
        files=platforms_with("ownership: open_source", "ownership: opensource"),
    ),
    Case(
        "catalog-duplicate-key",
        (*VALIDATE, "mini"),
        "error: mini/platforms.yaml:31:7: duplicate key 'model' (each key may appear once in a mapping)",
        files=platforms_with("      model: free\n", "      model: free\n      model: usage\n"),
    ),
    Case(
        "catalog-yaml11-norway-is-text",
        (*VALIDATE, "mini"),
        "error: mini/platforms.yaml:12:38: platforms[0].pricing.tiers[0].monthly_usd: must be a number (got 'NO')",
        files=platforms_with("monthly_usd: 30,", "monthly_usd: NO,"),
    ),
    Case(
        "catalog-alias-bomb",
        (*VALIDATE, "mini"),
        "error: mini/bomb.yaml:1:4: anchors (&a) are not allowed (write the value out)",
        files={"mini/bomb.yaml": alias_bomb()},
        also=("mini/bomb.yaml:2:8: aliases (*a) are not allowed", "more problems not shown"),
    ),
    Case(
        "catalog-flood-of-errors",
        (*VALIDATE, "mini"),
        "error: mini/flood.yaml:2:5: platforms[0]: missing required field",
        files={"mini/flood.yaml": flood_of_platforms(60)},
        also=("more problems not shown",),
    ),
    Case(
        "catalog-list-not-mapping",
        (*VALIDATE, "mini"),
        "error: mini/list.yaml:1:1: the file holds a list; expected a mapping with the fields",
        files={"mini/list.yaml": "- id: shopwise\n- id: ledgerly\n"},
    ),
    Case(
        "catalog-control-character",
        (*VALIDATE, "mini"),
        "error: mini/platforms.yaml:3:15: control character U+001B is not allowed",
        files=platforms_with("name: ShopWise", "name: Shop\x1b[31mWise"),
    ),
    Case(
        "catalog-non-utf8",
        (*VALIDATE, "mini"),
        "error: mini/taxonomy.yaml:1:1: not valid UTF-8 (byte 0xff) (save the file as UTF-8)",
        files={"mini/taxonomy.yaml": b"\xff\xfe" + TAXONOMY.encode("utf-16-le")},
    ),
    Case(
        "catalog-tab",
        (*VALIDATE, "mini"),
        "error: mini/platforms.yaml:3:1: invalid YAML:",
        files=platforms_with("  - id: shopwise\n", "  - id: shopwise\n\t"),
        also=("indent with spaces",),
    ),
    Case(
        "catalog-missing-path",
        (*SCORE, *QUICK, "shop.yaml", "--catalog", "absent"),
        "error: absent: no such file or folder",
    ),
    Case(
        "catalog-validate-missing-path",
        (*VALIDATE, "absent"),
        "error: absent: no such file or folder",
    ),
    Case(
        "catalog-validate-unreadable",
        (*VALIDATE, "mini"),
        "error: mini/taxonomy.yaml: permission denied",
        unreadable=("mini/taxonomy.yaml",),
    ),
    Case(
        "catalog-validate-bad-stale-after",
        (*VALIDATE, "mini", "--stale-after", "soon"),
        "Invalid value: 'soon' is not a duration; write it like 12m or 2y",
        exit_code=2,
    ),
    Case(
        "catalog-validate-bad-as-of",
        ("catalog", "validate", "--no-default-catalog", "--as-of", "2026-13-01", "mini"),
        "Invalid value for '--as-of': Value error, '2026-13-01' does not match the formats '%Y-%m-%d'",
        exit_code=2,
    ),
]

# Browsing the catalog: list, show, stale.
BROWSE_CASES = [
    Case(
        "list-unknown-function",
        ("catalog", "list", *CATALOG, "--function", "acounting"),
        "no function 'acounting' in the catalog (did you mean 'accounting'?)",
        exit_code=2,
    ),
    Case(
        "list-bad-ownership",
        ("catalog", "list", *CATALOG, "--ownership", "opensource"),
        "Invalid value for '--ownership': Value error, 'opensource' is not one of 'proprietary', 'open_source', 'hybrid'",
        exit_code=2,
    ),
    Case(
        "list-bad-catalog",
        ("catalog", "list", *CATALOG),
        "error: mini/platforms.yaml:16:28: platforms[0].ratings.ease_of_use: must be at most 5 (got 7)",
        files=RATED_SEVEN,
    ),
    Case(
        "show-unknown-platform",
        ("catalog", "show", "ledgerli", *CATALOG),
        "error: no platform 'ledgerli' in the catalog (did you mean 'ledgerly'?)",
    ),
    Case(
        "show-bad-format",
        ("catalog", "show", "ledgerly", *CATALOG, "--format", "yaml"),
        "Invalid value for '--format' / '-f': Value error, 'yaml' is not one of 'table', 'json'",
        exit_code=2,
    ),
    Case(
        "stale-bad-older-than",
        ("catalog", "stale", *CATALOG, "--older-than", "a while"),
        "Invalid value: 'a while' is not a duration; write it like 12m or 2y",
        exit_code=2,
    ),
    Case(
        "stale-negative-older-than",
        ("catalog", "stale", *CATALOG, "--older-than", "-3m"),
        "Invalid value: '-3m' is not a duration; write it like 12m or 2y",
        exit_code=2,
    ),
]

# Adding a platform: flags, --from files, targets; the catalog is never half-written.
ADD_CASES = [
    Case(
        "add-rating-out-of-range",
        (*ADD, *NEW_PLATFORM, "--rating", "ease_of_use=9"),
        "error: the new platform is not valid; nothing was written:\nratings.ease_of_use: must be at most 5 (got 9)",
    ),
    Case(
        "add-bad-ownership",
        (*ADD, *NEW_PLATFORM, "--ownership", "opensource"),
        "ownership: must be one of proprietary, open_source, hybrid (got 'opensource') (did you mean 'open_source'?)",
        also=("error: the new platform is not valid; nothing was written:",),
    ),
    Case(
        "add-link-to-an-unknown-platform",
        (*ADD, *NEW_PLATFORM, "--native", "ledgerli"),
        "error: the new platform is not valid; nothing was written:\nintegrates_with.native[0]: unknown platform 'ledgerli' (did you mean 'ledgerly'?)",
    ),
    Case(
        "add-replacing-a-built-in-platform-with-a-bad-link",
        ("catalog", "add", "--to", "mine", *NEW_PLATFORM, "--id", "xero", "--native", "shopfy"),
        "error: the new platform is not valid; nothing was written:\nintegrates_with.native[0]: unknown platform 'shopfy' (did you mean 'shopify'?)",
        folders=("mine",),
    ),
    Case(
        "add-bad-price-month",
        (*ADD, *NEW_PLATFORM, "--price-as-of", "2025-13"),
        "pricing.as_of: must be a date written YYYY-MM-DD or YYYY-MM, e.g. '2024-11-22' (got '2025-13')",
    ),
    Case(
        "add-unknown-tier-key",
        (*ADD, *NEW_PLATFORM, "--tier", "Pro,monthy=20"),
        "Invalid value: 'monthy=20' in --tier 'Pro,monthy=20': write KEY=VALUE with KEY one of monthly,",
        exit_code=2,
    ),
    Case(
        "add-tier-not-a-number",
        (*ADD, *NEW_PLATFORM, "--tier", "Pro,monthly=lots"),
        "Invalid value: --tier 'Pro,monthly=lots': 'lots' is not a number",
        exit_code=2,
    ),
    Case(
        "add-rating-without-value",
        (*ADD, *NEW_PLATFORM, "--rating", "ease_of_use"),
        "Invalid value: --rating 'ease_of_use': write NAME=N, e.g. ease_of_use=4",
        exit_code=2,
    ),
    Case(
        "add-missing-flags",
        (*ADD, "--id", "payroll-x"),
        "Invalid value: missing --name, --vendor, --url,",
        exit_code=2,
        also=("give them, or run on a terminal to be asked",),
    ),
    Case(
        "add-dangling-link",
        (*ADD, *NEW_PLATFORM, "--native", "ledgerlyy"),
        "unknown platform 'ledgerlyy' (did you mean 'ledgerly'?)",
    ),
    Case(
        "add-existing-id",
        (*ADD, *NEW_PLATFORM, "--id", "ledgerly"),
        "error: mini/platforms.yaml: already has a platform with id 'ledgerly'; edit it there, or choose another id",
    ),
    Case(
        "add-to-not-yaml",
        ("catalog", "add", "--to", "notes.txt", "--no-default-catalog", *NEW_PLATFORM),
        "error: notes.txt: not a folder, nor a file ending in .yaml or .yml",
    ),
    Case(
        "add-to-broken-catalog",
        (*ADD, *NEW_PLATFORM),
        "error: mini/platforms.yaml:16:28: platforms[0].ratings.ease_of_use: must be at most 5 (got 7)",
        files=RATED_SEVEN,
    ),
    Case(
        "add-from-out-of-range",
        (*ADD, "--from", "entry.yaml"),
        "error: entry.yaml:13:24: ratings.ease_of_use: must be at most 5 (got 11)",
        files={"entry.yaml": edited(ENTRY, "ease_of_use: 4", "ease_of_use: 11")},
    ),
    Case(
        "add-from-unknown-key",
        (*ADD, "--from", "entry.yaml"),
        "error: entry.yaml:3:1: unknown field 'vendr' (did you mean 'vendor'?)",
        files={"entry.yaml": edited(ENTRY, "vendor:", "vendr:")},
    ),
    Case(
        "add-from-pricing-not-a-mapping",
        (*ADD, "--from", "entry.yaml", "--price-as-of", "2025-06"),
        "error: entry.yaml:8:10: pricing: must be a mapping of fields (got 'cheap')",
        files={
            "entry.yaml": "id: payroll-x\nname: PayrollX\nvendor: PX Ltd\nurl: https://payrollx.example\nfunctions: [accounting]\nownership: proprietary\ndeployment: [saas]\npricing: cheap\n"
        },
    ),
    Case(
        "add-from-one-item-list",
        (*ADD, "--from", "entry.yaml"),
        "error: entry.yaml:13:28: [0].ratings.ease_of_use: must be at most 5 (got 11)",
        files={
            "entry.yaml": catalog_file(
                edited(ENTRY, "ease_of_use: 4", "ease_of_use: 11")
            ).removeprefix("platforms:\n")
        },
    ),
    Case(
        "add-from-two-platforms",
        (*ADD, "--from", "entry.yaml"),
        "error: entry.yaml: expected one platform (a mapping of its fields)",
        files={"entry.yaml": "- id: one\n- id: two\n"},
    ),
    Case(
        "add-from-tab",
        (*ADD, "--from", "entry.yaml"),
        "error: entry.yaml:3:1: invalid YAML:",
        files={"entry.yaml": edited(ENTRY, "vendor:", "\tvendor:")},
        also=("indent with spaces",),
    ),
    Case(
        "add-from-several-documents",
        (*ADD, "--from", "entry.yaml"),
        "error: entry.yaml:16:1: the file holds more than one YAML document (remove '---')",
        files={"entry.yaml": ENTRY + "---\n" + ENTRY},
    ),
    Case(
        "add-from-missing",
        (*ADD, "--from", "absent.yaml"),
        "error: absent.yaml: no such file",
    ),
    Case(
        "add-flag-replaces-a-bad-file-value",
        (*ADD, "--from", "entry.yaml", *NEW_PLATFORM[-18:], "--rating", "ease_of_use=9"),
        "ratings.ease_of_use: must be at most 5 (got 9)",
        files={"entry.yaml": edited(ENTRY, "ease_of_use: 4", "ease_of_use: 11")},
        also=("error: the new platform is not valid; nothing was written:",),
    ),
]

# Comparing finalists.
COMPARE_CASES = [
    Case(
        "compare-unknown-platform",
        (*COMPARE, "-p", "shop.yaml", "shopwise", "ledgerli"),
        "error: no platform 'ledgerli' in the catalog (did you mean 'ledgerly'?)",
    ),
    Case(
        "compare-too-few",
        (*COMPARE, "-p", "shop.yaml", "shopwise"),
        "error: give two to five platforms to compare (got 1: 'shopwise')",
    ),
    Case(
        "compare-too-many",
        (
            *COMPARE,
            "-p",
            "shop.yaml",
            "shopwise",
            "opencart-x",
            "megamall",
            "ledgerly",
            "picgram",
            "tinycrm",
        ),
        "error: give two to five platforms to compare (got 6:",
    ),
    Case(
        "compare-no-shared-function",
        (*COMPARE, "-p", "shop.yaml", "shopwise", "ledgerly"),
        "error: ShopWise and Ledgerly share no function the profile needs",
    ),
    Case(
        "compare-function-not-needed",
        (*COMPARE, "-p", "shop.yaml", "shopwise", "opencart-x", "--function", "crm"),
        "error: cannot compare them as 'crm': the profile does not need it (add it to 'needs')",
    ),
    Case(
        "compare-bad-profile",
        (*COMPARE, "-p", "bad.yaml", "shopwise", "megamall"),
        "error: bad.yaml:4:14: business.employees: must be a whole number (got 'three')",
        files=profile_with("employees: 3", "employees: three"),
    ),
    Case(
        "compare-without-profile",
        (*COMPARE, "shopwise", "megamall"),
        "Missing option '--profile' / '-p'",
        exit_code=2,
    ),
]

# Deriving weights.
WEIGHTS_CASES = [
    Case(
        "weights-pair-unknown-criterion",
        ("weights", "--pair", "goal_fit,skil_fit,3"),
        "Invalid value: --pair 'goal_fit,skil_fit,3': unknown criterion 'skil_fit' (did you mean 'skill_fit'?)",
        exit_code=2,
    ),
    Case(
        "weights-pair-off-the-scale",
        ("weights", "--pair", "goal_fit,skill_fit,12"),
        "--pair 'goal_fit,skill_fit,12': compare two different criteria, by 1 to 9",
        exit_code=2,
    ),
    Case(
        "weights-pair-malformed",
        ("weights", "--pair", "goal_fit,skill_fit"),
        "--pair 'goal_fit,skill_fit': write A,B,K, e.g. cost_fit,skill_fit,3",
        exit_code=2,
    ),
    Case(
        "weights-pair-not-a-number",
        ("weights", "--pair", "goal_fit,skill_fit,lots"),
        "--pair 'goal_fit,skill_fit,lots': 'lots' is not a number",
        exit_code=2,
    ),
    Case(
        "weights-pair-judged-twice",
        ("weights", *WEIGHTS_PAIR, "--pair", "skill_fit,goal_fit,2"),
        "skill_fit and goal_fit are judged twice; keep one",
        exit_code=2,
    ),
    Case(
        "weights-from-unknown-criterion",
        ("weights", "--from", "pairs.yaml"),
        "error: pairs.yaml:2:16: pairwise[0][1]: unknown criterion 'skil_fit' (did you mean 'skill_fit'?)",
        files={"pairs.yaml": "pairwise:\n  - [goal_fit, skil_fit, 3]\n"},
    ),
    Case(
        "weights-from-off-the-scale",
        ("weights", "--from", "pairs.yaml"),
        "error: pairs.yaml:2:27: pairwise[0][2]: must be from 1 to 9 on Saaty's scale",
        files={"pairs.yaml": "pairwise:\n  - [goal_fit, skill_fit, 30]\n"},
    ),
    Case(
        "weights-from-malformed-judgement",
        ("weights", "--from", "pairs.yaml"),
        "error: pairs.yaml:2:5: pairwise[0]: write a judgement as [more_important, less_important, how_many_times]",
        files={"pairs.yaml": "pairwise:\n  - [goal_fit, skill_fit]\n"},
    ),
    Case(
        "weights-from-nan",
        ("weights", "--from", "pairs.yaml"),
        "error: pairs.yaml:2:27: pairwise[0][2]:",
        files={"pairs.yaml": "pairwise:\n  - [goal_fit, skill_fit, .nan]\n"},
    ),
    Case(
        "weights-from-misspelt-key",
        ("weights", "--from", "pairs.yaml"),
        "error: pairs.yaml:1:1: missing required field 'pairwise'",
        files={"pairs.yaml": "pairwse:\n  - [goal_fit, skill_fit, 3]\n"},
    ),
    Case(
        "weights-from-missing",
        ("weights", "--from", "absent.yaml"),
        "error: absent.yaml: no such file",
    ),
    Case(
        "weights-extends-unknown-preset",
        ("weights", "--extends", "balanse", *WEIGHTS_PAIR),
        "no criteria preset named 'balanse' (did you mean 'balanced'?)",
        exit_code=2,
    ),
    Case(
        "weights-existing-output-without-force",
        ("weights", "mine.yaml", *WEIGHTS_PAIR),
        "error: mine.yaml: already exists; use --force to replace it",
        files={"mine.yaml": "# my own criteria, kept\n"},
    ),
    Case(
        "weights-output-onto-a-folder",
        ("weights", "folder", *WEIGHTS_PAIR),
        "error: folder: is a folder; give a file name",
        folders=("folder",),
    ),
    Case(
        "weights-output-into-a-missing-folder",
        ("weights", "absent/mine.yaml", *WEIGHTS_PAIR),
        "error: absent/mine.yaml: the folder absent does not exist",
    ),
]

# The JSON Schemas, report templates and output files.
OUTPUT_CASES = [
    Case(
        "schema-unknown-kind",
        ("schema", "catalgo"),
        "Invalid value for 'KIND': Value error, 'catalgo' is not one of 'catalog',",
        exit_code=2,
    ),
    Case(
        "schema-output-into-a-missing-folder",
        ("schema", "profile", "--output", "absent/profile.json"),
        "error: absent/profile.json: the folder ",
        also=("absent does not exist",),
    ),
    Case(
        "schema-output-onto-a-folder",
        ("schema", "profile", "--output", "folder"),
        "error: folder: is a folder; give a file name",
        folders=("folder",),
    ),
    Case(
        "template-unreadable",
        score("shop.yaml", "--template", "report.j2"),
        "error: report.j2: permission denied",
        files={"report.j2": "{{ strategy.business.name }}\n"},
        unreadable=("report.j2",),
    ),
    Case(
        "diff-unreadable",
        ("diff", "old.json", "old.json"),
        "error: old.json: permission denied",
        files={"old.json": "{}\n"},
        unreadable=("old.json",),
    ),
    Case(
        "criteria-unreadable",
        score_with_criteria("criteria.yaml"),
        "error: criteria.yaml: permission denied",
        unreadable=("criteria.yaml",),
    ),
    Case(
        "compare-profile-unreadable",
        (*COMPARE, "-p", "shop.yaml", "shopwise", "opencart-x"),
        "error: shop.yaml: permission denied",
        unreadable=("shop.yaml",),
    ),
    Case(
        "template-undefined-attribute",
        score("shop.yaml", "--template", "report.j2"),
        "error: report.j2:1",
        files={"report.j2": "{{ strategy.business.nme }}\n"},
        also=("nme",),
    ),
    Case(
        "template-syntax-error",
        score("shop.yaml", "--template", "report.j2"),
        "error: report.j2:2",
        files={"report.j2": "Report\n{% for x in rankings %}\n"},
        also=("endfor",),
    ),
    Case(
        "template-escape-attempt",
        score("shop.yaml", "--template", "report.j2"),
        "error: report.j2:1",
        files={"report.j2": "{{ ().__class__.__base__.__subclasses__() }}\n"},
        also=("unsafe",),
    ),
    Case(
        "template-runaway-loop",
        score("shop.yaml", "--template", "report.j2"),
        "error: report.j2:1",
        files={"report.j2": "{% for i in range(10**9) %}x{% endfor %}\n"},
        also=("range",),
    ),
    Case(
        "template-non-utf8",
        score("shop.yaml", "--template", "report.j2"),
        "error: report.j2:1:4: not valid UTF-8 (byte 0xe9)",
        files={"report.j2": b"Caf\xe9 {{ business.name }}\n"},
    ),
    Case(
        "template-missing",
        score("shop.yaml", "--template", "absent.j2"),
        "error: absent.j2: no such file",
    ),
    Case(
        "template-is-a-folder",
        score("shop.yaml", "--template", "folder"),
        "error: folder: is a folder, not a file",
        folders=("folder",),
    ),
    Case(
        "output-into-a-missing-folder",
        score("shop.yaml", "-f", "markdown", "--output", "absent/report.md"),
        "error: absent/report.md: the folder ",
        also=("absent does not exist",),
    ),
    Case(
        "output-onto-a-folder",
        score("shop.yaml", "-f", "markdown", "--output", "folder"),
        "error: folder: is a folder; give a file name",
        folders=("folder",),
    ),
    Case(
        "output-into-a-read-only-folder",
        score("shop.yaml", "-f", "markdown", "--output", "locked/report.md"),
        "error: locked/report.md: cannot write (permission denied); nothing was changed",
        folders=("locked",),
        read_only=("locked",),
    ),
    Case(
        "output-kept-when-the-input-is-bad",
        score("bad.yaml", "-f", "markdown", "--output", "report.md"),
        "error: bad.yaml:4:14: business.employees: must be at least 0 (got -1)",
        files={
            **profile_with("employees: 3", "employees: -1"),
            "report.md": "last week's report\n",
        },
    ),
]

# Inputs that look odd but are right: they must be accepted, not refused.
ACCEPTED_CASES = [
    Case(
        "profile-with-byte-order-mark",
        score("bom.yaml", "-f", "json", "--output", "report.json"),
        "wrote report.json",
        exit_code=0,
        files={"bom.yaml": "\ufeff" + PROFILE},
        creates={"report.json": '"name": "Test Shop"'},
    ),
    Case(
        "profile-yaml11-norway-stays-norway",
        score("norway.yaml", "-f", "json", "--output", "report.json"),
        "wrote report.json",
        exit_code=0,
        files={"norway.yaml": edited(PROFILE, "country: GB", "country: NO")},
        creates={"report.json": '"country": "NO"'},
    ),
]

CASES = [
    *PROFILE_CASES,
    *CRITERIA_CASES,
    *CATALOG_CASES,
    *BROWSE_CASES,
    *ADD_CASES,
    *COMPARE_CASES,
    *WEIGHTS_CASES,
    *OUTPUT_CASES,
    *ACCEPTED_CASES,
]


def lay_out(folder: Path, case: Case) -> None:
    """The base files, the case's files over them, and its empty folders."""
    for name, content in {**BASE_FILES, **case.files}.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")
    for name in case.folders:
        (folder / name).mkdir()


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every file's bytes and every folder (as None), by path: what 'untouched' means."""
    return {
        path.relative_to(folder).as_posix(): None if path.is_dir() else path.read_bytes()
        for path in sorted(folder.rglob("*"))
    }


#: How stderr starts: our errors, Click's usage errors, and a success's notice.
OPENINGS = {1: "error: ", 2: "Usage: advisor ", 0: ""}


def shown(run: Run, case: Case) -> str:
    """stderr as the user reads it; usage errors lose Click's box and line wrapping."""
    if case.exit_code != 2:
        return run.stderr
    return " ".join(run.stderr.translate(BOX_DRAWING).split())


def said(fragment: str, case: Case) -> str:
    """A fragment as `shown` presents it."""
    return " ".join(fragment.split()) if case.exit_code == 2 else fragment


def run_with_permissions(folder: Path, case: Case, *, as_root: bool) -> Run:
    """Run the case with its files made unreadable and folders read-only, then restore;
    for root, as the user nobody."""
    changed = [(folder / name, 0o000) for name in case.unreadable]
    changed += [(folder / name, 0o555) for name in case.read_only]
    modes = [(path, path.stat().st_mode) for path, _ in changed]
    for path, mode in changed:
        path.chmod(mode)
    try:
        run = functools.partial(run_cli, *case.args, env=dict(case.env))
        return as_nobody(run) if as_root else run()
    finally:
        for path, mode in modes:
            path.chmod(mode)


def warm_up(case: Case, folder: Path, copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run the case as root on a copy of its folder, so the modules it needs are loaded
    before a child runs it as nobody (who may not read the interpreter's own files)."""
    shutil.copytree(folder, copy)
    monkeypatch.chdir(copy)
    run_cli(*case.args, env=dict(case.env))
    monkeypatch.chdir(folder)


def test_the_table_is_wide() -> None:
    """Issue 6 asks for at least 60 cases, and ids must tell them apart."""
    ids = [case.id for case in CASES]
    assert len(ids) >= 60
    assert len(set(ids)) == len(ids)


@pytest.mark.parametrize("case", [pytest.param(case, id=case.id) for case in CASES])
def test_bad_input_gets_a_clear_answer_and_touches_nothing(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shared_tmp: Path
) -> None:
    as_root = case.needs_non_root and IS_ROOT  # root reads and writes anything: run as nobody
    folder = shared_tmp if as_root else tmp_path
    lay_out(folder, case)
    monkeypatch.chdir(folder)
    if as_root:  # nobody may not enter the test's private cache and data folders
        monkeypatch.setenv("ADVISOR_NO_CACHE", "1")
        monkeypatch.setenv("XDG_DATA_HOME", str(folder / ".no-data"))
        warm_up(case, folder, tmp_path / "warm-up", monkeypatch)
    before = snapshot(folder)

    result = run_with_permissions(folder, case, as_root=as_root)

    assert result.exit_code == case.exit_code, result
    assert result.stdout == "", result
    assert "Traceback" not in result.stdout + result.stderr, result
    for fragment in (case.message, *case.also):
        assert said(fragment, case) in shown(result, case), result
    assert result.stderr.startswith(OPENINGS[case.exit_code]), result
    after = snapshot(folder)
    for name, text in case.creates.items():
        created = after.pop(name)
        assert created is not None and text in created.decode("utf-8"), name
    assert after == before
