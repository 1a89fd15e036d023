import json

import pytest

from azr_desktop.core.config import MIN_VOCAB, PRESETS, SPECIAL_TOKENS, ModelConfig, SampleConfig, TrainConfig
from azr_desktop.core.errors import ConfigError


def test_presets_have_the_documented_sizes():
    assert PRESETS["small"] == ModelConfig(vocab_size=8000, d_model=256, n_layers=6, n_heads=8, d_ff=1024, context=256)
    assert PRESETS["tiny"].num_params() < 2_000_000
    assert 45_000_000 < PRESETS["base"].num_params() < 55_000_000


@pytest.mark.parametrize(
    "cls, changes, words",
    [
        (ModelConfig, {"n_heads": 3}, "n_heads (3) must divide d_model"),
        (ModelConfig, {"context": 4}, "context must be between 8"),
        (ModelConfig, {"vocab_size": MIN_VOCAB - 1}, "vocab_size must be between"),
        (ModelConfig, {"d_model": 24, "n_heads": 8}, "even"),
        (ModelConfig, {"n_layers": 2.5}, "n_layers must be a whole number"),
        (TrainConfig, {"iters": -5}, "iters must be at least 0"),
        (TrainConfig, {"batch_size": 0}, "batch_size must be between 1"),
        (TrainConfig, {"lr": 0.0}, "lr must be greater than 0"),
        (TrainConfig, {"lr": float("nan")}, "lr must be a number"),
        (TrainConfig, {"device": "tpu"}, "device must be one of auto, cpu, cuda, mps"),
        (TrainConfig, {"compile": "yes"}, "compile must be true or false"),
        (SampleConfig, {"top_p": 0.0}, "top_p must be greater than 0"),
        (SampleConfig, {"temperature": -1.0}, "temperature must be at least 0"),
    ],
)
def test_bad_values_name_the_field(cls, changes, words):
    with pytest.raises(ConfigError, match=words.replace("(", r"\(").replace(")", r"\)")):
        cls(**changes)


def test_json_round_trip_and_unknown_keys(tmp_path):
    cfg = TrainConfig(iters=123, lr=3e-4, device="cpu")
    cfg.save(tmp_path / "train.json")
    assert TrainConfig.load(tmp_path / "train.json") == cfg
    (tmp_path / "bad.json").write_text(json.dumps({**cfg.to_dict(), "warp_speed": 9}))
    with pytest.raises(ConfigError, match="unknown setting 'warp_speed'"):
        TrainConfig.load(tmp_path / "bad.json")
    (tmp_path / "broken.json").write_text("{not json")
    with pytest.raises(ConfigError, match="cannot be read"):
        TrainConfig.load(tmp_path / "broken.json")


def test_vocab_minimum_is_the_byte_alphabet_plus_special_tokens():
    assert 256 + len(SPECIAL_TOKENS) == MIN_VOCAB
    assert SPECIAL_TOKENS[0] == "<|endoftext|>" and len(set(SPECIAL_TOKENS)) == len(SPECIAL_TOKENS)
