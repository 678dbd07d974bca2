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


# Characters XML 1.0 forbids or discourages (C0 but tab and newlines, DEL, C1, noncharacters,
# lone surrogates): they make feed.xml ill-formed and are never meant to be read.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


def drop_controls(text: str) -> tuple[str, int]:
    """``text`` without control characters, and how many were dropped."""
    cleaned, count = _CONTROL.subn("", text)
    return cleaned, count


# A pronunciation gloss some mirrors print after a character, 發(fā)布 鎮(zhèn): Latin letters with at
# least one tone mark, in brackets, right after a CJK character. It broke labels (发布日期) and names.
_PINYIN_GLOSS = re.compile(f"(?<=[{_CJK}])[(（][a-zü]{{0,5}}[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-züāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]{{0,5}}[)）]")


# The columns of a table copied as text: tabs, or runs of spaces (a PDF's or a spreadsheet's rows).
_COLUMN_GAP = re.compile(r"\t+|[ \u3000\u00a0]{2,}")
_NUMERIC = re.compile(r"[+\-−－]?\d+(?:\.\d+)?%?")
_IN_SENTENCE = re.compile(r"[，,；;、。：:]")
# A row label's numbering and its bracketed note (三、 （二）部分公开（区分处理的，只计这一情形…）) say nothing of prose.
_LABEL_FURNITURE = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}、|\d{1,2}[.．、])|[（(][^（()）]*[)）]")


def columns_as_cells(line: str) -> str:
    """``规章<TAB>0<TAB>0<TAB>0`` → ``规章 | 0 | 0 | 0``: a copied table row keeps its cells apart, as
    the rows of HTML tables flattened by scrapers do, instead of being folded into one run of text.
    A row is a label and numbers (as many numbers as words at least), or three or more short
    headers; a wrapped sentence (全年共收到行政复议申请  45  件，) and a spaced-out label (文    号：)
    stay as printed."""
    fields = [f for f in _COLUMN_GAP.split(line.strip()) if f]
    if len(fields) < 2 or any(_IN_SENTENCE.search(_LABEL_FURNITURE.sub("", f)) for f in fields[:-1]) or "。" in fields[-1]:
        return line
    if any(len(f) == 1 and not f.isdigit() for f in fields):
        return line
    numbers = sum(1 for f in fields if _NUMERIC.fullmatch(f))
    headers = numbers == 0 and len(fields) >= 3 and all(len(f) <= 16 for f in fields)
    if not headers and not (numbers and numbers >= len(fields) - numbers and not _NUMERIC.fullmatch(fields[0])):
        return line
    return " | ".join(fields)


# A document-sharing site's watermark, alone or glued before the text: 某某文库—海量文档免费下载www.example.cn南漳县…
# The whole phrase, so that a sentence naming a site (示范文本可在www.…下载) is never touched.
_WATERMARK = re.compile(r"^[^，。；\s]{0,16}?(?:文库|范文[网之家]|文档)[^，。；]{0,12}?免费下载[^，。；]{0,6}?"
                        r"(?:www\.)?[a-z0-9-]+\.(?:cn|com|net|org)(?=[\u4e00-\u9fff]|\s*$)")
# A flipbook viewer's text layer starts each page with its number: "Page 2 - 信息内容…".
_FLIPBOOK_PAGE = re.compile(r"^Page\s*\d{1,4}\s*[-–—]\s*")


def normalise_line(line: str) -> str:
    """Fold every kind of space to one ASCII space, drop pinyin glosses, a flipbook's page numbers and a
    sharing site's watermark, and trim the line."""
    if "(" in line or "（" in line:
        line = _PINYIN_GLOSS.sub("", line)
    if line.startswith("Page"):
        line = _FLIPBOOK_PAGE.sub("", line)
    if "." in line and "下载" in line:
        line = _WATERMARK.sub("", line)
    return _SPACES.sub(" ", line).strip()


def squeeze_cjk_spaces(text: str) -> str:
    """Drop spaces that sit between two CJK characters or CJK punctuation."""
    return _SPACE_BETWEEN_CJK.sub("", text)


def has_cjk(text: str) -> bool:
    return bool(_CJK_CHAR.search(text))


# Spans that must never be touched: URLs, e-mail addresses, times like 10:30, and numbers.
# Every repeat is bounded or anchored by a look-behind, so that a 1 MB run of letters or
# digits is scanned once: an unbounded ``[\w.+-]+@`` retried at every start was quadratic.
_PROTECTED = re.compile(r"https?://\S+|www\.\S+|(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}\.[\w.]{1,63}|(?<!\d)\d{1,4}[:：]\d+")
_CJK_SIDE = re.compile(f"[{_CJK_OR_FULLWIDTH}]")


def widen_punctuation(text: str) -> str:
    """Turn half-width , ; : ? ! ( ) into full-width when they touch Chinese text.

    A mark is widened when the character before or after it is CJK; a bracket pair
    is widened when its content or its outside neighbour is CJK. Digits on both
    sides (1,000 or 10:30), URLs and the 〔2012〕 brackets are left alone.
    Linear in the length of the text: pages carry lines of hundreds of kilobytes.
    """
    if not any(ch in text for ch in _HALF_TO_FULL):
        return text
    n = len(text)
    protected = bytearray(n)
    for m in _PROTECTED.finditer(text):
        protected[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    cjk = [bool(_CJK_SIDE.match(ch)) for ch in text]
    # cjk_before[j]: CJK characters in text[:j]; next_close[i]: the first ")" at or after i.
    cjk_before = [0] * (n + 1)
    for j, is_cjk in enumerate(cjk):
        cjk_before[j + 1] = cjk_before[j] + is_cjk
    next_close = [-1] * (n + 1)
    for j in range(n - 1, -1, -1):
        next_close[j] = j if text[j] == ")" else next_close[j + 1]
    chars = list(text)
    for i, ch in enumerate(text):
        if ch not in _HALF_TO_FULL or protected[i] or ch == ")":
            continue  # a ")" is handled with its opening bracket
        prev_cjk = i > 0 and cjk[i - 1]
        next_cjk = i + 1 < n and cjk[i + 1]
        if ch == "(":
            close = next_close[i + 1] if i + 1 <= n else -1
            inner_cjk = cjk_before[close] - cjk_before[i + 1] > 0 if close != -1 else next_cjk
            if prev_cjk or inner_cjk:
                chars[i] = _HALF_TO_FULL[ch]
                if close != -1:
                    chars[close] = _HALF_TO_FULL[")"]
            continue
        if i > 0 and i + 1 < n and text[i - 1].isdigit() and text[i + 1].isdigit():
            continue
        if prev_cjk or next_cjk:
            chars[i] = _HALF_TO_FULL[ch]
    return "".join(chars)
