"""`--patience`, `--checkpoint best|latest|N` and the best checkpoint in `info`, on a model that really overfits
(0.4M parameters memorising 2.7 KB of Shakespeare)."""

from __future__ import annotations

import json

import pytest
from cli_helpers import cli, one_error_line

OVERFIT = ["--vocab-size", "320", "--d-model", "128", "--n-layers", "2", "--n-heads", "2", "--d-ff", "512",
           "--context", "32", "--batch-size", "8", "--lr", "3e-3", "--warmup", "5", "--eval-every", "10",
           "--save-every", "50", "--threads", "1", "--seed", "7"]  # fmt: skip
SEEDED = ["--prompt", "ROMEO:", "--max-new-tokens", "30", "--seed", "4"]


@pytest.fixture(scope="module")
def tiny_book(tmp_path_factory, shakespeare):
    path = tmp_path_factory.mktemp("overfit") / "tiny_book.txt"
    path.write_bytes(shakespeare.read_bytes()[:3000])
    return path


def test_patience_cools_an_overfitting_run_down_early_and_best_is_there_to_use(capsys, tmp_path, tiny_book):
    model = tmp_path / "m"
    code, out, err = cli(capsys, "train", model, "--book", tiny_book, *OVERFIT, "--iters", "400", "--patience", "1")
    assert code == 0, err
    ended = int(out.strip().splitlines()[-1].removeprefix("reached the target at iteration "))
    assert ended < 400 and f"target changed from 400 to {ended}" in out
    assert "training goes back to that checkpoint and lowers the learning rate from there" in err

    info = json.loads(cli(capsys, "info", model)[1])
    best = info["best_checkpoint"]
    assert best["iter"] < ended and best["val_loss"] == info["best_val_loss"]
    assert best["path"] in [c["path"] for c in info["checkpoints"]] and info["iter"] == ended
    assert info["train"]["patience"] == 1 and info["train"]["iters"] == ended

    by_best = cli(capsys, "generate", model, *SEEDED, "--checkpoint", "best")
    assert by_best == cli(capsys, "generate", model, *SEEDED, "--checkpoint", best["iter"])
    latest = cli(capsys, "generate", model, *SEEDED, "--checkpoint", "latest")
    assert cli(capsys, "generate", model, *SEEDED) == latest and latest[1] != by_best[1]
    code, out, _ = cli(capsys, "export", model, "--format", "pt", "--out", tmp_path / "best.pt", "--checkpoint", "best")
    assert code == 0 and f"exported iteration {best['iter']} " in out
    # eval scores the checkpoint asked for, the latest by default
    scores = {which: json.loads(cli(capsys, "eval", model, "--book", tiny_book, "--checkpoint", which)[1])
              for which in ("best", str(best["iter"]), "latest")}  # fmt: skip
    assert scores["best"] == scores[str(best["iter"])] != scores["latest"]
    assert json.loads(cli(capsys, "eval", model, "--book", tiny_book)[1]) == scores["latest"]


def test_bad_checkpoint_and_patience_values_are_one_error_line(capsys, tmp_path, tiny_book):
    model = tmp_path / "m"
    code, _, err = cli(capsys, "train", model, "--book", tiny_book, *OVERFIT, "--iters", "10", "--eval-every", "0")
    assert code == 0, err
    cases = [
        (["generate", model, "--checkpoint", "newest"], "expected best, latest or an iteration number, got 'newest'"),
        (["export", model, "--format", "pt", "--out", tmp_path / "x.pt", "--checkpoint", "-3"], "got '-3'"),
        (["generate", model, "--checkpoint", "best"], "has no best checkpoint yet"),  # it was never evaluated
        (["train", model, "--patience", "-1"], "--patience must be between 0 and 1000000, got -1"),
        (["train", model, "--patience", "2"], "--patience must be 0 when eval_every is 0"),
    ]
    for args, words in cases:
        code, _, err = cli(capsys, *args)
        assert code == 2 and words in one_error_line(err), (args, err)
    assert json.loads(cli(capsys, "info", model)[1])["best_checkpoint"] is None
