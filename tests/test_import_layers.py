"""The package's imports go one way: schema and errors at the bottom, the stages, the engine, the front ends
on top. A cycle, or a lower floor reaching up (even from inside a function), fails here."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "checker"
BOTTOM = {"checker", "checker.schema", "checker.errors"}
ENGINE = {"checker.engine"}
FRONT_ENDS = {"checker.cli", "checker.__main__", "checker.editor", "checker.progress", "checker.gate.command", "checker.gate.report"}


def _modules() -> dict[str, Path]:
    modules = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        modules[".".join(parts)] = path
    return modules


MODULES = _modules()


def _imports(name: str, path: Path) -> set[str]:
    """The package's modules that `name` imports anywhere in its file (functions included)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            candidates = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parent + ([node.module] if node.module else []))
            candidates = [base] + [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        found.update(c for c in candidates if c in MODULES and c != name)
    return found


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def _floor(name: str) -> int:
    if name in BOTTOM:
        return 0
    if name in ENGINE:
        return 2
    if name in FRONT_ENDS or name == "checker.report" or name.startswith("checker.report."):
        return 3
    return 1  # a stage: ingest, normalise, extract, align, compare, execute, the gate's checks


def test_no_import_cycles() -> None:
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    cycles = []

    def visit(name: str, path: list[str]) -> None:
        state[name] = 1
        for target in sorted(GRAPH[name]):
            if state.get(target) == 1:
                cycles.append(path[path.index(target) :] + [target])
            elif target not in state:
                visit(target, path + [target])
        state[name] = 2

    for name in sorted(GRAPH):
        if name not in state:
            visit(name, [name])
    assert cycles == []


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_module_imports_a_higher_floor(name: str) -> None:
    higher = sorted(target for target in GRAPH[name] if _floor(target) > _floor(name))
    assert higher == [], f"{name} (floor {_floor(name)}) imports {higher}"
