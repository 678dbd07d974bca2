"""Recognise page chrome: navigation, widgets, link farms, site furniture.

Rules are generic and live in ``data/chrome.yml``. This module answers three
questions about lines: is this line chrome, is it a breadcrumb (and what trail),
and where does the trailing link farm start.
"""
from __future__ import annotations

import re

from .dates import DATE_ONLY_LINE
from .patterns import ORGAN_SUFFIX, breadcrumb_patterns, chrome_lines, link_farm, section_cuts

_SENTENCE_PUNCT = re.compile(r"[。；！？;!?]|[，,：:].{4,}")
_SHORT = 14
_NAV_SEPARATORS = re.compile(r"\s*[|｜]\s*|\s{1,}")


def is_chrome_line(line: str) -> bool:
    anchored, floating = chrome_lines()
    return bool(anchored.match(line) or floating.search(line))


def is_nav_row(line: str) -> bool:
    """A row of menu entries: several short words separated by spaces or bars, no sentence."""
    if _SENTENCE_PUNCT.search(line) or re.search(r"\d{3,}", line):
        return False
    parts = [p for p in _NAV_SEPARATORS.split(line) if p]
    return len(parts) >= 3 and all(len(p) <= 8 for p in parts)


def breadcrumb(line: str) -> list[str] | None:
    """The trail of a breadcrumb line (首页 > 政务公开 > …), or None."""
    for pattern in breadcrumb_patterns():
        m = pattern.match(line)
        if m:
            parts = [p.strip() for p in re.split(r"\s*(?:>|＞|»|›|→|/)\s*", m.group(1))]
            return [p for p in parts if p]
    return None


def _is_short_link(line: str) -> bool:
    """Short, no sentence, no date, and not an organ name (a signature is not a link)."""
    return (len(line) <= _SHORT and not _SENTENCE_PUNCT.search(line) and not re.search(r"\d{4}", line)
            and not DATE_ONLY_LINE.match(line) and not ORGAN_SUFFIX.search(line))


def trailing_chrome_start(lines: list[str]) -> int:
    """Index where the trailing link farm begins (len(lines) when there is none).

    Walk back from the end over blank lines and short link-like lines. The run is
    chrome only if it contains a known link-farm entry or chrome line, so that a
    document ending in a short table cell is never cut.
    """
    i = len(lines)
    seen_chrome = False
    start = len(lines)
    while i > 0:
        line = lines[i - 1]
        if not line:
            i -= 1
            continue
        if is_chrome_line(line) or link_farm().search(line):
            seen_chrome = True
        elif not (_is_short_link(line) or is_nav_row(line)):
            break
        i -= 1
        if seen_chrome:
            start = i
    start = start if seen_chrome else len(lines)
    return min(start, _section_cut(lines[:start]))


def _section_cut(lines: list[str]) -> int:
    """First 相关阅读-style header after the last sentence of prose, or len(lines)."""
    last_prose = max((i for i, line in enumerate(lines) if re.search(r"[。！？]$", line)), default=-1)
    for i in range(last_prose + 1, len(lines)):
        if any(p.search(lines[i]) for p in section_cuts()):
            return i
    return len(lines)
