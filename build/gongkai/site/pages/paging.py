"""How a listing is cut into pages, and how its pages link to each other.

Newest-first listings (a term's reports, a topic's, all reports) are cut from the oldest end: the
first page, at the listing's own address, holds the newest remainder, and each older page holds a
full page and is numbered from the oldest (``…/1.md`` is the oldest). A new report changes the first
page only; when the first page is full, its reports become the next older page, a new file. Older
pages link to the first page and to their neighbours and are named by their dates, never by a page
count or a number from the newest, so they stay the same files: numbered from the newest, every
page of a listing moved whenever its first page filled (all 20 pages of 行政复议 at 2,000 reports).

A listing in another order (section pages, by region) changes throughout when a report is added,
and numbers its pages from the first (``paged``, ``pager``).
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

from ..model import SiteReport
from ..safe_markdown import link

# Asked before rendering a page: True when the caller still has that page unchanged.
# Arguments: page file, then whatever the page shows (its reports, its neighbours, its count).
Skip = Callable[..., bool]


def never(*page: object) -> bool:
    return False


def pages_of(items: list, size: int) -> list[list]:
    """Newest-first items cut into pages counted from the oldest end: page 1 holds the newest
    remainder, each later page ``size`` items."""
    if not items:
        return [[]]
    first = len(items) % size or size
    return [items[:first]] + [items[i : i + size] for i in range(first, len(items), size)]


def page_file(base: str, number: int) -> str:
    """``sections/x/2021.md`` for page 1, ``sections/x/2021/2.md`` after it (pages numbered from the first)."""
    return base if number == 1 else f"{base[:-3]}/{number}.md"


def pager(base: str, number: int, count: int) -> str:
    """Links between the pages of a listing numbered from the first, relative to page ``number``."""
    if count <= 1:
        return ""
    name = base.rsplit("/", 1)[-1][:-3]

    def rel(target: int) -> str:
        if number == 1:
            return f"{name}.md" if target == 1 else f"{name}/{target}.md"
        return f"../{name}.md" if target == 1 else f"{target}.md"

    links = [link(str(k), rel(k)) if k != number else f"**{k}**" for k in range(1, count + 1)]
    return f"\n第 {number} 页，共 {count} 页：" + " ".join(links) + "\n"


def paged(base: str, reports: list[SiteReport], size: int, skip: Skip,
          render: Callable[[int, int, list[SiteReport], str], str], shown: tuple = ()) -> dict[str, str]:
    """Page file → Markdown of a listing numbered from the first, rendering each page with
    ``render(number, count, chunk, up)`` unless ``skip`` says the caller still has it unchanged."""
    chunks = pages_of(reports, size)
    out = {}
    for number, chunk in enumerate(chunks, start=1):
        rel = page_file(base, number)
        if skip(rel, number, len(chunks), [r.stamp for r in chunk], *shown, *((len(reports),) if number == 1 else ())):
            continue
        out[rel] = render(number, len(chunks), chunk, "../" * (number > 1))
    return out


def dates(chunk: Sequence[SiteReport]) -> str:
    """An older page's name: the dates of its oldest and newest report."""
    known = [r.date for r in chunk if r.date]
    if not known:
        return "日期不详的报告"
    return f"{min(known)} 至 {max(known)}"


def newest_first(base: str, reports: list[SiteReport], size: int, skip: Skip,
                 render: Callable[[list[SiteReport], str | None, str, str], str],
                 shown: tuple = (), first_shown: tuple = ()) -> dict[str, str]:
    """Page file → Markdown of a newest-first listing (see the module's docstring), rendering each
    page with ``render(chunk, name, up, links)``: ``name`` is None on the first page and the older
    page's dates otherwise, ``links`` the links to the listing's other pages. ``shown``: what every
    page shows besides its reports; ``first_shown``: what the first page shows besides."""
    chunks = pages_of(reports, size)
    last = len(chunks) - 1  # the older pages are numbered 1 (the oldest) to ``last``
    stem = base.rsplit("/", 1)[-1][:-3]
    out = {}
    for position, chunk in enumerate(chunks):
        stamps = [r.stamp for r in chunk]
        if position == 0:
            names = [dates(c) for c in chunks[1:]]
            if skip(base, stamps, names, *shown, *first_shown):
                continue
            links = ("\n较早的报告：" + " · ".join(link(n, f"{stem}/{last - i}.md") for i, n in enumerate(names)) + "\n"
                     if names else "")
            out[base] = render(chunk, None, "", links)
            continue
        index = last - position + 1
        rel = f"{base[:-3]}/{index}.md"
        newer = f"{index + 1}.md" if index < last else f"../{stem}.md"
        if skip(rel, stamps, index, index < last, *shown):
            continue
        links = ("\n" + link("最新的报告", f"../{stem}.md") + " · " + link("较新的报告", newer)
                 + (" · " + link("较早的报告", f"{index - 1}.md") if index > 1 else "") + "\n")
        out[rel] = render(chunk, dates(chunk), "../", links)
    return out
