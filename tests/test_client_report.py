"""What a client reads: the header names the home country and the markets apart, the
risks table holds each mitigation in its own column and only the risks of this business,
nothing in the client's part points at the command line or an internal document, the
HTML reads on a phone, and the cover says for whom, by whom and when, in every format."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, WriteYaml, run_cli

AS_OF = ("--as-of", "2026-11-23")
PROFILES = sorted(EXAMPLES.glob("*.yaml"))
#: Words that send a client to the command line or the project's documents.
CONSULTANT_WORDS = re.compile(r"docs/|\badvisor (?:score|compare|init)\b|--[a-z]{3,}")

YOGA = """
business:
  name: Still Point Yoga
  sector: services
  employees: 4
  country: AU
  markets: [NZ]
  currency: AUD
goals: [customer_engagement, efficiency]
audience:
  channels: [in_person, instagram, email]
technical_capability: basic
budget:
  monthly: 400
risk_tolerance: medium
needs: [booking, crm, accounting, email_marketing]
"""


@pytest.fixture
def yoga(write_yaml: WriteYaml) -> Path:
    return write_yaml("yoga.yaml", YOGA)


def score(profile: Path, *options: str) -> str:
    result = run_cli("score", profile, *AS_OF, "--robustness", "off", *options)
    assert result.exit_code == 0, result
    return result.stdout


@pytest.mark.parametrize("fmt", ["terminal", "markdown", "brief-markdown"])
def test_the_header_names_the_home_country_and_the_markets_apart(yoga: Path, fmt: str) -> None:
    options = ["--format", "markdown", "--brief"] if fmt == "brief-markdown" else ["-f", fmt]
    header = score(yoga, *options).splitlines()[:4]
    assert any("AU; selling in NZ" in line for line in header), header
    assert not any(re.search(r"· NZ( ·|$)", line) for line in header), header


def test_json_says_where_the_business_is_and_where_it_sells(yoga: Path) -> None:
    business = json.loads(score(yoga, "-f", "json"))["business"]
    assert (business["country"], business["markets"]) == ("AU", ["NZ"])
    assert business["location"] == "AU; selling in NZ"


def risks_rows(markdown: str) -> list[list[str]]:
    section = markdown.split("## Risks and mitigations", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| ")][1:]
    return [[cell.strip() for cell in row.strip("|").split(" | ")] for row in rows]


@pytest.mark.parametrize("profile", PROFILES, ids=[p.stem for p in PROFILES])
def test_each_risk_has_its_mitigation_in_its_own_column(profile: Path) -> None:
    rows = risks_rows(score(profile, "-f", "markdown"))
    assert rows
    for risk, mitigation in rows:
        assert risk and mitigation, (risk, mitigation)
        assert "; " not in risk or len(risk) < 120, risk


def test_a_studio_with_staff_is_not_given_a_freelancers_risks(yoga: Path) -> None:
    markdown = score(yoga, "-f", "markdown")
    risks = " ".join(risk for risk, _ in risks_rows(markdown))
    assert "freelancer" not in risks.lower()
    assert "Client files end up scattered" in risks
    assert "Overlapping apps" in risks  # a team of four: one tool per job


def test_a_freelancer_on_a_marketplace_keeps_the_marketplace_risk() -> None:
    markdown = score(EXAMPLES / "freelance-designer.yaml", "-f", "markdown")
    risks = " ".join(risk for risk, _ in risks_rows(markdown))
    assert "Marketplace fees and ranking rules govern a freelancer's income." in risks
    assert "Overlapping apps" not in risks  # one person


@pytest.mark.parametrize("profile", PROFILES, ids=[p.stem for p in PROFILES])
def test_the_clients_part_points_at_no_command_or_internal_document(profile: Path) -> None:
    markdown = score(profile, "-f", "markdown")
    client, _, consultant = markdown.partition("\n## For the consultant\n")
    assert consultant, "the notes for the consultant close the report"
    assert CONSULTANT_WORDS.findall(client) == []
    assert "docs/scoring.md" in consultant
    assert "--robustness standard" in consultant  # this run had robustness off


def test_the_html_reads_on_a_phone(yoga: Path) -> None:
    html = score(yoga, "-f", "html")
    tables = html.count("<table")
    assert tables and html.count('<div class="table-wrap"><table') == tables
    assert html.count("<th>") == 0 and html.count('<th scope="col"') > tables
    assert ".table-wrap { overflow-x: auto;" in html
    # Many columns keep a readable width and scroll; two columns reflow to the screen.
    assert '<table>\n<thead>\n<tr>\n<th scope="col">Risk</th>' in html
    assert '<table class="wide">\n<thead>\n<tr>\n<th scope="col">Function</th>' in html
    assert "  .table-wrap > table.wide { min-width:" in html
    assert "\n  figure { overflow-x: auto;" in html.split("@media (max-width: 40rem)", 1)[1]
    assert re.search(r"figure svg \{ min-width: \d+rem; \}", html)
    for svg in re.findall(r"<svg [^>]*>\s*<title>[^<]+</title>", html):
        assert "viewBox=" in svg and 'role="img"' in svg
    assert html.count("<svg ") == len(re.findall(r"<svg [^>]*>\s*<title>", html))


def test_the_cover_says_for_whom_by_whom_and_when_in_every_format(
    yoga: Path, tmp_path: Path
) -> None:
    logo = tmp_path / "logo.png"
    logo.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 32)
    options = ["--prepared-by", "Jo Lee", "--firm", "Lee Advisory", "--logo", str(logo)]
    terminal = score(yoga, *options)
    assert "Prepared for Still Point Yoga by Jo Lee, Lee Advisory · 2026-11-23" in terminal
    assert "prices as of 20" in terminal
    markdown = score(yoga, "-f", "markdown", *options)
    assert "**Prepared for** Still Point Yoga · **Prepared by** Jo Lee, Lee Advisory" in markdown
    assert "**Date** 2026-11-23 · **Prices as of** 20" in markdown
    html = score(yoga, "-f", "html", *options)
    assert '<img class="logo" src="data:image/png;base64,iVBORw0KGgo' in html
    assert 'alt="Logo of Lee Advisory"' in html
    cover = json.loads(score(yoga, "-f", "json", *options))["cover"]
    assert cover["prepared_by"] == "Jo Lee" and cover["date"] == "2026-11-23"
    assert re.fullmatch(r"\d{4}-\d{2}", cover["prices_as_of"])


def test_the_cover_comes_from_the_settings_file(
    yoga: Path, write_yaml: WriteYaml, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "brand.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    settings = write_yaml(
        "config/platform-advisor/settings.yaml",
        "prepared_by: Ana Ruiz\nfirm: Ruiz Partners\nlogo: ../../brand.svg\n",
    )
    monkeypatch.setenv("XDG_CONFIG_HOME", str(settings.parent.parent))
    markdown = score(yoga, "-f", "markdown")
    assert "**Prepared by** Ana Ruiz, Ruiz Partners" in markdown
    assert "data:image/svg+xml;base64," in score(yoga, "-f", "html")
    assert "**Prepared by** Jo, Ruiz Partners" in score(
        yoga, "-f", "markdown", "--prepared-by", "Jo"
    )


def test_a_bad_settings_file_is_named_with_its_line(
    yoga: Path, write_yaml: WriteYaml, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = write_yaml("settings.yaml", "prepared_by: Ana\nfrim: Ruiz Partners\n")
    monkeypatch.setenv("ADVISOR_SETTINGS", str(settings))
    result = run_cli("score", yoga, *AS_OF, "--robustness", "off")
    assert result.exit_code == 1, result
    assert "settings.yaml:2:1" in result.stderr and "frim" in result.stderr


def test_a_logo_that_is_no_image_is_refused(yoga: Path, tmp_path: Path) -> None:
    logo = tmp_path / "logo.txt"
    logo.write_text("not an image")
    result = run_cli("score", yoga, *AS_OF, "--logo", str(logo))
    assert result.exit_code == 1, result
    assert "logo.txt: not a PNG, JPEG or SVG image" in result.stderr


@pytest.mark.parametrize("fmt", ["terminal", "markdown", "html", "json"])
def test_the_brief_holds_the_owners_parts_in_every_format(yoga: Path, fmt: str) -> None:
    text = score(yoga, "-f", fmt, "--brief")
    if fmt == "json":
        brief = json.loads(text)
        assert brief["brief"] is True
        assert {"stack", "monthly_total", "year_one", "how_sure", "first_steps", "risks"} <= set(
            brief
        )
        assert "rankings" not in brief
        return
    for words in ("What to use", "How sure", "First steps", "Top risks"):
        assert words in text, words
    assert "Alternatives" not in text and "Ownership and dependency" not in text


def test_a_sector_risk_written_as_one_text_still_reads_as_risk_and_mitigation() -> None:
    from platform_advisor.models.criteria import SectorRisk

    old = SectorRisk.model_validate("Stock gets oversold; sync inventory as sales happen.")
    assert (old.risk, old.mitigation) == ("Stock gets oversold.", "Sync inventory as sales happen.")
    assert SectorRisk.model_validate("No mitigation given").mitigation == ""


@pytest.mark.parametrize(
    ("when", "functions", "employees", "concerned"),
    [
        ({"functions": ["freelance_marketplace"]}, {"booking", "crm"}, 4, False),
        ({"functions": ["freelance_marketplace"]}, {"freelance_marketplace"}, 1, True),
        ({"employees_at_least": 2}, {"crm"}, 1, False),
        ({"employees_at_least": 2}, {"crm"}, 4, True),
        ({"employees_at_most": 1, "functions": ["crm"]}, {"crm"}, 4, False),
    ],
)
def test_a_sector_risk_concerns_the_businesses_its_condition_names(
    when: dict[str, object], functions: set[str], employees: int, concerned: bool
) -> None:
    from platform_advisor.core.report.playbook import concerns
    from platform_advisor.models.criteria import RiskCondition

    assert concerns(RiskCondition.model_validate(when), functions, employees) is concerned
