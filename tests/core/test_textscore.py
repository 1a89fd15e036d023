from __future__ import annotations

import math

import numpy as np
import pytest

from azr_desktop.core.textscore import (
    NgramSet,
    chrf,
    exact_match,
    in_vocab_ratio,
    normalize,
    seq_rep,
    token_f1,
    words,
)
from benchmarks.textmetrics import bootstrap_ci, distinct_n, paired_bootstrap_diff

# Expected values from sacrebleu 2.4.3: sentence_chrf(hyp, [ref], char_order=6, word_order=2, beta=2).score / 100
CHRF_CASES = [
    ("The cat sat on the mat.", "The cat sat on the mat.", 1.0),
    ("", "The cat sat on the mat.", 0.0),
    ("The cat sat.", "", 0.0),
    ("abc", "xyz", 0.0),
    ("The cat is sitting on a mat.", "The cat sat on the mat.", 0.399059419923887),
    ("the cat sat on the mat", "The cat sat on the mat.", 0.8389851280212484),
    ("cat", "the cat", 0.46742209631728054),
    (
        "Мой дядя самых честных правил, когда не в шутку занемог,",
        "Мой дядя самых честных правил, Когда не в шутку занемог,",
        0.9066727072542371,
    ),
    (
        "Реве та стогне Дніпр широкий, сердитий вітер завива",
        "Реве та стогне Дніпр широкий, Сердитий вітер завива,",
        0.8598512434168687,
    ),
    ('(hi) "quoted", yes! -- ok', 'hi "quoted" yes ok.', 0.4069390922162742),
    ("Вітер завива, reve Dnipro.", "Реве та стогне Дніпр широкий", 0.03676470588235294),
    ("a a a a b", "a b a b", 0.34231722428748446),
]


@pytest.mark.parametrize(("hyp", "ref", "expected"), CHRF_CASES)
def test_chrf_matches_sacrebleu(hyp: str, ref: str, expected: float) -> None:
    assert abs(chrf(hyp, ref) - expected) < 1e-4


def test_chrf_other_orders_and_beta() -> None:
    # chrF (no word n-grams), beta 1: "ab" vs "abc" has unigram P=1, R=2/3 and bigram P=1, R=1/2.
    precision, recall = 1.0, (2 / 3 + 1 / 2) / 2
    assert chrf("ab", "abc", char_order=2, word_order=0, beta=1) == pytest.approx(
        2 * precision * recall / (precision + recall)
    )


def test_words_unicode_apostrophes_and_case() -> None:
    assert words("Не бійся, Тарасе! Він сказав: «Don't»...") == ["не", "бійся", "тарасе", "він", "сказав", "don't"]
    assert words("П’ять м'ят — Ёлка_2") == ["п’ять", "м'ят", "ёлка_2"]
    assert words("'quoted' -- ...") == ["quoted"]
    assert words("") == []


def test_normalize_and_exact_match() -> None:
    assert normalize("  Don't   STOP, now!\n") == "don't stop now"
    assert exact_match("Don't stop now!", "don't, stop... NOW") == 1.0
    assert exact_match("Мой дядя", "мой  ДЯДЯ.") == 1.0
    assert exact_match("stop now", "now stop") == 0.0
    assert exact_match("", "...") == 1.0


def test_token_f1() -> None:
    assert token_f1("the cat sat", "The cat sat on the mat.") == pytest.approx(2 / 3)  # P = 1, R = 1/2
    assert token_f1("the the the", "the cat") == pytest.approx(0.4)  # 1 common: P = 1/3, R = 1/2
    assert token_f1("кіт сидів", "Кіт, сидів!") == 1.0
    assert token_f1("dog", "cat") == 0.0
    assert token_f1("", "cat") == 0.0
    assert token_f1("cat", "!!") == 0.0
    assert token_f1("", "") == 1.0


def test_seq_rep_and_distinct_n() -> None:
    assert seq_rep([1, 2, 1, 2, 1, 2], 2) == pytest.approx(1 - 2 / 5)
    assert seq_rep(np.array([7, 7, 7, 7]), 1) == pytest.approx(0.75)
    assert seq_rep(["мама", "мыла", "раму"], 1) == 0.0
    assert seq_rep([1, 2], 2) == 0.0
    assert seq_rep([1], 2) == 0.0
    assert distinct_n([["a", "b", "c"], ["a", "b", "d"]], 2) == pytest.approx(3 / 4)
    assert distinct_n([[1, 1], [1]], 1) == pytest.approx(1 / 3)
    assert distinct_n([[1], []], 2) == 0.0
    assert distinct_n([], 1) == 0.0


def test_in_vocab_ratio() -> None:
    assert in_vocab_ratio(["кіт", "сидів", "xyzzy"], {"кіт", "сидів"}) == pytest.approx(2 / 3)
    assert in_vocab_ratio([], {"кіт"}) == 1.0
    assert in_vocab_ratio(["a"], set()) == 0.0


def test_ngram_set_on_known_array() -> None:
    ngrams = NgramSet(np.array([1, 2, 3, 4, 1, 2, 5], dtype=np.int32), 3)
    assert len(ngrams) == 5
    assert ngrams.contains([1, 2, 3]) and ngrams.contains((1, 2, 5)) and ngrams.contains([4, 1, 2])
    assert not ngrams.contains([2, 1, 3]) and not ngrams.contains([5, 1, 2])
    assert ngrams.share_found([1, 2, 3, 4, 9]) == pytest.approx(2 / 3)
    assert ngrams.share_found([0, 0, 0]) == 0.0
    assert ngrams.share_found([1, 2]) == 0.0
    with pytest.raises(ValueError):
        ngrams.contains([1, 2])
    empty = NgramSet(np.array([1, 2]), 3)
    assert len(empty) == 0 and not empty.contains([1, 2, 3]) and empty.share_found([1, 2, 3]) == 0.0


def test_ngram_set_agrees_with_python_set() -> None:
    rng = np.random.default_rng(0)
    ids = rng.integers(0, 6, 50_000)  # small vocabulary: many repeated 4-grams
    ngrams = NgramSet(ids, 4)
    truth = {tuple(ids[i : i + 4]) for i in range(len(ids) - 3)}
    assert len(ngrams) == len(truth)
    queries = rng.integers(0, 7, (2_000, 4))  # id 6 never occurs in the reference
    assert [ngrams.contains(q) for q in queries] == [tuple(q) in truth for q in queries]
    sample = rng.integers(0, 7, 3_000)
    expected = np.mean([tuple(sample[i : i + 4]) in truth for i in range(len(sample) - 3)])
    assert ngrams.share_found(sample) == pytest.approx(expected)
    assert ngrams.share_found(ids[:1000]) == 1.0
    big = NgramSet(np.array([2**31 - 1, 0, 2**40, 0]), 2)  # large ids hash without overflow errors
    assert big.contains([0, 2**40]) and not big.contains([2**40, 2**31 - 1])


def test_bootstrap_ci() -> None:
    small = [0.0, 1.0] * 10
    mean, low, high = bootstrap_ci(small)
    assert mean == 0.5 and low < mean < high
    big_mean, big_low, big_high = bootstrap_ci([0.0, 1.0] * 500)
    assert big_mean == 0.5 and big_low < big_mean < big_high
    assert big_high - big_low < (high - low) / 3  # 50x the data: about 1/7 the width
    assert bootstrap_ci(small, seed=0) == (mean, low, high)
    assert bootstrap_ci(small, seed=1) != (mean, low, high)
    assert bootstrap_ci([0.3, 0.3, 0.3]) == pytest.approx((0.3, 0.3, 0.3))
    assert bootstrap_ci([0.7]) == pytest.approx((0.7, 0.7, 0.7))
    assert all(math.isnan(x) for x in bootstrap_ci([]))


def test_paired_bootstrap_diff() -> None:
    rng = np.random.default_rng(1)
    b = rng.random(200)
    mean, low, high = paired_bootstrap_diff(b + 0.1, b)
    assert (mean, low, high) == pytest.approx((0.1, 0.1, 0.1))  # pairing removes the item-to-item noise
    a = b + rng.normal(0.05, 0.1, 200)
    mean, low, high = paired_bootstrap_diff(a, b, seed=3)
    assert mean == pytest.approx(float(np.mean(a - b))) and low < mean < high
    assert (mean, low, high) == bootstrap_ci(a - b, seed=3)
    assert all(math.isnan(x) for x in paired_bootstrap_diff([], []))
    with pytest.raises(ValueError):
        paired_bootstrap_diff([1.0, 2.0], [1.0])
