"""The gazetteer's name scans (corpus/place.py): every division name is found, the longest too."""
from __future__ import annotations

import pytest

from gongkai.corpus.place import gazetteer, locate


def _slow_mentions(g, text: str) -> list[tuple[int, int, list]]:
    """The scan by definition: at each position where a name may start, the longest name there."""
    out, i, last_end = [], 0, 0
    longest = max(map(len, g.by_name))
    from gongkai.corpus.place import _may_start
    while i < len(text):
        for length in range(min(longest, len(text) - i), 1, -1):
            if _may_start(text, i, last_end) and text[i:i + length] in g.by_name:
                out.append((i, i + length, g.by_name[text[i:i + length]]))
                i = last_end = i + length
                break
        else:
            i += 1
    return out


def _slow_named_in(g, text: str) -> set[str]:
    from gongkai.corpus.place import _CITED
    text = _CITED.sub(" ", text)
    codes = {d.code for _, _, ds in _slow_mentions(g, text) for d in ds}
    for short, divisions in g.by_short.items():
        if short in text:
            codes.update(d.code for d in divisions)
    return codes


@pytest.mark.parametrize("name", sorted(n for n in gazetteer().by_name if len(n) >= 12))
def test_the_longest_names_are_found(name):
    """Three county names run to 13–15 characters (双江拉祜族佤族布朗族傣族自治县); a scan that
    stopped at 12 never saw them."""
    g = gazetteer()
    text = f"关于{name}司法局2023年度法治政府建设情况的报告"
    assert [text[s:e] for s, e, _ in g.mentions(text)] == [name]
    assert {d.code for d in g.by_name[name]} <= g.named_in(text)


def test_a_county_with_a_fifteen_character_name_is_placed():
    g = gazetteer()
    name = max(g.by_name, key=len)
    place = locate(f"{name}人民政府", None, None, None, [], [], None)
    assert place is not None and place.region.endswith(name)


TEXTS = ["重庆市綦江区人民政府关于2021年法治政府建设情况的报告", "浙江省宁波市江北区司法局", "全省各市县（区）：江苏、浙江、杭州西湖",
         "市政府办公厅转发市司法局关于城关区和东区的通知", "中共攀枝花市东区委 攀枝花市东区人民政府", "xx重庆yy宁波zz北京市朝阳区",
         "新疆维吾尔自治区克孜勒苏柯尔克孜自治州阿图什市", "关于印发广西壮族自治区南宁市的方案",
         "昌江区", "本报告由昌江区", "海南省昌江"]  # a text ending in a name that longer names start like (昌江黎族自治县)


@pytest.mark.parametrize("text", TEXTS)
def test_the_indexed_scans_find_what_the_plain_scans_find(text):
    g = gazetteer()
    assert g.mentions(text) == _slow_mentions(g, text)
    assert g.named_in(text) == _slow_named_in(g, text)


@pytest.mark.parametrize("text", [
    "根据《中华人民共和国政府信息公开条例》，现公布本年度报告",
    "认真贯彻《中华人民共和国行政复议法》和《重庆市行政执法条例》",
])
def test_cited_laws_and_the_country_name_no_place(text):
    """共和 (青海's 共和县) inside 中华人民共和国 once made every report citing a national law name
    a county in 青海; a cited title names the law's maker, not the report's."""
    assert gazetteer().named_in(text) == set()


def test_a_province_report_citing_the_disclosure_regulation_keeps_its_province():
    opening = "根据《中华人民共和国政府信息公开条例》要求，江苏全省各级行政机关全面推进政务公开"
    place = locate(None, "2023年政府信息公开工作年度报告", None, None, [], [], None, opening)
    assert place is not None and place.region_code == "320000"


@pytest.mark.parametrize(("organ", "code"), [
    ("大通县统计局", "630121"),  # 大通回族土族自治县
    ("黔南州人民政府办公室", "522700"),  # 黔南布依族苗族自治州
    ("恩施州司法局", "422800"),
    ("积石山县人民政府", "622927"),  # 积石山保安族东乡族撒拉族自治县: three peoples
    ("察布查尔县教育局", "654022"),  # 察布查尔锡伯自治县: a people written without 族
    ("威宁自治县人民政府", "520526"),  # 威宁彝族回族苗族自治县, the peoples left out
])
def test_an_autonomous_division_is_placed_by_its_everyday_name(organ, code):
    place = locate(organ, None, None, None, [], [], None)
    assert place is not None and place.region_code == code


def test_an_everyday_name_never_hides_a_division_of_that_name():
    g = gazetteer()
    for name, divisions in g.by_name.items():
        if any(d.name != name for d in divisions):  # an everyday form
            assert len(divisions) == 1 and all(d.name != name for d in divisions)
