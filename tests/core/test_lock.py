"""One writer per model folder (core/lock.py): refused at once with who holds it, free again when its holder dies;
and the incremental reading of metrics.jsonl that lets the app follow another program's run."""

from __future__ import annotations

import json
import os
import signal
import socket
import time

import pytest

from azr_desktop.core.errors import ModelInUse
from azr_desktop.core.lock import INFO_FILE, LOCK_FILE, WriterLock, in_use, read_holder
from azr_desktop.core.modeldir import ModelDir


def test_a_second_writer_is_refused_at_once_with_who_holds_it(tmp_path):
    with WriterLock(tmp_path, "training"):
        info = json.loads((tmp_path / INFO_FILE).read_text(encoding="utf-8"))
        assert info["pid"] == os.getpid() and info["host"] == socket.gethostname() and info["purpose"] == "training"
        t0 = time.monotonic()
        with pytest.raises(ModelInUse) as refused, WriterLock(tmp_path, "renaming"):
            pass
        assert time.monotonic() - t0 < 5
        since = read_holder(tmp_path).since_text()
        assert str(refused.value) == (
            f"{tmp_path.name} is being trained by process {os.getpid()} on {socket.gethostname()} since {since};"
            " wait for it to finish or stop it"
        )
        assert refused.value.holder.is_this_process  # not reentrant: the app's own training refuses its own rename
        assert in_use(tmp_path) is not None
    assert not (tmp_path / INFO_FILE).exists()
    assert in_use(tmp_path) is None
    with WriterLock(tmp_path, "renaming"):  # free again
        pass


def test_looking_never_creates_files_or_blocks(tmp_path):
    assert in_use(tmp_path) is None
    assert list(tmp_path.iterdir()) == []


def test_a_lock_held_by_a_killed_process_is_taken_over(tmp_path, holders):
    proc = holders(tmp_path)
    refused = in_use(tmp_path)
    assert refused is not None and refused.holder.pid == proc.pid and not refused.holder.is_this_process
    with pytest.raises(ModelInUse, match=f"process {proc.pid} "), WriterLock(tmp_path, "training"):
        pass

    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert read_holder(tmp_path).pid == proc.pid  # the killed process's note is still there, and stale
    assert in_use(tmp_path) is None  # the OS dropped its lock
    with WriterLock(tmp_path, "training"):
        assert read_holder(tmp_path).pid == os.getpid()  # overwritten by the new holder
    assert (tmp_path / LOCK_FILE).exists() or os.name == "nt"


def test_a_holder_that_left_no_readable_note_is_still_refused(tmp_path, holders):
    holders(tmp_path)
    (tmp_path / INFO_FILE).write_text('{"pid": 12', encoding="utf-8")  # not what a holder writes, but say so
    with pytest.raises(ModelInUse) as refused, WriterLock(tmp_path, "training"):
        pass
    assert str(refused.value) == f"{tmp_path.name} is in use by another program; wait for it to finish or stop it"


def test_metrics_are_read_from_where_the_last_read_stopped(tmp_path):
    md = ModelDir(tmp_path)
    first = md.read_metrics_since(None)
    assert first.records == [] and not first.rewritten
    with open(md.metrics_path, "a", encoding="utf-8") as f:
        f.write('{"event": "Step", "iter": 1}\n{"event": "Step", "iter": 2}\n{"event": "St')  # a line half written
        f.flush()
        read = md.read_metrics_since(first.position)
        assert [r["iter"] for r in read.records] == [1, 2] and not read.rewritten
        f.write('ep", "iter": 3}\n')
    more = md.read_metrics_since(read.position)
    assert [r["iter"] for r in more.records] == [3] and not more.rewritten
    assert md.read_metrics_since(more.position).records == []

    md.truncate_metrics(2)  # a run resumed from iteration 2: the file is replaced
    again = md.read_metrics_since(more.position)
    assert again.rewritten and [r["iter"] for r in again.records] == [1, 2]


def test_truncating_rewrites_only_when_something_must_go(tmp_path):
    md = ModelDir(tmp_path)
    md.metrics_path.write_text('{"iter": 1}\n{"iter": 2}\n', encoding="utf-8")
    inode = md.metrics_path.stat().st_ino
    md.truncate_metrics(2)
    assert md.metrics_path.stat().st_ino == inode  # nothing to drop: left alone
    with open(md.metrics_path, "a", encoding="utf-8") as f:
        f.write('{"iter": 3')  # torn by a kill: the next run's first line must not be glued to it
    md.truncate_metrics(2)
    assert md.metrics_path.read_text(encoding="utf-8") == '{"iter": 1}\n{"iter": 2}\n'
    md.truncate_metrics(0)  # no checkpoint to resume from: the history starts over too
    assert md.metrics_path.read_text(encoding="utf-8") == ""
