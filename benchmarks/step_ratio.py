"""Our model's training step against the plain GPT's, step for step: the ratio that a change to the model moves.

``train_throughput.py --compare`` times two whole runs one after the other, and on a shared VM their speed drifts by
15% between runs. Here single steps alternate (forward, backward, gradient clipping, fused AdamW; no data loading,
no evaluation), so both models see the same machine, and the median of each one's step times is compared.
Dimensions are the baby recipe of train_throughput.py.

    python benchmarks/step_ratio.py
    python benchmarks/step_ratio.py --steps 400 --vocab-size 1024
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from baseline_gpt import BaselineConfig, BaselineGPT  # noqa: E402
from train_throughput import BABY  # noqa: E402

from azr_desktop.core.config import ModelConfig, TrainConfig  # noqa: E402
from azr_desktop.core.model import GPT  # noqa: E402
from azr_desktop.core.optimizer import new_optimizer  # noqa: E402


def stepper(
    model: torch.nn.Module,
    optimizer: torch.optim.Optimizer,
    vocab: int,
    batch: int,
    context: int,
):
    """One training step of ``model`` on a fixed random batch, returning its seconds."""
    x = torch.randint(0, vocab, (batch, context))

    def step() -> float:
        t0 = time.perf_counter()
        model(x, x).backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        return time.perf_counter() - t0

    return step


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--steps", type=int, default=200, help="timed steps of each model")
    p.add_argument("--vocab-size", type=int, default=BABY["vocab_size"])
    p.add_argument("--batch-size", type=int, default=12)
    p.add_argument("--threads", type=int, default=2)
    args = p.parse_args(argv)
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)

    cfg = ModelConfig(**{**BABY, "vocab_size": args.vocab_size})
    ours = GPT(cfg)
    base_cfg = BaselineConfig()
    base = BaselineGPT(base_cfg)
    steps = {
        "ours": stepper(
            ours,
            new_optimizer(ours, TrainConfig(), torch.device("cpu")),
            cfg.vocab_size,
            args.batch_size,
            cfg.context,
        ),
        "plain GPT": stepper(
            base,
            base.configure_optimizer(0.1, 1e-3, (0.9, 0.99)),
            base_cfg.vocab_size,
            args.batch_size,
            base_cfg.block_size,
        ),
    }
    times: dict[str, list[float]] = {name: [] for name in steps}
    for i in range(args.steps + 20):  # the first 20 of each warm up
        for name, step in steps.items():
            seconds = step()
            if i >= 20:
                times[name].append(seconds)
    median = {name: 1000 * statistics.median(t) for name, t in times.items()}
    print(
        f"{args.steps} alternating steps, batch {args.batch_size}, {args.threads} threads, vocab {cfg.vocab_size}"
    )
    for name, ms in median.items():
        print(f"  {name}: median {ms:.2f} ms/step")
    print(f"step_ratio={median['ours'] / median['plain GPT']:.3f}")


if __name__ == "__main__":
    main()
