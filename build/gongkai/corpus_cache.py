"""What `gongkai corpus` remembers between runs, so that adding one page costs about one page.

Everything here is a cache: delete the folder and the next run rebuilds it, with the
same corpus as output. Each file answers one question:

- ``hashes.pickle``: the SHA-256 of each raw page, by path, size and mtime (as git's
  index does), so an unchanged page is not read and hashed again;
- ``<version>/summaries-NN.pickle``: each cleaned page's metadata, topics, laws and keyword
  counts, by content hash: what ids, keywords and front matter need, without the body;
- ``<version>/df.pickle``: keyword document frequencies and the pages they were counted
  over, updated by the pages added and removed since;
- ``<version>/written.json``: what each corpus file was written from, and its source page.
"""
from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .cache import PickleShards, load_pickle, save_pickle


class FileHashes:
    """SHA-256 of files, trusted from the last run while a file's size and mtime are unchanged."""

    def __init__(self, cache_dir: Path | None) -> None:
        self.file = cache_dir / "hashes.pickle" if cache_dir else None
        self.old: dict[str, tuple[int, int, str]] = load_pickle(self.file) or {}
        self.new: dict[str, tuple[int, int, str]] = {}

    def sha256(self, path: Path) -> str:
        """Raises OSError when the file cannot be read."""
        stat = os.stat(path)
        key = str(path)
        old = self.old.get(key)
        if old and old[0] == stat.st_size and old[1] == stat.st_mtime_ns:
            self.new[key] = old
            return old[2]
        sha = hashlib.sha256(Path(path).read_bytes()).hexdigest()
        self.new[key] = (stat.st_size, stat.st_mtime_ns, sha)
        return sha

    def save(self) -> None:
        if self.file and self.new != self.old:
            save_pickle(self.file, self.new)


class Summaries:
    """Summaries of every page cleaned with this pipeline version, by content hash."""

    def __init__(self, folder: Path | None) -> None:
        self.shards = PickleShards(folder, "summaries")
        self.by_sha: dict[str, tuple] = self.shards.load()  # sha → CleanedReport.summary()
        self.added: list[str] = []

    @staticmethod
    def exist(folder: Path | None) -> bool:
        """Whether this pipeline version has cleaned pages before (known before loading them)."""
        return PickleShards(folder, "summaries").exist()

    def get(self, sha: str) -> Any | None:
        return self.by_sha.get(sha)

    def counts(self, sha: str) -> dict[str, int] | None:
        """A page's keyword-candidate counts (the last field of CleanedReport.summary())."""
        summary = self.by_sha.get(sha)
        return summary[-1] if summary is not None else None

    def add(self, sha: str, summary: Any) -> None:
        self.by_sha[sha] = summary
        self.added.append(sha)

    def save(self) -> None:
        if self.added:
            self.shards.save(self.by_sha, self.added)


def document_frequency(folder: Path | None, counts: dict[str, Counter[str]],
                       earlier: Callable[[str], Counter[str] | None]) -> Counter[str]:
    """In how many pages each keyword candidate occurs, over the pages in ``counts`` (by content hash).

    Counting 10,000 pages' candidates took longer than anything else in a run that added one
    page, so the last run's counts are updated by the pages added and removed since.
    ``earlier(sha)`` gives a removed page's counts (from the summaries)."""
    file = folder / "df.pickle" if folder else None
    saved = load_pickle(file)
    current = set(counts)
    if isinstance(saved, tuple) and len(saved) == 2:
        members, df = saved
        added, removed = current - members, members - current
        gone = [earlier(sha) for sha in removed]
        if len(added) + len(removed) < len(current) // 2 and all(c is not None for c in gone):
            if not added and not removed:
                return df
            df = Counter(df)
            for sha in added:
                df.update(counts[sha].keys())
            for page_counts in gone:
                df.subtract(page_counts.keys())  # type: ignore[union-attr]
            df = +df  # drop the terms no page has any more
            if file:
                save_pickle(file, (current, df))
            return df
    df = Counter()
    for page_counts in counts.values():
        df.update(page_counts.keys())
    if file:
        save_pickle(file, (current, df))
    return df


class WrittenKeys:
    """For each corpus file: a key of what it was written from, and the name of its source page."""

    def __init__(self, folder: Path | None) -> None:
        self.file = folder / "written.json" if folder else None
        try:
            saved = json.loads(self.file.read_text("utf-8")) if self.file and self.file.exists() else {}
        except (ValueError, OSError):  # damaged by an interrupted run: start afresh, the files are checked
            saved = {}
        if not isinstance(saved, dict):
            saved = {}
        self.old: dict[str, list[str]] = {k: v for k, v in saved.items() if isinstance(v, list)}
        self.new: dict[str, list[str]] = {}

    def sources_in(self, out_dir: Path) -> set[str] | None:
        """Source page names of the corpus files in ``out_dir``; None when this cache does not know them all."""
        names = {n for n in os.listdir(out_dir) if n.endswith(".md")} if out_dir.is_dir() else set()
        if not self.file or not names <= self.old.keys():
            return None
        return {self.old[n][1] for n in names}

    def unchanged(self, name: str, key: str) -> bool:
        old = self.old.get(name)
        return bool(old) and old[0] == key

    def record(self, name: str, key: str, source: str) -> None:
        self.new[name] = [key, source]

    def save(self, keep_others: bool = False) -> None:
        """Write the keys of this run; ``keep_others`` keeps the files this run did not see."""
        new = {**self.old, **self.new} if keep_others else self.new
        if self.file and new != self.old:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.file.with_suffix(".tmp")
            tmp.write_text(json.dumps(new, ensure_ascii=False), "utf-8")
            os.replace(tmp, self.file)
