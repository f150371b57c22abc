"""What the advisor writes as YAML reads back as itself, to us and to YAML 1.1 tools."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from platform_advisor.editing.yaml_text import entry_text, scalar_text
from platform_advisor.loading.yaml_reader import parse_yaml
from tests.conftest import run_cli

#: Text that YAML 1.1 (PyYAML, yq, pre-commit) or YAML 1.2 (us) reads as something else.
SUSPECTS = ["NO", "no", "Yes", "ON", "off", "y", "N", "1:30", "010", "0x1F", "1_000", "1e3",
            ".inf", "null", "~", "true", "12", "2025-06-30", "-", "a: b", "# x"]  # fmt: skip


def read_by_both(text: str) -> tuple[object, object]:
    return parse_yaml(text, "f.yaml"), yaml.safe_load(text)


@pytest.mark.parametrize("value", SUSPECTS)
def test_a_flow_item_reads_back_as_itself(value: str) -> None:
    ours, theirs = read_by_both(f"[{scalar_text(value)}]")
    assert ours == theirs == [value]


@given(st.one_of(st.sampled_from(SUSPECTS), st.text(st.characters(codec="utf-8",
       exclude_categories=["Cs", "Cc"]), min_size=1, max_size=20)))  # fmt: skip
def test_any_text_as_a_flow_item_reads_back_as_itself(value: str) -> None:
    assert read_by_both(f"key: [{scalar_text(value)}]") == ({"key": [value]}, {"key": [value]})


def test_a_catalog_entry_reads_back_the_same_to_both() -> None:
    entry = {"id": "x", "regions": ["GB", "NO", "Y"], "notes": "1:30", "as_of": "2026-11"}
    ours, theirs = read_by_both(entry_text(entry))
    assert ours == theirs == [entry]


def test_init_writes_norway_so_every_reader_sees_norway(tmp_path: Path) -> None:
    target = tmp_path / "fjord.yaml"
    result = run_cli(
        "init", target, "--non-interactive", "--name", "Yes", "--sector", "retail",
        "--employees", "3", "--country", "NO", "--budget", "100", "--goals", "increase_sales",
    )  # fmt: skip
    assert result.exit_code == 0, result
    ours, theirs = read_by_both(target.read_text(encoding="utf-8"))
    assert isinstance(ours, dict) and isinstance(theirs, dict)
    assert ours["business"] == theirs["business"]
    assert theirs["business"]["country"] == "NO" and theirs["business"]["name"] == "Yes"


def test_weights_writes_names_that_every_reader_reads_as_names() -> None:
    pairs = ["--pair", "cost_fit,skill_fit,3", "--pair", "cost_fit,risk_fit,5"]
    result = run_cli("weights", "-", *pairs, "--pair", "skill_fit,risk_fit,2", "--name", "no")
    assert result.exit_code == 0, result
    ours, theirs = read_by_both(result.stdout)
    assert ours == theirs
    assert isinstance(theirs, dict) and theirs["name"] == "no"
