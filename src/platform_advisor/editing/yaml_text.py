"""YAML text for new entries, in the catalog's own style, quoted so it reads back exactly."""

from __future__ import annotations

import io
import json
from typing import Any

import yaml

from platform_advisor.loading.yaml_reader import plain_scalar, yaml11_reading

#: Flow collections are wrapped at this width, as in the shipped catalog files.
WIDTH = 96


class _Dumper(yaml.SafeDumper):
    """Block lists indented under their key, as the shipped files write them."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:  # noqa: ARG002
        super().increase_indent(flow, False)


def reads_as_itself(value: str) -> bool:
    """Whether unquoted text reads back as this very text, to us (YAML 1.2: 1e3 is a number)
    and to every YAML 1.1 tool (NO, y, 1:30 and 010 are not text there)."""
    return bool(value) and plain_scalar(value) == value and yaml11_reading(value) is None


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    """Quote a string that some reader would read as something else."""
    style = "'" if value and not reads_as_itself(value) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_text)


def entry_text(entry: dict[str, Any], width: int = WIDTH) -> str:
    """One list item: '- id: ...' with nested lists of plain values written inline.

    Strings are quoted when a YAML 1.1 reader would take them for something else (yes,
    NO, y, 12:30, 010, dates) or when our YAML 1.2 reader would (1e3, .inf).
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
    """A string as a flow-list item: plain when it reads back as itself, else quoted (in
    double quotes, with escapes, where single quotes cannot hold it: line breaks, say)."""
    analysis = _ANALYSER.analyze_scalar(value)
    if reads_as_itself(value) and analysis.allow_flow_plain:
        return value
    if analysis.allow_single_quoted and not analysis.multiline:
        return "'" + value.replace("'", "''") + "'"
    return json.dumps(value, ensure_ascii=False)


#: PyYAML's own judgement of which styles can write a string back exactly.
_ANALYSER = yaml.emitter.Emitter(io.StringIO())
