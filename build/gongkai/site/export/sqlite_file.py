"""corpus.sqlite(.gz): the corpus as tables that `datasette corpus.sqlite` and sqlite-utils open as they are.

Tables: reports (one row a report, the front matter's scalar fields), paragraphs (text with
its anchor, kind and mandated part), topics, laws, sections (part → its paragraphs' anchors)
and indicators (value, unit and the URL of the sentence).

Publishing one report must not rebuild the whole database (at 20,000 reports that is the
body of every report read and inserted again). So a working copy is kept beside the state:
each run deletes and inserts the rows of the reports that changed, then the download is a
vacuumed copy. Our bookkeeping table is in a database of its own, attached beside it, so the
copy needs no second pass to drop it. Every table is WITHOUT ROWID, stored in key
order, so the copy depends only on the rows it holds, not on the order they came in: a copy
kept up to date and one built from nothing are the same bytes (tests/test_publish.py).
"""
from __future__ import annotations

import hashlib
import sqlite3
import tempfile
import zlib
from pathlib import Path

from ...state import code_hash
from ..model import Corpus, SiteReport
from ..safe_markdown import strip_markup

REPORT_COLUMNS = ("id", "title", "doc_no", "index_no", "issuer", "issuer_kind", "publisher", "region", "region_code",
                  "province", "subject", "genre", "written_date", "published_date", "signed_date", "report_year",
                  "deadline", "on_time", "doc_type", "page_url", "source_url")
# Which version of each report the working copy holds: in the attached database, never in the download.
_ROWS = "rows.gongkai_rows"
_SCHEMA = f"""
CREATE TABLE reports ({", ".join(c + (" TEXT PRIMARY KEY" if c == "id" else "") for c in REPORT_COLUMNS)}) WITHOUT ROWID;
CREATE TABLE paragraphs (report_id TEXT REFERENCES reports(id), position INTEGER, anchor TEXT, kind TEXT,
                         section TEXT, text TEXT, PRIMARY KEY (report_id, position)) WITHOUT ROWID;
CREATE TABLE topics (report_id TEXT REFERENCES reports(id), topic TEXT, PRIMARY KEY (report_id, topic)) WITHOUT ROWID;
CREATE TABLE laws (report_id TEXT REFERENCES reports(id), law TEXT, PRIMARY KEY (report_id, law)) WITHOUT ROWID;
CREATE TABLE sections (report_id TEXT REFERENCES reports(id), section TEXT, first_anchor TEXT, paragraphs INTEGER,
                       PRIMARY KEY (report_id, section)) WITHOUT ROWID;
CREATE TABLE indicators (report_id TEXT REFERENCES reports(id), region TEXT, region_code TEXT, year TEXT, indicator TEXT,
                         value REAL, unit TEXT, anchor TEXT, sentence_url TEXT, item INTEGER,
                         PRIMARY KEY (report_id, item)) WITHOUT ROWID;
CREATE INDEX indicators_by_name ON indicators (indicator, year);
"""
_ROWS_SCHEMA = f"CREATE TABLE IF NOT EXISTS {_ROWS} (report_id TEXT PRIMARY KEY, stamp TEXT) WITHOUT ROWID"
_TABLES = ("reports", "paragraphs", "topics", "laws", "sections", "indicators")
_KEY = {"reports": "id"}  # the column that names the report; report_id elsewhere
_WORKING = "corpus-sqlite"  # the folder of working copies, beside the state file

def _gzipped_file(path: Path) -> bytes:
    """The file gzipped with no timestamp and no file name (the same corpus gives the same bytes),
    read a megabyte at a time: the database is 180 MB at 20,000 reports, its download 16 MB."""
    packer = zlib.compressobj(6, zlib.DEFLATED, 31)  # wbits 31: a gzip header, as gzip.compress(mtime=0) writes
    out = []
    with path.open("rb") as source:
        while chunk := source.read(1 << 20):
            out.append(packer.compress(chunk))
    out.append(packer.flush())
    return b"".join(out)


def page_url(report: SiteReport, site_url: str) -> str:
    return f"{site_url.rstrip('/')}/reports/{report.id}/"


def _scalar(value: object) -> object:
    if value is None or isinstance(value, (int, float, str)):
        return int(value) if isinstance(value, bool) else value
    return str(value)


def _working_copy(folder: Path, docs_dir: Path) -> Path:
    """One copy a docs folder, named <docs folder>-<code>: this module's code hash is in the name, so
    rows written by other code (another schema, other columns) are never updated, only replaced."""
    docs = hashlib.sha256(str(docs_dir.resolve()).encode()).hexdigest()[:16]
    return folder / _WORKING / f"{docs}-{code_hash(__name__)}.sqlite"


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path)
    db.execute("ATTACH DATABASE ? AS rows", (str(path.with_suffix(".rows")),))
    return db


def _open(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    # This docs folder's copies made by other code go. Another folder's are left alone: a build of it
    # may be running (the tests build several sites on one state), and deleting its journal breaks it.
    docs = path.stem.split("-")[0]
    for old in [*path.parent.glob(f"{docs}-*.sqlite"), *path.parent.glob(f"{docs}-*.rows")]:
        if old.stem != path.stem:
            old.unlink(missing_ok=True)
    try:
        db = _connect(path)
        db.execute("SELECT count(*) FROM reports").fetchone()
        db.execute(f"SELECT count(*) FROM {_ROWS}").fetchone()
        return db
    except sqlite3.DatabaseError:  # new, or damaged: start again (it is only a cache)
        db.close()
        path.unlink(missing_ok=True)
        path.with_suffix(".rows").unlink(missing_ok=True)
        db = _connect(path)
        db.executescript(_SCHEMA)
        db.execute(_ROWS_SCHEMA)
        return db


def corpus_sqlite_gz(corpus: Corpus, site_url: str, docs_dir: Path | None = None, cache_dir: Path | None = None) -> bytes:
    """The database's bytes, gzipped. With ``cache_dir`` and ``docs_dir``, the working copy for ``docs_dir`` is brought up to
    date (only changed reports' bodies are read); without, it is built in a scratch folder."""
    with tempfile.TemporaryDirectory() as scratch:
        path = _working_copy(cache_dir, docs_dir) if cache_dir and docs_dir else Path(scratch) / "work.sqlite"
        db = _open(path)
        try:
            have = dict(db.execute(f"SELECT report_id, stamp FROM {_ROWS}"))
            want = {r.id: f"{site_url}\n{r.stamp}" for r in corpus.reports}
            stale = [(rid,) for rid, stamp in have.items() if want.get(rid) != stamp]
            for table in (*_TABLES, _ROWS):
                db.executemany(f"DELETE FROM {table} WHERE {_KEY.get(table, 'report_id')} = ?", stale)
            for report in sorted(corpus.reports, key=lambda r: r.id):
                if have.get(report.id) != want[report.id]:
                    _insert(db, report, site_url)
                    db.execute(f"INSERT INTO {_ROWS} VALUES (?, ?)", (report.id, want[report.id]))
            db.commit()
            download = Path(scratch) / "corpus.sqlite"
            db.execute("VACUUM main INTO ?", (str(download),))
        finally:
            db.close()
        return _gzipped_file(download)


def _insert(db: sqlite3.Connection, report: SiteReport, site_url: str) -> None:
    front = report.front
    url = page_url(report, site_url)
    row = {c: _scalar(front.get(c)) for c in REPORT_COLUMNS}
    row.update(id=report.id, page_url=url, source_url=(front.get("source") or {}).get("url"))
    db.execute(f"INSERT INTO reports VALUES ({', '.join('?' * len(REPORT_COLUMNS))})", [row[c] for c in REPORT_COLUMNS])
    counts: dict[str, list] = {}
    rows = []
    for position, p in enumerate(report.text_paragraphs, start=1):
        rows.append((report.id, position, p.anchor, p.kind, p.section, strip_markup(p.text)))
        if p.section:
            counts.setdefault(p.section, [p.anchor, 0])[1] += 1
    db.executemany("INSERT INTO paragraphs VALUES (?, ?, ?, ?, ?, ?)", rows)
    db.executemany("INSERT OR IGNORE INTO topics VALUES (?, ?)", [(report.id, t) for t in front.get("topics") or []])
    db.executemany("INSERT OR IGNORE INTO laws VALUES (?, ?)", [(report.id, law) for law in front.get("laws") or []])
    db.executemany("INSERT INTO sections VALUES (?, ?, ?, ?)", [(report.id, s, a, n) for s, (a, n) in counts.items()])
    db.executemany("INSERT INTO indicators VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   [(*item, n) for n, item in enumerate(indicator_rows(report, site_url), start=1)])


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
