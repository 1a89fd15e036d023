"""Exports of a real tiny model, each checked against the model itself: the same logits through AZR Desktop,
transformers, the GGUF tensors read back (and llama.cpp, where its Python bindings are installed)."""

from __future__ import annotations

import copy
import json
import math
import os

import numpy as np
import pytest
import torch
from safetensors import safe_open

from azr_desktop.core import export as export_mod
from azr_desktop.core.checkpoint import list_checkpoints, load_checkpoint
from azr_desktop.core.config import ModelConfig
from azr_desktop.core.data import sequential_windows
from azr_desktop.core.errors import CheckpointError, ExportError
from azr_desktop.core.export import export_model
from azr_desktop.core.export_gguf import gguf_tensors, read_tensors, write_gguf
from azr_desktop.core.export_hf import llama_weights
from azr_desktop.core.inference import load_model_file, load_trained, score_book
from azr_desktop.core.model import GPT, rope_permute
from azr_desktop.core.modeldir import ModelDir

TINY = ModelConfig(vocab_size=320, d_model=32, n_layers=2, n_heads=2, d_ff=64, context=32)  # trained_model's
TEXT = "ROMEO: But soft, what light through yonder window breaks?\nАнна Каренина — «роман». 😀\n" * 4


@pytest.fixture(scope="module")
def md(trained_model) -> ModelDir:
    """The session's tiny model: 20 steps, checkpoints at 10 and 20 (exports only read it)."""
    assert trained_model.model_config() == TINY
    return trained_model


@pytest.fixture(scope="module")
def trained(md):
    return load_trained(md)


@pytest.fixture(scope="module")
def text_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("text") / "text.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def logits(model: GPT, ids: list[int]) -> torch.Tensor:
    with torch.no_grad():
        return model(torch.tensor([ids]))[0]


def sample_ids(trained) -> list[int]:
    return [trained.tokenizer.eot_id, *trained.tokenizer.encode(TEXT)][: TINY.context]


# ---- pt and safetensors: one file that AZR Desktop loads back --------------------------------------------------
@pytest.mark.parametrize("fmt", ["pt", "safetensors"])
def test_single_file_round_trip_gives_identical_logits(md, trained, tmp_path, fmt):
    out = tmp_path / f"model.{fmt}"
    result = export_model(md, fmt, out)
    assert result.path == out and result.size_bytes == out.stat().st_size and result.iter == 20
    loaded = load_model_file(out)
    ids = sample_ids(trained)
    assert torch.equal(logits(loaded.model, ids), logits(trained.model, ids))
    assert loaded.model.lm_head.weight is loaded.model.tok_emb.weight
    assert loaded.tokenizer.encode(TEXT) == trained.tokenizer.encode(TEXT) and loaded.iter == 20


def test_pt_loads_with_weights_only_and_is_not_a_training_checkpoint(md, tmp_path):
    out = tmp_path / "model.pt"
    export_model(md, "pt", out)
    raw = torch.load(out, weights_only=True)
    assert raw["azr_model"] == 1 and raw["model_config"] == TINY.to_dict() and "azr_checkpoint" not in raw
    assert "lm_head.weight" not in raw["weights"]
    assert json.loads(raw["tokenizer"])["model"]["type"] == "BPE"
    with pytest.raises(CheckpointError, match="not an AZR Desktop checkpoint"):
        load_checkpoint(out)
    with pytest.raises(ExportError, match="training checkpoint"):
        load_model_file(list_checkpoints(md.checkpoints_dir)[-1].path)


class _Evil:
    def __reduce__(self):
        return (os.system, ("touch pwned_marker",))


def test_a_model_file_that_runs_code_or_does_not_fit_is_refused(md, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    torch.save({"azr_model": 1, "weights": _Evil()}, tmp_path / "evil.pt")
    with pytest.raises(ExportError, match="run code"):
        load_model_file(tmp_path / "evil.pt")
    assert not (tmp_path / "pwned_marker").exists()
    export_model(md, "pt", tmp_path / "m.pt")
    raw = torch.load(tmp_path / "m.pt", weights_only=True)
    raw["weights"]["norm.weight"] = torch.zeros(5)
    torch.save(raw, tmp_path / "m.pt")
    with pytest.raises(ExportError, match=r"do not fit its architecture \(norm.weight\)"):
        load_model_file(tmp_path / "m.pt")


def test_safetensors_keeps_config_and_tokenizer_in_its_metadata(md, tmp_path):
    out = tmp_path / "model.safetensors"
    export_model(md, "safetensors", out)
    with safe_open(str(out), framework="pt") as f:
        meta, names = f.metadata(), set(f.keys())
    assert json.loads(meta["model_config"]) == TINY.to_dict() and json.loads(meta["info"])["iter"] == 20
    assert "tok_emb.weight" in names and "lm_head.weight" not in names  # tied: stored once


def test_f16_halves_the_file_and_stays_close(md, trained, tmp_path):
    f32, f16 = export_model(md, "pt", tmp_path / "a.pt"), export_model(md, "pt", tmp_path / "b.pt", dtype="f16")
    assert f16.size_bytes < 0.6 * f32.size_bytes
    ids = sample_ids(trained)
    assert torch.allclose(logits(load_model_file(f16.path).model, ids), logits(trained.model, ids), atol=1e-2)


def test_any_checkpoint_can_be_exported(md, tmp_path):
    result = export_model(md, "pt", tmp_path / "m10.pt", step=10)
    state = load_checkpoint(list_checkpoints(md.checkpoints_dir)[0].path)
    assert result.iter == 10 and state["iter"] == 10
    weights = torch.load(result.path, weights_only=True)["weights"]
    assert torch.equal(weights["norm.weight"], state["model"]["norm.weight"])
    with pytest.raises(CheckpointError, match="no checkpoint at step 15; the checkpoints are at steps: 10, 20"):
        export_model(md, "pt", tmp_path / "m15.pt", step=15)
    assert not (tmp_path / "m15.pt").exists()


# ---- safety: no overwriting without asking, nothing half-written ----------------------------------------------
def test_an_existing_target_is_replaced_only_with_force(md, tmp_path):
    out = tmp_path / "model.pt"
    out.write_bytes(b"precious")
    with pytest.raises(ExportError, match="already exists.*--force"):
        export_model(md, "pt", out)
    assert out.read_bytes() == b"precious"
    export_model(md, "pt", out, force=True)
    assert load_model_file(out).iter == 20
    folder = tmp_path / "hf"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    with pytest.raises(ExportError, match="a folder with other files in it"):
        export_model(md, "hf", folder, force=True)
    (folder / "config.json").write_text("{}")  # an earlier export
    export_model(md, "hf", folder, force=True)
    assert sorted(p.name for p in folder.iterdir()) == [
        "config.json",
        "generation_config.json",
        "model.safetensors",
        "tokenizer.json",
        "tokenizer_config.json",
    ]
    assert sorted(os.listdir(tmp_path)) == ["hf", "model.pt"]  # no temp files left


@pytest.mark.parametrize("fmt", ["pt", "hf"])
def test_a_failed_export_leaves_the_old_target_and_no_temp_files(md, tmp_path, monkeypatch, fmt):
    out = tmp_path / "target"
    out.write_bytes(b"precious")

    def broken(path, src, dtype):
        real(path, src, dtype)
        raise OSError(28, "No space left on device")

    real = export_mod.WRITERS[fmt]
    monkeypatch.setitem(export_mod.WRITERS, fmt, broken)
    with pytest.raises(OSError):
        export_model(md, fmt, out, force=True)
    assert out.read_bytes() == b"precious" and os.listdir(tmp_path) == ["target"]


@pytest.mark.parametrize(
    "fmt, dtype, words",
    [("onnx", None, "unknown export format 'onnx'"), ("pt", "q8_0", "cannot hold q8_0"), ("gguf", "int4", "int4")],
)
def test_impossible_exports_are_refused(md, tmp_path, fmt, dtype, words):
    with pytest.raises(ExportError, match=words):
        export_model(md, fmt, tmp_path / "x", dtype=dtype)
    assert not (tmp_path / "x").exists()


# ---- Hugging Face --------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def hf_folder(md, tmp_path_factory):
    return export_model(md, "hf", tmp_path_factory.mktemp("hf") / "azr-tiny").path


@pytest.fixture(scope="module")
def transformers():
    os.environ["HF_HUB_OFFLINE"] = "1"
    return pytest.importorskip("transformers")


def test_hf_folder_loads_in_transformers_with_the_same_logits_and_loss(hf_folder, trained, text_file, transformers):
    hf = transformers.AutoModelForCausalLM.from_pretrained(hf_folder).eval()
    tok = transformers.AutoTokenizer.from_pretrained(hf_folder)
    assert type(hf).__name__ == "LlamaForCausalLM" and hf.lm_head.weight is hf.model.embed_tokens.weight
    assert tok(TEXT)["input_ids"] == trained.tokenizer.encode(TEXT) and tok.eos_token_id == 0
    assert tok.decode(trained.tokenizer.encode(TEXT)) == TEXT

    ids = sample_ids(trained)
    with torch.no_grad():
        theirs = hf(torch.tensor([ids])).logits[0]
    assert (theirs - logits(trained.model, ids)).abs().max().item() < 1e-4

    ours = score_book(trained, text_file)  # what 'azr-desktop eval' prints
    nats = 0.0
    all_ids = np.array(trained.tokenizer.encode(TEXT))
    with torch.no_grad():
        for x, y in sequential_windows(all_ids, 0, TINY.context):
            out = hf(x).logits[0]
            nats += torch.nn.functional.cross_entropy(out, y[0], reduction="sum").item()
    assert ours.tokens == len(all_ids)
    assert math.isclose(nats / len(all_ids), ours.loss, rel_tol=1e-4)


def test_hf_config_describes_the_model(hf_folder):
    config = json.loads((hf_folder / "config.json").read_text())
    assert config["architectures"] == ["LlamaForCausalLM"] and config["tie_word_embeddings"] is True
    assert (config["hidden_size"], config["num_hidden_layers"], config["vocab_size"]) == (32, 2, 320)
    assert config["eos_token_id"] == 0 and config["max_position_embeddings"] == TINY.context
    assert json.loads((hf_folder / "generation_config.json").read_text())["eos_token_id"] == 0
    assert set(llama_weights(GPT(TINY))) == set(safe_open(str(hf_folder / "model.safetensors"), "pt").keys())


# ---- GGUF ----------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def gguf_files(md, tmp_path_factory):
    folder = tmp_path_factory.mktemp("gguf")
    return {
        dtype: export_model(md, "gguf", folder / f"m-{dtype}.gguf", dtype=dtype).path
        for dtype in ("f32", "f16", "q8_0")
    }


@pytest.mark.parametrize("dtype, tolerance", [("f32", 0.0), ("f16", 1e-3), ("q8_0", 2e-3)])
def test_every_gguf_tensor_reads_back_as_the_model(gguf_files, trained, dtype, tolerance):
    got = read_tensors(gguf_files[dtype])
    want = gguf_tensors(trained.model)
    assert set(got) == set(want) and "output.weight" not in got and len(got) == 2 + 9 * TINY.n_layers
    for name, tensor in want.items():
        assert got[name].shape == tuple(tensor.shape), name
        assert np.abs(got[name] - tensor.numpy()).max() <= tolerance * max(1.0, float(tensor.abs().max())), name


def test_gguf_sizes_follow_the_type(gguf_files):
    sizes = {dtype: path.stat().st_size for dtype, path in gguf_files.items()}
    assert sizes["f32"] > sizes["f16"] > sizes["q8_0"]


def test_gguf_metadata_and_tokenizer(gguf_files, trained):
    import gguf

    reader = gguf.GGUFReader(str(gguf_files["f16"]))
    fields = {name: field.contents() for name, field in reader.fields.items()}
    assert fields["general.architecture"] == "llama" and fields["tokenizer.ggml.model"] == "gpt2"
    assert (fields["llama.block_count"], fields["llama.embedding_length"], fields["llama.context_length"]) == (
        2,
        32,
        32,
    )
    assert fields["llama.attention.head_count"] == fields["llama.attention.head_count_kv"] == 2
    assert fields["tokenizer.ggml.eos_token_id"] == fields["tokenizer.ggml.bos_token_id"] == 0
    tokens = fields["tokenizer.ggml.tokens"]
    vocab = trained.tokenizer.tok.get_vocab()
    assert len(tokens) == TINY.vocab_size and all(tokens[i] == t for t, i in vocab.items())
    assert fields["tokenizer.ggml.token_type"][0] == gguf.TokenType.CONTROL


def test_gguf_tensors_rebuild_the_model(gguf_files, trained):
    """Undo the GGUF layout (names, q/k permutation) and get the same logits: nothing was lost or misplaced."""
    t = {name: torch.from_numpy(a) for name, a in read_tensors(gguf_files["f32"]).items()}
    h = TINY.n_heads

    def unpermute(w):
        return w.reshape(h, w.shape[0] // h // 2, 2, -1).swapaxes(1, 2).reshape(w.shape)

    sd = {
        "tok_emb.weight": t["token_embd.weight"],
        "lm_head.weight": t["token_embd.weight"],
        "norm.weight": t["output_norm.weight"],
    }
    for i in range(TINY.n_layers):
        b, g = f"blocks.{i}.", f"blk.{i}."
        sd |= {
            b + "attn_norm.weight": t[g + "attn_norm.weight"],
            b + "attn.qkv.weight": torch.cat(
                [unpermute(t[g + "attn_q.weight"]), unpermute(t[g + "attn_k.weight"]), t[g + "attn_v.weight"]]
            ),
            b + "attn.proj.weight": t[g + "attn_output.weight"],
            b + "mlp_norm.weight": t[g + "ffn_norm.weight"],
            b + "mlp.gate.weight": t[g + "ffn_gate.weight"],
            b + "mlp.up.weight": t[g + "ffn_up.weight"],
            b + "mlp.down.weight": t[g + "ffn_down.weight"],
        }
    rebuilt = GPT(TINY)
    rebuilt.load_state_dict(sd)
    ids = sample_ids(trained)
    assert torch.equal(logits(rebuilt.eval(), ids), logits(trained.model, ids))


def test_permuted_q_k_under_llama_cpp_rope_give_the_same_attention_scores():
    """llama.cpp's 'llama' rope rotates adjacent pairs (x[2i], x[2i+1]); ours rotates halves (x[i], x[i + hd/2]).
    With q and k rows permuted as exported, every attention score q.k is the same at every pair of positions."""
    torch.manual_seed(0)
    heads, hd, d, T, theta = 2, 8, 16, 5, 10000.0
    wq, wk, x = torch.randn(heads * hd, d), torch.randn(heads * hd, d), torch.randn(T, d)
    freqs = torch.arange(T)[:, None] * theta ** (-torch.arange(0, hd, 2) / hd)  # (T, hd/2)
    cos, sin = freqs.cos(), freqs.sin()

    def halves(v):  # Hugging Face rotate_half
        a, b = v[..., : hd // 2], v[..., hd // 2 :]
        return torch.cat([a * cos - b * sin, b * cos + a * sin], -1)

    def pairs(v):  # ggml rope, mode 0
        a, b = v[..., 0::2], v[..., 1::2]
        return torch.stack([a * cos - b * sin, a * sin + b * cos], -1).flatten(-2)

    def scores(wq, wk, rope):
        q, k = ((x @ w.T).view(T, heads, hd).transpose(0, 1) for w in (wq, wk))  # (heads, T, hd)
        return rope(q) @ rope(k).transpose(1, 2)

    want = scores(wq, wk, halves)
    assert torch.allclose(scores(rope_permute(wq, heads), rope_permute(wk, heads), pairs), want, atol=1e-4)
    assert not torch.allclose(scores(wq, wk, pairs), want, atol=1e-2)  # without the permutation it is wrong


@pytest.fixture(scope="module")
def sharp(trained):
    """The tiny model with larger random weights: after 20 steps attention is nearly uniform, and a wrong q/k layout
    would change the logits by only about 1e-3; here it changes them by several units."""
    model = copy.deepcopy(trained.model)
    g = torch.Generator().manual_seed(0)
    with torch.no_grad():
        for p in model.parameters():
            if p.dim() == 2:
                p.add_(0.3 * torch.randn(p.shape, generator=g))
    return model


# Measured: f32 2e-5, f16 0.03, q8_0 0.5 (llama.cpp also rounds activations to f16 / 8 bits for those matrix
# products); a wrong q/k layout is off by about 7.
@pytest.mark.parametrize("dtype, tolerance", [("f32", 1e-3), ("f16", 0.1), ("q8_0", 1.0)])
def test_llama_cpp_reads_the_gguf_with_the_same_tokens_and_logits(md, trained, sharp, tmp_path, dtype, tolerance):
    llama_cpp = pytest.importorskip("llama_cpp", reason="llama-cpp-python is not installed (it builds from source)")
    path = tmp_path / "sharp.gguf"
    write_gguf(path, sharp, md.tokenizer_json.read_text(encoding="utf-8"), dtype, "sharp")
    llm = llama_cpp.Llama(
        model_path=str(path),
        n_ctx=TINY.context,
        logits_all=True,
        n_threads=1,
        type_k=llama_cpp.GGML_TYPE_F32,  # llama.cpp keeps keys and values in f16 unless told otherwise
        type_v=llama_cpp.GGML_TYPE_F32,
        verbose=False,
    )
    assert llm.tokenize(TEXT.encode(), add_bos=False, special=False) == trained.tokenizer.encode(TEXT)
    assert llm.detokenize(trained.tokenizer.encode(TEXT)).decode() == TEXT
    ids = sample_ids(trained)
    llm.eval(ids)
    theirs = torch.tensor(np.array(llm.scores[: len(ids)]))
    ours = logits(sharp, ids)
    assert ours.abs().max() > 3
    assert (theirs - ours).abs().max().item() < tolerance, (theirs - ours).abs().max().item()
