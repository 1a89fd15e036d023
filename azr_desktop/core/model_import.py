"""Bring an exported model file (``.pt`` or ``.safetensors``, see ``model_file``) into the library as a model folder.

The folder gets a real training checkpoint at the file's iteration, so the model is listed, generates and exports
like one trained here, and trains on once it has books (the file carries none). A file holds only weights: the
checkpoint gets what a new run starts with (empty optimiser moments, sampler and RNGs seeded with the default seed)
and the plan of a run that finished at that iteration, so raising the target re-warms the learning rate from its
floor instead of hitting fresh optimiser moments with the peak (see ``schedule``).

Everything is written into a hidden temporary folder beside the destination and renamed into place when complete:
a failure leaves nothing behind, and the library never lists half a model.
"""

from __future__ import annotations

import os
import random
import shutil
import tempfile
from pathlib import Path

import torch

from azr_desktop.core.checkpoint import save_checkpoint
from azr_desktop.core.config import TrainConfig
from azr_desktop.core.data import WindowSampler
from azr_desktop.core.fsutil import fsync_dir
from azr_desktop.core.model import GPT
from azr_desktop.core.model_file import ModelFile, read_model_file
from azr_desktop.core.modeldir import ModelDir, folder_for, unused_name
from azr_desktop.core.optimizer import new_optimizer
from azr_desktop.core.schedule import plan_for
from azr_desktop.core.train_state import TrainState


def import_model_file(path: str | Path, library: str | Path) -> ModelDir:
    """A new model folder under ``library`` (named after the model, never an existing folder; "name (2)" if the
    library has a model of that name) holding the model in ``path``; ``ExportError`` if ``path`` is not a model file
    written by AZR Desktop."""
    path = Path(path).expanduser()
    mf = read_model_file(path)
    name = str(mf.info.get("name") or path.stem)
    library = Path(library).expanduser().absolute()
    library.mkdir(parents=True, exist_ok=True)
    name = unused_name(library, name)
    tmp = Path(tempfile.mkdtemp(prefix=".import-", suffix=".tmp", dir=library))
    try:
        tmp.chmod(0o755)  # mkdtemp makes a private folder; a model folder is an ordinary one
        md = ModelDir(tmp)
        cfg = TrainConfig(iters=mf.iter)
        md.write_files(mf.config, cfg, mf.tokenizer(), [], name)
        save_checkpoint(md.checkpoints_dir, mf.iter, _first_state(mf, cfg), cfg.keep_checkpoints)
        target = folder_for(library, name)
        os.rename(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    fsync_dir(library)
    return ModelDir(target)


def _first_state(mf: ModelFile, cfg: TrainConfig) -> dict:
    """The training state ``Trainer`` saves and restores, for weights that were trained elsewhere."""
    model = GPT(mf.config)
    model.load_state_dict(mf.state_dict())
    return TrainState(
        model=model.state_dict(),
        optimizer=new_optimizer(model, cfg, torch.device("cpu")).state_dict(),
        sampler=WindowSampler.initial_state(cfg.seed),
        schedule=plan_for(cfg).to_dict(),
        rng={
            "python": random.Random(cfg.seed).getstate(),
            "torch": torch.Generator().manual_seed(cfg.seed).get_state(),
        },
        iter=mf.iter,
        tokens_seen=0,
        elapsed_s=0.0,
        model_config=mf.config.to_dict(),
        train_config=cfg.to_dict(),
    ).to_payload()
