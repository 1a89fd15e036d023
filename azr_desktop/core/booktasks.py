"""The self-play environment: tasks cut from the book's own text, and the verifier that scores answers.

Like Absolute Zero's code executor, the environment (never the model) supplies the gold answer, here by slicing
the true text, so a reward cannot be earned by anything but reproducing the book. Three task types:

* ``cont``  continue a passage by k words (k = 2, 4, 8 by level); scored by chrF++ against the true words;
* ``fill``  the m words hidden behind ``<|mask|>`` (m = 1, 2, 3); exact match, else half the word F1;
* ``prev``  the sentence before one, two or three given sentences; chrF++.

The solver's answer is the first n words it writes, n being the gold answer's length: the environment reads what
it needs, so a model that never learned to write ``<|end|>`` is not shut out by a format rule before it can learn
anything (the zero-reward trap of small models under GRPO). The proposer writes a difficulty token and an anchor
phrase; the longest prefix of 4 to 8 of its words that occurs verbatim in the training text is where the task is
built. Tasks only come from the text the world is built on (the training split); evaluation suites come from
worlds built on the validation and test text.
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from azr_desktop.core.config import SPECIAL_TOKENS
from azr_desktop.core.textscore import (
    WORD,
    chrf,
    exact_match,
    hash_ngrams,
    in_vocab_ratio,
    seq_rep,
    token_f1,
    words,
)
from azr_desktop.core.tokenizer import BookTokenizer

KIND_TOKEN = {kind: SPECIAL_TOKENS.index(f"<|{kind}|>") for kind in ("cont", "fill", "prev")}
MASK = SPECIAL_TOKENS.index("<|mask|>")
PROPOSE = SPECIAL_TOKENS.index("<|propose|>")
ANSWER = SPECIAL_TOKENS.index("<|answer|>")
END = SPECIAL_TOKENS.index("<|end|>")
LEVELS = (1, 2, 3)
LEVEL_TOKEN = {level: SPECIAL_TOKENS.index(f"<|reserved_{level - 1}|>") for level in LEVELS}
CONT_WORDS = {1: 2, 2: 4, 3: 8}
FILL_WORDS = {1: 1, 2: 2, 3: 3}
PREV_SHOWN = {1: 3, 2: 2, 3: 1}  # following sentences shown: fewer is harder
PREV_GOLD_WORDS = (3, 25)  # sentences outside this length make poor PREV tasks (headings, long periods)
ANCHOR_WORDS = (4, 8)
SUCCESS_CHRF = {"cont": 0.5, "prev": 0.4}  # fill succeeds only by exact match
REGION_WORDS = 200  # the diversity rule counts tasks per region of this many words
_SENTENCE_END = re.compile(r"[.!?…]+[\"'»”’)\]]*(?=\s)|\n\s*\n")


@dataclass(frozen=True)
class Task:
    kind: str
    level: int
    parts: tuple[str, ...]  # the book text the solver sees; fill has the text before and after the mask
    gold: str  # the true answer, with the whitespace that precedes it in the book
    answer_words: int  # how many words of the answer the verifier reads
    where: int  # word index in its world: for coverage and the diversity rule

    def prompt_ids(self, tokenizer: BookTokenizer) -> list[int]:
        ids = [KIND_TOKEN[self.kind]]
        for i, part in enumerate(self.parts):
            if i:
                ids.append(MASK)
            ids += tokenizer.encode(part)
        return ids + [ANSWER]

    def gold_ids(self, tokenizer: BookTokenizer) -> list[int]:
        """The answer as teacher forcing would train it (the supervised baseline), ending with ``<|end|>``."""
        return tokenizer.encode(self.gold) + [END]


@dataclass(frozen=True)
class Score:
    task: float  # r_task in [0, 1]
    success: bool
    rep: float  # repeated word bigrams in the answer (seq-rep-2)
    oov: float  # share of answer words that never occur in the books
    format_error: bool  # no words at all

    def reward(self, rep_penalty: float, oov_penalty: float) -> float:
        """Task score minus penalties (never bonuses, so they cannot be farmed); -1 for no answer."""
        if self.format_error:
            return -1.0
        return self.task - rep_penalty * self.rep - oov_penalty * self.oov


def read_answer(text: str, n_words: int) -> str:
    """The first ``n_words`` words of a generated text, with what lies between them."""
    matches = list(WORD.finditer(text))[:n_words]
    return text[: matches[-1].end()] if matches else ""


def answer_complete(text: str, n_words: int) -> bool:
    """True once a generation holds ``n_words`` finished words (a further word has begun)."""
    return sum(1 for _ in WORD.finditer(text)) > n_words


class TextWorld:
    """Words, sentences and a verbatim-phrase index over some book text (one split of the books), sized so that
    a task and its answer fit the model's context."""

    def __init__(self, documents: Iterable[str], tokenizer: BookTokenizer, context: int):
        self.tokenizer = tokenizer
        self.context = context
        self.text = "\n\n".join(d for d in documents if d.strip())
        spans = [(m.start(), m.end()) for m in WORD.finditer(self.text)]
        self.starts = np.array([s for s, _ in spans], dtype=np.int64)
        self.ends = np.array([e for _, e in spans], dtype=np.int64)
        lowered = [self.text[s:e].casefold() for s, e in spans]
        self.vocab: dict[str, int] = {}
        self.ids = np.array([self.vocab.setdefault(w, len(self.vocab)) for w in lowered], dtype=np.int64)
        self.n_words = len(spans)
        # Sentence and document (block) number of every word, from the character offsets of their ends.
        sent_ends = np.array([m.end() for m in _SENTENCE_END.finditer(self.text)], dtype=np.int64)
        sentence = np.searchsorted(sent_ends, self.starts, side="right")
        doc_ends = np.array([m.start() for m in re.finditer(r"\n\n", self.text)], dtype=np.int64)
        self.document = np.searchsorted(doc_ends, self.starts, side="right")
        bounds = np.flatnonzero(np.diff(sentence)) + 1
        self.sent_lo = np.concatenate([[0], bounds]).astype(np.int64)
        self.sent_hi = np.concatenate([bounds, [self.n_words]]).astype(np.int64)
        self._keys, self._key_pos = self._phrase_index()
        sample = self.text[: self.ends[min(self.n_words, 5000) - 1]] if self.n_words else ""
        self.tokens_per_word = max(1.0, len(tokenizer.encode(sample)) / max(1, min(self.n_words, 5000)))
        # Context words shown for cont/fill: what fits beside the longest answer, at most 64.
        room = context - self.answer_budget(max(CONT_WORDS.values())) - 3
        self.context_words = max(4, min(64, int(room / (1.2 * self.tokens_per_word))))

    def answer_budget(self, n_words: int) -> int:
        """Tokens a solver may spend on an answer of ``n_words`` words (1.5x this text's average, plus 4)."""
        return math.ceil(1.5 * self.tokens_per_word * n_words) + 4

    def fits(self, task: Task) -> bool:
        return len(task.prompt_ids(self.tokenizer)) + self.answer_budget(task.answer_words) <= self.context

    def __len__(self) -> int:
        return self.n_words

    def words_between(self, lo: int, hi: int) -> str:
        """The original text from word ``lo`` to the end of word ``hi - 1``."""
        return self.text[self.starts[lo] : self.ends[hi - 1]]

    def after(self, lo: int, hi: int) -> str:
        """The text of words ``lo..hi-1`` with the whitespace and punctuation that precede word ``lo``."""
        return self.text[self.ends[lo - 1] : self.ends[hi - 1]]

    # ---- verbatim anchors ---------------------------------------------------------------------------------
    def _phrase_index(self) -> tuple[np.ndarray, np.ndarray]:
        """Sorted hashes of every 4-word sequence, with where each starts: anchors are found by binary search."""
        k = ANCHOR_WORDS[0]
        if self.n_words < k:
            return np.zeros(0, np.uint64), np.zeros(0, np.int64)
        keys = hash_ngrams(self.ids, k)
        order = np.argsort(keys, kind="stable")
        return keys[order], order.astype(np.int64)

    def find_phrase(self, phrase_words: list[str]) -> tuple[int, np.ndarray]:
        """The longest prefix (4 to 8 words) of ``phrase_words`` that occurs verbatim: (length, start positions).
        Length 0 and no positions if even the first four words do not occur together."""
        ids = [self.vocab.get(w.casefold(), -1) for w in phrase_words[: ANCHOR_WORDS[1]]]
        k = ANCHOR_WORDS[0]
        if len(ids) < k or min(ids[:k]) < 0:
            return 0, np.zeros(0, np.int64)
        key = hash_ngrams(np.array(ids[:k]), k)[0]
        lo, hi = np.searchsorted(self._keys, key, "left"), np.searchsorted(self._keys, key, "right")
        positions = self._key_pos[lo:hi]
        best = (0, np.zeros(0, np.int64))
        for n in range(k, len(ids) + 1):
            if ids[n - 1] < 0:
                break
            fits = positions[positions + n <= self.n_words]
            same = np.all(self.ids[fits[:, None] + np.arange(n)] == np.array(ids[:n]), axis=1)
            positions = fits[same]
            if not len(positions):
                break
            best = (n, positions)
        return best

    # ---- tasks ----------------------------------------------------------------------------------------------
    def task_at(self, kind: str, level: int, pos: int) -> Task | None:
        """The task of this kind and level whose answer starts at word ``pos``; None where it does not fit
        (a document border, a sentence too long or short)."""
        c = self.context_words
        if kind == "cont":
            k = CONT_WORDS[level]
            lo, hi = pos - c, pos + k
            if lo < 0 or hi > self.n_words or not self._one_document(lo, hi):
                return None
            return Task(kind, level, (self.words_between(lo, pos),), self.after(pos, hi), k, pos)
        if kind == "fill":
            m = FILL_WORDS[level]
            lo, hi = pos - c // 2, pos + m + c // 2
            if lo < 0 or hi > self.n_words or not self._one_document(lo, hi):
                return None
            left, right = self.words_between(lo, pos), self.after(pos + m, hi)
            return Task(kind, level, (left, right), self.after(pos, pos + m), m, pos)
        if kind == "prev":
            first = self._sentence_of(pos)
            if pos >= self.n_words or self.sent_lo[first] != pos:
                return None  # prev tasks start at a sentence start
            shown = PREV_SHOWN[level]
            if first < 1 or first + shown > len(self.sent_lo):
                return None
            glo, ghi = int(self.sent_lo[first - 1]), int(self.sent_hi[first - 1])
            shi = int(self.sent_hi[first + shown - 1])
            if not PREV_GOLD_WORDS[0] <= ghi - glo <= PREV_GOLD_WORDS[1] or shi - pos > 2 * c:
                return None
            if not self._one_document(glo, shi):
                return None
            shown = (self.words_between(pos, shi),)
            return Task(kind, level, shown, " " + self.words_between(glo, ghi), ghi - glo, pos)
        raise ValueError(f"unknown task kind {kind!r}")

    def task_after_anchor(self, kind: str, level: int, anchor_end: int) -> Task | None:
        """The task placed by an anchor ending at word ``anchor_end`` (None if it does not fit there): cont and
        fill ask for what follows it; prev asks for the sentence before the one the anchor ends in."""
        if kind == "prev":
            anchor_end = int(self.sent_lo[self._sentence_of(anchor_end - 1)])
        task = self.task_at(kind, level, anchor_end)
        return task if task is not None and self.fits(task) else None

    def random_task(self, kind: str, level: int, rng: random.Random, tries: int = 50) -> Task | None:
        for _ in range(tries):
            pos = rng.randrange(self.n_words) if self.n_words else 0
            if kind == "prev":
                pos = int(self.sent_lo[self._sentence_of(pos)])
            task = self.task_at(kind, level, pos)
            if task is not None and self.fits(task):
                return task
        return None

    def suite(self, kinds: list[str], per_kind: int, seed: int = 0) -> list[Task]:
        """A fixed evaluation set: the same tasks for the same text and seed, levels taken in turn."""
        rng = random.Random(seed)
        tasks = []
        for kind in kinds:
            for i in range(per_kind):
                task = self.random_task(kind, LEVELS[i % len(LEVELS)], rng)
                if task is not None:
                    tasks.append(task)
        return tasks

    def _sentence_of(self, pos: int) -> int:
        """Index (into ``sent_lo``/``sent_hi``) of the sentence holding word ``pos``."""
        return int(np.searchsorted(self.sent_lo, pos, side="right")) - 1

    def _one_document(self, lo: int, hi: int) -> bool:
        return bool(self.document[lo] == self.document[hi - 1])

    def score(self, task: Task, generated: str) -> Score:
        """Verify an answer against the book: the task score plus the facts the penalties need."""
        answer = read_answer(generated, task.answer_words)
        answer_words = words(answer)
        if not answer_words:
            return Score(0.0, False, 0.0, 0.0, True)
        if task.kind == "fill":
            em = exact_match(answer, task.gold)
            value, success = (1.0, True) if em else (0.5 * token_f1(answer, task.gold), False)
        else:
            value = chrf(answer, task.gold)
            success = value >= SUCCESS_CHRF[task.kind]
        oov = 1.0 - in_vocab_ratio(answer_words, self.vocab)
        return Score(value, success, seq_rep(answer_words, 2), oov, False)


def documents_from_tokens(tokens: np.ndarray, tokenizer: BookTokenizer, max_tokens: int) -> list[str]:
    """Decode a token split back into text, one string per book (split at ``<|endoftext|>``). A split longer than
    ``max_tokens`` contributes evenly spaced blocks instead, so a 1 GB book costs no more than a small one."""
    tokens = np.asarray(tokens)
    if len(tokens) > max_tokens:
        n_blocks = 64
        size = max_tokens // n_blocks
        starts = np.linspace(0, len(tokens) - size, n_blocks).astype(np.int64)
        pieces = [tokens[s : s + size] for s in starts]
    else:
        pieces = [tokens]
    docs = []
    for piece in pieces:
        cuts = np.flatnonzero(piece == tokenizer.eot_id)
        for a, b in zip(np.concatenate([[0], cuts + 1]), np.concatenate([cuts, [len(piece)]])):
            if b - a > 1:
                docs.append(tokenizer.decode(piece[a:b].tolist()))
    return docs
