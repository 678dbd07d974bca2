"""The search index format (the browser side is tested in test_site_browser.py)."""
import gzip
import json

from gongkai.site.search.encoding import encode_postings
from gongkai.site.search.index import MAX_CHUNKS, SearchDoc, build_index, chunk_paragraphs, fnv1a, normalise
from gongkai.state import Scope, State


def _text(files: dict, rel: str) -> str:
    """A chunk file's text (written gzipped, read by the browser with DecompressionStream)."""
    return gzip.decompress(files[rel + ".gz"]).decode("utf-8")


def test_chunk_files_are_gzipped_the_same_way_every_time():
    first, second = {}, {}
    build_index(_entries(_reports()), [], first.__setitem__)
    build_index(_entries(_reports()), [], second.__setitem__)
    packed = first["text/0-0.txt.gz"]
    assert packed[:2] == b"\x1f\x8b" and packed[4:8] == b"\0\0\0\0"  # gzip, with no time in it
    assert first == second


def test_normalisation_matches_the_browser():
    assert normalise("行政 复议\u3000ＡＢ（１）") == "行政复议ab(1)"


def test_fnv1a_reference_values():
    assert fnv1a("a") == 0xE40C292C and fnv1a("") == 0x811C9DC5


def test_short_and_long_posting_lists():
    assert encode_postings([(0, 1), (33, 4095)], 1000) == "L" + "A" + "BA" + "hB" + "__"
    dense = encode_postings([(i, 1) for i in range(0, 600, 4)], 600)
    assert dense.startswith("M") and len(dense) == 1 + 2 + 100 + 2 * 150  # kind, width varint, bitmap, masks
    common = encode_postings([(i, 1) for i in range(0, 600)], 600)
    assert common.startswith("B") and len(common) == 1 + 2 + 100


def test_chunks_keep_paragraphs_whole_and_are_at_most_max_chunks():
    doc = SearchDoc("reports/x/", "标题", True, [(f"p{i}", "段落文字。" * 40) for i in range(30)])
    chunks = chunk_paragraphs(doc)
    assert 1 < len(chunks) <= MAX_CHUNKS
    assert [p for c in chunks for p in c] == [("", "标题")] + doc.paragraphs


def test_a_short_report_is_written_several_chunks_to_a_file_and_the_manifest_says_how_many():
    """Masks keep 250-character chunks (ranking counts them); the files hold about 1,000 characters."""
    from gongkai.site.search.manifest import FILE_CHARS

    short = SearchDoc("reports/s/", "短", True, [(f"p{i}", "依法行政规范执法。" * 14) for i in range(8)])  # 1,008 characters
    long = SearchDoc("reports/l/", "长", True, [(f"p{i}", "依法行政规范执法。" * 40) for i in range(60)])
    files: dict = {}
    build_index(_entries([short, long]), [], files.__setitem__)
    manifest = json.loads(files["manifest.json"])
    texts = {rel: gzip.decompress(v).decode("utf-8") for rel, v in files.items() if rel.startswith("text/")}
    for number, doc in enumerate([long, short]):  # numbered oldest first: both undated, so by URL
        chunks = chunk_paragraphs(doc)
        mine = sorted((rel for rel in texts if rel.startswith(f"text/{number}-")), key=lambda r: int(r.split("-")[1].split(".")[0]))
        info_group = manifest["alphabet"].index(manifest["groups"][manifest["alphabet"].index(manifest["lengths"][number])])
        assert len(mine) == -(-len(chunks) // info_group)
        # every paragraph once, in order, in the file its chunk's number says
        lines = [line.split("\t", 1)[0] for rel in mine for line in texts[rel].splitlines()[1:]]
        assert lines == [a for c in chunks for a, _ in c]
        for c, chunk in enumerate(chunks):
            assert all(f"{a}\t" in texts[f"text/{number}-{c // info_group}.txt.gz"] for a, _ in chunk if a)
    short_chunks, short_files = len(chunk_paragraphs(short)), [r for r in texts if r.startswith("text/1-")]
    assert short_chunks >= 4 and len(short_files) < short_chunks
    assert all(len(texts[r]) >= FILE_CHARS for r in sorted(short_files)[:-1])
    # a long report: a chunk a file, as before
    assert len([r for r in texts if r.startswith("text/0-")]) == len(chunk_paragraphs(long)) > 8


FILTERS = [("regions", "地区"), ("years", "年度")]


def _reports():
    return [SearchDoc("reports/b/", "乙", True, [("p1", "行政复议")], "2022-01-01", "綦江区",
                      {"regions": ["重庆市", "重庆市綦江区"], "years": ["2021"]}),
            SearchDoc("reports/a/", "甲", True, [("p1", "政务公开")], "2021-01-01", "江北区",
                      {"regions": ["重庆市", "重庆市江北区"], "years": ["2020"]})]


def _entries(docs):
    return [(d.url, d.url + d.paragraphs[0][1], lambda d=d: d) for d in docs]


def test_index_files_reports_first_and_filters():
    from gongkai.site.search.encoding import decode_pages

    files = {}
    build_index(_entries(_reports()), [SearchDoc("topics/x/", "列表", False, [("", "行政复议")])], files.__setitem__,
                filters=FILTERS)
    manifest = json.loads(files["manifest.json"])
    assert manifest["total"] == 3 and manifest["listing"] == "E" and manifest["dead"] == "A"
    assert manifest["filters"] == [["regions", "地区"], ["years", "年度"]]
    facets = {key: {term: decode_pages(pages) for term, pages in terms} for key, terms in json.loads(files["facets.json"]).items()}
    # page 0 is 甲 (the older), page 1 乙; the listing page has no terms
    assert facets == {"regions": {"重庆市": [0, 1], "重庆市江北区": [0], "重庆市綦江区": [1]}, "years": {"2021": [1], "2020": [0]}}
    assert [term for term, _ in json.loads(files["facets.json"])["years"]] == ["2021", "2020"]  # years newest first
    assert not [t for f in files if f.startswith("shards/") for t in json.loads(files[f]) if not t.isprintable()]
    # oldest report first, so that a newly published report takes the last number
    assert _text(files, "text/1-0.txt").startswith("reports/b/\t乙\t1\t2022-01-01\t綦江区\n")
    assert _text(files, "text/0-0.txt").startswith("reports/a/\t甲")
    assert _text(files, "text/2-0.txt").startswith("topics/x/\t列表\t0")


def test_adding_one_report_indexes_only_that_report(tmp_path):
    state = Scope(State(tmp_path), "search_index", tmp_path)
    first, second = {}, {}
    build_index(_entries(_reports()), [], first.__setitem__, store=state)
    new = SearchDoc("reports/c/", "丙", True, [("p1", "出庭应诉")], "2023-01-01", "渝北区", {"years": ["2022"]})
    changed = SearchDoc("reports/a/", "甲", True, [("p1", "政务公开，修订")], "2021-01-01", "江北区", {"years": ["2020"]})
    called = []
    entries = [(d.url, d.url + d.paragraphs[0][1], lambda d=d: called.append(d.url) or d) for d in [new, _reports()[0], changed]]
    build_index(entries, [], second.__setitem__, keep=lambda rel: True, store=state)
    assert sorted(called) == ["reports/a/", "reports/c/"]
    manifest = json.loads(second["manifest.json"])
    assert manifest["total"] == 3 and manifest["dead"] == "A"  # numbered afresh: nothing is dead
    # 甲 (changed, number 0) and 丙 (new, the last number) are written; 乙's chunk file is kept
    assert "text/0-0.txt.gz" in second and "text/1-0.txt.gz" not in second and "text/2-0.txt.gz" in second


def _width(encoded: str) -> tuple[int, int]:
    """(declared bitmap width, characters left after it) of a 'B' or 'M' posting."""
    from gongkai.site.search.encoding import ALPHABET

    value, shift, i = 0, 0, 1
    while True:
        v = ALPHABET.index(encoded[i])
        i += 1
        value += (v & 31) << shift
        shift += 5
        if not v & 32:
            return value, len(encoded) - i


def test_bitmaps_carry_their_width_so_kept_shards_stay_readable(tmp_path):
    """An incremental build keeps old shards; their bitmaps must not be read with the new page count."""
    docs = [SearchDoc(f"reports/{i:03d}/", f"题{i}", True, [("p1", "共同词甲乙")], f"2020-01-{i % 28 + 1:02d}")
            for i in range(60)]
    files = {}
    build_index(_entries(docs), [], files.__setitem__, store=Scope(State(tmp_path), "search_index", tmp_path))
    shards = [json.loads(v) for k, v in files.items() if k.startswith("shards/")]
    encoded = next(p[t] for p in shards for t in p if t == "甲乙")
    width, rest = _width(encoded)
    assert encoded[0] in "BM" and width == 10 and rest >= width


def test_table_rows_stay_on_one_line_in_chunk_files():
    files = {}
    doc = SearchDoc("reports/t/", "表", True, [("", "| 年份 | 件数 |\n| --- | --- |\n| 2021 | 61 |")])
    build_index(_entries([doc]), [], files.__setitem__)
    assert _text(files, "text/0-0.txt").count("\n") == 3  # meta line, title, the table


def _live_postings(files: dict[str, str | bytes]) -> dict[str, dict[str, int | None]]:
    """token → {page url: chunk mask (None where the form keeps no masks)}, dead pages left out."""
    from gongkai.site.search.encoding import bitmap_pages, decode_postings

    manifest = json.loads(files["manifest.json"])
    dead = set(bitmap_pages(manifest["dead"]))
    url = {int(k[5:].split("-")[0]): gzip.decompress(v).decode("utf-8").split("\t", 1)[0]
           for k, v in files.items() if k.startswith("text/") and k.endswith("-0.txt.gz")}
    out: dict[str, dict[str, int | None]] = {}
    for name, content in files.items():
        if name.startswith("shards/"):
            for token, encoded in json.loads(content).items():
                out[token] = {url[d]: (None if encoded[0] == "B" else m) for d, m in decode_postings(encoded) if d not in dead}
    return {t: v for t, v in out.items() if v}


def test_updated_index_finds_what_a_fresh_index_finds(tmp_path):
    """Pages added, changed and removed one build at a time give the postings of one build from scratch."""
    import random

    rng = random.Random(5)
    words = ["行政复议", "政务公开", "出庭应诉", "法治", "綦江", "依申请公开", "ab12", "规范性文件"]

    def doc(i: int, salt: int = 0) -> SearchDoc:
        paragraphs = [(f"p{k}", "，".join(rng.choice(words) for _ in range(rng.randint(1, 30)))) for k in range(rng.randint(1, 14))]
        return SearchDoc(f"reports/{i}/", f"报告{i}-{salt}", True, paragraphs, "2021-01-01", "綦江区", {"years": ["2021"]})

    def entries():
        return [(d.url, d.title + repr(d.paragraphs), lambda d=d: d) for d in docs.values()]

    docs = {i: doc(i) for i in range(40)}
    state = Scope(State(tmp_path), "search_index", tmp_path)
    files: dict[str, str] = {}
    build_index(entries(), [], files.__setitem__, store=state)
    for step in range(12):
        if step % 3 == 0:
            docs[100 + step] = doc(100 + step)
        elif step % 3 == 1:
            i = rng.choice(sorted(docs))
            docs[i] = doc(i, step)
        else:
            docs.pop(rng.choice(sorted(docs)))
        last_build: set[str] = set()

        def keep(rel: str) -> bool:
            last_build.add(rel)
            return rel in files

        def emit(rel: str, content: str) -> None:
            last_build.add(rel)
            files[rel] = content

        build_index(entries(), [], emit, keep=keep, store=state)
    fresh: dict[str, str] = {}
    build_index([(d.url, "", lambda d=d: d) for d in docs.values()], [], fresh.__setitem__)
    # byte for byte the clean build's files, and no others
    assert last_build == set(fresh) and all(files[rel] == fresh[rel] for rel in fresh)
    updated, expected = _live_postings(files), _live_postings(fresh)
    assert updated.keys() == expected.keys()
    for token, pages in expected.items():
        assert updated[token].keys() == pages.keys(), token
        for page, mask in pages.items():
            assert mask is None or updated[token][page] in (None, mask), (token, page)


def test_a_huge_page_is_cut_into_bounded_chunks_and_entries():
    from gongkai.site.search.index import CHUNK_MAX, OVERLAP, split_doc

    line = "甲" * (3 * CHUNK_MAX) + "行政复议" + "乙" * (40 * CHUNK_MAX)
    doc = SearchDoc("reports/big/", "大报告", True, [("p1", "开头。"), ("p2", line), ("p3", "结尾。")])
    entries = split_doc(doc)
    assert len(entries) > 1 and entries[0].url == "reports/big/" and entries[1].url.startswith("reports/big/#p")
    for entry in entries:
        chunks = chunk_paragraphs(entry)
        assert len(chunks) <= MAX_CHUNKS
        assert all(sum(len(t) for _, t in chunk) <= 2 * CHUNK_MAX + len(entry.title) for chunk in chunks)
    texts = [t for e in entries for _, t in e.paragraphs]
    assert any("行政复议" in t for t in texts) and texts[-1] == "结尾。"
    # every cut leaves OVERLAP characters on both sides, so no short term is lost at a cut
    pieces = [t for e in entries for a, t in e.paragraphs if a == "p2"]
    assert all(a[-OVERLAP:] == b[:OVERLAP] for a, b in zip(pieces, pieces[1:]))


def test_a_normal_page_is_one_entry():
    from gongkai.site.search.index import split_doc

    doc = SearchDoc("reports/a/", "报告", True, [("p1", "行政复议。" * 100)])
    assert split_doc(doc) == [doc]


def test_manifest_carries_the_format_constants_search_js_reads():
    """search.js takes the alphabet and the chunk count from the manifest, and checks the version."""
    from gongkai.site.search.encoding import ALPHABET
    from gongkai.site.search.index import FORMAT_VERSION

    files = {}
    build_index(_entries(_reports()), [], files.__setitem__, filters=FILTERS)
    manifest = json.loads(files["manifest.json"])
    assert (manifest["version"], manifest["alphabet"], manifest["chunks"]) == (FORMAT_VERSION, ALPHABET, MAX_CHUNKS)
    assert len(manifest["lengths"]) == 2 and manifest["continues"] == []  # one character a report


def test_search_filters_are_the_taxonomies_marked_as_filters(built_site):
    from gongkai.site.taxonomy import SEARCH_FILTERS, TAXONOMIES

    manifest = json.loads((built_site["docs"] / "search" / "data" / "manifest.json").read_text("utf-8"))
    facets = json.loads((built_site["docs"] / "search" / "data" / "facets.json").read_text("utf-8"))
    assert manifest["filters"] == [[t.key, t.label] for t in TAXONOMIES if t.search_filter] == [[t.key, t.label] for t in SEARCH_FILTERS]
    assert list(facets) == [t.key for t in SEARCH_FILTERS] and {"topics", "regions", "years", "types"} <= set(facets)


def test_traditional_map_comes_from_the_corpus_converter(built_site):
    from gongkai.corpus.traditional import character_map, to_simplified

    pairs = json.loads((built_site["docs"] / "search" / "data" / "traditional.json").read_text("utf-8"))["pairs"]
    shipped = dict(zip(pairs[0::2], pairs[1::2]))
    assert shipped == character_map() and shipped["複"] == "复" and shipped["議"] == "议"
    assert all(to_simplified(k) == v for k, v in shipped.items())


def test_a_long_page_marks_its_later_entries_as_continuations():
    from gongkai.site.search.index import CHUNK_MAX

    files = {}
    doc = SearchDoc("reports/big/", "大报告", True, [(f"p{i}", "甲乙丙丁" * (CHUNK_MAX // 4)) for i in range(30)],
                    facets={"years": ["2021"]})
    build_index(_entries([doc]), [], files.__setitem__, filters=FILTERS)
    manifest = json.loads(files["manifest.json"])
    assert manifest["total"] == 3 and manifest["continues"] == [1, 2]
    assert json.loads(files["facets.json"])["years"] == [["2021", "SA"]]  # counted once, by its first entry


def test_the_traditional_map_is_kept_between_builds(tmp_path, monkeypatch):
    """Importing the converter costs a fifth of a second: a build with a state file reuses the last map."""
    from gongkai.site.search import index

    state = Scope(State(tmp_path), "search_index", tmp_path)
    first, second = {}, {}
    build_index(_entries(_reports()), [], first.__setitem__, store=state)

    def no_converter() -> str:
        raise AssertionError("the converter was run again")

    monkeypatch.setattr(index, "traditional_json", no_converter)
    build_index(_entries(_reports()), [], second.__setitem__, store=state)
    assert second["traditional.json"] == first["traditional.json"]


def test_postings_encoded_a_share_at_a_time_are_the_postings_encoded_at_once(monkeypatch):
    """PostingsBuilder.encode splits the tokens into shares to bound its memory; the split must not
    show: every token's postings equal the plain-Python reference and the one-share result."""
    import random

    from gongkai.site.search import postings

    rng = random.Random(3)
    texts = ["".join(rng.choice("行政复议公开决策执法监督") for _ in range(rng.randint(5, 60))) for _ in range(300)]
    pages = [postings.doc_tokens([[t[:len(t) // 2]], [t[len(t) // 2:]]]) for t in texts]

    def encoded(per_share: int) -> tuple[dict, dict]:
        monkeypatch.setattr(postings, "_POSTINGS_PER_SHARE", per_share)
        builder = postings.PostingsBuilder()
        for number, (codes, masks) in enumerate(pages):
            builder.add(number, codes, masks)
        return builder.encode(len(pages))

    at_once, shared = encoded(10**9), encoded(97)
    assert at_once == shared and len(at_once[0]) > 100
    reference: dict[str, list[tuple[int, int]]] = {}
    for number, (codes, masks) in enumerate(pages):
        for code, mask in zip(codes.tolist(), masks.tolist(), strict=True):
            reference.setdefault(postings.token_text(code), []).append((number, mask))
    assert shared[0] == {token: encode_postings(entries, len(pages)) for token, entries in reference.items()}


def test_the_page_process_does_not_load_numpy():
    """NumPy (0.1–0.2 s to import) is needed only where the index is built, in its own process: a
    publish waits for the page process's imports, not for the index's."""
    import subprocess
    import sys

    code = "import sys, gongkai.site.generate, gongkai.site.build; print('numpy' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "False"
