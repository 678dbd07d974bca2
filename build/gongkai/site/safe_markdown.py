"""Small Markdown helpers shared by every page generator, and the one place that makes text inert.

Everything a scraped page says (titles, organ names, paragraphs, table cells, warning
details) is data, never markup. ``md_text`` turns it into Markdown that renders as exactly
that text: every character the engine or its extensions would act on (HTML, links, images,
emphasis, code, attribute lists, tables, [TOC], footnotes, admonitions, block syntax at a
line start) becomes a character reference, which Python-Markdown passes through untouched
and the browser shows as the character. Our own links are built by ``link`` from safe slugs.
The bulk of a generated page is HTML instead, made inert by ``safe_html``.
"""
from __future__ import annotations

import html
import json
import re

GENERATED_KEY = "generated_by"

# Characters that start Markdown or extension syntax anywhere in a line.
_INLINE = {ch: f"&#{ord(ch)};" for ch in "\\`*_{}[]()#+!|~^$"}
_INLINE.update({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"})
_INLINE_TABLE = str.maketrans(_INLINE)
# ... and those that only matter at the start of a line (lists, rules, setext headings, 1. lists).
_LINE_START = re.compile(r"^[ \t]*(?:([-=:])|(\d+)([.)]))", re.M)
_URL_UNSAFE = re.compile(r"[^A-Za-z0-9\-._~:/?#\[\]@!$&'*+,;=%\u0080-\U0010ffff]|[()\[\]<>\"'\s\\]")


def md_text(text: object) -> str:
    """Markdown that renders as ``text``, character for character."""
    out = str(text).translate(_INLINE_TABLE)
    return _LINE_START.sub(lambda m: f"&#{ord(m.group(1))};" if m.group(1) else f"{m.group(2)}&#{ord(m.group(3))};", out)


def bold_parts(text: str) -> list[tuple[str, bool]]:
    """A corpus paragraph cut at its own **bold** marks (pairs only): (piece, is it bold), in order.
    An unpaired mark is text; an empty pair is nothing."""
    parts = text.split("**")
    if len(parts) < 3:
        return [(text, False)]
    if len(parts) % 2 == 0:
        parts[-2:] = [parts[-2] + "**" + parts[-1]]
    return [(p, i % 2 == 1 and bool(p.strip())) for i, p in enumerate(parts)]




def html_attr(text: object) -> str:
    """Text safe inside a double-quoted HTML attribute or element."""
    return html.escape(str(text), quote=True)


def front(title: str, **extra: str) -> str:
    """Page front matter. ``generated_by`` tells the writer it may overwrite this file.

    Theme templates print ``title`` (and any other value) as raw HTML, so it is written
    HTML-escaped. A JSON string is a valid YAML double-quoted scalar, and writing it directly
    is much cheaper than a YAML dump for thousands of pages."""
    lines = [f"{GENERATED_KEY}: gongkai", f"title: {json.dumps(html_attr(title), ensure_ascii=False)}"]
    lines += [f"{key}: {json.dumps(html_attr(value), ensure_ascii=False)}" for key, value in extra.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n"




def percent_encoded(unsafe: re.Pattern[str], text: str) -> str:
    """``text`` with each match of ``unsafe`` percent-encoded as UTF-8."""
    return unsafe.sub(lambda m: "".join(f"%{b:02X}" for b in m.group(0).encode("utf-8")), text)


def url(target: str) -> str:
    """A link target with every character Markdown could misread percent-encoded."""
    return percent_encoded(_URL_UNSAFE, target)


def link(text: object, target: str) -> str:
    """A link to one of our own pages (``target`` is built from safe slugs)."""
    return f"[{md_text(text)}]({url(target)})"




def table(header: list[str], rows: list[list[str]]) -> str:
    if not rows:
        return "（暂无）\n"
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines) + "\n"




def strip_markup(text: str) -> str:
    """A corpus paragraph as plain text: only the **bold** marks are markup."""
    return text.replace("**", "")
