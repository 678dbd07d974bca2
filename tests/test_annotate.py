from gongkai.corpus.annotate import Topic, keywords, laws_in, normalise_law, topic_mentions
from collections import Counter

TOPICS = (Topic("行政复议", ("复议申请",), ""), Topic("政务公开", ("政府信息公开", "依申请公开"), ""),
          Topic("行政诉讼", ("出庭应诉",), ""))


def test_terms_match_as_words():
    assert [t for t, _ in topic_mentions("切实发挥行政复议解决行政争议的主渠道作用", TOPICS)] == ["行政复议"]
    assert topic_mentions("复议听证、协调和解", TOPICS) == []
    assert [t for t, _ in topic_mentions("共收到依申请公开5件", TOPICS)] == ["政务公开"]


def test_law_names_are_normalised():
    assert normalise_law("中华人民共和国行政复议法") == normalise_law("行政复议法") == "行政复议法"
    assert normalise_law("政府信息公开条例") == "政府信息公开条例"
    assert normalise_law("重庆市依法行政实施方案") is None
    assert laws_in("贯彻《宪法》《民法典》和《2020年全区法治政府建设工作要点》") == ["宪法", "民法典"]


def test_keywords_are_deterministic_and_prefer_rare_terms():
    counts = Counter({"复议": 3, "公开": 3, "綦江": 1})
    df = Counter({"复议": 1, "公开": 5, "綦江": 1})
    assert keywords(counts, df, 5, top=2) == ["复议", "公开"]
    assert keywords(counts, df, 5) == keywords(Counter(dict(reversed(list(counts.items())))), df, 5)


def test_keywords_leave_out_the_reports_own_place_but_keep_words_that_are_also_short_names(tmp_path):
    from gongkai.corpus.annotate import term_counts
    from gongkai.corpus.page import process_file
    assert term_counts(["镇巴县", "公安", "平安", "执法"]) == {"公安": 1, "平安": 1, "执法": 1}  # 公安 is a division's short name too
    page = tmp_path / "report.txt"
    page.write_text("重庆市綦江区人民政府关于2023年度法治政府建设情况的报告\n发布时间：2024-03-01\n\n"
                    + "2023年，綦江区深化綦江法治建设，綦江公安机关规范执法，平安綦江建设扎实推进。\n\n" * 3, "utf-8")
    report = process_file(page, TOPICS)
    assert "綦江" not in report.counts and "平安" in report.counts  # 平安: 青海省海东市平安区, and a word
