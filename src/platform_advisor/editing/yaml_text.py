"""YAML text for new entries, in the catalog's own style, quoted so it reads back exactly."""

from __future__ import annotations

from typing import Any

import yaml

from platform_advisor.loading.yaml_reader import plain_scalar

#: Flow collections are wrapped at this width, as in the shipped catalog files.
WIDTH = 96


class _Dumper(yaml.SafeDumper):
    """Block lists indented under their key, as the shipped files write them."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:  # noqa: ARG002
        super().increase_indent(flow, False)


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    """Quote a string our YAML 1.2 reader would read as something else, such as 1e3."""
    style = "'" if plain_scalar(value) != value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_text)


def entry_text(entry: dict[str, Any], width: int = WIDTH) -> str:
    """One list item: '- id: ...' with nested lists of plain values written inline.

    Strings are quoted when a YAML 1.1 reader would take them for something else (yes,
    no, 12:30, dates: PyYAML's own rule) or when our YAML 1.2 reader would (1e3, .inf).
    """
    return yaml.dump(
        [entry],
        Dumper=_Dumper,
        sort_keys=False,
        default_flow_style=None,
        allow_unicode=True,
        width=width,
        indent=2,
    )


def scalar_text(value: str) -> str:
    """A string as a flow-list item: plain when it reads back as itself, else quoted."""
    if plain_scalar(value) == value and value and not set(value) & set(":#,[]{}&*!|>'\"%@`"):
        return value
    return "'" + value.replace("'", "''") + "'"
