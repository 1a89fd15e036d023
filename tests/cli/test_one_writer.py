"""Two programs on one model, and kills at any moment: the history in metrics.jsonl always matches the weights.

Real `azr-desktop train` processes (proc_helpers), each wait with a hard timeout."""

from __future__ import annotations

import signal
import socket

import pytest
from cli_helpers import TINY
from proc_helpers import steps_of

from azr_desktop.core.checkpoint import list_checkpoints
from azr_desktop.core.modeldir import ModelDir

pytestmark = pytest.mark.slow


def test_a_second_training_is_refused_at_once_and_the_first_stays_clean(programs, model_copy):
    first = programs(model_copy, "--iters", "100000", "--eval-every", "50", "--save-every", "100")
    since = first.wait_until_writing(model_copy)
    code, out, err = programs(model_copy, "--iters", "300").finish()
    assert code == 2 and out == ""
    assert err == (
        f"error: {model_copy.name} is being trained by process {first.pid} on {socket.gethostname()} since {since};"
        " wait for it to finish or stop it\n"
    )
    first.wait_for(lambda: len(steps_of(model_copy)) >= 120, "120 steps")
    first.send_signal(signal.SIGINT)  # Ctrl+C: saves a checkpoint and finishes
    code, out, err = first.finish()
    assert code == 0, err
    steps = steps_of(model_copy)
    assert steps == list(range(1, steps[-1] + 1))  # one run's history: strictly increasing, nothing interleaved
    assert list_checkpoints(model_copy / "checkpoints")[-1].iter == steps[-1]
    assert f"stopped at iteration {steps[-1]}" in out


@pytest.mark.parametrize("save_every", [0, 7], ids=["before-the-first-checkpoint", "between-checkpoints"])
def test_a_kill_at_any_moment_leaves_a_history_that_matches_the_weights(programs, tmp_path, small_book, save_every):
    path = tmp_path / "new"
    killed = programs(path, "--book", small_book, *TINY, "--iters", "100000", "--save-every", save_every)
    killed.wait_for(lambda: len(steps_of(path)) >= 25, "25 steps")
    killed.send_signal(signal.SIGKILL)
    killed.finish()
    assert (list_checkpoints(path / "checkpoints") == []) == (save_every == 0)

    code, _, err = programs(path, "--iters", "60", "--save-every", "10").finish()
    assert code == 0, err
    assert steps_of(path) == list(range(1, 61))  # resumed where the weights were: no repeated or backward iterations
    evals = [r["iter"] for r in ModelDir(path).read_metrics() if r["event"] == "Eval"]
    assert evals == sorted(set(evals))
