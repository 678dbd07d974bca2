"""corpus.sqlite: the corpus as tables that `datasette corpus.sqlite` and sqlite-utils open as they are.

Tables: reports (one row a report, the front matter's scalar fields), paragraphs (text with
its anchor, kind and mandated part), topics, laws, sections (part → its paragraphs' anchors)
and indicators (value, unit and the URL of the sentence). Rows are inserted in a fixed order
and the file is vacuumed, so two builds of the same corpus write the same bytes.
"""
from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

from ..model import Corpus, SiteReport
from ..safe_markdown import strip_markup

REPORT_COLUMNS = ("id", "title", "doc_no", "index_no", "issuer", "issuer_kind", "publisher", "region", "region_code",
                  "province", "subject", "genre", "written_date", "published_date", "signed_date", "report_year",
                  "deadline", "on_time", "doc_type", "page_url", "source_url")
_SCHEMA = f"""
CREATE TABLE reports ({", ".join(c + (" TEXT PRIMARY KEY" if c == "id" else "") for c in REPORT_COLUMNS)});
CREATE TABLE paragraphs (report_id TEXT REFERENCES reports(id), position INTEGER, anchor TEXT, kind TEXT,
                         section TEXT, text TEXT, PRIMARY KEY (report_id, position));
CREATE TABLE topics (report_id TEXT REFERENCES reports(id), topic TEXT, PRIMARY KEY (report_id, topic));
CREATE TABLE laws (report_id TEXT REFERENCES reports(id), law TEXT, PRIMARY KEY (report_id, law));
CREATE TABLE sections (report_id TEXT REFERENCES reports(id), section TEXT, first_anchor TEXT, paragraphs INTEGER,
                       PRIMARY KEY (report_id, section));
CREATE TABLE indicators (report_id TEXT REFERENCES reports(id), region TEXT, region_code TEXT, year TEXT, indicator TEXT,
                         value REAL, unit TEXT, anchor TEXT, sentence_url TEXT);
CREATE INDEX indicators_by_name ON indicators (indicator, year);
"""


def page_url(report: SiteReport, site_url: str) -> str:
    return f"{site_url.rstrip('/')}/reports/{report.id}/"


def _scalar(value: object) -> object:
    if value is None or isinstance(value, (int, float, str)):
        return int(value) if isinstance(value, bool) else value
    return str(value)


def corpus_sqlite(corpus: Corpus, site_url: str) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "corpus.sqlite"
        db = sqlite3.connect(path)
        db.executescript(_SCHEMA)
        for report in sorted(corpus.reports, key=lambda r: r.id):
            _insert(db, report, site_url)
        db.commit()
        db.execute("VACUUM")
        db.close()
        return path.read_bytes()


def _insert(db: sqlite3.Connection, report: SiteReport, site_url: str) -> None:
    front = report.front
    url = page_url(report, site_url)
    row = {c: _scalar(front.get(c)) for c in REPORT_COLUMNS}
    row.update(id=report.id, page_url=url, source_url=(front.get("source") or {}).get("url"))
    db.execute(f"INSERT INTO reports VALUES ({', '.join('?' * len(REPORT_COLUMNS))})", [row[c] for c in REPORT_COLUMNS])
    counts: dict[str, list] = {}
    for position, p in enumerate(report.paragraphs, start=1):
        db.execute("INSERT INTO paragraphs VALUES (?, ?, ?, ?, ?, ?)",
                   (report.id, position, p.anchor, p.kind, p.section, strip_markup(p.text)))
        if p.section:
            counts.setdefault(p.section, [p.anchor, 0])[1] += 1
    db.executemany("INSERT OR IGNORE INTO topics VALUES (?, ?)", [(report.id, t) for t in front.get("topics") or []])
    db.executemany("INSERT OR IGNORE INTO laws VALUES (?, ?)", [(report.id, law) for law in front.get("laws") or []])
    db.executemany("INSERT INTO sections VALUES (?, ?, ?, ?)", [(report.id, s, a, n) for s, (a, n) in counts.items()])
    for item in indicator_rows(report, site_url):
        db.execute("INSERT INTO indicators VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", item)


def indicator_rows(report: SiteReport, site_url: str) -> list[tuple]:
    """(report id, region, region_code, year, indicator, value, unit, anchor, sentence URL) per value."""
    url = page_url(report, site_url)
    out = []
    for item in report.front.get("indicators") or []:
        if not isinstance(item, dict) or "name" not in item:
            continue
        anchor = item.get("anchor") or ""
        out.append((report.id, report.front.get("region"), report.front.get("region_code"), report.year,
                    item["name"], item.get("value"), item.get("unit"), anchor, url + (f"#{anchor}" if anchor else "")))
    return out
