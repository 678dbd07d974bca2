"""Indicator extraction: sentences (with every kind of non-value) and the disclosure tables."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import ROOT, check_fact, fact_params
from conftest import TOPICS as TOPICS_FILE
from gongkai.corpus.annotate import load_topics
from gongkai.corpus.pipeline import build_corpus
from gongkai.corpus_file import parse
from gongkai.corpus.page import process_file
from gongkai.corpus.indicators import narrative_values
from gongkai.corpus.numerals import parse_number

LAYOUTS = Path(__file__).parent / "fixtures" / "layouts"
TOPICS = tuple(load_topics(Path(__file__).parent.parent / "corpus" / "topics.yml"))
REPORT = "法治政府建设年度报告"


def _values(text: str, doc_type: str = REPORT, year: int | None = 2022) -> dict[str, float]:
    return {v.name: v.value for v in narrative_values([(1, text)], doc_type, year)}


def test_one_sentence_carries_several_indicators():
    got = _values("全年共收到复议申请61件，依法受理57件，办结47件。")
    assert got == {"行政复议申请数": 61, "行政复议受理数": 57, "行政复议办结数": 47}


@pytest.mark.parametrize("text,name,value", [
    ("全年共收到行政复议申请一百二十三件，依法受理一百件。", "行政复议申请数", 123),
    ("全年共收到行政复议申请１２３件。", "行政复议申请数", 123),
    ("全年审查规范性文件1,205件。", "规范性文件审查数", 1205),
    ("行政机关负责人出庭应诉率达到100%。", "负责人出庭应诉率", 100),
    ("全区共调解各类矛盾纠纷5169件，调解成功5089件。", "矛盾纠纷调解数", 5169),
    ("审查街镇备案规范性文件16件。", "规范性文件审查数", 16),   # the first verb governs: a review
    ("向区人大常委会报备规范性文件8件。", "规范性文件备案数", 8),
])
def test_values_read_from_sentences(text, name, value):
    assert _values(text)[name] == value


@pytest.mark.parametrize("text", [
    "力争全年办结行政复议申请100件以上。",                     # a target
    "确保规范性文件审查100件。",                                # a target
    "2021年共收到行政复议申请58件。",                          # another year than the report's 2022
    "上年收到行政复议申请58件。",                              # last year's figure
    "自2018年以来累计办理行政复议申请300件。",                  # a running total
    "行政复议申请同比下降12%。",                                # a comparison
    "印发《关于审查规范性文件20件的通知》。",                    # a number inside a document's name
])
def test_non_values_are_not_read(text):
    assert _values(text) == {}


def test_a_plan_yields_no_values():
    assert _values("每年审查重大行政决策20件，办理人大代表建议100件。", doc_type="规划") == {}


def test_chinese_numerals():
    assert [parse_number(t) for t in ("一百二十三", "十五", "两万零五", "三〇五", "5,169", "98.45")] == [123, 15, 20005, 305, 5169, 98.45]
    # a decimal count of 万 is exact: in floats 1.37 × 10000 is 13700.000000000002
    assert [parse_number(t) for t in ("1.37万", "0.35万", "2.5万", "12.34", "3.6万")] == [13700, 3500, 25000, 12.34, 36000]
    assert isinstance(parse_number("1.37万"), int)
    assert [parse_number(t) for t in ("万", "千", "百", "十", "十万")] == [None, None, None, 10, 100000]  # 160多万件: no count


def test_an_inconsistent_table_keeps_its_values_and_is_flagged(tmp_path):
    page = (LAYOUTS / "xxgk_annual_html_tables.html").read_text("utf-8")
    broken = page.replace("<td>84</td>", "<td>85</td>", 1)
    assert broken != page
    path = tmp_path / "broken.html"
    path.write_text(broken, "utf-8")
    report = process_file(path, TOPICS)
    got = {i["name"]: i["value"] for i in report.doc.fields["indicators"]}
    assert got["依申请公开申请数"] == 85
    assert "table_inconsistent" in {w.code for w in report.doc.warnings}
    clean = process_file(LAYOUTS / "xxgk_annual_html_tables.html", TOPICS)
    assert "table_inconsistent" not in {w.code for w in clean.doc.warnings}


def test_table_rows_carry_their_breakdown():
    report = process_file(LAYOUTS / "xxgk_annual_flat_cells.txt", TOPICS)
    new = next(i for i in report.doc.fields["indicators"] if i["name"] == "依申请公开申请数")
    assert new["breakdown"]["自然人"] == 15 and sum(new["breakdown"].values()) == new["value"]


def test_deadlines_follow_the_rule_in_force():
    from gongkai.corpus.timeliness import deadline, on_time, rule_for

    assert deadline("法治政府建设年度报告", "人民政府", 2020) == "2021-03-31"
    assert "第二十四条" in rule_for("法治政府建设年度报告", "人民政府", 2020)["source"]
    assert "实施纲要" in rule_for("法治政府建设年度报告", "部门", 2017)["source"]  # before the 2019 rule
    assert deadline("政府信息公开工作年度报告", "部门", 2022) == "2023-01-31"
    assert deadline("政府信息公开工作年度报告", "人民政府", 2022) == "2023-03-31"
    assert deadline("政府信息公开工作年度报告", "部门", 2015) == "2016-03-31"  # the 2008 条例: one date for all
    assert deadline("规划", "人民政府", 2022) is None and deadline("法治政府建设年度报告", "部门", None) is None
    assert on_time("2021-03-23", "2021-03-31") is True and on_time("2021-05-28", "2021-03-31") is False
    assert on_time(None, "2021-03-31") is None


@pytest.mark.parametrize("text,want", [
    ("行政复议机构全年收案152件、结案147件。", {"行政复议申请数": 152, "行政复议办结数": 147}),
    ("审核规范性文件45件、重大行政决策12件、政府合同86件。", {"规范性文件审查数": 45, "重大行政决策审查数": 12, "合同审查数": 86}),
    ("全年共开展合法性审查268件，其中规范性文件36件、重大行政决策9件。", {"规范性文件审查数": 36, "重大行政决策审查数": 9}),
    ("共承办人大代表建议和政协提案215件，其中人大代表建议92件、政协提案123件。", {"人大代表建议办理数": 92, "政协提案办理数": 123}),
    ("区政府收到行政复议申请61件，已全部办结。", {"行政复议申请数": 61, "行政复议办结数": 61}),
    ("区司法局全年依法审结75件行政复议案件。", {"行政复议办结数": 75}),
    ("办理行政许可事项5,600件、行政处罚案件380件。", {"行政处罚案件数": 380}),
    ("办理行政处罚案件3.6万件。", {"行政处罚案件数": 36000}),
    ("经审查不予受理3件。", {}),
    ("新建人民调解委员会216个，坚持“三个必审”。", {}),
    ("负责人出庭应诉61件次，出庭应诉率保持在100%。", {"负责人出庭应诉率": 100}),
    ("行政复议申请由2021年的52件增至2022年的67件。", {"行政复议申请数": 67}),
    ("收到、受理、办结行政复议案件分别为94件、90件、88件。", {"行政复议申请数": 94, "行政复议受理数": 90, "行政复议办结数": 88}),
    ("出庭应诉率、行政诉讼败诉率分别为100%和3.9%。", {"负责人出庭应诉率": 100, "行政诉讼败诉率": 3.9}),
    ("2021年，区政府共收到行政复议申请135件。", {}),
    ("2021年，我区败诉率为9.3%；2022年，败诉率降至4.1%。", {"行政诉讼败诉率": 4.1}),
    ("近三年来，区政府共承办人大代表建议412件。", {}),
    ("全年累计作出各类行政复议决定352件。", {"行政复议办结数": 352}),
    ("力争全年纠错率保持在10%以上，负责人出庭应诉率稳定在100%。", {}),
    ("全年区政府及各部门作为被告的一审行政诉讼案件共214件。", {"行政诉讼应诉数": 214}),
])
def test_sentence_structures(text, want):
    assert _values(text) == want


def test_the_2019_template_flattened_to_text(tmp_path):
    """The 2019 State Council template: its 规范性文件 row counts 对外公开总数量, not 现行有效件数."""
    cells = ["二、主动公开政府信息情况", "第二十条第（一）项", "信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量",
             "规章", "0", "0", "0", "规范性文件", "4", "4", "57",
             "第二十条第（五）项", "信息内容", "上一年项目数量", "本年增/减", "处理决定数量", "行政许可", "120", "3", "2405",
             "三、收到和处理政府信息公开申请情况", "申请人情况", "自然人", "法人或其他组织", "总计",
             "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他",
             "一、本年新收政府信息公开申请数量", "9", "2", "0", "0", "1", "0", "12",
             "二、上年结转政府信息公开申请数量", "1", "0", "0", "0", "0", "0", "1",
             "三、本年度办理结果", "（一）予以公开", "5", "1", "0", "0", "0", "0", "6",
             "（三）不予公开", "1.属于国家秘密", "0", "0", "0", "0", "0", "0", "0", "2.其他法律行政法规禁止公开", "1", "0", "0", "0", "0", "0", "1",
             "（四）无法提供", "1.本机关不掌握相关政府信息", "3", "1", "0", "0", "1", "0", "5",
             "（七）总计", "9", "2", "0", "0", "1", "0", "12", "四、结转下年度继续办理", "1", "0", "0", "0", "0", "0", "1",
             "四、政府信息公开行政复议、行政诉讼情况", "行政复议", "行政诉讼",
             "1", "0", "0", "0", "1",   # reconsideration: upheld, corrected, other, pending, total
             "1", "0", "0", "0", "1",   # lawsuits without reconsideration
             "2", "0", "0", "0", "2"]   # lawsuits after reconsideration
    page = tmp_path / "xxgk2019.txt"
    page.write_text("某县人民政府2019年政府信息公开工作年度报告\n\n本报告依据《中华人民共和国政府信息公开条例》编制。\n\n"
                    + "\n".join(cells) + "\n", "utf-8")
    report = process_file(page, TOPICS)
    got = {i["name"]: i["value"] for i in report.doc.fields["indicators"]}
    assert got["依申请公开申请数"] == 12 and got["依申请公开予以公开数"] == 6 and got["依申请公开不予公开数"] == 1
    assert got["行政许可决定数"] == 2405 and "行政规范性文件现行有效件数" not in got
    assert got["信息公开行政复议数"] == 1 and got["信息公开行政诉讼数"] == 3
    assert "table_inconsistent" not in {w.code for w in report.doc.warnings}


# ---------------------------------------------------------------- sentence shapes of real reports
PAGES = Path(__file__).parent / "fixtures" / "indicator_pages"
PAGE_FACTS = yaml.safe_load((PAGES / "expected.yml").read_text("utf-8"))


@pytest.fixture(scope="module")
def indicator_corpus(tmp_path_factory):
    out = tmp_path_factory.mktemp("indicator-pages")
    result = build_corpus(sorted([*PAGES.glob("*.txt"), *PAGES.glob("*.html")]), out, TOPICS_FILE, root=ROOT)
    assert not result.failures
    return {Path(parse(p.read_text("utf-8")).front["source"]["path"]).stem: parse(p.read_text("utf-8")).front
            for p in out.glob("*.md")}


@pytest.mark.parametrize("name,key,value", fact_params(PAGE_FACTS))
def test_indicator_page_fact(indicator_corpus, name, key, value):
    check_fact(indicator_corpus[name], "", key, value)


@pytest.mark.parametrize("text,want", [
    # a plan period, a span of years or "N年来" that does not open the clause is no running total
    ("2023年是“十四五”时期承上启下之年，全年共收到行政复议申请50件。", {"行政复议申请数": 50}),
    ("作为“十四五”期间的关键一年，2023年共收到行政复议申请50件。", {"行政复议申请数": 50}),
    ("为巩固2021—2023年全国法治政府示范创建成果，全年共收到行政复议申请50件。", {"行政复议申请数": 50}),
    ("2023年，区政府两年来首次被诉，全年应诉行政诉讼案件5件。", {"行政诉讼应诉数": 5}),
    ("二〇二三年来，全区共收到行政复议申请50件。", {"行政复议申请数": 50}),
    # and one that does is
    ("2019年至2023年，全区共收到行政复议申请812件。", {}),
    ("“十四五”期间，全区共调解矛盾纠纷18642件。", {}),
    ("五年来，共收到行政复议申请300件。", {}),
    ("行政复议纠错率为百分之二十点五。", {"行政复议纠错率": 20.5}),
    ("负责人出庭应诉率 1 100%。", {}),  # a space parts thousands of a count only, and no share is over 100 %
    ("2023年收到人大代表建议45件，办结42件。", {"人大代表建议办理数": 42}),  # received is not handled
    ("共收到市人大代表建议45件、市政协提案63件，已全部按时办结。", {"人大代表建议办理数": 45, "政协提案办理数": 63}),
    ("法律援助中心代理行政案件8件。", {}),  # representing a citizen is not answering a suit
])
def test_sentences_a_review_found(text, want):
    assert _values(text, year=2023) == want


def test_a_heading_naming_the_reports_own_year_is_not_next_years_plan(tmp_path):
    page = tmp_path / "report.txt"
    page.write_text("某县人民政府关于2023年度法治政府建设情况的报告\n发布时间：2024-03-01\n\n"
                    "2023年，我县扎实推进法治政府建设。现将有关情况报告如下。\n\n一、2023年重点工作推进情况\n\n"
                    "全年审查规范性文件12件，收到行政复议申请30件。\n\n二、2024年工作安排\n\n"
                    "继续推动负责人出庭应诉率稳定在100%。\n", "utf-8")
    got = {v["name"]: v["value"] for v in process_file(page, TOPICS).doc.fields["indicators"]}
    assert got == {"规范性文件审查数": 12, "行政复议申请数": 30}
