"""Metadata label/value pairs from the head of a page, whatever the layout.

Layouts seen on government sites, all handled by one walk over "segments":
- ``索引号：115…`` (label and value on one line, possibly several per line);
- ``[ 索引号 ]`` then the value on the next line (bullets or plain lines);
- tables (``| 索引号 | 115… | 发文字号 | … |``);
- ``来源：… 发布时间：…`` and ``文章来源 / 更新时间`` rows.
A label followed directly by another label has an empty value.
"""
from __future__ import annotations

import re

from .patterns import label_regex, labels

_DECORATION = re.compile(r"^[•·●▪◆◇■□\-*]+\s*|^\s*[\[【［]\s*|\s*[\]】］]\s*$")
_COLON = r"\s*[:：]\s*"


def _segments(lines: list[str]) -> list[str]:
    segments: list[str] = []
    for line in lines:
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if all(set(c) <= set("-: ") for c in cells):
                continue  # Markdown table rule
            segments.extend(c for c in cells)
            continue
        segments.append(line)
    return [_strip_decoration(s) for s in segments]


def _strip_decoration(segment: str) -> str:
    previous = None
    while previous != segment:
        previous = segment
        segment = _DECORATION.sub("", segment).strip()
    return segment


def _field_of(label: str) -> str | None:
    return labels().get(re.sub(r"\s+", "", label))


def bare_label(segment: str) -> str | None:
    """Field name when the segment is a label alone (``[ 索引号 ]``, ``发布日期：``)."""
    m = re.fullmatch(f"{label_regex().pattern}(?:{_COLON})?", segment)
    return _field_of(m.group("label")) if m else None


def inline_pairs(segment: str) -> list[tuple[str, str]]:
    """Every ``label：value`` pair in one segment (several may share a line)."""
    pattern = re.compile(f"(?:^|(?<=\\s)|(?<=[|｜]))({label_regex().pattern}){_COLON}")
    matches = list(pattern.finditer(segment))
    pairs = []
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(segment)
        field = _field_of(m.group("label"))
        if field and field != "ignore":
            pairs.append((field, segment[m.end():end].strip(" |｜")))
    return pairs


def is_label_line(line: str) -> bool:
    segment = _strip_decoration(line)
    return bool(bare_label(segment) or inline_pairs(segment))


def read_labels(lines: list[str]) -> dict[str, str | None]:
    """First value seen for each field. Empty values are recorded as None."""
    found: dict[str, str | None] = {}
    segments = [s for s in _segments(lines) if s]
    i = 0
    while i < len(segments):
        segment = segments[i]
        field = bare_label(segment)
        if field == "ignore":
            i += 1
            continue
        if field:
            nxt = segments[i + 1] if i + 1 < len(segments) else None
            if nxt is not None and not bare_label(nxt) and not inline_pairs(nxt):
                found.setdefault(field, nxt)
                i += 2
                continue
            found.setdefault(field, None)
            i += 1
            continue
        for field, value in inline_pairs(segment):
            found.setdefault(field, value or None)
        i += 1
    return found
