"""Text generation for the Generation page, in a worker thread: load a checkpoint, stream text chunk by chunk.

Both calls into the core live here, so the page never depends on how the core samples.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

from azr_desktop.core.config import SampleConfig
from azr_desktop.core.events import Notice
from azr_desktop.core.generate import Generation
from azr_desktop.core.inference import Trained, load_trained
from azr_desktop.core.modeldir import ModelDir


def load_model(md: ModelDir, step: int | None) -> Trained:
    """The model at checkpoint ``step``, or at the newest loadable one when None, on the CPU in eval mode."""
    return load_trained(md, "cpu", step)


def stream_text(trained: Trained, prompt: str, sc: SampleConfig, stop: threading.Event) -> Iterator[str | Notice]:
    """Yield what the user should know about the request first, as Notices (e.g. the prompt was cut to fit the
    context), then the continuation of ``prompt`` in pieces as tokens come (a piece never splits a character)."""
    generation = Generation(trained.model, trained.tokenizer, prompt, sc, should_stop=stop.is_set)
    for note in generation.notes:
        yield Notice("info", note)
    yield from generation
