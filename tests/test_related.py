"""Related reports (three labelled lists and the compare page's default pairs), the feed's entry
dates and openings, and where the entry date comes from."""
from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET
from pathlib import Path

import yaml

from conftest import SEEDS
from gongkai.add import add_page
from gongkai.corpus.pipeline import entry_date
from gongkai.site import related as related_module
from gongkai.site.export.data_files import atom_feed
from gongkai.site.model import Corpus, SiteReport, load_corpus
from gongkai.site.related import LIST_LIMIT, RelatedIndex, related

ATOM = "{http://www.w3.org/2005/Atom}"
# GB/T 2260: 重庆市 50, its districts 5001xx; 四川省成都市 5101, its districts 5101xx
JIANGBEI, SHAPINGBA, YUBEI, TONGNAN, JINJIANG = "500105", "500106", "500112", "500152", "510104"


def _report(rid: str, code: str, year: int, issuer: str = "区政府", kind: str = "人民政府",
            doc_type: str = "法治政府建设年度报告", keywords: tuple[str, ...] = ()) -> SiteReport:
    front = {"title": f"{rid} {year}", "region_code": code, "report_year": year, "issuer": issuer, "issuer_kind": kind,
             "doc_type": doc_type, "published_date": f"{year + 1}-03-01", "keywords": list(keywords), "source": {}}
    return SiteReport(rid, front, Path(f"/nonexistent/{rid}.md"))


def _corpus(*reports: SiteReport) -> Corpus:
    ordered = sorted(reports, key=lambda r: (r.date, r.id), reverse=True)  # as load_corpus orders them
    return Corpus(ordered, [])


def test_other_years_are_the_same_regions_other_years_of_the_same_kind_its_own_organ_first():
    corpus = _corpus(_report("jb2020", JIANGBEI, 2020), _report("jb2019", JIANGBEI, 2019),
                     _report("jb2018-office", JIANGBEI, 2018, issuer="区司法局", kind="部门"),
                     _report("jb2016", JIANGBEI, 2016), _report("jb2020-other", JIANGBEI, 2020, issuer="区司法局", kind="部门"),
                     _report("jb2019-plan", JIANGBEI, 2019, doc_type="规划"), _report("spb2019", SHAPINGBA, 2019))
    found = related(corpus.by_id["jb2020"], corpus)
    assert [r.id for r in found.other_years] == ["jb2019", "jb2016", "jb2018-office"]
    assert found.previous.id == "jb2019"
    assert found.series_years == ("2016", "2019", "2020")


def test_previous_is_the_nearest_later_year_when_there_is_no_earlier_one():
    corpus = _corpus(_report("jb2019", JIANGBEI, 2019), _report("jb2021", JIANGBEI, 2021), _report("jb2023", JIANGBEI, 2023))
    assert related(corpus.by_id["jb2019"], corpus).previous.id == "jb2021"
    assert related(corpus.by_id["jb2023"], corpus).previous.id == "jb2021"


def test_same_year_is_one_report_a_region_nearest_first_and_never_the_own_region():
    corpus = _corpus(_report("jb", JIANGBEI, 2020), _report("jb-dept", JIANGBEI, 2020, issuer="区司法局", kind="部门"),
                     _report("tn", TONGNAN, 2020), _report("yb", YUBEI, 2020),
                     _report("spb-dept", SHAPINGBA, 2020, issuer="区司法局", kind="部门"),
                     _report("spb", SHAPINGBA, 2020), _report("spb-2019", SHAPINGBA, 2019),
                     _report("jj", JINJIANG, 2020),  # another province: not a neighbour
                     _report("tn-plan", TONGNAN, 2020, doc_type="规划"))
    found = related(corpus.by_id["jb"], corpus)
    # 500106 is next to 500105, then 500112, then 500152; 沙坪坝 by its government's report, not its bureau's
    assert [r.id for r in found.same_year] == ["spb", "yb", "tn"]
    assert found.neighbour.id == "spb"
    # the bureau is compared with a bureau
    assert related(corpus.by_id["jb-dept"], corpus).same_year[0].id == "spb-dept"


def test_similar_text_lists_shared_keywords_and_skips_reports_already_listed():
    corpus = _corpus(_report("jb", JIANGBEI, 2020, keywords=("复议", "听证", "应诉")),
                     _report("spb", SHAPINGBA, 2020, keywords=("复议", "听证", "应诉")),  # in 同年度其他地区 already
                     _report("jj-2017", JINJIANG, 2017, keywords=("听证", "应诉", "调解")),
                     _report("jj-2015", JINJIANG, 2015, keywords=("复议",)),
                     _report("far", JINJIANG, 2014, keywords=("绿化",)))
    found = related(corpus.by_id["jb"], corpus)
    assert [(r.id, words) for r, words in found.similar] == [("jj-2017", ["听证", "应诉"]), ("jj-2015", ["复议"])]


def test_similar_reports_that_tie_are_the_nearest_in_time_first():
    corpus = _corpus(_report("new", JINJIANG, 2024, keywords=("调解",)),
                     _report("a", SHAPINGBA, 2022), _report("b", SHAPINGBA, 2021),
                     _report("jb", JIANGBEI, 2018, keywords=("复议", "调解")),
                     _report("near", JINJIANG, 2017, keywords=("复议",)),
                     _report("old", JINJIANG, 2014, keywords=("调解",)))
    found = related(corpus.by_id["jb"], corpus)
    # one keyword each: 2017 (next to 2018), then 2014, then 2024 (the newest, but the farthest)
    assert [r.id for r, _ in found.similar] == ["near", "old", "new"]


def test_the_lists_are_read_from_an_index_built_once(monkeypatch):
    """10,000 reports: each place is looked up once for the whole corpus, not once per pair."""
    calls = []
    real = related_module.lineage
    monkeypatch.setattr(related_module, "lineage", lambda code: calls.append(code) or real(code))
    from gongkai.corpus.place import gazetteer

    # 100 counties of 重庆市 and 四川省, ten years each, ten organs a county and year
    codes = sorted(c for c in gazetteer().by_code if c[:2] in ("50", "51") and not c.endswith("00"))[:100]
    reports = [_report(f"r{i:05d}", codes[i % 100], 2014 + (i // 100) % 10, issuer=f"机关{i % 7}",
                       keywords=(f"k{i % 300}", f"k{i % 301}")) for i in range(10_000)]
    corpus = _corpus(*reports)
    for report in corpus.reports:
        found = related(report, corpus)
        assert len(found.other_years) == LIST_LIMIT and found.same_year and report.id not in {r.id for r in found.all()}
    assert len(calls) == 10_000 and RelatedIndex.of(corpus) is RelatedIndex.of(corpus)


# ---- the feed ------------------------------------------------------------------------------------

def _entries(site: Path) -> list[dict]:
    root = ET.parse(site / "feed.xml").getroot()
    return [{"id": e.find(f"{ATOM}link").get("href").rstrip("/").rsplit("/", 1)[1],
             "updated": e.find(f"{ATOM}updated").text, "published": getattr(e.find(f"{ATOM}published"), "text", None),
             "summary": e.find(f"{ATOM}summary").text} for e in root.findall(f"{ATOM}entry")], root


def test_feed_updated_is_the_date_a_report_entered_the_corpus(compare_site):
    entries, root = _entries(compare_site["site"])
    # jiangbei-2021 was added on 2026-11-30 and jiangbei-2019 (a 2020 page) on 11-29, after the seeds (11-23):
    # the old page comes before every seed, even those published two years after it
    assert [e["id"] for e in entries[:2]] == ["115001050092881785-2022-00061", "115001050092881785-2020-00188"]
    assert entries[1]["updated"] == "2026-11-29T00:00:00Z" and entries[1]["published"] == "2020-03-20T00:00:00Z"
    assert root.find(f"{ATOM}updated").text == "2026-11-30T00:00:00Z"
    assert {e["updated"] for e in entries[2:]} == {"2026-11-23T00:00:00Z"}


def test_feed_summary_is_the_reports_opening(compare_site):
    entries, _ = _entries(compare_site["site"])
    jiangbei = next(e for e in entries if e["id"] == "115001050092881785-2021-00251")
    # the opening after the addressee line 区委：, not the issuer and topics
    assert jiangbei["summary"].startswith("2020，区政府办公室始终坚持以习近平新时代中国特色社会主义思想为指引")
    assert 100 <= len(jiangbei["summary"]) <= 202 and "区委：" not in jiangbei["summary"]


def test_the_same_corpus_gives_the_same_feed(compare_site):
    corpus = load_corpus(compare_site["corpus"])
    assert atom_feed(corpus, "http://127.0.0.1/") == atom_feed(load_corpus(compare_site["corpus"]), "http://127.0.0.1/")


# ---- where the entry date comes from -------------------------------------------------------------

def test_entry_date_is_the_record_else_the_date_first_written_else_today(tmp_path):
    written = tmp_path / "r.md"
    written.write_text("---\ntitle: x\nsource:\n  path: seeds/a.txt\n  url: null\n  added: '2025-06-01'\nwarnings: []\n---\n\nadded: '1999-01-01'\n")
    assert entry_date("a.txt", written, {"a.txt": "2025-07-07"}, "2026-12-01") == "2025-07-07"
    assert entry_date("a.txt", written, {}, "2026-12-01") == "2025-06-01"  # kept: the file was first written then
    assert entry_date("a.txt", tmp_path / "new.md", {}, "2026-12-01") == "2026-12-01"


def test_seed_records_give_the_corpus_its_entry_dates(seed_corpus):
    records = yaml.safe_load((SEEDS / "added.yml").read_text("utf-8"))
    assert {stem: front["source"]["added"] for stem, (front, _) in seed_corpus.items()} == \
        {Path(name).stem: date for name, date in records.items()}


def test_add_records_the_day_a_page_arrives_and_when_a_fetched_page_was_saved(tmp_path):
    seeds = tmp_path / "seeds"
    page = (SEEDS / "001_e40db4cf0542f638.txt").read_bytes()
    added = add_page("https://www.example.gov.cn/a.html", seeds, fetch=lambda url: page + b"\n")
    today = datetime.date.today().isoformat()
    assert yaml.safe_load((seeds / "added.yml").read_text("utf-8")) == {added.path.name: today}
    assert yaml.safe_load((seeds / "saved.yml").read_text("utf-8")) == {added.path.name: today}
