"""Date normalisers with an explicit error policy.

``parse_date`` returns an ISO date or ``None`` and never raises. ``read_date``
additionally says *how* it read the text, so that callers can warn: a date whose
separators were lost (``2022211日``) is repaired only when exactly one split of
the digits gives a valid calendar date; otherwise it stays as printed.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

Status = Literal["ok", "repaired", "unparseable"]

_CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "O": 0, "o": 0, "０": 0, "一": 1, "二": 2, "三": 3, "四": 4,
              "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}

# A printed date as text, for the patterns of other modules (head.py's date lines): year first, or
# day.month.year with dots, as a few sites print it (15.03.2024; with dots the order is not in doubt,
# unlike 03/15/2024).
YMD_TEXT = r"(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?"
DMY_TEXT = r"(?<![\d.．])\d{1,2}\s*[.．]\s*\d{1,2}\s*[.．]\s*(?:19|20)\d{2}(?![\d.．])"
DATE_TEXT = rf"(?:{YMD_TEXT}|{DMY_TEXT})"

# Full forms, most specific first. Each yields (year, month, day).
_FULL = [
    re.compile(r"(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日?"),
    # The day may run into a time whose space was lost: 2023-03-3017:42.
    re.compile(r"(?P<y>(?:19|20)\d{2})\s*[-/.．]\s*(?P<m>\d{1,2})\s*[-/.．]\s*(?P<d>\d{1,2})(?:(?!\d)|(?=\d{2}[:：]\d{2}))"),
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})(?P<m>\d{2})(?P<d>\d{2})(?!\d)"),
    re.compile(r"(?<![\d.．])(?P<d>\d{1,2})\s*[.．]\s*(?P<m>\d{1,2})\s*[.．]\s*(?P<y>(?:19|20)\d{2})(?![\d.．])"),
]
_CN_DATE = re.compile(r"(?P<y>[〇零○ＯOo０一二三四五六七八九]{4})年(?P<m>[一二三四五六七八九十]{1,3})月(?P<d>[一二三四五六七八九十]{1,3})日")
# A year followed by digits whose separators were lost: 2020年117, 2022211日.
_BROKEN = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})年?(?P<rest>\d{2,4})(?:日)?(?!\d)")


# The zero dates of content systems (a Unix time of 0, an empty SQL date), printed where a page has
# no date: no document is dated so, and reading them gave reports of 1970.
_PLACEHOLDERS = frozenset({"1970-01-01", "1900-01-01"})


@dataclass(frozen=True)
class DateReading:
    iso: str | None
    status: Status
    printed: str


def _valid(y: int, m: int, d: int) -> str | None:
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def _cn_number(text: str) -> int:
    """Read 二〇二一 (digit by digit) or 二十三 (with tens)."""
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)
    value = 0
    for ch in text:
        value = value * 10 + _CN_DIGITS[ch]
    return value


def _split_readings(year: int, rest: str) -> list[str]:
    """Every valid date from cutting ``rest`` into month and day digits.

    Only three or four lost-separator digits are tried: two digits (2020年11)
    are more likely a month with the day missing than a repairable date.
    """
    if len(rest) < 3:
        return []
    readings = set()
    for cut in (1, 2):
        month, day = rest[:cut], rest[cut:]
        if 1 <= len(day) <= 2:
            iso = _valid(year, int(month), int(day))
            if iso:
                readings.add(iso)
    return sorted(readings)


def read_date(text: str | None) -> DateReading | None:
    """Find the first date in ``text``; ``None`` when there is nothing date-like."""
    if not text:
        return None
    for pattern in _FULL:
        m = pattern.search(text)
        if m:
            iso = _valid(int(m["y"]), int(m["m"]), int(m["d"]))
            if iso in _PLACEHOLDERS:
                return None
            return DateReading(iso, "ok" if iso else "unparseable", m.group(0).strip())
    m = _CN_DATE.search(text)
    if m:
        iso = _valid(_cn_number(m["y"]), _cn_number(m["m"]), _cn_number(m["d"]))
        return DateReading(iso, "ok" if iso else "unparseable", m.group(0))
    m = _BROKEN.search(text)
    if m:
        readings = _split_readings(int(m["y"]), m["rest"])
        if len(readings) == 1:
            return DateReading(readings[0], "repaired", m.group(0))
        return DateReading(None, "unparseable", m.group(0))
    return None


def parse_date(text: str | None) -> str | None:
    """ISO date for ``text`` when it holds one clean or uniquely repairable date."""
    reading = read_date(text)
    return reading.iso if reading else None


# A line that is nothing but a date (a signature date), printed whole or broken.
DATE_ONLY_LINE = re.compile(
    r"^(?:(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日?"
    r"|(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}"
    r"|\d{1,2}[.．]\d{1,2}[.．](?:19|20)\d{2}"
    r"|[〇零○ＯOo０一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日"
    r"|(?:19|20)\d{2}年?\d{2,4}日?)$"
)

