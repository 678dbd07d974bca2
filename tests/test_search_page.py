"""The search page as a reader uses it (issue 11, Finding; issue 12, filters and format constants).

Result sets are checked against the corpus files (``truth`` in test_site_browser.py); the ranking
is checked against the terms' density in the text, and against a small index built here.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

import pytest
from browser import serve
from test_site_browser import SCREENSHOTS, _norm, run_search, truth

from gongkai.corpus_file import parse
from gongkai.site.safe_markdown import strip_markup

pytestmark = pytest.mark.browser

PLAN_2013 = "reports/11500112009315877l-2013-08621/"  # a long plan: the old ranking put it first for 复议


@pytest.fixture(scope="module")
def site(built_site, browser):
    with serve(built_site["site"]) as base:
        yield base, browser


@pytest.fixture
def page(site):
    base, browser = site
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    page.close()
    assert not errors, errors


def _fronts(corpus: Path) -> dict[str, tuple[dict, str]]:
    """Report URL → (front matter, its normalised text)."""
    out = {}
    for path in corpus.glob("*.md"):
        doc = parse(path.read_text("utf-8"))
        text = _norm(doc.front["title"] or "") + "".join(_norm(strip_markup(p.text)) for p in doc.paragraphs)
        out[f"reports/{path.stem}/"] = (doc.front, text)
    return out


def _date(front: dict) -> str:
    return str(front.get("published_date") or front.get("signed_date") or front.get("written_date") or "")


def _wait_next(page, before: str) -> None:
    page.wait_for_function("(n) => document.body.dataset.searchDone !== n", arg=before, timeout=15000)


def _done(page) -> str:
    return page.evaluate("() => !!document.body && document.body.dataset.searchDone")


def _reports(page) -> list[str]:
    return page.eval_on_selector_all(".gk-result:not(.gk-listing)", "els => els.map(e => e.dataset.url)")


def _open_filters(page) -> None:
    page.click("#gk-filter-panel summary")
    page.wait_for_function("() => !document.querySelector('#gk-filters select').disabled")


# 1. Counts

def test_results_count_reports_apart_from_listing_pages(site, built_site, page):
    base, _ = site
    results = run_search(page, base, "行政复议")
    listings = [r for r in results if r["listing"]]
    assert listings, "the seeds have listing pages about 行政复议"
    want = len(truth(built_site["corpus"], "行政复议"))
    assert page.inner_text("#gk-summary") == f"“行政复议”：{want} 篇报告，另有 {len(listings)} 个栏目页"


# 2. Ranking and the date order

def test_reports_rank_by_how_densely_the_term_occurs_not_by_length(site, built_site, page):
    base, _ = site
    fronts = _fronts(built_site["corpus"])
    hits = truth(built_site["corpus"], "复议")
    density = {u: fronts[u][1].count("复议") / len(fronts[u][1]) for u in hits}
    run_search(page, base, "复议")
    ranked = _reports(page)
    assert ranked == sorted(hits, key=lambda u: -density[u])
    assert ranked[0] != PLAN_2013 and ranked != sorted(hits, key=lambda u: -len(fronts[u][1]))


def _synthetic_index() -> dict[str, bytes]:
    from gongkai.site.search.index import SearchDoc, build_index

    filler = "为民服务，依法行政，规范执法程序。"  # 17 characters without the term

    def report(name: str, date: str, paragraphs: list[str]) -> SearchDoc:
        return SearchDoc(f"reports/{name}/", name, True, [(f"p{i}", t) for i, t in enumerate(paragraphs)], date)

    twin = [filler * 15 + "复议", filler * 15, filler * 15 + "复议", filler * 15]
    docs = [  # newest first, as the site passes them
        report("newer-twin", "2024-01-01", twin),
        report("dense", "2023-01-01", [filler * 15 + "复议"] * 4),
        report("older-twin", "2022-01-01", twin),
        # long and old: the term in every part of it, but thinly, as in a long plan
        report("long", "2013-01-01", [filler * 40 + ("复议" if i % 3 == 0 else "") for i in range(40)]),
    ] + [report(f"other{i}", "2012-01-01", [filler * 20]) for i in range(20)]  # so that 复议 is a rare term
    files: dict[str, str | bytes] = {}
    build_index([(d.url, d.url, lambda d=d: d) for d in docs], [], files.__setitem__)
    return {rel: content if isinstance(content, bytes) else content.encode("utf-8") for rel, content in files.items()}


def _serve_index(page, files: dict[str, bytes]) -> None:
    """Answer the search page's requests for search/data/ from ``files``."""
    def handle(route) -> None:
        rel = unquote(urlparse(route.request.url).path.split("/search/data/", 1)[1])
        if rel in files:
            kind = "application/json" if rel.endswith(".json") else "application/gzip" if rel.endswith(".gz") else "text/plain"
            route.fulfill(status=200, body=files[rel], content_type=kind)
        else:
            route.fulfill(status=404, body=b"")
    page.route(re.compile(r"/search/data/"), handle)


def test_a_short_dense_report_outranks_a_long_one_and_recency_breaks_ties(site, page):
    base, _ = site
    _serve_index(page, _synthetic_index())
    run_search(page, base, "复议")
    assert _reports(page) == ["reports/dense/", "reports/newer-twin/", "reports/older-twin/", "reports/long/"]


def test_date_order_is_offered_and_puts_the_newest_first(site, built_site, page):
    base, _ = site
    fronts = _fronts(built_site["corpus"])
    run_search(page, base, "复议")
    relevance = _reports(page)
    before = _done(page)
    page.select_option("select[name=sort]", "date")
    _wait_next(page, before)
    assert "sort=date" in page.url
    by_date = _reports(page)
    assert by_date == sorted(relevance, key=lambda u: _date(fronts[u][0]), reverse=True) and by_date != relevance
    assert page.locator("select[name=sort] option").all_inner_texts() == ["相关度", "按日期"]


# 3. Filters

def test_filters_apply_on_change_not_on_each_arrow_key(site, page):
    base, _ = site
    run_search(page, base, "行政复议")
    _open_filters(page)
    page.focus("select[name=years]")
    before = _done(page)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.wait_for_timeout(400)
    assert _done(page) == before and "years=" not in page.url, "an arrow key ran a search"
    chosen = page.eval_on_selector("select[name=years]", "s => s.value")
    page.keyboard.press("Enter")
    _wait_next(page, before)
    assert parse_qs(urlparse(page.url).query)["years"] == [chosen]
    before = _done(page)
    page.select_option("select[name=types]", index=1)  # a choice made with the mouse applies at once
    _wait_next(page, before)
    assert "types=" in page.url


def test_filter_options_count_the_results_of_the_current_query(site, built_site, page):
    base, _ = site
    fronts = _fronts(built_site["corpus"])
    hits = truth(built_site["corpus"], "行政复议")
    run_search(page, base, "行政复议")
    _open_filters(page)
    options = page.locator("select[name=years] option").all_inner_texts()
    year = {u: str(f.get("report_year") or _date(f)[:4]) for u, (f, _) in fronts.items()}  # as SiteReport.year
    years = sorted({y for y in year.values() if y}, reverse=True)
    in_query = [sum(1 for u in hits if year[u] == y) for y in years]
    in_corpus = [sum(1 for y2 in year.values() if y2 == y) for y in years]
    assert options == [f"全部（{len(hits)}）"] + [f"{y}（{n}）" for y, n in zip(years, in_query)]
    assert in_query != in_corpus, "the seeds no longer tell the query's counts from the corpus's"


def test_clear_filters_resets_every_filter(site, built_site, page):
    base, _ = site
    results = run_search(page, base, "行政复议", years="2020")
    assert len([r for r in results if not r["listing"]]) < len(truth(built_site["corpus"], "行政复议"))
    assert page.locator("#gk-filter-panel").get_attribute("open") is not None  # a set filter shows the filters
    before = _done(page)
    page.click("button.gk-reset")
    _wait_next(page, before)
    assert "years=" not in page.url
    assert set(_reports(page)) == truth(built_site["corpus"], "行政复议")
    assert page.eval_on_selector("select[name=years]", "s => s.value") == ""


# 4. Queries as people type them, and never nothing without a hint

@pytest.mark.parametrize("typed,means", [('"行政复议"', "行政复议"), ("“行政 复议”", "行政复议"), ("行政複議", "行政复议")])
def test_quotes_and_traditional_characters_find_what_they_mean(site, built_site, page, typed, means):
    base, _ = site
    results = run_search(page, base, typed)
    assert {r["url"] for r in results if not r["listing"]} == truth(built_site["corpus"], means)


def test_traditional_query_says_it_was_read_as_simplified(site, page):
    base, _ = site
    run_search(page, base, "行政複議")
    assert "按简体“行政复议”" in page.inner_text("#gk-status")


def test_an_excluded_term_leaves_out_the_pages_holding_it(site, built_site, page):
    base, _ = site
    corpus = built_site["corpus"]
    want = truth(corpus, "复议") - truth(corpus, "綦江")
    results = run_search(page, base, "复议 -綦江")
    assert {r["url"] for r in results if not r["listing"]} == want and want and want != truth(corpus, "复议")
    assert all("綦江" not in r["text"] for r in results)


@pytest.mark.parametrize("query,says,link", [
    ("行政复议 -复议", "都含有排除词", "去掉排除词再搜"),
    ("孔乾坤张三", "试试更短的词", "孔乾坤"),
    ('"行政复议" 孔乾坤', "没有出现在同一个页面", "孔乾坤"),
    ("複議張三", "也按简体字查过", "复议"),
])
def test_a_query_that_finds_nothing_says_why_and_what_to_try(site, page, query, says, link):
    base, _ = site
    assert run_search(page, base, query) == []
    assert page.inner_text("#gk-summary").startswith("没有找到")
    hints = page.inner_text("#gk-hints")
    assert says in hints, hints
    if link:
        before = _done(page)
        page.click(f"#gk-hints a:text-is('{link}')")
        page.wait_for_function("(n) => document.body.dataset.searchDone !== n", arg=before)
        assert page.locator(".gk-result").count() > 0, f"the hint {link} found nothing"


def test_filters_that_exclude_everything_offer_to_clear_them(site, page):
    base, _ = site
    assert run_search(page, base, "綦江", years="2013") == []
    assert "不加筛选有" in page.inner_text("#gk-hints")


# 5. Landing on the paragraph

@pytest.mark.parametrize("query", ["孔乾坤", "坚持学法"])  # 坚持学法 runs into a topic link: 坚持<a>学法</a>
def test_a_result_lands_on_its_paragraph_with_the_term_marked(site, page, query):
    base, _ = site
    run_search(page, base, query)
    page.click(".gk-result .gk-snippet a")
    page.wait_for_load_state("networkidle")
    url = urlparse(page.url)
    assert url.fragment.startswith("p") and parse_qs(url.query)["hl"] == [query]
    marked, top, height = page.evaluate("""() => {
        const p = document.getElementById(location.hash.slice(1));
        return [Array.from(p.querySelectorAll('mark.gk-hit')).map(m => m.textContent).join(''),
                p.getBoundingClientRect().top, window.innerHeight]; }""")
    assert marked == query
    assert 0 <= top < height, "the paragraph is not in view"
    assert page.locator(".gk-landed").count() == 1


def test_the_result_title_also_lands_on_the_paragraph(site, page):
    base, _ = site
    run_search(page, base, "孔乾坤")
    href = page.get_attribute(".gk-result:not(.gk-listing) .gk-title", "href")
    assert "?hl=" in href and "#p" in href


# 6. Title and focus

def test_the_title_names_the_query_and_focus_moves_to_the_results(site, page):
    base, _ = site
    page.goto(base + "search/")
    page.wait_for_function("() => !!document.body && document.body.dataset.searchDone !== undefined")
    before = _done(page)
    page.fill("#gk-q", "綦江")
    page.press("#gk-q", "Enter")
    _wait_next(page, before)
    assert page.title() == "“綦江”的搜索结果 · 公开"
    focused = page.evaluate("() => [document.activeElement.id, document.activeElement.tagName, document.activeElement.getAttribute('tabindex')]")
    assert focused == ["gk-summary", "H2", "-1"]
    assert "1 篇报告" in page.inner_text("#gk-summary")


# 7. The filters are the taxonomies marked as search filters

def test_filter_selects_are_built_from_the_taxonomies(site, page):
    from gongkai.site.taxonomy import SEARCH_FILTERS

    base, _ = site
    run_search(page, base, "行政复议")
    got = page.eval_on_selector_all("#gk-filters select", "els => els.map(s => [s.name, s.parentNode.firstChild.textContent.trim()])")
    assert got == [[t.key, t.label] for t in SEARCH_FILTERS] and len(got) >= 4


def test_a_province_filter_holds_its_counties(site, built_site, page):
    base, _ = site
    results = run_search(page, base, "行政复议", regions="重庆市")
    assert {r["url"] for r in results} == truth(built_site["corpus"], "行政复议")


# 8. Format constants from the manifest, and its version checked

def _site_index(site_dir: Path) -> dict[str, bytes]:
    data = site_dir / "search" / "data"
    return {str(p.relative_to(data)): p.read_bytes() for p in data.rglob("*") if p.is_file()}


def test_search_reads_the_alphabet_from_the_manifest(site, built_site, page):
    """The same index written with another alphabet: a search.js with its own copy would misread it."""
    from gongkai.site.search.encoding import ALPHABET

    other = ALPHABET[::-1]
    swap = str.maketrans(ALPHABET, other)
    files = _site_index(built_site["site"])
    for rel, content in list(files.items()):
        if rel.startswith("shards/") or rel == "facets.json":
            data = json.loads(content)
            if rel == "facets.json":
                data = {k: [[term, pages[0] + pages[1:].translate(swap)] for term, pages in v] for k, v in data.items()}
            else:
                data = {token: p[0] + p[1:].translate(swap) for token, p in data.items()}
            files[rel] = json.dumps(data, ensure_ascii=False).encode("utf-8")
    manifest = json.loads(files["manifest.json"])
    for key in ("listing", "dead", "lengths", "groups"):
        manifest[key] = manifest[key].translate(swap)
    manifest["alphabet"] = other
    files["manifest.json"] = json.dumps(manifest, ensure_ascii=False).encode("utf-8")
    base, _ = site
    _serve_index(page, files)
    for query in ("行政复议", "綦江", "复议 -綦江"):
        results = run_search(page, base, query)
        corpus = built_site["corpus"]
        want = truth(corpus, "复议") - truth(corpus, "綦江") if "-" in query else truth(corpus, query)
        assert {r["url"] for r in results if not r["listing"]} == want
    results = run_search(page, base, "行政复议", years="2020")
    assert results and len(results) < len(truth(built_site["corpus"], "行政复议"))


def test_an_index_of_another_version_asks_for_a_reload(site, built_site, page):
    base, _ = site
    files = _site_index(built_site["site"])
    manifest = json.loads(files["manifest.json"])
    manifest["version"] += 1
    files["manifest.json"] = json.dumps(manifest).encode("utf-8")
    _serve_index(page, files)
    assert run_search(page, base, "行政复议") == []
    assert page.inner_text("#gk-status") == "搜索索引已更新，请刷新页面。"


def test_chunk_files_a_server_has_unpacked_already_are_read_as_they_are(site, built_site, page):
    """A server that sends the .gz files with Content-Encoding: gzip has the browser unpack them first."""
    import gzip

    base, _ = site
    packed = _site_index(built_site["site"])
    _serve_index(page, packed)
    expected = run_search(page, base, "行政复议")
    page.unroute_all()
    plain = {rel: gzip.decompress(data) if rel.endswith(".gz") else data for rel, data in packed.items()}
    _serve_index(page, plain)
    served = []
    page.on("response", lambda r: served.append(r.url) if r.url.endswith(".txt.gz") else None)
    assert expected and run_search(page, base, "行政复议") == expected
    assert served  # the unpacked chunk files were the ones read


def test_a_browser_that_cannot_unpack_says_so(site, page):
    base, _ = site
    page.add_init_script("delete window.DecompressionStream")
    assert run_search(page, base, "行政复议") == []
    assert page.inner_text("#gk-status") == "这个浏览器版本过旧，无法读取搜索索引，请升级浏览器后再试。"


# Screenshots: the search page with its filters and results, on a desktop and a phone

@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
def test_search_page_with_filters_and_results_fits_the_screen(site, browser, width):
    base, _ = site
    page = browser.new_page(viewport={"width": width, "height": 900})
    run_search(page, base, "行政复议", years="2020")
    page.wait_for_function("() => !document.querySelector('#gk-filters select').disabled")
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"search-filters-{width}.png"), full_page=True)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1, f"the search page overflows by {overflow}px at {width}px"
    wide = page.evaluate("""() => Array.from(document.querySelectorAll('#gk-search *, .gk-results-head *'))
        .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1).map(e => e.outerHTML.slice(0, 60))""")
    assert not wide, wide
    page.close()
