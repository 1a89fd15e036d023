"""`azr-desktop generate` and `azr-desktop export` as users script them: streaming text, exported files that
generate the same text as their model folder, sizes reported, one-line errors, nothing overwritten unasked."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import cli, one_error_line

SEEDED = ["--prompt", "ROMEO:", "--max-new-tokens", "30", "--seed", "4", "--temperature", "1.0"]


@pytest.fixture
def model(trained_model) -> Path:
    """The session's tiny model folder: checkpoints at 10 and 20 (generating and exporting leave it unchanged)."""
    return trained_model.path


def test_generate_prints_the_prompt_then_the_text_and_repeats_with_a_seed(capsys, model):
    code, first, _ = cli(capsys, "generate", model, *SEEDED, "--top-p", "0.9", "--repetition-penalty", "1.2")
    assert code == 0 and first.startswith("ROMEO:") and first.endswith("\n") and len(first) > len("ROMEO:\n")
    assert cli(capsys, "generate", model, *SEEDED, "--top-p", "0.9", "--repetition-penalty", "1.2")[1] == first
    assert cli(capsys, "generate", model, *SEEDED)[1] != first


def test_generate_streams_text_before_it_is_done(model):
    """Read the first piece of text from a real process while it still runs."""
    args = ["generate", str(model), "--max-new-tokens", "100000", "--prompt", "A", "--seed", "1"]
    proc = subprocess.Popen(
        [sys.executable, "-m", "azr_desktop", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        first = proc.stdout.read(1 + 20)
        assert first.startswith(b"A") and proc.poll() is None
    finally:
        proc.kill()
        proc.communicate(timeout=30)


def test_stop_sequence_and_a_long_prompt(capsys, model):
    code, full, _ = cli(capsys, "generate", model, *SEEDED)
    stop = full[len("ROMEO:") + 5 : len("ROMEO:") + 7]
    code, out, _ = cli(capsys, "generate", model, *SEEDED, "--stop", stop)
    assert code == 0 and out == full[: full.index(stop, len("ROMEO:"))] + "\n"
    code, out, err = cli(capsys, "generate", model, "--prompt", "word " * 100, "--max-new-tokens", "3")
    assert code == 0 and err.startswith("note: the prompt is") and "last 32 tokens" in err


@pytest.mark.parametrize("fmt", ["pt", "safetensors"])
def test_an_exported_file_generates_what_its_model_folder_does(capsys, model, tmp_path, fmt):
    out = tmp_path / f"shared.{fmt}"
    code, printed, _ = cli(capsys, "export", model, "--format", fmt, "--out", out)
    assert code == 0 and str(out) in printed and "KB" in printed and "iteration 20" in printed
    assert cli(capsys, "generate", out, *SEEDED)[1] == cli(capsys, "generate", model, *SEEDED)[1]


def test_export_every_format_from_a_chosen_checkpoint(capsys, model, tmp_path):
    for fmt, name in [("pt", "m.pt"), ("safetensors", "m.safetensors"), ("hf", "m-hf"), ("gguf", "m.gguf")]:
        code, out, err = cli(capsys, "export", model, "--format", fmt, "--out", tmp_path / name, "--checkpoint", "10")
        assert code == 0 and "iteration 10" in out and (tmp_path / name).exists(), err
    assert (tmp_path / "m-hf" / "config.json").is_file()
    code, out, _ = cli(capsys, "export", model, "--format", "gguf", "--out", tmp_path / "q.gguf", "--dtype", "q8_0")
    assert code == 0 and "(q8_0)" in out
    assert (
        cli(capsys, "generate", model, *SEEDED, "--checkpoint", "10")[1]
        == cli(capsys, "generate", tmp_path / "m.pt", *SEEDED)[1]
    )


def test_export_refuses_to_overwrite_without_force(capsys, model, tmp_path):
    out = tmp_path / "m.gguf"
    out.write_bytes(b"keep me")
    code, _, err = cli(capsys, "export", model, "--format", "gguf", "--out", out)
    assert code == 2 and "--force" in one_error_line(err) and out.read_bytes() == b"keep me"
    code, _, _ = cli(capsys, "export", model, "--format", "gguf", "--out", out, "--force")
    assert code == 0 and out.read_bytes()[:4] == b"GGUF"


@pytest.mark.parametrize(
    "args, words",
    [
        (["export", "{model}", "--format", "onnx", "--out", "{tmp}/x"], "unknown export format 'onnx'"),
        (["export", "{model}", "--format", "pt", "--out", "{tmp}/x", "--checkpoint", "7"], "steps: 10, 20"),
        (["export", "{model}", "--format", "pt", "--out", "{tmp}/x", "--dtype", "q8_0"], "cannot hold q8_0"),
        (["export", "{model}", "--format", "pt"], "--out"),
        (["export", "{tmp}/nothing", "--format", "pt", "--out", "{tmp}/x"], "does not exist"),
        (["generate", "{model}", "--top-p", "1.5"], "--top-p must be"),
        (["generate", "{model}", "--temperature", "-1"], "--temperature must be"),
        (["generate", "{model}", "--checkpoint", "7"], "steps: 10, 20"),
        (["generate", "{model}/checkpoints/step-000000010.pt"], "training checkpoint"),
        (["generate", "{tmp}/junk.pt"], "cannot be read as an AZR Desktop model"),
        (["generate", "{tmp}/junk.gguf"], "nor a .pt or .safetensors model"),
    ],
)
def test_bad_input_is_one_error_line(capsys, model, tmp_path, args, words):
    (tmp_path / "junk.pt").write_bytes(b"not a model")
    (tmp_path / "junk.gguf").write_bytes(b"GGUF")
    code, _, err = cli(capsys, *[a.format(model=model, tmp=tmp_path) for a in args])
    assert code == 2 and words in one_error_line(err)
    assert not (tmp_path / "x").exists()
