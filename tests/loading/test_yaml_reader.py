"""The safe YAML reader: YAML 1.2 scalars, refused features, limits, and locations."""

from __future__ import annotations

import math
from typing import Any

import pytest

from platform_advisor.editing.yaml_text import reads_as_itself
from platform_advisor.errors import DataFileError
from platform_advisor.loading.yaml_reader import (
    MAX_DEPTH,
    locate,
    parse_yaml,
    plain_scalar,
    yaml11_reading,
)


def problems(text: str) -> list[str]:
    with pytest.raises(DataFileError) as caught:
        parse_yaml(text, "f.yaml")
    return [str(problem) for problem in caught.value.problems]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("NO", "NO"),  # Norway stays Norway
        ("no", "no"),
        ("yes", "yes"),
        ("on", "on"),
        ("true", True),
        ("False", False),
        ("1.10", 1.1),
        ('"1.10"', "1.10"),
        ("12:30", "12:30"),  # YAML 1.1 would read 750
        ("012345", "012345"),  # YAML 1.1 would read octal 5349
        ("0", 0),
        ("-7", -7),
        ("2.5e3", 2500.0),
        ("2025-06", "2025-06"),
        ("2025-06-30", "2025-06-30"),  # dates stay text; models parse them
        ("~", None),
        ("null", None),
        ("'null'", "null"),
        ("0x1F", "0x1F"),
        ("+.inf", math.inf),
    ],
)
def test_scalars_follow_yaml_1_2(text: str, expected: Any) -> None:
    assert parse_yaml(f"value: {text}\n", "f.yaml") == {"value": expected}


def test_nan_is_read_as_a_float_for_the_model_to_refuse() -> None:
    assert math.isnan(parse_yaml("value: .nan\n", "f.yaml")["value"])


def test_keys_are_always_text() -> None:
    assert parse_yaml("1: a\ntrue: b\nno: c\n", "f.yaml") == {"1": "a", "true": "b", "no": "c"}


def test_block_scalars_are_text() -> None:
    assert parse_yaml("notes: |\n  line one\n  line two\n", "f.yaml") == {
        "notes": "line one\nline two\n"
    }


def test_anchors_and_aliases_are_refused() -> None:
    assert problems("a: &x [1, 2]\nb: *x\n") == [
        "f.yaml:1:4: anchors (&x) are not allowed (write the value out)",
        "f.yaml:2:4: aliases (*x) are not allowed (write the value out)",
    ]


def test_an_alias_bomb_is_refused_quickly() -> None:
    layers = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for n in range(1, 9):
        refs = ", ".join([f"*{chr(96 + n)}"] * 9)
        layers.append(f"{chr(97 + n)}: &{chr(97 + n)} [{refs}]")
    found = problems("\n".join(layers) + "\n")
    assert len(found) == 1 + 8 * 10  # each anchor and alias named once
    assert found[0] == "f.yaml:1:4: anchors (&a) are not allowed (write the value out)"


def test_tags_are_refused() -> None:
    assert problems("a: !!python/object:os.system x\n") == [
        "f.yaml:1:4: tags (tag:yaml.org,2002:python/object:os.system) are not allowed"
        " (quote the value instead)"
    ]


def test_duplicate_keys_are_errors_with_their_place() -> None:
    assert problems("name: A\nvendor: B\nname: C\n") == [
        "f.yaml:3:1: duplicate key 'name' (each key may appear once in a mapping)"
    ]


TOO_DEEP = f"nested deeper than {MAX_DEPTH} levels"


def block_mappings(levels: int) -> str:
    """`levels` mappings, each the value of the key above it."""
    return "".join("  " * level + "a:\n" for level in range(levels))


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # Runs of flow brackets long enough that libyaml (0.2.6 and later) stops at its own
        # limit of 1,000 before it hands us the events; shorter runs reach our check first.
        pytest.param("[" * 50_000 + "]" * 50_000, f"1:{MAX_DEPTH + 1}", id="flow-long"),
        pytest.param("[" * 100 + "]" * 100, f"1:{MAX_DEPTH + 1}", id="flow-short"),
        pytest.param("{a: " * 5_000 + "1" + "}" * 5_000, f"1:{4 * MAX_DEPTH + 1}", id="flow-maps"),
        pytest.param(block_mappings(1_500), f"{MAX_DEPTH + 1}:{2 * MAX_DEPTH + 1}", id="block"),
        pytest.param("- " * 3_000 + "x\n", f"1:{2 * MAX_DEPTH + 1}", id="block-sequences"),
        # 30 block levels, the mapping holding `b`, then brackets: the 34th opens level 65.
        pytest.param(
            block_mappings(30) + "  " * 30 + "b: " + "[" * 2_000 + "]" * 2_000 + "\n",
            "31:97",
            id="block-then-flow",
        ),
        # Brackets inside quotes and comments are text, not nesting.
        pytest.param(
            'a: ["[[[[", # [[[[\n  ' + "[" * 2_000 + "]" * 2_000 + "]\n",
            "2:65",
            id="flow-after-quotes-and-comments",
        ),
    ],
)
def test_nesting_is_capped_where_it_passes_the_limit(text: str, place: str) -> None:
    assert problems(text) == [f"f.yaml:{place}: {TOO_DEEP}"]


def test_nesting_just_under_the_cap_is_read() -> None:
    text = "[" * MAX_DEPTH + "]" * MAX_DEPTH
    value: Any = parse_yaml(text, "f.yaml")
    for _ in range(MAX_DEPTH - 1):
        value = value[0]
    assert value == []


def test_several_documents_are_refused() -> None:
    assert problems("a: 1\n---\nb: 2\n") == [
        "f.yaml:2:1: the file holds more than one YAML document (remove '---')"
    ]


@pytest.mark.parametrize("text", ["", "# only a comment\n", "~\n", "\n\n"])
def test_empty_files_are_refused(text: str) -> None:
    assert problems(text) == ["f.yaml: the file is empty"]


def test_a_syntax_error_names_line_column_and_a_hint() -> None:
    assert problems("name: Acme\nnotes: Price: high\n") == [
        "f.yaml:2:13: invalid YAML: mapping values are not allowed in this context"
        " (a value that contains ': ' must be quoted)"
    ]


def test_tabs_get_a_hint() -> None:
    (found,) = problems("a:\n\tb: 1\n")
    assert found.startswith("f.yaml:2:1: invalid YAML: found character that cannot start")
    assert found.endswith("(indent with spaces; YAML does not allow tabs for indentation)")


def test_locate_finds_values_keys_and_raw_text() -> None:
    text = "platforms:\n  - id: a\n    ratings: {ease: 7}\n  - id: b\n    tag: NO\n"
    spots = locate(text, [("platforms", 0, "ratings", "ease"), ("platforms", 1, "tag")])
    ease = spots[("platforms", 0, "ratings", "ease")]
    assert (ease.line, ease.column, ease.key_line, ease.key_column) == (3, 21, 3, 15)
    tag = spots[("platforms", 1, "tag")]
    assert (tag.line, tag.column, tag.raw) == (5, 10, "NO")


def test_locate_falls_back_to_the_nearest_enclosing_node() -> None:
    spots = locate("a:\n  b: 1\n", [("a", "missing")])
    assert (spots[("a", "missing")].line, spots[("a", "missing")].column) == (2, 3)


@pytest.mark.parametrize(
    "number", ["9" * 4301, "-" + "1" * 5000, "1_" * 5000 + "1"], ids=["4301", "-5000", "1_1"]
)
def test_a_number_past_pythons_digits_is_never_converted(number: str) -> None:
    """int() refuses more than 4,300 digits: every reader of plain scalars must not ask it."""
    assert yaml11_reading(number) is None
    assert plain_scalar(number) == number
    assert reads_as_itself(number)


def test_a_number_past_pythons_digits_is_refused_where_it_is() -> None:
    (found,) = problems("a: 1\nb: " + "9" * 5000 + "\n")
    assert found == "f.yaml:2:4: a number of 5,000 digits is too long (at most 4,300 digits)"
