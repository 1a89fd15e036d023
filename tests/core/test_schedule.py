import pytest

from azr_desktop.core.schedule import LRSchedule


def plan(target=1000, warmup=100, decay_frac=0.2):
    return LRSchedule.plan(peak=1.0, min_lr_frac=0.1, warmup=warmup, decay_frac=decay_frac, target=target)


def test_fresh_plan_is_warmup_stable_decay():
    s = plan()
    assert s.lr_at(0) == 0.0
    assert s.lr_at(50) == pytest.approx(0.5)
    assert s.lr_at(100) == s.lr_at(500) == s.lr_at(800) == 1.0
    assert s.lr_at(900) == pytest.approx(0.55)
    assert s.lr_at(1000) == pytest.approx(0.1)
    assert s.target == 1000


def test_raising_target_in_stable_phase_moves_decay_later():
    s = plan()
    s.retarget(now=500, target=2000)
    assert s.lr_at(500) == 1.0
    assert s.lr_at(1599) == pytest.approx(1.0, abs=1e-3) and s.lr_at(1600) == 1.0
    assert s.lr_at(1800) == pytest.approx(0.55)
    assert s.lr_at(2000) == pytest.approx(0.1)


def test_lowering_target_in_stable_phase_moves_decay_earlier():
    s = plan()
    s.retarget(now=300, target=500)
    assert s.lr_at(300) == s.lr_at(400) == 1.0
    assert s.lr_at(500) == pytest.approx(0.1)


def test_new_target_during_warmup_finishes_warmup_first():
    s = plan()
    s.retarget(now=50, target=4000)
    assert s.lr_at(50) == pytest.approx(0.5)
    assert s.lr_at(100) == 1.0
    assert s.lr_at(3200) == 1.0
    assert s.lr_at(4000) == pytest.approx(0.1)


def test_raising_target_after_decay_began_rewarms_without_a_jump():
    s = plan()
    before = s.lr_at(900)
    s.retarget(now=900, target=3000)
    assert s.lr_at(900) == pytest.approx(before)  # continuous at the change
    assert s.lr_at(1000) == pytest.approx(1.0)  # back at the peak after `warmup` iterations
    assert s.lr_at(2400) == 1.0
    assert s.lr_at(3000) == pytest.approx(0.1)


def test_raising_a_finished_run_rewarms():
    s = plan()
    s.retarget(now=1000, target=2000)
    assert s.lr_at(1000) == pytest.approx(0.1)
    assert s.lr_at(1100) == pytest.approx(1.0)
    assert s.lr_at(2000) == pytest.approx(0.1)


def test_small_raise_after_decay_decays_straight_to_the_floor():
    s = plan()
    s.retarget(now=950, target=1050)
    lr950 = s.lr_at(950)
    assert lr950 < 1.0
    assert s.lr_at(1000) == pytest.approx((lr950 + 0.1) / 2)
    assert s.lr_at(1050) == pytest.approx(0.1)


def test_target_shorter_than_warmup_stops_rising_where_decay_starts():
    s = plan(target=50, warmup=100)
    assert s.lr_at(40) == pytest.approx(0.4)
    assert s.lr_at(50) == pytest.approx(0.1)


def test_no_warmup_no_decay():
    s = plan(warmup=0, decay_frac=0.0)
    assert s.lr_at(0) == s.lr_at(1000) == 1.0


def test_round_trip_and_rescale():
    s = plan()
    s.retarget(now=900, target=3000)
    t = LRSchedule.from_dict(s.to_dict())
    assert [t.lr_at(i) for i in range(0, 3001, 37)] == [s.lr_at(i) for i in range(0, 3001, 37)]
    t.rescale(0.5)
    assert t.lr_at(2000) == 0.5 and t.lr_at(3000) == pytest.approx(0.05)
