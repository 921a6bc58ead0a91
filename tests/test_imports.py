"""The package's imports, read from the source with ast (nothing is imported): no cycle between its modules,
counting imports inside functions (they hide cycles rather than remove them), and no import inside a
function without a one-line `# lazy: why` comment on it (the only reason to import late is start-up cost).
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "checker"

# Floors: a module imports only from its own floor or lower ones. The bottom holds the data that flows
# between stages; the stages (every module not named here) sit on it; the engine drives the stages; the
# front ends (the command line, editor mode, the reporters, the gate's command) only call the engine.
BOTTOM = frozenset({"checker", "checker.schema", "checker.errors"})
ENGINE = frozenset({"checker.engine"})
FRONT_ENDS = frozenset({"checker.cli", "checker.__main__", "checker.editor", "checker.progress", "checker.gate.command", "checker.gate.job_summary"})


def _module_files() -> dict[str, Path]:
    modules = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        modules[".".join(parts)] = path
    return modules


MODULES = _module_files()
TREES = {name: ast.parse(path.read_text(encoding="utf-8")) for name, path in MODULES.items()}


def _imported(name: str, node: ast.Import | ast.ImportFrom) -> set[str]:
    """The package's modules an import statement of module `name` loads: `from a import b` loads `a`, and
    `a.b` too when b is a module."""
    if isinstance(node, ast.Import):
        candidates = [alias.name for alias in node.names]
    else:
        base = node.module or ""
        if node.level:
            package = name if MODULES[name].name == "__init__.py" else name.rpartition(".")[0]
            parts = package.split(".")
            base = ".".join(parts[: len(parts) - node.level + 1] + ([node.module] if node.module else []))
        candidates = [base] + [f"{base}.{alias.name}" for alias in node.names]
    return {c for c in candidates if c in MODULES and c != name}


GRAPH = {
    name: set().union(*(_imported(name, node) for node in ast.walk(tree) if isinstance(node, (ast.Import, ast.ImportFrom))))
    for name, tree in TREES.items()
}


def _reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    seen, todo = set(), [start]
    while todo:
        for target in graph[todo.pop()] - seen:
            seen.add(target)
            todo.append(target)
    return seen


def _cycles(graph: dict[str, set[str]]) -> list[frozenset[str]]:
    """The groups of modules that import each other, directly or not (strongly connected components of
    more than one module); a hundred modules make the quadratic way fast enough."""
    reach = {name: _reachable(graph, name) for name in graph}
    groups = {frozenset({name} | {other for other in reach[name] if name in reach[other]}) for name in graph}
    return sorted((group for group in groups if len(group) > 1), key=sorted)


def test_the_cycle_finder_finds_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert _cycles(graph) == [frozenset({"a", "b", "c"})]


def test_no_import_cycle_between_the_package_modules() -> None:
    cycles = [sorted(cycle) for cycle in _cycles(GRAPH)]
    assert not cycles, f"import cycles between modules (imports inside functions count): {cycles}"


def _floor(name: str) -> int:
    if name in BOTTOM:
        return 0
    if name in ENGINE:
        return 2
    if name in FRONT_ENDS or name == "checker.report" or name.startswith("checker.report."):
        return 3
    return 1


def test_no_module_imports_a_higher_floor() -> None:
    upward = {name: sorted(t for t in targets if _floor(t) > _floor(name)) for name, targets in GRAPH.items()}
    assert not {name: targets for name, targets in upward.items() if targets}


def _unmarked_late_imports() -> list[str]:
    """`file:line` of every import statement inside a function whose lines carry no `# lazy:` comment."""
    found = []
    for name, tree in TREES.items():
        path = MODULES[name]
        lines = path.read_text(encoding="utf-8").splitlines()
        late = {
            node
            for function in ast.walk(tree)
            if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef))
            for node in ast.walk(function)
            if isinstance(node, (ast.Import, ast.ImportFrom))
        }
        for node in sorted(late, key=lambda node: node.lineno):
            if not any("# lazy:" in line for line in lines[node.lineno - 1 : node.end_lineno]):
                found.append(f"{path.relative_to(ROOT).as_posix()}:{node.lineno}")
    return found


def test_every_import_inside_a_function_says_why_it_is_late() -> None:
    """An import inside a function only saves start-up cost (`checker --version`, `convert`), and says so."""
    unmarked = _unmarked_late_imports()
    assert not unmarked, f"imports inside functions without a `# lazy: why` comment on their line: {unmarked}"
