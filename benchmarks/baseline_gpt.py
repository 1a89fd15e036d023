"""Reference point: a plain nanoGPT-style GPT trained with nanoGPT's "baby CPU" shakespeare_char recipe.

Standalone on purpose (plain PyTorch, nothing from azr_desktop), so that our own trainer can be compared against
what a textbook implementation achieves on the same machine: same data, same size, same number of steps.

    python benchmarks/baseline_gpt.py                      # 2000 iterations, 2 threads, tinyshakespeare
    python benchmarks/baseline_gpt.py --iters 200 --json   # last line: one JSON object with the summary

Model: GPT-2 style (learned positions, LayerNorm, GELU MLP 4x, fused c_attn, SDPA causal attention, tied
embeddings, no biases, no dropout). Recipe: char vocabulary, first 90% train / last 10% val, 4 layers, 4 heads,
128 wide, block 64, batch 12, AdamW (0.9, 0.99) wd 0.1 (fused, as our trainer uses), lr 1e-3 with 100 warmup
steps and cosine decay to 1e-4 at the last step, grad clip 1.0, eval every 250 steps on 20 batches each of train
and val, seed 1337. nanoGPT reports a val loss of about 1.88 for this recipe at 2000 steps.
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import time
from dataclasses import dataclass
from pathlib import Path

import torch
import torch.nn.functional as F
from torch import Tensor, nn

DEFAULT_DATA = Path("/work/shared/data/tinyshakespeare.txt")


@dataclass(frozen=True)
class BaselineConfig:
    vocab_size: int = 65
    block_size: int = 64
    n_layer: int = 4
    n_head: int = 4
    n_embd: int = 128


class CausalSelfAttention(nn.Module):
    def __init__(self, cfg: BaselineConfig) -> None:
        super().__init__()
        self.n_head = cfg.n_head
        self.c_attn = nn.Linear(cfg.n_embd, 3 * cfg.n_embd, bias=False)
        self.c_proj = nn.Linear(cfg.n_embd, cfg.n_embd, bias=False)

    def forward(self, x: Tensor) -> Tensor:
        B, T, C = x.shape
        q, k, v = self.c_attn(x).split(C, dim=2)  # (B, T, C) each
        q = q.view(B, T, self.n_head, C // self.n_head).transpose(1, 2)  # (B, nh, T, hs)
        k = k.view(B, T, self.n_head, C // self.n_head).transpose(1, 2)
        v = v.view(B, T, self.n_head, C // self.n_head).transpose(1, 2)
        y = F.scaled_dot_product_attention(q, k, v, is_causal=True)  # (B, nh, T, hs)
        y = y.transpose(1, 2).contiguous().view(B, T, C)
        return self.c_proj(y)


class MLP(nn.Module):
    def __init__(self, cfg: BaselineConfig) -> None:
        super().__init__()
        self.c_fc = nn.Linear(cfg.n_embd, 4 * cfg.n_embd, bias=False)
        self.gelu = nn.GELU()
        self.c_proj = nn.Linear(4 * cfg.n_embd, cfg.n_embd, bias=False)

    def forward(self, x: Tensor) -> Tensor:
        return self.c_proj(self.gelu(self.c_fc(x)))


class Block(nn.Module):
    def __init__(self, cfg: BaselineConfig) -> None:
        super().__init__()
        self.ln_1 = nn.LayerNorm(cfg.n_embd, bias=False)
        self.attn = CausalSelfAttention(cfg)
        self.ln_2 = nn.LayerNorm(cfg.n_embd, bias=False)
        self.mlp = MLP(cfg)

    def forward(self, x: Tensor) -> Tensor:
        x = x + self.attn(self.ln_1(x))
        return x + self.mlp(self.ln_2(x))


class BaselineGPT(nn.Module):
    """nanoGPT's GPT with bias=False and dropout=0."""

    def __init__(self, cfg: BaselineConfig) -> None:
        super().__init__()
        self.cfg = cfg
        self.wte = nn.Embedding(cfg.vocab_size, cfg.n_embd)
        self.wpe = nn.Embedding(cfg.block_size, cfg.n_embd)
        self.h = nn.ModuleList(Block(cfg) for _ in range(cfg.n_layer))
        self.ln_f = nn.LayerNorm(cfg.n_embd, bias=False)
        self.lm_head = nn.Linear(cfg.n_embd, cfg.vocab_size, bias=False)
        self.wte.weight = self.lm_head.weight
        for module in self.modules():
            if isinstance(module, (nn.Linear, nn.Embedding)):
                nn.init.normal_(module.weight, mean=0.0, std=0.02)
        for name, p in self.named_parameters():
            if name.endswith("c_proj.weight"):
                nn.init.normal_(p, mean=0.0, std=0.02 / math.sqrt(2 * cfg.n_layer))

    def forward(self, idx: Tensor, targets: Tensor) -> Tensor:
        T = idx.shape[1]
        pos = torch.arange(T, dtype=torch.long, device=idx.device)
        x = self.wte(idx) + self.wpe(pos)  # (B, T, C)
        for block in self.h:
            x = block(x)
        logits = self.lm_head(self.ln_f(x))  # (B, T, vocab)
        return F.cross_entropy(logits.view(-1, logits.size(-1)), targets.view(-1), ignore_index=-1)

    def configure_optimizer(self, weight_decay: float, lr: float, betas: tuple[float, float]) -> torch.optim.AdamW:
        params = list(self.parameters())
        groups = [
            {"params": [p for p in params if p.dim() >= 2], "weight_decay": weight_decay},
            {"params": [p for p in params if p.dim() < 2], "weight_decay": 0.0},
        ]
        return torch.optim.AdamW(groups, lr=lr, betas=betas, fused=True)


def cosine_lr(it: int, decay_iters: int, lr: float = 1e-3, min_lr: float = 1e-4, warmup: int = 100) -> float:
    """nanoGPT's get_lr: linear warmup, cosine decay to min_lr at decay_iters (the recipe: = max_iters), then flat."""
    if it < warmup:
        return lr * (it + 1) / (warmup + 1)
    if it > decay_iters:
        return min_lr
    ratio = (it - warmup) / (decay_iters - warmup)
    return min_lr + 0.5 * (1.0 + math.cos(math.pi * ratio)) * (lr - min_lr)


def load_char_data(path: Path) -> tuple[Tensor, Tensor, int, int]:
    """(train ids, val ids, vocab size, UTF-8 bytes of the val text), split 90/10 by characters."""
    text = Path(path).read_text(encoding="utf-8")
    chars = sorted(set(text))
    stoi = {ch: i for i, ch in enumerate(chars)}
    ids = torch.tensor([stoi[c] for c in text], dtype=torch.long)
    n = int(0.9 * len(text))
    return ids[:n], ids[n:], len(chars), len(text[n:].encode("utf-8"))


def get_batch(data: Tensor, block: int, batch: int) -> tuple[Tensor, Tensor]:
    ix = torch.randint(len(data) - block, (batch,))
    x = torch.stack([data[i : i + block] for i in ix])
    y = torch.stack([data[i + 1 : i + 1 + block] for i in ix])
    return x, y


@torch.no_grad()
def estimate_loss(model: BaselineGPT, splits: dict[str, Tensor], block: int, batch: int, eval_iters: int) -> dict:
    return {
        name: sum(model(*get_batch(data, block, batch)).item() for _ in range(eval_iters)) / eval_iters
        for name, data in splits.items()
    }


def run_baseline(
    iters: int = 2000,
    threads: int = 2,
    data_path: Path | str = DEFAULT_DATA,
    eval_every: int = 250,
    eval_iters: int = 20,
    batch: int = 12,
    log: bool = True,
) -> dict:
    """Train the baseline and return its summary: wall time, ms/iter, tokens/s, val loss and bits per byte.

    ``wall_s`` is the whole run; ``train_s``, ``ms_per_iter`` and ``tokens_per_s`` cover the training steps only
    (batch sampling included, evaluation excluded). ``ms_per_iter_median`` leaves out the first steps' one-off
    start-up cost (about a second) and bursts from other processes on a shared machine.
    """
    torch.set_num_threads(threads)
    torch.manual_seed(1337)
    train, val, vocab, val_bytes = load_char_data(Path(data_path))
    cfg = BaselineConfig(vocab_size=vocab)
    model = BaselineGPT(cfg)
    opt = model.configure_optimizer(weight_decay=0.1, lr=1e-3, betas=(0.9, 0.99))
    splits = {"train": train, "val": val}
    n_params = sum(p.numel() for p in model.parameters())
    if log:
        print(f"baseline GPT: {n_params / 1e6:.2f}M parameters, vocab {vocab}, {threads} threads")

    losses: dict = {}
    start = time.perf_counter()
    train_s = eval_s = 0.0
    step_ms: list[float] = []
    for it in range(iters + 1):
        if it % eval_every == 0 or it == iters:
            t0 = time.perf_counter()
            losses = estimate_loss(model, splits, cfg.block_size, batch, eval_iters)
            eval_s += time.perf_counter() - t0
            if log:
                print(f"step {it}: train loss {losses['train']:.4f}, val loss {losses['val']:.4f}", flush=True)
        if it == iters:
            break
        t0 = time.perf_counter()
        for group in opt.param_groups:
            group["lr"] = cosine_lr(it, decay_iters=iters)
        x, y = get_batch(train, cfg.block_size, batch)
        loss = model(x, y)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        step_ms.append(1000 * (time.perf_counter() - t0))
        train_s += step_ms[-1] / 1000

    wall_s = time.perf_counter() - start
    val_chars = len(val)
    summary = {
        "iters": iters,
        "threads": threads,
        "params": n_params,
        "wall_s": round(wall_s, 3),
        "train_s": round(train_s, 3),
        "eval_s": round(eval_s, 3),
        "ms_per_iter": round(1000 * train_s / max(iters, 1), 3),
        "ms_per_iter_median": round(statistics.median(step_ms), 3) if step_ms else 0.0,
        "tokens_per_s": round(iters * batch * cfg.block_size / train_s, 1) if train_s else 0.0,
        "train_loss": round(losses["train"], 4),
        "val_loss": round(losses["val"], 4),
        "val_bits_per_byte": round(losses["val"] / math.log(2) * val_chars / val_bytes, 4),
    }
    return summary


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--iters", type=int, default=2000)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--json", action="store_true", help="end with one JSON line holding the summary")
    args = parser.parse_args(argv)
    s = run_baseline(args.iters, args.threads, args.data)
    print(
        f"wall {s['wall_s']:.1f} s (train {s['train_s']:.1f} s, eval {s['eval_s']:.1f} s), "
        f"{s['ms_per_iter']:.2f} ms/iter (median {s['ms_per_iter_median']:.2f}), {s['tokens_per_s']:.0f} tokens/s, "
        f"val loss {s['val_loss']:.4f} nats/char, {s['val_bits_per_byte']:.4f} bits/byte"
    )
    if args.json:
        print(json.dumps(s))


if __name__ == "__main__":
    main()
