"""The ``azr-desktop`` command line (a contract: users script against it; see docs/architecture.md).

Exit codes: 0 success, 2 bad input with one line ``error: <what happened and what to do>`` on stderr, 130 when
interrupted outside training. A user mistake never shows a traceback.
"""

from __future__ import annotations

import argparse
import dataclasses
import errno
import json
import os
import re
import signal
import sys
import threading
import time
from collections.abc import Sequence

from azr_desktop import __version__, cli_compare
from azr_desktop.core import events as ev
from azr_desktop.core.config import SampleConfig
from azr_desktop.core.errors import AZRError, ConfigError, Text

MODEL_FLAGS = ("vocab_size", "d_model", "n_layers", "n_heads", "d_ff", "context")
TRAIN_FLAGS = (
    "iters", "batch_size", "lr", "warmup", "save_every", "eval_every", "patience", "sample_prompt", "seed", "device",
    "threads",
)
SAMPLE_FLAGS = ("max_new_tokens", "temperature", "top_k", "top_p", "repetition_penalty", "stop", "seed")
# --selfplay-<flag> -> SelfPlayConfig field
SELFPLAY_FLAGS = {
    "kinds": "kinds",
    "tasks": "tasks_per_kind",
    "proposals": "proposals_per_kind",
    "samples": "samples",
    "lr": "lr",
    "kl": "kl_coef",
    "max_ppl_rise": "max_ppl_rise",
}


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage mistake is one ``error:`` line and exit 2 (no usage dump)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise ConfigError(f"{message} (see '{self.prog} --help')")


CHECKPOINT_HELP = "latest (the default), best (lowest val loss) or an iteration number"


def _which_checkpoint(text: str) -> int | str:
    if text in ("best", "latest"):
        return text
    if re.fullmatch(r"\d+", text, re.ASCII):
        return int(text)
    raise argparse.ArgumentTypeError(f"expected best, latest or an iteration number, got {text!r}")


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="azr-desktop", description="Train a small GPT-style language model on your own books.")
    p.add_argument("--version", action="version", version=f"azr-desktop {__version__}")
    sub = p.add_subparsers(dest="command", parser_class=_Parser)

    t = sub.add_parser("train", help="create a model from books, or resume one, and train it to --iters")
    t.add_argument("model_dir", metavar="MODEL_DIR")
    t.add_argument("--book", action="append", default=[], metavar="FILE", help="a .txt book (repeat for more)")
    t.add_argument("--preset", choices=["tiny", "small", "base"], help="model size for a new model (default small)")
    for name in MODEL_FLAGS:
        t.add_argument("--" + name.replace("_", "-"), type=int, metavar="N")
    t.add_argument("--iters", type=int, metavar="N", help="the iteration target")
    t.add_argument("--batch-size", type=int, metavar="N")
    t.add_argument("--lr", type=float, metavar="X", help="peak learning rate")
    t.add_argument("--warmup", type=int, metavar="N")
    t.add_argument("--save-every", type=int, metavar="N")
    t.add_argument("--eval-every", type=int, metavar="N")
    t.add_argument("--patience", type=int, metavar="N", help="stop once N evaluations in a row bring no lower val loss")
    t.add_argument("--sample-prompt", metavar="TEXT", help="what samples continue (default: a held-out line)")
    t.add_argument("--seed", type=int, metavar="N")
    t.add_argument("--device", choices=["auto", "cpu", "cuda", "mps"])
    t.add_argument("--threads", type=int, metavar="N", help="CPU threads (0 = all cores)")
    t.add_argument(
        "--devices", type=int, default=1, metavar="N", help="train on N GPUs (or N CPU processes) at once (Linux)"
    )
    t.add_argument("--name", help="display name of a new model")
    t.add_argument(
        "--json",
        action="store_true",
        help="print every event as one JSON line on stdout and take commands on stdin: pause, resume, stop, target N",
    )
    t.add_argument(
        "--time",
        metavar="DURATION",
        help="a time budget (45m, 1h30m, 8h): a new model is sized for it; an existing one trains that much longer",
    )
    sp = t.add_argument_group("self-play", "refine a trained model by self-play on tasks cut from its books")
    sp.add_argument("--selfplay", action="store_true", help="run the self-play phase up to --iters")
    sp.add_argument("--selfplay-kinds", metavar="LIST", help="task types, comma-separated: cont, fill, prev")
    sp.add_argument("--selfplay-tasks", type=int, metavar="N", help="tasks per type and step")
    sp.add_argument("--selfplay-proposals", type=int, metavar="N", help="tasks the model proposes per type and step")
    sp.add_argument("--selfplay-samples", type=int, metavar="N", help="answers per task")
    sp.add_argument("--selfplay-lr", type=float, metavar="X", help="learning rate of the phase")
    sp.add_argument("--selfplay-kl", type=float, metavar="X", help="weight of the KL to the starting model")
    sp.add_argument("--selfplay-max-ppl-rise", type=float, metavar="X", help="stop if val perplexity rises more")

    g = sub.add_parser("generate", help="continue a prompt with a trained model, printing text as it comes")
    g.add_argument("model_dir", metavar="MODEL", help="a model folder, or a model exported as .pt or .safetensors")
    g.add_argument("--prompt", default="", metavar="TEXT", help="text to continue (default: a new document)")
    d = SampleConfig()
    g.add_argument("--max-new-tokens", type=int, metavar="N", help=f"default {d.max_new_tokens}")
    g.add_argument("--temperature", type=float, metavar="X", help=f"0 = the most likely token; default {d.temperature}")
    g.add_argument("--top-k", type=int, metavar="N", help=f"draw among the N likeliest (0 = all); default {d.top_k}")
    g.add_argument("--top-p", type=float, metavar="X", help=f"draw among the likeliest totalling X; default {d.top_p}")
    repeat_help = f"over 1: fewer repeats; default {d.repetition_penalty:g}"
    g.add_argument("--repetition-penalty", type=float, metavar="X", help=repeat_help)
    g.add_argument("--stop", metavar="TEXT", help="end the text where TEXT appears")
    g.add_argument("--seed", type=int, metavar="N", help="the same seed gives the same text")
    g.add_argument("--checkpoint", type=_which_checkpoint, metavar="WHICH", help=CHECKPOINT_HELP)
    g.add_argument("--device", choices=["auto", "cpu", "cuda", "mps"], default="cpu")

    x = sub.add_parser("export", help="save a model for sharing or for other tools (Hugging Face, llama.cpp)")
    x.add_argument("model_dir", metavar="MODEL_DIR")
    x.add_argument("--format", required=True, metavar="F", help="pt, safetensors, hf (a folder) or gguf")
    x.add_argument("--out", required=True, metavar="PATH", help="the file (or folder, for hf) to write")
    x.add_argument("--checkpoint", type=_which_checkpoint, metavar="WHICH", help=CHECKPOINT_HELP)
    x.add_argument("--dtype", metavar="T", help="f32 or f16 (q8_0 for gguf); default f32, f16 for gguf")
    x.add_argument("--force", action="store_true", help="replace PATH if it exists")

    e = sub.add_parser("eval", help="print the model's loss and bits per byte on a text file as JSON")
    e.add_argument("model_dir", metavar="MODEL_DIR")
    e.add_argument("--book", required=True, metavar="FILE")
    e.add_argument("--checkpoint", type=_which_checkpoint, metavar="WHICH", help=CHECKPOINT_HELP)
    e.add_argument("--device", choices=["auto", "cpu", "cuda", "mps"], default="cpu")

    i = sub.add_parser("info", help="print the model, its iteration, target and checkpoints as JSON")
    i.add_argument("model_dir", metavar="MODEL_DIR")

    pl = sub.add_parser("plan", help="print the best model and run for books and a time budget as JSON")
    pl.add_argument("--book", action="append", required=True, metavar="FILE", help="a .txt book (repeat for more)")
    pl.add_argument("--time", required=True, metavar="DURATION", help="the time budget: 45m, 1h30m, 8h...")
    pl.add_argument("--device", choices=["auto", "cpu", "cuda", "mps"])
    pl.add_argument("--threads", type=int, metavar="N", help="CPU threads (0 = all cores)")
    cli_compare.add_parser(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = None
    try:
        argv = list(sys.argv[1:] if argv is None else argv)
        args = _parser().parse_args(argv)
        args.argv = argv
        if args.command is None:
            from azr_desktop.gui.app import (
                run,  # Qt only here: every other command runs headless
            )

            return run()
        commands = {
            "train": cmd_train,
            "generate": cmd_generate,
            "export": cmd_export,
            "eval": cmd_eval,
            "info": cmd_info,
            "plan": cmd_plan,
            "compare": cli_compare.cmd_compare,
        }
        return commands[args.command](args)
    except AZRError as e:
        if getattr(args, "json", False):
            print(ev.to_json(ev.Failed(Text(e.template, **e.fields))), flush=True)
        print(f"error: {_flagify(str(e))}", file=sys.stderr)
        return 2
    except MemoryError:
        print("error: out of memory; lower --batch-size or --context, or close other programs", file=sys.stderr)
        return 2
    except OSError as e:
        if e.errno in (errno.ENOSPC, errno.EDQUOT):
            message = f"the disk is full ({e.filename or 'writing'}); free some space and run again"
        else:
            message = f"{e.strerror or e} ({e.filename or 'file access'}); check the path and its permissions"
        print(f"error: {message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


def _flagify(message: str) -> str:
    """Config errors name the field ('batch_size must be ...'); on the command line, name the flag instead."""
    flags = {f: "--" + f.replace("_", "-") for f in (*MODEL_FLAGS, *TRAIN_FLAGS, *SAMPLE_FLAGS)}
    flags.update(
        {field: "--selfplay-" + flag.replace("_", "-") for flag, field in SELFPLAY_FLAGS.items() if field != "lr"}
    )
    return re.sub(r"^(\w+)(?= must)", lambda m: flags.get(m[1], m[1]), message)


# ---- train -----------------------------------------------------------------------------------------------------
def cmd_train(args: argparse.Namespace) -> int:
    from azr_desktop.core.books import inspect_book
    from azr_desktop.core.config import PRESETS, TrainConfig
    from azr_desktop.core.distributed import Ranks
    from azr_desktop.core.launch import check_devices, launch
    from azr_desktop.core.modeldir import ModelDir
    from azr_desktop.core.plan import parse_duration

    md = ModelDir(args.model_dir)
    ranks = Ranks.from_env()  # a rank of a run that torchrun started (by --devices below, or by hand)
    launching = args.devices != 1 and not ranks.parallel
    books = [inspect_book(b) for b in args.book]
    train_changes = {k: getattr(args, k) for k in TRAIN_FLAGS if getattr(args, k) is not None}
    model_changes = {k: getattr(args, k) for k in MODEL_FLAGS if getattr(args, k) is not None}

    budget = parse_duration(args.time) if args.time is not None else None
    if budget is not None and args.iters is not None:
        raise ConfigError("give --iters or --time, not both")
    if ranks.parallel and not md.exists():
        raise ConfigError("create the model in one process first (azr-desktop train MODEL_DIR --book FILE --iters 0),"
                          " then start the processes")
    if launching and (budget is not None or args.selfplay):
        raise ConfigError("--devices works with --iters, without --time and --selfplay")
    if md.exists():
        md = ModelDir.open(md.path)
        current = md.model_config()
        if args.preset and PRESETS[args.preset] != current:
            raise ConfigError(
                f"--preset {args.preset} differs from this model's architecture; model settings are fixed once a model"
                " exists"
            )
        for k, v in model_changes.items():
            if getattr(current, k) != v:
                raise ConfigError(
                    f"--{k.replace('_', '-')} {v} differs from this model's {getattr(current, k)}; model settings are"
                    " fixed once a model exists (train a new model folder to change them)"
                )
        train_cfg = md.train_config().replace(**train_changes)
        if budget is not None:
            train_cfg = train_cfg.replace(iters=_iters_after(md, train_cfg, budget))
        if launching:
            check_devices(args.devices, train_cfg.device, train_cfg.batch_size)
    else:
        if not books:
            raise ConfigError("a new model needs at least one --book FILE")
        if args.selfplay:
            raise ConfigError("self-play refines a trained model; train this one first (without --selfplay)")
        model_cfg = PRESETS[args.preset or "small"].replace(**model_changes)
        train_cfg = TrainConfig().replace(**train_changes)
        if budget is not None:
            shape = model_cfg if args.preset or model_changes else None
            plan = _plan(books, budget, train_cfg, shape)
            model_cfg, train_cfg = plan.model, plan.train
        if launching:
            check_devices(args.devices, train_cfg.device, train_cfg.batch_size)
        out = sys.stderr if args.json else sys.stdout  # with --json, stdout holds events only
        print(f"creating {md.path.name}: {model_cfg.num_params():,} parameters; training the tokenizer", file=out)
        progress = _ProgressPrinter("tokenizer", out)
        md = ModelDir.create(md.path, model_cfg, train_cfg, books, name=args.name, progress=progress)
    if launching:  # the workers run this same command, as ranks, on the model that now exists
        return launch(args.argv, args.devices, train_cfg.device)
    return _run_training(md, train_cfg, books or None, _selfplay_config(args, md), ranks, args.json)


def _plan(books, budget: float, base, shape=None):
    """A plan for a time budget, its progress and summary on stderr (stdout stays the run's or the JSON)."""
    from azr_desktop.core.plan import make_plan

    plan = make_plan(books, budget, base, shape, progress=lambda text: print(f"planning: {text}", file=sys.stderr))
    print(
        f"plan: {plan.model.num_params():,} parameters, {plan.train.iters} iterations of {plan.seconds_per_iter:.3f} s,"
        f" {plan.passes:.1f} passes over the books",
        file=sys.stderr,
    )
    if plan.note:
        print(f"note: {plan.note}", file=sys.stderr)
    return plan


def _iters_after(md, train_cfg, budget: float) -> int:
    """The target that trains an existing model ``budget`` seconds longer, at this computer's measured speed."""
    from azr_desktop.core.checkpoint import list_checkpoints
    from azr_desktop.core.plan import ProbeCache, default_cache_path, iterations_in

    ckpts = list_checkpoints(md.checkpoints_dir)
    secs = ProbeCache(default_cache_path()).seconds_per_iter(md.model_config(), train_cfg, None)
    return (ckpts[-1].iter if ckpts else 0) + iterations_in(budget, secs)


def _selfplay_config(args: argparse.Namespace, md):
    """The self-play settings: the model's last ones (selfplay.json) with the given flags applied; None without
    --selfplay. Self-play flags without --selfplay are a mistake worth saying."""
    changes = {field: getattr(args, "selfplay_" + flag) for flag, field in SELFPLAY_FLAGS.items()}
    changes = {k: v for k, v in changes.items() if v is not None}
    if not args.selfplay:
        if changes:
            raise ConfigError("the --selfplay-... options need --selfplay")
        return None
    return md.selfplay_config().replace(**changes)


def _run_training(md, train_cfg, books, selfplay_cfg=None, ranks=None, as_json=False) -> int:
    """Train and print the events; in a run of several processes only rank 0 prints (and, with ``as_json``, reads
    the commands)."""
    from azr_desktop.core.distributed import LOST_PEER_EXIT, Ranks, lost_peer, stop_process_group
    from azr_desktop.core.trainer import Control, Trainer

    ranks = ranks or Ranks()

    control = Control()

    def on_signal(signum, frame):
        if control.stop_requested:
            raise KeyboardInterrupt
        if ranks.main:
            print("\nstopping: saving a checkpoint (press Ctrl+C again to quit without saving)", file=sys.stderr)
        control.stop()

    old = {s: signal.signal(s, on_signal) for s in (signal.SIGINT, signal.SIGTERM)}
    if as_json and ranks.main:
        threading.Thread(target=_take_commands, args=(control,), daemon=True, name="commands").start()
    printer = _ProgressPrinter("tokenizing books")
    last_line = 0.0
    val = ""
    examples: dict[str, ev.SelfPlayExample] = {}
    try:
        for event in Trainer(md, train_cfg, books, selfplay_cfg, ranks=ranks).run(control):
            if not ranks.main:
                continue
            if as_json:
                print(ev.to_json(event), flush=True)
            elif isinstance(event, ev.Progress):
                printer(event.done, event.total)
            elif isinstance(event, ev.Notice):
                print(f"{event.level}: {event.message}", file=sys.stderr)
            elif isinstance(event, ev.Started):
                how = f"resuming at iteration {event.iter}" if event.resumed else "starting"
                print(
                    f"{how}: target {event.target}, {event.params:,} parameters,"
                    f" {event.device} ({event.precision}, {event.threads} threads)"
                    + (f", {ranks.world} processes" if ranks.parallel else "")
                )
            elif isinstance(event, ev.Step):
                now = time.monotonic()
                shown = now - last_line >= 1.0 or event.iter == event.target
                if shown:
                    last_line = now
                    print(_step_line(event, val), flush=True)
            elif isinstance(event, ev.SelfPlayStep):
                if shown:
                    print(_selfplay_line(event), flush=True)
            elif isinstance(event, ev.SelfPlayExample):
                examples[event.kind] = event
            elif isinstance(event, ev.SelfPlayEval):
                print(_selfplay_eval_line(event))
                for ex in examples.values():
                    task = f"{ex.kind} level {ex.level}: ...{ex.task[-60:]!r}"
                    print(f"  task  {task} -> {ex.answer!r} (book: {ex.gold!r})")
            elif isinstance(event, ev.Eval):
                val = f"val {event.val_loss:.3f} ({event.bits_per_byte:.3f} bpb) | "
                print(f"eval   iter {event.iter}: val loss {event.val_loss:.4f}, {event.bits_per_byte:.4f} bits/byte")
            elif isinstance(event, ev.Sample):
                print(f"sample iter {event.iter}: {event.prompt + event.text!r}")
            elif isinstance(event, ev.CheckpointSaved):
                print(f"saved  {event.path}")
            elif isinstance(event, ev.TargetChanged) and event.new != event.old:  # else only the lr plan changed
                print(f"target changed from {event.old} to {event.new}")
            elif isinstance(event, ev.Finished):
                done = {
                    "target_reached": "reached the target",
                    "rolled_back": "self-play stopped and rolled back",
                    "no_improvement": "stopped early (no improvement)",
                }
                print(f"{done.get(event.reason, 'stopped')} at iteration {event.iter}")
        # only after a whole run: a rank that fails keeps its connections until it has said why and exited, so that
        # the launcher sees its failure before the others notice it gone
        stop_process_group()
    except RuntimeError as e:
        if not (ranks.parallel and lost_peer(e)):
            raise
        return LOST_PEER_EXIT  # quietly: the process that failed, or the launcher, says why
    finally:
        for s, handler in old.items():
            signal.signal(s, handler)
    return 0


def _take_commands(control) -> None:
    """Steer the run by the lines of stdin (--json): pause, resume, stop, target N. A line that is none of these is
    one warning, never the end of the run. Reads the descriptor itself: a thread blocked in ``sys.stdin`` holds its
    lock, which the interpreter may want back when it exits."""
    pending = b""
    while True:
        try:
            chunk = os.read(0, 4096)
        except OSError:  # no stdin at all
            return
        if not chunk:
            return
        *lines, pending = (pending + chunk).split(b"\n")
        for line in lines:
            _command(control, line.decode("utf-8", "replace").strip())


def _command(control, line: str) -> None:
    match line.split():
        case []:
            pass
        case ["pause"]:
            control.pause()
        case ["resume"]:
            control.resume()
        case ["stop"]:
            control.stop()
        case ["target", n] if re.fullmatch(r"\d+", n, re.ASCII):
            control.set_target(int(n))
        case _:
            print(f"warning: ignored {line!r}: the commands are pause, resume, stop and target N", file=sys.stderr,
                  flush=True)


def _step_line(e, val: str) -> str:
    return (
        f"iter {e.iter}/{e.target} | loss {e.loss:.4f} | {val}lr {e.lr:.2e} | {e.tokens_per_s:,.0f} tok/s"
        f" | elapsed {_hms(e.elapsed_s)} | ETA {_hms(e.eta_s)}"
    )


def _selfplay_line(e) -> str:
    def pct(x: float | None) -> str:
        return "-" if x is None else f"{100 * x:.0f}%"

    return (
        f"  self-play: reward {e.reward_solve:+.3f} (task {e.reward_task:.3f}) | solved {pct(e.solve_rate)}"
        f" | proposals valid {pct(e.validity)}, curriculum {pct(e.curriculum_share)} | kl {e.kl:.4f}"
    )


def _selfplay_eval_line(e) -> str:
    parts = [f"{name} {value:.3f}" for name, value in (("cont chrF", e.suite_cont), ("fill EM", e.suite_fill),
                                                         ("prev chrF", e.suite_prev)) if value is not None]
    return f"eval   iter {e.iter}: val perplexity {100 * e.ppl_rise:+.2f}% since self-play began | {', '.join(parts)}"


def _hms(seconds: float) -> str:
    s = int(seconds)
    return f"{s // 3600}h{s % 3600 // 60:02d}m" if s >= 3600 else f"{s // 60}m{s % 60:02d}s"


class _ProgressPrinter:
    """Prints 'stage: 40%' lines at most every 10 percent (these runs are often logged to files)."""

    def __init__(self, stage: str, out=None):
        self.stage = stage
        self.out = out
        self.shown = -1

    def __call__(self, done: int, total: int) -> None:
        pct = 100 * done // max(1, total)
        if pct // 10 > self.shown // 10 or (pct == 100 and self.shown != 100):
            self.shown = pct
            print(f"{self.stage}: {pct}%", file=self.out, flush=True)  # None: stdout


# ---- generate / eval / info ------------------------------------------------------------------------------------
def cmd_generate(args: argparse.Namespace) -> int:
    from azr_desktop.core.device import pick_device
    from azr_desktop.core.generate import Generation
    from azr_desktop.core.inference import load_any

    sc = SampleConfig(**{k: getattr(args, k) for k in SAMPLE_FLAGS if getattr(args, k) is not None})
    trained = load_any(args.model_dir, pick_device(args.device), args.checkpoint)
    for w in trained.warnings:
        print(f"warning: {w}", file=sys.stderr)
    generation = Generation(trained.model, trained.tokenizer, args.prompt, sc)
    for note in generation.notes:
        print(f"note: {note}", file=sys.stderr)
    sys.stdout.write(args.prompt)
    for chunk in generation:
        sys.stdout.write(chunk)
        sys.stdout.flush()
    sys.stdout.write("\n")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from azr_desktop.core.export import export_model

    r = export_model(args.model_dir, args.format, args.out, step=args.checkpoint, dtype=args.dtype, force=args.force)
    print(f"exported iteration {r.iter} as {r.format} ({r.dtype}) to {r.path}: {_size(r.size_bytes)}")
    return 0


def _size(n: int) -> str:
    for unit in ("bytes", "KB", "MB"):
        if n < 1000:
            return f"{n:.0f} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1000
    return f"{n:.2f} GB"


def cmd_eval(args: argparse.Namespace) -> int:
    from azr_desktop.core.books import inspect_book
    from azr_desktop.core.device import pick_device
    from azr_desktop.core.inference import load_trained, score_book
    from azr_desktop.core.modeldir import ModelDir

    md = ModelDir.open(args.model_dir)
    book = inspect_book(args.book)
    trained = load_trained(md, pick_device(args.device), args.checkpoint)
    for w in trained.warnings:
        print(f"warning: {w}", file=sys.stderr)
    print(json.dumps(score_book(trained, book).to_dict()))
    return 0


def cmd_plan(args: argparse.Namespace) -> int:
    from azr_desktop.core.books import inspect_book
    from azr_desktop.core.config import TrainConfig
    from azr_desktop.core.plan import parse_duration

    books = [inspect_book(b) for b in args.book]
    base = TrainConfig().replace(**{k: getattr(args, k) for k in ("device", "threads") if getattr(args, k) is not None})
    print(json.dumps(_plan(books, parse_duration(args.time), base).to_dict(), indent=2, ensure_ascii=False))
    return 0


def cmd_info(args: argparse.Namespace) -> int:
    """The Models page's summary of the model (core/library.py), with its settings, books and checkpoints."""
    from azr_desktop.core.checkpoint import checkpoint_path, list_checkpoints
    from azr_desktop.core.library import summarize
    from azr_desktop.core.modeldir import ModelDir

    md = ModelDir.open(args.model_dir)
    summary = summarize(md.path)
    if summary.problem:
        raise summary.problem
    meta, best = md.meta(), summary.best
    info = {
        "name": summary.name,
        "path": str(md.path),
        "created": meta["created"],
        "app_version": meta["app_version"],
        "model": md.model_config().to_dict(),
        "params": summary.params,
        "size_bytes": summary.size_bytes,
        "tokenizer_vocab": meta["tokenizer_vocab"],
        "books": meta["books"],
        "iter": summary.iter,
        "target": summary.target,
        "train": md.train_config().to_dict(),
        "best_val_loss": summary.best_val_loss,
        "best_checkpoint": best and {
            **dataclasses.asdict(best), "path": str(checkpoint_path(md.checkpoints_dir, best.iter))
        },
        "checkpoints": [{**dataclasses.asdict(c), "path": str(c.path)} for c in list_checkpoints(md.checkpoints_dir)],
    }
    print(json.dumps(info, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
