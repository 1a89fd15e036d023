"""The planner against the presets at one time budget, the way a user runs them, on one machine and in one go.

Each contender is `azr-desktop train DIR --book F --time M` (the plan) or the same with `--preset P` (the preset's
shape, trained for what fits in the budget), in a fresh folder, so the tokenizer's training and the tokenising are
inside the budget. Afterwards each model's best checkpoint is scored on the book's held-out tail (its last 9.5%: the
trainer holds out the last 10% of the tokens, so none of it was trained on) and the table gives held-out bits per
byte, the wall time each run really took, and the plan's own predicted figure. Probe timings of the plan's candidates
and of the presets are measured once up front, so no contender pays for them and all come from the same moment (the
iteration counts follow from them: set AZR_DESKTOP_CACHE to a fresh folder to time this machine anew).

    python benchmarks/budget_sizing.py --book azr_desktop/resources/sample_books/shakespeare.txt --minutes 5
"""

from __future__ import annotations

import argparse
import contextlib
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from azr_desktop.core.books import inspect_book, read_text
from azr_desktop.core.config import PRESETS, TrainConfig
from azr_desktop.core.errors import ConfigError
from azr_desktop.core.inference import load_trained, score_book
from azr_desktop.core.modeldir import ModelDir
from azr_desktop.core.plan import make_plan

CLI = [sys.executable, "-m", "azr_desktop"]


def held_out_tail(book: Path, folder: Path) -> Path:
    text = read_text(book)
    tail = folder / f"{book.stem}.heldout.txt"
    tail.write_text(text[int(len(text) * 0.905) :], encoding="utf-8")
    return tail


def contender(name: str, extra: list[str], book: Path, minutes: float, threads: int, folder: Path, tail: Path) -> dict:
    model = folder / name
    cmd = [*CLI, "train", str(model), "--book", str(book), "--time", f"{minutes}m", "--threads", str(threads), *extra]
    t0 = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if done.returncode != 0:
        return {"name": name, "error": done.stderr.strip().splitlines()[-1]}
    md = ModelDir.open(model)
    score = score_book(load_trained(md, step="best"), inspect_book(tail))  # what early stopping keeps
    cfg = md.model_config()
    return {
        "name": name,
        "params": cfg.num_params(),
        "shape": [cfg.vocab_size, cfg.d_model, cfg.n_layers, cfg.context],
        "iters": md.train_config().iters,
        "wall_s": round(wall),
        "held_out_bpb": round(score.bits_per_byte, 4),
    }


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--book", type=Path, required=True)
    p.add_argument("--minutes", type=float, required=True)
    p.add_argument("--threads", type=int, default=0, help="CPU threads for every run (0 = all cores)")
    p.add_argument("--presets", default="tiny,small,base")
    p.add_argument("--keep", type=Path, help="train in this folder and keep the models (default: a temporary one)")
    args = p.parse_args()
    budget = f"{args.minutes}m"
    plan = subprocess.run(
        [*CLI, "plan", "--book", str(args.book), "--time", budget, "--threads", str(args.threads)],
        capture_output=True, text=True, check=True,
    )
    predicted = json.loads(plan.stdout)["predicted_bpb"]
    for preset in args.presets.split(","):  # time the presets now too: every contender's timing comes from one moment
        with contextlib.suppress(ConfigError):  # too short for it: its own run says so
            make_plan([inspect_book(args.book)], args.minutes * 60, TrainConfig(threads=args.threads), PRESETS[preset])
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        tail = held_out_tail(args.book, folder)
        rows.append(contender("plan", [], args.book, args.minutes, args.threads, folder, tail))
        for preset in args.presets.split(","):
            rows.append(contender(preset, ["--preset", preset], args.book, args.minutes, args.threads, folder, tail))
    best_preset = min((r["held_out_bpb"] for r in rows[1:] if "held_out_bpb" in r), default=None)
    for r in rows:
        print(json.dumps(r))
    if best_preset and "held_out_bpb" in rows[0]:
        gain = 100 * (1 - rows[0]["held_out_bpb"] / best_preset)
        print(
            f"book {args.book.name}, {args.minutes:g} min: plan {rows[0]['held_out_bpb']:.4f} bits/byte (predicted"
            f" {predicted:.4f}), best preset {best_preset:.4f}: the plan is {gain:+.1f}% better"
        )


if __name__ == "__main__":
    main()
