"""Research downloads: corpus.jsonl.gz, catalog.csv, topics.csv, indicators.csv and an Atom feed."""
from __future__ import annotations

import csv
import gzip
import io
import json
import re
import zlib
from collections.abc import Callable, Iterable
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from ...corpus.textnorm import drop_controls
from ...state import SITE, Scope, State
from ..model import Corpus, SiteReport
from ..opening import opening
from ..safe_markdown import strip_markup
from .sqlite_file import indicator_rows

CATALOG_COLUMNS = ("id", "title", "doc_no", "index_no", "issuer", "publisher", "region", "published_date",
                   "written_date", "signed_date", "report_year", "doc_type", "topics", "url")


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> str:
    """A CSV cell a spreadsheet will not run: a value that starts like a formula is prefixed with
    an apostrophe (OWASP's advice), so ``=HYPERLINK(…)`` stays readable text."""
    text = "" if value is None else drop_controls(str(value))[0]
    return "'" + text if text.startswith(_FORMULA_START) else text


_XML_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})


def xml_text(value: object) -> str:
    """Text for an XML element or attribute: escaped, without the characters XML forbids."""
    # By hand: xml.sax.saxutils imports urllib.request and http.client, 30 ms of every publish.
    return drop_controls(str(value))[0].translate(_XML_ESCAPES)


def _feed_date(value: object) -> str | None:
    text = str(value or "")
    return text if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else None


def _plain(value: object) -> object:
    if isinstance(value, date):
        return value.isoformat()
    return value


def _report_url(report: SiteReport, site_url: str) -> str:
    return f"{site_url.rstrip('/')}/reports/{report.id}/"


class LineCache:
    """Where each report's lines sit in the last copy of a download (the CSVs), and what they were
    made from. MemberCache does it for corpus.jsonl.gz.

    An unchanged report's lines are copied from the last file instead of being made again: in
    corpus.jsonl a line holds a whole report body, and the CSVs went through every report's front
    matter at each build. Kept in the state under the size and mtime of the file it describes, so
    a file changed since is not trusted."""

    SPACE = "download_lines"

    def __init__(self, state: State | None = None, data_file: Path | None = None) -> None:
        self.state, self.data_file = state, data_file
        self.old: dict[Any, tuple] = {}
        self.data = b""
        self.scope = Scope(state, self.SPACE, data_file) if state is not None and data_file is not None else None
        if self.scope is not None and data_file is not None and data_file.exists():
            saved = self.scope.get(self._key())
            if isinstance(saved, dict):
                self.old, self.data = saved, data_file.read_bytes()
        self.new: dict[Any, tuple] = {}
        self.content = b""

    def join(self, lines: Iterable[tuple[str, str, Callable[[], bytes]]], head: bytes = b"") -> bytes:
        """The file: ``head``, then from (report id, key of its inputs, function making its lines) in order."""
        out = bytearray(head)
        for report_id, key, make in lines:
            old = self.old.get(report_id)
            line = self.data[old[1]:old[2]] if old and old[0] == key else make()
            self.new[report_id] = (key, len(out), len(out) + len(line))
            out += line
        self.content = bytes(out)
        return self.content

    def _key(self) -> str:
        assert self.data_file is not None
        stat = self.data_file.stat()
        return SITE.key(stat.st_size, stat.st_mtime_ns)

    def save(self) -> None:
        """After the file was written."""
        if self.scope is not None and self.data_file is not None and self.data_file.exists():
            key = self._key()
            self.scope.save(self.scope.items(), {key: self.new})


class MemberCache(LineCache):
    """``join`` for a gzipped download, made of many gzip members so that publishing one report
    recompresses one member; a member whose lines are unchanged is copied from the last file.

    gzip, zcat, Python's gzip module and pandas read the members as one stream. A member ends
    after a report whose id hashes to 0 modulo MEMBER_SPREAD (content-defined), not after every
    n reports: a report added in the middle changes its own member, not every one after it.
    The bytes depend only on the lines: every build of the same corpus writes the same file."""

    SPACE = "download_members"
    MEMBER_SPREAD = 32  # reports a member on average: about 200 KB of lines, compressed in a few milliseconds

    def join(self, lines: Iterable[tuple[str, str, Callable[[], bytes]]], head: bytes = b"") -> bytes:
        out = bytearray(gzip.compress(head, 6, mtime=0) if head else b"")
        member: list[tuple[str, str, Callable[[], bytes]]] = []
        for item in lines:
            member.append(item)
            if zlib.crc32(item[0].encode("utf-8")) % self.MEMBER_SPREAD == 0:
                self._add(out, member)
                member = []
        if member:
            self._add(out, member)
        self.content = bytes(out)
        return self.content

    def _add(self, out: bytearray, member: list[tuple[str, str, Callable[[], bytes]]]) -> None:
        name = tuple((report_id, key) for report_id, key, _ in member)
        old = self.old.get(name)
        packed = self.data[old[0]:old[1]] if old else gzip.compress(b"".join(make() for _, _, make in member), 6, mtime=0)
        self.new[name] = (len(out), len(out) + len(packed))
        out += packed


def _jsonl_line(report: SiteReport, site_url: str) -> bytes:
    record = {"id": report.id, **{k: _plain(v) for k, v in report.front.items()},
              "page_url": _report_url(report, site_url),
              "body": "\n\n".join(strip_markup(p.text) for p in report.text_paragraphs)}
    return (json.dumps(record, ensure_ascii=False, sort_keys=False) + "\n").encode("utf-8")


def _key(report: SiteReport, site_url: str) -> str:
    """What a report's lines in a download are made from: its corpus file (by size and mtime) and the site URL."""
    return f"{report.signature}{site_url}"


def corpus_jsonl(corpus: Corpus, site_url: str, cache: LineCache) -> bytes:
    """corpus.jsonl.gz: one JSON object a line, the front matter, the page URL and the plain body of
    each report. Gzipped (``MemberCache``): as plain text it was the largest download, 7 KB a report."""
    ordered = sorted(corpus.reports, key=lambda r: r.id)
    return cache.join((r.id, _key(r, site_url), partial(_jsonl_line, r, site_url)) for r in ordered)


def _csv_lines(rows: Iterable[Iterable[object]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows([csv_cell(v) for v in row] for row in rows)
    return buffer.getvalue().encode("utf-8")


def _csv_file(corpus: Corpus, site_url: str, header: Iterable[str], rows: Callable[[SiteReport], Iterable[Iterable[object]]],
              cache: LineCache) -> bytes:
    """A CSV of every report's rows, in id order. The BOM makes Excel read it as UTF-8 instead of the local code page."""
    ordered = sorted(corpus.reports, key=lambda r: r.id)
    head = "\ufeff".encode("utf-8") + _csv_lines([header])
    return cache.join(((r.id, _key(r, site_url), partial(_report_csv_lines, rows, r)) for r in ordered), head)


def _report_csv_lines(rows: Callable[[SiteReport], Iterable[Iterable[object]]], report: SiteReport) -> bytes:
    return _csv_lines(rows(report))


def _catalog_row(report: SiteReport, site_url: str) -> list[object]:
    row: list[object] = []
    for column in CATALOG_COLUMNS:
        if column == "id":
            row.append(report.id)
        elif column == "topics":
            row.append(";".join(report.front.get("topics") or []))
        elif column == "url":
            row.append((report.front.get("source") or {}).get("url") or _report_url(report, site_url))
        else:
            value = report.front.get(column)
            row.append("" if value is None else str(value))
    return row


def catalog_csv(corpus: Corpus, site_url: str, cache: LineCache) -> bytes:
    return _csv_file(corpus, site_url, CATALOG_COLUMNS, lambda r: [_catalog_row(r, site_url)], cache)


def indicators_csv(corpus: Corpus, site_url: str, cache: LineCache) -> bytes:
    """One row a value: report id, region, region_code, year, indicator, value, unit and the URL of its sentence."""
    def rows(report: SiteReport) -> list[tuple[object, ...]]:
        return [(rid, region, code, year, name, value, unit, url)
                for rid, region, code, year, name, value, unit, _, url in indicator_rows(report, site_url)]
    header = ("id", "region", "region_code", "year", "indicator", "value", "unit", "sentence_url")
    return _csv_file(corpus, site_url, header, rows, cache)


def topics_csv(corpus: Corpus, site_url: str, cache: LineCache) -> bytes:
    """One row a report and topic: report id, region, region_code, year (as in indicators.csv, for a
    pivot by place and year without a join), topic and paragraphs naming it. Titles are in catalog.csv:
    repeated on each of a report's ten or so rows they were two thirds of this file."""
    def rows(report: SiteReport) -> list[tuple[object, ...]]:
        counts, front = report.digest.mentions, report.front
        return [(report.id, front.get("region"), front.get("region_code"), report.year, topic, counts.get(topic, 0) or 1)
                for topic in front.get("topics") or []]
    return _csv_file(corpus, site_url, ("id", "region", "region_code", "year", "topic", "mentions"), rows, cache)


def entered(report: SiteReport) -> str | None:
    """The date the report entered the corpus (front matter source.added, set when its page was
    added; see corpus/pipeline.py), else the date its page was saved, else None."""
    source = report.front.get("source") or {}
    return _feed_date(source.get("added")) or _feed_date(source.get("saved"))


FEED_SUMMARY_CHARS = 200


def _when(report: SiteReport) -> str:
    return (entered(report) or _feed_date(report.front.get("published_date"))
            or _feed_date(report.front.get("signed_date")) or "1970-01-01")


def feed_entries(corpus: Corpus, limit: int = 50) -> list[SiteReport]:
    """The reports the feed shows: the newest arrivals first. ``updated`` is the date a report entered
    the corpus, so a 2013 report added today is news; reports without an entry date (corpus files
    written before it was recorded) fall back to their publication date."""
    ordered = sorted(corpus.reports, key=lambda r: (_when(r), str(r.front.get("published_date") or ""), r.id), reverse=True)
    return ordered[:limit]


def atom_feed(corpus: Corpus, site_url: str, entries: list[SiteReport] | None = None) -> str:
    """The feed of ``entries`` (feed_entries): its publication date is ``published`` and the summary is
    the report's opening. Only dates from the corpus: the same corpus gives the same feed."""
    entries = feed_entries(corpus) if entries is None else entries
    updated = f"{_when(entries[0])}T00:00:00Z" if entries else "1970-01-01T00:00:00Z"
    base = site_url.rstrip("/") + "/"
    out = ['<?xml version="1.0" encoding="utf-8"?>', '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
           "<title>公开：法治政府建设年度报告</title>", f'<link href="{xml_text(base)}"/>',
           f'<link rel="self" href="{xml_text(base)}feed.xml"/>', f"<id>{xml_text(base)}</id>", f"<updated>{updated}</updated>"]
    for report in entries:  # the bodies of these few are read, never the corpus's
        url = _report_url(report, site_url)
        published = _feed_date(report.front.get("published_date"))
        summary = opening(report.text_paragraphs, FEED_SUMMARY_CHARS) or report.title
        out += ["<entry>", f"<title>{xml_text(report.title)}</title>", f'<link href="{xml_text(url)}"/>',
                f"<id>{xml_text(url)}</id>", f"<updated>{_when(report)}T00:00:00Z</updated>",
                *([f"<published>{published}T00:00:00Z</published>"] if published else []),
                f"<author><name>{xml_text(report.front.get('issuer') or '未知机关')}</name></author>",
                f"<summary>{xml_text(summary)}</summary>", "</entry>"]
    out.append("</feed>")
    return "\n".join(out) + "\n"
