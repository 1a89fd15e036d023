"""Data-parallel scaling: tokens/s and step time of `azr-desktop train --devices N` for 1 and N processes.

    python benchmarks/ddp_scaling.py                         # GPUs if there are any, else the CPU; the small preset
    python benchmarks/ddp_scaling.py --preset base --devices 2 --iters 100
    python benchmarks/ddp_scaling.py --device cpu --devices 2 --preset tiny --iters 60

Each count trains a fresh copy of one model folder (the same tokenizer and weights) from the first iteration, through
the real command line, and reads the speed from its history: the mean step time over the iterations after the first
fifth (warm-up left out), and tokens/s of the global batch. Scaling efficiency = tokens/s(N) / (N * tokens/s(1)).
On one CPU the N processes share the same cores (each gets cores / N threads), so expect less than 1x there.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from importlib.resources import files
from pathlib import Path

import torch

from azr_desktop.core.books import inspect_book
from azr_desktop.core.config import PRESETS, TrainConfig
from azr_desktop.core.modeldir import ModelDir

BOOK = Path(str(files("azr_desktop") / "resources" / "sample_books" / "shakespeare.txt"))


def speed(model: Path, devices: int, device: str) -> dict:
    cmd = [sys.executable, "-m", "azr_desktop", "train", str(model), "--devices", str(devices), "--device", device]
    subprocess.run(cmd, check=True, capture_output=True, timeout=3600)
    steps = [r for r in ModelDir(model).read_metrics() if r["event"] == "Step"]
    skip = len(steps) // 5
    secs = (steps[-1]["elapsed_s"] - steps[skip - 1]["elapsed_s"]) / (len(steps) - skip)
    return {"devices": devices, "step_s": secs, "tokens_per_s": steps[-1]["tokens_per_s"]}


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--preset", default="small", choices=sorted(PRESETS))
    p.add_argument("--devices", type=int, default=max(2, torch.cuda.device_count()))
    p.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    p.add_argument("--iters", type=int, default=50)
    p.add_argument("--batch-size", type=int, default=16)
    args = p.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        cfg = TrainConfig(iters=args.iters, batch_size=args.batch_size, eval_every=0, save_every=0, sample_every=0)
        base = ModelDir.create(Path(tmp) / "base", PRESETS[args.preset], cfg, [inspect_book(BOOK)]).path
        rows = []
        for n in sorted({1, args.devices}):
            model = Path(shutil.copytree(base, Path(tmp) / f"n{n}"))
            rows.append(speed(model, n, args.device))
            print(f"{n} process(es) on {args.device}: {rows[-1]['step_s']:.4f} s/step,"
                  f" {rows[-1]['tokens_per_s']:,.0f} tokens/s", flush=True)
    one, many = rows[0], rows[-1]
    efficiency = many["tokens_per_s"] / (many["devices"] * one["tokens_per_s"])
    speedup = many["tokens_per_s"] / one["tokens_per_s"]
    print(f"speed-up {speedup:.2f}x, scaling efficiency {efficiency:.0%}")
    print(json.dumps({"preset": args.preset, "device": args.device, "runs": rows, "speedup": speedup,
                      "efficiency": efficiency}))


if __name__ == "__main__":
    main()
