"""The engine's pages without their indentation, rendering the same."""
from __future__ import annotations

import re

from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.site.compact_html import compact

PAGE = """<!doctype html>
<html>
  <head>
    <script>
      var a = `two
        lines`;
    </script>
    <style>
      p { color: red }
    </style>
  </head>
  <body>
    <div class="x">
      <p>一段
         文字 <a href="#p1">链接</a>
      </p>
      <pre id="cite">作者. 题名.
  缩进的一行
</pre>
      <textarea>
  留着
</textarea>
    </div>
  </body>
</html>
"""


def _shown(html: str) -> str:
    """The text as a browser lays out normal text: every whitespace run is one space."""
    return " ".join(BeautifulSoup(html, "html.parser").get_text().split())


def test_indentation_goes_and_what_is_preformatted_stays():
    out = compact(PAGE)
    assert '<div class="x">\n<p>一段\n         文字 <a href="#p1">链接</a>\n</p>\n<pre' in out
    assert "</textarea>\n</div>\n</body>\n</html>\n" in out
    for kept in ("<pre id=\"cite\">作者. 题名.\n  缩进的一行\n</pre>", "<textarea>\n  留着\n</textarea>",
                 "var a = `two\n        lines`;", "p { color: red }"):
        assert kept in out
    assert _shown(out) == _shown(PAGE)
    assert compact(out) == out


_PIECES = st.sampled_from(["<p>", "</p>", "<a href=\"x\">", "</a>", "文字", "word", " ", "\n", "\t", "  \n   ",
                           "<br>", "<span>", "</span>"])


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, max_size=40))
def test_the_text_a_reader_sees_is_unchanged(pieces):
    html = "<div>" + "".join(pieces) + "</div>"
    assert _shown(compact(html)) == _shown(html)
    # a whitespace run is cut whole, to one line break: collapsed, both read the same
    assert re.sub(r"\s+", " ", compact(html)) == re.sub(r"\s+", " ", html)


def test_a_megabyte_of_spaces_is_linear():
    text = "<p>" + " " * 1_000_000 + "x\n" + " " * 1_000_000 + "</p>"
    assert compact(text) == "<p>" + " " * 1_000_000 + "x\n</p>"
