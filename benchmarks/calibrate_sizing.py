"""Loss curves for the planner's size rule: train rungs of the shape ladder (core/plan.py) on one book for a number
of passes and record held-out bits per byte at about 16 points of each run, as JSON lines.

Bits per byte on the book's last 10% (never trained on) compare across vocabularies. A point before the final 20%
of a run is at the peak learning rate; the run's last point is after the decay. Loss against tokens does not
depend on the machine's speed, so these runs may share the CPU with other work.

    python benchmarks/calibrate_sizing.py --book azr_desktop/resources/sample_books/shakespeare.txt --vocab 2048 \
        --rungs 0,1,2,3,4 --passes 24 --out docs/sizing/shakespeare.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from azr_desktop.core import events as ev
from azr_desktop.core.books import inspect_book, read_text
from azr_desktop.core.config import TrainConfig
from azr_desktop.core.modeldir import ModelDir
from azr_desktop.core.plan import compressed_bpb, rung_config
from azr_desktop.core.trainer import Trainer


def run(book: Path, vocab: int, rung: int, passes: float, batch: int, threads: int, workdir: Path, out) -> None:
    model_cfg = rung_config(rung, vocab)
    md = ModelDir.create(workdir / f"r{rung}-v{vocab}", model_cfg, TrainConfig(), [inspect_book(book)])
    tok = md.tokenizer()
    compressed = compressed_bpb(read_text(book))
    train_tokens = int(len(tok.encode(book.read_text(encoding="utf-8"))) * 0.9)
    per_iter = batch * model_cfg.context
    iters = max(50, round(passes * train_tokens / per_iter))
    cfg = TrainConfig(
        iters=iters, batch_size=batch, eval_every=max(1, iters // 16), eval_iters=10, save_every=0,
        sample_every=0, threads=threads, warmup=min(100, iters // 10),
    )
    t0 = time.perf_counter()
    for e in Trainer(md, cfg).run():
        if isinstance(e, ev.Eval):
            record = {
                "book": book.name, "vocab": vocab, "rung": rung, "params": model_cfg.num_params(),
                "context": model_cfg.context, "batch": batch, "iter": e.iter, "iters": iters,
                "tokens": e.iter * per_iter, "train_tokens": train_tokens,
                "passes": round(e.iter * per_iter / train_tokens, 3), "val_bpb": round(e.bits_per_byte, 4),
                "bytes_per_token": round(book.stat().st_size / (train_tokens / 0.9), 3),
                "decayed": e.iter > 0.8 * iters, "compressed_bpb": round(compressed, 4),
                "seconds": round(time.perf_counter() - t0, 1),
            }
            out.write(json.dumps(record) + "\n")
            out.flush()
            print(record, flush=True)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--book", type=Path, required=True)
    p.add_argument("--vocab", type=int, default=2048)
    p.add_argument("--rungs", default="0,1,2,3,4")
    p.add_argument("--passes", type=float, default=24)
    p.add_argument("--batch-size", type=int, default=16)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--out", type=Path, required=True)
    args = p.parse_args()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, open(args.out, "a", encoding="utf-8") as out:
        for rung in map(int, args.rungs.split(",")):
            run(args.book, args.vocab, rung, args.passes, args.batch_size, args.threads, Path(tmp), out)


if __name__ == "__main__":
    main()
