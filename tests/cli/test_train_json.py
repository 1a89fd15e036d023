"""`azr-desktop train --json`: every event one JSON line on stdout that reads back as the same event, and commands on
stdin (pause, resume, stop, target N) that steer one process or, through rank 0, every process of a `--devices` run.
Real processes with hard timeouts; whatever a test leaves running is killed with everything it started."""

from __future__ import annotations

import queue
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from proc_helpers import started, steps_of
from tiny_settings import TINY_MODEL, TINY_TRAIN

from azr_desktop.core import events as ev
from azr_desktop.core.books import inspect_book
from azr_desktop.core.checkpoint import list_checkpoints
from azr_desktop.core.config import ModelConfig, TrainConfig
from azr_desktop.core.modeldir import ModelDir

WAIT_S = 180  # a hard limit per wait: two processes importing torch on a loaded 2-core machine


class JsonRun:
    """`azr-desktop train MODEL --json ARGS...` with its stdout read line by line in a thread."""

    def __init__(self, model: Path, args: tuple, logs: Path):
        self.err_path = logs.with_suffix(".err")
        argv = [sys.executable, "-m", "azr_desktop", "train", str(model), "--json", *map(str, args)]
        with open(self.err_path, "w") as err:
            self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err, text=True)
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.events: list[ev.Event] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.lines.put(line)
        self.lines.put(None)

    def send(self, command: str) -> None:
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()

    def wait_for(self, kind: type, until=lambda e: True) -> ev.Event:
        """The next event of ``kind`` that satisfies ``until``; every line must be an event that writes back as it."""
        while True:
            try:
                line = self.lines.get(timeout=WAIT_S)
            except queue.Empty:
                pytest.fail(f"timed out waiting for {kind.__name__}")
            if line is None:
                pytest.fail(f"the run ended before {kind.__name__}: {self.err_path.read_text()}")
            event = ev.from_json(line)
            assert event is not None and ev.to_json(event) == line.rstrip("\n"), line
            self.events.append(event)
            if isinstance(event, kind) and until(event):
                return event

    def finish(self) -> tuple[int, str]:
        """Wait for the end, reading the events left: (exit code, stderr)."""
        self.wait_for(ev.Finished)
        code = self.proc.wait(timeout=WAIT_S)
        return code, self.err_path.read_text()


@pytest.fixture
def json_runs(tmp_path):
    yield from started(JsonRun, tmp_path)


def _model(path: Path, book: Path) -> Path:
    cfg = TrainConfig(**{**TINY_TRAIN, "iters": 100_000, "save_every": 0, "eval_every": 0})
    ModelDir.create(path, ModelConfig(**TINY_MODEL), cfg, [inspect_book(book)], name="JSON test")
    return path


def _pause_retarget_resume(run: JsonRun) -> int:
    """Pause, give a new target a few steps on, resume: the run must end there. Returns the target."""
    run.wait_for(ev.Step, lambda e: e.iter >= 2)
    run.send("pause")
    paused = run.wait_for(ev.Paused)
    target = paused.iter + 4
    run.send("fly away")
    run.send(f"target {target}")
    changed = run.wait_for(ev.TargetChanged)  # taken while paused: every process meets every few seconds
    assert (changed.old, changed.new) == (100_000, target)
    run.send("resume")
    assert run.wait_for(ev.Resumed).iter == paused.iter
    return target


@pytest.mark.skipif(sys.platform != "linux", reason="several devices are offered on Linux only")
def test_two_processes_report_json_events_and_obey_commands_on_stdin(tmp_path, small_book, json_runs):
    model = _model(tmp_path / "model", small_book)
    run = json_runs(model, "--devices", "2", "--device", "cpu")
    started = run.wait_for(ev.Started)
    assert started.target == 100_000 and not started.resumed
    target = _pause_retarget_resume(run)
    code, err = run.finish()
    assert code == 0, err
    assert run.events[-1] == ev.Finished(target, "target_reached")  # rank 1 took the new target too, or it hung
    assert [type(e) for e in run.events].count(ev.Started) == 1  # rank 0 alone reports
    assert "warning: ignored 'fly away': the commands are pause, resume, stop and target N" in err
    assert "Traceback" not in err
    assert steps_of(model) == list(range(1, target + 1))

    run = json_runs(model, "--devices", "2", "--device", "cpu", "--iters", "100000")
    assert run.wait_for(ev.Started).resumed
    run.wait_for(ev.Step)
    run.send("stop")
    saved = run.wait_for(ev.CheckpointSaved)
    code, err = run.finish()
    assert code == 0, err
    assert run.events[-1] == ev.Finished(saved.iter, "stopped") and saved.iter > target
    assert list_checkpoints(model / "checkpoints")[-1].iter == saved.iter


def test_one_process_reports_json_events_and_obeys_commands(tmp_path, small_book, json_runs):
    model = _model(tmp_path / "model", small_book)
    run = json_runs(model, "--device", "cpu")
    target = _pause_retarget_resume(run)
    code, err = run.finish()
    assert code == 0 and "Traceback" not in err
    assert run.events[-1] == ev.Finished(target, "target_reached")
    assert isinstance(run.events[-2], ev.CheckpointSaved) and run.events[-2].iter == target


def test_a_refused_run_ends_with_its_error_as_an_event_the_app_can_translate(tmp_path, small_book, json_runs):
    """The app shows a command's error in the user's language: it needs the template and fields, not English."""
    model = _model(tmp_path / "model", small_book)
    run = json_runs(model, "--device", "cpu", "--batch-size", "0")
    failed = run.wait_for(ev.Failed)
    assert run.proc.wait(timeout=WAIT_S) == 2 and run.events == [failed]
    assert failed.message.template.startswith("{name} must be") and failed.message.fields["name"] == "batch_size"
    assert f"error: {str(failed.message).replace('batch_size', '--batch-size')}" in run.err_path.read_text()
