"""Markdown's extraction of raw HTML blocks, without parsing the inside of well-formed ones.

Python-Markdown finds a page's raw HTML blocks with an HTML parser that visits every tag of every
block (``HTMLExtractor``), only to copy each block verbatim into its stash. Generated pages are
mostly such blocks (a report's paragraphs, lists and tables are written as HTML), so that parse was
about a third of the engine's time.

What the extractor does with a block's inside never depends on the inside's words, only on its
tags. Where the inside is *well-formed* by the strict rules below, its tags are balanced, so the
extractor's stack is the same after the inside as before it, and no block can end within it. Such
an inside is handed to the extractor as one marker, and the marker is put back in what it stored:
the result is exactly the one the full parse gives (tests/test_html_blocks.py checks every
generated page and random mixtures of Markdown and HTML).

A block is taken this way only when it opens at the start of a line with a block-level tag (so the
extractor is in, or enters, raw mode there), and a page is left to the extractor alone when it
holds anything whose parse has modes of its own: comments, declarations, processing instructions,
``<script>``-like elements, backticks (code spans and the extractor's own rules about them).
"""
from __future__ import annotations

import re
from typing import Any

# Anything that switches the HTML parser into another mode, or that Markdown treats specially
# around tags; "\x1a" is the marker's own character. An incomplete "&#" makes the standard parser
# restart on the rest of the page, and Markdown's line positions then depend on text lengths.
_PAGE_LEFT_ALONE = re.compile(
    r"<[!?]|`|\x1a|&#(?![0-9]+;|[xX][0-9a-fA-F]+;)|<\s*/?\s*(?:script|style|textarea|title|plaintext|xmp|noscript|iframe|noembed|noframes)\b", re.I)
# A block opens at a line's start with a start tag (up to three spaces before it count as the
# line's start for the extractor; these are left to it).
_LINE_START_TAG = re.compile(r"(?m)^<([a-zA-Z][a-zA-Z0-9]*)(?=[ \t\n\r\f/>])")
# A start tag whose attributes are double-quoted or bare names, and an end tag with nothing but its name.
# Only HTML's own whitespace: the parser reads "<div\xa0>" as a tag named "div\xa0" (Python's \s is Unicode).
_ATTRIBUTES = r"(?:[ \t\n\r\f]+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:=\"[^\"<>]*\")?)*[ \t\n\r\f]*"
# A "<" anywhere on the page that does not begin such a tag: the HTML parser might then see tags
# where these rules do not (in an attribute value, say), so the page is left to it. On every other
# page each "<" begins one of these tags, so the one below finds exactly the parser's tags.
_STRAY_LT = re.compile(rf"<(?![a-zA-Z][a-zA-Z0-9]*{_ATTRIBUTES}/?>|/[a-zA-Z][a-zA-Z0-9]*>)")
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*?(/?)>")
# A "&" that is not a complete character or entity reference: the parser would not copy it as written.
_LOOSE_AMPERSAND = re.compile(r"&(?!#[0-9]+;|#[xX][0-9a-fA-F]+;|[a-zA-Z][a-zA-Z0-9]*;)")
_MARKER = re.compile("\x1a([0-9]+)\x1a\n?")
# Elements that never have an end tag (HTML's void elements).
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())


def _inside(source: str, start: int) -> tuple[int, int] | None:
    """Where the inside of the block whose start tag begins at ``start`` lies (from, to); None if the
    block is not well-formed (every tag closed in the order opened) up to its matching end tag."""
    stack: list[str] = []
    inner_from = 0
    for tag in _TAG.finditer(source, start):
        closing, name, self_closing = tag.groups()
        name = name.lower()
        if not closing:
            if not stack:
                if self_closing or name in _VOID:
                    return None
                inner_from = tag.end()
            if name not in _VOID and not self_closing:
                stack.append(name)
        elif not stack or stack.pop() != name:
            return None  # not nested as written: left to the extractor's own rules
        elif not stack:
            inner_to = tag.start()
            return None if _LOOSE_AMPERSAND.search(source, inner_from, inner_to) else (inner_from, inner_to)
    return None


def reduced(source: str, is_block_level: Any) -> tuple[str, list[str]] | None:
    """``source`` with the inside of each well-formed block replaced by a marker, and the insides in
    the markers' order; None where nothing would be reduced."""
    if _PAGE_LEFT_ALONE.search(source) or _STRAY_LT.search(source):
        return None
    parts: list[str] = []
    insides: list[str] = []
    done = 0
    for opening in _LINE_START_TAG.finditer(source):
        if opening.start() < done or not is_block_level(opening.group(1).lower()):
            continue
        found = _inside(source, opening.start())
        if found is None:
            continue
        inner_from, inner_to = found
        inside = source[inner_from:inner_to]
        parts.append(source[done:inner_from])
        # A line break in the inside ends the extractor's "tail" state; the marker keeps one there.
        parts.append(f"\x1a{len(insides)}\x1a" + ("\n" if "\n" in inside else ""))
        insides.append(inside)
        done = inner_to
    if not insides:
        return None
    parts.append(source[done:])
    return "".join(parts), insides


def restored(text: str, insides: list[str]) -> str:
    """``text`` with each marker replaced by the inside it stands for."""
    return _MARKER.sub(lambda m: insides[int(m.group(1))], text)


def extract_fast(preprocessor: Any, lines: list[str], extract: Any) -> list[str]:
    """``HtmlBlockPreprocessor.run`` (``extract``) on the reduced page, with the insides put back.
    Every marker must come back inside a stashed block; if one is found anywhere else, the page is
    extracted again in full (never seen on our pages; a guard, not a path)."""
    md = preprocessor.md
    source = "\n".join(lines)
    reduction = reduced(source, md.is_block_level)
    if reduction is None:
        return list(extract(preprocessor, lines))
    text, insides = reduction
    stash = md.htmlStash
    blocks_before, counter_before = len(stash.rawHtmlBlocks), stash.html_counter
    out = extract(preprocessor, text.split("\n"))
    added = stash.rawHtmlBlocks[blocks_before:]
    if any("\x1a" in line for line in out) or sum(block.count("\x1a") for block in added) != 2 * len(insides):
        del stash.rawHtmlBlocks[blocks_before:]
        stash.html_counter = counter_before
        return list(extract(preprocessor, lines))
    for index in range(blocks_before, len(stash.rawHtmlBlocks)):
        stash.rawHtmlBlocks[index] = restored(stash.rawHtmlBlocks[index], insides)
    return list(out)
