"""The HTML export with large and negative numbers (issue 14): readable cells with
the exact value kept, a headline, diverging bars, y-axis labels never clipped,
checked in the markup and in a headless-Chromium screenshot."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from c2q_repl.render.chart_data import Series
from c2q_repl.transcript.chartdata import Plot
from c2q_repl.transcript.export import export_transcript
from c2q_repl.transcript.svg import CHAR_PX, NEGATIVE, PALETTE, chart_svg

from .helpers import job, make_round, write_transcript
from .png import count_colour, decode_png
from .test_export import CHROMIUM, _chromium

NET_INCOME = [
    ["Apple Inc.", "96995000000"],
    ["NVIDIA Corporation", "29760000000"],
    ["Boeing", "-2222000000"],
    ["Intel Corporation", "-16700000000.5"],
]
SQL = "SELECT short_name, net_income FROM companies ORDER BY net_income DESC LIMIT 4"


def _export(tmp_path: Path, rows=NET_INCOME, sql=SQL, chart="BarChart") -> str:
    rounds = [
        make_round(
            1,
            "which companies earned the most?",
            job("job-1", sql, ["short_name", "net_income"], rows, chart=chart),
        )
    ]
    path = write_transcript(tmp_path / "t.jsonl", rounds)
    return export_transcript(path, "html")


def test_cells_are_readable_and_keep_the_exact_value(tmp_path):
    html = _export(tmp_path)
    assert '<td class="num" title="96995000000">96,995,000,000</td>' in html
    assert '<td class="num" title="-16700000000.5">-16,700,000,001</td>' in html
    assert '<p class="headline">Highest net income: Apple Inc. (96,995,000,000)</p>' in html


def test_negative_bars_hang_below_the_zero_line_in_their_own_colour(tmp_path):
    html = _export(tmp_path)
    zero = float(re.search(r'class="zero" x1="[\d.]+" y1="([\d.]+)"', html).group(1))
    bars = re.findall(
        r'<rect class="(bar(?: negative)?)" x="[\d.]+" y="([\d.]+)"[^>]*fill="(#\w+)"', html
    )
    assert [kind for kind, _, _ in bars] == ["bar", "bar", "bar negative", "bar negative"]
    for kind, top, fill in bars:
        if kind == "bar":
            assert float(top) < zero and fill == PALETTE[0]
        else:
            assert abs(float(top) - zero) < 0.2 and fill == NEGATIVE  # starts at zero, goes down
    # value labels in the terminal's short form
    values = re.findall(r'<text class="value"[^>]*>([^<]+)</text>', html)
    assert values == ["97.0B", "29.8B", "-2.22B", "-16.7B"]


def test_y_axis_labels_always_fit_left_of_the_axis():
    for high in (1.0, 5e4, 2.9e12, -3.3e14, 123456789.123):
        plot = Plot("bar", "t", "x", ["a", "b"], [Series("v", [high, -high / 3])], [])
        svg = chart_svg(plot)
        axis_x = float(re.search(r'<line x1="([\d.]+)" y1="[\d.]+" x2="\1"', svg).group(1))
        for x, label in re.findall(r'<text class="tick" x="([\d.]+)"[^>]*>([^<]+)</text>', svg):
            assert float(x) < axis_x
            assert float(x) - len(label) * CHAR_PX >= 4, f"{label!r} would be clipped"


def test_long_titles_wrap_in_the_svg():
    title = "Net income of the largest technology and industrial companies in the last fiscal year, in US dollars"
    plot = Plot("bar", title, "x", ["a", "b"], [Series("v", [1.0, 2.0])], [])
    lines = re.findall(r'<text class="title"[^>]*>([^<]+)</text>', chart_svg(plot))
    assert len(lines) == 2 and " ".join(lines).rstrip("…") in title
    assert all(title.split().count(w) or w.endswith("…") for line in lines for w in line.split())


def test_no_chart_for_a_single_row(tmp_path):
    html = _export(tmp_path, rows=[["Apple Inc.", "96995000000"]])
    assert "<svg" not in html and "96,995,000,000" in html


def _rgb(hex_colour: str) -> bytes:
    return bytes.fromhex(hex_colour.lstrip("#"))


@pytest.mark.chromium
@pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason="needs Debian's chromium (.ci/chromium.sh installs it)"
)
def test_chromium_screenshot_of_large_and_negative_numbers(tmp_path):
    page = tmp_path / "export.html"
    page.write_text(_export(tmp_path), encoding="utf-8")
    shot = tmp_path / "shot.png"
    run = _chromium(
        [
            "--force-device-scale-factor=1",
            f"--screenshot={shot}",
            "--window-size=900,1100",
            page.as_uri(),
        ],
        tmp_path,
    )
    assert shot.exists(), run.stderr[-2000:]
    width, height, rows = decode_png(shot.read_bytes())
    assert (width, height) == (900, 1100)

    blue, red = _rgb(PALETTE[0]), _rgb(NEGATIVE)
    assert count_colour(rows, blue) > 5_000, "the positive bars are not visible"
    assert count_colour(rows, red) > 1_000, "the negative bars are not visible"
    # bar rows: tall blue blocks (the header rule and the round number are blue too)
    blue_rows = [
        y
        for y in range(height - 10)
        if rows[y].count(blue) > 100 and rows[y + 10].count(blue) > 100
    ]
    red_rows = [y for y, row in enumerate(rows) if row.count(red) > 20]
    # diverging: every loss is drawn below every gain (from one zero line)
    assert max(blue_rows) < min(red_rows), (max(blue_rows), min(red_rows))
    blue_bottom = max(y for y in range(min(blue_rows), min(red_rows)) if rows[y].count(blue) > 100)
    assert min(red_rows) - blue_bottom <= 4  # they meet at the zero line

    # the y-axis labels are drawn whole: their ink starts clear of the chart's
    # left border (#eee; a clipped label would touch it) and ends before the axis
    html = page.read_text(encoding="utf-8")
    axis_x = float(re.search(r'<g class="axes"[^>]*><line x1="([\d.]+)"', html).group(1))
    band = range(min(blue_rows) - 30, max(red_rows) + 30)
    border = _rgb("#eeeeee")
    chart_left = next(
        x for x in range(width) if sum(rows[y][3 * x : 3 * x + 3] == border for y in band) > 50
    )
    ink = [
        x
        for y in band
        for x in range(chart_left + 1, chart_left + int(axis_x) - 3)
        if max(rows[y][3 * x : 3 * x + 3]) < 0xB0  # dark: label text
    ]
    assert ink, "no y-axis labels drawn"
    assert min(ink) >= chart_left + 5, "a y-axis label touches the chart's edge (clipped)"


def test_the_headline_is_shown_in_replay_and_the_demo_too(tmp_path):
    from c2q_repl.render.options import RenderOptions
    from c2q_repl.render.theme import load_theme
    from c2q_repl.transcript.demo_pages import DemoDeck
    from c2q_repl.transcript.reader import read_transcript
    from c2q_repl.transcript.replay import recorded_lines

    rounds = [
        make_round(
            1,
            "which companies earned the most?",
            job("job-1", SQL, ["short_name", "net_income"], NET_INCOME, chart="BarChart"),
        )
    ]
    t = read_transcript(write_transcript(tmp_path / "t.jsonl", rounds))
    wanted = "Highest net income: Apple Inc. (96,995,000,000)"
    opts = RenderOptions(width=100, theme=load_theme("mono"), color=False)
    assert wanted in recorded_lines(t.rounds[0], opts)
    deck = DemoDeck(t, lambda w, h: RenderOptions(width=w, theme=load_theme("mono"), color=False))
    assert any(wanted in line for line in deck.lines(1, 100, 60))


def test_the_json_export_carries_numbers_digit_for_digit(tmp_path):
    import json
    from decimal import Decimal

    rows = [["Apple Inc.", "123456789012345678901234567890"], ["Zip Co", "-0.029199999999999997"]]
    rounds = [make_round(1, "q", job("job-1", SQL, ["short_name", "net_income"], rows))]
    text = export_transcript(write_transcript(tmp_path / "t.jsonl", rounds), "json")
    answer = json.loads(text, parse_float=Decimal)["rounds"][0]["answer"]
    assert answer["rows"] == [
        ["Apple Inc.", 123456789012345678901234567890],
        ["Zip Co", Decimal("-0.029199999999999997")],
    ]
