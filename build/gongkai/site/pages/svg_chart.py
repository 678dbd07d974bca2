"""A small SVG chart written at build time: values by year, one dot per report.

Our own few lines rather than a plotting library: the chart is static, must load nothing,
must be byte-identical between builds (matplotlib writes dates and random ids into its SVG)
and must scale to a phone's width, which a viewBox with percentage width gives for free.
Above MAX_DOTS values a year shows its range and median instead of every dot.
"""
from __future__ import annotations

import html
import math
from statistics import median

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 24, 40
MAX_DOTS = 400
_INK, _DOT, _GRID = "#5f1414", "#b71c1c", "#d9d9d9"


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1
    step = 10 ** math.floor(math.log10(value))
    for factor in (1, 2, 2.5, 5, 10):
        if value <= factor * step:
            return factor * step
    return 10 * step


def _label(value: float) -> str:
    return f"{value:g}" if value < 1e6 else f"{value / 1e4:g}万"


def chart(points: list[tuple[int, float, str]], unit: str, title: str) -> str:
    """SVG for (year, value, label of the dot) points. ``title`` names the chart for screen readers."""
    if not points:
        return ""
    years = sorted({y for y, _, _ in points})
    top = _nice_max(max(v for _, v, _ in points))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(len(years), 1)

    def x(year: int) -> float:
        return LEFT + step * (years.index(year) + 0.5)

    def y(value: float) -> float:
        return TOP + plot_h * (1 - value / top)

    out = [f'<svg class="gk-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{html.escape(title)}" '
           f'xmlns="http://www.w3.org/2000/svg"><title>{html.escape(title)}</title>']
    for k in range(5):
        value = top * k / 4
        out.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(value):.1f}" y2="{y(value):.1f}" stroke="{_GRID}"/>'
                   f'<text x="{LEFT - 6}" y="{y(value) + 4:.1f}" text-anchor="end" font-size="16" fill="{_INK}">{_label(value)}</text>')
    for year in years:
        out.append(f'<text x="{x(year):.1f}" y="{HEIGHT - 12}" text-anchor="middle" font-size="16" fill="{_INK}">{year}</text>')
    if len(points) <= MAX_DOTS:
        for n, (year, value, label) in enumerate(sorted(points)):
            jitter = ((n * 7) % 11 - 5) * min(step / 40, 2.5)  # spread dots of one year a little, deterministically
            out.append(f'<circle cx="{x(year) + jitter:.1f}" cy="{y(value):.1f}" r="6" fill="{_DOT}" fill-opacity=".7">'
                       f'<title>{html.escape(label)}：{value:g}{html.escape(unit)}</title></circle>')
    else:
        for year in years:
            values = sorted(v for yy, v, _ in points if yy == year)
            mid = median(values)
            out.append(f'<line x1="{x(year):.1f}" x2="{x(year):.1f}" y1="{y(values[0]):.1f}" y2="{y(values[-1]):.1f}" '
                       f'stroke="{_DOT}" stroke-width="3"/><circle cx="{x(year):.1f}" cy="{y(mid):.1f}" r="6" fill="{_DOT}">'
                       f'<title>{year}年：{len(values)} 份报告，中位数 {mid:g}{html.escape(unit)}</title></circle>')
    out.append(f'<text x="8" y="{TOP + 4}" font-size="16" fill="{_INK}">{html.escape(unit)}</text></svg>')
    return "".join(out)
