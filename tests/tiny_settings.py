"""The tiny model and run every test trains (seconds on any CPU), importable by name from any test folder (pytest
puts this folder on sys.path; ``from conftest import`` would find whichever conftest was imported last)."""

TINY_MODEL = dict(vocab_size=320, d_model=32, n_layers=2, n_heads=2, d_ff=64, context=32)
TINY_TRAIN = dict(
    iters=30, batch_size=4, warmup=5, eval_every=10, eval_iters=2, save_every=10, sample_every=0, threads=1, seed=7
)


def trained_early(folder, book, stop_at: int):
    """The tiny preset stopped at ``stop_at`` of 5000 iterations on one book (the learning rate still at its peak,
    as when a user watches the first samples), loaded for sampling."""
    from azr_desktop.core import events as ev
    from azr_desktop.core.books import inspect_book
    from azr_desktop.core.config import PRESETS, TrainConfig
    from azr_desktop.core.inference import load_trained
    from azr_desktop.core.modeldir import ModelDir
    from azr_desktop.core.trainer import Control, Trainer

    cfg = TrainConfig(iters=5000, batch_size=8, eval_every=0, save_every=0, sample_every=0, threads=1)
    md = ModelDir.create(folder / "m", PRESETS["tiny"], cfg, [inspect_book(book)])
    control = Control()
    for event in Trainer(md).run(control):
        if isinstance(event, ev.Step) and event.iter == stop_at:
            control.stop()
    return load_trained(md)
