"""The tiny model and run every test trains (seconds on any CPU), importable by name from any test folder (pytest
puts this folder on sys.path; ``from conftest import`` would find whichever conftest was imported last)."""

TINY_MODEL = dict(vocab_size=320, d_model=32, n_layers=2, n_heads=2, d_ff=64, context=32)
TINY_TRAIN = dict(
    iters=30, batch_size=4, warmup=5, eval_every=10, eval_iters=2, save_every=10, sample_every=0, threads=1, seed=7
)
