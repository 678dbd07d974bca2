"""The corpus caches: a run that reuses them writes what a run from scratch writes."""
from __future__ import annotations

import os
import random
import shutil
from collections import Counter
from pathlib import Path

from conftest import ROOT, SEEDS, TOPICS
from gongkai.corpus_cache import FileHashes, WrittenKeys, document_frequency
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
    document_frequency(tmp_path, current, pages.get)
    for _ in range(15):
        if rng.random() < 0.5:
            sha = rng.choice([s for s in pages if s not in current])
            current[sha] = pages[sha]
        else:
            current.pop(rng.choice(sorted(current)))
        updated = document_frequency(tmp_path, current, pages.get)
        expected = Counter()
        for counts in current.values():
            expected.update(counts.keys())
        assert updated == expected


def test_file_hashes_trust_size_and_mtime_like_git(tmp_path):
    page = tmp_path / "a.txt"
    page.write_text("第一版", "utf-8")
    first = FileHashes(tmp_path / "cache").sha256(page)
    hashes = FileHashes(tmp_path / "cache")
    hashes.sha256(page)
    hashes.save()
    stat = page.stat()
    page.write_text("第二版", "utf-8")  # same size
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert FileHashes(tmp_path / "cache").sha256(page) == first  # trusted, as documented
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1))
    assert FileHashes(tmp_path / "cache").sha256(page) != first


def test_written_keys_know_sources_only_for_files_they_wrote(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.md").write_text("x", "utf-8")
    keys = WrittenKeys(tmp_path / "cache")
    keys.record("a.md", "k", "a.txt")
    keys.save()
    assert WrittenKeys(tmp_path / "cache").sources_in(out) == {"a.txt"}
    (out / "b.md").write_text("y", "utf-8")  # written by someone else: read the files instead
    assert WrittenKeys(tmp_path / "cache").sources_in(out) is None
