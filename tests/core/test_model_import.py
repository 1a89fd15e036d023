"""Importing an exported model file into the library: a model folder that generates like the original and trains on
once it has books; bad files and failures leave nothing behind."""

from __future__ import annotations

import pytest

from azr_desktop.core import events as ev
from azr_desktop.core import model_import
from azr_desktop.core.books import inspect_book
from azr_desktop.core.checkpoint import list_checkpoints
from azr_desktop.core.config import SampleConfig, TrainConfig
from azr_desktop.core.errors import BookError, ExportError
from azr_desktop.core.export import export_model
from azr_desktop.core.generate import Generation
from azr_desktop.core.inference import load_trained
from azr_desktop.core.model_import import import_model_file
from azr_desktop.core.modeldir import ModelDir
from azr_desktop.core.trainer import Trainer

TRAIN = TrainConfig(iters=20, batch_size=4, warmup=5, eval_every=0, save_every=10, sample_every=0, threads=1, seed=7)
GREEDY = SampleConfig(temperature=0.0, max_new_tokens=24)


@pytest.fixture
def md(trained_model) -> ModelDir:
    """The session's tiny model, "Tiny test", trained to 20 (importing reads its exports, never the folder)."""
    return trained_model


def greedy(md: ModelDir) -> str:
    trained = load_trained(md)
    return Generation(trained.model, trained.tokenizer, "ROMEO:", GREEDY).text()


@pytest.mark.parametrize("fmt", ["pt", "safetensors"])
def test_an_imported_file_generates_like_the_original_and_trains_on_once_it_has_books(md, tmp_path, small_book, fmt):
    out = tmp_path / f"bard.{fmt}"
    export_model(md, fmt, out)
    imported = import_model_file(out, tmp_path / "library")
    assert imported.path == tmp_path / "library" / "Tiny-test"
    meta = imported.meta()
    assert meta["name"] == "Tiny test" and meta["books"] == [] and meta["tokenizer_sha256"] == md.tokenizer().sha256
    assert imported.model_config() == md.model_config() and imported.train_config().iters == 20
    assert [c.iter for c in list_checkpoints(imported.checkpoints_dir)] == [20]
    assert greedy(imported) == greedy(md)

    with pytest.raises(BookError, match="add at least one"):
        list(Trainer(imported, TRAIN.replace(iters=22)).run())
    assert not list(imported.checkpoints_dir.glob("*.tmp")) and imported.meta()["books"] == []

    events = list(Trainer(imported, TRAIN.replace(iters=22), [inspect_book(small_book)]).run())
    started = next(e for e in events if isinstance(e, ev.Started))
    assert started.resumed and started.iter == 20
    assert [e.iter for e in events if isinstance(e, ev.Step)] == [21, 22]
    assert events[-1] == ev.Finished(22, "target_reached")
    assert [b.name for b in imported.recorded_books()] == [small_book.name]


def test_imports_of_the_same_name_get_their_own_folders(md, tmp_path):
    out = tmp_path / "bard.pt"
    export_model(md, "pt", out)
    first, second = (import_model_file(out, tmp_path / "library") for _ in range(2))
    assert (first.path.name, second.path.name) == ("Tiny-test", "Tiny-test-2")
    assert (first.meta()["name"], second.meta()["name"]) == ("Tiny test", "Tiny test (2)")  # told apart in the list


def test_a_foreign_file_is_refused_in_one_line_and_leaves_nothing(tmp_path):
    bad = tmp_path / "weights.pt"
    bad.write_bytes(b"not a model at all")
    library = tmp_path / "library"
    with pytest.raises(ExportError) as caught:
        import_model_file(bad, library)
    assert "cannot be read as an AZR Desktop model" in str(caught.value) and "\n" not in str(caught.value)
    assert not library.exists() or not any(library.iterdir())


def test_a_failure_halfway_leaves_nothing(md, tmp_path, monkeypatch):
    out = tmp_path / "bard.safetensors"
    export_model(md, "safetensors", out)

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(model_import, "save_checkpoint", full_disk)
    library = tmp_path / "library"
    with pytest.raises(OSError):
        import_model_file(out, library)
    assert list(library.iterdir()) == []
