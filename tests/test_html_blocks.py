"""html_blocks: Markdown's raw-HTML block extraction, faster and with exactly the original's result."""
from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown.preprocessors import HtmlBlockPreprocessor

from gongkai.site.html_blocks import extract_fast, reduced

EXTENSIONS = ["attr_list", "admonition", "tables", "toc"]  # as in mkdocs.yml
ORIGINAL = HtmlBlockPreprocessor.run


def _extraction(source: str, fast: bool) -> tuple[list[str], list[str], int]:
    """What the html_block preprocessor returns, stashes and counts for ``source``."""
    md = markdown.Markdown(extensions=EXTENSIONS)
    lines = md.preprocessors["normalize_whitespace"].run(source.split("\n"))
    preprocessor = md.preprocessors["html_block"]
    out = extract_fast(preprocessor, lines, ORIGINAL) if fast else ORIGINAL(preprocessor, lines)
    return list(out), list(md.htmlStash.rawHtmlBlocks), md.htmlStash.html_counter


def _converted(source: str, monkeypatch: pytest.MonkeyPatch) -> tuple[str, str]:
    slow = markdown.markdown(source, extensions=EXTENSIONS)
    with monkeypatch.context() as patch:
        patch.setattr(HtmlBlockPreprocessor, "run", lambda self, lines: extract_fast(self, lines, ORIGINAL))
        fast = markdown.markdown(source, extensions=EXTENSIONS)
    return slow, fast


def _is_block_level(tag: str) -> bool:
    return markdown.Markdown().is_block_level(tag)


def _page_body(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    return text.split("\n---\n", 1)[1] if text.startswith("---\n") else text


def test_every_generated_page_is_extracted_as_the_original_extracts_it(built_site):
    pages = sorted(built_site["docs"].rglob("*.md"))
    assert len(pages) > 50
    for page in pages:
        source = _page_body(page)
        assert _extraction(source, fast=True) == _extraction(source, fast=False), page


def test_the_fast_path_is_taken_on_report_pages(built_site):
    """Report pages are written as HTML blocks: each must be reduced, or nothing is gained."""
    reports = [p for p in (built_site["docs"] / "reports").glob("*.md") if p.name != "index.md"]
    assert reports
    for page in reports:
        reduction = reduced(_page_body(page), _is_block_level)
        assert reduction is not None, page
        text, insides = reduction
        assert len(insides) >= 3 and len(text) < len(_page_body(page)) / 2


CASES = [
    # found by a differential fuzzer: Unicode whitespace after a tag name (the parser makes it part of
    # the name), and an incomplete "&#" anywhere on the page (the parser restarts on the rest)
    '<div><div\xa0></div></div>\n',
    '<div><div\u3000class="c">a</div>b</div>\n',
    '<p>\n<div><p\x0b>x</p></div>\n</p>\n',
    'xxxxxxxxxxxxxxxxxxxx&#;</b>\n<div><p>abcdefghij</p></div>\n',
    'See x&#y; here\n\n' + '<div class="card">\n<p>一段</p>\n</div>\n\n' * 6,
    '<div class="a">\n<p>一<b>二</b></p>\n</div>\n\n正文 *强调*\n',
    "<p>甲</p><p>乙</p>\n<p>丙\n\n丁</p>\n",
    "<table>\n<tr><td>1</td><td>2<br>3</td></tr>\n</table>\n后文",
    "<div>\n<img src=\"x.png\"/>\n<hr>\n</div>\n",
    "<div>a & b</div>\n",  # a loose ampersand: left to the extractor
    "<div>a &amp; b &#20013; &#x4e2d;</div>\n",
    "<div><span>unclosed</div>\n\n<p>next</p>\n",
    "<div>\n<p>x</div>\n</p>\n",
    "文字 <span>行内</span> 文字\n<div>块</div>\n",
    "<div>\n<!-- 注释 -->\n</div>\n",
    "<div>`code` <code>x</code></div>\n",
    "   <div>indented</div>\n<div>\n\n\n</div>\n",
    "<div markdown=\"1\">*md*</div>\n",
    "<p>a</p> tail text\n<p>b</p>\n",
    "<div>\n<div>\n<div>deep</div>\n</div>\n</div>\ntext\n<div>x</div>",
    "<section><p>1 < 2</p></section>\n",
    "<div title='single'>q</div>\n",
    "<br>\n<div>after void</div>\n",
    "<DIV>upper</div>\n",
]


@pytest.mark.parametrize("source", CASES)
def test_written_cases_extract_and_convert_as_the_original(source, monkeypatch):
    assert _extraction(source, fast=True) == _extraction(source, fast=False)
    slow, fast = _converted(source, monkeypatch)
    assert fast == slow


_BLOCK_TAGS = ["div", "p", "table", "tr", "td", "ul", "li", "section", "DIV"]
_INLINE_TAGS = ["span", "b", "a", "em"]
_ATTRS = ["", ' class="x"', ' id="p1"', ' href="../a.md"', " hidden", " title='t'", ' data-x="a&amp;b"']
_TEXT = st.sampled_from(["一", "文字", " ", "\n", "\n\n", "   ", "    ", "*强调*", "&amp;", "&", "&#20013;",
                         "<", ">", "1 < 2", "`x`", "<br>", "<hr/>", "<img src=\"y\"/>", "<!-- c -->",
                         "- 列", "# 标题", "|a|b|\n|-|-|\n|1|2|", "\x1a", "</p>", "</div>"])


@st.composite
def _element(draw: st.DrawFn, depth: int = 0) -> str:
    name = draw(st.sampled_from(_BLOCK_TAGS + _INLINE_TAGS))
    attrs = draw(st.sampled_from(_ATTRS))
    parts = draw(st.lists(_TEXT if depth > 2 else st.one_of(_TEXT, _element(depth + 1)), max_size=5))
    closing = draw(st.sampled_from([f"</{name}>", f"</{name}>", f"</{name}>", "", "</span>"]))
    return f"<{name}{attrs}>" + "".join(parts) + closing


_PAGES = st.lists(st.one_of(_element(), _TEXT, st.just("\n")), max_size=12).map("".join)


@settings(max_examples=400, deadline=None)
@given(_PAGES)
def test_random_mixtures_of_markdown_and_html_extract_as_the_original(source):
    assert _extraction(source, fast=True) == _extraction(source, fast=False)


@settings(max_examples=150, deadline=None)
@given(_PAGES)
def test_random_mixtures_convert_to_the_same_html(source):
    slow = markdown.markdown(source, extensions=EXTENSIONS)
    original = HtmlBlockPreprocessor.run
    HtmlBlockPreprocessor.run = lambda self, lines: extract_fast(self, lines, original)
    try:
        fast = markdown.markdown(source, extensions=EXTENSIONS)
    finally:
        HtmlBlockPreprocessor.run = original
    assert fast == slow
