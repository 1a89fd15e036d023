"""Warmup-stable-decay learning rate, re-plannable when the user edits the iteration target.

The plan is a list of (iteration, lr) knots joined by straight lines, so it can be saved in a checkpoint, drawn by
the GUI as the planned curve, and changed mid-run without a jump in the lr:

* Fresh plan for target T: rise from 0 to the peak over ``warmup`` iterations, hold, then decay linearly to
  ``peak * min_lr_frac`` over the last ``decay_frac * T`` iterations.
* New target during warmup or the stable phase: the warmup finishes as planned and the decay simply moves.
* New target after the decay began (or after the run finished): if the new target leaves room, re-warm from the
  current lr back to the peak over ``warmup`` iterations, hold, and decay over the last ``decay_frac`` of the new
  target; otherwise decay from the current lr straight to the minimum by the new target.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from azr_desktop.core.config import TrainConfig

Knots = list[tuple[int, float]]


@dataclass
class LRSchedule:
    peak: float
    min_lr_frac: float
    warmup: int
    decay_frac: float
    knots: Knots

    @classmethod
    def plan(cls, peak: float, min_lr_frac: float, warmup: int, decay_frac: float, target: int) -> LRSchedule:
        start_lr = 0.0 if warmup else peak
        sched = cls(peak, min_lr_frac, warmup, decay_frac, [(0, start_lr)])
        sched.knots += sched._tail(0, start_lr, rise_end=warmup, target=target)
        return sched

    @property
    def target(self) -> int:
        return self.knots[-1][0]

    def lr_at(self, it: int) -> float:
        for (i0, lr0), (i1, lr1) in zip(self.knots, self.knots[1:]):
            if it <= i1:
                return lr1 if i1 == i0 else lr0 + (lr1 - lr0) * max(0, it - i0) / (i1 - i0)
        return self.knots[-1][1]

    def retarget(self, now: int, target: int) -> None:
        """Re-plan from iteration ``now`` so that training ends at ``target`` (> now)."""
        if target <= now:
            return
        current = self.lr_at(now)
        decay_began = now >= self._decay_start()
        kept = [k for k in self.knots if k[0] < now] + [(now, current)]
        if not decay_began:
            self.knots = kept + self._tail(now, current, rise_end=max(now, self.warmup), target=target)
        elif now + self.warmup <= self._decay_start_for(target):
            self.knots = kept + self._tail(now, current, rise_end=now + self.warmup, target=target)
        else:
            self.knots = kept + [(target, self._floor())]

    def cool_down(self, now: int, target: int) -> None:
        """From the peak at ``now`` straight down to the floor by ``target``: the final decay, begun early."""
        self.knots = [k for k in self.knots if k[0] < now] + [(now, self.peak), (target, self._floor())]

    def rescale(self, peak: float) -> None:
        """Scale the whole plan to a new peak lr (the user changed the learning rate on resume)."""
        ratio = peak / self.peak
        self.peak = peak
        self.knots = [(i, lr * ratio) for i, lr in self.knots]

    def _floor(self) -> float:
        return self.peak * self.min_lr_frac

    def _decay_start_for(self, target: int) -> int:
        return target - round(self.decay_frac * target)

    def _decay_start(self) -> int:
        """Where the current plan's final decay begins: the last knot at the peak (or the target if none)."""
        at_peak = [i for i, lr in self.knots if lr >= self.peak]
        return at_peak[-1] if at_peak else self.target

    def _tail(self, start: int, start_lr: float, rise_end: int, target: int) -> Knots:
        """Knots after (start, start_lr): rise to the peak by ``rise_end``, hold, decay to the floor by ``target``."""
        decay_start = max(start, self._decay_start_for(target))
        knots: Knots = []
        top = self.peak
        if rise_end > start:
            if rise_end > decay_start:  # the target comes before the warmup ends: stop rising where decay starts
                top = start_lr + (self.peak - start_lr) * (decay_start - start) / (rise_end - start)
            knots.append((min(rise_end, decay_start), top))
        if not knots or knots[-1][0] < decay_start:
            knots.append((decay_start, top))
        if target > decay_start:
            knots.append((target, self._floor()))
        return knots

    def to_dict(self) -> dict:
        return {
            "peak": self.peak,
            "min_lr_frac": self.min_lr_frac,
            "warmup": self.warmup,
            "decay_frac": self.decay_frac,
            "knots": [[i, lr] for i, lr in self.knots],
        }

    @classmethod
    def from_dict(cls, d: dict) -> LRSchedule:
        knots = [(int(i), float(lr)) for i, lr in d["knots"]]
        return cls(float(d["peak"]), float(d["min_lr_frac"]), int(d["warmup"]), float(d["decay_frac"]), knots)


def plan_for(cfg: TrainConfig, saved: dict | None = None, now: int = 0) -> LRSchedule:
    """The plan a run follows: a fresh one for ``cfg``, or the plan saved in a checkpoint at iteration ``now``
    adjusted to ``cfg`` (a new peak lr rescales it; a new target re-plans from ``now``)."""
    if saved is None:
        return LRSchedule.plan(cfg.lr, cfg.min_lr_frac, cfg.warmup, cfg.decay_frac, cfg.iters)
    sched = LRSchedule.from_dict(saved)
    if cfg.lr != sched.peak:
        sched.rescale(cfg.lr)
    if cfg.iters > now and cfg.iters != sched.target:
        sched.retarget(now, cfg.iters)
    return sched
