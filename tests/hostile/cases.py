"""Hostile seed pages for issue 14, generated as files at test time.

Each case is one (or a few) seed pages that look like an ordinary 法治政府建设 report: a header,
a breadcrumb, a title such as ``青山区人民政府关于2022年度法治政府建设情况的报告``, metadata labels
(索引号, 发文机关, 发布机构, 主题分类, 发布日期) and at least five Chinese body paragraphs, with ONE
hostile element injected. Every case carries a unique tag ``HOSTILE-NN``:

- the payload itself contains the tag (``alert('HOSTILE-07')``, ``http://evil.example/hostile-07.js``),
  so a finding in the built HTML, a dialog in Chromium or a blocked request names its case;
- the body's first and last paragraphs carry ``HOSTILE-NN-BEGIN`` and ``HOSTILE-NN-END``, so the
  report page, its source copy and its search entry can be found, and an empty or truncated report
  is caught;
- the title names a district of its own (``青山区``…), so listing pages that show the title are found.

Cases are grouped into runs (``group``): the cases of a group are cleaned and built together with the
repository's ordinary seeds, through the real CLI. Groups whose cases need a project folder of their
own (symlinks, one-file SRC, big pages, slow-regex lines) are built alone.
"""
from __future__ import annotations

import html
import os
from dataclasses import dataclass
from pathlib import Path

# Districts: one per case, so that a title can be found on listing pages. None of them starts with a
# character the region pattern refuses (全我本各该辖城社园地小街景新).
_FIRST = "青白红金银铜铁石松柏"
_SECOND = "山水河湖林原川岭峰泉"


def district(num: int) -> str:
    return f"{_FIRST[num // 10 % 10]}{_SECOND[num % 10]}区"


def tag(num: int) -> str:
    return f"HOSTILE-{num:02d}"


@dataclass(frozen=True)
class SeedFile:
    name: str | bytes   # path relative to seeds/ (bytes for a name that is not valid UTF-8)
    data: bytes


@dataclass(frozen=True)
class Case:
    num: int
    key: str                 # readable test id, e.g. "title-script"
    group: str               # the run it is built in
    what: str                # the hostile element, in words
    files: tuple[SeedFile, ...]
    visible: tuple[str, ...] = ()   # text that must be shown as printed on the report page
    csv_readable: tuple[str, ...] = ()  # text that must still be readable in catalog.csv
    has_report: bool = True  # False: the page is meant to be refused (symlinks)
    may_skip: bool = False   # True: skipping the page with one named line is an acceptable outcome

    @property
    def tag(self) -> str:
        return tag(self.num)

    @property
    def district(self) -> str:
        return district(self.num)

    @property
    def begin(self) -> str:
        return f"{self.tag}-BEGIN"

    @property
    def end(self) -> str:
        return f"{self.tag}-END"

    @property
    def id(self) -> str:
        return f"{self.num:02d}-{self.key}"

    def write(self, seeds: Path) -> list[Path]:
        """Write the case's seed files under ``seeds``; returns their paths (str paths may be
        surrogate-escaped for a bytes name)."""
        out = []
        for f in self.files:
            if isinstance(f.name, bytes):
                target = os.path.join(os.fsencode(seeds), f.name)
                os.makedirs(os.path.dirname(target), exist_ok=True)
                with open(target, "wb") as handle:
                    handle.write(f.data)
                out.append(Path(os.fsdecode(target)))
            else:
                target = seeds / f.name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(f.data)
                out.append(target)
        return out


# ---------------------------------------------------------------------------------------------
# The ordinary report every case is built from.

_PARAGRAPHS = [
    "2022年，{d}人民政府坚持以习近平法治思想为指导，全面贯彻落实党中央、国务院关于法治政府建设的决策部署，"
    "认真落实《法治政府建设实施纲要（2021－2025年）》，各项工作取得明显成效。（标记：{begin}）现将有关情况报告如下：",
    "一是深化行政复议体制改革。全年共收到行政复议申请一百二十件，依法受理一百零八件，审结九十六件，"
    "纠错率同比提高三个百分点，行政复议化解行政争议的主渠道作用进一步发挥。",
    "二是严格规范公正文明执法。全面推行行政执法公示制度、执法全过程记录制度和重大执法决定法制审核制度，"
    "组织执法人员培训十二期，开展行政执法案卷评查两次，评查案卷三百余卷。",
    "三是推进政务公开。主动公开政府信息四千余条，办理依申请公开事项八十六件，均在法定期限内答复，"
    "政府门户网站集约化建设稳步推进，政策解读质量持续提升。",
    "四是加强规范性文件监督管理。对新制定的规范性文件全部进行合法性审核，备案审查率达到百分之百，"
    "清理不符合上位法规定的文件十一件，维护了法制统一。",
    "五是落实行政机关负责人出庭应诉制度。全年行政诉讼案件中行政机关负责人出庭应诉率达到百分之九十五以上，"
    "行政复议决定和法院生效裁判得到全面执行。",
    "下一步，我们将继续深入学习贯彻习近平法治思想，持续深化行政复议体制改革，全面提升依法行政能力和水平，"
    "为全区经济社会高质量发展提供坚实法治保障。（标记：{end}）",
]


def report_lines(num: int, *, title: str | None = None, issuer: str | None = None, publisher: str | None = None,
                 subject: str | None = None, index_no: bool = True, extra: dict[int, list[str]] | None = None,
                 last: list[str] | None = None) -> list[str]:
    """The lines of an ordinary text page; ``extra[i]`` lines go after body paragraph ``i``."""
    d, t = district(num), tag(num)
    title = title if title is not None else f"{d}人民政府关于2022年度法治政府建设情况的报告"
    lines = [f"重庆市{d}人民政府门户网站", "", "您当前的位置：首页 > 政务公开 > 法治政府建设年度报告", "", title, ""]
    if index_no:
        lines += [f"索引号：11500000HS{num:04d}/2022-{num:05d}"]
    lines += [f"发文机关：{issuer if issuer is not None else f'重庆市{d}人民政府'}",
              f"发布机构：{publisher if publisher is not None else f'重庆市{d}司法局'}",
              f"主题分类：{subject if subject is not None else '综合政务'}",
              f"发布日期：2022-03-{num % 28 + 1:02d}", "", "区委："]
    extra = extra or {}
    for i, para in enumerate(_PARAGRAPHS):
        lines += ["", "　　" + para.format(d=d, begin=f"{t}-BEGIN", end=f"{t}-END")]
        for line in extra.get(i, []):
            lines += ["", line]
    lines += ["", f"重庆市{d}人民政府", f"2022年3月{num % 28 + 1}日"]
    lines += last or []
    return lines


def report_text(num: int, **kwargs) -> bytes:
    return ("\n".join(report_lines(num, **kwargs)) + "\n").encode("utf-8")


def report_html(num: int, *, head: str = "", body_top: str = "", after: dict[int, str] | None = None,
                body_attrs: str = "", meta_title: str | None = None, title: str | None = None) -> bytes:
    """An ordinary saved HTML page; ``after[i]`` is raw HTML placed after body paragraph ``i``."""
    d, t = district(num), tag(num)
    title = title if title is not None else f"{d}人民政府关于2022年度法治政府建设情况的报告"
    esc = html.escape
    meta = f'<meta name="ArticleTitle" content="{esc(meta_title)}">\n' if meta_title is not None else ""
    after = after or {}
    paras = []
    for i, para in enumerate(_PARAGRAPHS):
        paras.append(f"<p>{esc(para.format(d=d, begin=f'{t}-BEGIN', end=f'{t}-END'))}</p>")
        if i in after:
            paras.append(after[i])
    page = f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{esc(title)}_重庆市{d}人民政府</title>
{meta}<link rel="stylesheet" href="css/style.css">
{head}
</head>
<body{body_attrs}>
<div class="top"><img src="images/logo.png" alt="">重庆市{d}人民政府门户网站</div>
<div class="crumb">您当前的位置：首页 &gt; 政务公开 &gt; 法治政府建设年度报告</div>
{body_top}
<h1>{esc(title)}</h1>
<div class="info">
<p>索引号：11500000HS{num:04d}/2022-{num:05d}</p>
<p>发文机关：重庆市{d}人民政府</p>
<p>发布机构：重庆市{d}司法局</p>
<p>主题分类：综合政务</p>
<p>发布日期：2022-03-{num % 28 + 1:02d}</p>
</div>
<div class="content">
<p>区委：</p>
{chr(10).join(paras)}
<p>重庆市{d}人民政府</p>
<p>2022年3月{num % 28 + 1}日</p>
</div>
</body>
</html>
"""
    return page.encode("utf-8")


def _name(num: int, suffix: str = ".txt") -> str:
    return f"hostile-{num:02d}{suffix}"


# ---------------------------------------------------------------------------------------------
# The cases.

def _build() -> list[Case]:
    cases: list[Case] = []

    def add(key: str, group: str, what: str, files: list[SeedFile] | None = None, **kw) -> int:
        num = len(cases) + 1
        cases.append(Case(num, key, group, what, tuple(files) if files is not None else (), **kw))
        return num

    def txt(key: str, group: str, what: str, make, name: str | None = None, **kw) -> None:
        num = len(cases) + 1
        data = make(num, tag(num), district(num))
        add(key, group, what, [SeedFile(name or _name(num), data)], **kw)

    def htm(key: str, group: str, what: str, make, **kw) -> None:
        num = len(cases) + 1
        add(key, group, what, [SeedFile(_name(num, ".html"), make(num, tag(num), district(num)))], **kw)

    # --- HTML pages: the raw source archive must not execute; entities must stay text ------------
    g = "source-html"
    htm("html-script", g, "<script> in an HTML page (head and body)",
        lambda n, t, d: report_html(n, head=f"<script>alert('{t}')</script>",
                                    after={2: f"<script>alert('{t}')</script>"}))
    htm("html-onerror", g, "<img onerror=> in an HTML page",
        lambda n, t, d: report_html(n, after={2: f"<p>附图：<img src=\"x\" onerror=\"alert('{t}')\"></p>"}))
    htm("html-offsite-script", g, "off-site <script src> in an HTML page",
        lambda n, t, d: report_html(n, head=f'<script src="http://evil.example/{t.lower()}.js"></script>',
                                    after={3: f'<script src="//evil.example/{t.lower()}-2.js"></script>'}))
    htm("html-body-onload", g, "<body onload=> and <svg onload=> in an HTML page",
        lambda n, t, d: report_html(n, body_attrs=f" onload=\"alert('{t}')\"",
                                    after={1: f"<svg onload=\"alert('{t}')\"></svg>"}))
    htm("html-iframe-object", g, "<iframe>, <object> and <embed> in an HTML page",
        lambda n, t, d: report_html(n, after={2: f'<iframe src="http://evil.example/{t.lower()}"></iframe>'
                                              f'<object data="http://evil.example/{t.lower()}.swf"></object>'
                                              f'<embed src="http://evil.example/{t.lower()}.swf">'}))
    htm("html-meta-refresh", g, "<meta http-equiv=refresh> to an off-site page",
        lambda n, t, d: report_html(n, head=f'<meta http-equiv="refresh" content="0;url=http://evil.example/{t.lower()}">'))
    htm("html-base", g, "<base href> pointing off-site (every relative load of the page leaves the site)",
        lambda n, t, d: report_html(n, head=f'<base href="http://evil.example/{t.lower()}/">'))
    htm("html-js-link", g, "<a href=javascript:> and a data: image in an HTML page",
        lambda n, t, d: report_html(n, after={2: f"<p>详见<a href=\"javascript:alert('{t}')\">附件</a>"
                                              f"<img src=\"data:image/svg+xml,&lt;svg onload=alert('{t}')&gt;\"></p>"}))
    htm("html-entity-text", g, "&lt;img src=x onerror=…&gt; in an HTML page's text",
        lambda n, t, d: report_html(n, after={2: f"<p>群众来信中写有&lt;img src=x onerror=alert(/{t}/)&gt;字样，已依法处理。</p>"}),
        visible=("<img src=x onerror=",))
    htm("html-entity-quoted", g, "&lt;img src=&quot;x&quot; onerror=&quot;…&quot;&gt; (quoted attributes) in an HTML page's text",
        lambda n, t, d: report_html(n, after={2: f"<p>附件说明&lt;img src=&quot;x&quot; onerror=&quot;alert('{t}')&quot;&gt;如下。</p>"}))
    htm("html-entity-script", g, "&lt;script&gt;…&lt;/script&gt; in an HTML page's text",
        lambda n, t, d: report_html(n, after={3: f"<p>网站曾被植入&lt;script&gt;alert('{t}')&lt;/script&gt;代码，已清除。</p>"}),
        visible=("<script>alert(",))
    htm("html-entity-table", g, "&lt;img onerror&gt; inside a data table cell",
        lambda n, t, d: report_html(n, after={1: "<table><tr><th>项目</th><th>数量</th><th>备注</th></tr>"
                                              f"<tr><td>行政复议申请</td><td>120</td><td>&lt;img src=x onerror=alert(/{t}/)&gt;</td></tr>"
                                              "<tr><td>审结</td><td>96</td><td>按期</td></tr></table>"}))
    htm("html-entity-table-pipe", g, "a data table cell holding Markdown table syntax and a raw <script>",
        lambda n, t, d: report_html(n, after={1: "<table><tr><th>项目</th><th>数量</th></tr>"
                                              f"<tr><td>| --- |&lt;script&gt;alert('{t}')&lt;/script&gt;</td><td>120</td></tr>"
                                              "<tr><td>审结</td><td>96</td></tr></table>"}))
    htm("html-meta-title", g, "<script> in the page's ArticleTitle <meta>",
        lambda n, t, d: report_html(n, meta_title=f"{d}人民政府<script>alert('{t}')</script>关于2022年度法治政府建设情况的报告"))
    htm("html-canonical", g, "a canonical URL that breaks out of the 原文链接 link",
        lambda n, t, d: report_html(n, head=f'<link rel="canonical" href="http://evil.example/{t.lower()}&quot;&gt;'
                                            f'&lt;img src=x onerror=alert(/{t}/)&gt;">'))

    # --- metadata values: rendered as data everywhere -----------------------------------------------
    g = "metadata"
    txt("title-script", g, "<script> in the title",
        lambda n, t, d: report_text(n, title=f"{d}人民政府<script>alert('{t}')</script>关于2022年度法治政府建设情况的报告"))
    txt("title-quote", g, "a quote-breaking attribute payload in the title",
        lambda n, t, d: report_text(n, title=f'{d}人民政府"><img src=x onerror=alert(/{t}/)>关于2022年度法治政府建设情况的报告'))
    txt("title-single-quote", g, "a single-quote-breaking payload in the title",
        lambda n, t, d: report_text(n, title=f"{d}人民政府' onmouseover='alert(/{t}/)' x='关于2022年度法治政府建设情况的报告"))
    txt("title-mdlink", g, "a Markdown javascript: link in the title",
        lambda n, t, d: report_text(n, title=f"{d}人民政府[关于](javascript:alert('{t}'))2022年度法治政府建设情况的报告"))
    txt("title-pipe", g, "a | in the title (breaks the table it sits in)",
        lambda n, t, d: report_text(n, title=f"{d}人民政府关于2022年度法治政府建设|{t}|情况的报告"),
        visible=(f"建设|{tag(len(cases) + 1)}|情况",))
    txt("publisher-script", g, "<script> in 发布机构",
        lambda n, t, d: report_text(n, publisher=f"重庆市{d}司法局<script>alert('{t}')</script>"))
    txt("publisher-quote", g, "a quote-breaking payload in 发布机构",
        lambda n, t, d: report_text(n, publisher=f'重庆市{d}司法局"><img src=x onerror=alert(/{t}/)>'))
    txt("issuer-script", g, "<script> in 发文机关 (issuer page, home page, report index)",
        lambda n, t, d: report_text(n, issuer=f"重庆市{d}<script>alert('{t}')</script>人民政府"))
    txt("issuer-quote", g, "a quote-breaking payload in 发文机关",
        lambda n, t, d: report_text(n, issuer=f'重庆市{d}"><svg onload=alert(/{t}/)>人民政府'))
    txt("subject-script", g, "<script> in 主题分类",
        lambda n, t, d: report_text(n, subject=f"综合政务<script>alert('{t}')</script>"))
    txt("subject-quote", g, "a quote-breaking payload in 主题分类",
        lambda n, t, d: report_text(n, subject=f'综合政务"><img src=x onerror=alert(/{t}/)>'))
    txt("title-jinja", g, "Jinja-looking {{ config }} in the title",
        lambda n, t, d: report_text(n, title=f"{d}人民政府关于2022年度{{{{ config }}}}法治政府建设情况的报告"),
        visible=("{{ config }}",))
    txt("body-jinja", g, "Jinja-looking {{ config }} and {% include %} in the body",
        lambda n, t, d: report_text(n, extra={2: [f"模板语法{{{{ config.site_name }}}}与{{% include 'mkdocs.yml' %}}不应被执行（{t}）。"]}),
        visible=("{{ config.site_name }}", "{% include 'mkdocs.yml' %}"))
    # CSV formula starts (catalog.csv, topics.csv)
    txt("csv-hyperlink-title", g, "a title starting with =HYPERLINK(…)",
        lambda n, t, d: report_text(n, title=f'=HYPERLINK("http://evil.example/{t.lower()}"){d}人民政府关于2022年度法治政府建设情况的报告'),
        csv_readable=("HYPERLINK",))
    txt("csv-hyperlink-issuer", g, "an issuer starting with =HYPERLINK(…)",
        lambda n, t, d: report_text(n, issuer=f'=HYPERLINK("http://evil.example/{t.lower()}")重庆市{d}人民政府'),
        csv_readable=("HYPERLINK",))
    txt("csv-plus-issuer", g, "an issuer starting with +1",
        lambda n, t, d: report_text(n, issuer=f"+1+{t}重庆市{d}人民政府"), csv_readable=(f"1+{tag(len(cases) + 1)}",))
    txt("csv-minus-title", g, "a title starting with -1+2",
        lambda n, t, d: report_text(n, title=f"-1+2+{t}{d}人民政府关于2022年度法治政府建设情况的报告"),
        csv_readable=(f"1+2+{tag(len(cases) + 1)}",))
    txt("csv-at-issuer", g, "an issuer starting with @SUM(1)",
        lambda n, t, d: report_text(n, issuer=f"@SUM(1){t}重庆市{d}人民政府"), csv_readable=("SUM(1)",))
    htm("csv-tab-title", g, "a title (from <meta>) starting with a tab and =",
        lambda n, t, d: report_html(n, meta_title=f"\t=1+1{t}{d}人民政府关于2022年度法治政府建设情况的报告"))
    htm("csv-cr-title", g, "a title (from <meta>) starting with a CR and =",
        lambda n, t, d: report_html(n, meta_title=f"\r=1+1{t}{d}人民政府关于2022年度法治政府建设情况的报告"))
    # control characters
    for code in ("\x01", "\x1b", "\x7f", "\x9b"):
        txt(f"ctrl-u{ord(code):04x}-title", g, f"U+{ord(code):04X} in the title",
            lambda n, t, d, code=code: report_text(n, title=f"{d}人民政府关于2022年度法治{code}政府建设情况的报告"))
    txt("ctrl-mixed-issuer", g, "U+0001, U+001B, U+007F and U+009B in 发文机关 and 主题分类",
        lambda n, t, d: report_text(n, issuer=f"重庆市{d}\x01\x1b人民政府", subject="综合\x7f\x9b政务"))
    htm("ctrl-meta-title", g, "U+0001 and U+009B in an HTML <meta> title",
        lambda n, t, d: report_html(n, meta_title=f"{d}人民政府\x01关于2022年度\x9b法治政府建设情况的报告"))
    txt("ctrl-body", g, "U+0001, U+001B, U+007F, U+009B in a body paragraph",
        lambda n, t, d: report_text(n, extra={2: [f"控制字符\x01\x1b[31m红色\x7f\x9b测试（{t}）。"]}))

    # --- Markdown syntax in body text: data, never live -------------------------------------------
    g = "markdown"
    txt("md-js-link", g, "[x](javascript:…) in the body",
        lambda n, t, d: report_text(n, extra={2: [f"详见 [通知全文](javascript:alert('{t}')) 所列事项。"]}))
    txt("md-ref-link", g, "a reference link [x][1] + [1]: javascript:… in the body",
        lambda n, t, d: report_text(n, extra={2: [f"详见 [通知全文][1] 所列事项（{t}）。", f"[1]: javascript:alert('{t}')"]}))
    txt("md-data-link", g, "a data: URL link in the body",
        lambda n, t, d: report_text(n, extra={3: [f"附件 [下载](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==#{t}) 已公开。"]}))
    txt("md-data-image", g, "a data: URL image in the body",
        lambda n, t, d: report_text(n, extra={3: [f"图示 ![{t}](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+) 如下。"]}))
    txt("md-remote-image", g, "![](http://evil.example/x.png) remote image in the body",
        lambda n, t, d: report_text(n, extra={1: [f"现场照片 ![](http://evil.example/{t.lower()}.png) 见附件。"]}))
    txt("md-remote-image-ref", g, "a reference-style remote image in the body",
        lambda n, t, d: report_text(n, extra={1: ["现场照片 ![照片][img] 见附件。", f"[img]: http://evil.example/{t.lower()}.png"]}))
    txt("md-raw-html-table", g, "raw HTML inside a Markdown table in the body",
        lambda n, t, d: report_text(n, extra={1: ["| 项目 | 数量 |\n| --- | --- |\n"
                                                  f"| 行政复议 <img src=x onerror=alert(/{t}/)> | 120 |\n"
                                                  f"| 审结 <script>alert('{t}')</script> | 96 |"]}))
    txt("md-raw-html", g, "raw <img onerror> and <script> in a body paragraph",
        lambda n, t, d: report_text(n, extra={2: [f"工作照片<img src=x onerror=alert(/{t}/)>及<script>alert('{t}')</script>附后。"]}))
    txt("md-html-block", g, "a raw HTML block (md_in_html) at a line start in the body",
        lambda n, t, d: report_text(n, extra={2: [f"<div markdown=\"1\" onmouseover=\"alert('{t}')\">\n行政复议工作情况\n</div>"]}))
    txt("md-attr-list-inline", g, "{: onclick=… } attribute list ending a body paragraph",
        lambda n, t, d: report_text(n, extra={2: [f"依法行政水平不断提升。\n{{: onclick=\"alert('{t}')\" }}"]}))
    txt("md-attr-list-heading", g, "{: onclick=… } attribute list ending a heading line",
        lambda n, t, d: report_text(n, extra={2: [f"（三）加强执法监督 {{: onclick=\"alert('{t}')\" }}"]}))
    txt("md-attr-list-span", g, "an inline attribute list after a link and an emphasis",
        lambda n, t, d: report_text(n, extra={2: [f"见 [说明](#){{: onmouseover=\"alert('{t}')\" }} 与 *要点*{{: onclick=\"alert('{t}')\" }}。"]}))
    txt("md-autolink-js", g, "an autolink-looking <javascript:…> and an e-mail autolink",
        lambda n, t, d: report_text(n, extra={2: [f"联系 <javascript:alert('{t}')> 或 <{t.lower()}@evil.example>。"]}))
    # extension syntax that trips the strict build
    txt("ext-toc", g, "[TOC] on a line of its own",
        lambda n, t, d: report_text(n, extra={1: ["[TOC]", f"目录如上（{t}）。"]}), visible=("[TOC]",))
    txt("ext-footnote", g, "a footnote reference [^1] and definition",
        lambda n, t, d: report_text(n, extra={2: [f"依据有关规定[^1]办理（{t}）。", "[^1]: 见《行政复议法》第二十条。"]}))
    txt("ext-autolink", g, "an autolink <http://evil.example>",
        lambda n, t, d: report_text(n, extra={2: [f"详见 <http://evil.example/{t.lower()}> 所载内容。"]}))
    txt("ext-fence", g, "a ``` fence that would swallow the following paragraphs and their anchors",
        lambda n, t, d: report_text(n, extra={1: [f"```\n以下内容（{t}）："]}), visible=("```",))
    txt("ext-inline-code", g, "``` runs around a topic word (a code span would show our own link markup)",
        lambda n, t, d: report_text(n, extra={2: [f"坚持```行政复议```优先原则（{t}）。"]}), visible=("```行政复议```",))
    txt("ext-law-bracket", g, "a bracketed law name [《行政复议法》]",
        lambda n, t, d: report_text(n, extra={2: [f"认真贯彻[《行政复议法》]和[《行政诉讼法》](2017)（{t}）。"]}),
        visible=("[《行政复议法》]", "[《行政诉讼法》](2017)"))
    txt("ext-relative-link", g, "an innocent relative link [附件](附件1.doc)",
        lambda n, t, d: report_text(n, extra={5: [f"详见[附件](附件1.doc)与[附件2](attachment-2.doc)（{t}）。"]}),
        visible=("[附件2](attachment-2.doc)",))
    txt("ext-anchor-link", g, "an in-page link to an anchor that does not exist [上文](#p999)",
        lambda n, t, d: report_text(n, extra={5: [f"详见[上文](#p999)及[下文](index.md#nowhere)（{t}）。"]}))
    txt("ext-admonition", g, "admonition syntax !!! at a line start",
        lambda n, t, d: report_text(n, extra={3: [f'!!! danger "{t}"\n    本段不应成为提示框。']}))
    txt("ext-heading-setext", g, "setext heading and rule syntax in the body",
        lambda n, t, d: report_text(n, extra={3: [f"重要事项（{t}）\n===", "---", "* * *"]}))

    # --- file names, ids and slugs ------------------------------------------------------------------
    g = "names"

    def named(key: str, what: str, name: str) -> None:
        txt(key, g, what, lambda n, t, d: report_text(n, index_no=False), name=name)

    num = len(cases) + 1
    named("name-newline", "a seed file name with a newline", f"hostile-{num:02d}\n第二行.txt")
    named("name-hash", "a seed file name with #", f"报告#hostile-{len(cases) + 1:02d}.txt")
    named("name-percent", "a seed file name with % escapes", f"报告%2F%41%hostile-{len(cases) + 1:02d}.txt")
    named("name-question", "a seed file name with ?", f"报告?q=hostile-{len(cases) + 1:02d}.txt")
    named("name-svg", 'a seed file name "><svg onload=…>', f"\"><svg id={tag(len(cases) + 1)} onload=alert(1)>.txt")
    named("name-mdlink", "a seed file name [x](javascript:…)", f"[x](javascript:alert('{tag(len(cases) + 1)}')).txt")
    named("name-readme", "a seed named README.txt", "README.txt")
    named("name-index", "a seed named index.txt", "index.txt")
    named("name-dot", "a seed named ..txt (stem '.')", "..txt")
    named("name-dotdot", "a seed named ...txt (stem '..')", "...txt")
    named("name-a..b", "a seed named a..b.txt", "a..b.txt")
    named("name-jinja", "a seed file name with {{ }} and spaces", "{{ config }} 报告.txt")
    g = "collisions"
    for sub in ("dup-a", "dup-b"):
        named(f"dup-name-{sub[-1]}", f"a seed named 同名报告.txt in {sub}/ (two seeds with one name)", f"{sub}/同名报告.txt")
    for key, organ in (("slug-slash", "交通/运输局"), ("slug-colon", "交通:运输局"), ("slug-percent", "交通%2F运输局"),
                       ("slug-question", "交通?运输局")):
        txt(key, g, f"an issuer 重庆市{organ} whose name slugs like the others",
            lambda n, t, d, organ=organ: report_text(n, issuer=f"重庆市{organ}"))

    # --- pathological input: fails alone ------------------------------------------------------------
    g = "pathological"
    htm("nested-html", g, "HTML nested 10,000 levels deep",
        lambda n, t, d: report_html(n, after={3: "<div>" * 10000 + f"深层嵌套（{t}）" + "</div>" * 10000}), may_skip=True)
    num = len(cases) + 1
    add("name-not-utf8", g, "a seed file name that is not valid UTF-8",
        [SeedFile(f"hostile-{num:02d}-".encode() + b"\xff\xfe\xb1\xa8\xb8\xe6.txt", report_text(num, index_no=False))])

    # --- big pages (their own run: search weight) ---------------------------------------------------
    g = "big"
    txt("big-line-5mb", g, "a 5 MB page that is one single line",
        lambda n, t, d: _one_line_page(n, 5_000_000))
    txt("big-page-15mb", g, "a 15 MB page of 16,000 paragraphs",
        lambda n, t, d: _big_page(n, 15_000_000))

    # --- slow regexes (one run each, 60 s budget) ---------------------------------------------------
    txt("slow-english-240kb", "slow-english", "a 240 KB line of repeated English words (joined by hyphens, as in a URL slug)",
        lambda n, t, d: report_text(n, extra={3: ["the-quick-brown-fox-jumps-over-the-lazy-dog-" * 5455 + t]}))
    txt("slow-cjk-360kb", "slow-cjk", "a 360 KB unpunctuated CJK line",
        lambda n, t, d: report_text(n, extra={3: ["依法行政建设法治政府推进行政复议体制改革" * 6000]}))
    txt("slow-cjk-1mb", "slow-cjk-1mb", "a 1 MB unpunctuated CJK line (the issue: linear on a 1 MB line)",
        lambda n, t, d: report_text(n, extra={3: ["依法行政建设法治政府推进行政复议体制改革" * 17500]}))

    # --- symlinks in seeds/ (own run) ---------------------------------------------------------------
    add("symlink-passwd", "symlinks", "seeds/x.txt -> /etc/passwd", has_report=False)
    add("symlink-git-config", "symlinks", "seeds/x.txt -> ../.git/config (a fake token outside seeds/)", has_report=False)

    # --- one file as SRC (own run) ------------------------------------------------------------------
    txt("single-file-src", "single-file", "gongkai corpus seeds/new.txt (one file as SRC)",
        lambda n, t, d: report_text(n))
    return cases


def _one_line_page(num: int, size: int) -> bytes:
    """An ordinary report whose middle paragraph is one line of ``size`` bytes (sentences, no newline)."""
    sentence = "依法办理行政复议案件，坚持有错必纠，切实维护群众合法权益。"
    line = sentence * (size // len(sentence.encode()) + 1)
    return report_text(num, extra={3: [line]})


def _big_page(num: int, size: int) -> bytes:
    lines = report_lines(num)
    paragraph = ("第{k}项：全面推进依法行政，严格规范行政执法行为，依法受理并审结行政复议案件，"
                 "行政机关负责人出庭应诉，规范性文件备案审查，政务公开和政府信息公开工作扎实推进。"
                 "坚持问题导向，补齐短板弱项，切实提升法治政府建设水平，增强人民群众的获得感和满意度。"
                 "进一步完善重大行政决策程序，落实公众参与、专家论证、风险评估、合法性审查和集体讨论决定制度。")
    body, total, k = [], 0, 1
    while total < size:
        text = paragraph.format(k=k)
        body += ["", text]
        total += len(text.encode()) + 2
        k += 1
    # the bulk goes before the last paragraph, so the END marker closes the page
    end = max(i for i, l in enumerate(lines) if "-END" in l)
    return ("\n".join(lines[:end] + body + lines[end:]) + "\n").encode("utf-8")


CASES: list[Case] = _build()
BY_KEY = {c.key: c for c in CASES}
GROUPS: dict[str, list[Case]] = {}
for _case in CASES:
    GROUPS.setdefault(_case.group, []).append(_case)
# Groups built together with the ordinary seeds, and together as one whole run.
SHARED_GROUPS = ("source-html", "metadata", "markdown", "names", "collisions", "pathological")
