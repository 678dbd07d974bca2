"""The compare page (比较), the report page's ways into it, its 原文链接, and the saved copy of a page,
on the seeds plus two more years of 江北区 (tests/fixtures/compare)."""
from __future__ import annotations

import functools
import http.server
import gzip
import json
import re
import threading
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote, urlparse

import pytest

from browser import serve
from gongkai.corpus_file import parse

JB2019, JB2020, JB2021 = "115001050092881785-2020-00188", "115001050092881785-2021-00251", "115001050092881785-2022-00061"
TONGNAN = "004_0158dad679362a71"
SCREENSHOTS = Path(__file__).parent / "screenshots"


def _data(site: dict, rid: str) -> dict:
    return json.loads(gzip.decompress((site["site"] / "compare" / "data" / f"{rid}.json.gz").read_bytes()))


def test_each_report_has_small_compare_data_with_its_parts_topics_and_values(compare_site):
    packed_bytes = raw_bytes = 0
    for path in compare_site["corpus"].glob("*.md"):
        doc = parse(path.read_text("utf-8"))
        front = doc.front
        packed = (compare_site["site"] / "compare" / "data" / f"{path.stem}.json.gz").read_bytes()
        raw = gzip.decompress(packed)
        assert len(raw) <= 3000, f"{path.stem}: {len(raw)} bytes of compare data"
        packed_bytes, raw_bytes = packed_bytes + len(packed), raw_bytes + len(raw)
        data = json.loads(raw)
        parts = [p.section for p in doc.paragraphs if p.section]
        assert [s[0] for s in data["sections"]] == list(dict.fromkeys(p for p in [
            "主要举措和成效", "存在的不足和原因", "党政主要负责人履行推进法治建设第一责任人职责情况", "下一年度工作安排", "其他"]
            if p in parts))
        assert {(i[0], i[1]) for i in data["indicators"]} == {(i["name"], i["value"]) for i in front.get("indicators") or []}
        assert {t for t, _ in data["topics"]} <= set(front["topics"])
    assert packed_bytes < raw_bytes * 0.75  # published gzipped: a national corpus makes 100,000 of them
    jb = _data(compare_site, JB2019)
    assert jb["region"] == "重庆市江北区" and jb["year"] == "2019"
    shortcomings = next(s for s in jb["sections"] if s[0] == "存在的不足和原因")
    assert shortcomings[2] == 1 and shortcomings[4].startswith("基层工作人员法治培训的覆盖面仍然不够")


def test_a_region_with_several_years_has_its_series(compare_site):
    data = json.loads((compare_site["site"] / "compare" / "regions" / "重庆市江北区.json").read_text("utf-8"))
    assert data["series"] == [{"type": "法治政府建设年度报告", "issuer": "重庆市江北区人民政府办公室", "kind": "政府办公室",
                               "reports": [["2019", JB2019], ["2020", JB2020], ["2021", JB2021]]}]
    assert not (compare_site["site"] / "compare" / "regions" / "重庆市潼南区.json").exists()  # one year: nothing to compare
    index = (compare_site["docs"] / "compare" / "index.md").read_text("utf-8")
    assert "./?region=重庆市江北区&amp;" in index  # the page itself, as the script reads it


def test_a_compare_query_keeps_letters_of_any_script_and_escapes_the_rest():
    """Chinese names stay as written (a third of their escaped bytes, on every report page); what
    would end or change a query value is escaped, so the page reads back exactly what was meant."""
    from urllib.parse import parse_qs

    from gongkai.site.pages.compare_page import _query

    values = {"region": "重庆市江北区", "issuer": "A&B=C#D%E+F G/H?（办公室）、", "type": "報告_2020.v~1-x"}
    query = _query(**values)
    assert query.startswith("region=重庆市江北区&issuer=A%26B%3DC%23D%25E%2BF%20G%2FH%3F%EF%BC%88办公室")
    assert {k: v[0] for k, v in parse_qs(query, keep_blank_values=True).items()} == values


def _links(page: str) -> dict[str, str]:
    return {text: href for href, text in re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', page)}


def test_report_page_lists_related_reports_by_kind_and_links_the_compare_page(compare_site):
    page = (compare_site["site"] / "reports" / JB2020 / "index.html").read_text("utf-8")
    related = page[page.index('id="相关报告"'):]
    for heading in ("对照比较", "本地区其他年度", "同年度其他地区（2020年度）", "内容相近"):
        assert f">{heading}</h3>" in related, heading
    other_years = related[related.index("本地区其他年度"):related.index("同年度其他地区")]
    assert other_years.index(JB2021) < other_years.index(JB2019)  # both years of the series, nearest first
    same_year = related[related.index("同年度其他地区"):related.index("内容相近")]
    # 潼南's government office before 长寿's data bureau: the same kind of organ
    assert same_year.index(TONGNAN) < same_year.index("001_e40db4cf0542f638") and JB2019 not in same_year
    links = {text: href.replace("&amp;", "&") for text, href in _links(related).items()}
    previous = urlparse(links["与上一年度（2019年）对照"])
    assert previous.path == "../../compare/" and parse_qs(previous.query) == {"a": [JB2019], "b": [JB2020]}
    near = urlparse(links["与邻近地区同年度对照：重庆市潼南区"])
    assert parse_qs(near.query) == {"a": [JB2020], "b": [TONGNAN]}
    series = parse_qs(urlparse(links["本地区历年对照（2019—2021年）"]).query)
    assert series == {"region": ["重庆市江北区"], "issuer": ["重庆市江北区人民政府办公室"], "type": ["法治政府建设年度报告"]}


def test_original_url_is_shown_with_the_date_the_page_was_saved(compare_site):
    page = (compare_site["site"] / "reports" / JB2021 / "index.html").read_text("utf-8")
    source = page[page.index('id="来源"'):page.index('id="相关报告"')]
    link = re.search(r'<a href="([^"]+)"([^>]*)>原文链接</a>（2022-04-02 保存）', source)
    assert link and link.group(1) == "https://zwgk.example.cn/jbq/2022/t20220318_61.html" and "nofollow" in link.group(2)
    # a page whose URL is not known says nothing about one
    assert "原文链接" not in (compare_site["site"] / "reports" / JB2019 / "index.html").read_text("utf-8")


# ---- in the browser ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def site(compare_site, browser):
    with serve(compare_site["site"]) as base:
        yield base, browser


def _open(page, url: str) -> None:
    page.goto(url)
    page.wait_for_function("() => !!document.body && document.body.dataset.compareDone !== undefined", timeout=15000)


def _overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


@pytest.mark.browser
def test_following_the_report_pages_link_compares_two_years_side_by_side(site):
    base, browser = site
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{base}reports/{JB2020}/")
    page.click("text=与上一年度（2019年）对照")
    page.wait_for_function("() => !!document.body && document.body.dataset.compareDone !== undefined", timeout=15000)
    assert page.evaluate("document.body.dataset.compareDone") == "ok"
    heads = page.locator(".gk-cmp-head a")
    assert heads.all_inner_texts() == ["江北区人民政府办公室关于2019年度法治政府建设工作的报告",
                                       "江北区人民政府办公室关于2020年度法治政府建设工作的报告"]
    # side by side: the two cells of a part share a row
    cells = page.locator(".gk-cmp-row").first.locator(".gk-cmp-cell")
    first, second = cells.nth(0).bounding_box(), cells.nth(1).bounding_box()
    assert first["y"] == second["y"] and second["x"] > first["x"] + first["width"] - 1
    parts = page.locator(".gk-cmp-block h3").all_inner_texts()
    assert parts == ["主要举措和成效", "存在的不足和原因", "党政主要负责人履行推进法治建设第一责任人职责情况", "下一年度工作安排"]
    assert "未写这一部分" in page.locator(".gk-cmp-row").nth(1).inner_text()  # the 2020 report has no such part
    # the indicator and its difference: 45 件 in 2019, 37 件 in 2020
    row = page.locator("tr", has_text="依申请公开申请数")
    assert row.locator("td").all_inner_texts() == ["45件", "37件", "−8（−17.8%）"]
    topics = page.locator("tr", has_text="政务公开").first.locator("td").all_inner_texts()
    assert topics == ["2", "4", "+2"]
    # each value links to its paragraph on the report page
    href = row.locator("td a").first.get_attribute("href")
    assert href == f"../reports/{JB2019}/#p7"
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "compare-pair-1280.png"), full_page=True)
    page.close()


@pytest.mark.browser
def test_on_a_phone_the_columns_stack_and_nothing_overflows(site):
    base, browser = site
    page = browser.new_page(viewport={"width": 390, "height": 844})
    _open(page, f"{base}compare/?a={JB2020}&b={TONGNAN}")
    cells = page.locator(".gk-cmp-row").first.locator(".gk-cmp-cell")
    first, second = cells.nth(0).bounding_box(), cells.nth(1).bounding_box()
    assert second["y"] >= first["y"] + first["height"] and abs(second["x"] - first["x"]) < 1
    assert _overflow(page) <= 1
    for wrap in page.locator(".gk-cmp-scroll").all():  # the tables fit without scrolling sideways
        assert wrap.evaluate("w => w.scrollWidth - w.clientWidth") <= 1
    page.screenshot(path=str(SCREENSHOTS / "compare-pair-390.png"), full_page=True)
    page.close()


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_a_regions_years_side_by_side_with_the_change_from_year_to_year(site, width):
    base, browser = site
    page = browser.new_page(viewport={"width": width, "height": 900})
    _open(page, f"{base}compare/?region={quote('重庆市江北区')}")
    assert page.locator(".gk-cmp-head .gk-cmp-tag").all_inner_texts() == ["2019年度", "2020年度", "2021年度"]
    row = page.locator("tr", has_text="依申请公开申请数").locator("td").all_inner_texts()
    assert row == ["45件", "37件 −8（−17.8%）", "52件 +15（+40.5%）"]
    assert _overflow(page) <= 1  # the columns scroll inside their row, never the page
    page.screenshot(path=str(SCREENSHOTS / f"compare-series-{width}.png"), full_page=True)
    page.close()


@pytest.mark.browser
def test_bad_or_unknown_ids_say_so_and_fetch_nothing_outside_the_data(site):
    base, browser = site
    page = browser.new_page()
    asked = []
    page.on("request", lambda r: asked.append(unquote(urlparse(r.url).path)))
    _open(page, f"{base}compare/?a=../../feed&b={JB2019}")
    assert page.inner_text(".gk-cmp-status") == "报告编号不正确"
    _open(page, f"{base}compare/?a=nonexistent&b={JB2019}")
    assert "找不到报告 nonexistent" in page.inner_text(".gk-cmp-status")
    assert not [p for p in asked if p.endswith((".json", ".xml")) and not p.startswith(("/compare/data/", "/compare/regions/"))]
    page.close()


@pytest.mark.browser
def test_scraped_text_in_the_compare_data_stays_text(compare_site, browser, tmp_path):
    """The compare page builds everything from the JSON with textContent: markup in a title, a part's
    opening, a topic or a unit shows as written and never runs."""
    import shutil

    site = tmp_path / "site"
    shutil.copytree(compare_site["site"], site)
    attack = '<img src=x onerror="document.body.dataset.pwned=1"><script>document.body.dataset.pwned=2</script>'
    for rid in (JB2019, JB2020):
        path = site / "compare" / "data" / f"{rid}.json.gz"
        data = json.loads(gzip.decompress(path.read_bytes()))
        data["title"] += attack
        data["sections"][0][4] = attack + data["sections"][0][4]
        data["sections"][0][1] = '"><svg onload="document.body.dataset.pwned=3">'
        data["topics"].append([attack, 1])
        data["indicators"].append(["依申请公开申请数" + attack, 1, attack, "p1"])
        path.write_bytes(gzip.compress(json.dumps(data, ensure_ascii=False).encode("utf-8")))
    page = browser.new_page()
    with serve(site) as base:
        _open(page, f"{base}compare/?a={JB2019}&b={JB2020}")
        assert page.evaluate("document.body.dataset.compareDone") == "ok"
        assert page.locator("#gk-compare img, #gk-compare script, #gk-compare svg").count() == 0
        assert attack in page.inner_text("#gk-compare")
        assert page.evaluate("document.body.dataset.pwned") is None
    page.close()


@pytest.mark.browser
def test_report_page_screenshots(site):
    base, browser = site
    for width in (1280, 390):
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.goto(f"{base}reports/{JB2021}/")
        page.locator("#相关报告").scroll_into_view_if_needed()
        page.screenshot(path=str(SCREENSHOTS / f"report-related-{width}.png"))
        assert _overflow(page) <= 1
        page.close()


class _WrongCharset(http.server.SimpleHTTPRequestHandler):
    """A static server that names the wrong charset for text files, and sends a .gz as gzip-encoded
    text (Apache's AddEncoding does), as some default configurations do."""

    def guess_type(self, path):
        kind = super().guess_type(path)
        return "text/plain; charset=iso-8859-1" if str(path).endswith((".txt", ".txt.gz")) else kind

    def end_headers(self):
        if self.path.endswith(".gz"):
            self.send_header("Content-Encoding", "gzip")
        super().end_headers()

    def log_message(self, *args) -> None:
        pass


@contextmanager
def _serve_wrong_charset(folder: Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_WrongCharset, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.browser
def test_the_saved_copy_reads_as_chinese_under_any_static_server(site, compare_site):
    """The saved page is gzipped text (never served as a page); the report page shows it below its link.
    python -m http.server (make serve) sends it as a gzip file; the other server names a wrong charset
    and sends it gzip-encoded, so the browser has unpacked it already. Both show the same Chinese text."""
    base, browser = site
    page = browser.new_page()
    with _serve_wrong_charset(compare_site["site"]) as wrong:
        for root in (base, wrong):
            page.goto(f"{root}reports/{JB2020}/")
            with page.expect_response(lambda r: r.url.endswith(".txt.gz")) as archive:
                page.click("a.gk-source")
            assert "html" not in archive.value.headers.get("content-type", ""), root
            page.wait_for_function("() => !document.querySelector('pre.gk-source-text').textContent.startsWith('正在')")
            text = page.inner_text("pre.gk-source-text")
            assert "江北区人民政府办公室关于2020年度法治政府建设工作的报告" in text and "\ufeff" not in text, root
            page.click("a.gk-source")  # a second click hides it
            assert page.is_hidden("pre.gk-source-text")
    page.close()


@pytest.mark.browser
def test_a_browser_that_cannot_unpack_the_compare_data_is_told_so(site):
    """The compare data is gzipped; where DecompressionStream is missing the page says why it
    shows nothing, rather than that the reports do not exist."""
    base, browser = site
    context = browser.new_context()
    context.add_init_script("delete window.DecompressionStream;")
    page = context.new_page()
    _open(page, f"{base}compare/?a={JB2019}&b={JB2020}")
    assert page.evaluate("document.body.dataset.compareDone") == "error"
    status = page.inner_text(".gk-cmp-status")
    assert "不能解压" in status and "找不到" not in status
    context.close()
