"""One test per metadata layout seen on government sites."""
import pytest

from gongkai.corpus.labels import read_labels


def test_label_and_value_on_one_line():
    assert read_labels(["索引号：000014349/2021-00123", "发布日期:2021-03-23"]) == {
        "index_no": "000014349/2021-00123", "published_date": "2021-03-23"}


def test_label_then_value_on_next_line_and_empty_value():
    lines = ["索引号", "11500/2021-1", "发文字号", "发布机构", "某某区司法局"]
    assert read_labels(lines) == {"index_no": "11500/2021-1", "doc_no": None, "publisher": "某某区司法局"}


def test_bracketed_bullets():
    lines = ["  • [ 索引号 ]", "  • 115001050092881785/2021-00251", "  • [ 发文字号 ]", "  •  ",
             "  • [ 主题分类 ]", "  • 综合政务"]
    got = read_labels([l.strip() for l in lines])
    assert got == {"index_no": "115001050092881785/2021-00251", "doc_no": None, "subject": "综合政务"}


def test_markdown_table_cells():
    lines = ["| 索引号 | 11500/2021-9 | 发文字号 | 镇政发〔2021〕3号 |", "| --- | --- | --- | --- |",
             "| 发布机构 | 镇巴县人民政府 | 成文日期 | 2021-01-05 |"]
    assert read_labels(lines) == {"index_no": "11500/2021-9", "doc_no": "镇政发〔2021〕3号",
                                  "publisher": "镇巴县人民政府", "written_date": "2021-01-05"}


def test_source_and_publish_time_on_one_row():
    got = read_labels(["来源：某县司法局  发布时间：2022-03-15 10:20  浏览次数：1234"])
    assert got["publisher"] == "某县司法局" and got["published_date"].startswith("2022-03-15")


def test_article_source_and_update_time():
    got = read_labels(["文章来源：某某区人民政府办公室 更新时间：2021-04-02"])
    assert got == {"publisher": "某某区人民政府办公室", "published_date": "2021-04-02"}


def test_spaced_label():
    assert read_labels(["索 引 号：123/2020-1"]) == {"index_no": "123/2020-1"}


def test_prose_is_not_a_label():
    assert read_labels(["全年共收到依申请公开5件，答复率100%。"]) == {}


@pytest.mark.parametrize("value,want", [
    ("  打印  关闭", ""), ("  分享到", ""), ("】【打印", ""), ("【 2024-01-20 】", "2024-01-20"), (" 区司法局 2024-03-01 10:00", "区司法局"),
])
def test_furniture_is_never_a_value_but_a_date_alone_is(value, want):
    from gongkai.corpus.labels import clean_label_value
    assert clean_label_value(value) == want
