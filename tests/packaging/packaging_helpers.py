"""What the packaging tests share: where the packaging files are, and loading the scripts that are not modules."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parents[2]
PACKAGING = REPO / "packaging"
RESOURCES = REPO / "azr_desktop" / "resources"
APP = "azr-desktop"
VERSION = re.search(r'__version__ = "([^"]+)"', (REPO / "azr_desktop" / "__init__.py").read_text())[1]


def load_script(name: str) -> ModuleType:
    """packaging/NAME.py as a module (packaging/ is no package: it would shadow the `packaging` library)."""
    spec = importlib.util.spec_from_file_location(f"azr_packaging_{name}", PACKAGING / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
