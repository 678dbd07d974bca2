"""What `gongkai corpus` keeps in the state (state.py) between runs, so adding one page costs about one page.

- ``summary``: each cleaned page's metadata, topics, laws and keyword counts: what ids,
  keywords and front matter need, without the body; ``page``: the corpus file's body, rendered
  from the cleaned page, read back only when its corpus file must be written again. Both keyed
  by CLEAN.key(page SHA-256, topic vocabulary).
- ``document_frequency``: keyword document frequencies and the pages they were counted over,
  updated by the pages added and removed since.
- ``corpus_file``: for each corpus file, the key it was written from, its source page, the
  SHA-256, size and mtime of what was written (a file that differs is written again), and its
  ``source.added`` date (so that an unchanged file is not read back for it).
"""
from __future__ import annotations

import hashlib
import os
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from ..state import CLEAN, Scope, State


def page_key(sha256: str, topics_text: str) -> str:
    return CLEAN.key(sha256, topics_text)


class Summaries:
    """Summaries of the pages cleaned before, by page key."""

    SPACE = "summary"

    def __init__(self, state: State) -> None:
        self.state = state
        self.by_key: dict[str, tuple] = state.items(self.SPACE)
        self.added: dict[str, tuple] = {}

    def get(self, key: str) -> tuple | None:
        return self.by_key.get(key)

    def counts(self, key: str) -> dict[str, int] | None:
        """A page's keyword-candidate counts (the last field of CleanedReport.summary())."""
        summary = self.by_key.get(key)
        return summary[-1] if summary is not None else None

    def add(self, key: str, summary: tuple) -> None:
        self.by_key[key] = self.added[key] = summary

    def save(self, current: set[str] | None) -> None:
        """Store the new summaries; with ``current`` (a whole-folder run), forget the others."""
        self.state.put_many(self.SPACE, self.added.items())
        if current is not None:
            self.state.delete(self.SPACE, self.by_key.keys() - current)
            self.state.delete("page", self.state.keys("page") - current)


def document_frequency(state: State, counts: dict[str, Counter[str]],
                       earlier: Callable[[str], dict[str, int] | None], scope: str = "") -> Counter[str]:
    """In how many pages each keyword candidate occurs, over the pages in ``counts`` (by page key).

    Counting 10,000 pages' candidates took longer than anything else in a run that added one
    page, so the last run's counts are updated by the pages added and removed since.
    ``earlier(key)`` gives a removed page's counts (from the summaries)."""
    saved = state.get("document_frequency", CLEAN.key("document_frequency", scope))
    current = set(counts)
    if isinstance(saved, tuple) and len(saved) == 2:
        members, df = saved
        added, removed = current - members, members - current
        gone = [earlier(key) for key in removed]
        if len(added) + len(removed) < len(current) // 2 and all(c is not None for c in gone):
            if not added and not removed:
                return df
            df = Counter(df)
            for key in added:
                df.update(counts[key].keys())
            for page_counts in gone:
                df.subtract(page_counts.keys())  # type: ignore[union-attr]
            df = +df  # drop the terms no page has any more
            state.put("document_frequency", CLEAN.key("document_frequency", scope), (current, df))
            return df
    df = Counter()
    for page_counts in counts.values():
        df.update(page_counts.keys())
    state.put("document_frequency", CLEAN.key("document_frequency", scope), (current, df))
    return df


def content_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class WrittenFiles:
    """For each corpus file: the key it was written from, its source page and what was written."""

    SPACE = "corpus_file"

    def __init__(self, state: State, out_dir: Path) -> None:
        self.scope = Scope(state, self.SPACE, out_dir)
        self.old: dict[str, tuple[str, str, str, int, int, str]] = self.scope.items()
        self.new: dict[str, tuple[str, str, str, int, int, str]] = {}
        self.keys: dict[str, tuple[str, str, str]] = {}

    def sources_in(self, out_dir: Path) -> set[str] | None:
        """Source page names of the corpus files in ``out_dir``; None when the state does not know them all."""
        names = {n for n in os.listdir(out_dir) if n.endswith(".md")} if out_dir.is_dir() else set()
        if not names <= self.old.keys():
            return None
        return {self.old[n][1] for n in names}

    def added_date(self, path: Path) -> str | None:
        """The ``source.added`` written into ``path``, while the file is as it was written (else None: read it)."""
        old = self.old.get(path.name)
        if not old or len(old) < 6:
            return None
        try:
            stat = os.stat(path)
        except OSError:
            return None
        return old[5] if (stat.st_size, stat.st_mtime_ns) == (old[3], old[4]) else None

    def unchanged(self, path: Path, key: str) -> bool:
        """Whether ``path`` holds what ``key`` would write: same key, and the file as it was written."""
        old = self.old.get(path.name)
        if not old or old[0] != key or len(old) < 6:
            return False
        try:
            stat = os.stat(path)
        except OSError:
            return False
        if (stat.st_size, stat.st_mtime_ns) == (old[3], old[4]):
            self.new[path.name] = old
            return True
        same = content_sha256(path.read_text("utf-8", errors="replace")) == old[2]  # touched: check its content
        if same:
            self.new[path.name] = (*old[:3], stat.st_size, stat.st_mtime_ns, old[5])
        return same

    def expect(self, name: str, key: str, source: str, added: str) -> None:
        self.keys[name] = (key, source, added)

    def record(self, name: str, sha256: str, size: int, mtime_ns: int) -> None:
        """After a corpus file was written (in this process or a child) with content of ``sha256``."""
        key, source, added = self.keys[name]
        self.new[name] = (key, source, sha256, size, mtime_ns, added)

    def save(self, keep_others: bool) -> None:
        """Store this run's records; ``keep_others`` keeps those of files this run did not see."""
        self.scope.save(self.old, self.new if not keep_others else {**self.old, **self.new})

