"""The state (state.py): a run that reuses it writes what a run from scratch writes; one staleness rule; damage is a warning."""
from __future__ import annotations

import os
import random
import shutil
from collections import Counter
from pathlib import Path

from conftest import ROOT, SEEDS, TOPICS
from gongkai.corpus.incremental import WrittenFiles, document_frequency
from gongkai.state import FileHashes, State, closure
from gongkai.corpus.pipeline import build_corpus


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.md"))}


def test_updating_the_corpus_gives_what_a_fresh_run_gives(tmp_path):
    """Add a page, change one, remove one: after each, the cached run matches a run with no cache."""
    src, out, cache = tmp_path / "src", tmp_path / "out", tmp_path / "cache"
    src.mkdir()
    seeds = sorted(SEEDS.glob("*.txt"))
    for seed in seeds[:4]:
        shutil.copy(seed, src)
    build_corpus(sorted(src.iterdir()), out, TOPICS, root=ROOT, cache_dir=cache, jobs=1)
    steps = [
        lambda: shutil.copy(seeds[4], src),
        lambda: (src / seeds[0].name).write_text(seeds[0].read_text("utf-8") + "\n另外，全年办理行政复议案件3件。\n", "utf-8"),
        lambda: (src / seeds[1].name).unlink(),
    ]
    for number, step in enumerate(steps):
        step()
        build_corpus(sorted(src.iterdir()), out, TOPICS, root=ROOT, cache_dir=cache, jobs=1)
        fresh = tmp_path / f"fresh{number}"
        build_corpus(sorted(src.iterdir()), fresh, TOPICS, root=ROOT, jobs=1)
        assert _snapshot(out) == _snapshot(fresh), f"step {number}"


def test_document_frequency_updated_equals_counted_afresh(tmp_path):
    rng = random.Random(3)
    words = [f"词{i}" for i in range(30)]
    pages = {f"p{i}": Counter(rng.sample(words, rng.randint(1, 10))) for i in range(60)}
    current = dict(list(pages.items())[:40])
    state = State(tmp_path)
    document_frequency(state, current, pages.get)
    for _ in range(15):
        if rng.random() < 0.5:
            sha = rng.choice([s for s in pages if s not in current])
            current[sha] = pages[sha]
        else:
            current.pop(rng.choice(sorted(current)))
        updated = document_frequency(state, current, pages.get)
        expected = Counter()
        for counts in current.values():
            expected.update(counts.keys())
        assert updated == expected


def test_file_hashes_trust_size_and_mtime_like_git(tmp_path):
    page = tmp_path / "a.txt"
    page.write_text("第一版", "utf-8")
    state = State(tmp_path / "cache")
    hashes = FileHashes(state)
    first = hashes.sha256(page)
    hashes.save()
    stat = page.stat()
    page.write_text("第二版", "utf-8")  # same size
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert FileHashes(state).sha256(page) == first  # trusted, as documented
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1))
    assert FileHashes(state).sha256(page) != first


def test_written_files_know_sources_only_for_files_they_wrote(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.md").write_text("x", "utf-8")
    state = State(tmp_path / "cache")
    written = WrittenFiles(state, out)
    written.expect("a.md", "k", "a.txt", "2025-01-01")
    written.record("a.md", "0" * 64, 1, 1)
    written.save(keep_others=False)
    assert WrittenFiles(state, out).sources_in(out) == {"a.txt"}
    (out / "b.md").write_text("y", "utf-8")  # written by someone else: read the files instead
    assert WrittenFiles(state, out).sources_in(out) is None


def test_the_added_date_is_recorded_only_for_the_file_as_written(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    target = out / "a.md"
    target.write_text("x", "utf-8")
    stat = target.stat()
    state = State(tmp_path / "cache")
    written = WrittenFiles(state, out)
    written.expect("a.md", "k", "a.txt", "2025-01-01")
    written.record("a.md", "0" * 64, stat.st_size, stat.st_mtime_ns)
    written.save(keep_others=False)
    assert WrittenFiles(state, out).added_date(target) == "2025-01-01"  # not read back from the file
    os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1))
    assert WrittenFiles(state, out).added_date(target) is None  # touched: the caller reads the file


def test_each_stage_is_keyed_by_its_own_import_closure():
    cleaning, _ = closure("gongkai.corpus.page")
    site, site_data = closure("gongkai.site.generate")
    assert "gongkai.cli" not in cleaning and "gongkai.site.generate" not in cleaning  # editing help text re-cleans nothing
    assert "gongkai.corpus_file" in site  # the corpus file format is the site's input: a change rebuilds the site
    assert "gongkai.site.pages.report_page" in site and "sections.yml" in site_data


def test_a_hand_edited_corpus_file_is_written_again(tmp_path):
    out, cache = tmp_path / "out", tmp_path / "cache"
    seeds = sorted(SEEDS.glob("*.txt"))[:2]
    build_corpus(seeds, out, TOPICS, root=ROOT, cache_dir=cache, jobs=1)
    target = sorted(out.glob("*.md"))[0]
    original = target.read_text("utf-8")
    target.write_text(original.replace("法治", "人治", 1), "utf-8")
    build_corpus(seeds, out, TOPICS, root=ROOT, cache_dir=cache, jobs=1)
    assert target.read_text("utf-8") == original


def test_damaged_state_is_one_warning_and_a_rebuild(tmp_path, capfd):
    out, cache = tmp_path / "out", tmp_path / "cache"
    seeds = sorted(SEEDS.glob("*.txt"))[:2]
    build_corpus(seeds, out, TOPICS, root=ROOT, cache_dir=cache, jobs=1)
    first = _snapshot(out)
    (cache / "state.sqlite").write_bytes(b"not a database" * 100)
    for suffix in ("-wal", "-shm"):
        (cache / f"state.sqlite{suffix}").unlink(missing_ok=True)
    capfd.readouterr()
    build_corpus(seeds, out, TOPICS, root=ROOT, cache_dir=cache, jobs=1)
    err = capfd.readouterr().err
    assert _snapshot(out) == first
    assert err.count("warning:") == 1 and "state.sqlite" in err and "rebuilding" in err and "Traceback" not in err
