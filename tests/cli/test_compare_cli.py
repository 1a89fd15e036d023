"""`azr-desktop compare`: the table as JSON, the curves as a PNG, and one clear line for bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from cli_helpers import cli, one_error_line

from azr_desktop.core.compare import compare_one


def test_json_table_of_two_models_with_a_held_out_book(capsys, trained_model, other_trained_model, anna_karenina):
    code, out, err = cli(capsys, "compare", trained_model.path, other_trained_model.path, "--book", anna_karenina)
    assert code == 0, err
    table = json.loads(out)
    assert table["book"] == str(anna_karenina)
    tiny, wider = table["models"]
    assert (tiny["name"], wider["name"]) == ("Tiny test", "Wider test")
    assert tiny["params"] < wider["params"] and tiny["iter"] == wider["iter"] == 20
    assert (tiny["tokens_seen"], wider["tokens_seen"]) == (20 * 4 * 32, 20 * 8 * 32)
    for row, md in ((tiny, trained_model), (wider, other_trained_model)):
        evals = [r for r in md.read_metrics() if r["event"] == "Eval"]
        assert row["latest_val"] == {"iter": 20, "bits_per_byte": evals[-1]["bits_per_byte"]}
        assert row["best_val"]["bits_per_byte"] == min(e["bits_per_byte"] for e in evals)
        assert row["text_seen_bytes"] == compare_one(md).text_seen_bytes > row["tokens_seen"]
        assert row["time_trained_s"] > 0 and row["books"] == ["shakespeare_40k.txt"]
        assert 1 < row["held_out"]["bits_per_byte"] < 12  # a barely trained model on Russian it never saw
    assert tiny["held_out"]["bytes"] == wider["held_out"]["bytes"] == len(anna_karenina.read_text("utf-8").encode())
    assert tiny["held_out"]["tokens"] != wider["held_out"]["tokens"]

    code, out, _ = cli(capsys, "compare", trained_model.path, other_trained_model.path)
    assert code == 0 and json.loads(out)["models"][0]["held_out"] is None


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", data[:16]
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def test_plot_writes_a_png_with_a_colour_per_model(tmp_path, trained_model, other_trained_model):
    from PySide6.QtGui import QImage

    out = tmp_path / "curves.png"
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    run = subprocess.run(
        [sys.executable, "-m", "azr_desktop", "compare", trained_model.path, other_trained_model.path,
         "--plot", out, "--x", "text"],
        capture_output=True, text=True, env=env, timeout=300,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert f"saved the curves to {out}" in run.stderr and len(json.loads(run.stdout)["models"]) == 2
    data = out.read_bytes()
    assert _png_size(data) == (1200, 720) and len(data) > 10_000
    image = QImage(str(out))
    pixels = [image.pixelColor(x, y).name() for x in range(0, 1200, 2) for y in range(0, 720, 2)]
    for colour in ("#0072b2", "#e69f00"):  # the first two models' colours in the light theme
        assert pixels.count(colour) > 50, colour
    assert not list(tmp_path.glob(".*"))  # written atomically: no temp file left


@pytest.mark.parametrize("case", ["not a model", "one model", "binary book", "not a png"])
def test_bad_input_is_one_line_and_exit_2(capsys, tmp_path, trained_model, case):
    binary = tmp_path / "book.txt"
    binary.write_bytes(bytes(range(256)) * 64)
    args = {
        "not a model": (trained_model.path, tmp_path),
        "one model": (trained_model.path,),
        "binary book": (trained_model.path, trained_model.path, "--book", binary),
        "not a png": (trained_model.path, trained_model.path, "--plot", tmp_path / "curves.jpg"),
    }[case]
    code, out, err = cli(capsys, "compare", *args)
    line = one_error_line(err)
    assert code == 2 and out == ""
    expected = {
        "not a model": "is not an AZR Desktop model folder",
        "one model": "a comparison needs at least two models",
        "binary book": "book.txt",
        "not a png": "--plot",
    }[case]
    assert expected in line, line
