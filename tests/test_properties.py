"""Property tests: cleaning never raises and never drops body text."""
from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.corpus.cleaner import clean_page
from gongkai.corpus_file import CorpusDoc, Paragraph, parse, render
from gongkai.corpus.reading import RawPage
from test_survival import bare

# Common characters of report prose, without any that spell a chrome or label word.
PROSE_CHARS = "我区全面推进依法行政工作加强制度建设规范执法行为提高决策质量完善监督机制办理案件群众满意率达到"
prose_sentence = st.text(alphabet=PROSE_CHARS + "，、", min_size=6, max_size=60).map(lambda s: s.strip("，、") + "。")
prose_sentence = prose_sentence.filter(lambda s: len(s) >= 7)
noise_line = st.one_of(st.text(max_size=40), st.sampled_from(["扫一扫在手机打开当前页", "语音播报", "部门街镇", "", "  ",
                                                                "一、工作情况", "（一）加强领导", "2021年2月5日", "\u3000\u3000"]))


def _raw(text: str) -> RawPage:
    return RawPage(Path("p.txt"), text, False, "0" * 64, "utf_8")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(noise_line, prose_sentence), max_size=30))
def test_cleaning_never_raises_and_its_output_survives_the_corpus_file(lines):
    doc = clean_page(_raw("\n".join(lines)))
    paragraphs = [Paragraph(None, b.text, b.kind) for b in doc.blocks]
    written = CorpusDoc({"title": doc.fields.get("title"), "warnings": [w.as_dict() for w in doc.warnings]}, paragraphs)
    back = parse(render(written))
    assert back.paragraphs == paragraphs and back.front["title"] == doc.fields.get("title")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(prose_sentence, min_size=1, max_size=12), st.lists(noise_line, max_size=6))
def test_cleaning_never_drops_body_text(sentences, noise):
    lines = []
    for i, sentence in enumerate(sentences):
        lines.append(sentence)
        if i < len(noise):
            lines.append(noise[i])
    body = bare("".join(b.text for b in clean_page(_raw("\n".join(lines))).blocks))
    for sentence in sentences:
        assert bare(sentence) in body


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_html_never_raises(text):
    clean_page(RawPage(Path("p.html"), f"<html><body><p>{text}</p><table><tr><td>{text}</td></tr></table></body></html>",
                       True, "0" * 64, "utf_8"))


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x9fff), max_size=40))
def test_html_escaping_is_the_standard_library_s_plus_brackets_without_control_characters(text):
    """safe_html.esc escapes in one pass (and not at all when nothing needs it): it must equal
    html.escape of the text without control characters, with [ and ] as character references."""
    import html
    import re

    from gongkai.site.safe_html import esc

    expected = html.escape(re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", text), quote=True)
    assert esc(text) == expected.replace("[", "&#91;").replace("]", "&#93;")
