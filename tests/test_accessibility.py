"""Accessibility and finding one's way, in Debian's Chromium (issue 11): an axe-core scan of every
page type at 1280 and 390 px, visible focus, breadcrumbs and the section marked in the navigation, a report that
opens with its text on a phone, ¶ links that copy, the 404 page wherever it is served, phone
layouts, and the about page."""
from __future__ import annotations

import re
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from gongkai.corpus_file import parse
from gongkai.site.safe_markdown import strip_markup
from gongkai.site.serve import make_server
from browser import running

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = Path(__file__).parent / "screenshots"
WIDTHS = pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
REPORT = "reports/003_78ed85b0c485cc82/"  # 重庆市綦江区 2021: headings, numbers, topics
LONG_REPORT = "reports/11500112009315877l-2013-08621/"  # a five-year plan with many headings
# The compare page is built on another branch; the scan takes it in as soon as it exists.
PAGES = {"home": "", "report": REPORT, "long-report": LONG_REPORT, "topic": "topics/行政复议/",
         "region": "regions/重庆市綦江区/", "search": "search/?q=行政复议", "indicator": None, "coverage": "coverage/",
         "about": "about/", "compare": "compare/", "missing": "no/such/page/"}
# Rules whose failure fails the scan whatever axe calls their impact: the issue asks for unique landmark labels.
ALWAYS = {"landmark-unique", "landmark-no-duplicate-banner", "landmark-no-duplicate-contentinfo", "landmark-no-duplicate-main"}


@contextmanager
def site_server(folder: Path):
    """The site as `make serve` serves it (gongkai.site.serve: 404.html for a missing address)."""
    with running(make_server(folder, "127.0.0.1", 0, quiet=True)) as base:
        yield base


@pytest.fixture(scope="module")
def site(built_site, browser):
    with site_server(built_site["site"]) as base:
        yield base, browser


def _page_path(name: str, built_site) -> str | None:
    if name == "indicator":
        return "indicators/" + sorted(p.name for p in (built_site["site"] / "indicators").iterdir() if p.is_dir())[0] + "/"
    return PAGES[name]


def _open(page, base: str, path: str) -> None:
    page.goto(base + path)
    page.wait_for_load_state("networkidle")
    if path.startswith("search/"):
        page.wait_for_function("() => !!document.body && document.body.dataset.searchDone !== undefined", timeout=15000)


# ---------------------------------------------------------------- 1. axe-core

@pytest.fixture(scope="module")
def axe_source():
    if not AXE.exists():
        pytest.fail("node_modules/axe-core is missing: run 'make test' (.ci/node-tools.sh installs it) or 'npm install'")
    return AXE


@WIDTHS
@pytest.mark.parametrize("name", list(PAGES))
def test_axe_finds_no_serious_or_critical_violation(site, built_site, axe_source, name, width):
    """The scan runs under the site's own Content-Security-Policy: axe is served from the site's
    origin (a routed address), so it is a 'self' script like ours, not an inline one."""
    base, browser = site
    path = _page_path(name, built_site)
    if name == "compare" and not (built_site["site"] / "compare" / "index.html").exists():
        pytest.skip("no compare page in this build (docs path compare/ is built on another branch)")
    page = browser.new_page(viewport={"width": width, "height": 900})
    thrown: list[str] = []  # an uncaught error of the theme's or our scripts (a setting they miss, say)
    page.on("pageerror", lambda error: thrown.append(str(error)))
    page.route("**/__axe__.js", lambda route: route.fulfill(path=str(axe_source), content_type="text/javascript"))
    _open(page, base, path)
    page.mouse.wheel(0, 1500)  # the theme's scroll-spy and back-to-top button run on scrolling
    page.wait_for_timeout(300)
    page.mouse.wheel(0, -1500)
    page.wait_for_timeout(300)
    assert not thrown, f"{name} at {width}px: {thrown}"
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"a11y-{name}-{width}.png"))
    page.add_script_tag(url=base + "__axe__.js")
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    bad = [f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}"
           for v in result["violations"] if v["impact"] in ("serious", "critical") or v["id"] in ALWAYS]
    assert not bad, f"{name} at {width}px:\n" + "\n".join(bad)
    page.close()


# ---------------------------------------------------------------- 2. visible focus

_FOCUS = """() => {
  const rgb = c => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => { const f = v => { v /= 255; return v <= .03928 ? v / 12.92 : ((v + .055) / 1.055) ** 2.4; };
                               return .2126 * f(r) + .7152 * f(g) + .0722 * f(b); };
  const contrast = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + .05) / (y + .05); };
  const e = document.activeElement, s = getComputedStyle(e);
  // What the outline is drawn on: the element itself when it is drawn inside, else what is behind it.
  let n = parseFloat(s.outlineOffset) < 0 ? e : e.parentElement, bg = [255, 255, 255];
  for (; n; n = n.parentElement) { const c = rgb(getComputedStyle(n).backgroundColor); if (c.length === 3 || c[3] > .5) { bg = c.slice(0, 3); break; } }
  const r = e.getBoundingClientRect();
  return {what: e.tagName + ' ' + (e.className || '') + ' ' + (e.textContent || e.getAttribute('aria-label') || '').trim().slice(0, 20),
          shown: r.width > 0 && r.height > 0 && s.visibility !== 'hidden',
          style: s.outlineStyle, width: parseFloat(s.outlineWidth), contrast: contrast(rgb(s.outlineColor), bg)};
}"""


@WIDTHS
@pytest.mark.parametrize("path", ["", REPORT])
def test_focus_is_visible_on_every_element_a_tab_reaches(site, path, width):
    base, browser = site
    page = browser.new_page(viewport={"width": width, "height": 900})
    _open(page, base, path)
    seen = 0
    for _ in range(45):
        page.keyboard.press("Tab")
        focus = page.evaluate(_FOCUS)
        if not focus["shown"]:
            continue  # the closed drawer's links on a phone: nothing to see, nothing to outline
        seen += 1
        assert focus["style"] not in ("none", "hidden") and focus["width"] >= 2, focus
        assert focus["contrast"] >= 3, focus
    assert seen >= 10
    page.close()


# ---------------------------------------------------------------- 3. breadcrumbs and the section marked in the navigation

TRAILS = {REPORT: (["地区", "重庆市", "綦江区", "2021年度", "报告"], "地区"),
          "regions/重庆市綦江区/": (["地区", "重庆市", "綦江区"], "地区"),
          "topics/行政复议/": (["主题", "行政复议"], "主题"),
          "issuers/重庆市綦江区人民政府/": (["发文机关", "重庆市綦江区人民政府"], "发文机关"),
          "laws/行政诉讼法/": (["法律法规", "行政诉讼法"], "法律法规"),
          "years/2021/": (["年度", "2021"], "年度"),
          "types/通知/": (["文档类型", "通知"], "文档类型"),
          "indicators/合同审查数/": (["指标", "合同审查数"], "指标"),
          "coverage/法治政府建设年度报告/重庆市/": (["按时公开", "法治政府建设年度报告", "重庆市"], "按时公开"),
          "sections/first-responsible/2021/": (["报告各部分", "党政主要负责人履行推进法治建设第一责任人职责情况", "2021年度"], "报告各部分")}


_MARKED = ".md-nav--primary > .md-nav__list > li > .md-nav__link--active"


@pytest.mark.parametrize("path", list(TRAILS))
def test_detail_pages_have_a_breadcrumb_and_mark_their_section_in_the_navigation(site, path):
    base, browser = site
    trail, section = TRAILS[path]
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    _open(page, base, path)
    crumbs = page.locator("nav.gk-crumbs[aria-label='当前位置'] li")
    assert [t.strip() for t in crumbs.all_inner_texts()] == trail
    assert page.locator("nav.gk-crumbs [aria-current=page]").inner_text() == trail[-1]
    # The navigation is the sidebar on a wide screen, where its marked entry shows.
    marked = page.locator(_MARKED)
    assert [t.strip() for t in marked.all_inner_texts()] == [section] and marked.is_visible()
    color = marked.evaluate("e => getComputedStyle(e).color")
    plain = page.locator(".md-nav--primary > .md-nav__list > li > .md-nav__link:not(.md-nav__link--active)").first
    assert plain.evaluate("e => getComputedStyle(e).color") != color
    # The first crumb leads to the section's index, the page the marked entry leads to.
    page.click("nav.gk-crumbs li:first-child a")
    page.wait_for_load_state()
    assert [t.strip() for t in page.locator(_MARKED).all_inner_texts()][:1] == [section]
    # marked as the theme marks the page it is on (a bare <li> takes the theme's look: gongkai.css)
    assert page.locator(_MARKED).first.evaluate("e => getComputedStyle(e).color") == color
    assert page.locator("nav.gk-crumbs").count() == 0  # an index page is in the nav: the theme marks it
    page.close()
    phone = browser.new_page(viewport={"width": 390, "height": 844})
    _open(phone, base, path)  # on a phone the navigation is in the drawer: its entry for the section is marked
    assert [t.strip() for t in phone.locator(_MARKED).all_inner_texts()] == [section]
    phone.close()


# ---------------------------------------------------------------- 4. a report opens with its text on a phone

_FIRST_SENTENCE = """needle => {
  // The paragraph that holds the body's first paragraph (found by its text, wherever the page puts it),
  // measured to its first full stop, or whole when it has none.
  const squash = t => t.replace(/\\s+/g, '');
  const p = Array.from(document.querySelectorAll('.md-content p')).find(e => squash(e.textContent).startsWith(needle));
  if (!p) return null;
  const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
  let node, last = p, offset = p.childNodes.length;
  while ((node = walker.nextNode())) {
    const stop = node.data.search(/[。！？]/);
    last = node; offset = stop >= 0 ? stop + 1 : node.data.length;
    if (stop >= 0) break;
  }
  const range = document.createRange();
  range.setStart(p, 0);
  range.setEnd(last, offset);
  return range.getBoundingClientRect().bottom;
}"""


def test_on_a_phone_every_report_shows_its_first_sentence_on_the_first_screen(site, built_site):
    base, browser = site
    page = browser.new_page(viewport={"width": 390, "height": 844})
    for path in sorted(built_site["corpus"].glob("*.md")):
        first = next(p for p in parse(path.read_text("utf-8")).paragraphs if p.kind == "p")
        needle = re.sub(r"\s+", "", strip_markup(first.text))[:12]
        _open(page, base, f"reports/{path.stem}/")
        assert page.locator(".gk-summary").is_visible(), path.stem  # the one-line summary stays on top
        bottom = page.evaluate(_FIRST_SENTENCE, needle)
        assert bottom is not None, f"{path.stem}: the body's first paragraph ({needle}…) is not on the page"
        assert bottom <= 844, f"{path.stem}: the first sentence ends {bottom:.0f}px down, below the first screen"
    page.close()


def test_long_reports_have_a_table_of_contents_on_a_phone_only(site, built_site):
    base, browser = site
    page = browser.new_page(viewport={"width": 390, "height": 844})
    _open(page, base, LONG_REPORT)
    toc = page.locator("details.gk-toc")
    assert toc.is_visible() and toc.locator("summary").inner_text().strip() == "目录"
    assert toc.evaluate("e => e.getBoundingClientRect().top") < 844
    toc.locator("summary").click()
    links = toc.locator("a")
    headings = page.eval_on_selector_all(".md-content article h2[id], .md-content article h3[id]", "els => els.map(e => e.id)")
    targets = [unquote(h.split("#", 1)[1]) for h in links.evaluate_all("els => els.map(a => a.getAttribute('href'))")]
    assert len(targets) >= 10 and set(targets) <= set(headings), set(targets) - set(headings)
    links.nth(3).click()
    page.wait_for_function("() => location.hash.length > 1")
    assert unquote(urlparse(page.url).fragment) == targets[3]
    for width in (1000, 1280):  # the theme's sidebar from 960 px: one table of contents, never two
        page.set_viewport_size({"width": width, "height": 900})
        assert not toc.is_visible() and page.locator(".md-sidebar--secondary .md-nav--secondary").is_visible(), width
    page.close()


_HEADING_TREE = """() => Array.from(document.querySelectorAll('.md-content article :is(h2, h3, h4, h5, h6)[id]')).map(h => {
  // Each heading with the nearest heading above it of a higher level: where the theme nests its entry.
  const level = Number(h.tagName[1]);
  const all = Array.from(document.querySelectorAll('.md-content article :is(h2, h3, h4, h5, h6)[id]'));
  const above = all.slice(0, all.indexOf(h)).reverse().find(o => Number(o.tagName[1]) < level);
  return ['#' + h.id, h.textContent.trim(), above ? above.textContent.trim() : '目录'];
})"""
_SIDEBAR_TOC = """() => Array.from(document.querySelectorAll('.md-sidebar--secondary [data-md-component=toc] a.md-nav__link'))
  .map(a => [a.getAttribute('href'), a.textContent.trim(), a.closest('nav.md-nav').getAttribute('aria-label')])"""


@pytest.mark.parametrize("path", [LONG_REPORT, REPORT, "topics/行政复议/"])
def test_the_sidebar_table_of_contents_is_built_from_the_headings_and_follows_the_reader(site, built_site, path):
    """The page is sent without its table of contents (toc.html leaves the list empty: the entries
    were a tenth of a report page); assets/js/toc.js fills it before the theme starts on it."""
    sent = (built_site["site"] / path / "index.html").read_text("utf-8")
    sidebar = sent[sent.index("md-sidebar--secondary"):sent.index('<div class="md-content"')]
    assert re.search(r'<ul class="md-nav__list" data-md-component="toc"[^>]*></ul>', sidebar) and "<a " not in sidebar
    base, browser = site
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    _open(page, base, path)
    headings = page.evaluate(_HEADING_TREE)
    assert len(headings) >= 3 and page.evaluate(_SIDEBAR_TOC) == headings
    # The theme's scroll-spy runs on the filled list: the heading scrolled to is the marked entry.
    target = headings[-1][0]
    page.evaluate("id => document.getElementById(id).scrollIntoView()", target[1:])
    page.wait_for_function("href => { const a = document.querySelector('.md-sidebar--secondary .md-nav__link--active');"
                           " return !!a && a.getAttribute('href') === href; }", arg=target, timeout=5000)
    page.close()


def test_without_scripts_a_report_keeps_its_table_of_contents_at_every_width(site):
    base, browser = site
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(base + LONG_REPORT)
    toc = page.locator("details.gk-toc")
    assert toc.is_visible()
    toc.locator("summary").click()
    assert toc.locator("a").count() >= 10
    assert not page.locator(".md-sidebar--secondary").is_visible()  # its list stays empty: no bare 目录 heading
    context.close()


# ---------------------------------------------------------------- 5. ¶ copies the paragraph's address

def test_pilcrow_copies_the_paragraphs_address_and_says_so(site):
    base, browser = site
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    _open(page, base, REPORT + "?q=复议")
    pilcrow = page.locator("a.gk-pilcrow").nth(2)
    anchor = pilcrow.get_attribute("href")
    pilcrow.click()
    page.wait_for_function("() => document.querySelector('.gk-copied') !== null")
    note = page.locator(".gk-copied")
    assert note.inner_text() == "已复制" and note.is_visible() and note.get_attribute("role") == "status"
    assert page.evaluate("() => navigator.clipboard.readText()") == base + REPORT + anchor  # no query: the citable address
    context.close()


def test_every_paragraph_gets_one_pilcrow_to_its_own_address(site):
    """The page sends the ids; pilcrow.js adds one ¶ link to each anchored paragraph, at its end."""
    base, browser = site
    page = browser.new_page()
    _open(page, base, REPORT)
    found = page.evaluate("""() => Array.from(document.querySelectorAll('.md-content p[id^="p"]')).map(p => {
        const links = p.querySelectorAll('a.gk-pilcrow');
        return [p.id, links.length, links.length ? links[0].getAttribute('href') : '', p.lastElementChild === links[0]];
    })""")
    assert len(found) >= 10
    assert all(count == 1 and href == "#" + pid and last for pid, count, href, last in found), found
    assert page.locator("a.gk-pilcrow").first.get_attribute("aria-label") == "本段链接"
    page.close()


def test_a_paragraphs_address_works_without_javascript(site):
    base, browser = site
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + REPORT + "#p4")
    assert page.evaluate("() => document.querySelector(':target') && document.querySelector(':target').id") == "p4"
    assert page.locator("a.gk-pilcrow").count() == 0  # the links are the script's
    context.close()


# ---------------------------------------------------------------- 6. the 404 page wherever it is served

@pytest.fixture(scope="module")
def site_under_a_base_path(built_site, tmp_path_factory):
    """The same docs built for https://…/gongkai/, as GitHub Pages serves the project."""
    from gongkai.site.build import run_mkdocs

    out = tmp_path_factory.mktemp("based") / "site"
    run_mkdocs(ROOT / "mkdocs.yml", out, "http://127.0.0.1/gongkai/", docs_dir=built_site["docs"])
    return out


def _check_404(browser, url: str, home: str) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844})
    response = page.goto(url)
    page.wait_for_load_state("networkidle")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "找不到这个页面" and "找不到这个页面" in page.title()
    header = page.evaluate("() => { const s = getComputedStyle(document.querySelector('.md-header'));"
                           " return [s.backgroundColor, s.position]; }")
    assert header == ["rgb(183, 28, 28)", "sticky"], f"{url}: the header is not the theme's: {header}"
    assert page.evaluate("() => Array.from(document.styleSheets).some(s => (s.href || '').endsWith('/assets/gongkai.css'))")
    page.click("text=返回首页")
    page.wait_for_load_state()
    assert page.url == home and page.locator("h1").inner_text() == "法治政府建设年度报告语料库"
    page.goto(url)
    page.fill(".md-content input[name=q]", "綦江")
    page.press(".md-content input[name=q]", "Enter")
    page.wait_for_function("() => !!document.body && document.body.dataset.searchDone !== undefined", timeout=15000)
    assert urlparse(page.url).path == urlparse(home).path + "search/" and "綦江" in unquote(page.url)
    page.close()


def test_404_page_is_chinese_with_search_and_home_and_styled_at_the_root(site):
    base, browser = site
    _check_404(browser, base + "a/missing/deep/page/", base)


def test_404_page_is_styled_under_the_base_path_and_at_the_servers_root(browser, site_under_a_base_path):
    with site_server(site_under_a_base_path) as base:
        _check_404(browser, base + "gongkai/reports/missing/deep/", base + "gongkai/")
        _check_404(browser, base + "missing/deep/page/", base + "gongkai/")  # as `make serve` shows it


# ---------------------------------------------------------------- 7. phone layouts

# Pages that list reports (a 标题 | 发布日期 | 地区 | 类型 table), and others that must not overflow either.
LISTING_PAGES = ["", "reports/", "regions/重庆市綦江区/", "years/2021/", "issuers/重庆市綦江区人民政府/", "types/通知/"]
OTHER_PAGES = ["topics/行政复议/", "issuers/", "laws/", "coverage/", "about/", REPORT, "indicators/"]


@pytest.mark.parametrize("path", LISTING_PAGES + OTHER_PAGES)
def test_on_a_phone_pages_do_not_overflow_and_report_lists_fit(site, path):
    base, browser = site
    page = browser.new_page(viewport={"width": 390, "height": 844})
    _open(page, base, path)
    overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1, f"{path} overflows by {overflow}px"
    lists = page.evaluate("""() => Array.from(document.querySelectorAll('.md-content table'))
        .filter(t => (t.querySelector('th') || {}).textContent === '标题')
        .map(t => { const box = t.closest('.md-typeset__scrollwrap') || t.parentElement;
                    return {sideways: box.scrollWidth - box.clientWidth,
                            titles: Array.from(t.querySelectorAll('td:first-child')).map(td => td.getBoundingClientRect().width)}; })""")
    assert bool(lists) == (path in LISTING_PAGES), f"{path}: lists of reports {lists}"
    for found in lists:
        assert found["sideways"] <= 1, f"{path}: a list of reports scrolls sideways by {found['sideways']}px"
        assert min(found["titles"]) >= 300, f"{path}: report titles squeezed into {found['titles']} px"
    page.close()


def test_the_header_shows_the_short_name_whole_on_a_phone(site):
    base, browser = site
    page = browser.new_page(viewport={"width": 390, "height": 844})
    _open(page, base, "")
    name = page.locator(".md-header__topic:first-child .md-ellipsis")
    assert name.inner_text().strip() == "公开"
    assert name.get_attribute("title") == "公开 · 法治政府建设年度报告"
    assert name.evaluate("e => e.scrollWidth <= e.clientWidth"), "the site name is cut off"
    page.set_viewport_size({"width": 1280, "height": 900})
    assert name.inner_text().strip() == "公开 · 法治政府建设年度报告"
    page.close()


# ---------------------------------------------------------------- 8. the about page

def test_about_page_states_coverage_gaps_licence_corrections_and_update(site, built_site):
    base, browser = site
    fronts = [parse(p.read_text("utf-8")).front for p in built_site["corpus"].glob("*.md")]
    dates = [str(f.get("published_date") or f.get("signed_date") or f.get("written_date") or "") for f in fronts]
    years = sorted({int(f.get("report_year") or d[:4]) for f, d in zip(fronts, dates) if f.get("report_year") or d})
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    _open(page, base, "about/")
    text = page.inner_text(".md-content")
    provinces = {f["province"] for f in fronts if f.get("province")}
    assert f"本站现有 {len(fronts)} 份报告，来自 {len(provinces)} 个省级地区" in text
    assert f"{years[0]}—{years[-1]} 年度" in text
    for heading in ("收录范围", "已知缺口", "许可", "报告错误", "更新日期"):
        assert page.locator(f"h2:text-is('{heading}')").count() == 1, heading
    assert "北京市" in text.split("已知缺口", 1)[1]  # a province with no report yet is named as a gap
    assert "CC BY 4.0" in text and "MIT" in text
    issues = page.locator("a[href='https://github.com/gongkai/gongkai/issues']")
    assert issues.count() == 1 and "@" not in text.split("报告错误", 1)[1].split("更新日期", 1)[0]
    # The newest date a report entered the corpus (source.added, committed with the corpus file).
    added = max(str((f.get("source") or {}).get("added") or "") for f in fronts)
    assert added and f"更新日期\n\n最近一次收录报告的日期：{added}。" in text
    page.close()
