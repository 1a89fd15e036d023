"""The self-play environment and phase: tasks come from the right text, the verifier scores honestly, the update
does what the formulas say, and the phase is a resumable, guarded part of training."""

from __future__ import annotations

import json
import shutil

import pytest
import torch

from azr_desktop.core import events as ev
from azr_desktop.core.books import inspect_book
from azr_desktop.core.booktasks import LEVELS, Task, TextWorld, documents_from_tokens, read_answer
from azr_desktop.core.checkpoint import load_latest, read_best
from azr_desktop.core.config import ModelConfig, SelfPlayConfig, TrainConfig
from azr_desktop.core.errors import ConfigError
from azr_desktop.core.modeldir import ModelDir
from azr_desktop.core.selfplay import group_advantages, learnability, policy_terms
from azr_desktop.core.textscore import words
from azr_desktop.core.tokenizer import BookTokenizer
from azr_desktop.core.trainer import Trainer

STORY = (
    "The old miller walked to the river every morning. He carried a basket of bread for the ducks. "
    "The ducks knew him well and waited by the reeds. One day the river was frozen and the ducks were gone. "
    "The miller sat on the bank and ate the bread himself. Spring came back, and so did the ducks. "
)
SP_MODEL = dict(vocab_size=512, d_model=32, n_layers=2, n_heads=2, d_ff=64, context=128)
SP_TRAIN = dict(batch_size=4, warmup=5, eval_every=20, eval_iters=2, save_every=0, sample_every=0, threads=1, seed=3)
SP = dict(tasks_per_kind=2, proposals_per_kind=2, samples=2, suite_tasks=2, warmup=2)


@pytest.fixture(scope="module")
def world() -> TextWorld:
    docs = [STORY * 3, "A second book starts here. It has its own sentences, short ones. " * 6]
    tok = BookTokenizer.train(docs, 400)
    return TextWorld(docs, tok, context=64)


def words_of(text: str) -> list[str]:
    return text.split()


# ---- the environment --------------------------------------------------------------------------------------------
def test_cont_task_asks_for_the_words_that_follow(world: TextWorld) -> None:
    pos = world.context_words + 5
    task = world.task_at("cont", 2, pos)
    assert task is not None and task.answer_words == 4
    assert task.parts[0].endswith(world.words_between(pos - 1, pos))
    assert world.text[world.starts[pos] :].startswith(task.gold.strip())
    assert task.gold.strip() not in task.parts[0][-len(task.gold) :]  # the answer is not at the end of the prompt


def test_fill_task_hides_exactly_the_masked_words(world: TextWorld) -> None:
    pos = world.context_words + 5
    task = world.task_at("fill", 3, pos)
    left, right = task.parts
    c = world.context_words // 2
    assert world.words_between(pos - c, pos + 3 + c) == left + task.gold + right
    assert len(task.gold.split()) == 3
    ids = task.prompt_ids(world.tokenizer)
    assert ids.count(3) == 1  # one <|mask|>


def test_prev_task_asks_for_the_sentence_before(world: TextWorld) -> None:
    pos = STORY.split().index("One")  # "One day the river was frozen..." starts a sentence
    task = world.task_at("prev", 2, pos)
    assert task is not None
    assert task.gold.strip() == "The ducks knew him well and waited by the reeds"
    assert task.parts[0].startswith("One day the river was frozen")
    assert "reeds" not in task.parts[0]
    assert world.task_at("prev", 2, pos + 1) is None  # prev tasks start at sentence starts


def test_tasks_never_cross_from_one_book_into_the_next(world: TextWorld) -> None:
    border = int((world.document == 1).argmax())
    assert world.task_at("cont", 1, border) is None
    assert world.task_at("cont", 1, border + world.context_words) is not None


def test_anchor_lookup_finds_the_longest_verbatim_prefix(world: TextWorld) -> None:
    n, positions = world.find_phrase(words_of("the ducks knew him well purple dragons"))
    assert n == 5 and len(positions) == 3  # the story is in the text three times
    story = ["the", "ducks", "knew", "him", "well"]
    assert list(world.ids[positions[0] : positions[0] + 5]) == [world.vocab[w] for w in story]
    assert world.find_phrase(words_of("ducks knew him")) == (0, pytest.approx([]))  # under four words
    n, _ = world.find_phrase(words_of("the river knew him"))
    assert n == 0


def test_suite_is_fixed_and_every_task_fits(world: TextWorld) -> None:
    a, b = world.suite(["cont", "fill", "prev"], 6), world.suite(["cont", "fill", "prev"], 6)
    assert a == b and len(a) == 18
    assert all(world.fits(t) for t in a)
    assert {t.level for t in a} == set(LEVELS)


def test_verifier_scores(world: TextWorld) -> None:
    cont = Task("cont", 1, ("The old miller walked to the",), " river every", 2, 0)
    perfect = world.score(cont, " river every morning and more")
    assert perfect.task == pytest.approx(1.0) and perfect.success and perfect.reward(0.2, 0.2) == pytest.approx(1.0)
    empty = world.score(cont, " ... !")
    assert empty.format_error and empty.reward(0.2, 0.2) == -1.0
    nonsense = world.score(cont, " zorblat quux")
    assert nonsense.oov == 1.0 and nonsense.reward(0.2, 0.2) < nonsense.task
    fill = Task("fill", 2, ("a", "b"), " the ducks", 2, 0)
    assert world.score(fill, " The Ducks!").success
    half = world.score(fill, " the river")
    assert not half.success and half.task == pytest.approx(0.5 * 0.5)
    loop = Task("prev", 3, ("x",), " the ducks the ducks the ducks", 6, 0)
    assert world.score(loop, " the ducks the ducks the ducks").rep > 0
    assert read_answer(" river every morning", 2) == " river every"


# ---- rewards and the update ---------------------------------------------------------------------------------------
def test_learnability() -> None:
    assert learnability(0.0) == 0.0 and learnability(1.0) == 0.0
    assert learnability(0.5) == 0.5 and learnability(0.25) == 0.75


def test_group_advantages_center_each_group_and_zero_constant_groups() -> None:
    adv = group_advantages([[1.0, 0.0, 0.5, 0.5], [0.3, 0.3, 0.3, 0.3]])
    assert sum(adv[0]) == pytest.approx(0.0, abs=1e-6) and adv[0][0] > 0 > adv[0][1]
    assert adv[1] == [0.0] * 4


def test_zero_advantage_gives_exactly_zero_policy_gradient() -> None:
    logp = torch.randn(2, 5, requires_grad=True)
    pg, _ = policy_terms(logp, logp.detach(), logp.detach() - 0.1, torch.zeros(2, 1), 0.2)
    pg.sum().backward()
    assert torch.equal(logp.grad, torch.zeros(2, 5))


def test_clipping_stops_the_gradient_beyond_the_trust_region() -> None:
    old = torch.zeros(1, 2)
    logp = torch.tensor([[0.1, 0.5]], requires_grad=True)  # ratios 1.105 (inside 1.2) and 1.65 (outside)
    pg, kl = policy_terms(logp, old, old, torch.ones(1, 1), 0.2)
    pg.sum().backward()
    assert logp.grad[0, 0] < 0 and logp.grad[0, 1] == 0
    assert kl[0, 0] > 0 and policy_terms(old, old, old, torch.ones(1, 1), 0.2)[1].abs().max() == 0


# ---- the phase inside the trainer -----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def pretrained(tmp_path_factory, shakespeare):
    """A tiny model trained 40 iterations on 200 KB of Shakespeare (enough text for tasks)."""
    book = tmp_path_factory.mktemp("books") / "shakespeare_200k.txt"
    book.write_bytes(shakespeare.read_bytes()[:200_000])
    md = ModelDir.create(
        tmp_path_factory.mktemp("models") / "m",
        ModelConfig(**SP_MODEL),
        TrainConfig(iters=40, **SP_TRAIN),
        [inspect_book(book)],
    )
    list(Trainer(md).run())
    return md


def copy_model(md: ModelDir, dest) -> ModelDir:
    shutil.copytree(md.path, dest)
    return ModelDir.open(dest)


def run(md: ModelDir, iters: int, **sp) -> list[ev.Event]:
    return list(Trainer(md, md.train_config().replace(iters=iters), selfplay=SelfPlayConfig(**{**SP, **sp})).run())


def test_selfplay_runs_records_and_checkpoints(pretrained, tmp_path) -> None:
    md = copy_model(pretrained, tmp_path / "m")
    events = run(md, 44)
    steps = [e for e in events if isinstance(e, ev.SelfPlayStep)]
    assert [s.iter for s in steps] == [41, 42, 43, 44]
    assert all(-1.0 <= s.reward_solve <= 1.0 and 0.0 <= s.solve_rate <= 1.0 for s in steps)
    assert all(s.validity is not None for s in steps)  # the model proposed (valid or not) every step
    examples = [e for e in events if isinstance(e, ev.SelfPlayExample)]
    assert {e.kind for e in examples} == {"cont", "fill", "prev"} and all(e.gold for e in examples)
    assert all(len(words(e.answer)) <= len(words(e.gold)) for e in examples)  # shown: what the verifier read
    assert any(isinstance(e, ev.SelfPlayEval) for e in events)
    assert events[-1] == ev.Finished(44, "target_reached")
    state, _, _ = load_latest(md.checkpoints_dir)
    assert state["iter"] == 44 and state["selfplay"]["start_iter"] == 40
    kinds = {json.loads(line)["event"] for line in md.metrics_path.read_text().splitlines()}
    assert {"SelfPlayStep", "SelfPlayExample", "SelfPlayEval"} <= kinds
    assert md.selfplay_config() == SelfPlayConfig(**SP)


def test_selfplay_resume_is_bit_exact(pretrained, tmp_path) -> None:
    straight = copy_model(pretrained, tmp_path / "a")
    split = copy_model(pretrained, tmp_path / "b")

    def trace(events):
        return [(e.iter, e.loss) for e in events if isinstance(e, ev.Step)], [
            e for e in events if isinstance(e, ev.SelfPlayStep)
        ]

    whole = trace(run(straight, 45))
    first, second = trace(run(split, 42)), trace(run(split, 45))
    assert first[0] + second[0] == whole[0]
    assert first[1] + second[1] == whole[1]


def test_kl_guard_stops_and_rolls_back(pretrained, tmp_path) -> None:
    md = copy_model(pretrained, tmp_path / "m")
    md.train_config().replace(eval_every=2).save(md.train_json)
    events = run(md, 50, max_kl=1e-12, lr=1e-2)
    assert events[-1].reason == "rolled_back" and events[-1].iter == 42
    assert any(isinstance(e, ev.Notice) and "KL" in e.message for e in events)
    state, _, _ = load_latest(md.checkpoints_dir)
    for name, tensor in state["selfplay"]["ref"].items():
        assert torch.equal(state["model"][name], tensor), name  # back to the weights self-play started from
    # the evaluation at 42 was the lowest yet, but its weights were rolled back: the best stays the checkpoint at 40
    assert read_best(md.checkpoints_dir).iter == 40


def test_selfplay_needs_a_trained_model(tmp_path, small_book) -> None:
    cfgs = ModelConfig(**SP_MODEL), TrainConfig(iters=0, **SP_TRAIN)
    md = ModelDir.create(tmp_path / "m", *cfgs, [inspect_book(small_book)])
    before = md.train_json.read_text()
    with pytest.raises(ConfigError, match="not been trained"):
        run(md, 5)
    assert md.train_json.read_text() == before and not md.selfplay_json.exists()


def test_world_from_tokens_splits_books_and_caps_size() -> None:
    tok = BookTokenizer.train([STORY], 300)
    ids = tok.encode(STORY)
    tokens = torch.tensor(ids + [tok.eot_id] + ids + [tok.eot_id]).numpy()
    docs = documents_from_tokens(tokens, tok, max_tokens=10_000)
    assert docs == [STORY, STORY]
    capped = documents_from_tokens(torch.tensor(ids * 200).numpy(), tok, max_tokens=64 * 10)
    assert sum(len(tok.encode(d)) for d in capped) <= 64 * 10 + 64
