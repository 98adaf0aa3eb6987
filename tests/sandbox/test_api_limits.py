"""Quotas over real HTTP: the daily AI quota and the per-key per-minute limit with its headers."""

from __future__ import annotations

from c2q_repl.sandbox.limits import DailyQuota, MinuteRateLimiter

from .helpers import client, gateway_code, ok, target

QUOTA_MESSAGE = (
    "The AI request exceeded the limit of 2 times per day. "
    "For more quota, please contact us: https://tidb.support.pingcap.com/"
)


def test_daily_ai_quota(make_sandbox):
    sb = make_sandbox(daily_limit=2, rpm_limit=0)
    with client(sb) as http:
        assert (
            http.post("/v3/chat2data", json={"question": "SELECT 1"}).status_code == 400
        )  # refused: not counted
        for _ in range(2):
            ok(http.post("/v3/chat2data", json={**target(sb), "question": "SELECT 1"}))
        r = http.post("/v3/chat2data", json={**target(sb), "question": "SELECT 1"})
        assert r.status_code == 429
        assert r.json() == {
            "type": "chat2data_endpoint",
            "data": {
                "columns": [],
                "rows": [],
                "result": {
                    "code": 429,
                    "message": QUOTA_MESSAGE,
                    "start_ms": "",
                    "end_ms": "",
                    "latency": "",
                    "row_count": 0,
                    "row_affect": 0,
                    "limit": 0,
                },
            },
        }
        for path, body in (
            ("/v2/chat2data", {**target(sb), "raw_question": "SELECT 1"}),
            ("/v3/suggestQuestions", target(sb)),
            ("/v1/chat2data", {**target(sb), "instruction": "x"}),
        ):
            assert http.post(path, json=body).status_code == 429, path
        # non-AI calls still work
        ok(http.get("/v3/sessions"))
        ok(http.get("/v3/dataSummaries"))


def test_per_key_rate_limit_with_headers(make_sandbox):
    sb = make_sandbox(rpm_limit=3, daily_limit=0)
    with client(sb, scheme="basic") as http:
        remaining = []
        for _ in range(3):
            r = http.get("/v3/sessions")
            assert r.status_code == 200
            assert r.headers["X-Ratelimit-Limit-Minute"] == "3"
            assert 1 <= int(r.headers["X-Ratelimit-Reset"]) <= 60
            remaining.append(int(r.headers["X-Ratelimit-Remaining-Minute"]))
        assert remaining == [2, 1, 0]
        r = http.get("/v3/sessions")
        assert r.status_code == 429 and gateway_code(r) == 49900007
        assert r.json()["type"] == "" and r.headers["X-Ratelimit-Remaining-Minute"] == "0"


def test_rate_window_resets_after_a_minute():
    now = [0.0]
    limiter = MinuteRateLimiter(2, clock=lambda: now[0])
    assert limiter.hit("k").allowed and limiter.hit("k").allowed
    assert not limiter.hit("k").allowed
    assert limiter.hit("other").allowed
    now[0] = 30.0
    assert limiter.hit("k").reset_seconds == 30
    now[0] = 60.5
    decision = limiter.hit("k")
    assert decision.allowed and decision.remaining == 1


def test_daily_quota_resets_at_utc_midnight():
    now = [86400 * 100 + 3600.0]
    quota = DailyQuota(1, clock=lambda: now[0])
    assert quota.take() and not quota.take()
    now[0] += 86400
    assert quota.take()
    quota.refund()
    assert quota.used == 0
    assert DailyQuota(0).take()
