"""What we have learned about how long jobs take, and the poll plan it implies. Pure.

A :class:`JobDurationModel` keeps, per job kind ("chat:direct", "summary", ...),
the last observed durations (up to 150). Each observation is an *interval*
``(low, high]`` in seconds after the job started: the job was seen unfinished
at ``low`` and finished at ``high`` (narrowed with the server's ``ended_at``
when its clock agrees with ours).

The belief about the next job's duration mixes two explanations, weighted by
how well each has predicted the jobs so far:

* **the same again**: the next job takes what the newest consistent run of
  jobs took (their intervals' intersection, which pins a steady duration
  down); its weight is the *stay probability*, estimated by maximum
  likelihood over the window (near 1 for steady durations or durations that
  change in runs, near 0 for durations drawn independently);
* **a fresh draw** from the long-run distribution: the mixture of uniform
  distributions over every interval in the window, older ones weighing only
  slightly less (decay 0.99). Long memory is what gets close to the best
  possible schedule when durations are independent (a short memory is a noisy
  estimate, and the plan overfits it); the stay probability is the change
  detector that makes the plan follow the newest jobs when they agree with
  each other rather than with the long run.

Plus a weak log-uniform prior (0.25 s to 64 s; from 1/16 s before anything is
learned) so that surprises are still caught quickly.

:func:`plan_polls` turns that belief into poll times by dynamic programming
over a time grid: it minimises the expected delay (finish → the poll that
notices it) while the expected number of polls stays within a budget (1.8
GETs by default, so a question costs under 3 requests with its POST: requests
may count against the 100-a-day quota, so they are the constraint and latency
the objective; ``poll_budget`` / ``--poll-budget`` moves the point). The budget
is met through the Lagrange multiplier of ``E[polls] + w * E[delay]``, found by
bisection; each programme is solved with a lower envelope of lines (convex hull
trick) in O(n log n). A narrow belief (steady durations) gets one poll just
after the expected finish; a wide one gets polls where finishing is likely,
thinning out in the tail.
"""

from __future__ import annotations

import bisect
import math
import threading
from collections import deque
from dataclasses import dataclass
from typing import Any

#: an observation narrower than this is widened to it (server-side scheduling jitter)
MIN_WIDTH = 0.12
#: weight of the whole prior relative to one observation
PRIOR_WEIGHT = 0.25
#: weight of each older observation relative to the next newer one (long memory: the
#: long-run distribution is estimated from the whole window; change comes through the stay probability)
DEFAULT_DECAY = 0.99
#: observations kept per job kind
DEFAULT_WINDOW = 150
#: how much later than its run the next job may finish and still count as "the same again"
JITTER = 0.06
#: the stay probability before there is evidence either way
STAY_PRIOR = 0.5
#: GET polls per question the planner may spend on average (with the POST: under 3 requests)
DEFAULT_POLL_BUDGET = 1.8
#: the most a second of delay is worth, in polls: a narrow belief (steady durations) gets one poll
#: right after the expected finish, not several spent shaving hundredths of a second inside it
MAX_DELAY_WEIGHT = 4.0
#: before anything is learned, one second of delay is worth this many polls (short jobs are caught early)
COLD_START_DELAY_WEIGHT = 4.0
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


def _consistent_run(samples: list[DurationSample]) -> tuple[int, float, float]:
    """How many of the newest samples share a common interval, and that interval.

    Steady durations (the usual case) give a run as long as the window, and its
    intersection pins the duration down far better than any single sample; when
    durations change, the run restarts at the change.
    """
    low, high, run = 0.0, float("inf"), 0
    for s in reversed(samples):
        s_low, s_high = _widen(s.low, s.high)
        new_low, new_high = max(low, s_low), min(high, s_high)
        if new_high <= new_low:
            break
        low, high, run = new_low, new_high, run + 1
    low, high = _widen(low, high)
    return run, low, high


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> float:
    return max(0.0, min(a[1], b[1]) - max(a[0], b[0]))


def _stay_probability(widened: list[tuple[float, float]], weights: list[float]) -> float:
    """How often a job takes as long as the one before (maximum likelihood, from the window).

    Two explanations compete for every sample: it *stayed* at the previous job's
    duration (likelihood: the share of the previous interval it overlaps), or it
    was drawn afresh from the long-run distribution (likelihood: that
    distribution's mass on its interval, the sample itself left out). Steady or
    run-wise durations make staying far likelier (close to 1); independent
    durations make it no likelier than chance (close to 0). The estimate decides
    how much the plan bets on the newest durations.
    """
    total = sum(weights)
    terms = []
    for i in range(1, len(widened)):
        low, high = widened[i]
        previous = widened[i - 1]
        stay = _overlap(widened[i], previous) / (previous[1] - previous[0])
        fresh = sum(
            w * _overlap(widened[i], iv) / (iv[1] - iv[0])
            for k, (iv, w) in enumerate(zip(widened, weights))
            if k != i
        ) / max(total - weights[i], 1e-9)
        terms.append((stay, fresh + 1e-3 * (high - low)))
    best_q, best = STAY_PRIOR, float("-inf")
    for step in range(50):
        q = 0.01 + 0.02 * step
        # a weak prior (one pseudo-sample each way) keeps few samples from deciding alone
        score = math.log(q) + math.log(1.0 - q)
        score += sum(math.log(q * stay + (1.0 - q) * fresh) for stay, fresh in terms)
        if score > best:
            best_q, best = q, score
    return best_q


def _mixture(
    samples: list[DurationSample], expected: float | None, decay: float = DEFAULT_DECAY
) -> list[_Component]:
    """The belief about the next duration: "the newest run again" with the learned stay
    probability, else a draw from the long-run distribution (every sample in the window,
    older ones weighing slightly less), plus a weak prior so surprises are caught."""
    count = len(samples)
    comps: list[_Component] = []
    if count:
        widened = [_widen(s.low, s.high) for s in samples]
        weights = [decay ** (count - 1 - i) for i in range(count)]
        stay = _stay_probability(widened, weights) if count > 1 else STAY_PRIOR
        run, low, high = _consistent_run(samples)
        comps.append(_Component(low, high + JITTER, stay))
        # every job of the newest consistent run took a duration inside their intersection
        if run > 1:
            widened[count - run :] = [(low, high)] * run
        total = sum(weights)
        comps.extend(
            _Component(lo, hi, (1.0 - stay) * w / total) for (lo, hi), w in zip(widened, weights)
        )
    if expected is not None and expected > 0:
        comps.append(_Component(*_widen(expected * 0.85, expected * 1.15), 1.0))
    bins = PRIOR_BINS if comps else COLD_START_BINS + PRIOR_BINS
    prior = PRIOR_WEIGHT / (count + PRIOR_WEIGHT) if comps else 1.0
    comps.extend(_Component(lo, hi, prior / len(bins)) for lo, hi in bins)
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
        # Polling next at point j costs survive_i + w * (t_j * (F_j - F_i) - (M_j - M_i)) + best[j]:
        # a part fixed for i plus the line base[j] - t_j * x at x = w * F_i, with
        # base[j] = w * (t_j F_j - M_j) + best[j]. The minimum over j is the lower envelope of
        # those lines (convex hull trick): O(n log n) for the whole programme instead of O(n²).
        best = [0.0] * (n + 1)
        choice = [n] * (n + 1)
        ends = [0.0, *times]  # ends[j] = time of point j
        w = delay_weight
        hull = _LowerEnvelope()
        for i in range(n - 1, -1, -1):
            j = i + 1
            hull.add(ends[j], w * (ends[j] * cdf[j] - mom[j]) + best[j], j)
            lowest, choice[i] = hull.query(w * cdf[i])
            best[i] = lowest + (1.0 - cdf[i]) + w * mom[i]
        plan, polls, i = [], 0.0, 0
        alive = max(1.0 - cdf[0], 1e-12)
        while i < n:
            polls += (1.0 - cdf[i]) / alive
            i = choice[i]
            plan.append(times[i - 1])
        return plan, polls


class _LowerEnvelope:
    """Minimum over lines ``base - slope * x``, added in decreasing ``slope`` order.

    The lines that are lowest somewhere form the envelope, ordered by slope; the
    crossing points between neighbours (increasing when negated) find a query's
    line by bisection.
    """

    def __init__(self) -> None:
        self.slopes: list[float] = []
        self.bases: list[float] = []
        self.tags: list[int] = []
        self.after: list[float] = []  # -x where line k takes over from line k-1 (k >= 1)

    def _crossing(self, k: int, slope: float, base: float) -> float:
        """x above which line k (steeper) is lower than the new line."""
        return (self.bases[k] - base) / (self.slopes[k] - slope)

    def add(self, slope: float, base: float, tag: int) -> None:
        while self.slopes:
            top = len(self.slopes) - 1
            if base <= self.bases[top] and slope == self.slopes[top]:
                pass  # the new line is at least as low everywhere: drop the old one
            elif top == 0 or self._crossing(top, slope, base) < self._crossing(
                top - 1, self.slopes[top], self.bases[top]
            ):
                break
            self.slopes.pop()
            self.bases.pop()
            self.tags.pop()
            if self.after:
                self.after.pop()
        if self.slopes:
            top = len(self.slopes) - 1
            if slope == self.slopes[top]:
                return  # an equal slope with a higher base is never lowest
            self.after.append(-self._crossing(top, slope, base))
        self.slopes.append(slope)
        self.bases.append(base)
        self.tags.append(tag)

    def query(self, x: float) -> tuple[float, int]:
        """(lowest value at ``x``, tag of that line)."""
        k = bisect.bisect_right(self.after, -x)  # ties: the newer line (the earlier poll)
        return self.bases[k] - self.slopes[k] * x, self.tags[k]


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
        window: int = DEFAULT_WINDOW,
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

    def to_json(self) -> dict[str, list[list[float]]]:
        """Plain data, so a caller may keep what was learned between runs."""
        with self._lock:
            return {kind: [[s.low, s.high] for s in seen] for kind, seen in self._samples.items()}

    @classmethod
    def from_json(cls, value: object, **kw: Any) -> JobDurationModel:
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
