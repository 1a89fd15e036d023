"""Score a model's text against a book's true text, and measure how degenerate generated text is.

Book-grounded self-play needs verifiers: a task is cut from the book, the model answers, and the answer is scored
against the book's own words (chrF++, exact match, token F1). Degeneration is measured too: repetition within a
text (seq-rep, Welleck et al. 2020), words that are not in the book's vocabulary, and copy rate, the share of
generated n-grams found verbatim in the training text (the benchmark's corpus metrics are in
benchmarks/textmetrics.py).

Everything works on any language written with word characters (English, Russian, Ukrainian, ...): words are
Unicode ``\\w`` runs, casefolded.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Container, Hashable, Sequence

import numpy as np

__all__ = [
    "WORD",
    "NgramSet",
    "chrf",
    "exact_match",
    "hash_ngrams",
    "in_vocab_ratio",
    "ngrams",
    "normalize",
    "seq_rep",
    "token_f1",
    "words",
]

WORD = re.compile(r"\w+(?:['’]\w+)*")
_CHRF_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")  # sacrebleu's chrF++ punctuation set
_HASH_MULT = np.uint64(0x9E3779B97F4A7C15)  # odd, so multiplying by it is a bijection mod 2**64


def words(text: str) -> list[str]:
    """Casefolded word tokens; an apostrophe inside a word keeps it whole ("don't"), punctuation is dropped."""
    return WORD.findall(text.casefold())


def normalize(text: str) -> str:
    """The words of ``text`` joined by single spaces: the form compared by exact match and anchor lookup."""
    return " ".join(words(text))


def ngrams(items: Sequence, n: int) -> list[tuple]:
    """Every run of ``n`` consecutive items, as tuples."""
    return [tuple(items[i : i + n]) for i in range(len(items) - n + 1)]


def _chrf_words(text: str) -> list[str]:
    """sacrebleu's chrF++ words: split on whitespace, then one punctuation mark off a word's end, else its start."""
    tokens: list[str] = []
    for w in text.split():
        if len(w) > 1 and w[-1] in _CHRF_PUNCT:
            tokens += [w[:-1], w[-1]]
        elif len(w) > 1 and w[0] in _CHRF_PUNCT:
            tokens += [w[0], w[1:]]
        else:
            tokens.append(w)
    return tokens


def chrf(hypothesis: str, reference: str, char_order: int = 6, word_order: int = 2, beta: float = 2.0) -> float:
    """Sentence-level chrF++ in [0, 1], equal to sacrebleu's ``sentence_chrf(hyp, [ref], ...).score / 100``.

    Case-sensitive; character n-grams ignore whitespace. Precision and recall are averaged over the n-gram orders
    that both texts have (sacrebleu's default, ``eps_smoothing=False``), then combined into an F-beta score.
    """
    hyp_chars, ref_chars = "".join(hypothesis.split()), "".join(reference.split())
    hyp_words, ref_words = _chrf_words(hypothesis), _chrf_words(reference)
    orders = [(hyp_chars, ref_chars, n) for n in range(1, char_order + 1)]
    orders += [(hyp_words, ref_words, n) for n in range(1, word_order + 1)]
    precisions, recalls = [], []
    for hyp, ref, n in orders:
        hyp_counts, ref_counts = Counter(ngrams(hyp, n)), Counter(ngrams(ref, n))
        if hyp_counts and ref_counts:
            matches = (hyp_counts & ref_counts).total()
            precisions.append(matches / hyp_counts.total())
            recalls.append(matches / ref_counts.total())
    if not precisions:
        return 0.0
    precision, recall = sum(precisions) / len(precisions), sum(recalls) / len(recalls)
    if precision + recall == 0:
        return 0.0
    b2 = beta**2
    return (1 + b2) * precision * recall / (b2 * precision + recall)


def exact_match(hypothesis: str, reference: str) -> float:
    """1.0 if both texts have the same words in the same order (ignoring case and punctuation), else 0.0."""
    return float(normalize(hypothesis) == normalize(reference))


def token_f1(hypothesis: str, reference: str) -> float:
    """SQuAD-style F1 between the bags of words of both texts; 1.0 if both have no words, 0.0 if only one has."""
    hyp, ref = words(hypothesis), words(reference)
    if not hyp or not ref:
        return float(hyp == ref)
    common = (Counter(hyp) & Counter(ref)).total()
    if common == 0:
        return 0.0
    precision, recall = common / len(hyp), common / len(ref)
    return 2 * precision * recall / (precision + recall)


def seq_rep(tokens: Sequence[Hashable], n: int) -> float:
    """Share of repeated n-grams within one sequence, 1 - unique / total (Welleck et al. 2020); 0.0 if none."""
    grams = ngrams(tokens, n)
    return 1 - len(set(grams)) / len(grams) if grams else 0.0


def in_vocab_ratio(word_list: Sequence[str], vocab: Container[str]) -> float:
    """Share of words found in ``vocab``; 1.0 for no words (emptiness is judged elsewhere)."""
    if not word_list:
        return 1.0
    return sum(w in vocab for w in word_list) / len(word_list)


def hash_ngrams(ids: np.ndarray, n: int) -> np.ndarray:
    """A uint64 polynomial hash of every n-gram of ``ids`` (wrapping arithmetic), computed in place."""
    ids = np.asarray(ids).astype(np.uint64, copy=False)
    count = max(len(ids) - n + 1, 0)
    hashes = np.zeros(count, dtype=np.uint64)
    for k in range(n):
        hashes *= _HASH_MULT
        hashes += ids[k : k + count]
    return hashes


class NgramSet:
    """The set of n-grams of a long id sequence (a book's word or token ids), for verbatim-copy lookups.

    Stored as the sorted unique 64-bit hashes of its n-grams: building from 10M ids takes about a second and three
    80 MB arrays. A lookup is a false positive only if two n-grams share a hash, odds about ``len(self) / 2**64``.
    """

    def __init__(self, ids: np.ndarray, n: int) -> None:
        if n < 1:
            raise ValueError(f"n must be at least 1, got {n}")
        self.n = n
        hashes = hash_ngrams(ids, n)
        hashes.sort()  # in place: np.unique would need several more copies and is far slower on 10M items
        keep = np.ones(len(hashes), dtype=bool)
        np.not_equal(hashes[1:], hashes[:-1], out=keep[1:])
        self._hashes = hashes[keep]

    def __len__(self) -> int:
        """Number of distinct n-grams."""
        return len(self._hashes)

    def _found(self, hashes: np.ndarray) -> np.ndarray:
        if len(self._hashes) == 0:
            return np.zeros(len(hashes), dtype=bool)
        idx = np.minimum(np.searchsorted(self._hashes, hashes), len(self._hashes) - 1)
        return self._hashes[idx] == hashes

    def contains(self, ngram: Sequence[int]) -> bool:
        """Whether this exact n-gram occurs in the reference sequence; ValueError if its length is not n."""
        if len(ngram) != self.n:
            raise ValueError(f"expected an n-gram of length {self.n}, got {len(ngram)}")
        return bool(self._found(hash_ngrams(np.asarray(ngram), self.n))[0])

    def share_found(self, ids: Sequence[int]) -> float:
        """Share of the n-grams of ``ids`` that occur in the reference sequence (copy rate); 0.0 if none."""
        hashes = hash_ngrams(np.asarray(ids), self.n)
        return float(self._found(hashes).mean()) if len(hashes) else 0.0
