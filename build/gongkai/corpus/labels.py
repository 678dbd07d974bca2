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
from functools import lru_cache

from .dates import YMD_TEXT
from .patterns import label_regex, labels

_DECORATION = re.compile(r"^[•·●▪◆◇■□\-*]+\s*|^\s*[\[【［]\s*|\s*[\]】］]\s*$")
_COLON = r"\s*[:：]\s*"


def _cells(line: str) -> list[str] | None:
    """The cells of a Markdown table row or a flattened one; [] for a table rule, None for no row."""
    if not (line.startswith("|") or " | " in line):
        return None
    cells = [c.strip() for c in line.strip("|").split("|")]
    return [] if all(set(c) <= set("-: ") for c in cells) else cells


@lru_cache(maxsize=1)
def _bracketed_label() -> re.Pattern[str]:
    return re.compile(rf"[\[【［]\s*({label_regex().pattern})\s*[\]】］]")


def _bracketed_split(line: str) -> list[str]:
    """``[索引号] 1150…/2025-00003 [发文字号]``: each bracketed label and the text after it, as
    the cells of a row (a catalogue grid copied as text)."""
    if line.count("[") + line.count("【") + line.count("［") < 2:
        return [line]
    found = list(_bracketed_label().finditer(line))
    if len(found) < 2:  # one bracketed label: a label and its value on one line, read as such
        return [line]
    out = [line[:found[0].start()].strip()]
    for m, nxt in zip(found, [*found[1:], None], strict=True):
        out += [m.group(1), line[m.end():nxt.start() if nxt else len(line)].strip()]
    return [x for x in out if x]


def _segments(lines: list[str]) -> list[str]:
    segments: list[str] = []
    held: list[str] | None = None  # a row of labels alone, waiting for the row of their values
    for line in lines:
        cells = _cells(line)
        if cells == []:
            continue  # Markdown table rule
        if held is not None and cells is not None and len(cells) == len(held) \
                and not any(bare_label(strip_decoration(c)) for c in cells):
            segments.extend(x for pair in zip(held, cells, strict=True) for x in pair)  # column by column
            held = None
            continue
        if held is not None:
            segments.extend(held)
            held = None
        if cells is None:
            segments.extend(_bracketed_split(line))
        elif len(cells) >= 2 and all(bare_label(strip_decoration(c)) for c in cells):
            held = cells  # 索引号 | 发文机关 | 成文日期 over DT-2024-07 | 大通县统计局 | 2024年01月20日
        else:
            segments.extend(cells)
    segments.extend(held or [])
    return [strip_decoration(s) for s in segments]


def strip_decoration(segment: str) -> str:
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
    matches = list(_inline_pattern().finditer(segment))
    pairs = []
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(segment)
        field = _field_of(m.group("label") or m.group("glued"))
        if field and field != "ignore":
            pairs.append((field, clean_label_value(segment[m.end():end])))
    return pairs


# A label starts a line, or follows a space, a table bar or an opening bracket (【来源：…】【发布时间：…】).
_VALUE_EDGE = re.compile(r"^[\s|｜【\[［】\]］)）]+|[\s|｜【\[［(（】\]］)）]+$")
# Page furniture and the date that often trail a value on the same line (来源：某局 打印 / 來源：某市 2021-03-15 16:28).
_VALUE_TAIL = re.compile(r"(?:\s*(?:打印(?:本页)?|分享(?:到)?|收藏|关闭(?:窗口)?|纠错|字号|字体|[【\[]?\s*大\s*中\s*小\s*[】\]]?)\s*)+$")
_VALUE_DATE_TAIL = re.compile(r"\s+" + YMD_TEXT + r"(?:\s*\d{1,2}[:：时]\d{1,2}(?:[:：]\d{1,2})?分?)?\s*$")


def clean_label_value(value: str) -> str:
    """A printed value without the brackets, bars, furniture and dates around it; a closing bracket
    that closes one opened in the value is the value's own (区藏语委办(编译局))."""
    previous = None
    while previous != value:
        previous = value
        value = _VALUE_TAIL.sub("", value)
        cut = _VALUE_DATE_TAIL.sub("", value)
        if _VALUE_EDGE.sub("", cut).strip():  # a date that is the whole value stays ([ 成文日期 ] 2024年04月03日)
            value = cut
        stripped = _VALUE_EDGE.sub("", value)
        if stripped != value and value.rstrip()[-1:] in ")）" and _balanced(value.rstrip()):
            stripped = _VALUE_EDGE.sub("", value.rstrip()[:-1]) + value.rstrip()[-1]
        value = stripped
    return value


def _balanced(text: str) -> bool:
    return text.count("(") + text.count("（") == text.count(")") + text.count("）")


@lru_cache(maxsize=1)
def _inline_pattern() -> re.Pattern[str]:
    """A label followed by a colon. It starts the segment, or follows a space, a bar, a bracket
    or the colon of an empty label; a label of three or more characters may also be glued to
    the value before it (``信息来源：区司法局发布时间：…``), which a short one (来源, 时间) may not
    unless the value before it is a date or time (``时间:2024年02月22日来源:市司法局``, ``10时15分来源：``)."""
    names = sorted(labels(), key=len, reverse=True)
    long = "|".join(r"\s*".join(map(re.escape, n)) for n in names if len(n) >= 3)
    return re.compile(f"(?:(?:^|(?<=[\\s|｜【\\[［(（】\\]］)）:：\\d])|(?<=\\d[日分秒]))({label_regex().pattern})|(?P<glued>{long})){_COLON}")


def spaced_pairs(segment: str) -> list[tuple[str, str]]:
    """``索 引 号 10001-01-2023-00098 失效时间`` and ``发文字号 豫政文〔2023〕37号 发布时间 2023年…``:
    labels and values parted by spaces only. Read only from a segment that opens with a label,
    so that prose is never taken apart."""
    if not _spaced_pattern().match(segment):
        return []
    matches = list(_spaced_pattern().finditer(segment))
    pairs = []
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(segment)
        field = _field_of(m.group("label"))
        if field and field != "ignore":
            pairs.append((field, clean_label_value(segment[m.end():end])))
    return pairs


@lru_cache(maxsize=1)
def _spaced_pattern() -> re.Pattern[str]:
    return re.compile(f"(?:^|(?<=\\s))({label_regex().pattern})(?:{_COLON}|\\s+|$)")


def _opens_with_label(segment: str) -> bool:
    m = _inline_pattern().match(segment)
    return m is not None and m.start() == 0


def is_bare_label_line(line: str) -> bool:
    """A label alone on its line, its value on the next (``• 索引号：``)."""
    field = bare_label(strip_decoration(line))
    return bool(field) and field != "ignore"


def is_label_line(line: str) -> bool:
    """A line of metadata: labels and values, or a furniture label (关键词：…, 分享：) that delimits nothing."""
    segment = strip_decoration(line)
    return bool(bare_label(segment) or inline_pairs(segment) or spaced_pairs(segment) or _opens_with_label(segment)
                or (" | " in line and any(bare_label(c) or inline_pairs(c) for c in _segments([line]))))


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
                _record(found, field, nxt)
                i += 2
                continue
            _record(found, field, None)
            i += 1
            continue
        for field, value in inline_pairs(segment) or spaced_pairs(segment):
            _record(found, field, value or None)
        i += 1
    return found


def _record(found: dict[str, str | None], field: str, value: str | None) -> None:
    """The first value wins, but an empty one does not hide a later printed value (来源： then 发文机构：…)."""
    if found.get(field) is None:
        found[field] = value
