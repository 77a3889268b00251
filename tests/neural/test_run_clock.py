"""The run clock owns the time budget: what it reserves for the end of a run, and when it says
stop. Times are set directly (no sleeping), so these checks are exact."""

from __future__ import annotations

import time

from wordpad_ai.neural.run_clock import FIRST_VALIDATION_TRACE_S, WRITE_ALLOWANCE_S, RunClock


def _clock(budget=60.0, spent=0.0, **kw) -> RunClock:
    now = time.monotonic()
    return RunClock(started=now - spent, budget_s=budget, total_steps=None, loop_started=now - spent, **kw)


def test_the_first_steps_graph_building_is_not_taken_for_the_step_time():
    """A one-minute run whose first step took 10 s (building the graph) goes on: the old loop took
    those 10 s as the step time, reserved 20 validation batches of it and stopped after 1 step."""
    clock = _clock(budget=60, spent=10)
    clock.stepped(1)
    assert clock.seconds_per_step(1) is None
    # the first validation builds its graph too: reserve about what the first step's took
    assert abs(clock.finish_s(1) - (5 + WRITE_ALLOWANCE_S)) < 0.1  # half the first step's 10 s
    assert not clock.out_of_time(1) and clock.room_for_validation(1)


def test_a_validation_that_would_not_leave_room_for_the_end_is_skipped():
    clock = _clock(budget=60, spent=40)
    clock.stepped(1)
    clock.validation_s.append(9.0)  # 40 + 9 (this one) + 9 + 2 (the end) > 60
    assert not clock.room_for_validation(2) and not clock.out_of_time(2)
    assert _clock(budget=60, spent=10).room_for_validation(1)
    assert FIRST_VALIDATION_TRACE_S <= _clock(budget=60).validation_estimate_s(0)


def test_steady_step_time_and_measured_validations_set_the_reservation():
    clock = _clock(budget=60, spent=10)
    clock.stepped(1)
    clock.steady_since -= 2.0  # 2 s for the 10 steps after the first
    per_step = clock.seconds_per_step(11)
    assert abs(per_step - 0.2) < 0.01
    expected = clock.eval_batches * per_step * 0.6 + 4 + WRITE_ALLOWANCE_S  # half the first step's 8 s
    assert abs(clock.finish_s(11) - expected) < 0.1
    clock.validation_s += [7.0, 3.0]
    assert clock.finish_s(11) == 7.0 + WRITE_ALLOWANCE_S  # the longest validation measured


def test_out_of_time_leaves_room_for_the_end_and_the_final_deadline_for_writing():
    clock = _clock(budget=60, spent=50)
    clock.stepped(1)
    clock.validation_s.append(9.0)
    assert clock.out_of_time(2)  # 50 s + 9 s validation + 2 s writing > 60 s
    assert abs(clock.final_deadline() - (clock.started + 60 - WRITE_ALLOWANCE_S)) < 1e-9
    assert not _clock(budget=None, spent=1e6).out_of_time(5) and _clock(budget=None).final_deadline() is None


def test_fraction_is_the_larger_of_steps_and_time():
    clock = _clock(budget=100, spent=25)
    clock.total_steps = 1000
    assert abs(clock.fraction(100) - 0.25) < 0.01
    assert clock.fraction(500) == 0.5
    assert clock.fraction(5000) == 1.0
