"""The corpus file: the one boundary between the corpus stage and the site stage.

A corpus file is Markdown with YAML front matter. ``render`` writes a ``CorpusDoc`` and
``parse`` reads it back, and they are exact inverses: ``parse(render(doc)) == doc``.
Nothing else in the project reads or writes the format.

Each body block is one ``Paragraph``. The text is kept literal (``escape`` makes Markdown
syntax inert and ``unescape`` undoes it exactly), and an attribute line after a block
carries its anchor, its mandated section, and the mentions the corpus stage found in it:
(kind, name, offset, term). The site links and quotes exactly those mentions; it never
looks for topic words or law names again.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple, TypedDict

import yaml

from .errors import GongkaiError
from .package_data import SAFE_LOADER

# libyaml's safe loader (package_data) and dumper: the same safe subset as yaml.safe_load/safe_dump,
# about ten times faster, which matters at 10,000 reports.
_LOADER = SAFE_LOADER
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class FrontMatter(TypedDict, total=False):
    """A report's metadata, in the order it is written. Dates are ISO strings; absent values are None."""

    title: str | None
    doc_no: str | None
    index_no: str | None
    issuer: str | None
    issuer_kind: str | None
    publisher: str | None
    region: str | None
    region_code: str | None
    province: str | None
    subject: str | None
    genre: str | None
    validity: str | None
    written_date: str | None
    published_date: str | None
    signed_date: str | None
    report_year: int | None
    deadline: str | None
    on_time: bool | None
    doc_type: str | None
    breadcrumb: list[str] | None
    topics: list[str]
    laws: list[str]
    indicators: list[dict[str, Any]]
    keywords: list[str]
    source: dict[str, Any]
    warnings: list[dict[str, Any]]


FRONT_MATTER_KEYS: tuple[str, ...] = tuple(FrontMatter.__annotations__)
_LISTS = {"breadcrumb", "topics", "laws", "indicators", "keywords", "warnings"}


class Mention(NamedTuple):
    """A topic term or a cited law found in a paragraph: ``term`` is ``text[offset:offset + len(term)]``."""

    kind: str  # "topic" or "law"
    name: str  # the topic's name, or the law's normalised name
    offset: int
    term: str


class Paragraph(NamedTuple):
    """One body block. A named tuple: thousands of them are cached and pickled per build."""

    anchor: str | None
    text: str
    kind: str  # p, h2, h3, table, signature
    section: str | None = None  # the mandated part of the report it belongs to (corpus/sections.py)
    mentions: tuple[Mention, ...] = ()

    @property
    def topics(self) -> list[str]:
        """The topics mentioned, in order of first mention."""
        return list(dict.fromkeys(m.name for m in self.mentions if m.kind == "topic"))


@dataclass
class CorpusDoc:
    front: FrontMatter
    paragraphs: list[Paragraph] = field(default_factory=list)


class CorpusFileError(GongkaiError):
    """A corpus file that cannot be read back: it names the file and what to do."""


# --- text escapes -------------------------------------------------------------------------

# At the start of any line: Markdown block syntax, and "{:" which would read as our attribute line.
_LINE_START = re.compile(r"^(?:([#>{|]|[-+*](?=\s|$))|(\d+)([.)]))", re.M)
_UNESCAPE = re.compile(r"\\([\\#>{|+*.)-])|&(amp|lt);")


def _escape_line_start(m: re.Match[str]) -> str:
    return "\\" + m.group(1) if m.group(1) else m.group(2) + "\\" + m.group(3)


def escape(text: str, *, table: bool = False) -> str:
    """Keep scraped text literal: no raw HTML, no accidental lists, headings or attribute lines.
    **bold** is kept. A table's rows keep their pipes. ``unescape`` is the exact inverse."""
    text = text.replace("\\", "\\\\").replace("&", "&amp;").replace("<", "&lt;")
    return text if table else _LINE_START.sub(_escape_line_start, text)


def unescape(text: str) -> str:
    """The text ``escape`` was given."""
    return _UNESCAPE.sub(lambda m: m.group(1) or ("&" if m.group(2) == "amp" else "<"), text)


# --- attribute lines ----------------------------------------------------------------------

_ATTR = re.compile(r"\n\{:(?P<attrs>[^{}\n]*)\}$")
_ATTR_ID = re.compile(r"(?:^|\s)#([\w-]+)")
_ATTR_VALUE = re.compile(r'data-(section|mentions)="([^"]*)"')
_ATTR_UNSAFE = {"%": "%25", '"': "%22", "|": "%7C", ":": "%3A", "{": "%7B", "}": "%7D", "\n": "%0A"}
_ATTR_CODE = re.compile("%(25|22|7C|3A|7B|7D|0A)")
_ATTR_CHARS = {code[1:]: char for char, code in _ATTR_UNSAFE.items()}
_KIND_CODES = {"topic": "t", "law": "l"}
_CODE_KINDS = {v: k for k, v in _KIND_CODES.items()}


def _attr_escape(value: str) -> str:
    return "".join(_ATTR_UNSAFE.get(ch, ch) for ch in value)


def _attr_unescape(value: str) -> str:
    return _ATTR_CODE.sub(lambda m: _ATTR_CHARS[m.group(1)], value)


def _mentions_attr(p: Paragraph) -> str:
    for m in p.mentions:
        if p.text[m.offset:m.offset + len(m.term)] != m.term or not m.term:
            raise ValueError(f"mention {m!r} is not in its paragraph's text")
    return "|".join(f"{_KIND_CODES[m.kind]}:{m.offset}:{len(m.term)}:{_attr_escape(m.name)}" for m in p.mentions)


def _mentions_from(value: str, text: str) -> tuple[Mention, ...]:
    """Mentions from an attribute value. One that no longer fits the text (a hand edit) is dropped."""
    out = []
    for record in value.split("|") if value else ():
        kind, offset, length, name = (record.split(":", 3) + ["", "", ""])[:4]
        if kind not in _CODE_KINDS or not offset.isdigit() or not length.isdigit():
            continue
        start, end = int(offset), int(offset) + int(length)
        if 0 < end - start and end <= len(text):
            out.append(Mention(_CODE_KINDS[kind], _attr_unescape(name), start, text[start:end]))
    return tuple(out)


def _attributes(p: Paragraph) -> str:
    attrs = [f"#{p.anchor}"] if p.anchor else []
    if p.section:
        attrs.append(f'data-section="{_attr_escape(p.section)}"')
    if p.mentions:
        attrs.append(f'data-mentions="{_mentions_attr(p)}"')
    if p.kind == "signature":
        attrs.append(".signature")
    return "\n{: " + " ".join(attrs) + " }" if attrs else ""


# --- whole files --------------------------------------------------------------------------

_HEADING_MARK = {"h2": "## ", "h3": "### "}


def _block(p: Paragraph) -> str:
    if p.kind == "table":
        return escape(p.text, table=True) + _attributes(p)
    return _HEADING_MARK.get(p.kind, "") + escape(p.text) + _attributes(p)


def render_body(paragraphs: list[Paragraph]) -> str:
    return "\n\n".join(_block(p) for p in paragraphs) + "\n"


def render(doc: CorpusDoc) -> str:
    return render_file(doc.front, render_body(doc.paragraphs))


def written_front(front: FrontMatter) -> FrontMatter:
    """The front matter as ``render_file`` writes it: every key, in order, an absent one as None
    or []. ``parse_front`` of the file gives exactly this back (tests/test_corpus_file.py)."""
    return {key: front.get(key, [] if key in _LISTS else None) for key in FRONT_MATTER_KEYS}  # type: ignore[return-value]


def render_file(front: FrontMatter, body: str) -> str:
    """A corpus file from its front matter and its body as render_body wrote it."""
    head = yaml.dump(written_front(front), Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{head}---\n\n{body}"


def _split(text: str, name: str) -> tuple[str, str]:
    if not text.startswith("---\n"):
        raise CorpusFileError(f"{name}: has no YAML front matter; it is not a corpus file (regenerate it with 'gongkai corpus')")
    head, _, body = text[4:].partition("\n---\n")
    return head, body.lstrip("\n")


def parse_front(text: str, name: str = "corpus file") -> FrontMatter:
    """The front matter alone, checked: a mapping whose values have the declared kinds."""
    head, _ = _split(text, name)
    try:
        front = yaml.load(head, Loader=_LOADER) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark else ""
        raise CorpusFileError(f"{name}: the front matter is not valid YAML{where}; "
                              "fix it or run 'gongkai corpus' again") from None
    if not isinstance(front, dict):
        raise CorpusFileError(f"{name}: the front matter is not a mapping of fields; run 'gongkai corpus' again")
    for key in _LISTS & front.keys():
        if front[key] is not None and not isinstance(front[key], list):
            raise CorpusFileError(f"{name}: front matter field {key!r} must be a list; fix it or run 'gongkai corpus' again")
    return front  # type: ignore[return-value]


def parse_paragraphs(body: str, mentions: bool = True) -> list[Paragraph]:
    """The body's blocks; with ``mentions=False`` without their mentions (half the work), for readers
    of the text alone."""
    out = []
    for chunk in body.split("\n\n"):
        chunk = chunk.strip("\n")
        if not chunk.strip():
            continue
        m = _ATTR.search(chunk)
        attrs = m.group("attrs") if m else ""
        text = chunk[: m.start()] if m else chunk
        kind = "h2" if text.startswith("## ") else "h3" if text.startswith("### ") else "table" if text.startswith("|") else "p"
        if ".signature" in attrs.split():
            kind = "signature"
        text = unescape(text[len(_HEADING_MARK.get(kind, "")):])
        anchor = _ATTR_ID.search(attrs)
        values = {k: _attr_unescape(v) if k == "section" else v for k, v in _ATTR_VALUE.findall(attrs)}
        out.append(Paragraph(anchor.group(1) if anchor else None, text, kind, values.get("section"),
                             _mentions_from(values.get("mentions", ""), text) if mentions else ()))
    return out


_SOURCE_ADDED = re.compile(r"^  added: '?(\d{4}-\d{2}-\d{2})'?$", re.M)


def source_added(head: str) -> str | None:
    """``source.added`` from the start of a corpus file, without parsing all of its front matter."""
    m = _SOURCE_ADDED.search(head.split("\n---\n", 1)[0])
    return m.group(1) if m else None


def body_of(text: str, name: str = "corpus file") -> str:
    """A corpus file's body, without parsing its front matter."""
    return _split(text, name)[1]


def parse(text: str, name: str = "corpus file") -> CorpusDoc:
    """The document ``render`` wrote. Raises CorpusFileError naming ``name`` and what to do."""
    front = parse_front(text, name)
    return CorpusDoc(front, parse_paragraphs(body_of(text, name)))
