import pytest

from gongkai.corpus.chrome import breadcrumb, is_chrome_line, is_nav_row, trailing_chrome_start


@pytest.mark.parametrize("line", ["语音播报", "进入播报模式", "扫一扫在手机打开当前页", "渝ICP备05003300号",
                                  "渝公网安备 50010502000000号", "网站标识码：5000000001", "字体：[大 中 小]",
                                  "浏览次数：1234", "返回顶部", "【打印本页】 【关闭窗口】", "今天是 2019年10月8日 星期二",
                                  "关怀版 | 无障碍 | 繁體版", "版权所有：某某区人民政府办公室"])
def test_chrome_lines(line):
    assert is_chrome_line(line)


@pytest.mark.parametrize("line", ["区委：", "全年共收到依申请公开5件，答复率100%。", "一、工作开展情况", "区政府法制办"])
def test_document_lines_are_not_chrome(line):
    assert not is_chrome_line(line)


def test_breadcrumb_trail():
    assert breadcrumb("您的当前位置: 首页>政务公开>法定主动公开内容 > 其他") == ["首页", "政务公开", "法定主动公开内容", "其他"]
    assert breadcrumb("当前位置：首页 » 信息公开") == ["首页", "信息公开"]
    assert breadcrumb("首页 政务公开") is None


def test_nav_row():
    assert is_nav_row("首页 政务公开 政务服务 互动交流 数据江北")
    assert not is_nav_row("全年共收到依申请公开5件，答复率100%。")


def test_trailing_link_farm_is_cut_but_a_trailing_table_is_not():
    doc = ["正文。", "重庆市某区人民政府", "2021年2月5日", "", "扫一扫在手机打开当前页", "部门街镇", "政务新媒体", "矩阵", "服务地图"]
    start = trailing_chrome_start(doc)
    assert "2021年2月5日" in doc[:start] and doc[start:][-5:] == doc[-5:] and "扫一扫在手机打开当前页" in doc[start:]
    table_end = ["正文。", "区政府法制办", "区级相关部门、镇街"]
    assert trailing_chrome_start(table_end) == len(table_end)


def test_anchored_chrome_patterns_are_anchored_in_every_alternative():
    """patterns.chrome_lines() tries the patterns that start with ^ at the line's start only (match):
    one with a top-level | (^a|b) would have its later alternatives tried there only too."""
    import re._parser as sre_parse

    from gongkai.package_data import data_yaml

    for pattern in data_yaml("chrome.yml")["line"]:
        if pattern.startswith("^"):
            top = [op for op, _ in sre_parse.parse(pattern).data]
            assert sre_parse.BRANCH not in top, f"chrome.yml: {pattern!r} starts with ^ but has a top-level |; group it: ^(?:…|…)"


def test_an_unlabelled_trail_of_three_pieces_or_from_the_home_page_is_a_breadcrumb():
    assert breadcrumb("信息公开 > 法定主动公开内容 > 法治政府建设年度报告") == ["信息公开", "法定主动公开内容", "法治政府建设年度报告"]
    assert breadcrumb("首页>>政务公开") == ["首页", "政务公开"]
    assert breadcrumb("收入>支出的情况说明") is None and breadcrumb("A > B") is None
    assert breadcrumb("全年办理案件>100件，同比增长。") is None
