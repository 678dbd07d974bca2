"""Write a cleaned, annotated report as Markdown with YAML front matter, and read it back."""
from __future__ import annotations

import re
from typing import NamedTuple
from typing import Any

import yaml

from .corpus.blocks import Block

# libyaml's safe loader and dumper: the same safe subset as yaml.safe_load/safe_dump,
# about ten times faster, which matters at 10,000 reports.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

FRONT_MATTER_KEYS = ("title", "doc_no", "index_no", "issuer", "issuer_kind", "publisher", "region", "region_code",
                     "province", "subject", "genre",
                     "validity", "written_date", "published_date", "signed_date", "report_year", "deadline", "on_time", "doc_type",
                     "breadcrumb", "topics", "laws", "indicators", "keywords", "source", "warnings")

_LEADING = re.compile(r"^(#|>|[-+*]\s|\d+[.)]\s?)")
_ATTR = re.compile(r"\n\{:(?P<attrs>[^{}\n]*)\}$")
_ATTR_ID = re.compile(r"#([\w-]+)")
_ATTR_TOPICS = re.compile(r'data-topics="([^"]*)"')
_ATTR_SECTION = re.compile(r'data-section="([^"]*)"')


def escape(text: str) -> str:
    """Keep scraped text literal in the corpus file: no raw HTML, no accidental lists, headings
    or attribute lines. **bold** is kept. ``unescape`` is its exact inverse."""
    text = text.replace("\\", "\\\\").replace("&", "&amp;").replace("<", "&lt;")
    text = _LINE_START.sub(_escape_line_start, text)
    return text


# At the start of any line: Markdown block syntax, and "{:" which would read as our attribute line.
_LINE_START = re.compile(r"^(?:([#>{]|[-+*](?=\s|$))|(\d+)([.)]))", re.M)


def _escape_line_start(m: re.Match[str]) -> str:
    return "\\" + m.group(1) if m.group(1) else m.group(2) + "\\" + m.group(3)


_UNESCAPE = re.compile(r"\\([\\#>{+*.)-])|&(amp|lt);")


def unescape(text: str) -> str:
    """The text ``escape`` was given."""
    return _UNESCAPE.sub(lambda m: m.group(1) or ("&" if m.group(2) == "amp" else "<"), text)


class Paragraph(NamedTuple):
    """One body block. A named tuple: thousands of them are cached and pickled per build."""

    anchor: str | None
    topics: list[str]
    text: str
    kind: str
    section: str | None = None  # the mandated part of the report it belongs to (sections.py)


def render_body(blocks: list[Block], topics_by_block: dict[int, list[str]],
                sections_by_block: dict[int, str] | None = None) -> str:
    """The body: one block a paragraph; a paragraph that mentions a topic or law, gives a value or
    belongs to a mandated part gets an anchor and those attributes."""
    sections_by_block = sections_by_block or {}
    parts: list[str] = []
    for i, block in enumerate(blocks, start=1):
        if block.kind == "h2":
            parts.append(f"## {escape(block.text)}")
        elif block.kind == "h3":
            parts.append(f"### {escape(block.text)}")
        elif block.kind == "table":
            table = block.text.replace("\\", "\\\\").replace("&", "&amp;").replace("<", "&lt;")
            parts.append(table + (f"\n{{: #p{i} }}" if i in topics_by_block else ""))  # a value was read from it
        else:
            attrs = []
            if i in topics_by_block or i in sections_by_block:
                attrs.append(f"#p{i}")
                if topics_by_block.get(i):
                    attrs.append('data-topics="' + ",".join(topics_by_block[i]) + '"')
                if i in sections_by_block:
                    attrs.append(f'data-section="{sections_by_block[i]}"')
            if block.kind == "signature":
                attrs.append(".signature")
            text = escape(block.text)
            parts.append(text + ("\n{: " + " ".join(attrs) + " }" if attrs else ""))
    return "\n\n".join(parts) + "\n"


def render(front: dict[str, Any], body: str) -> str:
    ordered = {key: front.get(key) for key in FRONT_MATTER_KEYS}
    head = yaml.dump(ordered, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{head}---\n\n{body}"


def _split(text: str) -> tuple[str, str]:
    if not text.startswith("---\n"):
        raise ValueError("no YAML front matter")
    head, _, body = text[4:].partition("\n---\n")
    return head, body.lstrip("\n")


def parse(text: str) -> tuple[dict[str, Any], str]:
    """Split a corpus file into (front matter, body)."""
    head, body = _split(text)
    return yaml.load(head, Loader=_LOADER) or {}, body


def body_of(text: str) -> str:
    """A corpus file's body, without parsing its front matter."""
    return _split(text)[1]


def paragraphs(body: str) -> list[Paragraph]:
    """Body blocks with their anchors and topics, as written by ``render_body``: the text is the
    cleaned text itself (escapes undone, heading marks removed), a table's as Markdown rows."""
    out = []
    for chunk in body.split("\n\n"):
        chunk = chunk.strip()
        if not chunk:
            continue
        m = _ATTR.search(chunk)
        attrs = m.group("attrs") if m else ""
        text = chunk[: m.start()] if m else chunk
        kind = "h2" if text.startswith("## ") else "h3" if text.startswith("### ") else "table" if text.startswith("|") else "p"
        if ".signature" in attrs:
            kind = "signature"
        text = unescape(text[3 if kind == "h2" else 4 if kind == "h3" else 0:])
        anchor = _ATTR_ID.search(attrs)
        topics_attr = _ATTR_TOPICS.search(attrs)
        section_attr = _ATTR_SECTION.search(attrs)
        topics = [t for t in topics_attr.group(1).split(",") if t] if topics_attr else []
        out.append(Paragraph(anchor.group(1) if anchor else None, topics, text, kind,
                             section_attr.group(1) if section_attr else None))
    return out
