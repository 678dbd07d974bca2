"""Real-layout fixtures (tests/fixtures/layouts): facts a person read off each page.

One fixture per layout seen on government sites other than the seeds': metadata
tables, 来源/发布时间 rows, labels on their own line, 文章来源/更新时间, a stale
今天是 date, GBK and Big5 files, spam injections and page breaks.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import ROOT, TOPICS, check_fact, fact_params
from gongkai.corpus_file import body_of, parse, parse_paragraphs
from gongkai.corpus.pipeline import build_corpus

LAYOUTS = Path(__file__).parent / "fixtures" / "layouts"
EXPECTED = yaml.safe_load((LAYOUTS / "expected.yml").read_text("utf-8"))


@pytest.fixture(scope="module")
def layout_corpus(tmp_path_factory):
    out = tmp_path_factory.mktemp("layouts")
    sources = sorted(p for p in LAYOUTS.iterdir() if p.suffix in (".txt", ".html"))
    result = build_corpus(sources, out, TOPICS, root=ROOT)
    assert not result.failures
    corpus = {}
    for path in out.glob("*.md"):
        text = path.read_text("utf-8")
        front, body = parse(text).front, body_of(text)
        corpus[Path(front["source"]["path"]).stem] = (front, body)
    return corpus


@pytest.mark.parametrize("name,key,value", fact_params(EXPECTED))
def test_layout_fact(layout_corpus, name, key, value):
    front, body = layout_corpus[name]
    check_fact(front, body, key, value)
