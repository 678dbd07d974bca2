"""The corpus stage hands the site each front matter it wrote; the site parses only what changed since."""
from __future__ import annotations

import os
import shutil

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT, SEEDS, TOPICS
from gongkai.corpus_file import FRONT_MATTER_KEYS, parse_front, render_file, written_front
from gongkai.corpus.pipeline import build_corpus
from gongkai.site import model
from gongkai.state import State
from gongkai.written_fronts import WrittenFronts

# Any text a scraped page can carry into a field (no lone surrogates: text is decoded before it gets here).
scraped = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
value = st.one_of(st.none(), scraped, st.integers(-10**6, 10**6), st.booleans(),
                  st.sampled_from(["2021-05-01", "yes", "no", "~", "null", "1e3", "0x1F", "001", "3.0", "- a", "a: b",
                                   "#x", "'q'", '"q"', "｜表｜", "行政复议\u2028案件", "\x85", "\ufeff题目"]))
flat = st.dictionaries(st.sampled_from(["name", "value", "unit", "anchor", "code", "message"]), value, max_size=4)
fronts = st.fixed_dictionaries(
    {key: value for key in ("title", "doc_no", "issuer", "region", "published_date", "report_year", "on_time")},
    optional={"topics": st.lists(scraped, max_size=3), "indicators": st.lists(flat, max_size=3),
              "warnings": st.lists(flat, max_size=2),
              "source": st.fixed_dictionaries({"path": scraped, "sha256": st.just("0" * 64), "url": value,
                                               "added": value})})


def _ordered(value: object) -> object:
    """A value with every mapping's key order made visible, so that equality checks the order too."""
    if isinstance(value, dict):
        return [(k, _ordered(v)) for k, v in value.items()]
    if isinstance(value, list):
        return [_ordered(v) for v in value]
    return value


@settings(max_examples=400, deadline=None)
@given(fronts)
def test_the_front_matter_read_back_is_the_one_written_in_order(front):
    written = written_front(front)
    assert list(written) == list(FRONT_MATTER_KEYS)
    assert _ordered(parse_front(render_file(front, "正文。\n"))) == _ordered(written)


def _corpus(tmp_path):
    cache = tmp_path / "cache"
    build_corpus(sorted(SEEDS.glob("*.txt")), tmp_path / "corpus", TOPICS, root=ROOT, cache_dir=cache, jobs=1)
    return tmp_path / "corpus", cache


def test_the_site_takes_the_written_front_matter_instead_of_parsing_it(tmp_path, monkeypatch):
    corpus, cache = _corpus(tmp_path)
    files = sorted(corpus.glob("*.md"))
    state = State(cache)
    fronts = WrittenFronts(state, corpus)
    for path in files:
        stat = path.stat()
        assert _ordered(fronts.get(path.name, (stat.st_size, stat.st_mtime_ns))) == _ordered(parse_front(path.read_text("utf-8")))
    state.close()

    def no_parsing(*args, **kwargs):
        raise AssertionError("parsed a front matter the corpus stage had handed over")

    monkeypatch.setattr(model, "parse_front", no_parsing)
    assert len(model.read_corpus(corpus, State(cache))[0].reports) == len(files) == 5


def test_a_file_changed_since_it_was_written_is_parsed_again(tmp_path):
    corpus, cache = _corpus(tmp_path)
    path = sorted(corpus.glob("*.md"))[0]
    path.write_text(path.read_text("utf-8").replace("title: ", "title: 改过的", 1), "utf-8")
    stat = path.stat()
    assert WrittenFronts(State(cache), corpus).get(path.name, (stat.st_size, stat.st_mtime_ns)) is None
    report = model.read_corpus(corpus, State(cache))[0].by_id[path.stem]
    assert report.front["title"].startswith("改过的")


def test_a_removed_report_is_forgotten(tmp_path):
    corpus, cache = _corpus(tmp_path)
    src = tmp_path / "src"
    shutil.copytree(SEEDS, src)
    gone = sorted(src.glob("*.txt"))[0]
    os.remove(gone)
    before = {p.name for p in corpus.glob("*.md")}
    build_corpus(sorted(src.glob("*.txt")), corpus, TOPICS, root=ROOT, cache_dir=cache, jobs=1)
    removed = before - {p.name for p in corpus.glob("*.md")}
    assert len(removed) == 1
    state = State(cache)
    assert WrittenFronts(state, corpus).scope.get(removed.pop()) is None
