"""The command line as users script it: real training runs, exit codes, one-line errors, nothing lost."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
import torch
from cli_helpers import TINY, cli, one_error_line, snapshot

from azr_desktop.cli import main
from azr_desktop.core.checkpoint import (
    FORMAT_VERSION,
    list_checkpoints,
    load_checkpoint,
    load_latest,
)


def test_version(capsys):
    with pytest.raises(SystemExit) as e:
        main(["--version"])
    assert e.value.code == 0
    assert capsys.readouterr().out.startswith("azr-desktop 0.")


def test_train_creates_a_complete_model_folder(capsys, small_book, tmp_path):
    model = tmp_path / "model"
    code, _, _ = cli(capsys, "train", model, "--book", small_book, *TINY, "--iters", "4", "--save-every", "2")
    assert code == 0
    for name in ("model.json", "tokenizer.json", "train.json", "metrics.jsonl", "checkpoints/latest"):
        assert (model / name).is_file(), name
    meta = json.loads((model / "model.json").read_text())
    assert meta["model"]["d_model"] == 32 and meta["books"][0]["name"] == "shakespeare_40k.txt"
    assert len(meta["tokenizer_sha256"]) == 64
    assert [c.iter for c in list_checkpoints(model / "checkpoints")] == [2, 4]


def test_train_prints_progress_lines(capsys, small_book, tmp_path):
    code, out, _ = cli(capsys, "train", tmp_path / "m", "--book", small_book, *TINY, "--iters", "5")
    assert code == 0
    assert "iter 5/5 | loss " in out and "tok/s" in out and "ETA" in out
    assert "val loss" in out and "bits/byte" in out
    assert "reached the target at iteration 5" in out


def test_info_eval_generate(capsys, trained_model, small_book):
    trained = trained_model.path
    code, out, _ = cli(capsys, "info", trained)
    info = json.loads(out)
    assert code == 0 and info["iter"] == 20 and info["target"] == 20 and info["params"] > 0
    assert [c["iter"] for c in info["checkpoints"]] == [10, 20]

    code, out, _ = cli(capsys, "eval", trained, "--book", small_book)
    score = json.loads(out)
    assert code == 0 and set(score) == {"loss", "bits_per_byte", "tokens", "bytes"}
    assert score["bytes"] == len(small_book.read_text(encoding="utf-8").encode("utf-8"))
    bits = score["loss"] * score["tokens"] / 0.6931471805599453
    assert score["bits_per_byte"] == pytest.approx(bits / score["bytes"])

    code, out1, _ = cli(capsys, "generate", trained, "--prompt", "ROMEO:", "--max-new-tokens", "20", "--seed", "3")
    code2, out2, _ = cli(capsys, "generate", trained, "--prompt", "ROMEO:", "--max-new-tokens", "20", "--seed", "3")
    assert code == code2 == 0 and out1 == out2 and out1.startswith("ROMEO:") and len(out1) > len("ROMEO:\n")


def test_resume_to_a_larger_target(capsys, model_copy):
    code, out, _ = cli(capsys, "train", model_copy, "--iters", "25")
    assert code == 0 and "resuming at iteration 20" in out and "reached the target at iteration 25" in out
    assert list_checkpoints(model_copy / "checkpoints")[-1].iter == 25


def test_smaller_target_finishes_at_once(capsys, model_copy):
    before = list_checkpoints(model_copy / "checkpoints")
    code, out, _ = cli(capsys, "train", model_copy, "--iters", "5")
    assert code == 0 and "reached the target at iteration 20" in out and "loss" not in out
    assert list_checkpoints(model_copy / "checkpoints") == before


def _bad_file(tmp_path: Path, kind: str) -> Path:
    p = tmp_path / f"bad_{kind}"
    if kind == "missing":
        return tmp_path / "no_such_book.txt"
    if kind == "directory":
        p.mkdir()
    elif kind == "empty":
        p.write_bytes(b"")
    elif kind == "whitespace":
        p.write_text(" \n\t\r\n  \n")
    elif kind == "png":
        p.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    elif kind == "zip":
        p = tmp_path / "arch.zip"
        with zipfile.ZipFile(p, "w") as z:
            z.writestr("book.txt", "To be, or not to be " * 200)
    elif kind == "random":
        p.write_bytes(random.Random(0).randbytes(50_000))
    return p


BAD_BOOKS = ["missing", "directory", "empty", "whitespace", "png", "zip", "random"]


@pytest.mark.parametrize("kind", BAD_BOOKS)
def test_bad_book_for_a_new_model(capsys, tmp_path, kind):
    book = _bad_file(tmp_path, kind)
    code, _, err = cli(capsys, "train", tmp_path / "new", "--book", book, *TINY, "--iters", "5")
    assert code == 2
    assert book.name in one_error_line(err)
    assert not (tmp_path / "new").exists()


@pytest.mark.parametrize("kind", BAD_BOOKS)
def test_bad_book_leaves_an_existing_model_untouched(capsys, model_copy, tmp_path, kind):
    before = snapshot(model_copy)
    code, _, err = cli(capsys, "train", model_copy, "--book", _bad_file(tmp_path, kind), "--iters", "30")
    assert code == 2
    one_error_line(err)
    assert snapshot(model_copy) == before


@pytest.mark.parametrize(
    "flags, words",
    [
        (["--iters", "-5"], "--iters"),
        (["--batch-size", "0"], "--batch-size"),
        (["--lr", "0"], "--lr"),
        (["--lr", "-1e-3"], "--lr"),
        (["--iters", "many"], "--iters"),
        (["--d-model", "64"], "--d-model 64 differs"),
        (["--preset", "tiny"], "--preset tiny differs"),
        (["--device", "tpu"], "--device"),
    ],
)
def test_bad_flags_leave_an_existing_model_untouched(capsys, model_copy, flags, words):
    before = snapshot(model_copy)
    code, _, err = cli(capsys, "train", model_copy, *flags)
    assert code == 2
    assert words in one_error_line(err)
    assert snapshot(model_copy) == before


@pytest.mark.parametrize(
    "flags, words",
    [
        (["--n-heads", "3"], "n_heads (3) must divide d_model (32)"),
        (["--context", "4"], "--context must be between 8"),
        (["--vocab-size", "100"], "--vocab-size must be between 272"),
    ],
)
def test_impossible_model_is_refused_before_any_work(capsys, tmp_path, small_book, flags, words):
    code, _, err = cli(capsys, "train", tmp_path / "new", "--book", small_book, *TINY, *flags)
    assert code == 2 and words in one_error_line(err)
    assert not (tmp_path / "new").exists()


def test_truncated_checkpoint_falls_back_with_a_warning(capsys, model_copy):
    newest = model_copy / "checkpoints" / "step-000000020.pt"
    newest.write_bytes(newest.read_bytes()[:1000])
    code, out, err = cli(capsys, "train", model_copy, "--iters", "22")
    assert code == 0
    assert "warning:" in err and "step-000000020.pt" in err
    assert "resuming at iteration 10" in out and "reached the target at iteration 22" in out


def test_future_checkpoint_version_is_refused(capsys, model_copy):
    for info in list_checkpoints(model_copy / "checkpoints"):
        raw = torch.load(info.path, weights_only=True)
        raw["format_version"] = FORMAT_VERSION + 1
        torch.save(raw, info.path)
    before = snapshot(model_copy)
    code, _, err = cli(capsys, "train", model_copy, "--iters", "30")
    assert code == 2 and "newer" in one_error_line(err).lower()
    assert snapshot(model_copy) == before


class _Evil:
    def __reduce__(self):
        return (os.system, ("touch pwned_marker",))


def test_checkpoint_that_runs_code_is_refused(capsys, model_copy, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    for info in list_checkpoints(model_copy / "checkpoints"):
        torch.save({"format_version": 1, "payload": _Evil()}, info.path)
    code, _, err = cli(capsys, "generate", model_copy, "--prompt", "x")
    assert code == 2
    one_error_line(err)
    assert not (tmp_path / "pwned_marker").exists()


def test_disk_full_while_saving_keeps_the_previous_checkpoint(capsys, model_copy, monkeypatch):
    import errno

    real_save = torch.save

    def full_disk(obj, f, *a, **k):
        f.write(b"partial")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(torch, "save", full_disk)
    code, _, err = cli(capsys, "train", model_copy, "--iters", "25")
    monkeypatch.setattr(torch, "save", real_save)
    assert code == 2 and "disk" in one_error_line(err).lower()
    state, path, warnings = load_latest(model_copy / "checkpoints")
    assert state["iter"] == 20 and not warnings
    assert not [p for p in (model_copy / "checkpoints").iterdir() if p.name.endswith(".tmp")]


def test_generate_before_training_says_what_to_do(capsys, model_copy):
    shutil.rmtree(model_copy / "checkpoints")
    code, _, err = cli(capsys, "generate", model_copy, "--prompt", "x")
    assert code == 2 and "has not been trained yet" in one_error_line(err)


def test_not_a_model_folder(capsys, tmp_path):
    code, _, err = cli(capsys, "info", tmp_path)
    assert code == 2 and "not an AZR Desktop model folder" in one_error_line(err)


# ---- real processes: signals and kill -9 --------------------------------------------------------------------
def _spawn(*args) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "azr_desktop", *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.slow
def test_sigterm_saves_a_checkpoint_and_exits_cleanly(model_copy):
    proc = _spawn("train", model_copy, "--iters", "100000", "--save-every", "0")
    for line in proc.stdout:
        if line.startswith("iter "):
            break
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    stopped = [ln for ln in out.splitlines() if ln.startswith("stopped at iteration")]
    assert stopped
    it = int(stopped[0].split()[-1])
    assert it > 20 and list_checkpoints(model_copy / "checkpoints")[-1].iter == it


@pytest.mark.slow
def test_kill_9_never_leaves_an_unloadable_checkpoint(model_copy):
    rng = random.Random(1)
    for _ in range(3):
        proc = _spawn("train", model_copy, "--iters", "100000", "--save-every", "2")
        for line in proc.stdout:
            if line.startswith("iter "):
                break
        time.sleep(rng.uniform(0.2, 1.5))
        proc.kill()
        proc.communicate(timeout=60)
        state, path, warnings = load_latest(model_copy / "checkpoints")
        assert path.name.startswith("step-") and state["iter"] >= 20
        load_checkpoint(path)
    done = subprocess.run(
        [sys.executable, "-m", "azr_desktop", "train", str(model_copy), "--iters", str(state["iter"] + 3)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert f"resuming at iteration {state['iter']}" in done.stdout


@pytest.mark.parametrize("encoding", ["cp1251", "koi8-r", "utf-16"])
def test_russian_book_in_legacy_encodings_trains_and_evaluates(capsys, tmp_path, anna_karenina, encoding):
    text = anna_karenina.read_text(encoding="utf-8")[:30_000]
    text = text.encode(encoding, errors="ignore").decode(encoding)  # koi8-r has no «» or dashes
    book = tmp_path / f"anna_{encoding}.txt"
    book.write_text(text.replace("\n", "\r\n"), encoding=encoding)
    code, out, err = cli(capsys, "train", tmp_path / "m", "--book", book, *TINY, "--iters", "3")
    assert code == 0, err
    meta = json.loads((tmp_path / "m" / "model.json").read_text(encoding="utf-8"))
    assert meta["books"][0]["encoding"] == encoding
    code, out, _ = cli(capsys, "eval", tmp_path / "m", "--book", book)
    assert json.loads(out)["bytes"] == len(text.encode("utf-8"))  # CRLF normalised, decoded exactly
