"""Traditional-character pages: detect them and give a simplified probe for matching.

Labels, title endings, organ suffixes and chrome patterns are written in simplified
characters. A Big5 page prints 發布日期 and 版權所有, so rules look at a simplified
copy of each line while the published body keeps the page's own characters.
"""
from __future__ import annotations

import re
from functools import lru_cache

# Characters that exist only in traditional script and are frequent in official text.
_FREQUENT_TRADITIONAL = "們這個國區縣會發關於與為說時報機構號體類權務業開檢審議義辦點檔據條規劃總綱"
_TRADITIONAL_ONLY = re.compile(f"[{_FREQUENT_TRADITIONAL}]")


def is_traditional(text: str) -> bool:
    return len(_TRADITIONAL_ONLY.findall(text)) >= 5


@lru_cache(maxsize=1)
def _converter():
    import zhconv

    return zhconv.convert


def to_simplified(line: str) -> str:
    return _converter()(line, "zh-cn")


def simplified_cell(text: str) -> str:
    """A short text in simplified characters when it holds a traditional-only one: a page mostly in
    simplified characters may paste its tables from a traditional template (行政處罰, 予以公開)."""
    return to_simplified(text) if _TABLE_TRADITIONAL.search(text) else text


# The frequent traditional-only characters and those of the disclosure tables' labels (處罰, 結轉).
_TABLE_TRADITIONAL = re.compile(f"[{_FREQUENT_TRADITIONAL}處罰強製許費數結轉內項級請復訴確認隨撤駁絕屬護]")


def converter_version() -> str:
    """The converter's version: what ``character_map`` depends on, to know when a kept copy is stale."""
    from importlib.metadata import version

    return version("zhconv")


@lru_cache(maxsize=1)
def character_map() -> dict[str, str]:
    """Each single character the converter changes → its simplified form, by the converter itself.

    The search page ships this (search/data/traditional.json) to read 行政複議 as 行政复议:
    the browser cannot run zhconv, and a table copied by hand would drift from it."""
    import zhconv.zhconv as tables

    out = {}
    for key in tables.getdict("zh-cn"):  # the converter's own table; its one-character keys
        if len(key) == 1 and len(simple := to_simplified(key)) == 1 and simple != key:
            out[key] = simple
    return out
