"""``azr-desktop train MODEL_DIR --selfplay``: runs, prints its progress, and refuses bad settings cleanly."""

from __future__ import annotations

import shutil

import pytest
from cli_helpers import TINY, cli, one_error_line, snapshot

from azr_desktop.cli import main

SMALL = ["--selfplay-tasks", "1", "--selfplay-proposals", "1", "--selfplay-samples", "2"]


@pytest.fixture(scope="module")
def trained(tmp_path_factory, shakespeare):
    """A tiny model with a context of 96 tokens (room for tasks), trained 20 iterations."""
    book = tmp_path_factory.mktemp("books") / "s.txt"
    book.write_bytes(shakespeare.read_bytes()[:100_000])
    model = tmp_path_factory.mktemp("trained") / "model"
    args = [*TINY[:-4], "--context", "96", "--batch-size", "4", "--threads", "1"]
    assert main(["train", str(model), "--book", str(book), *args, "--iters", "20", "--eval-every", "10"]) == 0
    return model


@pytest.fixture
def model(trained, tmp_path):
    shutil.copytree(trained, tmp_path / "m")
    return tmp_path / "m"


def test_selfplay_trains_and_prints(capsys, model) -> None:
    code, out, err = cli(capsys, "train", model, "--iters", "23", "--eval-every", "3", "--selfplay", *SMALL)
    assert code == 0, err
    assert "self-play: reward" in out and "val perplexity" in out and "task  " in out
    assert out.strip().endswith("reached the target at iteration 23")
    assert '"samples": 2' in (model / "selfplay.json").read_text()


@pytest.mark.parametrize(
    "args, flag",
    [
        (["--selfplay", "--selfplay-samples", "1"], "--selfplay-samples"),
        (["--selfplay", "--selfplay-kinds", "cont,riddles"], "--selfplay-kinds"),
        (["--selfplay", "--selfplay-kl", "-1"], "--selfplay-kl"),
        (["--selfplay-lr", "0.001"], "--selfplay"),
    ],
)
def test_bad_selfplay_settings_are_one_line_errors(capsys, model, args, flag) -> None:
    before = snapshot(model)
    code, _, err = cli(capsys, "train", model, "--iters", "25", *args)
    assert code == 2 and flag in one_error_line(err)
    assert snapshot(model) == before


def test_selfplay_on_a_new_model_is_refused(capsys, tmp_path, small_book) -> None:
    code, _, err = cli(capsys, "train", tmp_path / "new", "--book", small_book, *TINY, "--iters", "5", "--selfplay")
    assert code == 2 and "train this one first" in one_error_line(err)
    assert not (tmp_path / "new").exists()
