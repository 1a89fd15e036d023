"""A Llama-style decoder-only transformer, small enough to train on a CPU.

Token embedding (no learned positions) -> ``n_layers`` x [RMSNorm -> causal attention with rotary positions ->
residual; RMSNorm -> SwiGLU MLP -> residual] -> RMSNorm -> output layer tied to the embedding. No biases, no dropout.

At the sizes people train on a laptop, a CPU step spends much of its time outside the matrix products: per-operator
overhead and passes over the activations. So the blocks use as few such passes as they can: one fused q/k/v
projection; rotary positions (one complex multiplication) and RMSNorm as small autograd functions whose hand-written
backward passes need fewer kernels than autograd's decomposition; ``F.scaled_dot_product_attention``, except for
short windows on a CPU, where explicit matrix products are faster. Gate and up stay two projections: on a
CPU that measured faster than one fused projection, whose halves are strided and whose backward needs a
concatenation.

Weight layout, chosen so that export to Hugging Face ``LlamaForCausalLM`` is a split and a rename (no permutation,
because the rotary convention is the same ``rotate_half`` one):

    tok_emb.weight                 (vocab, d)        -> model.embed_tokens.weight (and lm_head.weight, tied)
    blocks.{i}.attn_norm.weight    (d,)              -> model.layers.{i}.input_layernorm.weight
    blocks.{i}.attn.qkv.weight     (3d, d)           -> rows [0:d] q_proj, [d:2d] k_proj, [2d:3d] v_proj
    blocks.{i}.attn.proj.weight    (d, d)            -> model.layers.{i}.self_attn.o_proj.weight
    blocks.{i}.mlp_norm.weight     (d,)              -> model.layers.{i}.post_attention_layernorm.weight
    blocks.{i}.mlp.gate.weight     (d_ff, d)         -> model.layers.{i}.mlp.gate_proj.weight
    blocks.{i}.mlp.up.weight       (d_ff, d)         -> model.layers.{i}.mlp.up_proj.weight
    blocks.{i}.mlp.down.weight     (d, d_ff)         -> model.layers.{i}.mlp.down_proj.weight
    norm.weight                    (d,)              -> model.norm.weight
    lm_head.weight                 (vocab, d)        the same tensor as tok_emb.weight
"""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F
from torch import Tensor, nn

from azr_desktop.core.config import ModelConfig


class KVCache:
    """Keys and values of the tokens seen so far, preallocated so that decoding one token allocates nothing.

    ``k[i]`` and ``v[i]`` are layer ``i``'s buffers of shape (batch, n_heads, max_len, head_dim); positions
    ``[0, pos)`` are filled. The model advances ``pos`` after each forward pass that uses the cache.
    """

    def __init__(
        self,
        n_layers: int,
        batch: int,
        n_heads: int,
        max_len: int,
        head_dim: int,
        device: torch.device | str = "cpu",
        dtype: torch.dtype = torch.float32,
    ) -> None:
        shape = (n_layers, batch, n_heads, max_len, head_dim)
        self.k = torch.zeros(shape, device=device, dtype=dtype)
        self.v = torch.zeros(shape, device=device, dtype=dtype)
        self.max_len = max_len
        self.pos = 0

    def reset(self) -> None:
        """Forget every token; the buffers are reused."""
        self.pos = 0


def rope_permute(w: Tensor, n_heads: int) -> Tensor:
    """Rows of a q or k projection from half-split heads (Hugging Face) to interleaved pairs (llama.cpp, and the
    complex rotation here): per head, rows [a0..a(h-1), b0..b(h-1)] become [a0, b0, a1, b1, ...]. As
    ``LlamaModel.permute`` in llama.cpp."""
    return w.reshape(n_heads, 2, w.shape[0] // n_heads // 2, *w.shape[1:]).swapaxes(1, 2).reshape(w.shape)


def rope_table(head_dim: int, length: int, theta: float) -> Tensor:
    """Rotary factors e^(i * position * frequency), complex (length, 1, hd/2): Llama's frequencies, applied to the
    pairs of a head in interleaved order, broadcast over heads."""
    inv_freq = 1.0 / theta ** (torch.arange(0, head_dim, 2, dtype=torch.int64).float() / head_dim)  # (hd/2,)
    angles = torch.outer(torch.arange(length, dtype=torch.int64).float(), inv_freq)  # (length, hd/2)
    return torch.polar(torch.ones_like(angles), angles)[:, None]


def _rotate(x: Tensor, factors: Tensor) -> Tensor:
    """x (..., hd) with its pairs (x[2j], x[2j+1]) turned as complex numbers by ``factors``: one kernel. bf16 and
    fp16 (autocast) are rotated in float32 and returned so."""
    if x.dtype not in (torch.float32, torch.float64):
        x = x.float()
    if x.stride(-1) != 1:  # a complex view needs each pair side by side; gradients may come in any layout
        x = x.contiguous()
    return torch.view_as_real(torch.view_as_complex(x.unflatten(-1, (-1, 2))) * factors).flatten(-2)


class _Rotary(torch.autograd.Function):
    """q, k and v (B, H, T, hd) from the fused projection's output (B, T, 3, H, hd), q and k rotated.

    The projection's q and k rows are in interleaved order (``rope_permute``), so a rotation is one complex
    multiplication of q and k together. A rotation's gradient is the opposite rotation, so backward costs as little
    as forward, and it stacks the three gradients in one pass: autograd's version would also zero-fill a gradient
    for each slice of the projection's output and add them up. No ``out=`` into complex views: torch.compile cannot
    trace those.
    """

    @staticmethod
    def forward(ctx, qkv: Tensor, factors: Tensor) -> tuple[Tensor, Tensor, Tensor]:
        ctx.save_for_backward(factors)
        qk = _rotate(qkv[:, :, :2], factors[:, None]).to(qkv.dtype)  # (B, T, 2, H, hd)
        return qk[:, :, 0].transpose(1, 2), qk[:, :, 1].transpose(1, 2), qkv[:, :, 2].transpose(1, 2)

    @staticmethod
    def backward(ctx, gq: Tensor, gk: Tensor, gv: Tensor) -> tuple[Tensor, None]:
        (factors,) = ctx.saved_tensors
        gq, gk = (_rotate(g.transpose(1, 2), factors.conj()).to(gv.dtype) for g in (gq, gk))
        return torch.stack((gq, gk, gv.transpose(1, 2)), dim=2), None  # (B, T, 3, H, hd)


class _RMSNormFn(torch.autograd.Function):
    """y = x * rsqrt(mean(x^2) + eps) * w, normalised in float32, with a hand-written backward: about half the
    kernels of autograd's decomposition of ``F.rms_norm``."""

    @staticmethod
    def forward(ctx, x: Tensor, weight: Tensor, eps: float) -> Tensor:
        xf = x if x.dtype in (torch.float32, torch.float64) else x.float()
        # 1 / rms (..., 1): vector_norm reads x once, the rest works on one number per position.
        rinv = torch.linalg.vector_norm(xf, dim=-1, keepdim=True).square_().div_(x.shape[-1]).add_(eps).rsqrt_()
        xhat = xf * rinv  # (..., d)
        ctx.save_for_backward(xhat, rinv, weight)
        ctx.x_dtype = x.dtype
        return (xhat if xf is x else xhat.to(x.dtype)) * weight

    @staticmethod
    def backward(ctx, grad: Tensor) -> tuple[Tensor, Tensor, None]:
        xhat, rinv, weight = ctx.saved_tensors
        if grad.dtype != xhat.dtype:
            grad = grad.to(xhat.dtype)
        w = weight if weight.dtype == xhat.dtype else weight.to(xhat.dtype)
        gx = grad * xhat  # (..., d)
        grad_weight = gx.sum(dim=tuple(range(gx.dim() - 1)))  # (d,)
        dot = torch.matmul(gx, w).unsqueeze_(-1)  # sum_j g_j w_j xhat_j per position (..., 1)
        # d/dx of w * x * rinv: rinv * (g * w - xhat * mean(g * w * xhat))
        grad_x = torch.addcmul(grad * w, xhat, dot, value=-1.0 / xhat.shape[-1]).mul_(rinv)
        if grad_x.dtype != ctx.x_dtype:
            grad_x = grad_x.to(ctx.x_dtype)
        return grad_x, grad_weight.to(weight.dtype), None


class RMSNorm(nn.Module):
    """RMSNorm as Hugging Face's LlamaRMSNorm: x * rsqrt(mean(x^2) + eps) * weight, normalised in float32."""

    def __init__(self, dim: int, eps: float) -> None:
        super().__init__()
        self.eps = eps
        self.weight = nn.Parameter(torch.ones(dim))

    def forward(self, x: Tensor) -> Tensor:
        return _RMSNormFn.apply(x, self.weight, self.eps)


# Up to this many positions, causal attention on a CPU runs faster as explicit matrix products than in PyTorch's
# flash kernel, whose per-block overhead dominates short windows. Measured here (2 threads, fp32, head size 32,
# forward + backward): 64 positions 13-21% faster, 96 and 112 23-24% faster, 128 4-11% slower.
CPU_EXPLICIT_ATTENTION_MAX_T = 112


def causal_attention(q: Tensor, k: Tensor, v: Tensor) -> Tensor:
    """Causal self-attention of (B, H, T, hd) q, k and v, each position seeing itself and the ones before."""
    B, H, T, hd = q.shape
    if q.device.type != "cpu" or q.dtype != torch.float32 or T > CPU_EXPLICIT_ATTENTION_MAX_T:
        return F.scaled_dot_product_attention(q, k, v, is_causal=True)
    future = torch.full((T, T), float("-inf"), device=q.device).triu_(1)  # (T, T): -inf where a key is ahead
    scores = torch.baddbmm(future, q.reshape(B * H, T, hd), k.reshape(B * H, T, hd).transpose(1, 2), alpha=hd**-0.5)
    return torch.bmm(scores.softmax(-1), v.reshape(B * H, T, hd)).view(B, H, T, hd)


class Attention(nn.Module):
    """Causal multi-head self-attention with rotary positions; q/k/v come from one fused projection.

    The projection's weight keeps Hugging Face's row order (half-split heads), so checkpoints and exports need no
    conversion; each forward reorders its q and k rows to interleaved pairs (a gather of a few thousand numbers),
    which lets the rotation be one complex multiplication. Attention scores do not change: q and k are reordered
    alike.
    """

    def __init__(self, cfg: ModelConfig) -> None:
        super().__init__()
        self.n_heads = cfg.n_heads
        self.head_dim = cfg.head_dim
        self.qkv = nn.Linear(cfg.d_model, 3 * cfg.d_model, bias=False)
        self.proj = nn.Linear(cfg.d_model, cfg.d_model, bias=False)
        rows = torch.arange(3 * cfg.d_model)
        rows[: 2 * cfg.d_model] = rope_permute(rows[: 2 * cfg.d_model], 2 * cfg.n_heads)
        self.register_buffer("qkv_rows", rows, persistent=False)  # (3d,): q and k interleaved, v as is

    def forward(self, x: Tensor, rope: Tensor, layer: int, cache: KVCache | None) -> Tensor:
        B, T, C = x.shape
        qkv = F.linear(x, self.qkv.weight.index_select(0, self.qkv_rows)).view(B, T, 3, self.n_heads, self.head_dim)
        q, k, v = _Rotary.apply(qkv, rope)  # (B, H, T, hd)

        if cache is None:
            y = causal_attention(q, k, v)
        else:
            start, end = cache.pos, cache.pos + T
            cache.k[layer, :, :, start:end] = k
            cache.v[layer, :, :, start:end] = v
            k = cache.k[layer, :, :, :end].to(q.dtype)  # (B, H, end, hd)
            v = cache.v[layer, :, :, :end].to(q.dtype)
            if start == 0:
                y = causal_attention(q, k, v)
            elif T == 1:
                y = F.scaled_dot_product_attention(q, k, v)  # one new token sees every cached one
            else:
                # is_causal aligns the mask to the top-left corner, which is wrong once there is a past; query i
                # sits at position start + i and may see keys up to there.
                mask = torch.ones(T, end, dtype=torch.bool, device=x.device).tril(diagonal=start)
                y = F.scaled_dot_product_attention(q, k, v, attn_mask=mask)
        y = y.transpose(1, 2).reshape(B, T, C)  # (B, T, C)
        return self.proj(y)


class MLP(nn.Module):
    """SwiGLU feed-forward: down(silu(gate(x)) * up(x))."""

    def __init__(self, cfg: ModelConfig) -> None:
        super().__init__()
        self.gate = nn.Linear(cfg.d_model, cfg.d_ff, bias=False)
        self.up = nn.Linear(cfg.d_model, cfg.d_ff, bias=False)
        self.down = nn.Linear(cfg.d_ff, cfg.d_model, bias=False)

    def forward(self, x: Tensor) -> Tensor:
        return self.down(F.silu(self.gate(x)) * self.up(x))  # hidden (B, T, d_ff)


class Block(nn.Module):
    """Pre-norm transformer block: attention and MLP, each added to the residual stream."""

    def __init__(self, cfg: ModelConfig, layer: int) -> None:
        super().__init__()
        self.layer = layer
        self.attn_norm = RMSNorm(cfg.d_model, cfg.norm_eps)
        self.attn = Attention(cfg)
        self.mlp_norm = RMSNorm(cfg.d_model, cfg.norm_eps)
        self.mlp = MLP(cfg)

    def forward(self, x: Tensor, rope: Tensor, cache: KVCache | None) -> Tensor:
        x = x + self.attn(self.attn_norm(x), rope, self.layer, cache)
        return x + self.mlp(self.mlp_norm(x))


class GPT(nn.Module):
    """The language model. ``forward`` gives the training loss or the logits; ``token_nll`` the per-token loss."""

    def __init__(self, cfg: ModelConfig) -> None:
        super().__init__()
        self.cfg = cfg
        self.tok_emb = nn.Embedding(cfg.vocab_size, cfg.d_model)
        self.blocks = nn.ModuleList(Block(cfg, i) for i in range(cfg.n_layers))
        self.norm = RMSNorm(cfg.d_model, cfg.norm_eps)
        self.lm_head = nn.Linear(cfg.d_model, cfg.vocab_size, bias=False)
        self.tok_emb.weight = self.lm_head.weight  # tied: one matrix to learn, counted once
        # Derived from the config, so not saved: checkpoints and exports hold learned weights only.
        self.register_buffer("rope", rope_table(cfg.head_dim, cfg.context, cfg.rope_theta), persistent=False)
        self._init_weights()

    def _init_weights(self) -> None:
        """GPT-2 init: N(0, 0.02), with the projections into the residual stream shrunk by 1/sqrt(2 * n_layers)
        so that the stream's variance does not grow with depth."""
        for module in self.modules():
            if isinstance(module, (nn.Linear, nn.Embedding)):
                nn.init.normal_(module.weight, mean=0.0, std=0.02)
        residual_std = 0.02 / math.sqrt(2 * self.cfg.n_layers)
        for block in self.blocks:
            nn.init.normal_(block.attn.proj.weight, mean=0.0, std=residual_std)
            nn.init.normal_(block.mlp.down.weight, mean=0.0, std=residual_std)

    def _hidden(self, idx: Tensor, cache: KVCache | None) -> Tensor:
        """Final-normed hidden states (B, T, d) for tokens (B, T), continuing from ``cache.pos`` if given."""
        T = idx.shape[1]
        start = 0 if cache is None else cache.pos
        if start + T > self.cfg.context:
            raise ValueError(f"{start + T} positions do not fit the model's context of {self.cfg.context}")
        if cache is not None and start + T > cache.max_len:
            raise ValueError(f"{start + T} positions do not fit the cache of {cache.max_len}")
        rope = self.rope[start : start + T]  # (T, 1, hd/2): broadcast over batch and heads
        x = self.tok_emb(idx)  # (B, T, d)
        for block in self.blocks:
            x = block(x, rope, cache)
        if cache is not None:
            cache.pos += T
        return self.norm(x)

    def forward(self, idx: Tensor, targets: Tensor | None = None, cache: KVCache | None = None) -> Tensor:
        """With targets (B, T): the mean cross-entropy over positions whose target is not -1 (float32 scalar).
        Without: logits (B, T, vocab) in float32."""
        logits = self.lm_head(self._hidden(idx, cache)).float()  # (B, T, vocab)
        if targets is None:
            return logits
        return F.cross_entropy(logits.view(-1, logits.size(-1)), targets.view(-1), ignore_index=-1)

    def token_nll(self, idx: Tensor, targets: Tensor) -> Tensor:
        """Negative log-likelihood in nats of each target (B, T), float32; 0 where the target is -1."""
        logits = self.lm_head(self._hidden(idx, None)).float()  # (B, T, vocab)
        nll = F.cross_entropy(logits.view(-1, logits.size(-1)), targets.view(-1), ignore_index=-1, reduction="none")
        return nll.view(targets.shape)

    def new_cache(self, batch: int, max_len: int | None = None) -> KVCache:
        """An empty KV cache on the model's device and dtype, for up to ``max_len`` (default: context) positions."""
        cfg = self.cfg
        max_len = cfg.context if max_len is None else max_len
        if not 1 <= max_len <= cfg.context:
            raise ValueError(f"max_len must be between 1 and the context ({cfg.context}), got {max_len}")
        w = self.lm_head.weight
        return KVCache(cfg.n_layers, batch, cfg.n_heads, max_len, cfg.head_dim, device=w.device, dtype=w.dtype)

    def num_params(self) -> int:
        """Number of learned numbers; the tied embedding/output matrix counts once."""
        return sum(p.numel() for p in self.parameters())

    def optimizer_groups(self, weight_decay: float) -> list[dict]:
        """Parameter groups for AdamW: matrices (the tied embedding included) decay; norm weights do not."""
        params = list(self.parameters())  # tied weights appear once
        return [
            {"params": [p for p in params if p.dim() >= 2], "weight_decay": weight_decay},
            {"params": [p for p in params if p.dim() < 2], "weight_decay": 0.0},
        ]

