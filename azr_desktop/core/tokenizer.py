"""Byte-level BPE tokenizer trained on the user's books with Hugging Face ``tokenizers``.

Byte-level means every string can be encoded (no unknown token, any script), and every token stands for a fixed
byte string, which is what lets us count bytes for bits-per-byte without decoding.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np
from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers

from azr_desktop.core.config import SPECIAL_TOKENS
from azr_desktop.core.errors import ModelDirError
from azr_desktop.core.fsutil import atomic_write_text

EOT = SPECIAL_TOKENS[0]
# Tokenizer training reads at most this much text; BPE merges barely change past a few tens of MB.
MAX_TRAIN_CHARS = 200_000_000


class BookTokenizer:
    """A ``tokenizers.Tokenizer`` plus the facts the rest of the app needs about it."""

    def __init__(self, tok: Tokenizer):
        # Text that merely spells "<|endoftext|>" stays text: only the app inserts special tokens.
        tok.encode_special_tokens = True
        self.tok = tok
        self.eot_id: int = tok.token_to_id(EOT)
        self.vocab_size: int = tok.get_vocab_size()
        self.token_bytes = _token_byte_lengths(tok)

    @classmethod
    def train(cls, texts: Iterable[str], vocab_size: int) -> BookTokenizer:
        """Train on an iterator of text chunks (only the first MAX_TRAIN_CHARS characters are read)."""
        tok = Tokenizer(models.BPE())
        tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
        tok.decoder = decoders.ByteLevel()
        trainer = trainers.BpeTrainer(
            vocab_size=vocab_size,
            special_tokens=list(SPECIAL_TOKENS),
            initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
            show_progress=False,
        )
        tok.train_from_iterator(_capped(texts), trainer)
        return cls(tok)

    @classmethod
    def load(cls, path: Path) -> BookTokenizer:
        try:
            return cls(Tokenizer.from_file(str(path)))
        except Exception as e:  # tokenizers raises plain Exception subclasses for every kind of bad file
            raise ModelDirError(
                "the tokenizer {path} cannot be read ({reason}); the model folder is damaged", path=path, reason=str(e)
            ) from None

    def save(self, path: Path) -> None:
        atomic_write_text(path, self.tok.to_str())

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.tok.to_str().encode("utf-8")).hexdigest()

    def encode(self, text: str) -> list[int]:
        return self.tok.encode(text).ids

    def encode_batch(self, texts: list[str]) -> list[list[int]]:
        """Encode in parallel over the CPU cores; the fast variant skips character offsets we never use."""
        return [e.ids for e in self.tok.encode_batch_fast(texts)]

    def decode(self, ids: Iterable[int]) -> str:
        return self.tok.decode(list(ids), skip_special_tokens=True)

    def token_dtype(self) -> type[np.unsignedinteger]:
        return np.uint16 if self.vocab_size <= 1 << 16 else np.uint32


def _capped(texts: Iterable[str]) -> Iterator[str]:
    seen = 0
    for text in texts:
        if seen >= MAX_TRAIN_CHARS:
            return
        seen += len(text)
        yield text


def _token_byte_lengths(tok: Tokenizer) -> np.ndarray:
    """UTF-8 bytes each token id stands for (0 for special tokens): in byte-level BPE one symbol = one byte."""
    lengths = np.zeros(tok.get_vocab_size(), dtype=np.int64)
    special = set(SPECIAL_TOKENS)
    for token, idx in tok.get_vocab().items():
        if token not in special:
            lengths[idx] = len(token)
    return lengths
