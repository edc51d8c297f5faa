"""The package's shape: no module imports another that imports it back, however lazily.

Every `import wenming.x` / `from wenming.x import …` counts, at the top of a module or inside a
function, except those under `if TYPE_CHECKING:` (names for annotations, never executed).
"""

from __future__ import annotations

import ast
from pathlib import Path

import wenming

PACKAGE = Path(wenming.__file__).resolve().parent


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(path) for path in PACKAGE.rglob("*.py")}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST, package: str) -> set[str]:
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("wenming"))
        elif isinstance(node, ast.ImportFrom) and node.module is not None and node.level == 0:
            if node.module.startswith("wenming"):
                # `from wenming.cli import data` imports the module wenming.cli.data where there is
                # one, else a name of wenming.cli itself.
                for alias in node.names:
                    submodule = f"{node.module}.{alias.name}"
                    found.add(submodule if submodule in MODULES else node.module)
        elif isinstance(node, ast.ImportFrom) and node.level:
            found.add(package)  # relative imports are not used in wenming; count them as the package
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def import_graph() -> dict[str, set[str]]:
    modules = {_module_name(path): path for path in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        imported = _imports(ast.parse(path.read_text(encoding="utf-8")), package)
        graph[name] = {target for target in imported if target in modules and target != name}
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    visiting: list[str] = []
    done: set[str] = set()

    def walk(node: str) -> list[str] | None:
        if node in visiting:
            return [*visiting[visiting.index(node) :], node]
        if node in done:
            return None
        visiting.append(node)
        for target in sorted(graph.get(node, ())):
            found = walk(target)
            if found:
                return found
        visiting.pop()
        done.add(node)
        return None

    for node in sorted(graph):
        found = walk(node)
        if found:
            return found
    return None


def test_the_graph_sees_imports_inside_functions() -> None:
    tree = ast.parse("def f():\n    from wenming.search import search\n")
    assert _imports(tree, "wenming") == {"wenming.search"}
    # `from wenming.cli import output` is the module wenming.cli.output; `from wenming.cli import app`, a
    # name of the package (the whole app, built when asked for); `from wenming import x`, the package.
    tree = ast.parse("from wenming.cli import output\nfrom wenming.cli import app\nfrom wenming import cache")
    assert _imports(tree, "wenming") == {"wenming.cli.output", "wenming.cli", "wenming.cache"}
    assert _cycle({"a": {"b"}, "b": {"a"}}) == ["a", "b", "a"]


def test_no_import_circle() -> None:
    # The package itself (wenming/__init__) only re-exports lazily; leave it out of the cycle search
    # so that a module importing `wenming` for __version__ is not a circle through every module.
    graph = {name: targets - {"wenming"} for name, targets in import_graph().items() if name != "wenming"}
    assert _cycle(graph) is None, " -> ".join(_cycle(graph) or [])
