"""Generation speed with and without the KV cache, and the time to the first token.

Builds a model of a preset (weights untrained: speed does not depend on them), then samples ``--new-tokens`` tokens
after a prompt of ``--prompt-tokens`` tokens, once with the cache (one single-position forward pass per token,
sliding when the context is full) and once re-reading the last ``context`` tokens for every token. Prints tokens/s
for both, the ratio, and the time to the first token (the prompt's forward pass plus one draw).

    python benchmarks/generate_speed.py                       # small preset, 512 new tokens
    python benchmarks/generate_speed.py --preset tiny --threads 1
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from azr_desktop.core.config import PRESETS, SampleConfig  # noqa: E402
from azr_desktop.core.generate import seeded_generator, stream_tokens  # noqa: E402
from azr_desktop.core.model import GPT  # noqa: E402


def run(model: GPT, prompt: list[int], sc: SampleConfig, use_cache: bool) -> tuple[float, float]:
    """(seconds to the first token, new tokens per second after it)."""
    gen, _ = seeded_generator(sc.seed)
    t0 = time.perf_counter()
    first = None
    n = 0
    for _ in stream_tokens(model, prompt, sc, gen, use_cache=use_cache):
        n += 1
        if first is None:
            first = time.perf_counter() - t0
    total = time.perf_counter() - t0
    return first, (n - 1) / (total - first)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--preset", choices=sorted(PRESETS), default="small")
    p.add_argument("--new-tokens", type=int, default=512)
    p.add_argument("--prompt-tokens", type=int, default=64)
    p.add_argument("--threads", type=int, default=0, help="torch threads (0 = torch's default)")
    p.add_argument("--repeats", type=int, default=3, help="the best of this many runs is reported")
    args = p.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)
    cfg = PRESETS[args.preset]
    torch.manual_seed(0)
    model = GPT(cfg).eval()
    prompt = torch.randint(cfg.vocab_size, (args.prompt_tokens,)).tolist()
    sc = SampleConfig(max_new_tokens=args.new_tokens, seed=0)
    print(
        f"{args.preset}: {model.num_params():,} parameters, context {cfg.context}, prompt {args.prompt_tokens}"
        f" tokens, {args.new_tokens} new tokens, {torch.get_num_threads()} threads"
    )
    run(model, prompt, sc.replace(max_new_tokens=8), True)  # warm up the kernels
    results = {}
    for use_cache in (True, False):
        runs = [run(model, prompt, sc, use_cache) for _ in range(args.repeats)]
        results[use_cache] = (min(r[0] for r in runs), max(r[1] for r in runs))
        label = "with KV cache   " if use_cache else "without KV cache"
        ttft, speed = results[use_cache]
        print(f"{label}: {speed:8.1f} tokens/s, first token after {ttft * 1000:6.1f} ms")
    print(f"the cache is {results[True][1] / results[False][1]:.1f}x faster")


if __name__ == "__main__":
    main()
