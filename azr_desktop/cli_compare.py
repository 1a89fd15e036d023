"""``azr-desktop compare``: several models' table as JSON, and their curves as a PNG (core/compare.py).

Qt is imported only for ``--plot``: the table itself runs headless.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from azr_desktop.core.errors import ConfigError

X_AXES = {"iterations": "iter", "text": "bytes", "time": "seconds"}  # --x choice -> core.compare axis


def add_parser(sub) -> None:
    c = sub.add_parser("compare", help="print several models' numbers side by side as JSON; --plot draws their curves")
    c.add_argument("model_dirs", nargs="+", metavar="MODEL_DIR", help="two or more model folders")
    c.add_argument("--book", metavar="FILE", help="also score every model on this text (bits per byte)")
    c.add_argument("--plot", metavar="PNG", help="save the validation and training curves to this .png file")
    c.add_argument("--x", choices=list(X_AXES), default="iterations", help="the plot's x axis (default iterations)")
    c.add_argument("--device", choices=["auto", "cpu", "cuda", "mps"], default="cpu")


def cmd_compare(args: argparse.Namespace) -> int:
    from azr_desktop.core.compare import compare
    from azr_desktop.core.data import drain
    from azr_desktop.core.device import pick_device
    from azr_desktop.core.fsutil import atomic_write_with

    plot = Path(args.plot).expanduser() if args.plot else None
    if plot is not None and (plot.suffix.lower() != ".png" or not plot.parent.is_dir()):
        raise ConfigError(f"--plot {args.plot}: give a .png file in an existing folder")
    rows = drain(compare(args.model_dirs, args.book, pick_device(args.device)))
    if plot is not None:
        from azr_desktop.gui.compare_plot import save_png  # Qt only here

        save_png(rows, X_AXES[args.x], lambda data: atomic_write_with(plot, lambda f: f.write(data)))
        print(f"saved the curves to {plot}", file=sys.stderr)
    print(json.dumps({"book": args.book, "models": [r.to_dict() for r in rows]}, indent=2, ensure_ascii=False))
    return 0
