"""One raw page → one cleaned, annotated report, in memory."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..corpus_file import Mention, Paragraph, render_body
from .annotate import Topic, cut, law_mentions, term_counts, top_terms, topic_of_words
from .cleaner import CleanDoc, PageWarning, clean_page
from .disclosure_tables import table_values
from .indicators import Value, names_and_units, narrative_values
from .place import own_short_names
from .reading import read_page
from .sections import assign_sections, next_year_part


@dataclass
class CleanedReport:
    path: Path
    sha256: str
    doc: CleanDoc
    topics: list[str]
    laws: list[str]
    counts: Counter[str]
    mentions_by_block: dict[int, tuple[Mention, ...]]  # the anchored blocks: those with mentions or a value
    sections_by_block: dict[int, str] = field(default_factory=dict)  # block number → mandated part
    id: str = ""
    keywords: list[str] = field(default_factory=list)
    light: bool = False  # a summary without the body blocks, loaded from the state
    key: str = ""  # the page's key in the state: its bytes, the vocabulary and the cleaning code
    body: str = ""  # the corpus file's body, once compact() has rendered it

    def summary(self) -> tuple:
        """What ids, keywords and front matter need, without the body, as plain containers:
        10,000 of them are unpickled at every run, and dataclasses and Counters unpickle
        through Python code where tuples and dicts unpickle in C."""
        warnings = [(w.code, w.detail) for w in self.doc.warnings]
        return dict(self.doc.fields), warnings, self.topics, self.laws, dict(self.counts)

    def paragraphs(self, sections_by_block: dict[int, str]) -> list[Paragraph]:
        """The body as corpus-file paragraphs: a block with mentions, a value or a mandated part gets an anchor."""
        out = []
        for i, block in enumerate(self.doc.blocks, start=1):
            anchored = i in self.mentions_by_block or (block.kind != "table" and i in sections_by_block)
            if block.kind in ("h2", "h3"):
                anchored = False
            section = sections_by_block.get(i) if block.kind in ("p", "signature") else None
            out.append(Paragraph(f"p{i}" if anchored else None, block.text, block.kind, section,
                                 self.mentions_by_block.get(i, ())))
        return out

    def compact(self) -> CleanedReport:
        """The report as the corpus stage keeps it until its file is written: the corpus file's body
        rendered (paragraphs, anchors, mandated parts), without the blocks it was made from. A
        cleaned page's objects take several times its text: 20,000 of them held at once were most
        of a cold run's peak memory."""
        body = render_body(self.paragraphs(self.sections_by_block))
        return replace(self, doc=CleanDoc(self.doc.fields, [], self.doc.warnings), mentions_by_block={},
                       sections_by_block={}, body=body)

    @classmethod
    def from_summary(cls, path: Path, sha256: str, summary: tuple) -> CleanedReport:
        fields, warnings, topics, laws, counts = summary
        doc = CleanDoc(dict(fields), [], [PageWarning(code, detail) for code, detail in warnings])
        return cls(path, sha256, doc, topics, laws, counts, {}, light=True)


def _block_mentions(text: str, words: list[str], topics: tuple[Topic, ...]) -> tuple[Mention, ...]:
    """Each topic term that is a whole jieba word, and each cited law, with its offset in ``text``."""
    found: list[Mention] = []
    offset = 0
    for word, topic in zip(words, topic_of_words(words, topics), strict=True):
        if topic:
            found.append(Mention("topic", topic, offset, word))
        offset += len(word)
    found.extend(Mention("law", name, start, quoted) for start, quoted, name in law_mentions(text))
    return tuple(sorted(found, key=lambda m: (m.offset, m.kind)))


def annotate_doc(path: Path, sha256: str, doc: CleanDoc, topics: tuple[Topic, ...]) -> CleanedReport:
    """Topics, laws and keyword counts, from one jieba pass over each block."""
    topic_counts: Counter[str] = Counter()
    laws: list[str] = []
    counts: Counter[str] = Counter()
    mentions_by_block: dict[int, tuple[Mention, ...]] = {}
    for i, block in enumerate(doc.blocks, start=1):
        words = cut(block.text)
        counts.update(term_counts(words))
        if block.kind == "table":
            continue
        mentions = _block_mentions(block.text, words, topics)
        topic_counts.update(set(m.name for m in mentions if m.kind == "topic"))
        laws.extend(m.name for m in mentions if m.kind == "law")
        if mentions and block.kind in ("p", "signature"):
            mentions_by_block[i] = mentions
    parts = assign_sections(doc.blocks, str(doc.fields.get("doc_type")), doc.fields.get("report_year"))  # type: ignore[arg-type]
    values = _indicators(doc, parts)
    for value in values:  # the paragraph a value was read from gets an anchor to link to
        mentions_by_block.setdefault(value.block, ())
    doc.fields["indicators"] = [v.as_dict() for v in values]
    ranked = sorted(topic_counts, key=lambda t: (-topic_counts[t], t))
    return CleanedReport(path, sha256, doc, ranked, sorted(set(laws)), top_terms(_without_own_places(counts, doc)),
                         mentions_by_block, sections_by_block=parts)


def _without_own_places(counts: Counter[str], doc: CleanDoc) -> Counter[str]:
    """Keyword candidates without the short names of the report's own divisions (綦江, 汉中): a
    report names its place more than anything. Only its own: a short name may be a common word
    elsewhere (公安, 平安 and 光明 are divisions' short names too)."""
    own = own_short_names(str(doc.fields.get("region_code") or ""))
    return Counter({w: n for w, n in counts.items() if w not in own}) if own & counts.keys() else counts


def _indicators(doc: CleanDoc, parts: dict[int, str]) -> list[Value]:
    """Narrative values, overridden by the statistics tables where a disclosure report has them."""
    doc_type = str(doc.fields.get("doc_type"))
    # next year's plans state targets, never the year's figures (持续推动…出庭应诉率稳定在100%)
    plan = next_year_part()
    plans = {i for i, part in parts.items() if part == plan}
    paragraphs = [(i, block.text) for i, block in enumerate(doc.blocks, start=1) if block.kind == "p" and i not in plans]
    values = {v.name: v for v in narrative_values(paragraphs, doc_type, doc.fields.get("report_year"))}  # type: ignore[arg-type]
    if doc_type == "政府信息公开工作年度报告":
        from_tables, problems = table_values(doc.blocks, names_and_units())
        values.update((v.name, v) for v in from_tables)
        doc.warnings.extend(PageWarning("table_inconsistent", problem) for problem in problems)
    return sorted(values.values(), key=lambda v: (v.block, v.name))


def process_file(path: Path, topics: tuple[Topic, ...]) -> CleanedReport:
    raw = read_page(path)
    return annotate_doc(path, raw.sha256, clean_page(raw), topics)
