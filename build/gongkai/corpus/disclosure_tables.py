"""Indicators from the statistics tables of a 政府信息公开工作年度报告 (State Council templates of
2019 and 2021), as HTML tables or flattened to text (one cell a line, or ``cell |`` lines).

Merged header cells make column positions unreliable, so a table is read as a stream of
cells: a label cell starts a row, and the numbers after it are that row's cells in order
(the 总计 column is the last). Row labels are data (``tables`` in data/indicators.yml).
The template's own arithmetic is checked: 一 + 二 = 三（七）总计 + 四, column by column.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..package_data import data_yaml
from .blocks import Block
from .indicators import Value
from .traditional import simplified_cell

# A cell's number; signed in the 2019 template's 本年增/减 column (+12, -25), which is a number, not a row's label.
_NUMBER = re.compile(r"[+\-−－]?\d+(?:\.\d+)?")
_MARKER = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[.．、])\s*")
# 自然人, then the five columns of 法人或其他组织, then 总计.
REQUEST_COLUMNS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")


@dataclass
class Row:
    label: str
    block: int
    numbers: list[float | int] = field(default_factory=list)
    number_blocks: list[int] = field(default_factory=list)


@lru_cache(maxsize=1)
def _patterns() -> dict:
    data = data_yaml("indicators.yml")
    return data["tables"]


def _cells(blocks: list[Block]) -> list[tuple[int, str]]:
    out = []
    for i, block in enumerate(blocks, start=1):
        if block.kind == "table":
            for line in block.text.split("\n"):
                if re.fullmatch(r"[\s|:-]*", line):
                    continue
                out += [(i, c.strip()) for c in line.strip().strip("|").split("|") if c.strip()]
        else:
            for cell in re.split(r"\n|\s\|\s?|\|$", block.text):
                out += [(i, c) for c in _spaced_cells(cell.strip()) if c]
    return out


# A row copied from a PDF or a spreadsheet: its label, then its numbers parted by spaces or tabs
# (一、本年新收政府信息公开申请数量 39 6 0 0 0 0 45), or the numbers alone.
_SPACED_ROW = re.compile(rf"^(?P<label>(?:.*?[^\d\s.+\-−－])?)\s*(?P<numbers>{_NUMBER.pattern}(?:\s+{_NUMBER.pattern})+|(?<=\s){_NUMBER.pattern})$")


def _spaced_cells(cell: str) -> list[str]:
    m = _SPACED_ROW.match(cell) if len(cell) <= 120 and "。" not in cell and " " in cell else None
    if not m:
        return [cell]
    return ([m.group("label").strip()] if m.group("label").strip() else []) + m.group("numbers").split()


def _rows(cells: list[tuple[int, str]]) -> list[Row]:
    rows: list[Row] = []
    for block, text in cells:
        if _NUMBER.fullmatch(text.replace(",", "")):
            if rows:
                number = float(text.replace(",", "").replace("−", "-").replace("－", "-"))
                rows[-1].numbers.append(int(number) if number.is_integer() else number)
                rows[-1].number_blocks.append(block)
        else:
            rows.append(Row(_MARKER.sub("", simplified_cell(text)), block))
    return rows


def _section(rows: list[Row], start: str, stop: str | None) -> list[Row]:
    """The rows after the heading that matches ``start``, up to the one that matches ``stop``."""
    out: list[Row] | None = None
    for row in rows:
        if out is None:
            if re.search(start, row.label):
                out = []
            continue
        if stop and re.search(stop, row.label):
            break
        out.append(row)
    return out or []


def _find(rows: list[Row], pattern: str, min_numbers: int = 1) -> Row | None:
    return next((r for r in rows if re.search(pattern, r.label) and len(r.numbers) >= min_numbers), None)


def _value(name: str, unit: str, row: Row, number: float | int, breakdown: dict | None = None) -> Value:
    anchor_block = row.number_blocks[-1] if row.number_blocks else row.block
    return Value(name, number, unit, anchor_block, breakdown)


def table_values(blocks: list[Block], units: dict[str, str]) -> tuple[list[Value], list[str]]:
    """(values, problems): the indicators the tables give, and what their arithmetic got wrong."""
    p = _patterns()
    rows = _rows(_cells(blocks))
    values: list[Value] = []
    problems: list[str] = []

    active = _section(rows, p["active"]["section"], p["requests"]["section"])
    headers = {r.label for r in active}
    for name, pattern in p["active"]["rows"].items():
        column = p["active"].get("needs_column", {}).get(name)
        row = _find(active, pattern)
        # the column as the template names it, maybe with a note (现行有效件数 (历史累计))
        if row and (column is None or any(label.startswith(column) for label in headers)):
            values.append(_value(name, units[name], row, row.numbers[-1]))

    requests = _section(rows, p["requests"]["section"], p["appeals"]["section"])
    found = {key: _find(requests, pattern) for key, pattern in p["requests"]["rows"].items()}
    width = len(REQUEST_COLUMNS)
    for key, name in p["requests"]["indicators"].items():
        row = found.get(key)
        if row:
            breakdown = dict(zip(REQUEST_COLUMNS[:-1], row.numbers[:-1], strict=False)) if len(row.numbers) == width else None
            values.append(_value(name, units[name], row, row.numbers[-1], breakdown))
    refused = _refused(requests, p["requests"])
    if refused is not None:
        name = p["requests"]["refused_indicator"]
        values.append(_value(name, units[name], refused[0], refused[1]))
    problems += _check_requests(found, width)

    appeals = _section(rows, p["appeals"]["section"], None)
    row = next((r for r in appeals if len(r.numbers) >= 15), None)
    if row:
        n = row.numbers
        values.append(_value(p["appeals"]["review"], units[p["appeals"]["review"]], row, n[4]))
        values.append(_value(p["appeals"]["lawsuit"], units[p["appeals"]["lawsuit"]], row, n[9] + n[14]))
        if any(sum(n[k:k + 4]) != n[k + 4] for k in (0, 5, 10)):
            problems.append("行政复议、行政诉讼表：结果之和不等于总计")
    return values, problems


def _refused(rows: list[Row], spec: dict) -> tuple[Row, float | int] | None:
    """(三)不予公开: the sum of its reasons' 总计, or its own 总计 where a page prints a subtotal."""
    start = next((i for i, r in enumerate(rows) if re.search(spec["refused"], r.label)), None)
    if start is None:
        return None
    if rows[start].numbers:
        return rows[start], rows[start].numbers[-1]
    reasons = []
    for row in rows[start + 1:]:
        if re.search(spec["after_refused"], row.label) or not row.numbers:
            break
        reasons.append(row)
    if not reasons:
        return None
    return reasons[0], sum(r.numbers[-1] for r in reasons)


def _check_requests(found: dict[str, Row | None], width: int) -> list[str]:
    """一 + 二 = 三（七）总计 + 四, in every column the four rows all print."""
    rows = [row for row in (found.get(k) for k in ("new", "carried", "total", "carry_out")) if row is not None]
    if len(rows) < 4:
        return []
    new, carried, total, carry_out = rows
    columns = min(len(r.numbers) for r in rows)
    wrong = [REQUEST_COLUMNS[c] if columns == width else str(c + 1) for c in range(columns)
             if new.numbers[c] + carried.numbers[c] != total.numbers[c] + carry_out.numbers[c]]
    return [f"申请情况表：第一项加第二项不等于第三项总计加第四项（{'、'.join(wrong)}）"] if wrong else []
