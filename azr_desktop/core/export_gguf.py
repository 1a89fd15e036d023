"""Export as a GGUF file for llama.cpp (and Ollama, LM Studio, ...): architecture ``llama``, tokenizer embedded.

The weights are the Hugging Face Llama ones (``export_hf.llama_weights``) converted as llama.cpp's
``convert_hf_to_gguf.py`` converts ``LlamaForCausalLM``: GGUF tensor names from the ``gguf`` package's own map, and
the rows of q and k permuted per head. Hugging Face rotates the two halves of a head (``rotate_half``); llama.cpp's
``llama`` architecture rotates adjacent pairs, so the permutation interleaves the halves and both compute the same
attention. The output layer is left out: llama.cpp then uses the token embedding, as the model is tied.

The tokenizer is stored as a GPT-2 style byte-level BPE (``tokenizer.ggml.model = gpt2``: tokens, merges, types)
with the GPT-2 pre-tokenizer regex, which is the one our ``ByteLevel`` pre-tokenizer uses. Special tokens are
control tokens; ``<|endoftext|>`` is BOS and EOS, and no BOS is added to prompts, as in AZR Desktop.

Types: f32, f16 or q8_0 for matrices (q8_0 needs rows that are a multiple of 32 long; other matrices stay f16);
norm weights are always f32, as llama.cpp expects.
"""

from __future__ import annotations

import json
from pathlib import Path

import gguf
import numpy as np
import torch

from azr_desktop.core.config import SPECIAL_TOKENS
from azr_desktop.core.export_hf import llama_weights
from azr_desktop.core.model import GPT, rope_permute

ARCH = gguf.MODEL_ARCH.LLAMA
FILE_TYPES = {
    "f32": gguf.LlamaFileType.ALL_F32,
    "f16": gguf.LlamaFileType.MOSTLY_F16,
    "q8_0": gguf.LlamaFileType.MOSTLY_Q8_0,
}
QTYPES = {
    "f32": gguf.GGMLQuantizationType.F32,
    "f16": gguf.GGMLQuantizationType.F16,
    "q8_0": gguf.GGMLQuantizationType.Q8_0,
}


def gguf_tensors(model: GPT) -> dict[str, torch.Tensor]:
    """float32 tensors under their GGUF names, q and k permuted."""
    names = gguf.get_tensor_name_map(ARCH, model.cfg.n_layers)
    out = {}
    for hf_name, t in llama_weights(model).items():
        if hf_name.endswith(("q_proj.weight", "k_proj.weight")):
            t = rope_permute(t, model.cfg.n_heads)
        name = names.get_name(hf_name, try_suffixes=(".weight",))
        if name is None:
            raise ValueError(f"no GGUF name for {hf_name}")
        out[name] = t
    return out


def tensor_type(t: torch.Tensor, dtype: str) -> gguf.GGMLQuantizationType:
    """The type a tensor is stored as: 1-D tensors always f32; q8_0 only where rows split into 32-blocks."""
    if t.dim() == 1:
        return QTYPES["f32"]
    if dtype == "q8_0" and t.shape[-1] % gguf.GGML_QUANT_SIZES[QTYPES["q8_0"]][0]:
        return QTYPES["f16"]
    return QTYPES[dtype]


def write_gguf(path: Path, model: GPT, tokenizer_json: str, dtype: str, name: str) -> None:
    cfg = model.cfg
    w = gguf.GGUFWriter(str(path), gguf.MODEL_ARCH_NAMES[ARCH])
    w.add_name(name)
    w.add_file_type(FILE_TYPES[dtype])
    if dtype == "q8_0":
        w.add_quantization_version(gguf.GGML_QUANT_VERSION)
    w.add_vocab_size(cfg.vocab_size)
    w.add_context_length(cfg.context)
    w.add_embedding_length(cfg.d_model)
    w.add_block_count(cfg.n_layers)
    w.add_feed_forward_length(cfg.d_ff)
    w.add_head_count(cfg.n_heads)
    w.add_head_count_kv(cfg.n_heads)
    w.add_rope_dimension_count(cfg.head_dim)
    w.add_rope_freq_base(cfg.rope_theta)
    w.add_layer_norm_rms_eps(cfg.norm_eps)
    _add_tokenizer(w, tokenizer_json, cfg.vocab_size)
    for tname, t in gguf_tensors(model).items():
        qtype = tensor_type(t, dtype)
        data = gguf.quants.quantize(t.numpy(), qtype)
        w.add_tensor(tname, data, raw_dtype=qtype)
    try:
        w.write_header_to_file()
        w.write_kv_data_to_file()
        w.write_tensors_to_file()
    finally:
        w.close()


def _add_tokenizer(w: gguf.GGUFWriter, tokenizer_json: str, vocab_size: int) -> None:
    """The model may have more embedding rows than the tokenizer has tokens (a small corpus stops BPE short); the
    rows no token uses are listed as unused placeholders, as llama.cpp's converter does."""
    spec = json.loads(tokenizer_json)
    tokens = [f"[PAD{i}]" for i in range(vocab_size)]
    types = [gguf.TokenType.UNUSED] * vocab_size
    for token, idx in spec["model"]["vocab"].items():
        tokens[idx] = token
        types[idx] = gguf.TokenType.NORMAL
    for added in spec["added_tokens"]:
        tokens[added["id"]] = added["content"]
        types[added["id"]] = gguf.TokenType.CONTROL
    merges = [m if isinstance(m, str) else " ".join(m) for m in spec["model"]["merges"]]
    eot = tokens.index(SPECIAL_TOKENS[0])
    w.add_tokenizer_model("gpt2")
    w.add_tokenizer_pre("gpt-2")
    w.add_token_list(tokens)
    w.add_token_types(types)
    w.add_token_merges(merges)
    w.add_bos_token_id(eot)
    w.add_eos_token_id(eot)
    w.add_pad_token_id(eot)
    w.add_add_bos_token(False)
    w.add_add_eos_token(False)


def read_tensors(path: Path) -> dict[str, np.ndarray]:
    """Every tensor of a GGUF file as float32, in its PyTorch shape (for checking an export)."""
    reader = gguf.GGUFReader(str(path))
    out = {}
    for t in reader.tensors:
        values = gguf.quants.dequantize(t.data, t.tensor_type)
        out[t.name] = np.array(values, dtype=np.float32).reshape([int(n) for n in reversed(t.shape)])
    return out
