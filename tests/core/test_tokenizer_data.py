"""Tokenizer and token cache on real text: lossless, byte-accurate, streaming, cached once, reproducible."""

import numpy as np
import pytest
import torch

from azr_desktop.core.books import inspect_book, iter_text, read_text
from azr_desktop.core.config import SPECIAL_TOKENS
from azr_desktop.core.data import (
    WindowSampler,
    drain,
    eval_windows,
    is_cached,
    prepare_tokens,
    sequential_windows,
)
from azr_desktop.core.tokenizer import BookTokenizer

MIXED = "Анна Каренина — «Все счастливые семьи похожи», ёлка, Їжак і ґанок. Emoji 🙂🚀, 中文字符, naïve café\n\ttabs"


@pytest.fixture(scope="module")
def tok(shakespeare, anna_karenina):
    texts = [shakespeare.read_text()[:100_000], anna_karenina.read_text(encoding="utf-8")[:100_000]]
    return BookTokenizer.train(texts, vocab_size=1000)


def test_byte_level_bpe_is_lossless_for_any_script(tok):
    assert tok.decode(tok.encode(MIXED)) == MIXED
    assert tok.vocab_size == 1000


def test_special_tokens_come_first_and_are_never_produced_from_text(tok):
    assert [tok.tok.token_to_id(t) for t in SPECIAL_TOKENS] == list(range(len(SPECIAL_TOKENS)))
    assert tok.eot_id == 0
    assert all(i >= len(SPECIAL_TOKENS) for i in tok.encode("a plain <|endoftext|> mention"))


def test_token_bytes_count_utf8_bytes_exactly(tok):
    ids = tok.encode(MIXED)
    assert int(tok.token_bytes[ids].sum()) == len(MIXED.encode("utf-8"))
    assert tok.token_bytes[tok.eot_id] == 0


def test_save_load_round_trip(tok, tmp_path):
    tok.save(tmp_path / "tokenizer.json")
    again = BookTokenizer.load(tmp_path / "tokenizer.json")
    assert again.sha256 == tok.sha256 and again.encode(MIXED) == tok.encode(MIXED)


def test_token_cache_splits_each_book_and_is_built_once(tok, tmp_path, shakespeare, anna_karenina):
    en, ru = tmp_path / "en.txt", tmp_path / "ru.txt"
    en.write_bytes(shakespeare.read_bytes()[:60_000])
    ru.write_text(anna_karenina.read_text(encoding="utf-8")[:30_000], encoding="cp1251")
    books = [inspect_book(en), inspect_book(ru)]
    progress = []
    data = drain(prepare_tokens(tmp_path / "data", tok, books, 0.1), progress.append)
    assert progress[-1][0] == progress[-1][1] == sum(b.size_bytes for b in books)
    assert [d for d, _ in progress] == sorted(d for d, _ in progress)
    full = [tok.encode(read_text(b)) for b in books]
    n_val = [int(np.ceil(len(f) * 0.1)) for f in full]
    expected_train = full[0][: -n_val[0]] + [0] + full[1][: -n_val[1]] + [0]
    expected_val = full[0][-n_val[0] :] + [0] + full[1][-n_val[1] :] + [0]
    assert data.train.tolist() == expected_train
    assert data.val.tolist() == expected_val
    assert data.train.dtype == np.uint16
    assert is_cached(tmp_path / "data", tok, books, 0.1)
    assert list(prepare_tokens(tmp_path / "data", tok, books, 0.1)) == []  # cached: no work, no progress
    assert not is_cached(tmp_path / "data", tok, books, 0.2)


def test_large_book_streams_in_chunks(tok, tmp_path, shakespeare):
    big = tmp_path / "big.txt"
    text = shakespeare.read_bytes()
    with open(big, "wb") as f:  # 5.7 MB: several of the reader's ~1M-character chunks
        for _ in range(19):
            f.write(text)
    steps = list(prepare_tokens(tmp_path / "data", tok, [inspect_book(big)], 0.1))
    assert len(steps) >= 2  # progress arrives while the book is read, not only at the end
    assert sum(1 for _ in iter_text(big)) >= 5


def test_sampler_is_reproducible_and_resumable():
    tokens = np.arange(10_000, dtype=np.uint16)
    a = WindowSampler(tokens, window=16, batch_size=4, seed=3)
    a.next_batch()
    state = a.state_dict()
    x1, y1 = a.next_batch()
    b = WindowSampler(tokens, window=16, batch_size=4, seed=99)
    b.load_state_dict(state)
    x2, y2 = b.next_batch()
    assert torch.equal(x1, x2) and torch.equal(y1, y2)
    assert torch.equal(y1[:, :-1], x1[:, 1:]) and x1.shape == (4, 16)


def test_sequential_windows_predict_every_token_once():
    ids = np.arange(1, 101)
    pairs = list(sequential_windows(ids, eot_id=0, window=32))
    targets = torch.cat([y.flatten() for _, y in pairs]).tolist()
    assert targets == list(range(1, 101))
    assert pairs[0][0][0, 0].item() == 0


def test_evaluation_windows_cover_the_held_out_text_once_at_most():
    """20 batches of windows scored a small book's held-out text four times over, at four times the cost."""
    ids = np.arange(1000)
    x, y = eval_windows(ids, window=100, most=320)
    assert x.shape == (10, 100)  # as many as cover 999 targets once, not 320
    assert set(y.flatten().tolist()) == set(range(1, 1000))
    x, _ = eval_windows(ids, window=100, most=4)
    assert x.shape == (4, 100) and torch.equal(eval_windows(ids, 100, 4)[0], x)  # the same windows every time


def test_a_new_models_tokenizer_never_sees_its_validation_text(tmp_path, shakespeare):
    """Trained on whole books, the tokenizer learnt the held-out tail's words as tokens, and validation (and every
    held-out figure) looked 3-43% better than it was (docs/sizing.md). A word only in the last 10% stays in pieces."""
    from azr_desktop.core.config import ModelConfig, TrainConfig
    from azr_desktop.core.modeldir import ModelDir

    text = read_text(shakespeare)[:60_000]
    book = tmp_path / "book.txt"
    book.write_text(text + "\n\nQuixotry of Zanzibar. " * 200, encoding="utf-8")  # the book's last 7%
    cfg = ModelConfig(vocab_size=1024, d_model=32, n_layers=1, n_heads=1, d_ff=64, context=32)
    md = ModelDir.create(tmp_path / "m", cfg, TrainConfig(val_frac=0.1), [inspect_book(book)])
    tok = md.tokenizer()
    assert len(tok.encode(" Zanzibar")) >= 3 and len(tok.encode(" Quixotry")) >= 3
    assert len(tok.encode(" Romeo")) <= 2  # the training part's words are learnt as usual
