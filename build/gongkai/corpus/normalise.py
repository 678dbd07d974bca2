"""Field normalisers: tiny functions with one error policy — bad input gives None, never an exception."""
from __future__ import annotations

import re
import unicodedata

from .patterns import DOC_NO
from .textnorm import squeeze_cjk_spaces

_EMPTY = {"", "无", "暂无", "-", "--", "—", "/", "null", "none", "空"}
_INDEX_NO = re.compile(r"^[0-9A-Za-z][0-9A-Za-z\-/_.]*$")


def clean_value(value: str | None) -> str | None:
    """Trim a printed value; placeholders such as 无 or -- mean absent."""
    if value is None:
        return None
    value = " ".join(value.split()).strip(" :：|｜")
    return None if value.lower() in _EMPTY else value


def normalise_index_no(value: str | None) -> str | None:
    """115001050092881785/2021-00251 style numbers; anything else is not an 索引号."""
    value = clean_value(value)
    if not value:
        return None
    value = unicodedata.normalize("NFKC", value).replace(" ", "")
    return value if _INDEX_NO.match(value) and any(c.isdigit() for c in value) else None


def normalise_doc_no(value: str | None) -> str | None:
    """渝北府办发〔2012〕107号, with the year brackets unified to 〔〕 as the national standard prints them."""
    value = clean_value(value)
    if not value:
        return None
    m = DOC_NO.search(value)
    if not m:
        return None
    text = re.sub(r"\s+", "", m.group(0))
    return re.sub(r"[\[［【(（](\d{4})[\]］】)）]", r"〔\1〕", text)


def normalise_name(value: str | None) -> str | None:
    """An organ or place name: no stray spaces, no decoration; None for a date (来源：【 2024-01-20 】)."""
    value = clean_value(value)
    if not value or re.fullmatch(r"[\d\s:：/.年月日时分秒-]+", value):
        return None
    return squeeze_cjk_spaces(value)


def index_no_slug(index_no: str) -> str:
    """A file-name-safe id derived from the 索引号."""
    return re.sub(r"[^0-9A-Za-z]+", "-", index_no).strip("-").lower()
