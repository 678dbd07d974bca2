from gongkai.corpus.html_text import html_to_page

HTML = """<html><head><title>关于某事的通知_某区人民政府</title><meta name="ArticleTitle" content="关于某事的通知">
<script>var x = "脚本";</script><style>.a{}</style></head><body>
<header><a>首页</a><a>政务公开</a></header><nav>导航菜单</nav>
<div class="content"><p>第一段，<strong>加粗文字</strong>之后。</p><p>第二行<br>换行之后</p>
<table><tr><th>年份</th><th>件数</th></tr><tr><td>2021</td><td>61</td></tr></table>
<ul><li>条目一</li><li>条目二</li></ul></div>
<form><input value="搜索"></form><footer>版权所有</footer></body></html>"""


def test_structure_is_kept_and_furniture_dropped():
    page = html_to_page(HTML)
    text = "\n".join(page.lines)
    assert "第一段，**加粗文字**之后。" in text
    assert "第二行\n换行之后" in text
    assert "| 年份 | 件数 |" in text and "| 2021 | 61 |" in text
    assert "条目一" in page.lines and "条目二" in page.lines
    for gone in ("脚本", "导航菜单", "版权所有", "搜索", "政务公开"):
        assert gone not in text
    assert page.meta["ArticleTitle"] == "关于某事的通知" and page.meta["html_title"].startswith("关于某事")


def test_layout_tables_are_flattened_not_tabulated():
    long = "很长的正文。" * 60
    page = html_to_page(f"<table><tr><td><p>{long}</p></td><td>侧栏</td></tr></table>")
    assert long in page.lines and not any(l.startswith("|") for l in page.lines)


def test_hidden_elements_are_dropped_unless_they_hold_the_article():
    from gongkai.corpus.html_text import html_to_page
    article = "<p>2023年，我县坚持依法行政，全年审查规范性文件12件，收到行政复议申请30件，依法办结28件，各项工作取得新成效。</p>"
    shared = '<div style="display: none">某县2023年度报告（分享用标题）</div><span hidden>供搜索引擎的摘要</span>'
    lines = html_to_page(f"<html><body>{shared}<div>{article}</div></body></html>").lines
    assert not any("分享用标题" in line or "摘要" in line for line in lines) and any("依法行政" in line for line in lines)
    # a CMS that hides the article until a script shows it: the text stays
    lines = html_to_page(f'<html><body><div id="zoom" style="display:none">{article}</div></body></html>').lines
    assert any("依法行政" in line for line in lines)


def test_the_title_element_is_metadata_not_a_line():
    from gongkai.corpus.html_text import html_to_page
    page = html_to_page("<html><head><title>某县人民政府 政务公开 某县2023年度报告</title></head><body><p>正文。</p></body></html>")
    assert page.meta["html_title"] == "某县人民政府 政务公开 某县2023年度报告" and not any("政务公开" in line for line in page.lines)
