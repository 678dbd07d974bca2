"""Indicator pages: the chart counts every value, the table shows the newest ones with their sentence,
and a page with more values than it shows names the download that has them all."""
from __future__ import annotations

import re
from pathlib import Path

from gongkai.site.model import Corpus, SiteReport
from gongkai.site.pages.indicator_pages import ROWS_SHOWN, render_indicators

NAME = "行政复议申请数"


def _corpus(count: int) -> Corpus:
    """``count`` reports, one a day in 2020, newest first, each with one value read from its #p3."""
    reports = [SiteReport(f"r{i:04d}", {"title": f"报告{i}", "report_year": 2020,
                                         "published_date": f"2021-{1 + i // 28 % 12:02d}-{1 + i % 28:02d}",
                                         "indicators": [{"name": NAME, "value": i, "unit": "件", "anchor": "p3"}]},
                          Path(f"r{i}.md")) for i in range(count)]
    return Corpus(sorted(reports, key=lambda r: (r.date, r.id), reverse=True), [])


def _table_reports(page: str) -> list[str]:
    return re.findall(r'href="\.\./\.\./reports/(r\d+)/#p3"', page)


def test_the_table_lists_the_newest_values_first_and_names_the_download_for_the_rest():
    corpus = _corpus(ROWS_SHOWN + 30)
    page = render_indicators(corpus)[f"indicators/{NAME}.md"]
    shown = _table_reports(page)
    assert shown == [r.id for r in corpus.reports[:ROWS_SHOWN]]  # newest first, as many as the table holds
    assert f"共 {ROWS_SHOWN + 30} 条" in page and "(../indicators.csv)" in page
    assert f"{ROWS_SHOWN + 30} 份报告" in page  # the count and the chart take every value


def test_a_page_that_shows_every_value_says_how_they_are_ordered_and_points_nowhere_else():
    corpus = _corpus(3)
    page = render_indicators(corpus)[f"indicators/{NAME}.md"]
    assert _table_reports(page) == [r.id for r in corpus.reports]
    assert "indicators.csv" not in page and "最新的在前" in page


def test_the_caption_says_what_a_dot_is():
    """A dot a report up to svg_chart.MAX_DOTS values; above, each year's range and its median."""
    from gongkai.site.pages.svg_chart import MAX_DOTS

    few = render_indicators(_corpus(3))[f"indicators/{NAME}.md"]
    many = render_indicators(_corpus(MAX_DOTS + 1))[f"indicators/{NAME}.md"]
    assert "每个点是一份报告。</figcaption>" in few and "中位数" not in few
    assert "圆点为中位数。</figcaption>" in many and "每个点是一份报告" not in many
    assert "<circle" in many and many.count("<circle") < MAX_DOTS  # the chart drew ranges, not dots
