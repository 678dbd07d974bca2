"""The search index format (the browser side is tested in test_site_browser.py)."""
import json

from gongkai.site.search_index import (MAX_CHUNKS, SearchDoc, build_index, chunk_paragraphs, encode_postings, fnv1a,
                                       normalise)


def test_normalisation_matches_the_browser():
    assert normalise("行政 复议\u3000ＡＢ（１）") == "行政复议ab(1)"


def test_fnv1a_reference_values():
    assert fnv1a("a") == 0xE40C292C and fnv1a("") == 0x811C9DC5


def test_short_and_long_posting_lists():
    assert encode_postings([(0, 1), (33, 4095)], 1000) == "L" + "A" + "BA" + "hB" + "__"
    dense = encode_postings([(i, 1) for i in range(0, 600, 2)], 600)
    assert dense.startswith("B") and len(dense) == 101


def test_chunks_keep_paragraphs_whole_and_are_at_most_six():
    doc = SearchDoc("reports/x/", "标题", True, [(f"p{i}", "段落文字。" * 40) for i in range(30)])
    chunks = chunk_paragraphs(doc)
    assert 1 < len(chunks) <= MAX_CHUNKS
    assert [p for c in chunks for p in c] == [("", "标题")] + doc.paragraphs


def test_index_files_reports_first_and_filters():
    files = {}
    reports = [SearchDoc("reports/b/", "乙", True, [("p1", "行政复议")], "2022-01-01", "綦江区", "2021", "年度报告", ["行政复议"]),
               SearchDoc("reports/a/", "甲", True, [("p1", "政务公开")], "2021-01-01", "江北区", "2020", "年度报告", [])]
    build_index(iter(reports), [SearchDoc("topics/x/", "列表", False, [("", "行政复议")])], files.__setitem__)
    manifest = json.loads(files["manifest.json"])
    assert manifest["total"] == 3 and manifest["reports"] == 2
    assert manifest["filters"]["region"] == sorted([["綦江区", 1], ["江北区", 1]])
    assert files["text/0-0.txt"].startswith("reports/b/\t乙\t1\t2022-01-01\t綦江区\n")
    assert files["text/2-0.txt"].startswith("topics/x/\t列表\t0")
