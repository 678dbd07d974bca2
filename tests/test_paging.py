"""Newest-first listings (site/pages/paging.py): a new report changes the first page only; when the
first page fills, its reports become one new older page, and no other page moves."""
from __future__ import annotations

from pathlib import Path

from gongkai.site.model import SiteReport
from gongkai.site.pages.paging import newest_first


def _reports(n: int) -> list[SiteReport]:
    """n reports, newest first, one a day."""
    return [SiteReport(f"r{i:03d}", {"published_date": f"2020-{1 + i // 28:02d}-{1 + i % 28:02d}"}, Path(f"r{i}.md"),
                       signature=(i, i)) for i in reversed(range(n))]


def _pages(reports: list[SiteReport]) -> dict[str, str]:
    def render(chunk, older, up, links):
        return f"{older}|{' '.join(r.id for r in chunk)}|{links}"
    return newest_first("topics/x.md", reports, 3, lambda *page: False, render)


def _changed(before: dict[str, str], after: dict[str, str]) -> set[str]:
    return {rel for rel in after if before.get(rel) != after[rel]} | (set(before) - set(after))


def test_a_new_report_changes_the_first_page_only():
    before, after = _pages(_reports(8)), _pages(_reports(9))  # 2 + 3 + 3, then 3 + 3 + 3
    assert sorted(before) == ["topics/x.md", "topics/x/1.md", "topics/x/2.md"]
    assert _changed(before, after) == {"topics/x.md"}
    assert after["topics/x/1.md"].split("|")[1] == "r002 r001 r000"  # 1 is the oldest


def test_a_full_first_page_becomes_one_new_older_page():
    before, after = _pages(_reports(9)), _pages(_reports(10))
    assert set(after) - set(before) == {"topics/x/3.md"}
    assert after["topics/x/3.md"].split("|")[1] == before["topics/x.md"].split("|")[1]  # the first page's reports
    # the new page's older neighbour now links to it; page 1 stays the same file
    assert _changed(before, after) == {"topics/x.md", "topics/x/3.md", "topics/x/2.md"}


def test_older_pages_link_to_the_first_page_and_their_neighbours_by_date():
    pages = _pages(_reports(8))
    first, one, two = pages["topics/x.md"], pages["topics/x/1.md"], pages["topics/x/2.md"]
    assert "x/2.md" in first and "x/1.md" in first and first.index("x/2.md") < first.index("x/1.md")  # newest first
    assert "../x.md" in two and "较早的报告](1.md)" in two
    assert "较新的报告](2.md)" in one and "较早的报告](0.md)" not in one
    assert one.startswith("2020-01-01 至 2020-01-03|")  # named by its dates, not a number from the newest
