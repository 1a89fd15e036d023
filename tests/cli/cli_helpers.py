"""What the command-line tests share: the tiny model flags, running the CLI in-process, checking errors."""

from __future__ import annotations

import hashlib
from pathlib import Path

from azr_desktop.cli import main

TINY = [
    "--vocab-size", "320", "--d-model", "32", "--n-layers", "2", "--n-heads", "2", "--d-ff", "64", "--context", "32",
    "--batch-size", "4", "--threads", "1",
]


def cli(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def one_error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    assert "Traceback" not in err
    return lines[0]
