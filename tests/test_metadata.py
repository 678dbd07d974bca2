"""Field extractors, one strategy at a time."""
from pathlib import Path

import pytest

from gongkai.corpus.cleaner import clean_page
from gongkai.corpus.issuer import extract_issuer, extract_issuer_kind
from gongkai.corpus.kinds import extract_doc_type, extract_report_year
from gongkai.corpus.metadata import PageParts, extract_title, find_title_index, split_title_doc_no
from gongkai.corpus.reading import RawPage


def _page(text: str, html: bool = False) -> RawPage:
    return RawPage(Path("page.html" if html else "page.txt"), text, html, "0" * 64, "utf_8")


def test_title_with_doc_no_suffix():
    assert split_title_doc_no("关于印发规划的通知【渝北府办发〔2012〕107号】") == ("关于印发规划的通知", "渝北府办发〔2012〕107号")


def test_rules_and_charters_are_titles():
    """Working rules (工作规则) and charters (章程) are published documents like the others."""
    head = ["首页 > 政务公开 > 规章制度", "县人民政府工作规则", "发布时间：2023-05-06", "第一章 总则"]
    assert find_title_index(head) == 1
    assert find_title_index(["信息公开", "县法学会章程（2022年修订）", "第一条 本会名称"]) == 1


def test_site_name_and_body_sentence_are_never_the_title():
    head = ["重庆市长寿区区大数据应用发展管理局", "首页 政务公开 政务服务", "2020年，我局在区委区政府的领导下开展工作。"]
    assert find_title_index(head) is None
    doc = clean_page(_page("\n".join(head + ["全年共办理案件5件，答复率100%。"])))
    assert doc.fields["title"] is None and "title_missing" in {w.code for w in doc.warnings}


def test_stale_today_date_is_not_the_publish_date():
    text = "今天是 2019年10月8日 星期二\n首页 政务公开 政务服务 互动交流\n镇巴县2022年法治政府建设工作报告\n发布日期：2023-02-20\n2022年，全县法治政府建设取得新成效。\n"
    fields = clean_page(_page(text)).fields
    assert fields["published_date"] == "2023-02-20" and fields["title"] == "镇巴县2022年法治政府建设工作报告"
    assert fields["region"] == "镇巴县" and fields["report_year"] == 2022


def test_stale_today_date_without_a_label_gives_no_date():
    text = "今天是 2019年10月8日\n某县2022年法治政府建设工作报告\n2022年，全县法治政府建设取得新成效。\n"
    doc = clean_page(_page(text))
    assert doc.fields["published_date"] is None and "date_missing" in {w.code for w in doc.warnings}


def test_html_meta_title_wins():
    parts = PageParts(head=[], labelled={}, body=[], html_meta={"ArticleTitle": "某区2021年度法治政府建设情况报告"})
    assert extract_title(parts, None) == "某区2021年度法治政府建设情况报告"


def test_html_title_tag_is_split_from_the_site_name():
    parts = PageParts(head=[], labelled={}, body=[], html_meta={"html_title": "某区2021年度法治政府建设情况报告_某区人民政府"})
    assert extract_title(parts, None) == "某区2021年度法治政府建设情况报告"


def test_issuer_prefers_signature_full_name_then_title_then_publisher():
    parts = PageParts(head=[], labelled={"publisher": "渝北区人民政府"}, body=[])
    title = "江北区人民政府办公室关于2020年度法治政府建设工作的报告"
    assert extract_issuer(parts, title, "重庆市江北区人民政府办公室") == "重庆市江北区人民政府办公室"
    assert extract_issuer(parts, title, None) == "江北区人民政府办公室"
    assert extract_issuer(parts, "关于印发规划的通知", None) == "渝北区人民政府"


def test_doc_type_and_report_year():
    assert extract_doc_type("重庆市綦江区2021年度法治政府建设情况报告") == "法治政府建设年度报告"
    assert extract_report_year("重庆市綦江区2021年度法治政府建设情况报告", "法治政府建设年度报告") == 2021
    assert extract_doc_type("某市生态环境局2022年法治政府建设工作总结") == "法治政府建设年度报告"
    assert extract_doc_type("某县人民政府2022年政府信息公开工作年度报告") == "政府信息公开工作年度报告"
    assert extract_doc_type("关于印发重庆市渝北区法治政府建设五年规划(2012—2016年)的通知") == "通知"
    assert extract_doc_type("《某某条例》政策解读") == "解读"
    assert extract_doc_type("关于某事的决定") == "决定"
    assert extract_doc_type("2022年工作报告") == "其他"
    assert extract_report_year("关于印发规划的通知", "通知") is None


def test_body_first_pages_are_typed_and_dated_by_their_opening():
    opening = "2023年，我区坚持以习近平法治思想为指导，深入推进法治政府建设。"
    assert extract_doc_type(None, opening) == "法治政府建设年度报告"
    assert extract_report_year(None, "法治政府建设年度报告", opening) == 2023
    assert extract_doc_type(None, "我区深入推进法治政府建设。") == "其他"


@pytest.mark.parametrize("issuer,kind", [
    ("杭州市人民政府", "人民政府"), ("重庆市江北区人民政府办公室", "政府办公室"), ("某省人民政府办公厅", "政府办公室"),
    ("江北区政府办", "政府办公室"), ("重庆市长寿区大数据应用发展管理局", "部门"), ("某市生态环境局", "部门"),
    ("中共某区委全面依法治区委员会办公室", "党委机构"), ("某县委组织部", "党委机构"), ("某某协会", "其他"), (None, None),
    ("北京市朝阳区人民政府望京街道办事处", "人民政府"), ("某区某某街道办", "人民政府"), ("某某镇人民政府", "人民政府"),
    ("某某街道党工委", "党委机构")])
def test_issuer_kind(issuer, kind):
    assert extract_issuer_kind(issuer) == kind


@pytest.mark.parametrize("opening,issuer", [
    ("本报告由南平市人民政府信息公开工作领导小组办公室根据《中华人民共和国政府信息公开条例》编制。", "南平市人民政府"),
    ("本年度报告由昌江区人民政府办公室编制而成，全文包括总体情况等六个部分。", "昌江区人民政府"),
    ("现将编制的《临夏市人民政府2023年政府信息公开工作年度报告》予以公布。", "临夏市人民政府"),
    ("2023年，山东省人民政府办公厅以政务公开标准化为抓手。", "山东省人民政府办公厅"),
    ("2023年，巴州党委、政府坚持依法行政。", None),  # 巴州 is a county's short name too: no guess
])
def test_issuer_named_in_the_opening(opening, issuer):
    from gongkai.corpus.issuer import issuer_from_opening

    assert issuer_from_opening(opening) == issuer


def test_titles_by_place_alone_and_split_inside_a_word():
    from gongkai.corpus.head import joined_title
    from gongkai.corpus.issuer import extract_issuer

    parts = PageParts(head=[], labelled={}, body=[])
    assert extract_issuer(parts, "2023年上海市政府信息公开工作年度报告", None) == "上海市人民政府"
    lines = ["衡南县人民政府办公室2022年政府信息", "公开年度报告"]
    assert joined_title(lines, 1) == "衡南县人民政府办公室2022年政府信息公开年度报告"
    assert joined_title(["• 2021-03-23", "江北区人民政府办公室关于2020年度法治政府建设工作的报告"], 1).startswith("江北区")


def test_a_statistic_about_visits_is_not_chrome():
    from gongkai.corpus.chrome import is_chrome_line

    assert not is_chrome_line("全年政府网站访问量达1489691人次，较上年有所增长。")
    assert is_chrome_line("访问量：1234")


def test_an_opening_that_ends_in_a_colon_starts_the_body_of_a_page_without_a_title():
    """Only a line that opens with a full date is kept from being prose (2024-01-25 16时40分浏览次数:)."""
    from gongkai.corpus.head import split_head
    lines = ["首页 > 政务公开", "2023年，我区法治政府建设工作情况如下：", "一、主要举措和成效", "全年召开会议5次，研究解决问题12个。"]
    assert split_head(lines) == (1, None)
    assert split_head(["某县2023年度报告", "2024-01-25 16时40分浏览次数:", "一、总体情况", "全年公开信息12条。"])[0] == 2


@pytest.mark.parametrize("title,opening,kind,year", [
    ("某县2023年政府信息公开工作年度报告图解", None, "解读", None),
    ("一图读懂｜某区2023年度法治政府建设情况报告", None, "解读", None),
    ("某市2024年法治政府建设工作要点", None, "规划", None),
    ("某县法治政府建设实施方案（2021—2025年）", None, "规划", None),
    ("某局2022年度法治建设工作总结和2023年工作计划", None, "法治政府建设年度报告", 2022),
    ("某县2023年法治政府建设情况及2024年工作安排", None, "法治政府建设年度报告", 2023),
    ("某区2023年政务公开工作年度报告", None, "政府信息公开工作年度报告", 2023),
    ("某县办公室2023年政府信息公开年报", None, "政府信息公开工作年度报告", 2023),
    ("某县政府信息公开工作年度报告（2023年度）", None, "政府信息公开工作年度报告", 2023),
    ("某县人民政府关于法治政府建设情况的报告", "县人大常委会：\n2023年，我县坚持依法行政。", "法治政府建设年度报告", 2023),
    ("区政府常务会议审议2023年度法治政府建设情况报告", None, "其他", None),  # news about a report
    ("某区2023年普法依法治理工作总结", None, "其他", None),  # 依法治理 is not the report's own wording
    ("某局2023年法治宣传教育工作总结", None, "其他", None),
    (None, "一、总体情况\n本年度，我局主动公开政府信息34条，受理依申请公开2件，截至2023年12月31日无结转。",
     "政府信息公开工作年度报告", 2023),
    (None, "某局2022年政府信息公开工作年度报告（以下简称年报）是根据《中华人民共和国政府信息公开条例》编制的。",
     "政府信息公开工作年度报告", 2022),
    (None, "近日，某县发布了《某县2023年政府信息公开工作年度报告》。现将年报要点解读如下。", "解读", None),
    (None, "经镇党委、政府同意，现将《某某实施意见》转发给你们，请认真贯彻落实。", "通知", None),
    (None, "2021年8月，某办公室组织开展法治政府建设示范创建活动。", "其他", None),  # a date, not the year's work
    (None, "第一条 为做好政府信息公开工作，依据《中华人民共和国政府信息公开条例》，制定本办法。", "其他", None),
])
def test_kinds_and_years_of_more_wordings(title, opening, kind, year):
    assert extract_doc_type(title, opening) == kind
    assert extract_report_year(title, kind, opening) == year


@pytest.mark.parametrize("title,kind", [
    ("2023年某某县依法治县工作情况报告", "法治政府建设年度报告"),
    ("某某市2023年度全面依法治市工作情况报告", "法治政府建设年度报告"),
    ("2023年度法治政府建设工作报告及2024年工作计划", "法治政府建设年度报告"),
    ("某局2023年法治政府建设工作总结及2024年工作要点", "法治政府建设年度报告"),
    ("某某区2023年法治政府建设暨政务公开工作报告", "法治政府建设年度报告"),  # the first-named kind
    ("某县2023年政府信息公开工作年度报告", "政府信息公开工作年度报告"),
    ("法治政府建设年度报告（2024年2月）", "其他"),  # a month in the bracket is a date, not the year reported
    ("关于试图解决基层执法难题的调研报告", "其他"),  # 图解 inside a word
])
def test_kinds_a_review_found(title, kind):
    assert extract_doc_type(title) == kind


@pytest.mark.parametrize("opening", [
    "为做好2024年主动公开工作，规范依申请公开办理，特制定本方案。",
    "依据《中华人民共和国政府信息公开条例》，为规范依申请公开工作，制定本办法。",
])
def test_a_plan_about_disclosure_is_no_disclosure_report(opening):
    assert extract_doc_type(None, opening) == "其他"


def test_an_opening_since_the_start_of_the_year_is_that_years_report():
    opening = "2023年以来，我区深入推进法治政府建设，各项工作取得新成效。"
    assert extract_doc_type(None, opening) == "法治政府建设年度报告"
    assert extract_report_year(None, "法治政府建设年度报告", opening) == 2023


def test_a_title_split_only_before_an_organ_or_site_name():
    from gongkai.corpus.metadata import title_hints
    assert "中-老铁路沿线开发规划（2021-2025年）" in title_hints("中-老铁路沿线开发规划（2021-2025年） - 某某州人民政府")
    assert "某区2023年政府信息公开工作年度报告" in title_hints("某区2023年政府信息公开工作年度报告-徐州市鼓楼区人民政府")


def test_a_column_name_matching_the_title_element_does_not_beat_the_article_title():
    from gongkai.corpus.metadata import find_title_index, title_hints
    head = ["法治政府建设年度报告", "某某区2023年法治政府建设年度报告", "发布时间：2024-03-01 来源：区司法局"]
    assert find_title_index(head, title_hints("法治政府建设年度报告_某某区人民政府")) == 1
