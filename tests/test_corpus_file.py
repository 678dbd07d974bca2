"""The corpus file is an exact boundary: parse(render(doc)) == doc, and text keeps every markup character."""
from __future__ import annotations

import gzip
import json
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.corpus_file import (FRONT_MATTER_KEYS, CorpusDoc, CorpusFileError, Mention, Paragraph, parse,
                                 parse_front, render)

# Characters that Markdown, attr_list, YAML or our own attribute line give a meaning to, plus Chinese.
MARKUP = "#>{}|:%\"'*+-.)(\\&<>[]_`!~=\n 1２依法行政复议《》"
line_text = st.text(alphabet=st.sampled_from(MARKUP), min_size=1, max_size=40)
# A block is never blank, never holds an empty line (that separates blocks) and never starts or ends with one.
block_text = line_text.filter(lambda s: s.strip() and "\n\n" not in s and not s.startswith("\n") and not s.endswith("\n"))
names = st.text(alphabet=st.sampled_from("行政复议法|:%\"{}\n 《》"), min_size=1, max_size=8)


@st.composite
def paragraphs(draw) -> Paragraph:
    kind = draw(st.sampled_from(["p", "p", "h2", "h3", "signature", "table"]))
    if kind == "table":
        rows = draw(st.lists(st.text(alphabet=st.sampled_from("数量件 &<\\*12"), min_size=1, max_size=6), min_size=1, max_size=3))
        text = "\n".join(f"| {r.strip() or '-'} | x |" for r in rows)
    else:
        text = draw(block_text)
        if kind in ("h2", "h3"):
            text = text.replace("\n", " ").strip() or "标题"
    mentions = []
    if kind in ("p", "signature"):
        for start in sorted(draw(st.sets(st.integers(0, max(len(text) - 1, 0)), max_size=3))):
            length = draw(st.integers(1, len(text) - start))
            mentions.append(Mention(draw(st.sampled_from(["topic", "law"])), draw(names), start, text[start:start + length]))
    anchored = kind not in ("h2", "h3") and (bool(mentions) or draw(st.booleans()))
    section = draw(st.one_of(st.none(), names)) if kind in ("p", "signature") else None
    return Paragraph(f"p{draw(st.integers(1, 999))}" if anchored else None, text, kind, section, tuple(mentions))


fronts = st.fixed_dictionaries({
    "title": st.one_of(st.none(), line_text), "report_year": st.one_of(st.none(), st.integers(1990, 2030)),
    "on_time": st.one_of(st.none(), st.booleans()), "topics": st.lists(names, max_size=3),
    "source": st.fixed_dictionaries({"path": line_text, "sha256": st.just("0" * 64), "url": st.none()}),
})


@settings(max_examples=300, deadline=None)
@given(fronts, st.lists(paragraphs(), max_size=8))
def test_parse_is_the_exact_inverse_of_render(front, body):
    doc = CorpusDoc(front, body)
    back = parse(render(doc))
    assert back.paragraphs == body
    assert {k: v for k, v in back.front.items() if k in front} == front
    assert list(back.front) == list(FRONT_MATTER_KEYS)


def test_a_mention_must_be_in_its_text():
    with pytest.raises(ValueError):
        render(CorpusDoc({}, [Paragraph("p1", "依法行政", "p", None, (Mention("topic", "x", 2, "复议"),))]))


def test_hand_edited_text_drops_mentions_that_no_longer_fit():
    text = render(CorpusDoc({}, [Paragraph("p1", "推进行政复议工作", "p", None, (Mention("topic", "行政复议", 2, "行政复议"),))]))
    shortened = text.replace("推进行政复议工作", "推进")
    assert parse(shortened).paragraphs[0].mentions == ()


@pytest.mark.parametrize("head,problem", [("title: [unclosed\n", "not valid YAML (line "),
                                          ("- a\n- b\n", "not a mapping"), ("topics: 行政复议\n", "must be a list")])
def test_a_damaged_front_matter_is_one_clear_error(head, problem):
    with pytest.raises(CorpusFileError) as info:
        parse_front(f"---\n{head}---\n\n正文\n", "corpus/x.md")
    assert str(info.value).startswith("corpus/x.md: ") and problem in str(info.value)


HOSTILE_LINE = "全年办理A&B类案件 <5 件，路径 C:\\temp\\x，符号 *星* {: #evil } | 竖线 | 与 &amp; 照原样。"


def test_markup_characters_survive_into_the_downloads_and_the_search_text(tmp_path):
    from gongkai.corpus.pipeline import build_corpus
    from gongkai.site.generate import generate

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    page = ["重庆市某某区人民政府关于2023年法治政府建设情况的报告", "发布日期：2024-02-01",
            "2023年，我区深入推进依法行政。", HOSTILE_LINE, "重庆市某某区人民政府", "2024年1月20日"]
    (seeds / "hostile.txt").write_text("\n".join(page), "utf-8")
    corpus = tmp_path / "corpus"
    topics = Path(__file__).parent.parent / "corpus" / "topics.yml"
    build_corpus([seeds / "hostile.txt"], corpus, topics, root=tmp_path)
    (corpus / "topics.yml").write_text(topics.read_text("utf-8"), "utf-8")
    written = parse(next(corpus.glob("*.md")).read_text("utf-8"))
    assert HOSTILE_LINE in [p.text for p in written.paragraphs]
    docs = tmp_path / "docs"
    generate(corpus, docs, tmp_path, "http://127.0.0.1/")
    jsonl = [json.loads(line) for line in gzip.decompress((docs / "corpus.jsonl.gz").read_bytes()).decode("utf-8").splitlines()]
    assert HOSTILE_LINE in jsonl[0]["body"]
    (tmp_path / "corpus.sqlite").write_bytes(gzip.decompress((docs / "corpus.sqlite.gz").read_bytes()))
    with sqlite3.connect(tmp_path / "corpus.sqlite") as db:
        assert HOSTILE_LINE in [text for (text,) in db.execute("select text from paragraphs")]
    texts = "".join(gzip.decompress(p.read_bytes()).decode("utf-8") for p in (docs / "search" / "data" / "text").glob("*.txt.gz"))
    assert HOSTILE_LINE in texts
