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


def test_a_topic_links_once_a_section():
    """Paragraphs of one section share what they have linked: the second mention is plain text."""
    linked: set[tuple[str, str]] = set()
    first = _link_terms(Paragraph("p1", "开展普法宣传。", "p", None, _block_mentions("开展普法宣传。", cut("开展普法宣传。"), TOPICS)), linked)
    again = _link_terms(Paragraph("p2", "深化普法工作。", "p", None, _block_mentions("深化普法工作。", cut("深化普法工作。"), TOPICS)), linked)
    assert "../topics/" in first and "../topics/" not in again


def test_a_topic_inside_a_laws_title_is_linked_at_its_next_mention():
    linked: set[tuple[str, str]] = set()
    law = "严格落实《重大行政决策程序暂行条例》。"
    first = _link_terms(Paragraph("p1", law, "p", None, _block_mentions(law, cut(law), TOPICS)), linked)
    later = "完善重大行政决策程序。"
    second = _link_terms(Paragraph("p2", later, "p", None, _block_mentions(later, cut(later), TOPICS)), linked)
    assert "../laws/" in first and "../topics/" not in first
    assert "../topics/重大行政决策" in second


def test_a_report_page_links_each_term_once_in_each_section(built_site):
    import re

    for page in (built_site["site"] / "reports").glob("*/index.html"):
        article = page.read_text("utf-8").split("<article", 1)[1].split("</article>", 1)[0]
        body = article.split('<h2 id="主要数字"', 1)[0]  # the text; the sections after it list terms by design
        for section in re.split(r"<h2[ >]", body):
            targets = re.findall(r'href="\.\./\.\./(?:topics|laws)/([^"]+)"', section)
            assert len(targets) == len(set(targets)), (page.parent.name, sorted(t for t in targets if targets.count(t) > 1))
