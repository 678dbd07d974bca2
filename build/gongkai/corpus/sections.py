"""The mandated parts of a 法治政府建设年度报告, tagged on every paragraph from its heading's wording.

Parts are data (data/sections.yml). A heading that names no part continues the report's
measures until a later part has begun, then the part before it; a heading that merges two
parts (存在的问题和下一步打算) takes the first it names, and its paragraphs that open with
next year's plans take 下一年度工作安排.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..package_data import data_yaml
from .blocks import Block

REPORT_TYPE = "法治政府建设年度报告"


@dataclass(frozen=True)
class Section:
    name: str
    slug: str
    words: re.Pattern[str]


@lru_cache(maxsize=1)
def _data() -> tuple[tuple[Section, ...], re.Pattern[str]]:
    data = data_yaml("sections.yml")
    sections = tuple(Section(s["name"], s["slug"], re.compile(s["words"])) for s in data["sections"])
    return sections, re.compile(data["next_year_paragraph"])


def sections() -> tuple[Section, ...]:
    return _data()[0]


def heading_section(text: str, report_year: int | None = None) -> tuple[Section | None, bool]:
    """(the part a heading names first, whether it names more than one). A part named by a year
    (2024年工作安排) is named only when that year is not the report's own or an earlier one."""
    found = []
    for section in sections():
        for m in section.words.finditer(text):
            year = m.groupdict().get("year")
            if year and report_year and int(year) <= report_year:
                continue
            found.append((m.start(), section))
            break
    if not found:
        return None, False
    found.sort(key=lambda f: f[0])
    return found[0][1], len({s.name for _, s in found}) > 1


NEXT_YEAR_SLUG = "next-year"


def _next_year() -> Section:
    return next(s for s in sections() if s.slug == NEXT_YEAR_SLUG)


def next_year_part() -> str:
    return _next_year().name


def assign_sections(blocks: list[Block], doc_type: str, report_year: int | None) -> dict[int, str]:
    """1-based block number → part name, for every heading and paragraph after the first heading."""
    if doc_type != REPORT_TYPE:
        return {}
    measures, *_ = sections()
    next_year = _next_year()
    opening = _data()[1]
    out: dict[int, str] = {}
    current: Section | None = None
    merged = False
    for i, block in enumerate(blocks, start=1):
        if block.kind == "h2":
            named, merged = heading_section(block.text, report_year)
            current = named or (current if current not in (None, measures) else measures)
        elif block.kind == "h3" and current is None:
            named, merged = heading_section(block.text, report_year)
            current = named or measures
        if current is None:
            continue  # the opening, before the first part
        if block.kind == "p" and merged and opening.search(block.text):
            out[i] = next_year.name
        elif block.kind != "signature":
            out[i] = current.name
    return out
