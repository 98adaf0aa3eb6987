"""Deterministic synthetic rows for sp500insight.

Everything comes from one ``random.Random(seed)`` and plain float arithmetic
(uniform draws, sums, products, ``sqrt``, rounding): no clock, no
``exp``/``log``/``pow`` whose last bit may differ between C libraries, so every
machine produces the same rows. Prices are a seeded random walk with a shared market factor, so the
index, sectors and single stocks move plausibly together.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass

from c2q_repl.sandbox.seed_names import (
    CITIES,
    COUNTRY_CODES,
    FOREIGN_OFFICES,
    NAME_ROOTS,
    SECTORS,
    WELL_KNOWN,
)

FIRST_DAY = dt.date(2021, 12, 1)
LAST_DAY = dt.date(2023, 12, 29)
INDEX_SYMBOL = "SP500"
INDEX_NAME = "S&P 500"
INDEX_LAST_LEVEL = 4769.83  # the index level on LAST_DAY; earlier levels follow the walk
USER_COUNT = 120

# market-cap quantiles (billions of USD) for the invented constituents
_CAP_QUANTILES = (
    (0.0, 6.0),
    (0.10, 10.0),
    (0.25, 17.0),
    (0.50, 33.0),
    (0.75, 68.0),
    (0.90, 140.0),
    (1.0, 260.0),
)
_NASDAQ = {
    "AAPL",
    "MSFT",
    "NVDA",
    "AVGO",
    "ADBE",
    "AMD",
    "CSCO",
    "INTC",
    "QCOM",
    "TXN",
    "GOOGL",
    "META",
    "NFLX",
    "CMCSA",
    "AMZN",
    "TSLA",
    "SBUX",
    "COST",
    "PEP",
}


@dataclass(frozen=True)
class Company:
    symbol: str
    exchange: str
    short_name: str
    long_name: str
    sector: str
    industry: str
    city: str
    state: str
    country: str
    country_code: str
    cap_billions: float


@dataclass(frozen=True)
class SeedData:
    """Rows per table, in column order of :mod:`c2q_repl.sandbox.schema`."""

    rows: dict[str, list[tuple]]


def normal(rng: random.Random) -> float:
    """Approximately standard normal from four uniforms (Irwin–Hall): portable bit for bit."""
    return (rng.random() + rng.random() + rng.random() + rng.random() - 2.0) * 1.7320508075688772


def business_days(first: dt.date, last: dt.date) -> list[dt.date]:
    """Weekdays without New Year's Day, Independence Day and Christmas."""
    holidays = {(1, 1), (7, 4), (12, 25)}
    days, day = [], first
    while day <= last:
        if day.weekday() < 5 and (day.month, day.day) not in holidays:
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def _cap_quantile(u: float) -> float:
    for (q0, v0), (q1, v1) in zip(_CAP_QUANTILES, _CAP_QUANTILES[1:]):
        if u <= q1:
            return v0 + (v1 - v0) * (u - q0) / (q1 - q0)
    return _CAP_QUANTILES[-1][1]


def _symbol_for(name: str, taken: set[str]) -> str:
    letters = "".join(ch for ch in name.upper() if ch.isalpha())
    words = [w for w in name.upper().split() if w[0].isalpha()]
    candidates = [
        letters[:3],
        letters[:4],
        "".join(w[0] for w in words)[:4],
        letters[:2] + letters[-1],
        letters[:3] + letters[-1],
        letters[:2] + letters[-2:],
    ]
    for cand in candidates:
        if 2 <= len(cand) <= 5 and cand not in taken:
            return cand
    n = 2
    while f"{letters[:3]}{letters[n % len(letters)]}" in taken:
        n += 1
    return f"{letters[:3]}{letters[n % len(letters)]}"


def make_companies(rng: random.Random) -> list[Company]:
    companies: list[Company] = []
    taken = {c[0] for c in WELL_KNOWN}
    for sym, short, long_, sector, industry, city, state, country, cap in WELL_KNOWN:
        companies.append(
            Company(
                sym,
                "NMS" if sym in _NASDAQ else "NYQ",
                short,
                long_,
                sector,
                industry,
                city,
                state,
                country,
                COUNTRY_CODES.get(country, "US"),
                float(cap),
            )
        )
    used_names = {c.long_name for c in companies}
    for sector, (count, industries, suffixes) in SECTORS.items():
        have = sum(1 for c in companies if c.sector == sector)
        while have < count:
            root = NAME_ROOTS[rng.randrange(len(NAME_ROOTS))]
            suffix = suffixes[rng.randrange(len(suffixes))]
            form = rng.randrange(4)
            long_name = (
                f"{root} {suffix} " + ("Inc.", "Corporation", "Holdings, Inc.", "Group, Inc.")[form]
            )
            if long_name in used_names or any(
                c.long_name.startswith(f"{root} {suffix} ") for c in companies
            ):
                continue
            used_names.add(long_name)
            short_name = f"{root} {suffix}"[:50]
            symbol = _symbol_for(f"{root} {suffix}", taken)
            taken.add(symbol)
            if rng.random() < 0.04:
                city, state, country, code = FOREIGN_OFFICES[rng.randrange(len(FOREIGN_OFFICES))]
            else:
                city, state = CITIES[rng.randrange(len(CITIES))]
                country, code = "United States", "US"
            exchange = "NMS" if rng.random() < (0.55 if sector == "Technology" else 0.2) else "NYQ"
            companies.append(
                Company(
                    symbol,
                    exchange,
                    short_name,
                    long_name,
                    sector,
                    industries[rng.randrange(len(industries))],
                    city,
                    state,
                    country,
                    code,
                    round(_cap_quantile(rng.random()), 3),
                )
            )
            have += 1
    companies.sort(key=lambda c: c.symbol)
    return companies


def _summary(c: Company, employees: int) -> str:
    where = f"{c.city}, {c.state}" if c.state else c.city
    return (
        f"{c.long_name} operates in the {c.industry} industry within the {c.sector} sector. "
        f"The company serves customers across North America, Europe and Asia and employs about "
        f"{employees:,} people. It is headquartered in {where}, {c.country}."
    )


def generate(seed: int = 500) -> SeedData:
    """Build every row of sp500insight from ``seed`` (pure; ~0.5 s)."""
    rng = random.Random(seed)
    companies = make_companies(rng)
    days = business_days(FIRST_DAY, LAST_DAY)
    n_days = len(days)
    market = [0.0003 + 0.011 * normal(rng) for _ in range(n_days)]
    iso_days = [d.isoformat() for d in days]

    price_rows: list[tuple] = []
    index_level = [0.0] * n_days
    total_cap = sum(c.cap_billions for c in companies)
    company_rows, weight_rows = [], []
    for c in companies:
        beta = 0.6 + 0.9 * rng.random()
        daily_vol = 0.010 + 0.018 * rng.random()
        drift = (0.08 + 0.12 * normal(rng)) / 252
        walk = [1.0]
        for t in range(1, n_days):
            walk.append(walk[-1] * (1.0 + drift + beta * market[t] + daily_vol * normal(rng)))
        last_price = 20.0 + 480.0 * rng.random() * rng.random()
        scale = last_price / walk[-1]
        dividend_yield = 0.0 if rng.random() < 0.3 else 0.005 + 0.03 * rng.random()
        base_volume = int(c.cap_billions * 25_000 * (0.5 + rng.random())) + 200_000
        weight = c.cap_billions / total_cap
        prev_close = walk[0] * scale
        uniform = (
            rng.random
        )  # prices are rounded to cents as int(x*100+0.5)/100: round() is 3x slower
        for t in range(n_days):
            close = walk[t] * scale
            open_ = prev_close * (1.0 + 0.008 * (uniform() - 0.5))
            high = max(open_, close) * (1.0 + 0.012 * uniform())
            low = min(open_, close) * (1.0 - 0.012 * uniform())
            adj = close * (1.0 - dividend_yield * (n_days - 1 - t) / 252)
            price_rows.append(
                (
                    iso_days[t],
                    c.symbol,
                    int(adj * 10000 + 0.5) / 10000,
                    int(close * 100 + 0.5) / 100,
                    int(high * 100 + 0.5) / 100,
                    int(low * 100 + 0.5) / 100,
                    int(open_ * 100 + 0.5) / 100,
                    int(base_volume * (0.6 + 0.8 * uniform())),
                )
            )
            index_level[t] += weight * walk[t] / walk[-1]
            prev_close = close
        employees = int(4000 * math.sqrt(c.cap_billions) * (0.3 + 1.4 * rng.random())) + 800
        market_cap = int(c.cap_billions * 1e9)
        ebitda = (
            None
            if c.sector == "Financial Services"
            else int(market_cap * (0.02 + 0.08 * rng.random()))
        )
        revenue_growth = round(-0.15 + 0.45 * rng.random() * rng.random() + 0.05 * rng.random(), 3)
        company_rows.append(
            (
                c.symbol,
                c.exchange,
                c.short_name,
                c.long_name,
                c.sector,
                c.industry,
                round(last_price, 2),
                market_cap,
                ebitda,
                revenue_growth,
                c.city,
                c.state or None,
                c.country,
                c.country_code,
                employees,
                _summary(c, employees),
            )
        )
        weight_rows.append((INDEX_SYMBOL, c.symbol, round(weight, 8)))

    index_rows = [
        (iso_days[t], INDEX_SYMBOL, round(INDEX_LAST_LEVEL * index_level[t], 2))
        for t in range(n_days)
    ]
    users, selections = _users(
        rng, [c.symbol for c in companies], [c.cap_billions for c in companies]
    )
    return SeedData(
        rows={
            "indexes": [(INDEX_SYMBOL, INDEX_NAME)],
            "index_compositions": weight_rows,
            "index_price_history": index_rows,
            "stock_price_history": price_rows,
            "companies": company_rows,
            "users": users,
            "user_selected_stocks": selections,
        }
    )


def _users(
    rng: random.Random, symbols: list[str], caps: list[float]
) -> tuple[list[tuple], list[tuple]]:
    """Users who signed up during 2023 and picked stocks, big caps more often."""
    start = dt.datetime(2023, 1, 1)
    users, picks = [], []
    total = sum(caps)
    cumulative, acc = [], 0.0
    for cap in caps:
        acc += cap / total
        cumulative.append(acc)
    for user_id in range(1, USER_COUNT + 1):
        created = start + dt.timedelta(seconds=rng.randrange(330 * 86400))
        users.append((user_id, created.strftime("%Y-%m-%d %H:%M:%S")))
        chosen: set[str] = set()
        for _ in range(rng.randrange(0, 9)):
            u = rng.random()
            idx = next((i for i, v in enumerate(cumulative) if v >= u), len(symbols) - 1)
            if symbols[idx] in chosen:
                continue
            chosen.add(symbols[idx])
            when = created + dt.timedelta(seconds=rng.randrange(30 * 86400))
            picks.append((user_id, symbols[idx], when.strftime("%Y-%m-%d %H:%M:%S")))
    return users, picks
