"""The core must run headless (CLI, tests, torchrun): importing any core module, in subpackages too, must not need
Qt. And its modules form layers: no import cycle inside the core."""

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import azr_desktop.core

BLOCKER = """
import importlib.abc, sys
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {"PySide6", "PyQt5", "PyQt6", "shiboken6", "pyqtgraph"}:
            raise ImportError("Qt is blocked in the core: " + name)
sys.meta_path.insert(0, Block())
import importlib
for name in sys.argv[1:]:
    importlib.import_module(name)
print("ok", len(sys.argv) - 1)
"""


def core_modules() -> list[str]:
    found = pkgutil.walk_packages(azr_desktop.core.__path__, "azr_desktop.core.")
    return sorted(m.name for m in found if not m.ispkg) + sorted(m.name for m in found if m.ispkg)


def test_every_core_module_imports_with_qt_blocked():
    modules = core_modules()
    assert len(modules) >= 10
    command = [sys.executable, "-c", BLOCKER, *modules, "azr_desktop.cli"]
    result = subprocess.run(command, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"ok {len(modules) + 1}"


def core_imports(path: Path) -> set[str]:
    """The azr_desktop.core modules a file imports (those only for type checking too: a cycle there is still a
    knot in the design)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("azr_desktop.core"):
            names.add(node.module)
            names.update(f"{node.module}.{a.name}" for a in node.names)  # "from azr_desktop.core import events"
        elif isinstance(node, ast.Import):
            names.update(a.name for a in node.names if a.name.startswith("azr_desktop.core"))
    return names


def test_the_core_has_no_import_cycle():
    root = Path(azr_desktop.core.__file__).parent
    modules = {}
    for path in root.rglob("*.py"):
        parts = path.relative_to(root).with_suffix("").parts
        name = ".".join(("azr_desktop", "core", *parts))
        modules[name.removesuffix(".__init__")] = path
    graph = {name: sorted(core_imports(path) & modules.keys() - {name}) for name, path in modules.items()}
    assert graph["azr_desktop.core.trainer"], "the import scan found nothing: it is broken"

    done: set[str] = set()

    def walk(name: str, stack: list[str]) -> None:
        assert name not in stack, "import cycle: " + " -> ".join(stack[stack.index(name) :] + [name])
        if name in done:
            return
        for dep in graph[name]:
            walk(dep, stack + [name])
        done.add(name)

    for name in graph:
        walk(name, [])
