"""Streaming text generation: text chunks as tokens come, for the CLI, the trainer's samples and the GUI.

``Generation(model, tokenizer, prompt, config)`` is an iterator of text chunks. Concatenated they equal the
tokenizer's decoding of the new tokens, but no chunk ever splits a character: byte-level BPE tokens may end inside
a multi-byte UTF-8 character, so each token's bytes go through an incremental UTF-8 decoder, which holds the
unfinished bytes back (O(1) per token, unlike re-decoding everything). Sampling draws from its own
``torch.Generator``, never the global RNG, so a seed reproduces a text and a sample taken during training does not
change the training. The caller's ``should_stop`` is polled between tokens, which is how another thread stops it.

Every text is valid UTF-8 and holds no special token: ``TextGuard`` lets the sampler draw only tokens whose bytes
can continue the text's UTF-8 (a small model trained a few minutes would otherwise draw stray byte tokens, shown as
U+FFFD), and never a special token but ``<|endoftext|>`` at a character boundary, which ends the text. An empty
prompt starts a new paragraph: the model continues ``PARAGRAPH_END``, a context every book has many times, while a
document separator at position 0 is one a model trained on one book has almost never seen (its next-token guess
there can be near uniform, and one stray byte token derails the whole text).

``stream_tokens`` is the token-level loop underneath, with a KV cache that slides when the context is full.
"""

from __future__ import annotations

import codecs
import secrets
import time
from collections.abc import Callable, Iterator

import numpy as np
import torch
from torch import Tensor

from azr_desktop.core.books import normalize_text
from azr_desktop.core.config import SPECIAL_TOKENS, SampleConfig
from azr_desktop.core.errors import Text
from azr_desktop.core.model import GPT
from azr_desktop.core.tokenizer import BookTokenizer

PARAGRAPH_END = ".\n\n"  # what an empty prompt continues (not shown)
# Why a generation ended (``Generation.reason``).
LENGTH, STOP_SEQUENCE, END_OF_TEXT, STOPPED = "length", "stop_sequence", "end_of_text", "stopped"


def pick_token(
    logits: Tensor, cfg: SampleConfig, seen: Tensor | None, generator: torch.Generator, allowed: Tensor | None = None
) -> int:
    """One token id from next-token logits (vocab,), in Hugging Face's order: repetition penalty, temperature,
    top-k, top-p; temperature 0 takes the most likely token. ``seen`` is a bool mask of tokens in the text so far;
    only tokens in the bool mask ``allowed`` (all if None) are drawn."""
    logits = logits.float()
    if allowed is not None:
        logits = logits.masked_fill(~allowed, float("-inf"))
    if cfg.repetition_penalty != 1.0 and seen is not None:
        # CTRL's penalty: make every token already in the text less likely, whatever the sign of its logit.
        penalised = torch.where(logits > 0, logits / cfg.repetition_penalty, logits * cfg.repetition_penalty)
        logits = torch.where(seen, penalised, logits)
    if cfg.temperature == 0:
        return int(logits.argmax())
    logits = logits / cfg.temperature
    if 0 < cfg.top_k < logits.numel():
        kth = torch.topk(logits, cfg.top_k).values[-1]
        logits = logits.masked_fill(logits < kth, float("-inf"))
    probs = torch.softmax(logits, dim=-1)
    if cfg.top_p < 1.0:
        sorted_probs, order = probs.sort(descending=True)
        # Keep the smallest set of tokens whose probability reaches top_p; the most likely one always stays.
        drop = sorted_probs.cumsum(0) - sorted_probs >= cfg.top_p
        probs = probs.scatter(0, order, sorted_probs.masked_fill(drop, 0.0))
    return int(torch.multinomial(probs, 1, generator=generator))


@torch.no_grad()
def stream_tokens(
    model: GPT,
    prompt_ids: list[int],
    cfg: SampleConfig,
    generator: torch.Generator,
    use_cache: bool = True,
    guard: TextGuard | None = None,
) -> Iterator[int]:
    """Yield up to ``cfg.max_new_tokens`` token ids after the prompt (at most ``context`` tokens, at least one),
    drawn among the tokens ``guard`` allows (all if None).

    With the cache each new token costs one single-position forward pass. When the cache is full it slides: the
    last ``context // 2`` tokens are fed again and generation goes on. Without the cache (for comparison) every
    token re-reads the last ``context`` tokens.
    """
    context = model.cfg.context
    if not 1 <= len(prompt_ids) <= context:
        raise ValueError(f"the prompt must hold 1 to {context} tokens, got {len(prompt_ids)}")
    device = model.lm_head.weight.device
    ids = list(prompt_ids)
    seen = torch.zeros(model.cfg.vocab_size, dtype=torch.bool, device=device)
    seen[torch.tensor(ids, device=device)] = True
    cache = model.new_cache(1) if use_cache else None
    feed = ids  # tokens the cache has not seen yet
    state = TextGuard.START
    for _ in range(cfg.max_new_tokens):
        if cache is None:
            feed = ids[-context:]
        elif cache.pos + len(feed) > context:
            ids = ids[-(context // 2) :]
            cache.reset()
            feed = ids
        logits = model(torch.tensor([feed], dtype=torch.long, device=device), cache=cache)  # (1, len(feed), vocab)
        allowed = guard.allowed(state, device) if guard else None
        token = pick_token(logits[0, -1], cfg, seen, generator, allowed)
        if guard:
            state = guard.after(state, token)
        yield token
        ids.append(token)
        seen[token] = True
        feed = [token]


def seeded_generator(seed: int | None, device: torch.device | str = "cpu") -> tuple[torch.Generator, int]:
    """A private generator and its seed: ``seed`` if given, else a fresh random one (reported, so it can be reused)."""
    seed = secrets.randbits(63) if seed is None else seed  # 63 bits: a valid SampleConfig seed
    return torch.Generator(device=device).manual_seed(seed), seed


class Generation:
    """An iterator of text chunks continuing ``prompt``; also what the caller shows about it.

    Before the first chunk: ``notes`` (e.g. the prompt was cut to fit the context) and ``seed`` (the one used, so a
    random text can be reproduced). While and after iterating: ``tokens``, ``first_token_s``, ``tokens_per_s``.
    Once it ends, ``reason`` (None until then) is ``length``, ``stop_sequence`` (the sequence is not in the text),
    ``end_of_text`` (the model ended the document) or ``stopped`` (``should_stop`` returned true).
    An empty prompt starts a new paragraph (see the module's doc). ``should_stop`` is called between tokens, from
    the iterating thread (another thread can pass e.g. ``threading.Event().is_set``).
    """

    def __init__(
        self,
        model: GPT,
        tokenizer: BookTokenizer,
        prompt: str = "",
        config: SampleConfig | None = None,
        should_stop: Callable[[], bool] | None = None,
        use_cache: bool = True,
    ) -> None:
        self.config = config or SampleConfig()
        self.notes: list[Text] = []
        ids = tokenizer.encode(normalize_text(prompt) if prompt else PARAGRAPH_END)
        context = model.cfg.context
        if len(ids) > context:
            self.notes.append(
                Text(
                    "the prompt is {tokens} tokens long but the model sees {context}; only its last {context} tokens"
                    " are used",
                    tokens=len(ids),
                    context=context,
                )
            )
            ids = ids[-context:]
        self.prompt_tokens = len(ids)
        generator, self.seed = seeded_generator(self.config.seed, model.lm_head.weight.device)
        pieces = token_byte_strings(tokenizer)
        guard = TextGuard(pieces, tokenizer.eot_id, model.cfg.vocab_size)
        self.tokens = 0
        self.first_token_s: float | None = None
        self.elapsed_s = 0.0
        self.reason: str | None = None
        self._chunks = self._run(
            stream_tokens(model, ids, self.config, generator, use_cache, guard),
            pieces,
            tokenizer.eot_id,
            should_stop or (lambda: False),
        )

    @property
    def tokens_per_s(self) -> float:
        """New tokens per second after the first one (the prompt's prefill is in ``first_token_s``)."""
        decode_s = self.elapsed_s - (self.first_token_s or 0.0)
        return (self.tokens - 1) / decode_s if self.tokens > 1 and decode_s > 0 else 0.0

    def __iter__(self) -> Generation:
        return self

    def __next__(self) -> str:
        return next(self._chunks)

    def text(self) -> str:
        """Run to the end and return the whole continuation."""
        return "".join(self)

    def _run(
        self, tokens: Iterator[int], pieces: list[bytes], eot_id: int, should_stop: Callable[[], bool]
    ) -> Iterator[str]:
        utf8 = codecs.getincrementaldecoder("utf-8")(errors="replace")
        stop = StopMatcher(self.config.stop)
        start = time.perf_counter()
        for token in tokens:
            self.tokens += 1
            self.elapsed_s = time.perf_counter() - start
            if self.first_token_s is None:
                self.first_token_s = self.elapsed_s
            if token == eot_id:
                self.reason = END_OF_TEXT
                break
            chunk, found = stop.feed(utf8.decode(pieces[token]))
            if chunk:
                yield chunk
            if found:
                self.reason = STOP_SEQUENCE
                return
            if should_stop():
                self.reason = STOPPED
                break
        else:
            self.reason = LENGTH
        utf8.errors = "ignore"  # a character the length cut in two is left out, not shown as U+FFFD
        tail, found = stop.feed(utf8.decode(b"", final=True))
        if found:
            self.reason = STOP_SEQUENCE
        tail += "" if found else stop.flush()
        if tail:
            yield tail


class TextGuard:
    """Which token may come next so that the text stays valid UTF-8 and free of special tokens.

    The state is where the text's last character stands in UTF-8's well-formed byte sequences (Unicode 15, table
    3-7): complete, or waiting for continuation bytes, some of which have a narrower range after E0, ED, F0, F4.
    ``next_state[s, token]`` is the state after the token's bytes, or ``INVALID`` where they cannot follow ``s``.
    """

    START, INVALID = 0, 8
    # The byte ranges that may follow each state, and the state they lead to.
    _STEPS = {
        0: [(0x00, 0x7F, 0), (0xC2, 0xDF, 1), (0xE0, 0xE0, 4), (0xE1, 0xEC, 2), (0xED, 0xED, 5), (0xEE, 0xEF, 2),
            (0xF0, 0xF0, 6), (0xF1, 0xF3, 3), (0xF4, 0xF4, 7)],
        1: [(0x80, 0xBF, 0)],
        2: [(0x80, 0xBF, 1)],
        3: [(0x80, 0xBF, 2)],
        4: [(0xA0, 0xBF, 1)],
        5: [(0x80, 0x9F, 1)],
        6: [(0x90, 0xBF, 2)],
        7: [(0x80, 0x8F, 2)],
    }

    def __init__(self, pieces: list[bytes], end_id: int, vocab_size: int | None = None):
        """``end_id``: the one special token allowed, at a character boundary, which ends the text
        (``<|endoftext|>`` for generation, ``<|end|>`` for a self-play answer). ``vocab_size``: the model's output
        width, when its tokenizer stopped short of it (a small book has fewer distinct merges than the vocabulary
        asked for): the ids past the tokenizer's are never drawn."""
        pieces = pieces + [b""] * ((vocab_size or len(pieces)) - len(pieces))
        table = np.full((9, 256), self.INVALID, dtype=np.int64)
        for state, steps in self._STEPS.items():
            for lo, hi, nxt in steps:
                table[state, lo : hi + 1] = nxt
        width = max(map(len, pieces))
        padded = np.full((len(pieces), width), -1, dtype=np.int64)
        for i, piece in enumerate(pieces):
            padded[i, : len(piece)] = np.frombuffer(piece, dtype=np.uint8)
        self.next_state = np.empty((8, len(pieces)), dtype=np.int64)
        for state in range(8):
            cur = np.full(len(pieces), state, dtype=np.int64)
            for col in padded.T:
                has = col >= 0
                cur[has] = table[cur[has], col[has]]
            self.next_state[state] = cur
        self.next_state[:, [i for i, p in enumerate(pieces) if not p]] = self.INVALID  # special tokens
        self.next_state[self.START, end_id] = self.START  # the end of the text, between characters only
        self._masks = torch.from_numpy(self.next_state != self.INVALID)
        self._on: dict[torch.device, Tensor] = {}

    def allowed(self, state: int, device: torch.device) -> Tensor:
        """The bool mask of the tokens that may follow ``state`` (vocab,); for a tensor of n states (n, vocab)."""
        if device not in self._on:
            self._on[device] = self._masks.to(device)
        return self._on[device][state]

    def after(self, state: int, token: int) -> int:
        return int(self.next_state[state, token])

    def after_each(self, states: np.ndarray, tokens: np.ndarray) -> np.ndarray:
        """``after`` for a batch of texts: the state of each after its token."""
        return self.next_state[states, tokens]


class StopMatcher:
    """Finds a stop sequence in streamed text, holding back only a tail that could be its beginning.

    ``feed(text)`` returns the text that is safe to show and whether the stop sequence has appeared (the text
    before it is returned, the sequence itself is not). Each call looks at no more than the new text plus
    ``len(stop) - 1`` held characters.
    """

    def __init__(self, stop: str) -> None:
        self.stop = stop
        self.held = ""

    def feed(self, text: str) -> tuple[str, bool]:
        if not self.stop:
            return text, False
        buf = self.held + text
        at = buf.find(self.stop)
        if at >= 0:
            self.held = ""
            return buf[:at], True
        keep = next((n for n in range(min(len(self.stop) - 1, len(buf)), 0, -1) if self.stop.startswith(buf[-n:])), 0)
        self.held = buf[len(buf) - keep :]
        return buf[: len(buf) - keep], False

    def flush(self) -> str:
        held, self.held = self.held, ""
        return held


def token_byte_strings(tokenizer: BookTokenizer) -> list[bytes]:
    """The bytes each token id stands for (empty for special tokens, which decoding skips)."""
    to_byte = {ch: b for b, ch in enumerate(byte_level_alphabet())}
    special = set(SPECIAL_TOKENS)
    out = [b""] * tokenizer.vocab_size
    for token, idx in tokenizer.tok.get_vocab().items():
        if token not in special:
            out[idx] = bytes(to_byte[ch] for ch in token)
    return out


def byte_level_alphabet() -> list[str]:
    """GPT-2's byte-to-character map (``alphabet[b]`` is byte b's character), as byte-level BPE vocabularies use:
    printable bytes stand for themselves, the others are shifted past U+0100."""
    printable = [*range(ord("!"), ord("~") + 1), *range(ord("¡"), ord("¬") + 1), *range(ord("®"), ord("ÿ") + 1)]
    alphabet = {b: chr(b) for b in printable}
    shifted = (b for b in range(256) if b not in alphabet)
    for n, b in enumerate(shifted):
        alphabet[b] = chr(256 + n)
    return [alphabet[b] for b in range(256)]
