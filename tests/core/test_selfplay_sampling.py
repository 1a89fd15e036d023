"""Self-play writes text, as generation does, even on a barely trained model.

The solver's answers and the proposer's anchors were drawn from the whole vocabulary: on the tiny preset after 300
iterations on the bundled Russian book, 439 of 480 answers held U+FFFD (stray byte tokens broke the two-byte
Cyrillic letters) and 179 held special tokens, shown in the Self-play tasks list as garbage.
"""

from __future__ import annotations

import random

import pytest
import torch
from tiny_settings import trained_early

from azr_desktop.core.booktasks import END, KIND_TOKEN, LEVEL_TOKEN, LEVELS, PROPOSE, TextWorld, answer_complete
from azr_desktop.core.config import SPECIAL_TOKENS
from azr_desktop.core.selfplay import LEVEL_IDS, PROPOSAL_TOKENS, answer_guard, sample_sequences, solve

STOP_AT = 300
KINDS = ("cont", "fill", "prev")


@pytest.fixture(scope="module")
def early_russian(tmp_path_factory, anna_karenina):
    """The tiny preset after 300 of 5000 iterations on the Russian sample (a few minutes of a user's CPU), and a
    task world on the same book."""
    trained = trained_early(tmp_path_factory.mktemp("early"), anna_karenina, STOP_AT)
    world = TextWorld([anna_karenina.read_text(encoding="utf-8")], trained.tokenizer, trained.model.cfg.context)
    return trained, world


def specials_inside(row: list[int]) -> list[int]:
    """Special tokens in a sampled row, but the ``<|end|>`` that may close it."""
    body = row[:-1] if row and row[-1] == END else row
    return [t for t in body if t < len(SPECIAL_TOKENS)]


def test_selfplay_answers_and_proposals_are_text(early_russian):
    trained, world = early_russian
    model, tok = trained.model, trained.tokenizer
    assert trained.iter == STOP_AT
    guard = answer_guard(model, tok)
    rng = random.Random(0)
    answers = []
    for seed in range(60):
        task = world.random_task(KINDS[seed % 3], rng.choice(LEVELS), rng)
        answers += solve(model, world, task, 8, 1.0, torch.Generator().manual_seed(seed), guard)
    assert len(answers) >= 400
    assert not [text for _, text in answers if "\ufffd" in text]
    assert not [row for row, _ in answers if specials_inside(row)]
    assert sum(bool(text.strip()) for _, text in answers) >= 0.9 * len(answers)

    for seed, kind in enumerate(KINDS):
        rows = sample_sequences(
            model,
            [PROPOSE, KIND_TOKEN[kind]],
            32,
            PROPOSAL_TOKENS,
            1.0,
            torch.Generator().manual_seed(seed),
            lambda r: answer_complete(tok.decode(r), 8),
            guard,
            first_allowed=LEVEL_IDS,
        )
        assert {row[0] for row in rows} <= set(LEVEL_TOKEN.values())  # the proposer still picks a level first
        assert not [row for row in rows if specials_inside(row[1:]) or "\ufffd" in tok.decode(row)]
