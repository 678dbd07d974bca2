"""What listing pages quote of a report (site/digest.py)."""
from gongkai.corpus_file import Paragraph
from gongkai.site.digest import SECTION_CHARS, make_digest


def _part(*texts: str) -> list[Paragraph]:
    return [Paragraph(f"p{n}", text, "p", "主要举措和成效", []) for n, text in enumerate(texts, start=1)]


def test_a_part_is_quoted_whole_when_short():
    digest = make_digest(_part("一是加强组织领导。", "二是完善制度。"))
    assert digest.sections["主要举措和成效"] == ("p1", "一是加强组织领导。\n二是完善制度。")


def test_a_long_part_is_cut_at_a_sentence_end_within_the_limit():
    sentence = "严格执行重大行政决策程序，开展合法性审查" + "。"
    anchor, text = make_digest(_part(sentence * 40)).sections["主要举措和成效"]
    assert anchor == "p1" and text.endswith("。……") and len(text) <= SECTION_CHARS + 2
    assert text[:-2] == sentence * (len(text[:-2]) // len(sentence))  # whole sentences only


def test_a_part_without_a_sentence_end_is_cut_at_the_limit():
    _, text = make_digest(_part("法" * (3 * SECTION_CHARS))).sections["主要举措和成效"]
    assert text == "法" * SECTION_CHARS + "……"
