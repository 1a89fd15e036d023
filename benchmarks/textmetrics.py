"""Benchmark-only text metrics (benchmarks/selfplay_eval.py): corpus diversity and bootstrap intervals."""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Sequence

import numpy as np

from azr_desktop.core.textscore import ngrams


def distinct_n(sequences: Iterable[Sequence[Hashable]], n: int) -> float:
    """Distinct n-grams over all n-grams across a corpus of sequences (Li et al. 2016); 0.0 if none."""
    grams = [g for seq in sequences for g in ngrams(seq, n)]
    return len(set(grams)) / len(grams) if grams else 0.0


def bootstrap_ci(
    values: Sequence[float], n_boot: int = 2000, seed: int = 0, alpha: float = 0.05
) -> tuple[float, float, float]:
    """The mean of ``values`` and its percentile bootstrap (1 - alpha) interval: (mean, low, high).

    (nan, nan, nan) for no values. Deterministic for a given seed.
    """
    data = np.asarray(values, dtype=np.float64)
    if data.size == 0:
        return (math.nan, math.nan, math.nan)
    rng = np.random.default_rng(seed)
    means = np.array([data[rng.integers(0, data.size, data.size)].mean() for _ in range(n_boot)])
    low, high = np.quantile(means, [alpha / 2, 1 - alpha / 2])
    return (float(data.mean()), float(low), float(high))


def paired_bootstrap_diff(
    a: Sequence[float], b: Sequence[float], n_boot: int = 2000, seed: int = 0, alpha: float = 0.05
) -> tuple[float, float, float]:
    """Mean of a - b over paired items and its bootstrap interval, resampling items jointly.

    ValueError if the lengths differ.
    """
    if len(a) != len(b):
        raise ValueError(f"paired scores differ in length: {len(a)} and {len(b)}")
    diffs = np.asarray(a, dtype=np.float64) - np.asarray(b, dtype=np.float64)
    return bootstrap_ci(diffs, n_boot=n_boot, seed=seed, alpha=alpha)
