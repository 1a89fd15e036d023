"""Checkpoints survive kills, truncation, bit flips and full disks, and never run code from a file."""

from __future__ import annotations

import errno
import io
import os
import random
import zipfile
from collections import OrderedDict
from pathlib import Path

import pytest
import torch

from azr_desktop.core.checkpoint import (
    FORMAT_VERSION,
    LATEST_POINTER,
    checkpoint_path,
    list_checkpoints,
    load_checkpoint,
    load_latest,
    save_checkpoint,
)
from azr_desktop.core.errors import CheckpointError


def make_state(seed: int = 0) -> dict:
    torch.manual_seed(seed)
    model = torch.nn.Linear(4, 3)
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)
    model(torch.randn(2, 4)).sum().backward()
    optimizer.step()
    random.seed(seed)
    return {
        "model": model.state_dict(),
        "optimizer": optimizer.state_dict(),
        "rng": {"torch": torch.get_rng_state(), "python": random.getstate()},
        "extra": OrderedDict(
            bf16=torch.arange(6, dtype=torch.bfloat16).reshape(2, 3),
            transposed=torch.arange(6.0).reshape(2, 3).t(),
            flags=torch.tensor([True, False]),
            scalar=torch.tensor(7, dtype=torch.int64),
            empty=torch.zeros(0, 5),
        ),
        "iter": 1200 + seed,
        "elapsed_s": 12.5,
        "name": "Moby; Dick",
        "done": False,
        "best": None,
        "history": [(1, 2.0), {"a": [3, "x"]}, -0.0],
    }


def assert_same(a: object, b: object) -> None:
    assert type(a) is type(b)
    if isinstance(a, torch.Tensor):
        assert a.dtype == b.dtype and a.shape == b.shape and torch.equal(a, b)
    elif isinstance(a, dict):
        assert list(a) == list(b)
        for key in a:
            assert_same(a[key], b[key])
    elif isinstance(a, (list, tuple)):
        assert len(a) == len(b)
        for x, y in zip(a, b):
            assert_same(x, y)
    else:
        assert repr(a) == repr(b)


def write_record(path: Path, record: object) -> Path:
    torch.save(record, path)
    return path


def raw_record(path: Path) -> dict:
    return torch.load(path, weights_only=True)


def test_round_trip_keeps_every_value_and_type(tmp_path: Path) -> None:
    state = make_state()
    path = save_checkpoint(tmp_path, 1200, state, keep=3)

    assert path == checkpoint_path(tmp_path, 1200) == tmp_path / "step-000001200.pt"
    loaded = load_checkpoint(path)
    assert_same(state, loaded)
    random.setstate(loaded["rng"]["python"])
    torch.set_rng_state(loaded["rng"]["torch"])
    assert raw_record(path)["format_version"] == FORMAT_VERSION
    assert (tmp_path / LATEST_POINTER).read_text(encoding="utf-8") == "step-000001200.pt\n"


def test_list_checkpoints_sorted_and_ignores_other_files(tmp_path: Path) -> None:
    assert list_checkpoints(tmp_path / "missing") == []
    for iteration in (5, 30, 1_000_000_000):
        save_checkpoint(tmp_path, iteration, {"i": iteration}, keep=10)
    for junk in (".step-000000040.pt.abc.tmp", "step-12.pt", "step-0000000012.pt", "notes.txt"):
        (tmp_path / junk).write_text("x")
    (tmp_path / "step-000000050.pt").mkdir()

    infos = list_checkpoints(tmp_path)
    assert [info.iter for info in infos] == [5, 30, 1_000_000_000]
    assert infos[-1].path.name == "step-1000000000.pt"
    assert all(info.size_bytes == info.path.stat().st_size > 0 for info in infos)


def test_retention_keeps_newest_and_removes_stale_temp_files(tmp_path: Path) -> None:
    tmp_path.joinpath(".step-000000009.pt.k1ll3d.tmp").write_bytes(b"half a checkpoint")
    tmp_path.joinpath(".latest.k1ll3d.tmp").write_text("step-")
    for iteration in range(1, 6):
        save_checkpoint(tmp_path, iteration, {"i": iteration}, keep=2)

    assert [info.iter for info in list_checkpoints(tmp_path)] == [4, 5]
    assert sorted(p.name for p in tmp_path.iterdir()) == [LATEST_POINTER, "step-000000004.pt", "step-000000005.pt"]


def test_save_after_falling_back_removes_the_abandoned_newer_checkpoints(tmp_path: Path) -> None:
    for iteration in (10, 20, 30):
        save_checkpoint(tmp_path, iteration, {"i": iteration}, keep=3)
    save_checkpoint(tmp_path, 15, {"i": 15}, keep=3)  # resumed from 10 because 20 and 30 were damaged

    assert [info.iter for info in list_checkpoints(tmp_path)] == [10, 15]
    assert load_latest(tmp_path)[0] == {"i": 15}


def test_truncated_newest_falls_back_to_previous_with_a_warning(tmp_path: Path) -> None:
    save_checkpoint(tmp_path, 1000, make_state(1), keep=3)
    newest = save_checkpoint(tmp_path, 1200, make_state(2), keep=3)
    newest.write_bytes(newest.read_bytes()[: newest.stat().st_size // 2])

    state, path, warnings = load_latest(tmp_path)
    assert_same(state, make_state(1))
    assert path.name == "step-000001000.pt"
    assert len(warnings) == 1
    assert warnings[0].startswith("checkpoint step-000001200.pt is damaged (")
    assert warnings[0].endswith("; continuing from step-000001000.pt")


def test_truncation_at_any_point_is_detected(tmp_path: Path) -> None:
    data = save_checkpoint(tmp_path, 1, make_state(), keep=1).read_bytes()
    damaged = tmp_path / "damaged.pt"
    for cut in sorted({*range(0, len(data), 97), *range(len(data) - 64, len(data))}):
        damaged.write_bytes(data[:cut])
        with pytest.raises(CheckpointError, match=r"damaged\.pt is damaged \(.*; delete it"):
            load_checkpoint(damaged)


def test_flipped_byte_in_a_tensor_is_detected(tmp_path: Path) -> None:
    path = save_checkpoint(tmp_path, 1, {"weights": torch.randn(256)}, keep=1)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        (record,) = [info for info in archive.infolist() if info.filename.endswith("/data/0")]
    extra_len = int.from_bytes(data[record.header_offset + 28 : record.header_offset + 30], "little")
    data[record.header_offset + 30 + len(record.filename) + extra_len + 513] ^= 0x01
    path.write_bytes(bytes(data))

    with pytest.raises(CheckpointError, match=r"step-000000001\.pt is damaged \(checksum mismatch\); delete it"):
        load_checkpoint(path)


TAMPERINGS = {
    "int": lambda s: s.update(iter=1201),
    "float": lambda s: s.update(elapsed_s=12.500001),
    "negative zero": lambda s: s.update(history=[*s["history"][:-1], 0.0]),
    "list to tuple": lambda s: s.update(history=tuple(s["history"])),
    "bool to int": lambda s: s.update(done=0),
    "tensor dtype": lambda s: s["extra"].update(scalar=torch.tensor(7, dtype=torch.int32)),
    "same bytes, other dtype": lambda s: s["extra"].update(flags=s["extra"]["flags"].to(torch.uint8)),
    "same values, other shape": lambda s: s["extra"].update(transposed=s["extra"]["transposed"].reshape(6)),
    "tuple item": lambda s: s["rng"].update(python=s["rng"]["python"][:2] + (1.0,)),
    "key": lambda s: s.update(renamed=s.pop("name")),
}


@pytest.mark.parametrize("tamper", TAMPERINGS.values(), ids=TAMPERINGS.keys())
def test_checksum_covers_values_types_shapes_and_structure(tmp_path: Path, tamper) -> None:
    path = save_checkpoint(tmp_path, 1, make_state(), keep=1)
    record = raw_record(path)
    tamper(record["payload"])
    write_record(path, record)

    with pytest.raises(CheckpointError, match=r"is damaged \(checksum mismatch\)"):
        load_checkpoint(path)


def test_pointer_is_a_hint_not_a_requirement(tmp_path: Path) -> None:
    for iteration in (1, 2, 3):
        save_checkpoint(tmp_path, iteration, {"i": iteration}, keep=3)
    pointer = tmp_path / LATEST_POINTER

    def newest() -> tuple[dict, list[str]]:
        state, _, warnings = load_latest(tmp_path)
        return state, warnings

    pointer.write_text("step-000000001.pt\n")  # killed after step 3 was renamed into place, before the pointer moved
    assert newest() == ({"i": 3}, [])
    pointer.unlink()
    assert newest() == ({"i": 3}, [])
    pointer.write_text("../../etc/passwd")
    assert newest() == ({"i": 3}, [])

    pointer.write_text("step-000000003.pt\n")
    checkpoint_path(tmp_path, 3).unlink()
    state, path, warnings = load_latest(tmp_path)
    assert (state, path.name) == ({"i": 2}, "step-000000002.pt")
    assert warnings == [
        "checkpoint step-000000003.pt, the last one saved, is missing; continuing from step-000000002.pt"
    ]


def test_no_checkpoints_and_no_loadable_checkpoints(tmp_path: Path) -> None:
    assert load_latest(tmp_path / "missing") is None
    assert load_latest(tmp_path) is None
    for iteration in (1, 2):
        save_checkpoint(tmp_path, iteration, {"i": iteration}, keep=3).write_bytes(b"")

    with pytest.raises(CheckpointError, match=r"none of the 2 checkpoints in .* can be loaded \(the newest, "
                       r"step-000000002\.pt, is damaged .*\); restore that folder from a backup, or delete it"):
        load_latest(tmp_path)
    with pytest.raises(CheckpointError, match=r"nothing\.pt does not exist"):
        load_checkpoint(tmp_path / "nothing.pt")


class RunsCode:
    """Unpickling this calls ``function(source)``: what a planted checkpoint would do."""

    def __init__(self, function, source: str) -> None:
        self.function, self.source = function, source

    def __reduce__(self):
        return self.function, (self.source,)


@pytest.mark.parametrize("function", [exec, eval])
def test_code_in_a_checkpoint_is_refused_without_running(tmp_path: Path, function) -> None:
    marker = tmp_path / "pwned"
    source = f"open({str(marker)!r}, 'w').close()"
    save_checkpoint(tmp_path, 1, {"i": 1}, keep=3)
    planted = write_record(checkpoint_path(tmp_path, 2), {
        "azr_checkpoint": True, "format_version": 1, "sha256": "0" * 64, "payload": {"i": RunsCode(function, source)},
    })

    with pytest.raises(CheckpointError, match=r"step-000000002\.pt is not a safe AZR Desktop checkpoint; .*delete it"):
        load_checkpoint(planted)
    state, _, warnings = load_latest(tmp_path)
    assert state == {"i": 1}
    assert warnings == [
        "checkpoint step-000000002.pt is not a safe AZR Desktop checkpoint; continuing from step-000000001.pt"
    ]
    assert not marker.exists()
    torch.load(planted, weights_only=False)  # proves the planted file really runs code when loaded unsafely
    assert marker.exists()


def test_foreign_files_are_refused(tmp_path: Path) -> None:
    foreign = write_record(tmp_path / "someone_elses.pt", torch.nn.Linear(2, 2).state_dict())
    with pytest.raises(CheckpointError, match=r"someone_elses\.pt is not an AZR Desktop checkpoint; choose one"):
        load_checkpoint(foreign)
    text = tmp_path / "notes.pt"
    text.write_text("not a checkpoint at all")
    with pytest.raises(CheckpointError, match=r"notes\.pt is damaged \(unreadable: "):
        load_checkpoint(text)


def test_newer_format_is_refused_and_not_skipped(tmp_path: Path) -> None:
    save_checkpoint(tmp_path, 1, {"i": 1}, keep=3)
    newer = write_record(checkpoint_path(tmp_path, 2), {
        "azr_checkpoint": True, "format_version": FORMAT_VERSION + 1, "sha256": "", "payload": {"new": "layout"},
    })

    message = rf"step-000000002\.pt was saved by a newer AZR Desktop \(format {FORMAT_VERSION + 1}.*\); update AZR"
    with pytest.raises(CheckpointError, match=message):
        load_checkpoint(newer)
    with pytest.raises(CheckpointError, match=message):  # falling back would train over the newer run and prune it
        load_latest(tmp_path)


class FullDisk(io.FileIO):
    """A file on a disk that fills up after ``room`` bytes."""

    room = 4096

    def write(self, data) -> int:
        if self.tell() + len(data) > self.room:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return super().write(data)


@pytest.mark.parametrize("fail", ["write", "rename", "pointer"])
def test_disk_full_keeps_the_previous_checkpoint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fail: str) -> None:
    save_checkpoint(tmp_path, 1, make_state(1), keep=1)
    if fail == "write":
        monkeypatch.setattr(os, "fdopen", lambda fd, mode, **kwargs: FullDisk(fd, mode))
    else:
        real_replace = os.replace

        def replace(src, dst) -> None:
            if Path(dst).name == (LATEST_POINTER if fail == "pointer" else "step-000000002.pt"):
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            real_replace(src, dst)

        monkeypatch.setattr(os, "replace", replace)

    with pytest.raises(CheckpointError, match=r"could not save checkpoint .*step-000000002\.pt: disk full; free some"):
        save_checkpoint(tmp_path, 2, make_state(2), keep=1)
    monkeypatch.undo()

    names = sorted(p.name for p in tmp_path.iterdir())
    assert not [name for name in names if name.endswith(".tmp")]
    assert "step-000000001.pt" in names
    assert (tmp_path / LATEST_POINTER).read_text() == "step-000000001.pt\n"
    state, path, warnings = load_latest(tmp_path)
    expected = 2 if fail == "pointer" else 1  # the pointer failed after step 2 was complete and in place
    assert_same(state, make_state(expected))
    assert (path.name, warnings) == (checkpoint_path(tmp_path, expected).name, [])


def test_other_write_errors_name_the_reason(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(CheckpointError, match=r": Permission denied; check that the folder exists and is writable"):
        save_checkpoint(tmp_path, 1, {"i": 1}, keep=1)


def test_state_that_could_not_be_loaded_safely_is_rejected_before_writing(tmp_path: Path) -> None:
    with pytest.raises(TypeError, match=r"state\['optimizer'\]\['lr'\] is a device"):
        save_checkpoint(tmp_path, 1, {"optimizer": {"lr": torch.device("cpu")}}, keep=1)
    assert list(tmp_path.iterdir()) == []
