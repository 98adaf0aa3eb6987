"""What we have learned about how long jobs take, and the poll plan it implies. Pure.

A :class:`JobDurationModel` keeps, per job kind ("chat:direct", "summary", ...),
the last few observed durations. Each observation is an *interval*
``(low, high]`` in seconds after the job started: the job was seen unfinished
at ``low`` and finished at ``high`` (narrowed with the server's ``ended_at``
when its clock agrees with ours). The belief about the next job's duration is
the mixture of uniform distributions over those intervals (newest weighted
most; the newest samples that share a common interval are replaced by that
intersection, which pins a steady duration down), plus a weak log-uniform
prior (0.25 s to 64 s; from 1/16 s before anything is learned) so that surprises are still caught quickly.

:func:`plan_polls` turns that belief into poll times by dynamic programming
over a time grid: it minimises the expected delay (finish → the poll that
notices it) while the expected number of polls stays within a budget (1.8
GETs, so a question costs under 3 requests with its POST: requests may count
against the 100-a-day quota, so they are the constraint and latency the
objective). The budget is met through the Lagrange multiplier of
``E[polls] + w * E[delay]``, found by bisection. A narrow belief (steady
durations) gets one poll just after the expected finish; a wide one gets polls
where finishing is likely, thinning out in the tail. When durations vary,
each observation is widened by a kernel sized from their spread, so the plan
does not bet on the last duration seen.
"""

from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass

#: an observation narrower than this is widened to it (server-side scheduling jitter)
MIN_WIDTH = 0.12
#: weight of the whole prior relative to one observation
PRIOR_WEIGHT = 0.25
#: weight of each older observation relative to the next newer one
DEFAULT_DECAY = 0.6
#: GET polls per question the planner may spend on average (with the POST: under 3 requests)
DEFAULT_POLL_BUDGET = 1.8
#: the most a second of delay is worth: with a narrow belief, polls land right after the finish
MAX_DELAY_WEIGHT = 64.0
#: before anything is learned, one second of delay is worth this many polls (short jobs are caught early)
COLD_START_DELAY_WEIGHT = 4.0
#: weight of samples older than a run of agreeing newest ones
OUTSIDE_RUN_WEIGHT = 0.1
PRIOR_BINS = tuple((0.25 * 2**i, 0.25 * 2 ** (i + 1)) for i in range(8))  # 0.25 s .. 64 s
#: with nothing learned yet, also expect very short jobs (a local sandbox): the first poll comes sooner
COLD_START_BINS = ((0.0625, 0.125), (0.125, 0.25))
MAX_GRID = 240


@dataclass(frozen=True)
class DurationSample:
    low: float
    high: float


@dataclass(frozen=True)
class _Component:
    low: float
    high: float
    weight: float

    def cdf(self, t: float) -> float:
        if t <= self.low:
            return 0.0
        if t >= self.high:
            return 1.0
        return (t - self.low) / (self.high - self.low)

    def moment(self, t: float) -> float:
        """∫ x dF(x) from -inf to t."""
        u = min(max(t, self.low), self.high)
        return (u * u - self.low * self.low) / (2.0 * (self.high - self.low))


def _widen(low: float, high: float, width: float = MIN_WIDTH) -> tuple[float, float]:
    low, high = max(0.0, low), max(0.0, high)
    if high - low < width:
        mid = (low + high) / 2.0
        low = max(0.0, mid - width / 2.0)
        high = low + width
    return low, high


def _spread_width(samples: list[DurationSample]) -> float:
    """Kernel width from how much durations vary (Silverman's rule on the
    midpoints): unpredictable durations must not look like a sharp peak at
    the last one seen, or the plan bets everything on it."""
    if len(samples) < 2:
        return MIN_WIDTH
    mids = [(s.low + s.high) / 2.0 for s in samples]
    mean = sum(mids) / len(mids)
    sigma = (sum((m - mean) ** 2 for m in mids) / (len(mids) - 1)) ** 0.5
    return max(MIN_WIDTH, 2.0 * 1.06 * sigma * len(mids) ** -0.2)


def _consistent_run(samples: list[DurationSample]) -> tuple[int, float, float]:
    """How many of the newest samples share a common interval, and that interval.

    Steady durations (the usual case) give a run as long as the window, and its
    intersection pins the duration down far better than any single sample; when
    durations change, the run restarts at the change.
    """
    low, high, run = 0.0, float("inf"), 0
    for s in reversed(samples):
        new_low, new_high = max(low, s.low), min(high, s.high)
        if new_high <= new_low:
            break
        low, high, run = new_low, new_high, run + 1
    return run, low, high


def _mixture(
    samples: list[DurationSample], expected: float | None, decay: float = DEFAULT_DECAY
) -> list[_Component]:
    """Newest sample weighs 1, each older one ``decay`` times the next: durations drift."""
    count = len(samples)
    run, low, high = _consistent_run(samples)
    width = _spread_width(samples) if run < count else MIN_WIDTH
    # Older samples count for less once the newest ones agree: durations have moved to a new level.
    outside = OUTSIDE_RUN_WEIGHT if run > 1 else 1.0
    comps = []
    for i, s in enumerate(samples):
        weight = decay ** (count - 1 - i)
        # Samples of the newest consistent run all contain the current duration: use their intersection.
        if i >= count - run and run > 1:
            comps.append(_Component(*_widen(low, high), weight))
        else:
            comps.append(_Component(*_widen(s.low, s.high, width), weight * outside))
    if expected is not None and expected > 0:
        comps.append(_Component(*_widen(expected * 0.85, expected * 1.15), 1.0))
    bins = PRIOR_BINS if comps else COLD_START_BINS + PRIOR_BINS
    prior_each = (PRIOR_WEIGHT if comps else 1.0) / len(bins)
    comps.extend(_Component(lo, hi, prior_each) for lo, hi in bins)
    total = sum(c.weight for c in comps)
    return [_Component(c.low, c.high, c.weight / total) for c in comps]


def plan_polls(
    samples: list[DurationSample],
    *,
    after: float = 0.0,
    expected: float | None = None,
    delay_weight: float | None = None,
    decay: float = DEFAULT_DECAY,
    poll_budget: float = DEFAULT_POLL_BUDGET,
) -> list[float]:
    """Poll times (seconds after the job started, all > ``after``), best first.

    With ``delay_weight`` given, minimise ``E[polls] + delay_weight * E[delay]``.
    Otherwise (the default) minimise the expected delay while the expected
    number of polls stays within ``poll_budget``: requests may count against
    the daily quota, so they are the constraint and latency the objective.
    Past the last time the caller falls back to capped backoff.
    """
    grid = _PlanGrid(_mixture(samples, expected, decay), after)
    if not grid.times:
        return []
    if delay_weight is None and not samples and expected is None:
        delay_weight = COLD_START_DELAY_WEIGHT  # no belief to budget with yet: stay responsive
    if delay_weight is not None:
        return grid.plan(delay_weight)[0]
    plan, polls = grid.plan(MAX_DELAY_WEIGHT)
    if polls <= poll_budget:
        return plan  # a narrow belief: the tightest plan is affordable
    low, high = 0.05, MAX_DELAY_WEIGHT  # Lagrange multiplier: polls grow with the weight
    best = grid.plan(low)[0]
    for _ in range(8):
        mid = (low * high) ** 0.5
        candidate, polls = grid.plan(mid)
        if polls <= poll_budget:
            low, best = mid, candidate
        else:
            high = mid
    return best


class _PlanGrid:
    """Candidate poll times with the belief's CDF and partial means precomputed,
    so several trade-offs can be planned over the same grid cheaply."""

    def __init__(self, comps: list[_Component], after: float) -> None:
        self.after = after
        end = max(c.high for c in comps)
        self.times: list[float] = []
        if end <= after:
            return
        grid: set[float] = set()
        t = after
        while t < end and len(grid) < MAX_GRID:  # 50 ms steps, widening by 4 % once past 1.25 s
            t = round(t + max(0.05, 0.04 * t), 4)
            grid.add(t)
        grid.update(c.high for c in comps if c.high > after)
        grid.update(c.low + 0.02 for c in comps if c.low + 0.02 > after)
        times = sorted(t for t in grid if after < t <= end)
        if not times or times[-1] < end:
            times.append(end)
        self.times = times
        points = [after, *times]
        self.cdf = [sum(c.weight * c.cdf(t) for c in comps) for t in points]
        self.mom = [sum(c.weight * c.moment(t) for c in comps) for t in points]

    def plan(self, delay_weight: float) -> tuple[list[float], float]:
        """Poll times minimising ``E[polls] + delay_weight * E[delay]`` (dynamic
        programming), and the expected number of polls of that plan."""
        times, cdf, mom = self.times, self.cdf, self.mom
        n = len(times)
        # best[i] = least expected cost once a poll at point i (0 = `after`) found the job unfinished.
        best = [0.0] * (n + 1)
        choice = [n] * (n + 1)
        for i in range(n - 1, -1, -1):
            survive = 1.0 - cdf[i]
            lowest, pick = float("inf"), n
            for j in range(i + 1, n + 1):
                cost = (
                    survive
                    + delay_weight * (times[j - 1] * (cdf[j] - cdf[i]) - (mom[j] - mom[i]))
                    + best[j]
                )
                if cost < lowest:
                    lowest, pick = cost, j
            best[i], choice[i] = lowest, pick
        plan, polls, i = [], 0.0, 0
        alive = max(1.0 - cdf[0], 1e-12)
        while i < n:
            polls += (1.0 - cdf[i]) / alive
            i = choice[i]
            plan.append(times[i - 1])
        return plan, polls


def refine_with_ended_at(
    low: float, high: float, ended_at: float | int, started_wall: float
) -> tuple[float, float]:
    """Narrow ``(low, high]`` with the server's finish time when the clocks agree.

    ``ended_at`` is UNIX seconds; an integer is a truncated second, so the
    finish lies in ``[ended_at, ended_at + 1)``. If the server's clock disagrees
    with ours (the intervals do not overlap) the server's value is ignored.
    """
    if not ended_at or ended_at <= 0:
        return low, high
    resolution = 1.0 if float(ended_at).is_integer() else 0.01
    server_low = float(ended_at) - started_wall
    server_high = server_low + resolution
    new_low, new_high = max(low, server_low), min(high, server_high)
    if new_high <= new_low:
        return low, high
    return new_low, new_high


def backoff_after(elapsed: float) -> float:
    """Gap to the next poll once the plan is exhausted: a quarter of the time so far, 0.5-5 s."""
    return min(5.0, max(0.5, elapsed * 0.25))


class JobDurationModel:
    """Recent job durations per kind; owned by the caller (one per client by default)."""

    def __init__(
        self,
        window: int = 16,
        delay_weight: float | None = None,
        decay: float = DEFAULT_DECAY,
        poll_budget: float = DEFAULT_POLL_BUDGET,
    ) -> None:
        self.window = window
        self.delay_weight = delay_weight
        self.decay = decay
        self.poll_budget = poll_budget
        self._samples: dict[str, deque[DurationSample]] = {}
        self._lock = threading.Lock()  # one model may serve several waiting threads

    def observe(self, kind: str, low: float, high: float) -> None:
        if high < low or high < 0:
            return
        with self._lock:
            self._samples.setdefault(kind, deque(maxlen=self.window)).append(
                DurationSample(max(0.0, low), high)
            )

    def samples(self, kind: str) -> list[DurationSample]:
        with self._lock:
            return list(self._samples.get(kind, ()))

    def plan(self, kind: str, *, after: float = 0.0, expected: float | None = None) -> list[float]:
        return plan_polls(
            self.samples(kind),
            after=after,
            expected=expected,
            delay_weight=self.delay_weight,
            decay=self.decay,
            poll_budget=self.poll_budget,
        )

    def to_json(self) -> dict:
        """Plain data, so a caller may keep what was learned between runs."""
        with self._lock:
            return {kind: [[s.low, s.high] for s in seen] for kind, seen in self._samples.items()}

    @classmethod
    def from_json(cls, value: object, **kw) -> JobDurationModel:
        """Rebuild from :meth:`to_json` output; anything malformed is skipped."""
        model = cls(**kw)
        if isinstance(value, dict):
            for kind, pairs in value.items():
                for pair in pairs if isinstance(pairs, list) else []:
                    if (
                        isinstance(pair, list)
                        and len(pair) == 2
                        and all(
                            isinstance(x, (int, float))
                            and not isinstance(x, bool)
                            and 0 <= x < 86400
                            for x in pair
                        )
                    ):
                        model.observe(str(kind), float(pair[0]), float(pair[1]))
        return model

    def expected(self, kind: str) -> float | None:
        """Mean of the midpoints seen so far (for progress displays), None when unknown."""
        seen = self.samples(kind)
        if not seen:
            return None
        return sum((s.low + s.high) / 2.0 for s in seen) / len(seen)
