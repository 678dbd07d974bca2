"""The search index format (the browser side is tested in test_site_browser.py)."""
import json
from collections import Counter

from gongkai.site.search_index import (MAX_CHUNKS, SearchDoc, build_index, chunk_paragraphs, encode_postings, fnv1a,
                                       normalise)


def test_normalisation_matches_the_browser():
    assert normalise("行政 复议\u3000ＡＢ（１）") == "行政复议ab(1)"


def test_fnv1a_reference_values():
    assert fnv1a("a") == 0xE40C292C and fnv1a("") == 0x811C9DC5


def test_short_and_long_posting_lists():
    assert encode_postings([(0, 1), (33, 4095)], 1000) == "L" + "A" + "BA" + "hB" + "__"
    dense = encode_postings([(i, 1) for i in range(0, 600, 4)], 600)
    assert dense.startswith("M") and len(dense) == 1 + 100 + 2 * 150
    common = encode_postings([(i, 1) for i in range(0, 600)], 600)
    assert common.startswith("B") and len(common) == 101


def test_chunks_keep_paragraphs_whole_and_are_at_most_six():
    doc = SearchDoc("reports/x/", "标题", True, [(f"p{i}", "段落文字。" * 40) for i in range(30)])
    chunks = chunk_paragraphs(doc)
    assert 1 < len(chunks) <= MAX_CHUNKS
    assert [p for c in chunks for p in c] == [("", "标题")] + doc.paragraphs


def _reports():
    return [SearchDoc("reports/b/", "乙", True, [("p1", "行政复议")], "2022-01-01", "綦江区", "2021", "年度报告", ["行政复议"]),
            SearchDoc("reports/a/", "甲", True, [("p1", "政务公开")], "2021-01-01", "江北区", "2020", "年度报告", [])]


def _entries(docs):
    return [(d.url, d.url + d.paragraphs[0][1], lambda d=d: d) for d in docs]


def test_index_files_reports_first_and_filters():
    files = {}
    filters = {"region": Counter({"綦江区": 1, "江北区": 1})}
    build_index(_entries(_reports()), [SearchDoc("topics/x/", "列表", False, [("", "行政复议")])], files.__setitem__,
                filters=filters)
    manifest = json.loads(files["manifest.json"])
    assert manifest["total"] == 3 and manifest["listing"] == "E" and manifest["dead"] == "A"
    assert manifest["filters"]["region"] == sorted([["綦江区", 1], ["江北区", 1]])
    assert files["text/0-0.txt"].startswith("reports/b/\t乙\t1\t2022-01-01\t綦江区\n")
    assert files["text/2-0.txt"].startswith("topics/x/\t列表\t0")


def test_adding_one_report_indexes_only_that_report(tmp_path):
    state = tmp_path / "state.pickle"
    first, second = {}, {}
    build_index(_entries(_reports()), [], first.__setitem__, state_file=state)
    new = SearchDoc("reports/c/", "丙", True, [("p1", "出庭应诉")], "2023-01-01", "渝北区", "2022", "年度报告", [])
    changed = SearchDoc("reports/a/", "甲", True, [("p1", "政务公开，修订")], "2021-01-01", "江北区", "2020", "年度报告", [])
    called = []
    entries = [(d.url, d.url + d.paragraphs[0][1], lambda d=d: called.append(d.url) or d) for d in [new, _reports()[0], changed]]
    build_index(entries, [], second.__setitem__, state_file=state)
    assert sorted(called) == ["reports/a/", "reports/c/"]
    manifest = json.loads(second["manifest.json"])
    assert manifest["total"] == 4 and manifest["dead"] == "C"  # page 1 (old 甲) is dead
    assert "text/0-0.txt" not in second and "text/2-0.txt" in second and "text/3-0.txt" in second
