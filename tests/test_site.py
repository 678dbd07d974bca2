"""The generated site: pages, cross-links, strict build, no broken links, nothing third-party."""
from __future__ import annotations

import gzip
import html
import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest

from gongkai.corpus_file import parse
from gongkai.site.safe_markdown import front
from gongkai.site.writer import DocsWriter
from gongkai.state import State


def _reports(built_site) -> dict[str, dict]:
    return {p.stem: parse(p.read_text("utf-8")).front for p in built_site["corpus"].glob("*.md")}


def _site_links(site: Path, page: str) -> set[str]:
    """Every address a built page links to, resolved against the page's own address and relative to
    the site root (``topics/行政复议/``, ``reports/x/#p4``): what a reader's click opens."""
    html = (site / page / "index.html").read_text("utf-8")
    base = f"http://127.0.0.1/{page}/"
    out = set()
    for target in re.findall(r'href="([^"]*)"', html):
        resolved = urlparse(urljoin(base, target.replace("&amp;", "&")))
        if resolved.netloc == "127.0.0.1":
            out.add(unquote(resolved.path.lstrip("/")) + (f"#{resolved.fragment}" if resolved.fragment else ""))
    return out


@pytest.mark.parametrize("topic", ["政务公开", "行政复议"])
def test_topic_pages_link_exactly_the_reports_that_discuss_them(built_site, topic):
    linked = {m.group(1) for link in _site_links(built_site["site"], f"topics/{topic}")
              if (m := re.fullmatch(r"reports/([^/#]+)/(#.*)?", link))}
    expected = {rid for rid, f in _reports(built_site).items() if topic in f["topics"]}
    assert linked == expected and len(expected) == 4


def test_topic_excerpts_link_to_paragraph_anchors_that_exist(built_site):
    anchors = [m.groups() for link in _site_links(built_site["site"], "topics/行政复议")
               if (m := re.fullmatch(r"reports/([^/#]+)/#(p\d+)", link))]
    assert anchors
    for rid, anchor in anchors:
        html = (built_site["site"] / "reports" / rid / "index.html").read_text("utf-8")
        assert f'id="{anchor}"' in html


def test_topic_entry_title_leads_to_the_paragraph_of_its_quoted_sentence(built_site):
    """The title of each report on a topic page links to the paragraph that holds the sentence under it."""
    page = (built_site["site"] / "topics" / "行政复议" / "index.html").read_text("utf-8")
    entries = re.findall(r'<p><strong><a href="\.\./\.\./reports/([^/#"]+)/#(p\d+)">[^<]+</a></strong><br>[^<]*</p>\s*<p>([^<]+)</p>', page)
    assert len(entries) == 4
    for rid, anchor, quoted in entries:
        report = (built_site["site"] / "reports" / rid / "index.html").read_text("utf-8")
        paragraph = re.search(rf'<p id="{anchor}">(.*?)</p>', report, re.S)
        assert paragraph and html.unescape(quoted).strip() in html.unescape(re.sub(r"<[^>]+>", "", paragraph.group(1)))


def test_each_report_links_back_to_its_topics_region_issuer_and_year(built_site):
    for rid, f in _reports(built_site).items():
        page = (built_site["docs"] / "reports" / f"{rid}.md").read_text("utf-8")
        links = _site_links(built_site["site"], f"reports/{rid}")
        for topic in f["topics"]:
            assert f"topics/{topic}/" in links
        # region pages are named by the full name of the division (重庆市綦江区), under its province's page
        assert f"regions/{f['province']}{f['region']}/" in links
        if f["issuer"]:
            assert f"issuers/{f['issuer']}/" in links
        assert page.count("<h1") + page.count("\n# ") == 1


def test_report_page_shows_editor_notes_and_source(built_site):
    page = (built_site["site"] / "reports" / "11500112009315877l-2013-08621" / "index.html").read_text("utf-8")
    assert "编辑说明" in page and "万博手机版网页版" in page and "原始网页存档" in page
    # printed fields are in the card, empty ones are left out
    for label in ("索引号", "发文机关", "发布机构", "主题分类", "体裁分类", "成文日期", "发布日期", "类型"):
        assert f"<td>{label}</td>" in page
    assert "<td>年度</td>" not in page and "<td>—</td>" not in page  # a 通知 covers no year
    assert '<details class="gk-card">' in page and 'class="gk-summary"' in page


def test_index_pages_sort_by_count_then_name(built_site):
    page = (built_site["docs"] / "topics" / "index.md").read_text("utf-8")
    rows = re.findall(r'^<tr><td><a href="[^"]*">([^<]+)</a></td><td>(\d+)</td></tr>$', page, flags=re.M)
    keys = [(-int(n), name) for name, n in rows]
    assert keys == sorted(keys) and len(rows) >= 10


def test_every_taxonomy_has_pages(built_site):
    for folder in ("topics", "regions", "issuers", "years", "types", "laws"):
        assert (built_site["site"] / folder / "index.html").exists()
        assert len(list((built_site["docs"] / folder).glob("*.md"))) >= 2
    assert (built_site["site"] / "regions" / "重庆市綦江区" / "index.html").exists()
    province = (built_site["docs"] / "regions" / "重庆市.md").read_text("utf-8")
    assert "下级地区" in province and "重庆市綦江区.md" in province and "重庆市江北区.md" in province
    tree = (built_site["docs"] / "regions" / "index.md").read_text("utf-8")
    assert re.search(r"^- \[重庆市\]\(重庆市\.md\)（5 份）$", tree, flags=re.M)
    assert re.search(r"^    - \[重庆市綦江区\]\(重庆市綦江区\.md\)（1 份）$", tree, flags=re.M)
    assert (built_site["site"] / "laws" / "行政诉讼法" / "index.html").exists()


def _html_files(site: Path):
    return [p for p in site.rglob("*.html") if "assets" not in p.parts]


def test_no_internal_link_is_broken(built_site):
    site = built_site["site"]
    broken = []
    for page in _html_files(site):
        for href in re.findall(r'(?:href|src)="([^"]+)"', page.read_text("utf-8")):
            url = urlparse(href)
            if url.scheme or href.startswith(("#", "mailto:")):
                continue
            base = site if url.path.startswith("/") else page.parent  # 404.html uses site-absolute paths
            target = (base / unquote(url.path).lstrip("/")).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append((page.relative_to(site).as_posix(), href))
    assert not broken, broken[:10]


def test_nothing_is_loaded_from_another_host(built_site):
    offenders = []
    for page in _html_files(built_site["site"]):
        html = page.read_text("utf-8")
        for tag in re.findall(r"<(?:script|link|img|iframe)[^>]*>", html):
            for url in re.findall(r'(?:src|href)="(https?:)?//([^/"]+)', tag):
                if "rel=\"alternate\"" not in tag and url[1] not in ("127.0.0.1",):
                    offenders.append((page.name, tag[:120]))
    assert not offenders, offenders[:5]
    assert "fonts.googleapis" not in (built_site["site"] / "index.html").read_text("utf-8")


def test_hand_written_page_wins_and_stale_generated_pages_go(tmp_path):
    docs = tmp_path / "docs"
    (docs / "topics").mkdir(parents=True)
    (docs / "topics" / "政务公开.md").write_text("# 我们自己写的主题页\n", "utf-8")
    state = State(tmp_path / "state")
    writer = DocsWriter(docs, state)
    writer.write("topics/政务公开.md", front("生成") + "# 生成\n")
    writer.write("topics/行政复议.md", front("生成") + "# 生成\n")
    writer.finish()
    assert (docs / "topics" / "政务公开.md").read_text("utf-8") == "# 我们自己写的主题页\n"
    assert writer.skipped == ["topics/政务公开.md"]
    second = DocsWriter(docs, state)
    second.finish()
    assert not (docs / "topics" / "行政复议.md").exists() and (docs / "topics" / "政务公开.md").exists()


def test_a_generated_page_with_a_long_description_is_still_ours(tmp_path):
    """A report page's front matter carries its opening as description, so the marker sits past the
    first 400 characters; the next build must still overwrite the page, not keep it as hand-written."""
    docs = tmp_path / "docs"
    page = front("报告", description="开头" * 300) + "# 第一版\n"
    DocsWriter(docs, State(None)).write("reports/r.md", page)
    (docs / "reports" / "r.md").touch()  # another mtime: the writer must read the marker
    writer = DocsWriter(docs, State(None))
    writer.write("reports/r.md", page.replace("第一版", "第二版"))
    assert writer.skipped == [] and "第二版" in (docs / "reports" / "r.md").read_text("utf-8")


def test_long_listings_are_split_into_linked_pages(tmp_path, built_site, monkeypatch):
    """At 10,000 reports a listing must not be one huge page: pages link to each other and build strictly."""
    import shutil

    from conftest import ROOT
    from gongkai.site.pages import listing_pages
    from gongkai.site.build import run_mkdocs
    from gongkai.site.generate import generate

    monkeypatch.setattr(listing_pages, "TERM_PAGE_SIZE", 2)
    monkeypatch.setattr(listing_pages, "TOPIC_PAGE_SIZE", 1)
    docs = tmp_path / "docs"
    for name in ("assets", "search"):
        shutil.copytree(built_site["docs"] / name, docs / name, ignore=shutil.ignore_patterns("data"))

    generate(built_site["corpus"], docs, ROOT, "http://127.0.0.1/")
    run_mkdocs(ROOT / "mkdocs.yml", tmp_path / "site", "http://127.0.0.1/", docs_dir=docs)
    # Four reports a page each: the first page and three older ones, numbered from the oldest.
    assert (docs / "topics" / "行政复议" / "3.md").exists() and not (docs / "topics" / "行政复议" / "4.md").exists()
    assert (docs / "reports" / "index" / "2.md").exists()
    newest_older = (docs / "topics" / "行政复议" / "3.md").read_text("utf-8")
    assert "[最新的报告](../行政复议.md)" in newest_older and "[较早的报告](2.md)" in newest_older and "../../reports/" in newest_older
    first = (docs / "topics" / "行政复议.md").read_text("utf-8")
    assert "较早的报告：" in first and "(行政复议/3.md)" in first and "(行政复议/1.md)" in first
    assert (tmp_path / "site" / "years" / "2020" / "1" / "index.html").exists()


def test_adding_a_report_regenerates_only_what_it_changes(tmp_path, built_site):
    """The incremental path: other report pages and later listing pages are kept, not rendered again."""
    import shutil

    from gongkai.site.generate import generate

    corpus = tmp_path / "corpus"
    shutil.copytree(built_site["corpus"], corpus)
    docs, cache = tmp_path / "docs", tmp_path / "cache"
    generate(corpus, docs, tmp_path, "http://127.0.0.1/", cache_dir=cache)
    before = {p: p.stat().st_mtime_ns for p in docs.rglob("*") if p.is_file()}
    def chunk_text(path: Path) -> str:
        return gzip.decompress(path.read_bytes()).decode("utf-8")

    report_chunks = [p for p in before if "search/data/text" in p.as_posix()
                     and chunk_text(p).split("\t", 1)[0].startswith("reports/") and chunk_text(p)[8:9] != "\t"]
    text = (corpus / "001_e40db4cf0542f638.md").read_text("utf-8")
    (corpus / "zz-new-report.md").write_text(text.replace("published_date: '2021-05-28'", "published_date: '2024-01-01'"), "utf-8")
    generate(corpus, docs, tmp_path, "http://127.0.0.1/", cache_dir=cache)
    assert (docs / "reports" / "zz-new-report.md").exists()
    kept = [p for p in before if p.exists() and p.stat().st_mtime_ns == before[p]]
    reports_kept = [p for p in kept if p.parent.name == "reports" and p.name != "index.md"]
    # Reports whose related lists do not name the new one are untouched, and so is every report's compare data.
    from gongkai.site.model import load_corpus
    from gongkai.site.related import related

    now = load_corpus(corpus)
    unrelated = {r.id for r in now.reports if r.id != "zz-new-report"
                 and "zz-new-report" not in {o.id for o in related(r, now).all()}}
    assert unrelated and {docs / "reports" / f"{rid}.md" for rid in unrelated} <= set(reports_kept)
    assert all(docs / "compare" / "data" / f"{r.id}.json.gz" in kept for r in now.reports if r.id != "zz-new-report")
    # Pages are numbered oldest report first, so the newest report takes the last report number:
    # every earlier report's chunk files stay as they were (listing pages, numbered after, move up).
    assert report_chunks and all(p in kept for p in report_chunks)
    manifest = __import__("json").loads((docs / "search" / "data" / "manifest.json").read_text("utf-8"))
    assert manifest["total"] > len([p for p in before if p.name.endswith("-0.txt")])


def test_an_updated_site_is_the_site_built_from_scratch(tmp_path, built_site, monkeypatch):
    """Every cache (parsed corpus, digests, render keys, corpus.jsonl lines) gives what a clean build gives,
    after a report is added, one is changed, one is removed and a topic's description is edited.

    The search index included: it is encoded afresh from the kept tokens of each page."""
    import shutil

    from gongkai.site.pages import listing_pages
    from gongkai.site.generate import generate

    monkeypatch.setattr(listing_pages, "TERM_PAGE_SIZE", 2)  # so that later pages exist and are kept
    monkeypatch.setattr(listing_pages, "TOPIC_PAGE_SIZE", 1)

    corpus = tmp_path / "corpus"
    shutil.copytree(built_site["corpus"], corpus)
    docs, cache = tmp_path / "docs", tmp_path / "cache"

    def files(root):
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*")
                if p.is_file() and p.name != ".gongkai-generated.json"}

    def add():
        text = sorted(corpus.glob("0*.md"))[0].read_text("utf-8")
        (corpus / "zz-new.md").write_text(text.replace("published_date: '2021-05-28'", "published_date: '2024-01-01'"), "utf-8")

    def change():
        changed = sorted(corpus.glob("0*.md"))[1]
        changed.write_text(changed.read_text("utf-8").replace("。", "。\n\n新增一段：依法行政。", 1), "utf-8")

    def edit_topics():
        topics = corpus / "topics.yml"
        topics.write_text(topics.read_text("utf-8").replace("description: 公民、法人", "description: 修改后。公民、法人"), "utf-8")

    def remove():
        sorted(corpus.glob("0*.md"))[2].unlink()

    generate(corpus, docs, tmp_path, "http://127.0.0.1/", cache_dir=cache)
    for step in (add, change, edit_topics, remove):
        step()
        generate(corpus, docs, tmp_path, "http://127.0.0.1/", cache_dir=cache)
        clean = tmp_path / f"clean-{step.__name__}"
        generate(corpus, clean, tmp_path, "http://127.0.0.1/")
        updated, expected = files(docs), files(clean)
        assert updated.keys() == expected.keys(), step.__name__
        assert [k for k in expected if updated[k] != expected[k]] == [], step.__name__




def test_report_pages_can_be_cited(built_site):
    page = (built_site["site"] / "reports" / "003_78ed85b0c485cc82" / "index.html").read_text("utf-8")
    for tag in ('name="citation_title" content="重庆市綦江区2021年度法治政府建设情况报告"',
                'name="citation_author" content="重庆市綦江区人民政府"', 'name="citation_date" content="2022/03/22"',
                'property="og:title" content="重庆市綦江区2021年度法治政府建设情况报告"',
                '<link rel="canonical" href="http://127.0.0.1/reports/003_78ed85b0c485cc82/">'):
        assert tag in page, tag
    assert "重庆市綦江区人民政府. 重庆市綦江区2021年度法治政府建设情况报告[EB/OL]. (2022-03-22)[引用日期]." in page
    assert 'data-bib="003_78ed85b0c485cc82"' in page and "@misc" not in page  # BibTeX: made by cite.js (test_site_browser)
    assert "og:url" not in page and "og:description" not in page  # the canonical link and the description say it
    description = re.search(r'<meta name="description" content="([^"]*)"', page).group(1)
    assert description.startswith("2021年") and description != page  # the report's opening, not the site's
    # paragraphs have stable addresses (their ¶ links are added in the browser); headings have word anchors
    assert len(re.findall(r'<p id="p\d+">', page)) >= 10 and "gk-pilcrow" not in page
    assert 'href="#_1"' not in page and 'id="主要数字"' in page
    assert 'rel="alternate"' not in page  # which made the theme fetch sitemap.xml on every page


def test_a_page_sends_the_site_navigation_once(built_site):
    """One list of the site's sections (the sidebar, which is the drawer on a phone): with the
    theme's tabs it was sent twice, and with them the table of contents' headings a second time."""
    for rel in ("reports/003_78ed85b0c485cc82/index.html", "topics/行政复议/index.html", "index.html"):
        page = (built_site["site"] / rel).read_text("utf-8")
        frame = page[: page.index('<div class="md-content"')]  # header, navigation, table of contents
        assert 'class="md-tabs' not in frame, rel
        assert len(re.findall(r">\s*发文机关\s*<", frame)) == 1, rel


# The fetch directives a browser resolves through default-src (CSP Level 3 §6.8.3, "effective
# directive"); base-uri and form-action never fall back.
_CSP_FALLBACK = {"script-src": ["default-src"], "style-src": ["default-src"], "img-src": ["default-src"],
                 "font-src": ["default-src"], "connect-src": ["default-src"], "object-src": ["default-src"],
                 "worker-src": ["child-src", "script-src", "default-src"], "frame-src": ["child-src", "default-src"],
                 "base-uri": [], "form-action": []}
_CSP_WANTED = {"script-src": "'self'", "style-src": "'self'", "img-src": "'self' data:", "font-src": "'self'",
               "connect-src": "'self'", "object-src": "'none'", "worker-src": "'self'", "frame-src": "'none'",
               "base-uri": "'none'", "form-action": "'self'"}


def _effective_csp(policy: str) -> dict[str, str | None]:
    given = {d.split()[0]: " ".join(d.split()[1:]) for d in policy.split(";") if d.strip()}
    return {name: next((given[d] for d in [name] + fallback if d in given), None)
            for name, fallback in _CSP_FALLBACK.items()}


def test_every_page_opens_with_the_content_security_policy_a_browser_resolves_as_intended(built_site):
    """Scripts, styles, fonts, fetches and workers from the site only, no inline code (no
    'unsafe-inline' anywhere), no plugins, frames or <base>: whatever the policy leaves to default-src."""
    pages = list(built_site["site"].rglob("*.html"))
    assert len(pages) > 50
    for page in pages:
        head = page.read_text("utf-8").split("</head>", 1)[0]
        first = re.search(r"<head>\s*(<meta[^>]*>)", head).group(1)
        policy = html.unescape(re.fullmatch(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', first).group(1))
        assert "unsafe" not in policy, page
        assert _effective_csp(policy) == _CSP_WANTED, page
