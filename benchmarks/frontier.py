"""The best possible poll schedule for a known duration distribution, and simulations of c2q's planner.

Independent of the planner's own code on purpose (a benchmark must not grade
the planner with the planner): a plain dynamic programme over a fine time grid.

* :func:`frontier_curve`: for a distribution known exactly (its CDF), the
  schedules minimising ``E[polls] + w * E[delay]`` for many ``w``; their
  (mean polls, mean delay) points, lower convex hull: the frontier.
  Points between two schedules are reachable by choosing one or the other at
  random per job, so the frontier between them is the straight line.
* :func:`frontier_delay`: the frontier's delay at a given mean number of polls.
* :func:`simulate_planner`: c2q's real planner (``JobDurationModel``) on a
  sequence of durations, in simulated time, exactly as the poller drives it
  (plan, poll, back off past the plan, observe the interval narrowed by an
  integer ``ended_at``).
"""

from __future__ import annotations

import bisect
import math
import random
from collections.abc import Callable
from dataclasses import dataclass

STEP = 0.03  # seconds between candidate poll times


@dataclass(frozen=True)
class Distribution:
    """A duration distribution known exactly: its CDF and a sampler."""

    name: str
    cdf: Callable[[float], float]
    sample: Callable[[random.Random], float]
    upper: float  # the schedule must reach this (the CDF is ~1 there)


def uniform(low: float, high: float) -> Distribution:
    return Distribution(
        f"uniform {low:g}-{high:g} s",
        lambda t: min(1.0, max(0.0, (t - low) / (high - low))),
        lambda rng: rng.uniform(low, high),
        high,
    )


def lognormal(median: float, sigma: float) -> Distribution:
    mu = math.log(median)

    def cdf(t: float) -> float:
        return 0.0 if t <= 0 else 0.5 * (1.0 + math.erf((math.log(t) - mu) / (sigma * 2**0.5)))

    return Distribution(
        f"log-normal, median {median:g} s, sigma {sigma:g}",
        cdf,
        lambda rng: rng.lognormvariate(mu, sigma),
        math.exp(mu + 3.5 * sigma),  # the 99.98th percentile
    )


def _schedule(dist: Distribution, weight: float) -> tuple[float, float]:
    """(mean polls, mean delay) of the schedule minimising polls + weight * delay."""
    n = int(dist.upper / STEP) + 1
    times = [STEP * (i + 1) for i in range(n)]
    times[-1] = max(times[-1], dist.upper)
    cdf = [0.0] + [dist.cdf(t) for t in times]
    # partial means of the duration up to each grid point (midpoint rule inside a step)
    mom = [0.0]
    for i in range(n):
        lo = times[i - 1] if i else 0.0
        mom.append(mom[-1] + (cdf[i + 1] - cdf[i]) * (lo + times[i]) / 2.0)
    best = [0.0] * (n + 1)  # best[i]: cost to go once a poll at point i saw the job running
    pick = [n] * (n + 1)
    for i in range(n - 1, -1, -1):
        survive = 1.0 - cdf[i]
        low, arg = math.inf, n
        for j in range(i + 1, n + 1):
            mass = cdf[j] - cdf[i]
            cost = survive + weight * (times[j - 1] * mass - (mom[j] - mom[i])) + best[j]
            if cost < low:
                low, arg = cost, j
            if mass > 0.999999 * survive and j > arg + 50:
                break  # past the end of the distribution nothing changes
        best[i], pick[i] = low, arg
    polls = delay = 0.0
    i = 0
    while i < n:
        j = pick[i]
        polls += 1.0 - cdf[i]
        delay += times[j - 1] * (cdf[j] - cdf[i]) - (mom[j] - mom[i])
        i = j
    return polls, delay


def frontier_curve(dist: Distribution, points: int = 28) -> list[tuple[float, float]]:
    """(mean polls, mean delay) along the frontier, polls increasing (lower convex hull)."""
    found = sorted(_schedule(dist, 0.05 * 1.35**k) for k in range(points))
    hull: list[tuple[float, float]] = []
    for p in found:
        while len(hull) >= 2:
            (x1, y1), (x2, y2) = hull[-2], hull[-1]
            if (x2 - x1) * (p[1] - y1) - (y2 - y1) * (p[0] - x1) <= 0:
                hull.pop()
            else:
                break
        hull.append(p)
    return hull


def frontier_delay(curve: list[tuple[float, float]], polls: float) -> float:
    """The least mean delay any schedule achieves with ``polls`` mean polls (interpolated)."""
    xs = [p for p, _ in curve]
    k = bisect.bisect_left(xs, polls)
    if k == 0:
        return curve[0][1]
    if k == len(curve):
        return curve[-1][1]
    (x1, y1), (x2, y2) = curve[k - 1], curve[k]
    return y1 + (y2 - y1) * (polls - x1) / (x2 - x1)


def simulate_planner(
    durations: list[float], model, dist: Distribution | None = None, warm_up: int = 0
) -> tuple[float, float]:
    """(mean polls, mean delay) of c2q's planner over ``durations`` in simulated time.

    With ``dist`` (the distribution the durations were drawn from), each question's
    plan is scored by its *expected* polls and delay under ``dist``
    (:func:`expected_outcome`) instead of the one duration drawn: the same planner
    and learning, without the sampling noise of a few hundred draws. The first
    ``warm_up`` questions are asked but not counted (a machine where c2q has been
    used for a while: what the poller learned is kept in ``durations.json``).
    """
    from c2q_repl.api.durations import backoff_after, refine_with_ended_at

    wall0 = 1_700_000_000.3
    polls_total, delay_total = 0.0, 0.0
    for asked, duration in enumerate(durations):
        plan = model.plan("chat")
        counted = asked >= warm_up
        if dist is not None and counted:
            expected_polls, expected_delay = expected_outcome(dist, plan)
            polls_total += expected_polls
            delay_total += expected_delay
        polls, last_running, t = 0, 0.0, 0.0
        while True:
            t = plan.pop(0) if plan else t + backoff_after(t)
            polls += 1
            if t >= duration:
                break
            last_running = t
        model.observe("chat", *refine_with_ended_at(last_running, t, int(wall0 + duration), wall0))
        wall0 += 3600.0 + 0.37  # the next question starts later, at another fraction of a second
        if dist is None and counted:
            polls_total += polls
            delay_total += t - duration
    count = max(1, len(durations) - warm_up)
    return polls_total / count, delay_total / count


def runs_of_levels(rng: random.Random, count: int, run: int = 10) -> list[float]:
    """Durations that change now and then: levels 1-8 s in shuffled runs of ``run`` jobs."""
    out: list[float] = []
    while len(out) < count:
        levels = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0]
        rng.shuffle(levels)
        out.extend(d + rng.uniform(-0.03, 0.03) for d in levels for _ in range(run))
    return out[:count]


def expected_outcome(dist: Distribution, plan: list[float]) -> tuple[float, float]:
    """(expected polls, expected delay) of following ``plan`` then capped backoff, for a
    duration drawn from ``dist``: exact up to the integration step, no sampling noise."""
    from c2q_repl.api.durations import backoff_after

    polls = delay = 0.0
    previous, pending = 0.0, list(plan)
    while dist.cdf(previous) < 1.0 - 1e-9 and previous < 10 * dist.upper:
        t = pending.pop(0) if pending else previous + backoff_after(previous)
        survive = 1.0 - dist.cdf(previous)
        polls += survive
        # delay of jobs finishing in (previous, t]: integral of (t - x) dF(x) = integral of F(x) - F(previous) dx
        steps = max(1, int((t - previous) / 0.01))
        h = (t - previous) / steps
        area = (
            sum(dist.cdf(previous + (k + 0.5) * h) - dist.cdf(previous) for k in range(steps)) * h
        )
        delay += area
        previous = t
    return polls, delay
