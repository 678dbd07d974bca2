"""Character-level normalisation: spaces, invisible characters and punctuation width.

Scraped government pages mix EN SPACE (U+2002), NBSP, ideographic spaces and
zero-width characters for indentation. Readers never see them as meaningful, but
they break search, sentence comparison and title matching, so they go first.
"""
from __future__ import annotations

import re

# Characters that render as nothing and only break matching (ZWSP, ZWNJ, ZWJ, BOM, soft hyphen, word joiner).
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# Every Unicode space except the newline family, folded to one ASCII space.
_SPACES = re.compile("[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_OR_FULLWIDTH = _CJK + "\u3000-\u303f\uff00-\uffef\u201c\u201d\u2018\u2019"

# Half-width punctuation that becomes full-width when it touches Chinese text.
_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}

_CJK_CHAR = re.compile(f"[{_CJK}]")
# Stray spaces between two CJK characters ("办公室 关于") are layout artefacts.
_SPACE_BETWEEN_CJK = re.compile(f"(?<=[{_CJK_OR_FULLWIDTH}]) +(?=[{_CJK_OR_FULLWIDTH}])")


def strip_invisible(text: str) -> str:
    """Remove zero-width characters and unify line endings."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _INVISIBLE.sub("", text)


def normalise_line(line: str) -> str:
    """Fold every kind of space to one ASCII space and trim the line."""
    return _SPACES.sub(" ", line).strip()


def squeeze_cjk_spaces(text: str) -> str:
    """Drop spaces that sit between two CJK characters or CJK punctuation."""
    return _SPACE_BETWEEN_CJK.sub("", text)


def has_cjk(text: str) -> bool:
    return bool(_CJK_CHAR.search(text))


def _is_cjk_side(ch: str) -> bool:
    return bool(ch) and bool(re.match(f"[{_CJK_OR_FULLWIDTH}]", ch))


# Spans that must never be touched: URLs, e-mail addresses, times like 10:30, and numbers.
_PROTECTED = re.compile(r"https?://\S+|www\.\S+|[\w.+-]+@[\w-]+\.[\w.]+|\d+[:：]\d+")


def widen_punctuation(text: str) -> str:
    """Turn half-width , ; : ? ! ( ) into full-width when they touch Chinese text.

    A mark is widened when the character before or after it is CJK; a bracket pair
    is widened when its content or its outside neighbour is CJK. Digits on both
    sides (1,000 or 10:30), URLs and the 〔2012〕 brackets are left alone.
    """
    protected: list[tuple[int, int]] = [m.span() for m in _PROTECTED.finditer(text)]

    def inside_protected(i: int) -> bool:
        return any(a <= i < b for a, b in protected)

    chars = list(text)
    n = len(chars)
    for i, ch in enumerate(chars):
        if ch not in _HALF_TO_FULL or inside_protected(i):
            continue
        prev = text[i - 1] if i > 0 else ""
        nxt = text[i + 1] if i + 1 < n else ""
        if ch in "(":
            close = text.find(")", i)
            inner = text[i + 1 : close] if close != -1 else nxt
            if _is_cjk_side(prev) or has_cjk(inner):
                chars[i] = _HALF_TO_FULL[ch]
                if close != -1:
                    chars[close] = _HALF_TO_FULL[")"]
            continue
        if ch == ")":
            continue  # handled with its opening bracket
        if prev.isdigit() and nxt.isdigit():
            continue
        if _is_cjk_side(prev) or _is_cjk_side(nxt):
            chars[i] = _HALF_TO_FULL[ch]
    return "".join(chars)
