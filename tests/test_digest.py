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


def test_a_topic_is_quoted_by_its_sentence_with_a_figure():
    """One sentence a report on a topic page: the first giving a figure, else the first."""
    from pathlib import Path

    from gongkai.corpus.annotate import cut, load_topics
    from gongkai.corpus.page import _block_mentions

    topics = tuple(load_topics(Path(__file__).parent.parent / "corpus" / "topics.yml"))

    def paragraph(anchor: str, text: str) -> Paragraph:
        return Paragraph(anchor, text, "p", None, _block_mentions(text, cut(text), topics))

    boilerplate = "认真贯彻《中华人民共和国行政复议法》，依法办理行政复议案件。"
    figures = "全年共收到行政复议申请61件，依法受理57件。"
    quoted, total = make_digest([paragraph("p1", boilerplate), paragraph("p2", "加强队伍建设。" + figures)]).excerpts("行政复议")
    assert quoted == [(figures, "p2")] and total == 2
    quoted, total = make_digest([paragraph("p1", boilerplate), paragraph("p2", "深化行政复议体制改革。")]).excerpts("行政复议")
    assert quoted == [(boilerplate, "p1")] and total == 2


def test_list_numbers_and_years_are_not_figures():
    from gongkai.site.digest import _gives_a_figure

    assert not _gives_a_figure("（2）认真贯彻落实行政复议工作规则。")
    assert not _gives_a_figure("2. 学习《法治政府建设实施纲要（2015-2020年）》。")
    assert not _gives_a_figure("2021年，深化行政复议体制改革。")
    assert _gives_a_figure("全年办理行政复议案件61件。") and _gives_a_figure("（3）纠错率达12%。")
