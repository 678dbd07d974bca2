"""The 目录 a report page opens with on a phone: the theme shows its table of contents only in
a sidebar that a screen narrower than 1220 px does not have (CSS hides this one where it does).

The links must hit the ids that the Markdown toc extension gives the headings, so the ids are
worked out the way it does: the slugify function configured in mkdocs.yml on the heading's text,
made unique in page order against every id already on the page. MkDocs' strict anchor check
fails the build if the two ever drift apart.
"""
from __future__ import annotations

from markdown.extensions.toc import unique
from pymdownx.slugs import slugify

from ..model import SiteReport
from ..safe_html import a, block

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
    html, open_sub, under_h2 = ["<ul>"], False, False
    for kind, text, anchor in headings:
        nested = kind == "h3" and under_h2  # an h3 before any h2 stays at the top level
        under_h2 = under_h2 or kind == "h2"
        if nested and not open_sub:
            html[-1] = html[-1].removesuffix("</li>") + "<ul>"
            open_sub = True
        elif not nested and open_sub:
            html.append("</ul></li>")
            open_sub = False
        html.append(f"<li>{a(' '.join(text.split()), f'#{anchor}')}</li>")
    html.append("</ul></li>\n</ul>" if open_sub else "</ul>")
    return block('<details class="gk-toc">\n<summary>目录</summary>\n' + "\n".join(html) + "\n</details>")
