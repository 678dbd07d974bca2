"""The about page: what the site is, what it covers and lacks (counted from the corpus), the
licence, how to report a mistake, and when the data was last updated.

Generated, so that its numbers are the corpus's; a hand-written docs/about.md still wins
(writer.py). The update date must be the same for the same inputs, because a rebuild must be
byte-identical: it is never the clock.
"""
from __future__ import annotations

import os
from collections import Counter
from datetime import UTC, datetime

from ...corpus.place import gazetteer
from ..export.data_files import entered
from ..model import Corpus, slug
from ..safe_markdown import front, link, md_text, table
from ..taxonomy import region_terms

ISSUES = "https://github.com/gongkai/gongkai/issues"
CC_BY = "https://creativecommons.org/licenses/by/4.0/deed.zh-hans"

_INTRO = """**公开（gongkai）** 把区县政府网站上公开的法治政府建设年度报告整理成一个可以阅读、检索和比较的语料库。
"""

_SOURCES = """## 数据从哪里来

每份报告都来自政府网站上公开的网页。原始网页原样保存在仓库的 `seeds/` 目录里，报告页“来源”一节可以下载存档。

## 清理做了什么

- 去掉网页导航、面包屑、语音播报、二维码、友情链接、备案号等网页元素；
- 统一空格和标点，把被分页打断的段落接回去；
- 删除被篡改插入的博彩、SEO 广告文字，在原处标出〔此处原文疑被篡改〕；
- 修复缺少分隔符但只有一种合理读法的日期，读不出的日期按原样保留；
- 读出索引号、发文字号、发文机关、日期等元数据，并标注主题、引用的法律法规和关键词。

每份报告页的“编辑说明”列出清理程序对这份报告做过的删除和修复。

## 搜索

搜索框按原文逐字匹配：输入“复议”会找到含“行政复议”的报告，输入“行政复议”不会找到只含“行政”的报告。多个词用空格隔开，表示都要出现。
"""

_LICENCE = f"""## 许可

报告原文由各发布机关公开。本站整理、标注的数据（报告页、下载文件和数据库）以[知识共享署名 4.0 国际许可协议（CC BY 4.0）]({CC_BY})发布：可以复制、改编和商用，请注明来源“公开（gongkai）”并附上本站链接。生成本站的程序代码以 MIT 许可证发布。
"""

_CORRECTIONS = f"""## 报告错误

发现清理错误、元数据不对、主题标注不当，或者知道本站没有收录的报告，请在项目的问题页提交：[{ISSUES}]({ISSUES})。请写上报告页的地址（点段落后的 ¶ 可以复制这一段的地址）和正确的内容。
"""


def _coverage(corpus: Corpus) -> str:
    reports = corpus.reports
    chains = [region_terms(r) for r in reports]
    provinces = Counter(chain[0] for chain in chains if chain)
    places = {chain[-1] for chain in chains if chain}
    years = sorted({int(r.year) for r in reports if r.year and str(r.year).isdigit()})
    kinds = Counter(str(r.front.get("doc_type") or "其他") for r in reports)
    span = f"{years[0]}—{years[-1]} 年度" if years else "年度不详"
    lines = [f"本站现有 **{len(reports)}** 份报告，来自 **{len(provinces)}** 个省级地区的 **{len(places)}** 个地区，"
             f"报告年度为 {span}（共 {len(years)} 个年度）。\n",
             "按类型：" + "、".join(f"{md_text(k)} {n} 份" for k, n in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))) + "。"]
    rows = []
    for province, count in sorted(provinces.items(), key=lambda kv: (-kv[1], kv[0])):
        own = [r for r, chain in zip(reports, chains, strict=True) if chain and chain[0] == province]
        own_years = sorted({str(r.year) for r in own if r.year})
        span = f"{own_years[0]}—{own_years[-1]}" if len(own_years) > 1 else (own_years or ["—"])[0]
        rows.append([link(province, f"regions/{slug(province)}.md"), str(len({region_terms(r)[-1] for r in own})),
                     str(count), md_text(span)])
    return ("## 收录范围\n\n" + "\n".join(lines) + "\n\n"
            + (table(["省级地区", "地区数", "报告数", "年度"], rows) if rows else "") + "\n"
            + "各地按时公开的情况见" + link("按时公开", "coverage/index.md") + "。\n")


def _gaps(corpus: Corpus) -> str:
    reports = corpus.reports
    covered = {chain[0] for chain in map(region_terms, reports) if chain}
    # Mainland provinces in the official order (by code); Hong Kong and Macao publish no such reports.
    missing = [d.name for d in sorted(gazetteer().by_code.values(), key=lambda d: d.code)
               if d.level == "province" and d.name not in covered and not d.name.endswith("特别行政区")]
    years = sorted({int(r.year) for r in reports if r.year and str(r.year).isdigit()})
    holes = [str(y) for y in range(years[0], years[-1] + 1) if y not in years] if years else []
    counts = [("未能确定发布日期", sum(1 for r in reports if not r.date)),
              ("未能确定发文机关", sum(1 for r in reports if not r.front.get("issuer"))),
              ("未能确定所属地区", sum(1 for r in reports if not region_terms(r))),
              ("没有记录原网页地址", sum(1 for r in reports if not (r.front.get("source") or {}).get("url")))]
    items = []
    if missing:
        items.append(f"还没有收录的省级地区（{len(missing)} 个）：" + "、".join(map(md_text, missing)) + "。")
    if holes:
        items.append("收录的年度范围内没有报告的年度：" + "、".join(holes) + "。")
    items += [f"{n} 份报告{what}。" for what, n in counts if n]
    items.append("本站只收录已经收集到的网页：没有收录不等于当地没有公开，“按时公开”页上的“未见报告”也是这个意思。")
    items.append("清理和标注由程序自动完成，可能删多或删少；每份报告都可以对照“来源”中的原始网页存档。")
    return "## 已知缺口\n\n" + "\n".join(f"- {item}" for item in items) + "\n"


def last_update(corpus: Corpus) -> str:
    """The newest date a report entered the corpus (source.added, else the date its page was saved:
    the feed's ``entered``); else the data's version date from SOURCE_DATE_EPOCH (the Makefile sets
    it to the last commit of seeds/); else the newest report's own date, said as such."""
    dates = sorted(d for d in map(entered, corpus.reports) if d)
    if dates:
        return f"最近一次收录报告的日期：{md_text(dates[-1][:10])}。"
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        day = datetime.fromtimestamp(int(epoch), tz=UTC).strftime("%Y-%m-%d")
        return f"数据最近一次更新：{day}。"
    newest = max((r.date for r in corpus.reports if r.date), default="")
    return f"收录的最新报告发布于 {md_text(newest)}；收录日期没有记录。" if newest else "更新日期没有记录。"


def render_about(corpus: Corpus) -> str:
    return "\n".join([front("关于本站"), "# 关于本站\n", _INTRO, _coverage(corpus), _gaps(corpus), _SOURCES, _LICENCE,
                      _CORRECTIONS, "## 更新日期\n\n" + last_update(corpus) + "\n"])
