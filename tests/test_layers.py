"""The layers the folders promise, held: what each may import, and no import cycle.

Imports are read from the source, at module level and inside functions alike (a lazy
import is still a dependency); those under ``if TYPE_CHECKING:`` are left out, for they
never run. docs/architecture.md explains the layers.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "src" / "platform_advisor"

#: What each layer may import besides itself. A layer not listed may import anything.
ALLOWED: dict[str, set[str]] = {
    "algorithms": set(),
    "contracts": {"algorithms"},
    "errors": set(),
    "models": {"algorithms", "contracts"},
    "core": {"algorithms", "contracts", "errors", "models"},
    "storage": {"errors", "tracing", "_version"},
    "loading": {
        "algorithms",
        "contracts",
        "core",
        "errors",
        "models",
        "resources",
        "storage",
        "tracing",
    },
    "editing": {
        "algorithms",
        "contracts",
        "core",
        "errors",
        "loading",
        "models",
        "resources",
        "storage",
        "tracing",
    },
    "rendering": {
        "algorithms",
        "contracts",
        "core",
        "errors",
        "loading",
        "models",
        "resources",
        "storage",
        "tracing",
    },
}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imported(path: Path) -> Iterator[str]:
    """Every module of ours this file imports when it runs."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    never_run = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
        for statement in node.body
        for inner in ast.walk(statement)
    }
    for node in ast.walk(tree):
        if id(node) in never_run:
            continue
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                yield full if full in MODULES else node.module


GRAPH = {
    name: sorted({m for m in imported(path) if m.startswith("platform_advisor.")} - {name})
    for name, path in MODULES.items()
}


def layer(module: str) -> str:
    return module.split(".")[1] if "." in module else ""


def test_every_module_is_read() -> None:
    assert {"platform_advisor.algorithms.stack_search", "platform_advisor.core.advise"} <= set(
        GRAPH
    )
    assert "platform_advisor.core.scoring.evaluators" in GRAPH["platform_advisor.core.advise"]


@pytest.mark.parametrize("name", sorted(ALLOWED))
def test_each_layer_imports_only_what_it_may(name: str) -> None:
    broken = [
        f"{module} imports {target}"
        for module, targets in GRAPH.items()
        if layer(module) == name
        for target in targets
        if layer(target) != name and layer(target) not in ALLOWED[name]
    ]
    assert broken == []


def test_only_the_entry_point_imports_the_command_line() -> None:
    importers = {
        module
        for module, targets in GRAPH.items()
        if layer(module) != "cli" and any(layer(target) == "cli" for target in targets)
    }
    assert importers == {"platform_advisor.__main__"}


def test_there_is_no_import_cycle() -> None:
    edges = {
        module: [t for t in targets if not _reexport(module, t)]
        for module, targets in GRAPH.items()
    }
    assert _cycles(edges) == []


def _reexport(module: str, target: str) -> bool:
    """A package's __init__ importing its own modules, to offer them, is no cycle."""
    return MODULES[module].name == "__init__.py" and target.startswith(module + ".")


def _cycles(edges: dict[str, list[str]]) -> list[list[str]]:
    """The import cycles, each once, by depth-first search."""
    found: list[list[str]] = []
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    path: list[str] = []

    def visit(module: str) -> None:
        state[module] = 1
        path.append(module)
        for target in edges.get(module, []):
            if state.get(target) == 1:
                found.append([*path[path.index(target) :], target])
            elif target in edges and target not in state:
                visit(target)
        path.pop()
        state[module] = 2

    for module in sorted(edges):
        if module not in state:
            visit(module)
    return found


def test_the_cycle_search_finds_a_cycle() -> None:
    assert _cycles({"a": ["b"], "b": ["c"], "c": ["a"]}) == [["a", "b", "c", "a"]]
    assert _cycles({"a": ["b"], "b": []}) == []


def test_no_folder_holds_more_than_fifteen_modules() -> None:
    crowded = {
        str(folder.relative_to(PACKAGE)): count
        for folder in [PACKAGE, *(p for p in PACKAGE.rglob("*") if p.is_dir())]
        if (count := len([p for p in folder.glob("*.py") if p.name != "__init__.py"])) > 15
    }
    assert crowded == {}


def test_nothing_read_back_can_run_code() -> None:
    """No module of the package loads pickles or marshalled code: whoever can write a file
    the advisor reads back (its cache) must not be able to run code with it (issue 19)."""
    loaders = {"pickle", "marshal", "shelve", "dill", "cloudpickle"}
    for name, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        used = {
            alias.name.split(".")[0]
            for node in ast.walk(tree)
            if isinstance(node, ast.Import)
            for alias in node.names
        }
        used |= {
            node.module.split(".")[0]
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module
        }
        assert not used & loaders, f"{name} imports {sorted(used & loaders)}"
        assert "BytecodeCache" not in path.read_text(encoding="utf-8"), name
