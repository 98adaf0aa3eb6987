"""Deterministic synthetic rows for sp500insight.

Everything comes from one ``random.Random(seed)`` and plain float arithmetic
(uniform draws, sums, products, ``sqrt``, rounding): no clock, no
``exp``/``log``/``pow`` whose last bit may differ between C libraries, so every
machine produces the same rows. Prices are a seeded random walk with a shared market factor, so the
index, sectors and single stocks move plausibly together; each walk ends at a share price that,
with a real (well-known names) or plausible share count, gives the company's market cap.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from array import array
from collections.abc import Iterator
from dataclasses import dataclass

from c2q_repl.sandbox.seed_names import (
    CITIES,
    COUNTRY_CODES,
    FOREIGN_OFFICES,
    NAME_ROOTS,
    SECTORS,
    WELL_KNOWN,
    WELL_KNOWN_FIGURES,
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


def _price_and_employees(c: Company, rng: random.Random) -> tuple[float, int]:
    """Last share price and head count: real (rounded) figures for the well-known names;
    for invented ones a share count of 0.1-2.5 billion makes the price (price × shares = market
    cap, price kept within $12-$900) and the head count grows with the company's size."""
    shares = 0.1e9 + 2.4e9 * rng.random() * rng.random()
    employees = int(4000 * math.sqrt(c.cap_billions) * (0.3 + 1.4 * rng.random())) + 800
    spare = rng.random()
    known = WELL_KNOWN_FIGURES.get(c.symbol)
    if known is not None:
        return known
    price = c.cap_billions * 1e9 / shares
    if price > 900.0:  # few shares of a big company: a split would have happened
        price = 300.0 + 500.0 * spare
    elif price < 12.0:
        price = 12.0 + 30.0 * spare
    return int(price * 100 + 0.5) / 100, employees


@dataclass(frozen=True)
class _Stock:
    """One stock's price path: closes for every day (a compact array) and its daily habits."""

    symbol: str
    closes: array
    dividend_yield: float
    turnover: float  # shares traded on a typical day


def _walk(
    symbol: str, last_price: float, shares: float, market: list[float], rng: random.Random
) -> _Stock:
    """A random walk with the shared market factor, scaled to end at ``last_price``."""
    uniform = rng.random
    beta = 0.6 + 0.9 * uniform()
    daily_vol = 0.010 + 0.018 * uniform()
    drift = (0.08 + 0.12 * normal(rng)) / 252
    walk = array("d", [1.0])
    level = 1.0
    for t in range(1, len(market)):
        noise = (uniform() + uniform() + uniform() + uniform() - 2.0) * 1.7320508075688772
        level *= 1.0 + drift + beta * market[t] + daily_vol * noise
        walk.append(level)
    scale = last_price / level
    closes = array("d", (w * scale for w in walk))
    dividend_yield = 0.0 if uniform() < 0.3 else 0.005 + 0.03 * uniform()
    return _Stock(symbol, closes, dividend_yield, shares * (0.002 + 0.008 * uniform()))


def _price_rows(stocks: list[_Stock], days: list[str], rng: random.Random) -> Iterator[list[tuple]]:
    """``stock_price_history`` one day at a time: rows arrive in primary-key order
    (date, symbol), which SQLite and MySQL insert fastest."""
    uniform = rng.random
    last = len(days) - 1
    for t, day in enumerate(days):
        rows = []
        for s in stocks:
            close = s.closes[t]
            prev_close = s.closes[t - 1] if t else close
            open_ = prev_close * (1.0 + 0.008 * (uniform() - 0.5))
            high = max(open_, close) * (1.0 + 0.012 * uniform())
            low = min(open_, close) * (1.0 - 0.012 * uniform())
            adj = close * (1.0 - s.dividend_yield * (last - t) / 252)
            # prices are rounded to cents as int(x*100+0.5)/100: round() is 3x slower
            rows.append(
                (
                    day,
                    s.symbol,
                    int(adj * 10000 + 0.5) / 10000,
                    int(close * 100 + 0.5) / 100,
                    int(high * 100 + 0.5) / 100,
                    int(low * 100 + 0.5) / 100,
                    int(open_ * 100 + 0.5) / 100,
                    int(s.turnover * (0.6 + 0.8 * uniform())),
                )
            )
        yield rows


def iter_rows(seed: int = 500) -> Iterator[tuple[str, list[tuple]]]:
    """Every row of sp500insight from ``seed``, as ``(table, rows)`` batches (pure).

    The price history (nearly all of the data) comes one day at a time, so a
    writer holds one small batch in memory, never the whole database.
    """
    rng = random.Random(seed)
    companies = make_companies(rng)
    days = business_days(FIRST_DAY, LAST_DAY)
    market = [0.0003 + 0.011 * normal(rng) for _ in days]
    iso_days = [d.isoformat() for d in days]
    index_level = [0.0] * len(days)
    total_cap = sum(c.cap_billions for c in companies)
    company_rows, weight_rows, stocks = [], [], []
    for c in companies:
        last_price, employees = _price_and_employees(c, rng)
        market_cap = int(c.cap_billions * 1e9)
        stock = _walk(c.symbol, last_price, market_cap / last_price, market, rng)
        stocks.append(stock)
        weight = c.cap_billions / total_cap
        for t, close in enumerate(stock.closes):
            index_level[t] += weight * close / last_price
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
                last_price,
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
    yield "companies", company_rows
    yield "indexes", [(INDEX_SYMBOL, INDEX_NAME)]
    yield "index_compositions", weight_rows
    yield (
        "index_price_history",
        [
            (iso_days[t], INDEX_SYMBOL, round(INDEX_LAST_LEVEL * index_level[t], 2))
            for t in range(len(days))
        ],
    )
    users, selections = _users(
        rng, [c.symbol for c in companies], [c.cap_billions for c in companies]
    )
    yield "users", users
    yield "user_selected_stocks", selections
    for rows in _price_rows(stocks, iso_days, rng):
        yield "stock_price_history", rows


def generate(seed: int = 500) -> SeedData:
    """Every row of sp500insight from ``seed``, all in memory (the MySQL seeder and tests)."""
    rows: dict[str, list[tuple]] = {}
    for table, batch in iter_rows(seed):
        rows.setdefault(table, []).extend(batch)
    return SeedData(rows=rows)


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
