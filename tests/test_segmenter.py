"""The segmenter (rjieba) cuts the corpus as jieba, the reference, does: same words, same topic mentions."""
from __future__ import annotations

import logging
import random

from conftest import SEEDS, TOPICS
from gongkai.bench.synth import make_page
from gongkai.corpus.annotate import TERM_FREQUENCY, _term_index, cut, load_topics
from gongkai.corpus.cleaner import clean_page
from gongkai.corpus.reading import RawPage, read_page


def _jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    reference = jieba.Tokenizer()
    for term in _term_index(tuple(load_topics(TOPICS))):
        reference.add_word(term, freq=TERM_FREQUENCY)
    return reference


def _blocks() -> list[str]:
    texts = [b.text for path in sorted(SEEDS.iterdir()) if path.suffix in (".txt", ".html")
             for b in clean_page(read_page(path)).blocks]
    rng = random.Random(11)
    for index in range(60):
        name, content = make_page(index, rng)
        raw = RawPage(SEEDS / name, content, name.endswith(".html"), "0" * 64, "utf_8")
        texts += [b.text for b in clean_page(raw).blocks]
    return texts


def test_the_segmenter_cuts_seeds_and_synthetic_pages_as_jieba_does():
    reference = _jieba()
    texts = _blocks()
    assert len(texts) > 500
    different = [t for t in texts if cut(t) != reference.lcut(t, HMM=False)]
    assert not different, different[:3]


def test_topic_terms_stay_whole_words():
    _term_index(tuple(load_topics(TOPICS)))
    assert "学法" not in cut("推进科学法治建设")
    assert "行政复议" in cut("切实发挥行政复议解决行政争议的主渠道作用")
    assert "行政复议" not in cut("复议听证、协调和解")
