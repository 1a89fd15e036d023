"""The core must run headless (CLI, tests, torchrun): importing any core module must not need Qt."""

import pkgutil
import subprocess
import sys

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


def test_every_core_module_imports_with_qt_blocked():
    modules = [m.name for m in pkgutil.iter_modules(azr_desktop.core.__path__, "azr_desktop.core.")]
    assert len(modules) >= 10
    result = subprocess.run([sys.executable, "-c", BLOCKER, *modules, "azr_desktop.cli"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"ok {len(modules) + 1}"
