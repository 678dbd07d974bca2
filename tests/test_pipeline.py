"""Corpus-level behaviour: determinism, ids, bad input, stale files."""
from __future__ import annotations

import shutil
from pathlib import Path

from conftest import ROOT, SEEDS, TOPICS
from gongkai.corpus_file import parse, parse_paragraphs
from gongkai.corpus.pipeline import build_corpus


def _build(sources, out):
    return build_corpus(sources, out, TOPICS, root=ROOT)


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.md"))}


def test_two_runs_are_byte_identical_whatever_the_order(tmp_path):
    seeds = sorted(SEEDS.glob("*.txt"))
    _build(seeds, tmp_path / "a")
    _build(list(reversed(seeds)), tmp_path / "b")
    assert _snapshot(tmp_path / "a") == _snapshot(tmp_path / "b")
    assert len(_snapshot(tmp_path / "a")) == 5


def test_ids_come_from_index_no_or_file_name(tmp_path):
    result = _build(sorted(SEEDS.glob("*.txt")), tmp_path)
    names = {p.name for p in result.written}
    assert "115001050092881785-2021-00251.md" in names and "001_e40db4cf0542f638.md" in names


def test_bad_files_are_skipped_and_the_rest_processed(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(SEEDS / "003_78ed85b0c485cc82.txt", src)
    (src / "empty.txt").write_bytes(b"")
    (src / "binary.html").write_bytes(b"\x00\x01\x02" * 100)
    result = _build(sorted(src.iterdir()), tmp_path / "out")
    assert len(result.written) == 1
    assert sorted(f.path.name for f in result.failures) == ["binary.html", "empty.txt"]


def test_duplicate_index_no_is_flagged(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    seed = SEEDS / "000_af704965e39f58a1.txt"
    shutil.copy(seed, src / "a.txt")
    (src / "b.txt").write_text(seed.read_text("utf-8") + "\n补充说明一句。\n", "utf-8")
    result = _build(sorted(src.iterdir()), tmp_path / "out")
    fronts = [parse(p.read_text("utf-8")).front for p in result.written]
    assert sum(any(w["code"] == "duplicate_index_no" for w in f["warnings"]) for f in fronts) == 1
    assert len({p.name for p in result.written}) == 2


def test_reports_of_removed_pages_are_deleted_but_other_files_stay(tmp_path):
    out = tmp_path / "out"
    _build(sorted(SEEDS.glob("*.txt")), out)
    (out / "notes.md").write_text("# hand-written\n", "utf-8")
    _build(sorted(SEEDS.glob("*.txt"))[:2], out)
    assert len(list(out.glob("*.md"))) == 3 and (out / "notes.md").exists()


def test_front_matter_keys_in_order(seed_corpus):
    front, _ = next(iter(seed_corpus.values()))
    assert list(front) == ["title", "doc_no", "index_no", "issuer", "issuer_kind", "publisher", "region", "region_code",
                           "province", "subject", "genre",
                           "validity", "written_date", "published_date", "signed_date", "report_year", "deadline", "on_time", "doc_type",
                           "breadcrumb", "topics", "laws", "indicators", "keywords", "source", "warnings"]
    assert set(front["source"]) == {"path", "sha256", "url", "added"}
    assert all(isinstance(front[k], list) for k in ("breadcrumb", "topics", "laws", "keywords", "warnings"))


def test_topic_paragraphs_have_anchors_and_whole_word_mentions(seed_corpus):
    _, body = seed_corpus["003_78ed85b0c485cc82"]
    mentioned = [p for p in parse_paragraphs(body) if p.mentions]
    assert mentioned and all(p.anchor for p in mentioned)
    for p in mentioned:
        for m in p.mentions:
            assert p.text[m.offset:m.offset + len(m.term)] == m.term


def test_committed_corpus_is_in_sync_with_the_seeds(tmp_path):
    """corpus/ is committed so that its diffs show what a cleaner change does; it must match a fresh run."""
    _build(sorted(SEEDS.glob("*.txt")), tmp_path)
    committed = {p.name: p.read_bytes() for p in sorted((ROOT / "corpus").glob("*.md"))}
    assert _snapshot(tmp_path) == committed, "run 'make corpus' and commit corpus/"


def test_cached_runs_give_the_same_files_and_survive_a_lost_cache_entry(tmp_path):
    seeds = sorted(SEEDS.glob("*.txt"))
    cache = tmp_path / "cache"
    build_corpus(seeds, tmp_path / "a", TOPICS, root=ROOT, cache_dir=cache, jobs=1)
    build_corpus(seeds, tmp_path / "b", TOPICS, root=ROOT, cache_dir=cache, jobs=1)  # from summaries
    for entry in cache.rglob("*.pickle"):
        if not entry.name.startswith("summaries-"):
            entry.unlink()  # full reports gone: the body is cleaned again when needed
    build_corpus(seeds, tmp_path / "c", TOPICS, root=ROOT, cache_dir=cache, jobs=1)
    assert _snapshot(tmp_path / "a") == _snapshot(tmp_path / "b") == _snapshot(tmp_path / "c")


def test_an_added_page_never_takes_an_existing_reports_id(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    seed = SEEDS / "000_af704965e39f58a1.txt"
    shutil.copy(seed, src / "m.txt")
    _build(sorted(src.iterdir()), tmp_path / "out")
    (src / "a.txt").write_text(seed.read_text("utf-8") + "\n另附说明一句。\n", "utf-8")  # sorts first
    _build(sorted(src.iterdir()), tmp_path / "out")
    fronts = {p.stem: parse(p.read_text("utf-8")).front for p in (tmp_path / "out").glob("*.md")}
    assert fronts["115001050092881785-2021-00251"]["source"]["path"].endswith("m.txt")
    newcomer = fronts["115001050092881785-2021-00251-2"]
    assert any(w["code"] == "duplicate_index_no" for w in newcomer["warnings"])


def test_a_page_named_index_does_not_replace_the_listing(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(SEEDS / "001_e40db4cf0542f638.txt", src / "index.txt")
    shutil.copy(SEEDS / "003_78ed85b0c485cc82.txt", src / "README.txt")  # MkDocs makes README.md an index
    result = _build([src / "index.txt", src / "README.txt"], tmp_path / "out")
    names = sorted(p.name for p in result.written)
    assert len(names) == 2 and all(n.lower() not in ("index.md", "readme.md") for n in names), names


def test_bad_files_among_many_are_reported_from_worker_processes(tmp_path):
    """Enough pages for the worker pool: a failure travels back from a worker as a SourceError."""
    src = tmp_path / "src"
    src.mkdir()
    for seed in sorted(SEEDS.glob("*.txt")):
        shutil.copy(seed, src)
    for i in range(6):
        (src / f"empty{i}.txt").write_bytes(b"")
    result = build_corpus(sorted(src.iterdir()), tmp_path / "out", TOPICS, root=ROOT, jobs=2)
    assert len(result.written) == 5
    assert sorted(f.path.name for f in result.failures) == [f"empty{i}.txt" for i in range(6)]


def test_files_written_by_several_processes_are_the_files_written_by_one(tmp_path, monkeypatch):
    from gongkai.corpus import pipeline

    seeds = sorted(SEEDS.glob("*.txt"))
    _build(seeds, tmp_path / "one")
    monkeypatch.setattr(pipeline, "_MANY_FILES", 2)
    _build(seeds, tmp_path / "shared")
    assert _snapshot(tmp_path / "shared") == _snapshot(tmp_path / "one") and len(_snapshot(tmp_path / "one")) == 5
