"""Comparing models (core/compare.py): curves in bits per byte on three x axes, and the table's numbers, checked
against what the trainer recorded and against the books themselves."""

from __future__ import annotations

import math
import shutil

import numpy as np
import pytest

from azr_desktop.core.books import iter_text
from azr_desktop.core.compare import bytes_per_token, compare, compare_one
from azr_desktop.core.data import drain
from azr_desktop.core.errors import BookError, ConfigError, ModelDirError
from azr_desktop.core.inference import load_trained, score_book
from azr_desktop.core.modeldir import ModelDir


def _records(md: ModelDir, event: str) -> list[dict]:
    return [r for r in md.read_metrics() if r["event"] == event]


def _book_bytes_per_token(md: ModelDir, book) -> float:
    """The whole book's UTF-8 bytes over its tokens under the model's tokenizer."""
    text = "".join(iter_text(book))
    return len(text.encode("utf-8")) / len(md.tokenizer().encode(text))


def test_rows_and_curves_match_the_recorded_training(trained_model, other_trained_model, small_book):
    rows = drain(compare([trained_model.path, other_trained_model.path]))
    assert [r.name for r in rows] == ["Tiny test", "Wider test"]
    for row, md, batch in zip(rows, (trained_model, other_trained_model), (4, 8), strict=True):
        context = md.model_config().context
        assert row.params == md.model_config().num_params()
        assert row.books == ["shakespeare_40k.txt"]
        assert row.iter == 20
        assert row.tokens_seen == 20 * batch * context
        # the cache's bytes per token is the book's, to within the train/val split
        assert row.bytes_per_token == pytest.approx(_book_bytes_per_token(md, small_book), rel=0.02)
        assert row.text_seen_bytes == round(row.tokens_seen * row.bytes_per_token)

        evals, steps = _records(md, "Eval"), _records(md, "Step")
        assert row.seconds == steps[-1]["elapsed_s"]
        bpb = [e["bits_per_byte"] for e in evals]
        np.testing.assert_array_equal(row.val.y, bpb)
        np.testing.assert_array_equal(row.val.x["iter"], [10, 20])
        np.testing.assert_allclose(row.val.x["bytes"], np.array([10, 20]) * batch * context * row.bytes_per_token)
        elapsed = {s["iter"]: s["elapsed_s"] for s in steps}
        np.testing.assert_allclose(row.val.x["seconds"], [elapsed[10], elapsed[20]])
        assert row.latest_val == (20, bpb[-1])
        assert row.best_val == (evals[int(np.argmin(bpb))]["iter"], min(bpb))
        # the evaluations' own bits per byte agree with the conversion the training curve uses (to within the
        # difference between the books' bytes per token and that of the few windows evaluated)
        for e in evals:
            assert e["val_loss"] / math.log(2) / row.bytes_per_token == pytest.approx(e["bits_per_byte"], rel=0.1)

        np.testing.assert_array_equal(row.train.x["iter"], np.arange(1, 21))
        np.testing.assert_allclose(row.train.y, [s["loss"] / math.log(2) / row.bytes_per_token for s in steps])
        np.testing.assert_allclose(row.train.x["seconds"], [s["elapsed_s"] for s in steps])
        np.testing.assert_allclose(row.train.x["bytes"], np.arange(1, 21) * batch * context * row.bytes_per_token)
        assert row.held_out is None
    as_json = rows[1].to_dict()
    assert as_json["latest_val"] == {"iter": 20, "bits_per_byte": rows[1].latest_val[1]}
    assert as_json["text_seen_bytes"] == rows[1].text_seen_bytes and "val" not in as_json


def test_held_out_book_is_the_same_text_for_every_model(trained_model, other_trained_model, anna_karenina):
    progress = []
    rows = drain(compare([trained_model.path, other_trained_model.path], anna_karenina), progress.append)
    assert progress == [(0, 2), (1, 2), (2, 2)]
    text_bytes = len("".join(iter_text(anna_karenina)).encode("utf-8"))
    assert [r.held_out.bytes for r in rows] == [text_bytes, text_bytes]
    assert rows[0].held_out.tokens != rows[1].held_out.tokens  # different tokenizers, the same text
    for row, md in zip(rows, (trained_model, other_trained_model), strict=True):
        assert row.held_out == score_book(load_trained(md), anna_karenina)  # the newest checkpoint's score


def test_bytes_per_token_without_the_cache_reads_the_books(model_copy, trained_model):
    cached = bytes_per_token(trained_model)
    md = ModelDir(model_copy)
    shutil.rmtree(md.data_dir)
    assert bytes_per_token(md) == pytest.approx(cached, rel=0.03)
    md.update_meta(books=[{**b, "path": str(md.path / "gone.txt")} for b in md.meta()["books"]])
    assert bytes_per_token(md) is None
    row = compare_one(md)  # still compared on iterations and time; the text axis and training curve are unknown
    assert row.train is None and row.text_seen_bytes is None
    assert np.isnan(row.val.x["bytes"]).all() and len(row.val.y) == 2


def test_text_seen_past_the_newest_checkpoint_goes_on_at_the_current_batch(model_copy):
    md = ModelDir(model_copy)
    (md.checkpoints_dir / "step-000000020.pt").unlink()  # as if the run were still going after iteration 10
    row = compare_one(md)
    assert row.iter == 20 and row.tokens_seen == 20 * 4 * 32
    np.testing.assert_allclose(row.train.x["bytes"][-1], row.tokens_seen * row.bytes_per_token)


def test_bad_input_is_refused_before_any_work(trained_model, tmp_path):
    with pytest.raises(ConfigError, match="at least two models"):
        drain(compare([trained_model.path]))
    with pytest.raises(ModelDirError, match="not an AZR Desktop model folder"):
        drain(compare([trained_model.path, tmp_path]))
    binary = tmp_path / "book.txt"
    binary.write_bytes(bytes(range(256)) * 64)
    with pytest.raises(BookError):
        next(compare([trained_model.path, trained_model.path], binary))


def test_a_file_removed_while_the_folder_is_measured_counts_nothing(trained_model, monkeypatch):
    """A run in progress prunes checkpoints and renames temp files while the Models page and Compare read its folder:
    a file listed and gone before its size is read must not turn the model into an error."""
    from azr_desktop.core import fsutil
    from azr_desktop.core.library import summarize

    real = sum(f.stat().st_size for f in trained_model.path.rglob("*") if f.is_file())
    walk = fsutil.os.walk

    def walk_with_a_pruned_checkpoint(top, *args, **kwargs):
        for folder, dirs, files in walk(top, *args, **kwargs):
            yield folder, dirs, [*files, "step-000000005.pt.tmp"] if folder.endswith("checkpoints") else files

    monkeypatch.setattr(fsutil.os, "walk", walk_with_a_pruned_checkpoint)
    summary = summarize(trained_model.path)
    assert summary.problem is None and summary.size_bytes == real and summary.iter == 20
