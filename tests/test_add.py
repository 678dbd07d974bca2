"""`gongkai add`: a new page goes into seeds/, the corpus and a rebuilt site."""
from __future__ import annotations

import shutil

import pytest
import yaml
from click.testing import CliRunner

from conftest import ROOT, SEEDS, TOPICS
from gongkai.add import add_page, fetch_url
from gongkai.cli import main
from gongkai.errors import GongkaiError


@pytest.fixture
def project(tmp_path, monkeypatch):
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    (tmp_path / "corpus").mkdir()
    shutil.copy(TOPICS, tmp_path / "corpus" / "topics.yml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_add_copy_of_a_seed_under_another_name(project):
    page = project / "new-report.txt"
    page.write_text((SEEDS / "003_78ed85b0c485cc82.txt").read_text("utf-8") + "\n补充：本报告另附统计表一份。\n", "utf-8")
    result = CliRunner().invoke(main, ["add", str(page)])
    assert result.exit_code == 0, result.output
    added = [p for p in (project / "seeds").iterdir() if p.name not in {s.name for s in SEEDS.iterdir()}]
    assert len(added) == 1 and len(added[0].stem) == 16 and added[0].suffix == ".txt"
    assert "title: 重庆市綦江区2021年度法治政府建设情况报告" in result.output and "date_repaired" in result.output
    assert len(list((project / "corpus").glob("*.md"))) == 6


def test_duplicate_page_does_nothing_and_says_so(project):
    before = sorted(p.name for p in (project / "seeds").iterdir())
    result = CliRunner().invoke(main, ["add", str(SEEDS / "001_e40db4cf0542f638.txt")])
    assert result.exit_code == 0 and "already in seeds/ as 001_e40db4cf0542f638.txt; nothing to do" in result.output
    assert sorted(p.name for p in (project / "seeds").iterdir()) == before


def test_same_index_no_is_flagged(project):
    page = project / "again.txt"
    page.write_text((SEEDS / "000_af704965e39f58a1.txt").read_text("utf-8").replace("回复率100%", "回复率100%。"), "utf-8")
    result = CliRunner().invoke(main, ["add", str(page)])
    assert result.exit_code == 0 and "FLAGGED warning duplicate_index_no" in result.output


def test_bad_inputs_give_one_clear_line(project):
    (project / "empty.txt").write_bytes(b"")
    result = CliRunner().invoke(main, ["add", str(project / "empty.txt")])
    assert result.exit_code == 1 and "empty.txt: file is empty" in result.output
    result = CliRunner().invoke(main, ["add", str(project / "missing.txt")])
    assert result.exit_code == 1 and "missing.txt: no such file" in result.output


def test_url_fetch_has_a_timeout_and_a_clear_error():
    with pytest.raises(GongkaiError, match="could not fetch the page"):
        fetch_url("http://127.0.0.1:9/none.html", timeout=2)


def test_url_is_recorded_for_the_pipeline(project):
    html = (SEEDS / "001_e40db4cf0542f638.txt").read_bytes()
    added = add_page("https://www.example.gov.cn/a.html", project / "seeds", fetch=lambda url: html + b"\n")
    assert added.path.suffix == ".html" and "example.gov.cn" in (project / "seeds" / "urls.yml").read_text("utf-8")


def test_added_page_reaches_the_rebuilt_site(project):
    from gongkai.site.build import run_mkdocs
    from gongkai.site.generate import generate

    page = project / "copy.txt"
    page.write_text((SEEDS / "001_e40db4cf0542f638.txt").read_text("utf-8") + "\n另：联系人已调整。\n", "utf-8")
    assert CliRunner().invoke(main, ["add", str(page)]).exit_code == 0
    docs = project / "docs"
    shutil.copytree(ROOT / "docs" / "assets", docs / "assets")
    shutil.copytree(ROOT / "docs" / "search", docs / "search", ignore=shutil.ignore_patterns("data"))

    generate(project / "corpus", docs, project, "http://127.0.0.1/")
    run_mkdocs(ROOT / "mkdocs.yml", project / "site", "http://127.0.0.1/", docs_dir=docs)
    new_id = next(p.stem for p in (project / "seeds").iterdir() if len(p.stem) == 16)
    assert (project / "site" / "reports" / new_id / "index.html").exists()
    assert new_id in (project / "site" / "catalog.csv").read_text("utf-8-sig")


def _warc(path, records):
    """A small WARC file written with warcio: (url, content type, body) responses and one request."""
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        for url, kind, body in records:
            headers = StatusAndHeaders("200 OK", [("Content-Type", kind)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=BytesIO(body), http_headers=headers))
        writer.write_record(writer.create_warc_record("http://example.gov.cn/", "request", payload=BytesIO(b"GET / HTTP/1.1\r\n\r\n")))


def test_a_warc_file_adds_its_pages_with_urls_and_dates_and_runs_the_pipeline_once(project):
    page = (SEEDS / "003_78ed85b0c485cc82.txt").read_text("utf-8") + "\n附记：本页由爬虫保存。"
    other = page.replace("2021年度", "2022年度")
    warc = project / "crawl.warc.gz"
    _warc(warc, [("http://www.example.gov.cn/a.html", "text/html; charset=utf-8", ("<html><body><p>" + other.replace("\n", "</p><p>") + "</p></body></html>").encode()),
                 ("http://www.example.gov.cn/logo.png", "image/png", b"\x89PNG...."),
                 ("http://www.example.gov.cn/b.html", "text/html", page.encode("utf-8"))])
    result = CliRunner().invoke(main, ["add", str(warc)])
    assert result.exit_code == 0, result.output
    assert "skipped 1 responses that are not pages" in result.output and "skipped 1 request records" in result.output
    urls = yaml.safe_load((project / "seeds" / "urls.yml").read_text("utf-8"))
    saved = yaml.safe_load((project / "seeds" / "saved.yml").read_text("utf-8"))
    assert sorted(urls.values()) == ["http://www.example.gov.cn/a.html", "http://www.example.gov.cn/b.html"]
    assert set(saved) == set(urls) and all(len(d) == 10 and d[:2] == "20" for d in saved.values())
    assert "2 pages added" in result.output and result.output.count("next: make site") == 1


def test_a_folder_of_pages_is_added_page_by_page(project):
    folder = project / "crawl"
    folder.mkdir()
    for n in range(3):
        (folder / f"p{n}.txt").write_text((SEEDS / "003_78ed85b0c485cc82.txt").read_text("utf-8") + f"\n附记{n}。", "utf-8")
    (folder / "empty.txt").write_bytes(b"")
    result = CliRunner().invoke(main, ["add", str(folder)])
    assert result.exit_code == 0, result.output
    assert "3 pages added" in result.output and "empty.txt: file is empty" in result.output
