"""The package graph of ``utils`` (docs/ARCHITECTURE.md): no import cycles, and every import
between packages runs down the layers, never back up."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

UTILS = Path(__file__).resolve().parents[1] / "utils"

# Lower layers first; a module may import its own layer's package and anything below it.
LAYERS = [
    {"paths"},
    {"tables", "text", "display"},
    {"plots", "scale"},
    {"ingest"},
    {"rhetoric", "concepts", "report"},
    {"argmap"},
    {"__main__"},
]


def module_name(path: Path, root: Path = UTILS) -> str:
    name = ".".join(path.relative_to(root.parent).with_suffix("").parts)
    return name.removesuffix(".__init__")


def import_graph(root: Path = UTILS) -> dict[str, set[str]]:
    """Module -> the ``utils`` modules it imports (anywhere in the file). ``from pkg import sub``
    imports ``pkg.sub`` when ``sub`` is a module, else ``pkg``."""
    files = {module_name(p, root): p for p in root.rglob("*.py")}
    graph: dict[str, set[str]] = {m: set() for m in files}
    for mod, path in files.items():
        package = mod if path.name == "__init__.py" else mod.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*parts, base] if base else parts)
                subs = [f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in files]
                targets = subs if len(subs) == len(node.names) else [base, *subs]
            else:
                continue
            graph[mod] |= {t for t in targets if t in files and t != mod}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def layer_of(module: str) -> int:
    top = module.split(".")[1] if "." in module else module
    return next(i for i, names in enumerate(LAYERS) if top in names)


def test_utils_has_no_import_cycle():
    assert cycles(import_graph()) == []


def test_every_import_between_packages_runs_down_the_layers():
    graph = import_graph()
    assert len(graph) > 40  # the whole package was read
    upward = sorted((m, t) for m, ts in graph.items() for t in ts if layer_of(t) > layer_of(m))
    assert upward == []


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"a.py": "from utils import b\n", "b.py": "import utils.a\n"}, [["utils.a", "utils.b"]]),
        ({"a.py": "from utils import b\n", "b.py": "def f():\n    from utils import a\n"}, [["utils.a", "utils.b"]]),
        ({"a.py": "from utils import b\n", "b.py": "import os\n"}, []),
    ],
)
def test_the_check_sees_a_cycle_even_through_a_function_level_import(tmp_path, files, expected):
    root = tmp_path / "utils"
    root.mkdir()
    (root / "__init__.py").write_text("")
    for name, text in files.items():
        (root / name).write_text(text)
    assert cycles(import_graph(root)) == expected
