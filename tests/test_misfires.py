"""Ordinary report text that the cleaner's rules for odd layouts must leave alone (a newcomer's
review of the rules for copied tables, one-paragraph reports, titles, towns and rates)."""
from __future__ import annotations

import pytest

from gongkai.corpus.blocks import Block, mark_structure
from gongkai.corpus.chrome import breadcrumb, is_chrome_line
from gongkai.corpus.indicators import narrative_values
from gongkai.corpus.issuer import extract_issuer_kind, government_speaking, placed_issuer
from gongkai.corpus.metadata import split_title_doc_no
from gongkai.corpus.textnorm import columns_as_cells, normalise_line


@pytest.mark.parametrize("line", [
    "我局  2023  年度共收到政府信息公开申请  12  件，",  # a wrapped sentence copied with its spaces
    "全年共收到行政复议申请  45  件",
    "文    号：鼓政〔2023〕21号          主题分类：政府工作",  # a label spaced to width
    "一、  总体情况",
])
def test_prose_and_labels_copied_with_spaces_are_no_table_rows(line):
    assert columns_as_cells(line) == line


def test_a_copied_table_row_keeps_its_cells():
    assert columns_as_cells("（二）部分公开（区分处理的，只计这一情形）   6   0   0   6") == \
        "（二）部分公开（区分处理的，只计这一情形） | 6 | 0 | 0 | 6"


@pytest.mark.parametrize("line", ["我局推广使用合同示范文本，可在www.samr.gov.cn下载。",
                                  "建成县级法治文库，网址为www.xxfz.gov.cn，可查询相关法规。"])
def test_a_sentence_naming_a_site_is_no_watermark(line):
    assert normalise_line(line) == line


def test_an_inline_list_in_a_sectioned_report_stays_one_paragraph():
    listed = "重大行政决策坚持做到：" + "；".join(f"{n}、{'公众参与专家论证风险评估合法性审查集体讨论决定'[:8]}程序到位" for n in "一二三四五") + "。" * 1
    blocks = [Block("p", "一、总体情况"), Block("p", listed * 4)]
    assert [b.kind for b in mark_structure(blocks)] == ["h2", "p"]


def test_a_rate_is_not_carried_past_another_rate():
    text = "行政机关负责人出庭应诉率逐年提高，政务服务事项好评率持续提升，达到99.5%。"
    assert narrative_values([(1, text)], "法治政府建设年度报告", 2023) == []


def test_a_department_speaking_of_its_county_is_no_government():
    assert government_speaking("本机关认真落实我县部署，我县法治建设…我县各部门", "浠水县") is None


def test_an_organ_named_without_a_place_takes_the_whole_place_name():
    assert placed_issuer("市场监督管理局", "连州市") == "连州市市场监督管理局"
    assert placed_issuer("县政府办公室", "泸定县") == "泸定县政府办公室"


@pytest.mark.parametrize("title", ["关于落实县府发〔2023〕5号文件精神推进法治建设的报告"])
def test_a_title_citing_a_document_number_keeps_it(title):
    assert split_title_doc_no(title) == (title, None)


def test_a_collective_of_towns_is_no_town():
    from gongkai.corpus.issuer import _TOWN_TITLE
    assert _TOWN_TITLE.match("全县各乡镇2023年法治政府建设工作情况通报") is None
    assert _TOWN_TITLE.match("2023年下各镇政府信息公开工作年度报告").group("town") == "下各镇"


@pytest.mark.parametrize("line", ["张某 | 某镇人民政府 | 某县人民政府", "2023年，我县邀请县委宣传部主办，县司法局承办"])
def test_body_lines_like_footers_are_no_chrome(line):
    assert not is_chrome_line(line)


def test_a_long_run_of_crumbs_or_toolbar_words_is_read_at_once():
    # shapes that took exponential time (a piece or separator that could take a space two ways)
    assert breadcrumb("首页 > " * 40 + "。") is None
    assert not is_chrome_line("打印 关闭 分享 微信 " * 10 + "扫一扫以外")


def test_an_office_of_a_forest_farm_is_no_government():
    assert extract_issuer_kind("某县北街办事处") == "人民政府"
    assert extract_issuer_kind("某县国有林场办事处") != "人民政府"
