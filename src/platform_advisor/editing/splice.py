"""Text edits at known offsets of a YAML file, found from the nodes PyYAML composes.

Rewriting a whole file through a YAML library re-wraps lines and loses the maintainer's
layout; splicing new text at exact offsets changes nothing else, comments included.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import yaml


@dataclass(frozen=True)
class Splice:
    """Put ``text`` in place of ``removed`` characters at offset ``index``."""

    index: int
    text: str
    removed: int = 0


def apply(text: str, splices: Iterable[Splice]) -> str:
    """The text with every splice made; each index refers to the original text."""
    result = text
    for splice in sorted(splices, key=lambda s: s.index, reverse=True):
        result = result[: splice.index] + splice.text + result[splice.index + splice.removed :]
    return result


def compose(text: str) -> yaml.Node | None:
    """The node tree with positions. Only for text our reader has already accepted."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.compose(text, Loader=loader)


def mapping_value(node: yaml.Node | None, key: str) -> yaml.Node | None:
    """The value under ``key`` in a mapping node, if there is one."""
    if not isinstance(node, yaml.MappingNode):
        return None
    for key_node, value_node in node.value:
        if key_node.value == key:
            found: yaml.Node = value_node
            return found
    return None


def last_leaf(node: yaml.Node) -> yaml.Node:
    """The last scalar or flow collection inside a node: where its text really ends."""
    while isinstance(node, yaml.CollectionNode) and not node.flow_style and node.value:
        last = node.value[-1]
        node = last[1] if isinstance(node, yaml.MappingNode) else last
    return node


def line_end(text: str, node: yaml.Node) -> int:
    """The offset just after the line on which a node's text ends."""
    end = last_leaf(node).end_mark.index
    if end > 0 and text[end - 1] == "\n":
        return end
    newline = text.find("\n", end)
    return len(text) if newline < 0 else newline + 1


def line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def leading_spaces(text: str, index: int) -> int:
    """How far the line holding ``index`` is indented."""
    start = line_start(text, index)
    return len(text[start:index]) - len(text[start:index].lstrip(" "))


def indent(block: str, columns: int) -> str:
    """Every non-empty line of a block moved right by ``columns`` spaces."""
    pad = " " * columns
    return "".join(pad + line if line.strip() else line for line in block.splitlines(True))
