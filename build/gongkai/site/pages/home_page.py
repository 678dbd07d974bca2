"""The home page: what the corpus is, counts, latest reports, topics, citing and downloads."""
from __future__ import annotations

from ..export.downloads import DOWNLOADS
from ..model import Corpus, slug
from ..safe_markdown import front, link, table
from ..taxonomy import TAXONOMIES, terms
from .listing_pages import report_rows, report_table

_LATEST = 10


def render_home(corpus: Corpus, site_url: str | None) -> str:
    by_key = {t.key: t for t in TAXONOMIES}
    count = {key: len(terms(corpus, tax)) for key, tax in by_key.items()}
    topic_rows = [[link(t, f"topics/{slug(t)}.md"), str(len(rs))] for t, rs in terms(corpus, by_key["topics"])]
    cite_url = site_url or "（本站网址）"
    parts = [
        front("公开：法治政府建设年度报告语料库"),
        "# 法治政府建设年度报告语料库\n",
        "本站收集区县政府及其部门在政府网站上公开的法治政府建设年度报告等文件，"
        "去掉网页上的导航、广告和被篡改插入的文字，补全元数据，并按主题、地区、发文机关和年度互相链接，方便阅读、检索和比较。\n",
        f"**{len(corpus.reports)}** 份报告 · **{count['regions']}** 个地区 · **{count['years']}** 个年度 · "
        f"**{count['topics']}** 个主题 · **{count['laws']}** 部被引用的法律法规\n",
        '<form class="gk-home-search" action="search/" method="get" role="search" aria-label="首页搜索">'
        '<input type="search" name="q" placeholder="搜索报告全文，例如：行政复议" aria-label="搜索">'
        '<button type="submit">搜索</button></form>\n',
        "## 最新报告\n\n" + report_table(report_rows(corpus.reports[:_LATEST], prefix="reports/", index_page=True))
        + "\n" + link("全部报告", "reports/index.md") + "\n",
        "## 主题\n\n" + table(["主题", "报告数"], topic_rows),
        "## 浏览\n\n" + " · ".join(link(t.label, f"{t.key}/index.md") for t in TAXONOMIES) + "\n",
        "## 下载数据\n\n" + "\n".join(f"- [{d.name}]({d.name})：{d.description}" for d in DOWNLOADS) + "\n",
        "## 如何引用\n\n引用单份报告时，请注明原发布机关、标题和发布日期，并附上本站报告页的链接；"
        f"引用整个语料库时可写作：\n\n> 公开（gongkai）法治政府建设年度报告语料库，{cite_url}，访问日期。\n\n"
        "原始网页存档保存在每份报告页的“来源”一节，可据以核对清理结果。\n",
    ]
    return "\n".join(parts)
