"""Poll planning from learned durations (pure; simulated time, no clocks)."""

from __future__ import annotations

import random

import pytest

from c2q_repl.api.durations import (
    DurationSample,
    JobDurationModel,
    backoff_after,
    plan_polls,
    refine_with_ended_at,
)


def simulate(durations: list[float], model: JobDurationModel | None = None) -> tuple[float, float]:
    """Mean requests per question (POST included) and mean delay after the finish, in simulated
    seconds: the poller's loop (plan, poll, back off, learn from an integer ``ended_at``)."""
    from benchmarks.frontier import simulate_planner

    polls, delay = simulate_planner(durations, model or JobDurationModel())
    return 1.0 + polls, delay


def test_plan_is_increasing_and_after_the_start():
    for samples in ([], [DurationSample(2.0, 3.0)], [DurationSample(0.1, 0.2)] * 5):
        plan = plan_polls(samples, after=0.05)
        assert plan and all(a < b for a, b in zip(plan, plan[1:])) and plan[0] > 0.05


def test_a_known_duration_gets_one_poll_just_after_it():
    plan = plan_polls([DurationSample(2.95, 3.0)] * 6)
    assert 2.95 <= plan[0] <= 3.1


def test_replanning_after_a_miss_only_looks_ahead():
    plan = plan_polls([DurationSample(2.95, 3.0)] * 6, after=3.5)
    assert plan[0] > 3.5


def test_expected_seconds_hint_shapes_the_first_poll():
    assert 4.0 <= plan_polls([], expected=5.0)[0] <= 6.0


@pytest.mark.parametrize("duration", [1.0, 3.0, 8.0])
def test_steady_durations_cost_about_two_requests(duration):
    requests, delay = simulate([duration] * 30)
    assert requests <= 2.3 and delay <= 0.3


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_drifting_durations_meet_the_issue_7_targets(seed):
    """Durations spread over 1-8 s in runs of ten questions (a job delay that changes now and then)."""
    rng = random.Random(seed)
    levels = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0]
    rng.shuffle(levels)
    durations = [d + rng.uniform(-0.03, 0.03) for d in levels for _ in range(10)]
    requests, delay = simulate(durations)
    assert requests <= 3.0 and delay <= 0.6


def test_much_better_than_fixed_one_second_polling_on_requests():
    rng = random.Random(3)
    durations = [rng.uniform(1, 8) for _ in range(60)]
    requests, _ = simulate(durations)
    fixed_one_second = sum(1 + int(d) + 1 for d in durations) / len(durations)
    assert requests < fixed_one_second - 1


def test_refine_with_ended_at():
    assert refine_with_ended_at(1.0, 3.0, 1002, 1000.5) == (
        1.5,
        2.5,
    )  # integer: a one-second window
    low, high = refine_with_ended_at(1.0, 3.0, 1002.25, 1000.5)
    assert low == pytest.approx(1.75) and high == pytest.approx(1.76)
    assert refine_with_ended_at(1.0, 3.0, 5000, 1000.5) == (1.0, 3.0)  # clocks disagree: ignored
    assert refine_with_ended_at(1.0, 3.0, 0, 1000.5) == (1.0, 3.0)


def test_model_keeps_a_window_per_kind():
    model = JobDurationModel(window=3)
    for i in range(5):
        model.observe("chat:direct", i, i + 1)
    model.observe("summary", 10, 20)
    assert [s.low for s in model.samples("chat:direct")] == [2, 3, 4]
    assert model.expected("summary") == 15 and model.expected("suggest") is None
    model.observe("chat:direct", 5, 4)  # nonsense is ignored
    assert len(model.samples("chat:direct")) == 3


def test_backoff_is_capped():
    assert backoff_after(0.1) == 0.5 and backoff_after(8) == 2.0 and backoff_after(600) == 5.0


def test_model_round_trips_through_json_and_skips_garbage():
    model = JobDurationModel()
    model.observe("chat:direct", 1.0, 1.5)
    model.observe("summary", 20.0, 30.0)
    again = JobDurationModel.from_json(model.to_json())
    assert again.samples("chat:direct") == model.samples("chat:direct") and again.samples(
        "summary"
    ) == model.samples("summary")
    junk = JobDurationModel.from_json(
        {"chat:direct": [[1, 2], ["x", 1], [True, 2], [1], [-1, 3]], "summary": "nope", 3: None}
    )
    assert junk.samples("chat:direct") == [DurationSample(1.0, 2.0)]
    assert JobDurationModel.from_json(None).samples("chat:direct") == []


def test_cold_start_polls_sooner_than_a_learned_plan_would_for_short_jobs():
    assert plan_polls([])[0] <= 0.75


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_unpredictable_durations_stay_within_the_request_budget(seed):
    rng = random.Random(seed)
    requests, delay = simulate([rng.uniform(1, 8) for _ in range(90)])
    assert (
        requests <= 3.0
    )  # the quota-protecting target holds even when nothing predicts the duration
    assert delay < 2.5  # and still well under fixed 5-s polling's ~2.5 s


def test_the_budget_is_the_constraint_and_delay_the_objective():
    samples = [DurationSample(d, d + 0.1) for d in (1.5, 7.0, 3.2, 5.9, 2.4, 6.6, 4.1, 1.1)]
    tight = plan_polls(samples, poll_budget=1.5)
    loose = plan_polls(samples, poll_budget=4.0)
    assert len(loose) > len(tight) and loose[0] < tight[0]  # more budget: earlier, denser polls


def _plan_cost(grid, plan: list[float], weight: float) -> float:
    """E[polls] + weight * E[delay] of following ``plan`` over ``grid``'s belief."""
    points = [grid.after, *grid.times]
    index = {t: k for k, t in enumerate(points)}
    cost, i = 0.0, 0
    for t in plan:
        j = index[t]
        cost += 1.0 - grid.cdf[i]
        cost += weight * (t * (grid.cdf[j] - grid.cdf[i]) - (grid.mom[j] - grid.mom[i]))
        i = j
    return cost


def _brute_force_cost(grid, weight: float) -> float:
    """The same programme, every (i, j) pair tried: the reference for the fast one."""
    times, cdf, mom = grid.times, grid.cdf, grid.mom
    n = len(times)
    best = [0.0] * (n + 1)
    for i in range(n - 1, -1, -1):
        best[i] = min(
            1.0 - cdf[i] + weight * (times[j - 1] * (cdf[j] - cdf[i]) - (mom[j] - mom[i])) + best[j]
            for j in range(i + 1, n + 1)
        )
    return best[0]


@pytest.mark.parametrize("seed", range(40))
def test_the_fast_programme_finds_the_optimum_of_the_plain_one(seed):
    from c2q_repl.api.durations import _mixture, _PlanGrid

    rng = random.Random(seed)
    samples = [
        DurationSample(low, low + rng.uniform(0.0, 2.0))
        for low in (rng.uniform(0.0, 10.0) for _ in range(rng.randrange(0, 25)))
    ]
    grid = _PlanGrid(_mixture(samples, None), rng.choice([0.0, 0.4, 3.0]))
    weight = rng.choice([0.1, 1.0, 4.0, 8.0])
    plan, _ = grid.plan(weight)
    assert _plan_cost(grid, plan, weight) == pytest.approx(
        _brute_force_cost(grid, weight), rel=1e-9
    )


def _iid_samples(rng: random.Random, count: int) -> list[DurationSample]:
    """What the poller records for independent durations: one-second windows from ``ended_at``."""
    out = []
    for _ in range(count):
        finish = rng.uniform(1.0, 8.0)
        out.append(DurationSample(float(int(finish)), float(int(finish)) + 1.0))
    return out


def test_the_stay_probability_tells_runs_from_independent_durations():
    from c2q_repl.api.durations import _stay_probability, _widen

    def stay(samples):
        widened = [_widen(s.low, s.high) for s in samples]
        return _stay_probability(widened, [1.0] * len(widened))

    runs = [DurationSample(level - 0.05, level + 0.05) for level in (2, 6, 3, 7) for _ in range(10)]
    assert stay(runs) > 0.8
    assert stay(_iid_samples(random.Random(4), 60)) < 0.2


def test_after_a_change_the_plan_follows_the_newest_jobs():
    """A change detector, not a slow average: two jobs at a new level outweigh ten at the old."""
    old = [DurationSample(2.95, 3.05)] * 10
    new = [DurationSample(5.95, 6.05)] * 2
    after_change = plan_polls(old + new)
    assert any(
        5.9 <= t <= 6.2 for t in after_change[:2]
    )  # the old level costs one cheap look at most
    assert 2.9 <= plan_polls(old)[0] <= 3.2


def test_independent_durations_are_planned_near_the_best_schedule():
    """After a long history of independent durations, the plans' mean delay (each plan scored
    exactly under the true distribution) is within 10 % of the best schedule for that
    distribution at the same mean number of polls. A short memory fails this: its plans swing
    between cheap-and-late and dear-and-early with the last few jobs, and on a convex frontier
    their average lies well above it."""
    from benchmarks.frontier import frontier_curve, frontier_delay, simulate_planner, uniform

    truth = uniform(1.0, 8.0)
    model = JobDurationModel()
    for sample in _iid_samples(random.Random(11), 150):
        model.observe("chat", sample.low, sample.high)
    rng = random.Random(12)
    polls, delay = simulate_planner([truth.sample(rng) for _ in range(40)], model, truth)
    assert 1.3 <= polls <= 2.0  # the default budget, 1.8 polls, spent
    assert delay <= 1.10 * frontier_delay(frontier_curve(truth), polls)


def test_a_bigger_poll_budget_buys_less_delay_on_the_same_history():
    from benchmarks.frontier import expected_outcome, uniform

    samples = _iid_samples(random.Random(5), 150)
    outcomes = [
        expected_outcome(uniform(1.0, 8.0), plan_polls(samples, poll_budget=b))
        for b in (1.8, 3.0, 5.0)
    ]
    assert [round(p, 1) for p, _ in outcomes] == sorted(round(p, 1) for p, _ in outcomes)
    assert outcomes[0][1] > outcomes[1][1] > outcomes[2][1]
    assert all(p <= budget + 0.25 for (p, _), budget in zip(outcomes, (1.8, 3.0, 5.0)))
