"""Shared fixtures: the books the package ships, tiny model settings, and one tiny model trained once per session.

Every test runs on a fresh clone: the books come from azr_desktop/resources/sample_books (Shakespeare, 300 KB; the
opening of Anna Karenina in Russian, 107 KB) or from text a test makes, never from outside the repository.
"""

from __future__ import annotations

import os
import shutil
from importlib.resources import files
from pathlib import Path

import pytest
from tiny_settings import TINY_MODEL, TINY_TRAIN

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# The fixtures of tests/proc_helpers.py (other programs writing a model) serve every test module.
pytest_plugins = ["proc_helpers"]

SAMPLE_BOOKS = Path(str(files("azr_desktop") / "resources" / "sample_books"))


def _sample_book(name: str) -> Path:
    path = SAMPLE_BOOKS / name
    if not path.is_file():  # part of the package: missing means a broken checkout, which must not pass quietly
        pytest.fail(f"{path} is missing; the package ships it, restore it with git", pytrace=False)
    return path


@pytest.fixture(scope="session", autouse=True)
def _probe_cache(tmp_path_factory) -> None:
    """The planner's probe timings go to a folder of this test session (pytest cleans it up), not the user's cache;
    the command-line runs that tests start inherit it."""
    os.environ["AZR_DESKTOP_CACHE"] = str(tmp_path_factory.mktemp("probe-cache"))


@pytest.fixture(scope="session")
def shakespeare() -> Path:
    """Shakespeare's plays, 300 KB of ASCII (the first 300 KB of tinyshakespeare)."""
    return _sample_book("shakespeare.txt")


@pytest.fixture(scope="session")
def anna_karenina() -> Path:
    """The opening chapters of Anna Karenina in Russian, UTF-8, 107 KB (59,462 characters)."""
    return _sample_book("anna_karenina_ru.txt")


@pytest.fixture(scope="session")
def small_book(tmp_path_factory, shakespeare) -> Path:
    """The first 40 KB of Shakespeare: enough for a tokenizer and a few dozen steps."""
    path = tmp_path_factory.mktemp("books") / "shakespeare_40k.txt"
    path.write_bytes(shakespeare.read_bytes()[:40_000])
    return path




@pytest.fixture
def real_seconds_per_iter():
    """Train a model folder and say how long its iterations took, from its Step events (the first ``skip`` warm up):
    what the time estimate (core/probe.py) is checked against."""
    from azr_desktop.core import events as ev
    from azr_desktop.core.trainer import Trainer

    def measure(md, skip: int = 5) -> float:
        steps = [e for e in Trainer(md).run() if isinstance(e, ev.Step)]
        return (steps[-1].elapsed_s - steps[skip - 1].elapsed_s) / (len(steps) - skip)

    return measure


@pytest.fixture
def tiny_cfgs():
    from azr_desktop.core.config import ModelConfig, TrainConfig

    return ModelConfig(**TINY_MODEL), TrainConfig(**TINY_TRAIN)


@pytest.fixture(scope="session")
def trained_model(tmp_path_factory, small_book):
    """A ModelDir named "Tiny test", trained 20 iterations on small_book: checkpoints and evaluations at 10 and 20.

    Trained once per session and shared by the core, CLI and GUI tests: never change it; a test that trains on,
    damages or deletes takes `model_copy` (or copies the folder, as the GUI's `tiny_model` does).
    """
    from azr_desktop.core.books import inspect_book
    from azr_desktop.core.config import ModelConfig, TrainConfig
    from azr_desktop.core.modeldir import ModelDir
    from azr_desktop.core.trainer import Trainer

    path = tmp_path_factory.mktemp("trained") / "tiny"
    train_cfg = TrainConfig(**TINY_TRAIN).replace(iters=20)
    md = ModelDir.create(path, ModelConfig(**TINY_MODEL), train_cfg, [inspect_book(small_book)], name="Tiny test")
    for _ in Trainer(md).run():
        pass
    return md


@pytest.fixture(scope="session")
def other_trained_model(tmp_path_factory, small_book):
    """A second model of the same book to compare `trained_model` with: "Wider test", a larger vocabulary and model,
    batch 8, trained 20 iterations (checkpoints and evaluations at 10 and 20). Never change it."""
    from azr_desktop.core.books import inspect_book
    from azr_desktop.core.config import ModelConfig, TrainConfig
    from azr_desktop.core.modeldir import ModelDir
    from azr_desktop.core.trainer import Trainer

    path = tmp_path_factory.mktemp("trained") / "wider"
    model_cfg = ModelConfig(**TINY_MODEL).replace(vocab_size=400, d_model=48, d_ff=96)
    train_cfg = TrainConfig(**TINY_TRAIN).replace(iters=20, batch_size=8)
    md = ModelDir.create(path, model_cfg, train_cfg, [inspect_book(small_book)], name="Wider test")
    for _ in Trainer(md).run():
        pass
    return md


@pytest.fixture
def model_copy(trained_model, tmp_path) -> Path:
    """This test's own copy of `trained_model`'s folder (its book stays where model.json says, in the session)."""
    return Path(shutil.copytree(trained_model.path, tmp_path / "model"))
