"""The model: shapes, losses, caching, causality, sampling, and equivalence with a plain Llama reference."""

from __future__ import annotations

import math

import pytest
import torch
import torch.nn.functional as F

from azr_desktop.core.config import ModelConfig
from azr_desktop.core.model import CPU_EXPLICIT_ATTENTION_MAX_T, GPT, KVCache, _Rotary, causal_attention, rope_table

CFG = ModelConfig(vocab_size=300, d_model=32, n_layers=2, n_heads=4, d_ff=48, context=16)


@pytest.fixture(autouse=True, scope="module")
def one_thread():
    """Tiny tensors: one thread is as fast, and does not stall when other processes share the cores."""
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


@pytest.fixture
def model() -> GPT:
    torch.manual_seed(0)
    return GPT(CFG)


def random_ids(*shape: int, seed: int = 1) -> torch.Tensor:
    return torch.randint(0, CFG.vocab_size, shape, generator=torch.Generator().manual_seed(seed))


def llama_reference(model: GPT, idx: torch.Tensor) -> torch.Tensor:
    """Logits computed the way Hugging Face's LlamaForCausalLM computes them (separate q/k/v/gate/up weights,
    rotate_half, plain autograd), from our weights split as the module docstring says."""
    cfg = model.cfg
    B, T = idx.shape
    H, hd, d = cfg.n_heads, cfg.head_dim, cfg.d_model

    def rms(x: torch.Tensor, w: torch.Tensor) -> torch.Tensor:
        var = x.float().pow(2).mean(-1, keepdim=True)
        return w * (x.float() * torch.rsqrt(var + cfg.norm_eps)).to(x.dtype)

    def rotate_half(x: torch.Tensor) -> torch.Tensor:
        x1, x2 = x[..., : hd // 2], x[..., hd // 2 :]
        return torch.cat((-x2, x1), dim=-1)

    inv_freq = 1.0 / (cfg.rope_theta ** (torch.arange(0, hd, 2, dtype=torch.int64).float() / hd))
    freqs = torch.arange(T).float()[:, None] * inv_freq[None, :]
    emb = torch.cat((freqs, freqs), dim=-1)
    cos, sin = emb.cos(), emb.sin()  # (T, hd)

    x = model.tok_emb.weight[idx]
    for blk in model.blocks:
        h = rms(x, blk.attn_norm.weight)
        wq, wk, wv = blk.attn.qkv.weight.split(d, dim=0)
        q, k, v = ((h @ w.T).view(B, T, H, hd).transpose(1, 2) for w in (wq, wk, wv))
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        y = F.scaled_dot_product_attention(q, k, v, is_causal=True).transpose(1, 2).reshape(B, T, d)
        x = x + y @ blk.attn.proj.weight.T
        h = rms(x, blk.mlp_norm.weight)
        x = x + (F.silu(h @ blk.mlp.gate.weight.T) * (h @ blk.mlp.up.weight.T)) @ blk.mlp.down.weight.T
    return rms(x, model.norm.weight) @ model.lm_head.weight.T


def test_shapes_and_dtypes(model: GPT) -> None:
    idx = random_ids(3, 10)
    logits = model(idx)
    assert logits.shape == (3, 10, CFG.vocab_size) and logits.dtype == torch.float32
    loss = model(idx, random_ids(3, 10, seed=2))
    assert loss.shape == () and loss.dtype == torch.float32
    assert model.token_nll(idx, random_ids(3, 10, seed=2)).shape == (3, 10)


def test_initial_loss_is_about_uniform(model: GPT) -> None:
    loss = model(random_ids(4, CFG.context), random_ids(4, CFG.context, seed=2)).item()
    assert math.isfinite(loss)
    assert abs(loss - math.log(CFG.vocab_size)) < 0.15 * math.log(CFG.vocab_size)


@pytest.mark.parametrize("cfg", [CFG, ModelConfig(vocab_size=1000, d_model=48, n_layers=3, n_heads=3, d_ff=100)])
def test_num_params_matches_config(cfg: ModelConfig) -> None:
    m = GPT(cfg)
    assert m.num_params() == cfg.num_params()
    assert m.num_params() == sum(p.numel() for p in m.state_dict().values()) - cfg.vocab_size * cfg.d_model


def test_weights_are_tied_and_named_for_export(model: GPT) -> None:
    assert model.tok_emb.weight is model.lm_head.weight
    keys = set(model.state_dict())
    layer0 = {k for k in keys if k.startswith("blocks.0.")}
    assert layer0 == {
        "blocks.0.attn_norm.weight",
        "blocks.0.attn.qkv.weight",
        "blocks.0.attn.proj.weight",
        "blocks.0.mlp_norm.weight",
        "blocks.0.mlp.gate.weight",
        "blocks.0.mlp.up.weight",
        "blocks.0.mlp.down.weight",
    }
    assert {k for k in keys if not k.startswith("blocks.")} == {"tok_emb.weight", "norm.weight", "lm_head.weight"}
    assert all(name.endswith("weight") for name, _ in model.named_parameters())  # no biases


def test_matches_llama_reference_logits_and_gradients(model: GPT) -> None:
    # Train a few steps first so that norm weights are not all ones and the comparison means something.
    opt = torch.optim.AdamW(model.parameters(), lr=1e-2)
    for _ in range(3):
        opt.zero_grad()
        model(random_ids(2, CFG.context), random_ids(2, CFG.context, seed=3)).backward()
        opt.step()
    idx, targets = random_ids(2, CFG.context, seed=4), random_ids(2, CFG.context, seed=5)
    torch.testing.assert_close(model(idx), llama_reference(model, idx), atol=1e-5, rtol=1e-4)

    params = [p for _, p in model.named_parameters()]
    ours = torch.autograd.grad(model(idx, targets), params)
    ref_loss = F.cross_entropy(llama_reference(model, idx).view(-1, CFG.vocab_size), targets.view(-1))
    theirs = torch.autograd.grad(ref_loss, params)
    for (name, _), a, b in zip(model.named_parameters(), ours, theirs):
        torch.testing.assert_close(a, b, atol=1e-6, rtol=1e-4, msg=name)


@pytest.mark.parametrize("T", [1, 16, CPU_EXPLICIT_ATTENTION_MAX_T, CPU_EXPLICIT_ATTENTION_MAX_T + 1])
def test_causal_attention_matches_a_float64_reference(T: int) -> None:
    """Short windows take explicit matrix products on a CPU, longer ones the flash kernel: both agree with softmax
    attention computed in float64, forward and backward, for q/k/v laid out as the model makes them."""
    torch.manual_seed(0)
    B, H, hd = 2, 3, 8
    qkv = torch.randn(B, T, 3, H, hd, requires_grad=True)
    q, k, v = (qkv[:, :, i].transpose(1, 2) for i in range(3))  # (B, H, T, hd) views, as in Attention
    grad_out = torch.randn(B, H, T, hd)
    ours = torch.autograd.grad(causal_attention(q, k, v), qkv, grad_out)[0]

    q64, k64, v64 = (t.double() for t in (q, k, v))
    scores = (q64 @ k64.transpose(-1, -2)) / math.sqrt(hd)
    scores = scores.masked_fill(torch.ones(T, T, dtype=torch.bool).triu(1), float("-inf"))
    want_out = scores.softmax(-1) @ v64
    want_grad = torch.autograd.grad(want_out, qkv, grad_out.double())[0]
    torch.testing.assert_close(causal_attention(q, k, v), want_out.float(), atol=1e-5, rtol=1e-4)
    torch.testing.assert_close(ours, want_grad.float(), atol=1e-5, rtol=1e-4)


def test_rotary_backward_takes_gradients_in_any_layout() -> None:
    """Rotation pairs (x[2j], x[2j+1]) as complex numbers; a gradient whose pairs are not side by side in memory
    (stride 2 here) must give the same input gradient as autograd through a plain complex rotation."""
    torch.manual_seed(0)
    B, T, H, hd = 2, 5, 3, 8
    rope = rope_table(hd, T, 10000.0)  # (T, 1, hd/2)
    qkv = torch.randn(B, T, 3, H, hd, requires_grad=True)
    grads = [torch.randn(B, H, T, 2 * hd)[..., ::2] for _ in range(3)]  # last-dimension stride 2
    ours = torch.autograd.grad(_Rotary.apply(qkv, rope), qkv, grads)[0]

    def plain(i: int) -> torch.Tensor:
        z = torch.view_as_complex(qkv[:, :, i].reshape(B, T, H, hd // 2, 2))
        return torch.view_as_real(z * rope).reshape(B, T, H, hd).transpose(1, 2)

    want = torch.autograd.grad((plain(0), plain(1), qkv[:, :, 2].transpose(1, 2)), qkv, grads)[0]
    torch.testing.assert_close(ours, want, atol=1e-6, rtol=1e-5)


def test_torch_compile_traces_the_training_step(model: GPT) -> None:
    """``--compile`` traces forward and backward (custom autograd functions, complex rotation) with dynamo; the
    aot_eager backend runs that tracing without needing a C++ compiler."""
    twin = GPT(CFG)
    twin.load_state_dict(model.state_dict())
    idx, targets = random_ids(2, CFG.context), random_ids(2, CFG.context, seed=2)

    def step(m: GPT) -> torch.Tensor:
        loss = m(idx, targets)
        loss.backward()
        return loss.detach()

    want = step(model)
    torch.testing.assert_close(torch.compile(step, backend="aot_eager")(twin), want, atol=1e-6, rtol=1e-5)
    for a, b in zip(model.parameters(), twin.parameters()):
        torch.testing.assert_close(b.grad, a.grad, atol=1e-6, rtol=1e-5)


def test_cached_decoding_matches_full_forward(model: GPT) -> None:
    idx = random_ids(2, CFG.context)
    with torch.no_grad():
        full = model(idx)
        cache = model.new_cache(2)
        parts = [model(idx[:, :5], cache=cache)]  # prefill
        parts += [model(idx[:, t : t + 1], cache=cache) for t in range(5, 9)]  # one token at a time
        parts.append(model(idx[:, 9:], cache=cache))  # several tokens after a past: needs the explicit mask
    assert cache.pos == CFG.context
    torch.testing.assert_close(torch.cat(parts, dim=1), full, atol=1e-4, rtol=0)


def test_cache_bounds(model: GPT) -> None:
    cache = model.new_cache(1, max_len=4)
    assert isinstance(cache, KVCache) and cache.k.shape == (CFG.n_layers, 1, CFG.n_heads, 4, CFG.head_dim)
    with pytest.raises(ValueError):
        model(random_ids(1, 5), cache=cache)
    with pytest.raises(ValueError):
        model.new_cache(1, max_len=CFG.context + 1)
    with pytest.raises(ValueError):
        model(random_ids(1, CFG.context + 1))


def test_causal(model: GPT) -> None:
    idx = random_ids(1, CFG.context)
    changed = idx.clone()
    changed[0, 10] = (changed[0, 10] + 1) % CFG.vocab_size
    a, b = model(idx), model(changed)
    torch.testing.assert_close(a[:, :10], b[:, :10], atol=1e-6, rtol=0)
    assert not torch.allclose(a[:, 10:], b[:, 10:])


def test_token_nll_agrees_with_loss(model: GPT) -> None:
    idx, targets = random_ids(3, 12), random_ids(3, 12, seed=2)
    nll = model.token_nll(idx, targets)
    torch.testing.assert_close(nll.mean(), model(idx, targets), atol=1e-5, rtol=0)
    targets[:, :4] = -1  # ignored positions: zero nll, left out of the mean
    nll = model.token_nll(idx, targets)
    assert (nll[:, :4] == 0).all()
    torch.testing.assert_close(nll[:, 4:].mean(), model(idx, targets), atol=1e-5, rtol=0)


def test_optimizer_groups_cover_each_parameter_once(model: GPT) -> None:
    decay, no_decay = model.optimizer_groups(0.1)
    assert decay["weight_decay"] == 0.1 and no_decay["weight_decay"] == 0.0
    assert all(p.dim() == 2 for p in decay["params"]) and all(p.dim() == 1 for p in no_decay["params"])
    assert any(p is model.tok_emb.weight for p in decay["params"])
    ids = [id(p) for g in (decay, no_decay) for p in g["params"]]
    assert len(ids) == len(set(ids)) == len(list(model.parameters()))


def test_bf16_autocast_runs(model: GPT) -> None:
    idx, targets = random_ids(2, CFG.context), random_ids(2, CFG.context, seed=2)
    fp32 = model(idx, targets).item()
    with torch.autocast("cpu", dtype=torch.bfloat16):
        loss = model(idx, targets)
        loss.backward()
    assert loss.dtype == torch.float32 and abs(loss.item() - fp32) < 0.05
    assert all(p.grad is not None and torch.isfinite(p.grad).all() for p in model.parameters())


def test_training_on_a_pattern_reduces_loss(model: GPT) -> None:
    pattern = torch.arange(8).repeat(5)  # 0..7 repeated
    x, y = pattern[: CFG.context].unsqueeze(0), pattern[1 : CFG.context + 1].unsqueeze(0)
    opt = torch.optim.AdamW(model.optimizer_groups(0.1), lr=1e-2)
    first = model(x, y).item()
    for _ in range(30):
        opt.zero_grad()
        loss = model(x, y)
        loss.backward()
        opt.step()
    assert loss.item() < 0.3 * first
