"""Clean one raw page: strip chrome, repair text, read metadata, structure the body.

This module only orchestrates; each concern has its own module.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .blocks import Block, group_lines, mark_structure, signature_date_index, signer
from .chrome import breadcrumb, is_chrome_line, trailing_chrome_start
from .dates import read_date
from .head import head_date, join_title_tails, joined_title, source_after_date, split_head
from .issuer import extract_issuer, extract_issuer_kind, government_speaking, issuer_from_opening, placed_issuer
from .kinds import extract_doc_type, extract_report_year
from .labels import is_label_line, read_labels
from .metadata import (
    PageParts,
    extract_date,
    extract_doc_no,
    extract_place,
    extract_title,
    extract_url,
    region_name,
    split_title_doc_no,
    title_date,
    title_from_opening,
    title_hints,
)
from .normalise import clean_value, normalise_index_no, normalise_name
from .reading import RawPage
from .spam import remove_spam
from .textnorm import columns_as_cells, drop_controls, normalise_line, squeeze_cjk_spaces, strip_invisible, widen_punctuation
from .timeliness import deadline, on_time
from .traditional import is_traditional, to_simplified


@dataclass
class PageWarning:
    code: str
    detail: str

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "detail": self.detail}


@dataclass
class CleanDoc:
    fields: dict[str, object]
    blocks: list[Block]
    warnings: list[PageWarning]
    dropped: list[str] = field(default_factory=list)


def _source_lines(raw: RawPage) -> tuple[list[str], dict[str, str]]:
    if raw.is_html:
        from .html_text import html_to_page  # BeautifulSoup, imported only where a page is HTML

        page = html_to_page(raw.text)
        return page.lines, page.meta
    return raw.text.split("\n"), {}


MIN_BODY_CHARS = 200  # a report's text is longer than this; a notice or a decision may be whole in less
SHORT_KINDS = ("通知", "决定")
_BULLET = re.compile(r"^[•·▪●◆■]\s+")


def clean_page(raw: RawPage) -> CleanDoc:
    source_lines, html_meta = _source_lines(raw)
    warnings: list[PageWarning] = []
    lines: list[str] = []
    controls = 0
    for line in source_lines:
        line, dropped_controls = drop_controls(line)
        controls += dropped_controls
        line = strip_invisible(line)
        if not raw.is_html:  # a text copy keeps a table's columns as tabs or runs of spaces
            line = columns_as_cells(line)
        line = normalise_line(line)
        line, removed = remove_spam(line)
        warnings.extend(PageWarning("spam_removed", phrase) for phrase in removed)
        lines.append(line.strip())
    # Rules read a simplified copy; the body keeps the page's own characters.
    traditional = is_traditional("".join(lines[:200]))
    probe = [to_simplified(line) for line in lines] if traditional else lines

    hints = title_hints(to_simplified(html_meta.get("html_title", "")) if traditional else html_meta.get("html_title"))
    join_title_tails(lines, probe)
    body_start, title_idx = split_head(probe, hints)
    head = probe[:body_start]
    footer_start = max(body_start, trailing_chrome_start(probe))
    dropped = [line for line in lines[:body_start] if line] + [line for line in lines[footer_start:] if line]
    body_lines = []
    title_line = joined_title(probe, title_idx)
    title_text = split_title_doc_no(title_line)[0] if title_line else None
    for line, seen in zip(lines[body_start:footer_start], probe[body_start:footer_start], strict=True):
        if line and (is_chrome_line(seen) or breadcrumb(seen) or (title_text and split_title_doc_no(seen)[0] == title_text)):
            dropped.append(line)
            continue
        line = _BULLET.sub("", line)  # a list bullet the page put before a paragraph
        body_lines.append(widen_punctuation(squeeze_cjk_spaces(line)) if line else "")
    body_lines, tail_labels = _trailing_labels(body_lines)
    blocks = mark_structure(group_lines(body_lines))

    labelled = {**tail_labels, **read_labels(head)}  # the head's own labels first
    parts = PageParts(head=head, labelled=labelled, body=[b.text for b in blocks], html_meta=html_meta)
    trail: list[str] = next((t for t in map(breadcrumb, head) if t), [])
    fields = _fields(parts, title_line, blocks, trail, warnings, traditional)
    text = sum(len(b.text) for b in blocks)
    if text < MIN_BODY_CHARS and fields["doc_type"] not in SHORT_KINDS:
        warnings.append(PageWarning("body_missing", f"正文 {text} 字"))  # an attachment, or a frame the crawler did not follow
    fields, in_fields = _without_controls(fields)
    if controls or in_fields:
        warnings.append(PageWarning("control_chars_removed", f"{controls + in_fields} 个"))
    return CleanDoc(fields, blocks, warnings, dropped)


_TAIL_FIELDS = ("published_date", "publisher")
_TAIL_LINES = 4


def _trailing_labels(lines: list[str]) -> tuple[list[str], dict[str, str | None]]:
    """The body without a metadata line some templates print after the text (发布时间：… 来源：… 阅读：),
    and what that line says. Only the last few lines, and only those naming a date or a source."""
    filled = [i for i, line in enumerate(lines) if line][-_TAIL_LINES:]
    found: dict[str, str | None] = {}
    dropped = set()
    for i in filled:
        if not is_label_line(lines[i]):
            continue
        pairs = {k: v for k, v in read_labels([lines[i]]).items() if k in _TAIL_FIELDS and v}
        if pairs:
            found.update(pairs)
            dropped.add(i)
    return [line for i, line in enumerate(lines) if i not in dropped], found


def _named_source(value: str | None) -> str | None:
    """A source meta tag's value when it names someone: not 本网, 本站原创 or 网络."""
    name = normalise_name(value)
    return None if name is None or re.fullmatch(r"本[网站](?:原创)?|原创|网络|互联网", name) else name


def _title_at(head: list[str], title_line: str | None) -> int | None:
    if not title_line:
        return None
    return next((i for i, line in enumerate(head) if line and title_line.endswith(line)), None)


def _without_controls(fields: dict[str, object]) -> tuple[dict[str, object], int]:
    """Fields read from HTML <meta> tags bypass the line cleaning: drop their control characters too."""
    total = 0

    def clean(value: object) -> object:
        nonlocal total
        if isinstance(value, str):
            value, count = drop_controls(value)
            total += count
            return value
        if isinstance(value, list):
            return [clean(v) for v in value]
        return value

    return {k: clean(v) for k, v in fields.items()}, total


_CLOCK = re.compile(r"\d{1,2}:\d{2}")
_DATE_LABELS = {"written_date": "成文日期", "published_date": "发布日期"}


def _fields(parts: PageParts, title_line: str | None, blocks: list[Block], trail: list[str],
            warnings: list[PageWarning], traditional: bool) -> dict[str, object]:
    title = extract_title(parts, title_line) or title_from_opening(next((b.text for b in blocks if b.kind == "p"), None))
    if not title:
        warnings.append(PageWarning("title_missing", ""))
    signed_iso = None
    sig = signature_date_index(blocks)
    if sig is not None:
        reading = read_date(blocks[sig].text)
        if reading and reading.status == "repaired":
            warnings.append(PageWarning("date_repaired", f"落款 {reading.printed} → {reading.iso}"))
        elif reading and reading.status == "unparseable":
            warnings.append(PageWarning("date_unparseable", f"落款 {reading.printed}"))
        signed_iso = reading.iso if reading else None
    dates = {}
    for name, meta_keys in (("written_date", ()), ("published_date", ("PubDate", "pubdate", "publishdate", "article:published_time"))):
        iso, status, printed = extract_date(parts, name, meta_keys)
        if status == "repaired":
            warnings.append(PageWarning("date_repaired", f"{_DATE_LABELS[name]} {printed} → {iso}"))
        elif status == "unparseable":
            warnings.append(PageWarning("date_unparseable", f"{_DATE_LABELS[name]} {printed}"))
        dates[name] = iso
    if not dates["published_date"]:  # a date in brackets after the title, or unlabelled under it
        printed = (title_date(title_line) if title_line else None) or head_date(parts.head, _title_at(parts.head, title_line))
        reading = read_date(printed)
        dates["published_date"] = reading.iso if reading else None
    if not dates["published_date"] and _CLOCK.search(parts.labelled.get("written_date") or ""):
        # 生成日期：2024-01-22 16:05:31 with no 发布日期: a clock time is the system's entry, not the
        # document's own date (成文日期 never has one), so the page went online then.
        dates["published_date"] = dates["written_date"]
    if not dates["published_date"]:
        warnings.append(PageWarning("date_missing", ""))
    # A page that prints one organ label (发文单位：…) names its publisher too.
    # A CMS (TRS, Hanweb, Kaipu) also names the source in a meta tag, which helps where a script writes the visible one.
    publisher = (normalise_name(parts.labelled.get("publisher")) or source_after_date(parts.head)
                 or normalise_name(parts.labelled.get("issuer")) or _named_source(parts.html_meta.get("ContentSource")))
    signed_by = signer(blocks)
    # The opening: the first paragraphs (a template's preamble may precede the year's sentence).
    opening = "\n".join([b.text for b in blocks if b.kind == "p"][:3]) or None
    if traditional:  # read like the head: in simplified characters, the gazetteer's and the title's
        signed_by, opening = (to_simplified(signed_by) if signed_by else None), (to_simplified(opening) if opening else None)
    issuer = extract_issuer(parts, title, signed_by) or issuer_from_opening(opening)
    doc_type = extract_doc_type(title, opening)
    index_no = normalise_index_no(parts.labelled.get("index_no"))
    place = extract_place(parts, issuer, title, signed_by, publisher, trail, index_no)
    if place is None:
        warnings.append(PageWarning("region_missing", ""))
    issuer = placed_issuer(issuer, place.region if place else None)
    if not issuer and place:
        issuer = government_speaking("\n".join(b.text for b in blocks), place.region)
    if not issuer:
        warnings.append(PageWarning("issuer_missing", ""))
    report_year = extract_report_year(title, doc_type, opening)
    due = deadline(doc_type, extract_issuer_kind(issuer), report_year)
    return {
        "title": title,
        "doc_no": extract_doc_no(parts, title_line),
        "index_no": index_no,
        "issuer": issuer,
        "issuer_kind": extract_issuer_kind(issuer),
        "publisher": publisher,
        "region": place.region if place else region_name(issuer, title, publisher),
        "region_code": place.region_code if place else None,
        "province": place.province if place else None,
        "subject": clean_value(parts.labelled.get("subject")),
        "genre": clean_value(parts.labelled.get("genre")),
        "validity": clean_value(parts.labelled.get("validity")),
        "written_date": dates["written_date"],
        "published_date": dates["published_date"],
        "signed_date": signed_iso,
        "report_year": report_year,
        "deadline": due,
        "on_time": on_time(dates["published_date"], due),
        "doc_type": doc_type,
        "breadcrumb": trail,
        "url": extract_url(parts),
    }
