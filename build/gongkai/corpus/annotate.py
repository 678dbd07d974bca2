"""Annotation: topics from a controlled vocabulary, cited laws, and keywords.

The segmenter (jieba's, via rjieba) is loaded once per process with every topic term as a user word, so that
terms match as whole words: 复议 alone is not a mention of 行政复议, and a term
inside a longer dictionary word is not split out of it.
"""
from __future__ import annotations

import heapq
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import yaml

from ..package_data import SAFE_LOADER, data_text
from .place import gazetteer

_LAW = re.compile(r"《([^《》\n]{2,60})》")
_LAW_ENDINGS = ("法", "法典", "条例", "规定", "办法", "细则", "规则")
_NOT_LAW = ("方案", "要点", "规划", "纲要", "通知", "意见", "报告", "决定", "计划", "清单", "目录")
_WORD = re.compile(r"^[\u4e00-\u9fff]{2,}$")


@dataclass(frozen=True)
class Topic:
    name: str
    aliases: tuple[str, ...]
    description: str

    @property
    def terms(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


def load_topics(path: Path) -> list[Topic]:
    data = yaml.load(path.read_text("utf-8"), Loader=SAFE_LOADER) or []
    return [Topic(t["name"], tuple(str(a) for a in t.get("aliases") or ()), t.get("description", "")) for t in data]


@cache
def _segmenter():
    """jieba's dictionary and algorithm in Rust (rjieba, the jieba-rs binding): it cuts the seeds and
    1,000 synthetic pages exactly as jieba 0.42 does, 30 times faster (README, "Word segmentation")."""
    import rjieba

    return rjieba  # its module-level instance: a second instance would load the dictionary again


@lru_cache(maxsize=8)
def _term_index(topics: tuple[Topic, ...]) -> dict[str, str]:
    segmenter = _segmenter()
    index: dict[str, str] = {}
    for topic in topics:
        for term in topic.terms:
            # A high frequency makes the segmenter keep the term whole inside longer runs of text.
            segmenter.add_word(term, TERM_FREQUENCY, None)
            index.setdefault(term, topic.name)
    return index


TERM_FREQUENCY = 200000


def warm_up(topics: tuple[Topic, ...]) -> None:
    """Load jieba's dictionary and the topic words now rather than at the first page."""
    _term_index(topics)


@cache
def stopwords() -> frozenset[str]:
    text = data_text("stopwords.txt")
    return frozenset(line.strip() for line in text.splitlines() if line.strip())


def cut(text: str) -> list[str]:
    """Words, without HMM guesses at unknown words: the same text always cuts the same way."""
    return _segmenter().cut(text, False)


def topic_of_words(words: list[str], topics: tuple[Topic, ...]) -> list[str | None]:
    """For each jieba word, the topic it is a term of, or None: only a whole word is a mention."""
    index = _term_index(topics)
    return [index.get(w) for w in words]


def topic_mentions(paragraph: str, topics: tuple[Topic, ...]) -> list[tuple[str, str]]:
    """(topic, term) for each term that occurs as a jieba word in the paragraph, in order."""
    words = cut(paragraph)
    return [(topic, w) for w, topic in zip(words, topic_of_words(words, topics), strict=True) if topic]


def normalise_law(name: str) -> str | None:
    """《中华人民共和国行政复议法》 and 《行政复议法》 are one law; plans and notices are not laws."""
    name = re.sub(r"\s+", "", name)
    name = re.sub(r"[（(](?:试行|暂行|\d{4}年?修[订正]|草案|修订|修正)[)）]$", "", name)
    name = re.sub(r"^中华人民共和国", "", name)
    if not name.endswith(_LAW_ENDINGS) or any(word in name for word in _NOT_LAW):
        return None
    return name if len(name) >= 2 else None


def law_mentions(text: str) -> list[tuple[int, str, str]]:
    """(offset, 《quoted name》, normalised law name) for each law the text cites."""
    found = ((m.start(), m.group(0), normalise_law(m.group(1))) for m in _LAW.finditer(text))
    return [(start, quoted, law) for start, quoted, law in found if law]


def laws_in(text: str) -> list[str]:
    return [law for _, _, law in law_mentions(text)]


KEYWORD_CANDIDATES = 100


def top_terms(counts: Counter[str], limit: int = KEYWORD_CANDIDATES) -> Counter[str]:
    """A report's most frequent words, ties by word: its keyword candidates. Keeping only these
    keeps the per-report summaries small (and the rarer words would never win on TF anyway)."""
    return Counter(dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]))


@cache
def _not_keywords() -> frozenset[str]:
    """Stopwords, and the full names of divisions (镇巴县, 重庆市): a report names its own place
    more than anything, so its place was its top keyword, and 内容相近 listed reports that merely
    shared it (本地区其他年度 lists those already). Two-character names (城区, 矿区) are common words
    too; short names (綦江) are left out per report (page.py), since many are words (公安, 平安)."""
    return stopwords() | frozenset(name for name in gazetteer().by_name if len(name) >= 3)


def term_counts(words: list[str]) -> Counter[str]:
    """Keyword candidates among already-cut words: Chinese words of two or more characters, no
    stopwords, no full division names."""
    skip = _not_keywords()
    return Counter(w for w in words if _WORD.match(w) and w not in skip)


def keywords(counts: Counter[str], document_frequency: Counter[str], documents: int, top: int = 8) -> list[str]:
    """TF-IDF over the corpus; ties broken by the term so that output is deterministic."""
    total = sum(counts.values()) or 1
    scored = [(-(count / total) * _idf(documents, document_frequency[term]), term) for term, count in counts.items()]
    return [term for _, term in heapq.nsmallest(top, scored)]


@lru_cache(maxsize=65536)
def _idf(documents: int, frequency: int) -> float:
    return math.log((documents + 1) / (frequency + 1)) + 1
