"""The planner against the presets at one time budget, the way a user runs them, on one machine and in one go.

Each contender is `azr-desktop train DIR --book F --time M` (the plan) or the same with `--preset P` (the preset's
shape, trained for what fits in the budget), in a fresh folder, so the tokenizer's training and the tokenising are
inside the budget. Afterwards each model's best checkpoint is scored on the book's held-out tail (its last 9.5%: the
trainer holds out the last 10% of the tokens, so none of it was trained on) and the table gives held-out bits per
byte, the wall time each run really took, and the plan's own predicted figure. Probe timings of the plan's candidates
and of the presets are measured once up front, so no contender pays for them and all come from the same moment (the
iteration counts follow from them: set AZR_DESKTOP_CACHE to a fresh folder to time this machine anew).

    python benchmarks/budget_sizing.py --book azr_desktop/resources/sample_books/shakespeare.txt --minutes 5,20,60

Training is deterministic, so a contender whose run at a longer budget is the same as at a shorter one (the books'
passes, not the time, limit it) is trained once and its row says so.
"""

from __future__ import annotations

import argparse
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
from azr_desktop.core.plan import Plan, make_plan

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


def planned_run(book: Path, minutes: float, threads: int, preset: str | None) -> Plan | None:
    """What `train --time` will run for this contender (from this moment's probe timings); None if the budget is too
    short for it."""
    try:
        shape = PRESETS[preset] if preset else None
        return make_plan([inspect_book(book)], minutes * 60, TrainConfig(threads=threads), shape)
    except ConfigError:
        return None


def run_key(plan: Plan | None) -> str | None:
    """The same shape and training settings give the same run."""
    return plan and json.dumps([plan.model.to_dict(), plan.train.to_dict()], sort_keys=True)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--book", type=Path, required=True)
    p.add_argument("--minutes", required=True, help="one budget or several, comma-separated: 5,20,60")
    p.add_argument("--threads", type=int, default=0, help="CPU threads for every run (0 = all cores)")
    p.add_argument("--presets", default="tiny,small,base")
    p.add_argument("--keep", type=Path, help="train in this folder and keep the models (default: a temporary one)")
    args = p.parse_args()
    budgets = [float(m) for m in args.minutes.split(",")]
    contenders = [("plan", None), *((name, name) for name in args.presets.split(","))]
    # Plan every contender at every budget now: the probe timings (and so every iteration count) come from one moment.
    plans = {(m, name): planned_run(args.book, m, args.threads, preset) for m in budgets for name, preset in contenders}
    done: dict[str, dict] = {}  # training is deterministic: a run the same as one at a shorter budget is not repeated
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        tail = held_out_tail(args.book, folder)
        for minutes in budgets:
            rows = []
            for name, preset in contenders:
                key = run_key(plans[minutes, name])
                if key is None or key not in done:
                    extra = ["--preset", preset] if preset else []
                    row = contender(f"{name}-{minutes:g}m", extra, args.book, minutes, args.threads, folder, tail)
                    if key:
                        done[key] = row
                else:
                    row = {**done[key], "same_run_as": done[key]["name"]}
                rows.append({**row, "budget_min": minutes})
                print(json.dumps(rows[-1]), flush=True)
            best_preset = min((r["held_out_bpb"] for r in rows[1:] if "held_out_bpb" in r), default=None)
            if best_preset and "held_out_bpb" in rows[0]:
                predicted = plans[minutes, "plan"].predicted_bpb
                gain = 100 * (1 - rows[0]["held_out_bpb"] / best_preset)
                print(
                    f"book {args.book.name}, {minutes:g} min: plan {rows[0]['held_out_bpb']:.4f} bits/byte (predicted"
                    f" {predicted:.4f}), best preset {best_preset:.4f}: the plan is {gain:+.1f}% better",
                    flush=True,
                )


if __name__ == "__main__":
    main()
