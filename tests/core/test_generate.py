"""The streaming sampler on a real tiny model: seeds, UTF-8-safe chunks, stop sequence, stopping, truncation, cache."""

from __future__ import annotations

import pytest
import torch

from azr_desktop.core.books import inspect_book
from azr_desktop.core.config import ModelConfig, SampleConfig, TrainConfig
from azr_desktop.core.generate import (
    END_OF_TEXT,
    LENGTH,
    PARAGRAPH_END,
    STOP_SEQUENCE,
    STOPPED,
    Generation,
    StopMatcher,
    TextGuard,
    byte_level_alphabet,
    pick_token,
    seeded_generator,
    stream_tokens,
    token_byte_strings,
)
from azr_desktop.core.inference import load_trained
from azr_desktop.core.model import GPT
from azr_desktop.core.modeldir import ModelDir
from azr_desktop.core.trainer import Trainer

TINY = ModelConfig(vocab_size=320, d_model=32, n_layers=2, n_heads=2, d_ff=64, context=32)
TRAIN = TrainConfig(iters=30, batch_size=4, warmup=5, eval_every=0, save_every=30, sample_every=0, threads=1, seed=7)
MIXED = "Всё смешалось в доме Облонских. 😀 «Ёлка» — ёж! 漢字 "


@pytest.fixture(scope="module")
def trained(tmp_path_factory, small_book, anna_karenina):
    """A tiny model trained for 30 steps on English, Russian and a few emoji and CJK lines."""
    folder = tmp_path_factory.mktemp("gen")
    book = folder / "mixed.txt"
    text = small_book.read_text(encoding="utf-8") + anna_karenina.read_text(encoding="utf-8")[:20_000]
    book.write_text(text + MIXED * 50, encoding="utf-8")
    md = ModelDir.create(folder / "m", TINY, TRAIN, [inspect_book(book)])
    for _ in Trainer(md).run():
        pass
    return load_trained(md)


def gen(trained, prompt="", **sample):
    return Generation(trained.model, trained.tokenizer, prompt, SampleConfig(**sample))


def guard_of(tok) -> TextGuard:
    return TextGuard(token_byte_strings(tok), tok.eot_id)


def new_ids(trained, prompt: str, sc: SampleConfig) -> list[int]:
    """The token ids the sampler draws for ``prompt`` (the same seed, the same stream; an empty prompt starts a
    paragraph)."""
    ids = trained.tokenizer.encode(prompt or PARAGRAPH_END)[-trained.model.cfg.context :]
    return list(stream_tokens(trained.model, ids, sc, seeded_generator(sc.seed)[0], guard=guard_of(trained.tokenizer)))


def forced(monkeypatch, ids: list[int]) -> None:
    """Make every Generation draw exactly ``ids``, to test the text layer on chosen tokens."""
    monkeypatch.setattr("azr_desktop.core.generate.stream_tokens", lambda *a, **k: iter(ids))


def byte_tokens(trained, text: str) -> list[int]:
    """One single-byte token per UTF-8 byte of ``text``: every multi-byte character is split across tokens."""
    alphabet = byte_level_alphabet()
    return [trained.tokenizer.tok.token_to_id(alphabet[b]) for b in text.encode("utf-8")]


def test_a_seed_reproduces_the_text_without_touching_the_global_rng(trained):
    torch.manual_seed(123)
    before = torch.get_rng_state()
    first = gen(trained, "Анна", seed=5, temperature=1.0, max_new_tokens=40).text()
    assert gen(trained, "Анна", seed=5, temperature=1.0, max_new_tokens=40).text() == first
    assert gen(trained, "Анна", seed=6, temperature=1.0, max_new_tokens=40).text() != first
    assert torch.equal(torch.get_rng_state(), before)
    unseeded = gen(trained, "Анна", temperature=1.0, max_new_tokens=40)
    text = unseeded.text()
    assert gen(trained, "Анна", seed=unseeded.seed, temperature=1.0, max_new_tokens=40).text() == text


@pytest.mark.parametrize("prompt", ["", "ROMEO:", "Всё смешалось 😀", "漢"])
def test_chunks_add_up_to_the_decoded_tokens(trained, prompt):
    sc = SampleConfig(max_new_tokens=60, temperature=1.5, top_k=0, top_p=1.0, seed=11)
    g = Generation(trained.model, trained.tokenizer, prompt, sc)
    chunks = list(g)
    ids = new_ids(trained, prompt, sc)
    ids = ids[: g.tokens - (g.reason == END_OF_TEXT)]
    # The guard keeps the text well-formed; only a character the length cut in two is left out.
    assert "".join(chunks) == trained.tokenizer.decode(ids).rstrip("\ufffd")
    assert all(chunks) and g.tokens <= 60 and "\ufffd" not in "".join(chunks)


def test_a_character_split_across_tokens_comes_out_whole(trained, monkeypatch):
    text = "ё😀漢a"
    forced(monkeypatch, byte_tokens(trained, text))
    chunks = list(gen(trained, "x", max_new_tokens=50))
    assert chunks == ["ё", "😀", "漢", "a"]


def test_an_unfinished_character_at_the_end_is_left_out(trained, monkeypatch):
    forced(monkeypatch, byte_tokens(trained, "ab😀")[:-1])
    assert gen(trained, "x").text() == "ab"


def test_the_stop_sequence_ends_the_text_and_is_not_shown(trained, monkeypatch):
    forced(monkeypatch, byte_tokens(trained, "one ёж\n\ntwo"))
    g = gen(trained, "x", stop="ж\n\n")
    assert list(g) == ["o", "n", "e", " ", "ё"] and g.reason == STOP_SEQUENCE
    forced(monkeypatch, byte_tokens(trained, "one ёж\n"))
    g = gen(trained, "x", stop="ж\n\n")
    assert g.text() == "one ёж\n" and g.reason == LENGTH  # a held-back partial match is shown at the end


def test_stop_matcher_holds_back_only_a_possible_beginning():
    m = StopMatcher("END")
    assert m.feed("abcE") == ("abc", False)
    assert m.feed("N") == ("", False)
    assert m.feed("x") == ("ENx", False)
    assert m.feed("yyEN") == ("yy", False)
    assert m.feed("Dzz") == ("", True)
    assert StopMatcher("").feed("END") == ("END", False)


def test_the_end_of_a_document_ends_the_text(trained, monkeypatch):
    forced(monkeypatch, [*byte_tokens(trained, "fin"), trained.tokenizer.eot_id, *byte_tokens(trained, "more")])
    g = gen(trained, "x")
    assert g.text() == "fin" and g.reason == END_OF_TEXT and g.tokens == 4


def test_should_stop_is_obeyed_between_tokens(trained):
    asked = []

    def should_stop() -> bool:
        asked.append(1)
        return len(asked) == 3

    g = Generation(trained.model, trained.tokenizer, "ROMEO:", SampleConfig(max_new_tokens=200, seed=1), should_stop)
    assert g.reason is None and g.tokens == 0
    g.text()
    assert g.reason == STOPPED and g.tokens == 3
    assert g.tokens_per_s > 0 and 0 < g.first_token_s <= g.elapsed_s


def test_a_prompt_longer_than_the_context_is_cut_from_the_left_with_a_note(trained):
    context = trained.model.cfg.context
    prompt = "ROMEO: " * (3 * context)
    g = gen(trained, prompt, max_new_tokens=5, seed=2)
    assert len(g.notes) == 1 and f"last {context} tokens" in g.notes[0]
    assert g.prompt_tokens == context
    assert g.text() == gen(trained, prompt[-4 * context :], max_new_tokens=5, seed=2).text()
    assert gen(trained, "ROMEO:").notes == []


def test_an_empty_prompt_starts_a_paragraph(trained):
    sc = SampleConfig(max_new_tokens=10, temperature=0)
    tok = trained.tokenizer
    want = list(stream_tokens(trained.model, tok.encode(PARAGRAPH_END), sc, torch.Generator(), guard=guard_of(tok)))
    g = Generation(trained.model, tok, "", sc)
    assert g.prompt_tokens == len(tok.encode(PARAGRAPH_END))
    assert g.text() == tok.decode(want[: want.index(tok.eot_id)] if tok.eot_id in want else want)


def test_the_guard_keeps_any_draw_valid_utf8_without_special_tokens(trained):
    """Draw 3000 tokens uniformly among those the guard allows (a model that knows nothing, at its worst): the bytes
    are always well-formed UTF-8, and the guard agrees with Python's decoder on which token may come next."""
    tok = trained.tokenizer
    pieces = token_byte_strings(tok)
    guard = guard_of(tok)
    rng = torch.Generator().manual_seed(0)
    state, drawn = TextGuard.START, []
    for _ in range(3000):
        allowed = guard.allowed(state, torch.device("cpu"))
        assert not allowed[[i for i, p in enumerate(pieces) if not p and i != tok.eot_id]].any()  # no special token
        choices = allowed.nonzero().flatten()
        token = int(choices[torch.randint(len(choices), (1,), generator=rng)])
        if token == tok.eot_id:
            assert state == TextGuard.START
            continue
        drawn.append(token)
        state = guard.after(state, token)
    text = b"".join(pieces[t] for t in drawn)
    complete = text.decode("utf-8", errors="ignore").encode("utf-8")
    assert text.startswith(complete) and len(text) - len(complete) <= 3  # only the last character may be unfinished
    assert len(set(complete.decode("utf-8"))) > 50  # it did wander through many characters, multi-byte ones too
    lead, cont = byte_tokens(trained, "ё")
    after_lead = guard.after(TextGuard.START, lead)
    assert guard.allowed(after_lead, torch.device("cpu"))[cont]
    assert not guard.allowed(after_lead, torch.device("cpu"))[tok.encode("a")[0]]
    assert guard.after(after_lead, cont) == TextGuard.START


def test_the_cache_gives_the_tokens_of_full_forward_passes_across_slides(trained):
    model, context = trained.model, trained.model.cfg.context
    sc = SampleConfig(max_new_tokens=3 * context, temperature=0)
    prompt = trained.tokenizer.encode("Всё смешалось в доме")
    got = list(stream_tokens(model, prompt, sc, torch.Generator()))
    ids, want = list(prompt), []
    with torch.no_grad():
        for _ in range(3 * context):
            if len(ids) > context:
                ids = ids[-(context // 2) :]
            want.append(int(model(torch.tensor([ids]))[0, -1].argmax()))
            ids.append(want[-1])
    assert got == want
    uncached = list(
        stream_tokens(
            model, prompt, sc.replace(max_new_tokens=context - len(prompt)), torch.Generator(), use_cache=False
        )
    )
    assert uncached == got[: len(uncached)]


def test_pick_token_filters():
    logits = torch.tensor([3.0, 2.0, 1.0, 0.5, -1.0])
    g = torch.Generator().manual_seed(0)

    def draws(**kw):
        return {pick_token(logits, SampleConfig(**kw), None, g) for _ in range(300)}

    assert draws(temperature=0) == {0}
    assert draws(temperature=1.0, top_k=2, top_p=1.0) == {0, 1}
    assert draws(temperature=1.0, top_k=0, top_p=0.01) == {0}
    assert draws(temperature=1.0, top_k=0, top_p=0.8) == {0, 1}  # p = .61, .22, .08, ...: 0 and 1 reach .8
    assert draws(temperature=5.0, top_k=0, top_p=1.0) == {0, 1, 2, 3, 4}
    seen = torch.tensor([True, False, False, False, False])
    assert pick_token(logits, SampleConfig(temperature=0, repetition_penalty=2.0), seen, g) == 1
    assert pick_token(logits, SampleConfig(temperature=0, repetition_penalty=1.4), seen, g) == 0


def test_token_byte_strings_match_the_tokenizer(trained):
    tok = trained.tokenizer
    pieces = token_byte_strings(tok)
    assert [len(p) for p in pieces] == list(tok.token_bytes)
    ids = tok.encode(MIXED)
    assert b"".join(pieces[i] for i in ids).decode("utf-8") == tok.decode(ids) == MIXED


def test_a_model_wider_than_its_tokenizer_never_draws_an_id_past_it(trained):
    """A small book can leave the tokenizer short of the vocabulary the model was made with (7120 of 8000 tokens on
    the Russian sample); the model's extra outputs must never be drawn."""
    tok = trained.tokenizer
    wide = GPT(trained.model.cfg.replace(vocab_size=tok.vocab_size + 40)).eval()
    with torch.no_grad():
        wide.lm_head.weight[tok.vocab_size :] += 5.0  # make the ids past the tokenizer the likeliest
    sc = SampleConfig(max_new_tokens=30, temperature=1.0, top_k=0, top_p=1.0, seed=3)
    guard = TextGuard(token_byte_strings(tok), tok.eot_id, wide.cfg.vocab_size)
    ids = list(stream_tokens(wide, tok.encode(PARAGRAPH_END), sc, torch.Generator().manual_seed(3), guard=guard))
    assert ids and max(ids) < tok.vocab_size
    assert "\ufffd" not in Generation(wide, tok, "", sc).text()
