"""Search, filters and navigation in a real browser (Debian's Chromium via Playwright)."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from urllib.parse import quote, urlparse

import pytest

from browser import serve
from gongkai.corpus_file import parse
from gongkai.site.safe_markdown import strip_markup

pytestmark = pytest.mark.browser

QUERIES = ["行政复议", "复议", "政务公开", "綦江", "孔乾坤", "依申请公开", "出庭应诉", "行政复议 綦江"]
SCREENSHOTS = Path(__file__).parent / "screenshots"


@pytest.fixture(scope="module")
def site(built_site, browser):
    with serve(built_site["site"]) as base:
        yield base, browser


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text).lower())


def truth(corpus: Path, query: str) -> set[str]:
    """Report URLs whose text contains every term: the definition of a correct result set."""
    terms = _norm(query.replace(" ", "\x00")).split("\x00")
    hits = set()
    for path in corpus.glob("*.md"):
        doc = parse(path.read_text("utf-8"))
        front = doc.front
        texts = [_norm(front["title"] or "")] + [_norm(strip_markup(p.text)) for p in doc.paragraphs]
        if all(any(t in text for text in texts) for t in terms):
            hits.add(f"reports/{path.stem}/")
    return hits


def run_search(page, base: str, query: str, **filters) -> list[dict]:
    params = "&".join(f"{k}={quote(v)}" for k, v in [("q", query), *filters.items()] if v)
    page.goto(f"{base}search/?{params}")
    page.wait_for_function("() => !!document.body && document.body.dataset.searchDone !== undefined", timeout=15000)
    return page.eval_on_selector_all(".gk-result", "els => els.map(e => ({url: e.dataset.url, listing: e.classList.contains('gk-listing'), text: e.innerText}))")


@pytest.mark.parametrize("query", QUERIES)
def test_search_returns_exactly_the_reports_containing_the_query(site, built_site, query):
    base, browser = site
    page = browser.new_page()
    results = run_search(page, base, query)
    reports = [r["url"] for r in results if not r["listing"]]
    assert set(reports) == truth(built_site["corpus"], query)
    assert len(reports) == len(set(reports))
    kinds = [r["listing"] for r in results]
    assert kinds == sorted(kinds), "reports must come before listing pages"
    for r in results:  # every result, a listing page too, shows where the query occurs
        for term in query.split():
            assert term in r["text"], (r["url"], term)
    page.close()


def test_expected_counts_for_the_seeds(site, built_site):
    corpus = built_site["corpus"]
    assert len(truth(corpus, "行政复议")) == 4 and len(truth(corpus, "綦江")) == 1 and len(truth(corpus, "孔乾坤")) == 1
    assert truth(corpus, "复议") >= truth(corpus, "行政复议")


def test_results_show_the_matching_sentence_and_link_to_it(site):
    base, browser = site
    page = browser.new_page()
    results = run_search(page, base, "孔乾坤")
    assert results[0]["url"] == "reports/001_e40db4cf0542f638/" and "孔乾坤" in results[0]["text"]
    page.click(".gk-result .gk-snippet a")
    page.wait_for_load_state()
    assert "/reports/001_e40db4cf0542f638/" in page.url
    page.close()


@pytest.mark.parametrize("filters,expected_region", [({"regions": "重庆市綦江区"}, "綦江区"), ({"regions": "重庆市渝北区"}, "渝北区")])
def test_region_filter(site, built_site, filters, expected_region):
    base, browser = site
    page = browser.new_page()
    results = run_search(page, base, "行政复议", **filters)
    reports = {r["url"] for r in results if not r["listing"]}
    expected = {u for u in truth(built_site["corpus"], "行政复议")
                if parse((built_site["corpus"] / (u.split("/")[1] + ".md")).read_text("utf-8")).front["region"] == expected_region}
    assert reports == expected and len(expected) == 1
    assert not [r for r in results if r["listing"]], "filters keep to reports"
    page.close()


def test_year_topic_and_type_filters_from_the_form(site, built_site):
    base, browser = site
    page = browser.new_page()
    run_search(page, base, "行政")
    page.click("#gk-filter-panel summary")  # the filters load when opened
    page.wait_for_function("() => !document.querySelector('select[name=years]').disabled")
    page.select_option("select[name=years]", "2020")
    page.wait_for_url(re.compile(r"years=2020"))
    page.wait_for_function("() => document.querySelectorAll('.gk-result').length > 0")
    page.wait_for_timeout(300)
    urls = page.eval_on_selector_all(".gk-result", "els => els.map(e => e.dataset.url)")
    fronts = {p.stem: parse(p.read_text("utf-8")).front for p in built_site["corpus"].glob("*.md")}
    want = {f"reports/{k}/" for k, f in fronts.items() if f["report_year"] == 2020}
    assert set(urls) == want and len(want) == 3
    for name, value, key in (("topics", "营商环境", "topics"), ("types", "通知", "doc_type")):
        results = run_search(page, base, "", **{name: value})
        got = {r["url"] for r in results}
        want = {f"reports/{k}/" for k, f in fronts.items() if (value in f[key] if key == "topics" else f[key] == value)}
        assert got == want and want
    page.close()


def test_header_search_box_on_every_page_opens_results(site):
    base, browser = site
    page = browser.new_page()
    for path in ("", "topics/政务公开/", "reports/001_e40db4cf0542f638/"):
        page.goto(base + path)
        assert page.locator(".gk-header-search input[name=q]").count() == 1
    page.fill(".gk-header-search input[name=q]", "綦江")
    page.press(".gk-header-search input[name=q]", "Enter")
    page.wait_for_function("() => !!document.body && document.body.dataset.searchDone !== undefined")
    assert "search/?q=" in page.url
    assert page.eval_on_selector_all(".gk-result:not(.gk-listing)", "els => els.map(e => e.dataset.url)") == [
        "reports/003_78ed85b0c485cc82/"]
    page.close()


def test_topic_excerpt_leads_to_the_paragraph_anchor(site):
    base, browser = site
    page = browser.new_page()
    page.goto(base + "topics/政务公开/")
    link = page.locator("strong > a[href*='#p']").first  # a report's title leads to the sentence quoted
    href = link.get_attribute("href")
    link.click()
    page.wait_for_load_state()
    anchor = urlparse(page.url).fragment
    assert anchor.startswith("p") and "/reports/" in page.url
    text = page.locator(f"[id='{anchor}']").inner_text()
    assert any(term in text for term in ("政务公开", "政府信息公开", "依申请公开", "主动公开", "信息公开")), (href, text)
    page.close()


def test_no_request_leaves_127_0_0_1(site):
    base, browser = site
    page = browser.new_page()
    hosts = set()
    page.on("request", lambda req: hosts.add(urlparse(req.url).hostname))
    for path in ("", "reports/003_78ed85b0c485cc82/", "topics/行政复议/", "regions/綦江区/", "laws/", "search/?q=行政复议"):
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
    assert hosts == {"127.0.0.1"}
    page.close()


PAGE_TYPES = {"home": "", "report": "reports/11500112009315877l-2013-08621/", "topic": "topics/行政复议/",
              "region": "regions/綦江区/", "year": "years/2020/", "law": "laws/行政诉讼法/", "topics-index": "topics/",
              "search": "search/?q=行政复议", "issuer": "issuers/", "about": "about/"}


@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
def test_screenshots_have_no_overflow_zero_width_spaces_or_empty_sections(site, width):
    base, browser = site
    page = browser.new_page(viewport={"width": width, "height": 900})
    SCREENSHOTS.mkdir(exist_ok=True)
    for name, path in PAGE_TYPES.items():
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=False)
        text = page.inner_text("body")
        assert "\u200b" not in text and "\ufeff" not in text, name
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 1, f"{name} overflows by {overflow}px at {width}px"
        empty = page.evaluate("""() => Array.from(document.querySelectorAll('.md-content h2')).filter(h => {
            const n = h.nextElementSibling; return !n || /^H[12]$/.test(n.tagName); }).map(h => h.textContent)""")
        assert not empty, f"{name}: empty sections {empty}"
    page.close()


def test_citation_copies_with_one_click(site):
    base, browser = site
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(base + "reports/003_78ed85b0c485cc82/")
    page.click("button[data-copy=cite-gbt]")
    page.wait_for_function("() => document.querySelector('button[data-copy=cite-gbt]').textContent === '已复制'")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("重庆市綦江区人民政府. 重庆市綦江区2021年度法治政府建设情况报告[EB/OL].")
    page.click("button[data-copy=cite-bib]")  # added by cite.js from the page's citation_* meta tags
    page.wait_for_function("() => document.querySelector('button[data-copy=cite-bib]').textContent === '已复制'")
    bib = page.evaluate("navigator.clipboard.readText()").split("\n")
    assert bib[:3] == ["@misc{gongkai-003_78ed85b0c485cc82,", "  title = {重庆市綦江区2021年度法治政府建设情况报告},",
                       "  author = {{重庆市綦江区人民政府}},"]
    assert re.fullmatch(r"  year = \{20\d\d\},", bib[3]) and bib[-1] == "}" and bib[-2].startswith("  url = {http")
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(base + "topics/")
    page.wait_for_timeout(500)
    assert not [u for u in requests if u.endswith("sitemap.xml")], "a page load fetched sitemap.xml"
    context.close()
