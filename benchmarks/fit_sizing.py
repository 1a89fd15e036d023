"""Fit the planner's size rule (core/plan.py ``LAW``) to loss curves from benchmarks/calibrate_sizing.py.

The rule predicts held-out bits per byte from the parameters outside the embedding N, the bytes of text seen S and
what bz2 needs per byte of the book C:

    bpb = C * (E + A / N_eff**alpha + B / S_eff**beta)

where S_eff counts repeated passes at their diminishing worth (``plan.effective_bytes``) and N_eff the parameters
past K per unique byte likewise. Each run contributes its
points at the peak learning rate (before the final decay), each taken as the best loss so far, which is what the
best checkpoint keeps. For a grid of (alpha, beta, K), E, A and B are the least-squares solution; the pair with the
smallest relative error wins, and E, A, B must come out non-negative.

    python benchmarks/fit_sizing.py docs/sizing/*.jsonl
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from azr_desktop.core.books import read_text
from azr_desktop.core.plan import (
    R_STAR_PARAMS,
    _diminishing,
    compressed_bpb,
    effective_bytes,
    predicted_bpb,
    rung_config,
)

SAMPLE_BOOKS = Path(__file__).resolve().parents[1] / "azr_desktop" / "resources" / "sample_books"


def load(paths: list[Path]) -> list[dict]:
    """The points to fit: per run, the best val bpb so far at each evaluation before the decay."""
    rows = [json.loads(line) for path in paths for line in path.read_text(encoding="utf-8").splitlines() if line]
    points = []
    runs: dict[tuple, list[dict]] = {}
    compressed: dict[str, float] = {}
    for r in rows:
        if "compressed_bpb" not in r:  # older records: the book is one the package ships
            if r["book"] not in compressed:
                compressed[r["book"]] = compressed_bpb(read_text(SAMPLE_BOOKS / r["book"]))
            r["compressed_bpb"] = compressed[r["book"]]
        runs.setdefault((r["book"], r["vocab"], r["rung"], r["batch"]), []).append(r)
    for run in runs.values():
        best = float("inf")
        for r in sorted(run, key=lambda r: r["iter"]):
            best = min(best, r["val_bpb"])
            if not r["decayed"] and r["iter"] >= 2 * min(100, r["iters"] // 10):  # past the warmup's wake
                unique = r["train_tokens"] * r["bytes_per_token"]
                body = rung_config(r["rung"], r["vocab"]).body_params()  # the parameters the law counts
                points.append({**r, "best_bpb": best, "seen": r["tokens"] * r["bytes_per_token"], "unique": unique,
                               "params": body})
    return points


def fit(points: list[dict]) -> tuple[dict, float]:
    """The law with the smallest relative error over a grid of exponents and K; E, A, B by least squares."""
    best = None
    y = np.array([p["best_bpb"] / p["compressed_bpb"] for p in points])
    s = np.array([effective_bytes(p["seen"], p["unique"]) for p in points])
    for k in (0.25, 0.5, 1, 2, 4, 8, 16, 1e9):
        n = np.array([predicted_params(p["params"], p["unique"], k) for p in points])
        for alpha, beta in itertools.product(np.arange(0.05, 1.01, 0.025), repeat=2):
            x = np.stack([np.ones_like(n), n**-alpha, s**-beta], axis=1) / y[:, None]  # relative error
            coef, *_ = np.linalg.lstsq(x, np.ones_like(y), rcond=None)
            if (coef < 0).any():
                continue
            err = float(np.sqrt(np.mean((x @ coef - 1) ** 2)))
            if best is None or err < best[1]:
                best = ({"E": coef[0], "A": coef[1], "ALPHA": alpha, "B": coef[2], "BETA": beta, "K": k}, err)
    if best is None:
        raise SystemExit("no fit with non-negative E, A, B: the runs do not span enough sizes and lengths")
    return best


def predicted_params(params: int, unique: float, k: float) -> float:
    """The effective parameters the law sees (plan.predicted_bpb's N)."""
    return _diminishing(params, k * unique, R_STAR_PARAMS)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("runs", type=Path, nargs="+", help="JSON lines from calibrate_sizing.py")
    args = p.parse_args()
    points = load(args.runs)
    law, err = fit(points)
    print(f"{len(points)} points, relative RMS error {100 * err:.2f}%")
    print("LAW = {" + ", ".join(f'"{k}": {v:.4g}' for k, v in law.items()) + "}")
    for p_ in points[:: max(1, len(points) // 25)]:
        pred = predicted_bpb(p_["params"], p_["seen"], p_["unique"], p_["compressed_bpb"], law)
        where = f"{p_['book']:>22} rung {p_['rung']} passes {p_['passes']:5.1f}"
        print(f"  {where}: {p_['best_bpb']:.3f} predicted {pred:.3f}")


if __name__ == "__main__":
    main()
