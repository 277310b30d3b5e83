"""Complexity regression checks that compare two sizes instead of a clock.

A linear cost grows by the size ratio, a quadratic one by its square. The
checks measure CPU time of this process (``time.process_time``), so other
processes on a busy CI machine do not count, with the garbage collector off
and the best of several runs, after a warm-up.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable


def cpu_seconds(run: Callable[[], object], repeat: int = 3) -> float:
    """Best CPU time of ``repeat`` calls of ``run``."""
    best = float("inf")
    enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        for _ in range(repeat):
            started = time.process_time()
            run()
            best = min(best, time.process_time() - started)
    finally:
        if enabled:
            gc.enable()
    return best


def growth(
    cost: Callable[[int], Callable[[], object]], small: int, big: int, repeat: int = 3
) -> tuple[float, float]:
    """CPU seconds of ``cost(small)()`` and ``cost(big)()``, after a warm-up.

    ``cost(size)`` prepares the input of that size and returns the call to
    time, so preparation is not measured.
    """
    cost(small)()
    return cpu_seconds(cost(small), repeat), cpu_seconds(cost(big), repeat)


def assert_not_quadratic(
    cost: Callable[[int], Callable[[], object]],
    small: int,
    big: int,
    floor: float = 0.02,
    repeat: int = 3,
) -> None:
    """Fail when ``big/small`` times more input costs more than three times
    the linear growth. ``floor`` seconds absorbs timer resolution when the
    small size is nearly free. With ``big = 8 * small`` a linear cost grows
    ~8x and passes below 24x; a quadratic one grows ~64x and fails."""
    factor = big / small
    a, b = growth(cost, small, big, repeat)
    assert b < max(floor, a) * factor * 3, (
        f"{small} -> {big} units: {a:.4f} s -> {b:.4f} s CPU, "
        f"{b / max(a, 1e-9):.1f}x for {factor:.0f}x the input"
    )


def assert_flat(
    cost: Callable[[int], Callable[[], object]],
    small: int,
    big: int,
    floor: float = 0.02,
    repeat: int = 3,
) -> None:
    """Fail when the cost grows with the input beyond ``small``: for work
    that reads only a bounded prefix, ``big`` costs at most three times
    ``small`` (a linear cost would grow ``big/small`` times)."""
    a, b = growth(cost, small, big, repeat)
    assert b < max(floor, a) * 3, (
        f"{small} -> {big} units: {a:.4f} s -> {b:.4f} s CPU: the cost grows with the input"
    )
