"""Load the pattern data in ``data/`` once, compiled. Code reads patterns only from here."""
from __future__ import annotations

import re
from functools import cache

from ..package_data import data_yaml


@cache
def chrome_lines() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The chrome line patterns as two alternations: those anchored at the line's start, for
    ``match``, and the rest, for ``search``. Mixed in one, every pattern was tried at every
    character (a tenth of cleaning); apart, the anchored ones are tried once a line, and the others
    (which today all start with literal words) let the regex engine skip to where one can start.
    An anchored pattern must be anchored in all its alternatives (tests/test_chrome.py)."""
    patterns = data_yaml("chrome.yml")["line"]
    anchored = [p for p in patterns if p.startswith("^")]
    floating = [p for p in patterns if not p.startswith("^")]
    return (re.compile("|".join(f"(?:{p})" for p in anchored) or "(?!)"),
            re.compile("|".join(f"(?:{p})" for p in floating) or "(?!)"))


@cache
def breadcrumb_patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in data_yaml("chrome.yml")["breadcrumb"])


@cache
def section_cuts() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in data_yaml("chrome.yml")["cut"])


@cache
def link_farm() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in data_yaml("chrome.yml")["link_farm"]))


@cache
def spam() -> tuple[re.Pattern[str], str]:
    data = data_yaml("spam.yml")
    keywords = "|".join(f"(?:{k})" for k in data["keywords"])
    suffixes = "|".join(re.escape(s) for s in sorted(data["suffixes"], key=len, reverse=True))
    pattern = re.compile(f"(?:{keywords})(?:\\s?(?:{suffixes}))*", re.IGNORECASE)
    return pattern, data["marker"]


@cache
def labels() -> dict[str, str]:
    """Printed label → front-matter field, spaces removed from the label."""
    table: dict[str, str] = {}
    for field, names in data_yaml("labels.yml").items():
        for name in names:
            table[name.replace(" ", "")] = field
    return table


@cache
def label_regex() -> re.Pattern[str]:
    """Any label, longest first, allowing spaces between its characters (索 引 号)."""
    names = sorted(labels(), key=len, reverse=True)
    alternatives = "|".join(r"\s*".join(map(re.escape, name)) for name in names)
    return re.compile(f"(?P<label>{alternatives})")


# Document-type words that end a real title.
TITLE_ENDINGS = ("报告", "通知", "规划", "决定", "意见", "方案", "办法", "解读", "公告", "通报", "总结",
                 "纲要", "条例", "规定", "批复", "函", "要点", "计划", "细则", "公示", "说明", "通告",
                 "情况", "命令", "决议", "纪要", "指引", "清单", "目录", "报表", "规则", "章程", "打算", "汇报")

# Organ-name endings: a line that ends with one of these names an office, not a sentence.
ORGAN_SUFFIX = re.compile(
    r"(人民政府|政府办公室|办公室|办公厅|人民代表大会常务委员会|常务委员会|委员会|管理委员会|管委会|"
    r"司法局|[\u4e00-\u9fff]{1,8}局|[\u4e00-\u9fff]{1,6}厅|街道办事处|办事处|人民法院|人民检察院|"
    r"[\u4e00-\u9fff]{1,8}中心|[\u4e00-\u9fff]{1,6}委|[\u4e00-\u9fff]{2,10}[委局]?办|政府)$"
)

# Heading markers as printed in Chinese official documents.
H2_MARKER = re.compile(r"^[一二三四五六七八九十]{1,3}[、.．]")
H3_MARKER = re.compile(r"^[（(][一二三四五六七八九十]{1,3}[)）]")
ITEM_MARKER = re.compile(r"^(?:\d{1,3}[、.．]|[（(]\d{1,3}[)）]|第[一二三四五六七八九十百]+[条章节])")
DOC_NO = re.compile(r"[\u4e00-\u9fff]{1,16}\s*[〔\[［【(（]\s*(?:19|20)\d{2}\s*[〕\]］】)）]\s*\d{1,5}\s*号")
