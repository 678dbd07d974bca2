"""What listing pages and downloads need of a report's body, computed once per corpus file.

Topic pages quote a few sentences of each report and topics.csv counts mentions. Keeping
just that, by the corpus file's size and mtime, means an unchanged report's body is never
read again: adding one report to 10,000 reads one body, not 10,000.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter

from ..corpus_file import Paragraph
from .safe_markdown import strip_markup

# One sentence a report on a topic page: the first that gives a figure, else the first. A second one
# was a third of the topic pages, and mostly the report's boilerplate on the topic; the rest is a
# click away.
MAX_EXCERPTS = 1
_FIGURE = re.compile(r"[0-9０-９]")
# Digits that are not a figure: list markers (（2）, 3.), years (2021年) and spans of years (2015-2020).
_NOT_FIGURE = re.compile(r"[（(][0-9０-９]{1,2}[）)]|^\s*[0-9０-９]{1,2}\s*[.、．]|[0-9０-９]{4}\s*[-—–~至到]\s*[0-9０-９]{4}|[0-9０-９]{4}\s*年")


class Digest:
    """Topic mentions and quotable sentences of one report.

    Held as plain dictionaries and tuples, because 10,000 of them are pickled and
    unpickled at every build, and plain containers are several times faster there."""

    __slots__ = ("mentions", "_excerpts", "sections")

    def __init__(self, mentions: dict[str, int] | None = None,
                 excerpts: dict[str, tuple[int, tuple[tuple[str, str], ...]]] | None = None,
                 sections: dict[str, tuple[str, str]] | None = None) -> None:
        self.mentions = mentions or {}  # topic → paragraphs that mention it
        self._excerpts = excerpts or {}  # topic → (sentences naming it, the MAX_EXCERPTS quoted, in order)
        self.sections = sections or {}  # mandated part → (anchor of its first paragraph, its opening text)

    def excerpts(self, topic: str) -> tuple[list[tuple[str, str]], int]:
        """(up to MAX_EXCERPTS (sentence, paragraph anchor) pairs, how many sentences name the topic in all)."""
        total, quoted = self._excerpts.get(topic, (0, ()))
        return list(quoted), total

    def raw(self) -> tuple:
        return self.mentions, self._excerpts, self.sections


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^。！？；]+[。！？；]?", text) if m.group().strip()]


def make_digest(paragraphs: list[Paragraph]) -> Digest:
    """Mentions by topic, and for each topic the sentences of its anchored paragraphs that hold one
    of its mentions (as the corpus stage found them), in order."""
    mentions: Counter[str] = Counter()
    found: dict[str, list[tuple[str, str]]] = {}
    quoted_sentences: dict[str, set[str]] = {}  # kept across paragraphs: rebuilding it was quadratic
    for p in paragraphs:
        mentions.update(p.topics)
        if not p.anchor or not p.mentions:
            continue
        spans = _sentence_spans(p.text)
        starts = [start for start, _ in spans]
        by_topic: dict[str, dict[int, None]] = {}  # topic → the sentences holding its mentions, in order
        for m in p.mentions:
            at = bisect_right(starts, m.offset) - 1
            if m.kind == "topic" and at >= 0 and m.offset < spans[at][1]:
                by_topic.setdefault(m.name, {})[at] = None
        for topic, numbers in by_topic.items():
            quoted = found.setdefault(topic, [])
            seen = quoted_sentences.setdefault(topic, set())  # the same sentence in two paragraphs is quoted once
            for n in sorted(numbers):
                sentence = strip_markup(p.text[spans[n][0]:spans[n][1]]).strip()
                if sentence not in seen:
                    seen.add(sentence)
                    quoted.append((sentence, p.anchor))
    excerpts = {}
    for topic in mentions:
        quoted = found.get(topic, [])
        excerpts[topic] = (len(quoted), _telling(quoted))
    return Digest(dict(mentions), excerpts, _section_openings(paragraphs))


def _gives_a_figure(sentence: str) -> bool:
    return bool(_FIGURE.search(_NOT_FIGURE.sub("", sentence)))


def _telling(quoted: list[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    """The MAX_EXCERPTS sentences to quote, in the report's order: those giving a figure first."""
    order = sorted(range(len(quoted)), key=lambda i: (not _gives_a_figure(quoted[i][0]), i))[:MAX_EXCERPTS]
    return tuple(quoted[i] for i in sorted(order))


SECTION_CHARS = 120  # of each part, quoted on the section pages: a long sentence or two short ones; the part is a click away


def _section_openings(paragraphs: list[Paragraph]) -> dict[str, tuple[str, str]]:
    """Each mandated part's first anchor and its text up to SECTION_CHARS."""
    parts: dict[str, tuple[str, list[str]]] = {}
    for p in paragraphs:
        if p.section and p.kind == "p":
            anchor, texts = parts.setdefault(p.section, (p.anchor or "", []))
            if sum(map(len, texts)) < SECTION_CHARS:
                texts.append(strip_markup(p.text))
    return {section: (anchor, _shortened("\n".join(texts))) for section, (anchor, texts) in parts.items()}


def _shortened(text: str) -> str:
    """``text`` up to SECTION_CHARS, ended at the last sentence's end in the second half of that when
    there is one, so that an opening is not cut in the middle of a word."""
    if len(text) <= SECTION_CHARS:
        return text
    cut = text[:SECTION_CHARS]
    end = max(cut.rfind(mark) for mark in "。！？；\n")
    return (cut[:end + 1] if end >= SECTION_CHARS // 2 else cut).rstrip("\n") + "……"
