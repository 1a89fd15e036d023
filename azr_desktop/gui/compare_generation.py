"""Generation from several sources for the side-by-side view, in one worker: each source (a model folder at a
checkpoint) is loaded and continues the same prompt with the same settings and seed, one after another (they
would only share the CPU). Qt-free, like gui/generation.py, whose two calls into the core it reuses."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from azr_desktop.core.config import SampleConfig
from azr_desktop.core.events import Notice
from azr_desktop.core.modeldir import ModelDir
from azr_desktop.gui.generation import load_model, stream_text


@dataclass(frozen=True)
class Source:
    path: Path  # a model folder
    step: int | None  # a checkpoint's iteration; None: the newest
    label: str  # what its column is called


def generate_each(
    sources: list[Source], prompt: str, sc: SampleConfig, stop: threading.Event
) -> Iterator[tuple[int, str | Notice]]:
    """``(source index, piece of text or Notice)`` for every source in turn, until done or ``stop`` is set."""
    for i, source in enumerate(sources):
        if stop.is_set():
            return
        trained = load_model(ModelDir.open(source.path), source.step)
        for warning in trained.warnings:
            yield i, Notice("warning", warning)
        for piece in stream_text(trained, prompt, sc, stop):
            yield i, piece

