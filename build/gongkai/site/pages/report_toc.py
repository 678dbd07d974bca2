"""The 目录 a report page opens with on a phone: the theme shows its table of contents only in
a sidebar that a screen narrower than 960 px does not have (CSS hides this one where it does and
scripts run: assets/js/toc.js fills that sidebar; without scripts this box is shown at every width).

The links must hit the ids that the Markdown toc extension gives the headings, so the ids are
worked out the way it does: the slugify function configured in mkdocs.yml on the heading's text,
made unique in page order against every id already on the page. MkDocs' strict anchor check
fails the build if the two ever drift apart.
"""
from __future__ import annotations

from markdown.extensions.toc import unique
from pymdownx.slugs import slugify

from ..model import SiteReport
from ..safe_html import a, block, ul

# Fewer headings than this: the page is short enough to scroll.
MIN_HEADINGS = 3
_SLUG = slugify(case="lower")  # as `toc: slugify` in mkdocs.yml


def _slug(text: str) -> str:
    return _SLUG(" ".join(text.split()), "-")


def heading_ids(report: SiteReport) -> list[tuple[str, str, str]]:
    """(kind, text, id) of the body's h2 and h3 headings. The page's h1 (the title) comes first
    in the page and takes its id before them; explicit ids (paragraph anchors) are taken already."""
    used = {p.anchor for p in report.paragraphs if p.anchor}
    unique(_slug(report.title), used)
    return [(p.kind, p.text, unique(_slug(p.text), used)) for p in report.paragraphs if p.kind in ("h2", "h3")]


def phone_toc(report: SiteReport) -> str:
    headings = heading_ids(report)
    if len(headings) < MIN_HEADINGS:
        return ""
    groups: list[tuple[str, list[str]]] = []  # a top-level entry and the h3 entries under it
    under_h2 = False
    for kind, text, anchor in headings:
        entry = a(" ".join(text.split()), f"#{anchor}")
        if kind == "h3" and under_h2:  # an h3 before any h2 stays at the top level
            groups[-1][1].append(entry)
        else:
            groups.append((entry, []))
            under_h2 = under_h2 or kind == "h2"
    entries = [top + (ul(below) if below else "") for top, below in groups]
    return block('<details class="gk-toc">\n<summary>目录</summary>\n' + ul(entries) + "\n</details>")
