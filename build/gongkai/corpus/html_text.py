"""HTML → plain text lines, keeping the structure a reader needs.

Paragraphs and list items become lines, ``<br>`` becomes a line break, bold
becomes ``**bold**`` and data tables become Markdown tables. Scripts, styles,
navigation, headers, footers and forms are dropped before any text is read,
because on government sites they hold nothing but chrome.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, NavigableString, Tag

# <title> too: it is read into the page's metadata (html_title); as the page's first line, a
# CMS's 站名 栏目 标题 title outscored the article's own heading and the head ended there.
_DROP = ("title", "script", "style", "noscript", "nav", "header", "footer", "form", "iframe",
         "button", "select", "input", "textarea", "svg", "canvas", "object", "embed", "template")
# Elements a reader never sees: a share widget's copy of the title, a summary for search engines.
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_BLOCK = {"p", "div", "section", "article", "main", "aside", "li", "ul", "ol", "dl", "dt", "dd",
          "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "address", "center",
          "figure", "figcaption", "hr", "tr", "table", "tbody", "thead", "body", "html"}
_BOLD = {"b", "strong"}
_MAX_CELL = 200


@dataclass
class HtmlPage:
    lines: list[str]
    meta: dict[str, str] = field(default_factory=dict)


def _cell_text(cell: Tag) -> str:
    text = " ".join(cell.get_text(" ", strip=True).split())
    return text.replace("|", "｜")


def _is_data_table(table: Tag) -> bool:
    if table.find("table"):
        return False
    rows = table.find_all("tr")
    if not rows:
        return False
    widths = {len(r.find_all(["td", "th"])) for r in rows}
    if max(widths) < 2:
        return False
    return all(len(_cell_text(c)) <= _MAX_CELL for c in table.find_all(["td", "th"]))


def _table_lines(table: Tag) -> list[str]:
    rows = [[_cell_text(c) for c in r.find_all(["td", "th"])] for r in table.find_all("tr")]
    rows = [r for r in rows if any(r)]
    if not rows:
        return []
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + " --- |" * width]
    lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
    return [""] + lines + [""]


class _Walker:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.current: list[str] = []

    def flush(self) -> None:
        text = "".join(self.current)
        self.current = []
        for part in text.split("\n"):
            self.lines.append(part)

    def walk(self, node: Tag) -> None:
        for child in node.children:
            if isinstance(child, NavigableString):
                if child.__class__.__name__ in ("Comment", "Doctype", "Declaration", "ProcessingInstruction", "CData"):
                    continue
                self.current.append(re.sub(r"[ \t\r\n]+", " ", str(child)))
                continue
            if not isinstance(child, Tag):
                continue
            name = child.name.lower()
            if name == "br":
                self.current.append("\n")
            elif name == "table" and _is_data_table(child):
                self.flush()
                self.lines.extend(_table_lines(child))
            elif name in _BOLD:
                inner = child.get_text("", strip=True)
                if inner:
                    self.current.append(f"**{inner}**")
            elif name in _BLOCK or name in ("td", "th"):
                self.flush()
                self.walk(child)
                self.flush()
                if name in ("p", "h1", "h2", "h3", "div", "table", "ul", "ol"):
                    self.lines.append("")
            else:
                self.walk(child)


def _meta(soup: BeautifulSoup) -> dict[str, str]:
    meta: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        key = (_attribute(tag, "name") or _attribute(tag, "property")).strip()
        value = _attribute(tag, "content").strip()
        if key and value and key not in meta:
            meta[key] = value
    if soup.title and soup.title.string:
        meta["html_title"] = soup.title.string.strip()
    h1 = soup.find("h1")
    if h1 and h1.get_text(strip=True):
        meta["h1"] = h1.get_text(" ", strip=True)
    canonical = soup.find("link", rel="canonical")
    if canonical and _attribute(canonical, "href"):
        meta["canonical"] = _attribute(canonical, "href")
    return meta


def _attribute(tag: object, name: str) -> str:
    """An attribute as one string (BeautifulSoup gives lists for multi-valued ones)."""
    value = tag.get(name) if hasattr(tag, "get") else None
    return " ".join(value) if isinstance(value, list) else str(value or "")


def _is_hidden(tag: Tag) -> bool:
    if tag.name in ("html", "body"):
        return False  # a page that a script shows once loaded
    return tag.has_attr("hidden") or bool(_HIDDEN_STYLE.search(_attribute(tag, "style")))


def html_to_page(html: str) -> HtmlPage:
    soup = BeautifulSoup(html, "html.parser")
    meta = _meta(soup)
    for tag in soup.find_all(_DROP):
        tag.decompose()
    hidden = [t for t in soup.find_all(_is_hidden) if not any(_is_hidden(up) for up in t.parents if isinstance(up, Tag))]
    # Some CMSs hide the article itself until a script shows it: hidden text that is most of the page stays.
    if hidden and sum(len(t.get_text()) for t in hidden) * 2 < len(soup.get_text()):  # the page's text only if needed
        for tag in hidden:
            tag.decompose()
    walker = _Walker()
    walker.walk(soup)
    walker.flush()
    return HtmlPage(walker.lines, meta)
