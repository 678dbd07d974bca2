"""Topic links come from the corpus stage's mentions: whole words only, once per paragraph."""
from __future__ import annotations

from pathlib import Path

from gongkai.corpus.annotate import cut, load_topics
from gongkai.corpus.page import _block_mentions
from gongkai.corpus_file import Paragraph
from gongkai.site.pages.report_page import _link_terms

TOPICS = tuple(load_topics(Path(__file__).parent.parent / "corpus" / "topics.yml"))


def _linked(text: str) -> str:
    return _link_terms(Paragraph("p1", text, "p", None, _block_mentions(text, cut(text), TOPICS)))


def test_a_term_inside_a_longer_word_is_not_linked():
    assert "topics/" not in _linked("推进科学法治建设。")  # 学法 sits inside 科学 + 法治


def test_a_topic_links_once_per_paragraph_and_a_law_once():
    html = _linked("开展普法宣传，普法进社区，普法进校园，落实《中华人民共和国行政复议法》和《行政复议法》。")
    assert html.count("../topics/") == 1
    assert html.count("../laws/") == 1
