"""Shared fixtures: small real books and tiny model settings so every test trains real models in seconds."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"


@pytest.fixture(scope="session")
def shakespeare() -> Path:
    path = SHARED_DATA / "tinyshakespeare.txt"
    if not path.exists():
        pytest.skip(f"{path} is not available")
    return path


@pytest.fixture(scope="session")
def anna_karenina() -> Path:
    path = SHARED_DATA / "anna_karenina_ru.txt"
    if not path.exists():
        pytest.skip(f"{path} is not available")
    return path


@pytest.fixture(scope="session")
def small_book(tmp_path_factory, shakespeare) -> Path:
    """The first 40 KB of Shakespeare: enough for a tokenizer and a few dozen steps."""
    path = tmp_path_factory.mktemp("books") / "shakespeare_40k.txt"
    path.write_bytes(shakespeare.read_bytes()[:40_000])
    return path


TINY_MODEL = dict(vocab_size=320, d_model=32, n_layers=2, n_heads=2, d_ff=64, context=32)
TINY_TRAIN = dict(
    iters=30, batch_size=4, warmup=5, eval_every=10, eval_iters=2, save_every=10, sample_every=0, threads=1, seed=7
)


@pytest.fixture
def tiny_cfgs():
    from azr_desktop.core.config import ModelConfig, TrainConfig

    return ModelConfig(**TINY_MODEL), TrainConfig(**TINY_TRAIN)
