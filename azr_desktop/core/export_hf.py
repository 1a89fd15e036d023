"""Export as a Hugging Face ``LlamaForCausalLM`` folder that ``transformers`` loads offline, with no custom code.

Our blocks are Llama's (RMSNorm, rotary positions in the same ``rotate_half`` convention, SwiGLU, no biases, tied
output layer), so the export renames weights and splits the fused q/k/v projection; nothing is permuted.

Files: ``config.json``, ``model.safetensors`` (``lm_head.weight`` left out: ``tie_word_embeddings`` restores it),
``tokenizer.json`` (ours, unchanged), ``tokenizer_config.json`` and ``generation_config.json``. One difference
remains: AZR Desktop reads text that spells a special token, such as ``<|endoftext|>``, as plain text, while a
Hugging Face tokenizer turns it into the special token.
"""

from __future__ import annotations

import json
from pathlib import Path

import torch
from safetensors.torch import save_file

from azr_desktop.core.config import SPECIAL_TOKENS, SampleConfig
from azr_desktop.core.model import GPT

EOT = SPECIAL_TOKENS[0]


def llama_weights(model: GPT) -> dict[str, torch.Tensor]:
    """Our weights under ``LlamaForCausalLM``'s names, float32, without the tied ``lm_head.weight``."""
    d = model.cfg.d_model
    sd = model.state_dict()
    out = {"model.embed_tokens.weight": sd["tok_emb.weight"], "model.norm.weight": sd["norm.weight"]}
    for i in range(model.cfg.n_layers):
        ours, theirs = f"blocks.{i}.", f"model.layers.{i}."
        q, k, v = sd[ours + "attn.qkv.weight"].split(d)  # rows: q, then k, then v
        out |= {
            theirs + "input_layernorm.weight": sd[ours + "attn_norm.weight"],
            theirs + "self_attn.q_proj.weight": q,
            theirs + "self_attn.k_proj.weight": k,
            theirs + "self_attn.v_proj.weight": v,
            theirs + "self_attn.o_proj.weight": sd[ours + "attn.proj.weight"],
            theirs + "post_attention_layernorm.weight": sd[ours + "mlp_norm.weight"],
            theirs + "mlp.gate_proj.weight": sd[ours + "mlp.gate.weight"],
            theirs + "mlp.up_proj.weight": sd[ours + "mlp.up.weight"],
            theirs + "mlp.down_proj.weight": sd[ours + "mlp.down.weight"],
        }
    return {name: t.detach().float().cpu() for name, t in out.items()}


def hf_config(model: GPT, dtype: torch.dtype) -> dict:
    cfg = model.cfg
    return {
        "architectures": ["LlamaForCausalLM"],
        "model_type": "llama",
        "vocab_size": cfg.vocab_size,
        "hidden_size": cfg.d_model,
        "intermediate_size": cfg.d_ff,
        "num_hidden_layers": cfg.n_layers,
        "num_attention_heads": cfg.n_heads,
        "num_key_value_heads": cfg.n_heads,
        "head_dim": cfg.head_dim,
        "hidden_act": "silu",
        "max_position_embeddings": cfg.context,
        "rms_norm_eps": cfg.norm_eps,
        "rope_theta": cfg.rope_theta,  # transformers 4
        "rope_parameters": {"rope_type": "default", "rope_theta": cfg.rope_theta},  # transformers 5
        "rope_scaling": None,
        "attention_bias": False,
        "attention_dropout": 0.0,
        "mlp_bias": False,
        "tie_word_embeddings": True,
        "bos_token_id": 0,
        "eos_token_id": 0,
        "pad_token_id": None,
        "initializer_range": 0.02,
        "use_cache": True,
        "torch_dtype": str(dtype).removeprefix("torch."),
    }


def tokenizer_config(model: GPT) -> dict:
    """A fast tokenizer over our tokenizer.json: no BOS/EOS added to inputs, as AZR Desktop encodes prompts."""
    return {
        "tokenizer_class": "PreTrainedTokenizerFast",
        "bos_token": EOT,
        "eos_token": EOT,
        "pad_token": EOT,
        "add_bos_token": False,
        "add_eos_token": False,
        "additional_special_tokens": list(SPECIAL_TOKENS[1:]),
        "clean_up_tokenization_spaces": False,
        "model_max_length": model.cfg.context,
    }


def generation_config() -> dict:
    sc = SampleConfig()
    return {
        "bos_token_id": 0,
        "eos_token_id": 0,
        "pad_token_id": 0,
        "do_sample": True,
        "temperature": sc.temperature,
        "top_k": sc.top_k,
        "top_p": sc.top_p,
        "max_new_tokens": sc.max_new_tokens,
    }


def write_folder(folder: Path, model: GPT, tokenizer_json: str, dtype: torch.dtype) -> None:
    folder.mkdir()
    weights = {name: t.to(dtype).contiguous() for name, t in llama_weights(model).items()}
    save_file(weights, str(folder / "model.safetensors"), metadata={"format": "pt"})
    (folder / "tokenizer.json").write_text(tokenizer_json, encoding="utf-8")
    for name, content in (
        ("config.json", hf_config(model, dtype)),
        ("tokenizer_config.json", tokenizer_config(model)),
        ("generation_config.json", generation_config()),
    ):
        (folder / name).write_text(json.dumps(content, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
