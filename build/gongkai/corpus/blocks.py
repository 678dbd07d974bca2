"""Body lines → structured blocks: paragraphs, headings, tables, signature.

Official documents print 一、 for sections and （一） for subsections; those
become Markdown headings. Page breaks in scraped PDFs split paragraphs mid-
sentence (备 / 案); those are joined again. Everything else stays a paragraph,
so no sentence of the source is ever dropped here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .dates import DATE_ONLY_LINE
from .numerals import parse_number
from .patterns import H2_MARKER, H3_MARKER, ITEM_MARKER, ORGAN_SUFFIX
from .spam import is_marker_only

_END_PUNCT = "。！？；：…”’」』）)】!?;:"
_CONTINUES = re.compile(r"^[\u4e00-\u9fff，、。；：）”」』]")
_MIN_BROKEN = 20
_MAX_HEADING = 60
_MAX_LEAD = 40


@dataclass
class Block:
    kind: str  # p, h2, h3, table, signature
    text: str


def _is_heading_start(line: str) -> bool:
    return bool(H2_MARKER.match(line) or H3_MARKER.match(line) or ITEM_MARKER.match(line))


def _is_signature_line(line: str) -> bool:
    return bool(DATE_ONLY_LINE.match(line)) or (len(line) <= 30 and bool(ORGAN_SUFFIX.search(line)))


def _continues(prev: str, line: str) -> bool:
    """Was ``prev`` cut by a page break, with ``line`` its continuation?"""
    if len(prev) < _MIN_BROKEN or prev.endswith(tuple(_END_PUNCT)) or prev.startswith("|"):
        return False
    if " | " in prev or " | " in line:
        return False  # a table row flattened to cells is never a sentence cut by a page break
    if not re.search(r"[\u4e00-\u9fff，、]$", prev):
        return False
    if _is_heading_start(prev) and len(prev) <= _MAX_HEADING:
        return False
    return bool(_CONTINUES.match(line)) and not _is_heading_start(line) and not _is_signature_line(line)


def group_lines(lines: list[str]) -> list[Block]:
    """Group non-blank lines into paragraph and table blocks, joining broken paragraphs."""
    blocks: list[Block] = []
    for line in lines:
        if not line:
            continue
        if line.startswith("|"):
            if blocks and blocks[-1].kind == "table":
                blocks[-1].text += "\n" + line
            else:
                blocks.append(Block("table", line))
            continue
        if blocks and blocks[-1].kind == "p" and _continues(blocks[-1].text, line):
            blocks[-1].text += line
            continue
        blocks.append(Block("p", line))
    return blocks


def _split_heading(block: Block) -> list[Block]:
    text = block.text
    if text.startswith("**"):  # a bold heading (<strong>一、总体情况</strong>), maybe with its paragraph after it
        end = text.find("**", 2)
        lead, rest = (text[2:end].strip(), text[end + 2:].strip()) if end > 2 else ("", "")
        heading = _split_heading(Block(block.kind, lead)) if lead and "**" not in rest else []
        if heading and heading[0].kind in ("h2", "h3"):  # the bold part read as a plain line would be
            return heading + ([Block("p", rest)] if rest else [])
    for marker, kind in ((H2_MARKER, "h2"), (H3_MARKER, "h3")):
        m = marker.match(text)
        if not m or len(text) - m.end() < 2:
            continue  # a bare （一） is a table cell or a list number, not a heading
        if len(text) <= _MAX_HEADING and "。" not in text.rstrip("。"):
            return [Block(kind, text.rstrip("。"))]
        lead, sep, rest = text.partition("。")
        if sep and len(lead) <= _MAX_LEAD and rest.strip():
            return [Block(kind, lead), Block("p", rest.strip())]
    return [block]


# A report printed as one paragraph (a mirror that lost the line breaks): its 一、二、三、 follow the
# end of a sentence, in order; and its 落款 may be glued after the last one.
# The first section may follow the preamble's 如下：, the others only the end of a sentence: an inline list
# (坚持做到：一、公众参与…；二、专家论证…) is no report's sections.
_INLINE_SECTION = re.compile(r"(?<=[。：:！？])\s*([一二三四五六七八九十]{1,3})、")
_GLUED_SIGNATURE = re.compile(r"(?<=[。！？])\s*(?P<organ>[\u4e00-\u9fff（）()]{4,30}?)\s*"
                              r"(?P<date>(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*$")
_ONE_PARAGRAPH = 300  # shorter paragraphs may well list 一、二、 inside one sentence's worth


def _unfold(block: Block) -> list[Block]:
    """One long paragraph holding the report's sections → a paragraph a section, then the signature."""
    text = block.text
    if block.kind != "p" or len(text) < _ONE_PARAGRAPH:
        return [block]
    cuts: list[int] = []
    for m in _INLINE_SECTION.finditer(text):
        if parse_number(m.group(1)) == len(cuts) + 1 and (not cuts or text[m.start() - 1] in "。！？"):
            cuts.append(m.start(1))
    pieces = [text[a:b].strip() for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)] if len(cuts) >= 2 else [text]
    signature = _GLUED_SIGNATURE.search(pieces[-1])
    if signature and ORGAN_SUFFIX.search(signature.group("organ")):
        pieces[-1:] = [pieces[-1][:signature.start()].strip(), signature.group("organ"), signature.group("date")]
    return [Block("p", piece) for piece in pieces if piece]


def mark_structure(blocks: list[Block]) -> list[Block]:
    """Headings from 一、/（一）, the signature block, and an 附件 heading."""
    out: list[Block] = []
    if any(b.kind == "p" and H2_MARKER.match(b.text) for b in blocks):
        unfolded = blocks  # a page with sections of its own lines: a long paragraph's 一、二、 is a list in it
    else:
        unfolded = [piece for b in blocks for piece in _unfold(b)]
    for block in unfolded:
        out.extend(_split_heading(block) if block.kind == "p" else [block])
    _mark_signature(out)
    _mark_attachments(out)
    return out


def signature_date_index(blocks: list[Block]) -> int | None:
    """Index of the last paragraph that is only a date: the 落款 date."""
    for i in range(len(blocks) - 1, -1, -1):
        if blocks[i].kind in ("p", "signature") and DATE_ONLY_LINE.match(blocks[i].text):
            return i
    return None


def _mark_signature(blocks: list[Block]) -> None:
    i = signature_date_index(blocks)
    if i is None:
        return
    blocks[i].kind = "signature"
    prev = blocks[i - 1] if i > 0 else None
    if prev and prev.kind == "p" and (len(prev.text) <= 30 and ORGAN_SUFFIX.search(prev.text) or is_marker_only(prev.text)):
        prev.kind = "signature"


def signer(blocks: list[Block]) -> str | None:
    """The organ printed above the 落款 date, when it names an organ."""
    i = signature_date_index(blocks)
    if i and blocks[i - 1].kind == "signature" and ORGAN_SUFFIX.search(blocks[i - 1].text):
        return blocks[i - 1].text
    return None


_ATTACHMENT = re.compile(r"^附\s*件\s*(?:\d+|[一二三四五六七八九十]+)?\s*[:：]?")


def _mark_attachments(blocks: list[Block]) -> None:
    for i, block in enumerate(blocks):
        if block.kind == "p" and _ATTACHMENT.match(block.text) and len(block.text) <= 80:
            blocks.insert(i, Block("h2", "附件"))
            return
