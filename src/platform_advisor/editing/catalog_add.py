"""``advisor catalog add``: a new platform spliced into the right catalog file.

The entry goes after the last platform of its main function (or at the end of the list),
and each platform it links to in the files being edited gets the link back. Nothing is
written until the whole catalog, edits included, loads and passes the maintainer's checks;
then each file is replaced atomically, under a lock on the folder.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from platform_advisor.core.inputs.catalog_lint import lint_catalog
from platform_advisor.core.inputs.references import Finding, check_catalog_files, dotted
from platform_advisor.core.inputs.references import Path as FieldPath
from platform_advisor.editing.splice import (
    Splice,
    apply,
    compose,
    leading_spaces,
    line_end,
    line_start,
    mapping_value,
)
from platform_advisor.editing.yaml_text import WIDTH, entry_text, scalar_text
from platform_advisor.errors import DataFileError, NotFoundError, OutputError, Problem
from platform_advisor.loading.catalog_files import catalog_files
from platform_advisor.loading.catalogs import merge_sources
from platform_advisor.loading.sources import (
    YAML_SUFFIXES,
    Source,
    raise_located,
    read_source,
    validated,
)
from platform_advisor.loading.text_files import display_name
from platform_advisor.models.catalog import CatalogFile, LinkKind, Platform
from platform_advisor.resources import shipped_dir

NEW_FILE_NAME = "platforms.yaml"
NEW_FILE_HEADER = (
    "# Platforms for platform-advisor, added with `advisor catalog add`.\n"
    "# Check this file with `advisor catalog validate PATH`; docs/catalog-guide.md explains\n"
    "# every field and how to get completion in an editor.\n\n"
)


@dataclass(frozen=True)
class FileEdit:
    """One file's text before and after the addition."""

    path: Path
    before: Source
    after: str
    created: bool = False


@dataclass(frozen=True)
class Addition:
    """What adding a platform changed: its file, every file edited, who links back."""

    platform: Platform
    entry_file: FileEdit
    edits: tuple[FileEdit, ...]
    linked_back: tuple[str, ...]


def add_platform(
    platform: Platform, target: Path, *, include_default: bool = True, dry_run: bool = False
) -> Addition:
    """Add ``platform`` to the catalog file or folder ``target``; returns what changed.

    The entry's file is written first: should the process die before the files that
    link back are written, the catalog still loads, and validate reports the links
    recorded on one side.
    """
    folder = target if target.is_dir() else target.parent
    if not folder.is_dir():
        raise NotFoundError(f"{display_name(folder)}: no such folder")
    if not target.is_dir() and target.suffix not in YAML_SUFFIXES:
        raise NotFoundError(
            f"{display_name(target)}: not a folder, nor a file ending in .yaml or .yml"
        )
    from platform_advisor.storage.locking import folder_locked

    with folder_locked(folder):
        addition = plan_addition(platform, target, include_default=include_default)
        if not dry_run:
            from platform_advisor.storage.atomic import write_atomic

            for edit in _entry_first(addition):  # the catalog files read are the ones edited
                write_atomic(edit.path, edit.after, edit.before.display, replaces_input=True)
    return addition


def _errors(files: Sequence[tuple[str, CatalogFile]], built_in: set[str]) -> list[Finding]:
    """The loader's cross-checks, then (once references hold) the maintainer's checks."""
    findings = check_catalog_files(files, built_in)
    if not any(finding.severity == "error" for finding in findings):
        findings += lint_catalog(files, built_in, today=date.today(), stale_after_months=10**6)
    return [finding for finding in findings if finding.severity == "error"]


def _where_is(platform_id: str, files: Sequence[tuple[str, CatalogFile]]) -> tuple[str, FieldPath]:
    """The file and the path in it of the platform with this id: the last one, as the user's
    files come after the built-in ones and a new entry may replace a built-in platform."""
    return next(
        (document, ("platforms", index))
        for document, content in reversed(files)
        for index, platform in enumerate(content.platforms)
        if platform.id == platform_id
    )


def _about_the_new_entry(
    findings: Sequence[Finding], entry: tuple[str, FieldPath]
) -> tuple[list[Finding], list[Finding]]:
    """The findings inside the new entry, and the rest. The new entry's text is not yet in
    any file, so its problems are told by field (the flag's name), not by line."""
    document, at = entry
    inside = [f for f in findings if f.document == document and f.path[: len(at)] == at]
    return inside, [f for f in findings if f not in inside]


def _entry_first(addition: Addition) -> list[FileEdit]:
    entry = addition.entry_file
    return [entry, *(edit for edit in addition.edits if edit is not entry)]


def plan_addition(platform: Platform, target: Path, *, include_default: bool) -> Addition:
    """Every file edit the addition needs, checked as a whole; nothing is written."""
    editable = _editable_files(target)
    contents = [(path, source, validated(CatalogFile, source)) for path, source in editable]
    _refuse_existing(platform, contents)
    entry_path = _entry_file(platform, target, contents)
    texts = {path: source.text for path, source, _ in contents}
    texts.setdefault(entry_path, "")
    splices, linked_back = _reverse_links(platform, contents)
    splices.setdefault(entry_path, []).append(_entry_splice(platform, texts[entry_path]))
    sources = {path: source for path, source, _ in contents}
    edits = tuple(
        FileEdit(
            path,
            sources.get(path) or Source(display_name(path), ""),
            _line_ends_kept(texts[path], apply(texts[path], file_splices)),
            created=path not in sources,
        )
        for path, file_splices in sorted(splices.items())
    )
    _check_result(platform, edits, [p for p, _, _ in contents], include_default)
    entry_file = next(edit for edit in edits if edit.path == entry_path)
    return Addition(platform, entry_file, edits, linked_back)


def _line_ends_kept(before: str, after: str) -> str:
    """The edited text with the file's own line ends: new lines are written with LF, and a
    file whose every line ends in CRLF would be left with both."""
    if "\r\n" not in before or before.count("\n") != before.count("\r\n"):
        return after
    return after.replace("\r\n", "\n").replace("\n", "\r\n")


def _editable_files(target: Path) -> list[tuple[Path, Source]]:
    paths = catalog_files([target]) if target.exists() else []
    return [(path, read_source(path)) for path in paths]


def _refuse_existing(
    platform: Platform, contents: Sequence[tuple[Path, Source, CatalogFile]]
) -> None:
    for _, source, content in contents:
        for existing in content.platforms:
            if existing.id == platform.id:
                raise OutputError(
                    f"{source.display}: already has a platform with id {platform.id!r}; "
                    "edit it there, or choose another id"
                )


def _entry_file(
    platform: Platform, target: Path, contents: Sequence[tuple[Path, Source, CatalogFile]]
) -> Path:
    """The file whose platforms are most like the new one: same main function first."""
    if not target.is_dir():
        return target
    with_platforms = [(path, content) for path, _, content in contents if content.platforms]
    if not with_platforms:
        return target / NEW_FILE_NAME
    main = platform.functions[0]

    def likeness(item: tuple[Path, CatalogFile]) -> tuple[int, int, int]:
        platforms = item[1].platforms
        return (
            sum(main in p.functions for p in platforms),
            sum(bool(set(p.functions) & set(platform.functions)) for p in platforms),
            len(platforms),
        )

    return max(with_platforms, key=likeness)[0]


def _entry_splice(platform: Platform, text: str) -> Splice:
    """Where the entry goes: after the last platform of its main function, else last."""
    data = platform.model_dump(mode="json", exclude_defaults=True)
    root = compose(text) if text.strip() else None
    items = mapping_value(root, "platforms") if root is not None else None
    if items is None:
        prefix = "" if not text or text.endswith("\n") else "\n"
        header = "" if text.strip() else NEW_FILE_HEADER
        return Splice(len(text), f"{prefix}{header}platforms:\n{_indented(data, 2)}")
    if not isinstance(items, yaml.SequenceNode) or (items.flow_style and items.value):
        raise OutputError("the platforms list is not a block list; write it as '- id: ...' items")
    if not items.value:  # platforms: []
        return Splice(
            items.start_mark.index,
            "\n" + _indented(data, 2),
            items.end_mark.index - items.start_mark.index,
        )
    after = _last_of_function(items.value, platform.functions[0]) or items.value[-1]
    dash = leading_spaces(text, after.start_mark.index)
    index = line_end(text, after)
    gap = "\n" if _blank_line_between(text, items.value) else ""
    newline = "" if index == 0 or text[index - 1] == "\n" else "\n"
    return Splice(index, newline + gap + _indented(data, dash))


def _last_of_function(items: Sequence[yaml.Node], function: str) -> yaml.Node | None:
    found = None
    for item in items:
        functions = mapping_value(item, "functions")
        if isinstance(functions, yaml.SequenceNode) and any(
            node.value == function for node in functions.value
        ):
            found = item
    return found


def _blank_line_between(text: str, items: Sequence[yaml.Node]) -> bool:
    """Whether the file separates its entries with a blank line (the shipped style)."""
    if len(items) < 2:
        return True
    between = text[line_end(text, items[0]) : line_start(text, items[1].start_mark.index)]
    return any(not line.strip() for line in between.splitlines())


def _indented(data: dict[str, Any], columns: int) -> str:
    """The entry as a list item whose dash sits ``columns`` from the margin."""
    pad = " " * columns
    entry = entry_text(data, width=WIDTH - columns - 20)  # PyYAML overshoots by an item
    return "".join(pad + line if line.strip() else line for line in entry.splitlines(True))


def _reverse_links(
    platform: Platform, contents: Sequence[tuple[Path, Source, CatalogFile]]
) -> tuple[dict[Path, list[Splice]], tuple[str, ...]]:
    """For each linked platform defined in an edited file, the link back to the new one."""
    where = {
        p.id: (path, n) for path, _, content in contents for n, p in enumerate(content.platforms)
    }
    texts = {path: source.text for path, source, _ in contents}
    roots = {}
    splices: dict[Path, list[Splice]] = {}
    linked_back: list[str] = []
    for other, kind in platform.integrates_with.links():
        if other not in where:
            continue  # a built-in platform: a link from a user's file counts both ways
        path, index = where[other]
        if path not in roots:
            roots[path] = compose(texts[path])
        items = mapping_value(roots[path], "platforms")
        assert isinstance(items, yaml.SequenceNode)
        splice = _link_back(texts[path], items.value[index], kind, platform.id)
        splices.setdefault(path, []).append(splice)
        linked_back.append(other)
    return splices, tuple(linked_back)


def _link_back(text: str, entry: yaml.Node, kind: LinkKind, new_id: str) -> Splice:
    """Add ``new_id`` to the entry's integrates_with list of this kind, in sorted place."""
    value = scalar_text(new_id)
    links = mapping_value(entry, "integrates_with")
    if links is None:
        assert isinstance(entry, yaml.MappingNode)
        column = entry.value[0][0].start_mark.column
        return Splice(
            line_end(text, entry), " " * column + f"integrates_with: {{{kind}: [{value}]}}\n"
        )
    listed = mapping_value(links, kind)
    if listed is None:
        assert isinstance(links, yaml.MappingNode)
        if links.flow_style:
            separator = ", " if links.value else ""
            return Splice(links.end_mark.index - 1, f"{separator}{kind}: [{value}]")
        column = links.value[0][0].start_mark.column
        return Splice(line_end(text, links), " " * column + f"{kind}: [{value}]\n")
    assert isinstance(listed, yaml.SequenceNode)
    return _into_list(text, listed, value, new_id)


def _into_list(text: str, listed: yaml.SequenceNode, value: str, new_id: str) -> Splice:
    items = listed.value
    later = next((item for item in items if str(item.value) > new_id), None)
    if listed.flow_style:
        if later is not None:
            return Splice(later.start_mark.index, f"{value}, ")
        if items:
            return Splice(items[-1].end_mark.index, f", {value}")
        return Splice(listed.end_mark.index - 1, value)
    anchor = later or items[-1]
    dash = " " * leading_spaces(text, anchor.start_mark.index)
    index = line_start(text, anchor.start_mark.index) if later else line_end(text, anchor)
    return Splice(index, f"{dash}- {value}\n")


def _check_result(
    platform: Platform, edits: Sequence[FileEdit], editable: Sequence[Path], include_default: bool
) -> None:
    """The whole catalog with the edits must load, pass the checks, and read back equal."""
    default = catalog_files([shipped_dir("catalogs")]) if include_default else []
    shipped = {os.path.realpath(path) for path in default}
    edited = {edit.path: edit for edit in edits}
    in_order = [*editable, *(path for path in edited if path not in editable)]
    ours = {os.path.realpath(path) for path in in_order}
    paths = [path for path in default if os.path.realpath(path) not in ours] + in_order
    sources = [
        Source(edited[path].before.display, edited[path].after)
        if path in edited
        else read_source(path)
        for path in paths
    ]
    built_in = {
        source.display
        for source, path in zip(sources, paths, strict=True)
        if os.path.realpath(path) in shipped
    }
    files = [(source.display, validated(CatalogFile, source)) for source in sources]
    new, others = _about_the_new_entry(_errors(files, built_in), _where_is(platform.id, files))
    raise_located(others, {source.display: source for source in sources})
    if new:
        raise DataFileError(
            [Problem(f.message, None, dotted(f.path[2:]), f.hint) for f in new],
            "the new platform is not valid; nothing was written:",
        )
    merged = merge_sources(sources, built_in)
    if merged.catalog.platforms.get(platform.id) != platform:
        raise OutputError("the new entry would not read back as given; nothing was changed")
