"""`azr-desktop plan` and `train --time`: a time budget becomes a model shape and an iteration count once."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from cli_helpers import cli, one_error_line

from azr_desktop.core import plan as planning
from azr_desktop.core.config import TrainConfig
from azr_desktop.core.modeldir import ModelDir


def test_plan_prints_the_plan_measured_on_this_computer(anna_karenina, tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "azr_desktop", "plan", "--book", str(anna_karenina), "--time", "3m", "--threads", "1"],
        capture_output=True, text=True, timeout=300, env={**os.environ, "AZR_DESKTOP_CACHE": str(tmp_path)},
    )
    assert done.returncode == 0, done.stderr
    plan = json.loads(done.stdout)
    assert plan["params"] > 0 and plan["train"]["patience"] > 0
    chosen = [c for c in plan["candidates"] if c["model"] == plan["model"]]
    assert chosen[0]["capped_by_data"] or plan["train"]["iters"] >= planning.MIN_ITERS
    assert plan["train"]["iters"] * plan["seconds_per_iter"] <= plan["train_s"] < 180
    # a small book: 16 passes at most, or the MIN_ITERS steps a run needs if they are fewer
    assert plan["passes"] > 0
    assert plan["passes"] <= planning.MAX_USEFUL_PASSES + 0.01 or plan["train"]["iters"] == planning.MIN_ITERS
    assert plan["book_bytes"] > 90_000
    assert len(plan["candidates"]) >= 2 and "timing a" in done.stderr and "planning: reading the books" in done.stderr
    assert (tmp_path / "probe.json").is_file()  # measured once, kept for the next plan


@pytest.mark.parametrize(
    "args, message",
    [
        (["plan", "--book", "{book}", "--time", "soon"], "'soon' is not a duration; write it like 45m"),
        (["plan", "--book", "{book}", "--time", "10s"], "between 1 minute and 30 days"),
        (["train", "{dir}", "--book", "{book}", "--time", "5m", "--iters", "10"], "give --iters or --time"),
    ],
)
def test_bad_budgets_are_one_error_line(capsys, tmp_path, anna_karenina, args, message):
    args = [a.format(book=anna_karenina, dir=tmp_path / "m") for a in args]
    code, _, err = cli(capsys, *args)
    assert code == 2 and message in one_error_line(err)
    assert not (tmp_path / "m").exists()


@pytest.fixture
def slow_computer(monkeypatch):
    """A computer of 2 GFLOP/s: planned runs are a few hundred iterations of the smallest shapes."""

    def seconds(model_cfg, cfg, cancelled=None):
        return model_cfg.flops_per_token() * cfg.batch_size * model_cfg.context / 2e9

    monkeypatch.setattr(planning, "seconds_per_iter", seconds)


def test_train_with_a_budget_sizes_a_new_model(capsys, tmp_path, anna_karenina, slow_computer):
    model = tmp_path / "m"
    code, out, err = cli(capsys, "train", model, "--book", anna_karenina, "--time", "5m", "--threads", "1")
    assert code == 0, err
    md = ModelDir.open(model)
    cfg, train = md.model_config(), md.train_config()
    assert (cfg.d_model, cfg.n_layers) in {(d, n) for d, n, *_ in planning.LADDER}
    assert train.iters > 50 and train.patience == planning.PATIENCE
    assert f"plan: {cfg.num_params():,} parameters, {train.iters} iterations" in err
    assert "reached the target" in out or "stopped early (no improvement)" in out


def test_train_with_a_budget_on_a_trained_model_moves_the_target(capsys, model_copy, monkeypatch):
    md = ModelDir.open(model_copy)
    monkeypatch.setattr(planning.ProbeCache, "seconds_per_iter", lambda self, *a: 10.0)  # 60 s -> 5 iterations
    code, out, err = cli(capsys, "train", model_copy, "--time", "1m")
    assert code == 0, err
    assert md.train_config().iters == 20 + 5 and "reached the target at iteration 25" in out
    assert TrainConfig.load(md.train_json).iters == 25
