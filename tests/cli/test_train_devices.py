"""Data-parallel training (`azr-desktop train --devices N`): two real CPU processes on gloo, started through
torch.distributed.run with a free port, train exactly like one process, write like one, stop together and resume
anywhere. Every run is a subprocess with a hard timeout; the model is tiny, so each run takes seconds."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import torch
from cli_helpers import TINY, cli, one_error_line
from proc_helpers import steps_of
from tiny_settings import TINY_MODEL, TINY_TRAIN

import azr_desktop
from azr_desktop.core.books import inspect_book
from azr_desktop.core.checkpoint import list_checkpoints, load_checkpoint, load_latest, save_checkpoint
from azr_desktop.core.config import ModelConfig, TrainConfig
from azr_desktop.core.data import drain, prepare_tokens
from azr_desktop.core.lock import read_holder
from azr_desktop.core.modeldir import ModelDir
from azr_desktop.core.trainer import Trainer

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="several devices are offered on Linux only")
TWO = ("--devices", "2", "--device", "cpu")
RUN_S = 180  # a hard limit per run: two processes importing torch on a loaded 2-core machine


def _model(path: Path, book: Path, **train) -> Path:
    cfg = TrainConfig(**{**TINY_TRAIN, "sample_every": 0, **train})
    ModelDir.create(path, ModelConfig(**TINY_MODEL), cfg, [inspect_book(book)], name="DDP test")
    return path


def _train_here(model: Path, **changes) -> None:
    """One process, in this one (the reference)."""
    md = ModelDir.open(model)
    for _ in Trainer(md, md.train_config().replace(**changes)).run():
        pass


def _train_two(model: Path, *args) -> subprocess.CompletedProcess:
    argv = [sys.executable, "-m", "azr_desktop", "train", str(model), *TWO, *map(str, args)]
    return subprocess.run(argv, capture_output=True, text=True, timeout=RUN_S)


def _weights(model: Path, it: int) -> dict[str, torch.Tensor]:
    path = next(c.path for c in list_checkpoints(model / "checkpoints") if c.iter == it)
    return load_checkpoint(path)["model"]


def _assert_same_weights(a: dict, b: dict) -> None:
    assert a.keys() == b.keys()
    for name in a:
        torch.testing.assert_close(a[name], b[name], rtol=1e-4, atol=1e-5, msg=name)


def _workers(launcher: int) -> dict[int, int]:
    """{rank: process id} of the training processes the launcher started (Linux's /proc)."""
    children = [int(pid) for f in Path(f"/proc/{launcher}/task").glob("*/children") for pid in f.read_text().split()]
    ranks = {}
    for pid in children:
        env = dict(kv.split("=", 1) for kv in Path(f"/proc/{pid}/environ").read_text().split("\0") if "=" in kv)
        ranks[int(env["RANK"])] = pid
    return ranks


def _shape(model: Path) -> list[tuple]:
    """The history as its events, iterations and fields, without the numbers (speeds and times differ)."""
    return [(r["event"], r["iter"], tuple(sorted(r))) for r in ModelDir(model).read_metrics()]


def _files(model: Path) -> set[str]:
    return {str(p.relative_to(model)) for p in model.rglob("*") if p.is_file() and "data" not in p.parts}


def test_two_processes_train_as_one_write_as_one_and_resume_in_one(tmp_path, small_book):
    base = _model(tmp_path / "base", small_book, iters=6, save_every=3, eval_every=3)
    one = Path(shutil.copytree(base, tmp_path / "one"))
    two = Path(shutil.copytree(base, tmp_path / "two"))

    _train_here(one)
    done = _train_two(two)
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("starting: target 6") == 1 and "reached the target at iteration 6" in done.stdout
    assert "Traceback" not in done.stderr
    for it in (3, 6):
        _assert_same_weights(_weights(one, it), _weights(two, it))
    assert load_checkpoint(list_checkpoints(two / "checkpoints")[-1].path)["layout"] == {
        "world_size": 2, "batch_size": 4, "rows_per_process": 2
    }
    # only rank 0 wrote: the same files and the same history as one process, one checkpoint file per save
    assert _files(two) == _files(one)
    assert _shape(two) == _shape(one)
    losses = [(r["loss"], s["loss"]) for r, s in zip(ModelDir(one).read_metrics(), ModelDir(two).read_metrics())
              if r["event"] == "Step"]
    assert len(losses) == 6 and all(abs(a - b) < 1e-4 for a, b in losses)

    # the two-process checkpoint goes on in one process as the one-process run does
    _train_here(one, iters=12)
    _train_here(two, iters=12)
    _assert_same_weights(_weights(one, 12), _weights(two, 12))
    assert _shape(two) == _shape(one)


def test_two_processes_stopped_by_sigterm_resume_as_if_never_stopped(tmp_path, small_book, programs):
    base = _model(tmp_path / "base", small_book, iters=200, save_every=100, eval_every=50)
    straight = Path(shutil.copytree(base, tmp_path / "straight"))
    model = Path(shutil.copytree(base, tmp_path / "model"))
    _train_here(straight)

    run = programs(model, *TWO)
    run.wait_for(lambda: len(steps_of(model)) >= 3, "three steps")
    run.send_signal(signal.SIGTERM)
    code, out, err = run.finish(RUN_S)
    assert code == 0, err
    stopped = list_checkpoints(model / "checkpoints")[-1].iter
    assert 3 <= stopped < 200, "the run ended before it could be stopped; make it longer"
    assert f"stopped at iteration {stopped}" in out and "Traceback" not in err

    code, out, err = programs(model, *TWO).finish(RUN_S)
    assert code == 0, err
    assert f"resuming at iteration {stopped}" in out
    assert steps_of(model) == list(range(1, 201))
    _assert_same_weights(_weights(straight, 200), _weights(model, 200))


def test_new_model_on_two_processes_end_to_end(tmp_path, small_book):
    model = tmp_path / "model"
    done = _train_two(model, "--book", small_book, *TINY, "--iters", "4", "--save-every", "2")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("creating model:")
    assert done.stdout.count("starting: target 4") == 1 and "reached the target at iteration 4" in done.stdout
    assert "(fp32, 1 threads), 2 processes" in done.stdout
    assert [c.iter for c in list_checkpoints(model / "checkpoints")] == [2, 4]
    assert steps_of(model) == [1, 2, 3, 4]


def test_devices_that_cannot_work_are_one_line_and_nothing_written(capsys, tmp_path, small_book, monkeypatch):
    model, gpus = tmp_path / "model", torch.cuda.device_count()
    cases = (
        ("0", "cpu", "--devices must be at least 1"),
        ("3", "cpu", "does not divide across 3 processes"),
        (str(max(2, gpus + 1)), "cuda", f"more GPUs than the {gpus} this computer has"),
    )
    for devices, device, says in cases:
        code, _, err = cli(capsys, "train", model, "--book", small_book, *TINY, "--devices", devices, "--device",
                           device)
        assert code == 2 and says in one_error_line(err)
        assert not model.exists()
    monkeypatch.setattr(sys, "platform", "win32")
    code, _, err = cli(capsys, "train", model, "--book", small_book, *TINY, *TWO)
    assert code == 2 and "needs Linux" in one_error_line(err) and not model.exists()


def test_a_stop_on_rank_0_alone_ends_both_processes_at_one_step(tmp_path, small_book, programs):
    model = _model(tmp_path / "model", small_book, iters=100_000, save_every=0, eval_every=0)
    run = programs(model, *TWO)
    run.wait_for(lambda: len(steps_of(model)) >= 3, "three steps")
    workers = _workers(run.pid)
    assert read_holder(model).pid == workers[0]  # rank 0 holds the writer lock for the whole run
    os.kill(workers[0], signal.SIGTERM)  # what the GUI's Stop will do: rank 0 decides
    code, out, err = run.finish(RUN_S)
    assert code == 0, err  # rank 1 left at the same step: had it gone on alone, it would have failed
    stopped = list_checkpoints(model / "checkpoints")[-1].iter
    assert f"stopped at iteration {stopped}" in out and "Traceback" not in err
    assert steps_of(model) == list(range(1, stopped + 1))


def test_a_killed_process_ends_the_run_with_one_line_naming_it(tmp_path, small_book, programs):
    model = _model(tmp_path / "model", small_book, iters=100_000, save_every=5, eval_every=0)
    run = programs(model, *TWO)
    run.wait_for(lambda: len(steps_of(model)) >= 7, "seven steps")
    os.kill(_workers(run.pid)[1], signal.SIGKILL)
    code, out, err = run.finish(RUN_S)
    assert code == 2 and "Traceback" not in err
    assert err.strip().splitlines()[-1].startswith("error: training process rank 1 ended with signal SIGKILL")
    state, path, warnings = load_latest(model / "checkpoints")  # the last checkpoint is whole
    assert state["iter"] >= 5 and state["iter"] % 5 == 0 and not warnings


def test_machines_that_see_different_model_folders_are_refused(tmp_path, small_book):
    """Started by hand with torchrun, as across machines; here each rank is given its own copy of the folder, one
    with a checkpoint and one without, as two machines without a shared folder would have."""
    base = _model(tmp_path / "base", small_book, iters=3, save_every=3)
    ahead = Path(shutil.copytree(base, tmp_path / "ahead"))
    _train_here(ahead)
    script = tmp_path / "rank.py"
    script.write_text(
        "import os, sys\nfrom azr_desktop.cli import main\n"
        "sys.exit(main(['train', sys.argv[1 + int(os.environ['RANK'])], '--device', 'cpu', '--iters', '6']))\n"
    )
    argv = [sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc-per-node", "2", str(script),
            str(ahead), str(base)]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=RUN_S)
    assert done.returncode != 0
    assert "error: the processes of this run found checkpoints of different iterations (0 to 3)" in done.stderr
    assert steps_of(ahead) == [1, 2, 3] and steps_of(base) == []


def test_a_model_in_use_stops_every_process_at_once(tmp_path, small_book, holders):
    model = _model(tmp_path / "model", small_book, iters=6)
    holders(model)
    done = _train_two(model)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines()[-1].startswith(f"error: {model.name} is being trained by process")
    assert steps_of(model) == [] and not (model / "checkpoints").exists()


def test_batches_trained_in_parts_give_the_same_steps_on_two_processes(tmp_path, small_book):
    """A run that once ran out of memory trains each batch a row at a time: each process then trains its two rows in
    two parts and exchanges gradients once."""
    base = _model(tmp_path / "base", small_book, iters=3, save_every=3, eval_every=0)
    _train_here(base)
    state = load_checkpoint(list_checkpoints(base / "checkpoints")[-1].path)
    save_checkpoint(base / "checkpoints", 3, {**state, "part_rows": 1}, keep=3)
    one = Path(shutil.copytree(base, tmp_path / "one"))
    two = Path(shutil.copytree(base, tmp_path / "two"))
    _train_here(one, iters=6)
    done = _train_two(two, "--iters", "6")
    assert done.returncode == 0, done.stderr
    _assert_same_weights(_weights(one, 6), _weights(two, 6))
    assert load_checkpoint(list_checkpoints(two / "checkpoints")[-1].path)["part_rows"] == 1


@pytest.mark.parametrize("decay_frac", [0.0, 0.2])
def test_an_early_stop_decided_on_rank_0_ends_both_processes(tmp_path, shakespeare, decay_frac):
    """Rank 0 alone evaluates, so only it can find that the validation loss stopped improving (0.4M parameters
    memorise 3 KB of text within about 70 iterations): the other process must leave at the same step, or, with a
    decay still to come, go back to the best checkpoint with it and cool down to the same new target."""
    book = tmp_path / "tiny_book.txt"
    book.write_bytes(shakespeare.read_bytes()[:3000])
    shape = ModelConfig(**{**TINY_MODEL, "d_model": 128, "d_ff": 512})
    cfg = TrainConfig(iters=400, batch_size=8, lr=3e-3, warmup=5, decay_frac=decay_frac, eval_every=10, eval_iters=4,
                      save_every=50, sample_every=0, threads=1, seed=7, patience=3)
    ModelDir.create(tmp_path / "model", shape, cfg, [inspect_book(book)])
    done = _train_two(tmp_path / "model")
    assert done.returncode == 0, done.stderr
    ended = list_checkpoints(tmp_path / "model" / "checkpoints")[-1].iter
    if decay_frac:
        assert f"target changed from 400 to {ended}" in done.stdout
        assert f"reached the target at iteration {ended}" in done.stdout
    else:
        assert f"stopped early (no improvement) at iteration {ended}" in done.stdout
    assert ended < 400 and steps_of(tmp_path / "model") == list(range(1, ended + 1))


PAUSED_RANKS = """
import sys, threading
from datetime import timedelta
from azr_desktop.core import distributed, events as ev
from azr_desktop.core.modeldir import ModelDir
from azr_desktop.core.trainer import Control, Trainer

model, timeout_s, pause_s = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
distributed.TIMEOUT = timedelta(seconds=timeout_s)  # shortened, so that the test need not pause for ten minutes
ranks, control = distributed.Ranks.from_env(), Control()
for e in Trainer(ModelDir.open(model), ranks=ranks).run(control):
    if ranks.main:
        print(type(e).__name__, getattr(e, "iter", ""), flush=True)
    if ranks.main and isinstance(e, ev.Step) and e.iter == 3:
        control.pause()
        threading.Timer(pause_s, control.resume).start()
distributed.stop_process_group()
"""


def test_a_pause_longer_than_the_collective_timeout_resumes_and_trains_as_if_never_paused(tmp_path, small_book):
    """Rank 0 pauses; the other rank keeps meeting it in each step's agreement, so neither waits in one collective
    past the timeout (10 minutes in a real run; 10 s here, paused for 25 s)."""
    timeout_s, pause_s = 10, 25
    base = _model(tmp_path / "base", small_book, iters=8, save_every=4, eval_every=4)
    md = ModelDir.open(base)
    drain(prepare_tokens(md.data_dir, md.tokenizer(), md.books(), md.train_config().val_frac))  # no wait at the start
    straight = Path(shutil.copytree(base, tmp_path / "straight"))
    _train_here(straight)
    script = tmp_path / "paused.py"
    script.write_text(PAUSED_RANKS)
    argv = [sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc-per-node", "2", str(script),
            str(base), str(timeout_s), str(pause_s)]
    here = str(Path(azr_desktop.__file__).parents[1])  # the script runs from its own folder
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, (here, os.environ.get("PYTHONPATH"))))}
    done = subprocess.run(argv, capture_output=True, text=True, timeout=RUN_S, env=env)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines.count("Paused 3") == 1 and lines.count("Resumed 3") == 1
    assert lines.index("Paused 3") < lines.index("Resumed 3") < lines.index("Step 4")
    assert lines[-1] == "Finished 8"
    _assert_same_weights(_weights(straight, 8), _weights(base, 8))
    assert load_checkpoint(list_checkpoints(base / "checkpoints")[-1].path)["elapsed_s"] < pause_s  # pause not counted
