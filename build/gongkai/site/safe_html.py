"""HTML for the bulk of a generated page, and the one place that makes text inert in it.

Python-Markdown passes a raw HTML block through untouched, so a report's paragraphs, tables and
lists written as HTML cost the engine one HTML parse instead of its inline patterns on every
text run (the inline patterns were half of the engine's time). Two consequences:

- text is escaped for HTML here, not for Markdown (``safe_markdown.md_text``);
- links are written as the site's final addresses. MkDocs rewrites and checks only Markdown
  links, so ``href`` turns our page-relative ``.md`` targets into directory URLs the way the
  engine would (``use_directory_urls: true``), and ``site/link_table.py`` checks every one.

A block must start at a line start and be followed by a blank line; ``block`` does that.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .safe_markdown import bold_parts, url

# Control characters are never text; \x02 and \x03 also delimit Python-Markdown's placeholders,
# so a scraped page carrying them could pull another stashed block into its own.
_CONTROL = [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F]


# What html.escape(quote=True) escapes, and brackets too: a scraped "[附件](a.doc)" must not read as a
# link to our link table. The control characters are dropped. One table, so that one pass does it all.
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;",
                          "[": "&#91;", "]": "&#93;"} | {chr(c): None for c in _CONTROL})
# Most text has none of them: a search is cheaper than the translation (esc runs 400 times a report).
_NEEDS_ESCAPE = re.compile("[" + re.escape("".join(map(chr, _CONTROL)) + "&<>\"'[]") + "]")


def esc(text: object) -> str:
    """``text`` as HTML that shows exactly that text, in an element or a quoted attribute."""
    text = str(text)
    return text.translate(_ESCAPES) if _NEEDS_ESCAPE.search(text) else text


def rich(text: str) -> str:
    """``esc`` that keeps the corpus's own **bold** marks as <strong>."""
    return "".join(f"<strong>{esc(p)}</strong>" if bold else esc(p) for p, bold in bold_parts(text))


_SCHEME = re.compile(r"[a-z][a-z0-9+.-]*:")
_QUERY_OR_FRAGMENT = re.compile(r"[?#]")


# Pure, and asked 110 times a report, mostly for the same few targets (a report is linked from every
# listing it is on, a topic from every report naming it): 86 % of the calls repeat one.
@lru_cache(maxsize=1 << 15)
def href(target: str, index_page: bool = False) -> str:
    """A docs-relative link target (``../topics/x.md#p4``) as the address MkDocs would give it from a
    page that is (``index_page``) or is not an ``index.md``. With directory URLs a page
    ``reports/x.md`` is served at ``reports/x/``, one folder below its file, so its links climb one
    more level; ``x.md`` becomes ``x/`` and ``x/index.md`` becomes ``x/``."""
    if target.startswith(("#", "?")) or _SCHEME.match(target):
        return esc(url(target))
    cut = _QUERY_OR_FRAGMENT.search(target)
    path, rest = (target[: cut.start()], target[cut.start() :]) if cut else (target, "")
    if path.endswith(".md"):
        stem = path[:-3]
        path = stem[:-5] if stem == "index" or stem.endswith("/index") else stem + "/"
    if not index_page:
        path = "../" + path
    return esc(url((path or "./") + rest))


def a(text: object, target: str, index_page: bool = False, cls: str | None = None) -> str:
    """A link to one of our own pages, its text escaped."""
    return a_html(esc(text), target, index_page, cls)


def a_html(inner: str, target: str, index_page: bool = False, cls: str | None = None, extra: str = "") -> str:
    """A link around HTML made by this module."""
    klass = f' class="{cls}"' if cls else ""
    return f'<a href="{href(target, index_page)}"{klass}{extra}>{inner}</a>'


def external_a(text: str, address: str | None) -> str:
    """A link to a page elsewhere: http(s) only, so that no javascript: or data: address gets through."""
    if not address or not re.match(r"https?://[^\s/]", address.strip(), flags=re.I):
        return ""
    return f'<a href="{esc(url(address.strip()))}" rel="nofollow noopener">{esc(text)}</a>'


def ul(items: list[str], cls: str | None = None) -> str:
    """A list of HTML items."""
    klass = f' class="{cls}"' if cls else ""
    return f"<ul{klass}>\n" + "\n".join(f"<li>{item}</li>" for item in items) + "\n</ul>"


def td(text: object) -> str:
    """Text for a table cell: one line, and a dash for nothing."""
    if text is None or text == "":
        return "—"
    return esc(" ".join(str(text).split())) or "—"


def table(header: list[str], rows: list[list[str]]) -> str:
    """A table of HTML cells (``td`` for text); （暂无） when there are no rows."""
    if not rows:
        return "<p>（暂无）</p>"
    head = "".join(f"<th>{h}</th>" for h in header)
    body = "\n".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>"


def block(html_text: str) -> str:
    """A raw HTML block as Markdown must see it: from a line start, then a blank line."""
    return html_text.strip("\n") + "\n"


def entry(title: object, target: str, meta: object, said: str) -> str:
    """A report in a page of what reports say (topic and section pages): the title in bold as a link,
    where and when on the next line, then ``said`` (HTML). No heading, no wrapper a reader does not
    see: a topic or section page lists fifty of them, a report is on about ten such pages, and
    each wrapper or heading id was bytes of every one (the site must fit GitHub Pages' 1 GB)."""
    return block(f"<p><strong>{a(title, target)}</strong><br>{esc(meta)}</p>\n{said}")
