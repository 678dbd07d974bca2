"""Links in HTML blocks: written as MkDocs would write them, and every one of them checked."""
from __future__ import annotations

import posixpath
from urllib.parse import unquote

import pytest
from mkdocs.structure.files import File

from gongkai.site.link_table import check_links, page_links
from gongkai.site.safe_html import a, esc, href

PAIRS = [  # (page file, target relative to the page file)
    ("reports/x.md", "../topics/行政复议.md"),
    ("reports/x.md", "../regions/重庆市綦江区.md"),
    ("reports/x.md", "y.md"),
    ("reports/x.md", "../index.md"),
    ("reports/x.md", "../topics/index.md"),
    ("reports/index.md", "x.md"),
    ("reports/index/2.md", "../x.md"),
    ("index.md", "reports/x.md"),
    ("index.md", "topics/index.md"),
    ("topics/行政复议/2.md", "../../reports/x.md"),
    ("sections/measures/2021.md", "../../reports/x.md"),
    ("reports/x.md", "../sources/x.txt"),
]


def posixpath_join(page: str, target: str) -> str:
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), target))


@pytest.mark.parametrize(("page", "target"), PAIRS)
def test_href_is_the_address_mkdocs_gives_the_same_link(page, target):
    source = File(page, "/docs", "/site", use_directory_urls=True)
    resolved = File(posixpath_join(page, target), "/docs", "/site", use_directory_urls=True)
    expected = unquote(resolved.url_relative_to(source))
    assert unquote(href(target, index_page=page.endswith("index.md"))) == expected


@pytest.mark.parametrize(("page", "target"), PAIRS)
def test_the_link_table_resolves_an_html_link_to_the_file_it_opens(page, target):
    html = f"<p>{a('x', target, index_page=page.endswith('index.md'))}</p>"
    (found,) = page_links(page, html)
    wanted = posixpath_join(page, target)
    if wanted.endswith(".md"):  # a page's address: x.md and x/index.md both serve x/
        assert found.rstrip("/") in (wanted[:-3], wanted[:-3].removesuffix("/index").removesuffix("index"))
    else:
        assert found == wanted


def test_anchors_queries_and_other_sites_are_not_files():
    html = '<a href="#p4">¶</a> <a href="https://example.gov.cn/a">x</a> <a href="../../compare/?a=1&amp;b=2">c</a>'
    assert page_links("reports/x.md", html) == ["compare/"]


def test_scraped_brackets_in_html_text_are_not_links():
    text = esc("见[附件](attachment-2.doc)和(2017)")
    assert page_links("reports/x.md", f"<p>{text}</p>") == []


def test_every_missing_target_is_one_line(tmp_path):
    (tmp_path / "reports").mkdir()
    (tmp_path / "topics").mkdir()
    (tmp_path / "topics" / "行政复议.md").write_text("# 行政复议\n", "utf-8")
    (tmp_path / "reports" / "x.md").write_text(
        "# x\n\n<p><a href=\"../../topics/行政复议/\">ok</a> <a href=\"../../topics/gone/\">gone</a></p>\n\n"
        "[also gone](../laws/nothing.md)\n", "utf-8")
    existing = {"topics/行政复议.md", "reports/x.md"}
    problems = check_links(tmp_path, existing)
    assert len(problems) == 2
    assert any("links to topics/gone/" in p for p in problems)
    assert any("links to laws/nothing.md" in p for p in problems)


def test_a_kept_page_is_checked_again_when_a_file_goes_or_its_link_was_broken(tmp_path):
    from gongkai.state import State

    (tmp_path / "topics").mkdir()
    for name in ("a.md", "b.md"):
        (tmp_path / "topics" / name).write_text("# t\n", "utf-8")
    (tmp_path / "index.md").write_text('<p><a href="topics/a/">a</a></p>\n', "utf-8")
    (tmp_path / "other.md").write_text('<p><a href="../topics/c/">c</a></p>\n', "utf-8")
    existing = {"index.md", "other.md", "topics/a.md", "topics/b.md"}
    state = State(tmp_path / "cache")
    assert [p.split(":")[0] for p in check_links(tmp_path, existing, state)] == ["other.md"]
    assert [p.split(":")[0] for p in check_links(tmp_path, existing, state)] == ["other.md"]  # still broken: said again
    (tmp_path / "topics" / "b.md").unlink()  # a file no page links to: nothing to say
    assert [p.split(":")[0] for p in check_links(tmp_path, existing - {"topics/b.md"}, state)] == ["other.md"]
    (tmp_path / "topics" / "a.md").unlink()  # index.md is unchanged, but what it links to is gone
    problems = check_links(tmp_path, existing - {"topics/a.md", "topics/b.md"}, state)
    assert sorted(p.split(":")[0] for p in problems) == ["index.md", "other.md"]


def test_anchor_ids_are_the_ones_mkdocs_collects(built_site):
    """The fast collector (site/engine_patches.py) finds what MkDocs' own HTML parser finds, on every page we make."""
    from mkdocs.structure.pages import _HTMLHandler

    from gongkai.site.engine_patches import anchor_ids

    tricky = ("<p id='single'>a</p><P ID=bare>b</P><a name=\"n&amp;1\">c</a><span name=\"not-an-anchor\"></span>"
              "<div class=\"x\" id=\"with-class\" data-id=\"no\"></div>")
    pages = [tricky] + [p.read_text("utf-8") for p in sorted(built_site["docs"].rglob("*.md"))]
    for text in pages:
        parser = _HTMLHandler()
        parser.feed(text)
        parser.close()
        assert anchor_ids(text) == parser.present_anchor_ids
