"""Data on the site: corpus.jsonl.gz, catalog.csv, topics.csv, feed.xml, sitemap, editors' report."""
from __future__ import annotations

import csv
import gzip
import io
import json
import xml.etree.ElementTree as ET

from gongkai.corpus_file import parse
from gongkai.site.export.data_files import CATALOG_COLUMNS

ATOM = "{http://www.w3.org/2005/Atom}"


def _ids(built_site) -> set[str]:
    return {p.stem for p in built_site["corpus"].glob("*.md")}


def test_corpus_jsonl_has_every_report_with_front_matter_and_body(built_site):
    lines = gzip.decompress((built_site["site"] / "corpus.jsonl.gz").read_bytes()).decode("utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert {r["id"] for r in records} == _ids(built_site)
    for r in records:
        assert {"title", "index_no", "topics", "laws", "keywords", "source", "warnings", "body"} <= set(r)
        assert len(r["body"]) > 500


def test_catalog_csv_opens_in_excel(built_site):
    raw = (built_site["site"] / "catalog.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert tuple(rows[0]) == CATALOG_COLUMNS
    assert {r[0] for r in rows[1:]} == _ids(built_site)
    qijiang = next(r for r in rows if r[CATALOG_COLUMNS.index("region")] == "綦江区")
    assert qijiang[CATALOG_COLUMNS.index("signed_date")] == "2022-02-11"


def test_topics_csv_is_report_by_topic_with_counts(built_site):
    rows = list(csv.DictReader(io.StringIO((built_site["site"] / "topics.csv").read_text("utf-8-sig"))))
    assert {r["id"] for r in rows} == _ids(built_site)
    assert all(int(r["mentions"]) >= 1 for r in rows)
    assert any(r["topic"] == "行政复议" for r in rows)
    assert list(rows[0]) == ["id", "region", "region_code", "year", "topic", "mentions"]  # titles are in catalog.csv
    fronts = {p.stem: parse(p.read_text("utf-8")).front for p in built_site["corpus"].glob("*.md")}
    for r in rows:
        front = fronts[r["id"]]
        assert (r["region"], r["region_code"]) == (front["region"] or "", front["region_code"] or "")
        dated = str(front.get("published_date") or front.get("signed_date") or front.get("written_date") or "")
        assert r["topic"] in front["topics"] and r["year"] == str(front.get("report_year") or dated[:4])  # the year pages' year


def test_feed_is_atom_newest_first_with_absolute_links(built_site):
    root = ET.parse(built_site["site"] / "feed.xml").getroot()
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == len(_ids(built_site))
    from gongkai.corpus_file import parse

    published = {p.stem: parse(p.read_text("utf-8")).front["published_date"] for p in built_site["corpus"].glob("*.md")}
    order = [e.find(f"{ATOM}link").get("href").rstrip("/").rsplit("/", 1)[1] for e in entries]
    dated = [published[i] for i in order if published[i]]
    # the seeds all entered the corpus on one day (seeds/added.yml): among them, newest published_date first, undated last
    assert dated == sorted(dated, reverse=True) and not published[order[-1]], "newest published_date first, undated last"
    assert all(e.find(f"{ATOM}link").get("href").startswith("http://127.0.0.1/reports/") for e in entries)
    head = (built_site["site"] / "index.html").read_text("utf-8")
    # linked from the home page; not as <link rel="alternate">, which made the theme fetch sitemap.xml
    assert 'href="feed.xml"' in head and 'rel="alternate"' not in head


def test_home_links_the_downloads_and_sitemap_is_absolute(built_site):
    home = (built_site["site"] / "index.html").read_text("utf-8")
    for name in ("corpus.jsonl.gz", "catalog.csv", "topics.csv", "feed.xml"):
        assert f'href="{name}"' in home
    sitemap = (built_site["site"] / "sitemap.xml").read_text("utf-8")
    assert "<loc>http://127.0.0.1/reports/" in sitemap


def test_editors_report_groups_every_warning_with_links(built_site):
    page = (built_site["docs"] / "editors.md").read_text("utf-8")
    for row in ("| 疑似篡改文字 | 7 |", "| 日期 | 2 |", "| 缺少的信息 | 1 |"):  # counts by section, then report by report
        assert row in page
    assert "重复" not in page.split("## ", 1)[0]  # a section with no warning is not listed
    assert "reports/11500112009315877l-2013-08621.md" in page and "manbetx手机版注册首页" in page


def test_indicator_downloads(built_site, tmp_path):
    import csv
    import gzip
    import io
    import sqlite3

    site = built_site["site"]
    rows = list(csv.DictReader(io.StringIO((site / "indicators.csv").read_text("utf-8-sig"))))
    assert list(rows[0]) == ["id", "region", "region_code", "year", "indicator", "value", "unit", "sentence_url"]
    qijiang = {r["indicator"]: r for r in rows if r["region_code"] == "500110"}
    assert qijiang["行政复议申请数"]["value"] == "61" and "#p" in qijiang["行政复议申请数"]["sentence_url"]
    (tmp_path / "corpus.sqlite").write_bytes(gzip.decompress((site / "corpus.sqlite.gz").read_bytes()))
    db = sqlite3.connect(tmp_path / "corpus.sqlite")
    tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"reports", "paragraphs", "topics", "laws", "sections", "indicators"} <= tables
    # the README's example queries run and answer
    assert db.execute("SELECT value FROM indicators WHERE indicator = '行政复议申请数' AND region = '綦江区'").fetchone() == (61.0,)
    assert db.execute("SELECT count(*) FROM paragraphs WHERE section = '存在的不足和原因'").fetchone()[0] >= 0
    (n,) = db.execute("SELECT count(*) FROM reports WHERE on_time = 0").fetchone()
    assert n >= 1
    # an indicator's anchor is a real paragraph of its report
    anchor, rid = db.execute("SELECT anchor, report_id FROM indicators WHERE indicator = '合同审查数'").fetchone()
    text = db.execute("SELECT text FROM paragraphs WHERE report_id = ? AND anchor = ?", (rid, anchor)).fetchone()[0]
    assert "合同98件" in text.replace(" ", "")
    jsonl = [__import__("json").loads(line) for line in gzip.decompress((site / "corpus.jsonl.gz").read_bytes()).decode("utf-8").splitlines()]
    assert any(i["name"] == "行政复议申请数" and i["value"] == 61 for r in jsonl for i in r["indicators"])


def test_indicator_and_section_pages(built_site):
    site, docs = built_site["site"], built_site["docs"]
    page = (site / "indicators" / "行政复议申请数" / "index.html").read_text("utf-8")
    assert "<svg" in page and 'role="img"' in page and "綦江区" in page and "#p" in page
    report = (docs / "reports" / "003_78ed85b0c485cc82.md").read_text("utf-8")
    assert "## 主要数字" in report and 'href="../../indicators/行政复议申请数/"' in report and "../sections/" in report
    assert (site / "sections" / "next-year" / "2021" / "index.html").exists()
    coverage = (docs / "coverage" / "法治政府建设年度报告" / "重庆市.md").read_text("utf-8")
    # 綦江 published its 2021 report on 2022-03-22, before the 31 March deadline; 江北's office on 2021-03-23
    assert "[2022-03-22 按时](../../reports/003_78ed85b0c485cc82.md){ .gk-on-time }" in coverage
    assert "[2021-03-23 按时](../../reports/115001050092881785-2021-00251.md){ .gk-on-time }" in coverage
    assert "未见报告" in coverage  # 綦江 has no 2020 report, 江北 no 2021 one


def test_the_sqlite_download_kept_up_to_date_is_the_one_built_afresh(built_site, tmp_path, monkeypatch):
    """Publishing a report updates the working copy of corpus.sqlite (only changed reports' bodies are
    read) and gives the bytes a build from nothing gives, after a change, an addition and a removal."""
    import shutil

    from gongkai.corpus_file import parse, render
    from gongkai.site import model
    from gongkai.site.export import sqlite_file
    from gongkai.site.export.sqlite_file import corpus_sqlite_gz

    corpus = tmp_path / "corpus"
    shutil.copytree(built_site["corpus"], corpus)
    cache, docs = tmp_path / "cache", tmp_path / "docs"
    first = corpus_sqlite_gz(model.load_corpus(corpus), "http://127.0.0.1/", docs, cache)
    assert first == corpus_sqlite_gz(model.load_corpus(corpus), "http://127.0.0.1/")

    files = sorted(corpus.glob("*.md"))
    changed = parse(files[0].read_text("utf-8"))
    changed.front["title"] = "改过的标题"
    files[0].write_text(render(changed), "utf-8")
    shutil.copy(files[1], corpus / "copy-of-one.md")
    files[2].unlink()
    inserted: list[str] = []
    real = sqlite_file._insert
    monkeypatch.setattr(sqlite_file, "_insert", lambda db, report, url: inserted.append(report.id) or real(db, report, url))
    updated = corpus_sqlite_gz(model.load_corpus(corpus), "http://127.0.0.1/", docs, cache)
    assert sorted(inserted) == sorted([files[0].stem, "copy-of-one"])  # only what changed is read and written
    monkeypatch.setattr(sqlite_file, "_insert", real)
    assert updated == corpus_sqlite_gz(model.load_corpus(corpus), "http://127.0.0.1/") != first


def test_a_build_of_one_docs_folder_leaves_another_folders_sqlite_copy_alone(built_site, tmp_path):
    """The tests (and editors) build several sites on one state, sometimes at once: one build must never
    delete the working copy, or the journal, of a build of another docs folder."""
    from gongkai.site import model
    from gongkai.site.export.sqlite_file import _working_copy, corpus_sqlite_gz

    corpus, cache = model.load_corpus(built_site["corpus"]), tmp_path / "cache"
    corpus_sqlite_gz(corpus, "http://127.0.0.1/", tmp_path / "docs-a", cache)
    other = _working_copy(cache, tmp_path / "docs-a")
    journal = other.with_name(other.name + "-journal")
    journal.write_bytes(b"")  # as a build in progress has
    corpus_sqlite_gz(corpus, "http://127.0.0.1/", tmp_path / "docs-b", cache)
    assert other.exists() and journal.exists()


def test_gzip_download_recompresses_only_the_member_of_a_new_report(tmp_path):
    """MemberCache: the file is gzip members of about MEMBER_SPREAD reports each; after one report is
    added, only its member is made again, and the bytes equal a build from nothing."""
    from gongkai.site.export.data_files import MemberCache
    from gongkai.state import State

    ids = [f"r{n:04d}" for n in range(400)]
    made: list[str] = []

    def lines(chosen: list[str]):
        def make(report_id: str) -> bytes:
            made.append(report_id)
            return f'{{"id": "{report_id}", "body": "{report_id * 20}"}}\n'.encode()
        return [(i, "key", lambda i=i: make(i)) for i in chosen]

    target, state = tmp_path / "corpus.jsonl.gz", State(tmp_path / "state")
    first = MemberCache(state, target)
    target.write_bytes(first.join(lines(ids[:200] + ids[201:])))
    first.save()
    assert gzip.decompress(target.read_bytes()).decode().count("\n") == 399
    made.clear()
    again = MemberCache(state, target).join(lines(ids))
    assert "r0200" in made and len(made) < 4 * MemberCache.MEMBER_SPREAD  # its member, not the file
    assert again == MemberCache().join(lines(ids))  # the same bytes as from nothing
    assert gzip.decompress(again).decode().splitlines()[200].startswith('{"id": "r0200"')


def test_the_theme_configuration_keeps_chinese_as_text(built_site):
    """engine_patches.json_as_text: the __config of every page holds the interface's Chinese as UTF-8,
    not as \\u escapes (half its bytes)."""
    home = (built_site["site"] / "index.html").read_text("utf-8")
    config = home[home.index('<script id="__config"'):]
    assert "已复制" in config[:config.index("</script>")] and "\\u5df2" not in config[:config.index("</script>")]
