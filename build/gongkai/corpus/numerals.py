"""Numbers as reports print them: 5169, 5,169, 98.45, 一百二十三, 两千零五, 1.2万."""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}


def _chinese(text: str) -> int | None:
    """一百二十三 → 123, 十五 → 15, 两万零五 → 20005, 三〇五 → 305 (digit by digit)."""
    if all(ch in _DIGITS for ch in text):
        return int("".join(str(_DIGITS[ch]) for ch in text))  # 二〇二一 style
    if text[0] in "百千万":
        return None  # a unit without its count: the 万 of 160多万件, 十余万件 (十 alone is ten)
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in _SMALL_UNITS:
            section += (1 if digit is None else digit) * _SMALL_UNITS[ch]
            digit = None
        elif ch == "万":
            total += (section + (digit or 0)) * 10000
            section, digit = 0, None
        else:
            return None
    return total + section + (digit or 0)


def parse_number(text: str) -> int | float | None:
    """The value of a printed number, or None when it is not one."""
    text = re.sub(r"(?<=\d)[,\u00a0\u2009 ](?=\d{3})", "", text).strip()  # 5,169 and 3 862
    if not text:
        return None
    if text[0].isdigit():
        scale = 10000 if text.endswith("万") else 1  # 3.6万件
        try:  # Decimal: in floats 1.37 × 10000 is 13700.000000000002
            value = Decimal(text.rstrip("万")) * scale
        except InvalidOperation:
            return None
        return int(value) if value == value.to_integral_value() and ("." not in text or scale > 1) else float(value)
    whole, point, decimals = text.partition("点")  # 二十点五
    if point:
        number = _chinese(whole) if whole else None
        if number is None or not decimals or not all(ch in _DIGITS for ch in decimals):
            return None
        return float(f"{number}.{''.join(str(_DIGITS[ch]) for ch in decimals)}")
    return _chinese(text)
