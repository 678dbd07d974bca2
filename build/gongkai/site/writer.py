"""Write generated files into docs/ without ever overwriting a hand-written page.

A generated Markdown page carries ``generated_by: gongkai`` in its front matter. The writer
overwrites only such pages, and other files it recorded in the state as its own; it skips
hand-written ones (a hand-written page wins) and deletes the generated files that the current
corpus no longer produces. What it wrote is recorded as (size, mtime, SHA-256), so a kept file
that somebody changed is noticed and written again.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

from ..state import Scope, State
from .export.downloads import DOWNLOADS, FORMER_NAMES
from .overwrite import overwrite
from .safe_markdown import GENERATED_KEY
from .scripts import BUNDLE

SPACE = "docs_file"
# Besides marked pages, only these belong to the generator: with no state (deleted, damaged)
# the files under them are still known to be generated, and nothing is left behind.
GENERATED_ROOTS = ("search/data/", "sources/", "compare/data/", "compare/regions/")
GENERATED_FILES = (*(d.name for d in DOWNLOADS), *FORMER_NAMES, BUNDLE)

Record = tuple[int, int, str]  # size, mtime_ns, SHA-256 of the content


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _is_marked(path: str) -> bool:
    """Whether a page's front matter carries the marker (written first; never read a whole page for it)."""
    with open(path, encoding="utf-8", errors="replace") as handle:
        head = handle.read(8192)
    front = head[:head.find("\n---", 3)] if head.startswith("---") else ""
    return f"\n{GENERATED_KEY}: gongkai\n" in front + "\n"


def is_generated_path(rel: str) -> bool:
    return rel.startswith(GENERATED_ROOTS) or rel in GENERATED_FILES


class DocsWriter:
    def __init__(self, docs_dir: Path, state: State) -> None:
        self.docs = docs_dir
        self.scope = Scope(state, SPACE, docs_dir)
        self.previous: dict[str, Record] = self.scope.items()
        self.records: dict[str, Record] = {}
        self.written: set[str] = set()
        self.skipped: list[str] = []
        self._root = str(docs_dir) + os.sep
        self._folders: set[str] = set()  # made already: tens of thousands of files share a few folders

    def _ours(self, rel: str, path: str) -> bool:
        """Whether an existing file is the generator's to replace: a marked page, or a file it wrote."""
        if rel.endswith(".md"):
            return _is_marked(path)
        return rel in self.previous or is_generated_path(rel)

    def write(self, rel: str, content: str | bytes) -> None:
        path = self._root + rel
        exists = os.path.exists(path)
        if exists and not self._ours(rel, path):
            self.skipped.append(rel)  # hand-written page wins
            return
        folder = os.path.dirname(path)
        if folder not in self._folders:
            os.makedirs(folder, exist_ok=True)
            self._folders.add(folder)
        data = content.encode("utf-8") if isinstance(content, str) else content
        sha = _sha256(data)
        old = self.previous.get(rel)
        stat = os.stat(path) if exists else None
        unchanged = stat is not None and stat.st_size == len(data) and (
            (old == (stat.st_size, stat.st_mtime_ns, sha)) or Path(path).read_bytes() == data)
        if not unchanged:
            overwrite(path, data)
            stat = os.stat(path)
        assert stat is not None
        self.records[rel] = (stat.st_size, stat.st_mtime_ns, sha)
        self.written.add(rel)

    def keep(self, rel: str) -> bool:
        """Keep a file generated last time without rendering it again; False when it must be written
        (gone, or changed since: its content no longer has the recorded hash)."""
        old = self.previous.get(rel)
        if old is None:
            return False
        path = self._root + rel
        try:
            stat = os.stat(path)
        except OSError:
            return False
        if (stat.st_size, stat.st_mtime_ns) != old[:2]:
            if stat.st_size != old[0] or _sha256(Path(path).read_bytes()) != old[2]:
                return False
            old = (stat.st_size, stat.st_mtime_ns, old[2])
        self.records[rel] = old
        self.written.add(rel)
        return True

    def finish(self) -> None:
        """Delete what this build no longer produces, and record what it holds."""
        for rel in sorted(self.previous.keys() - self.written):
            path = self._root + rel
            if os.path.exists(path) and self._ours(rel, path):
                os.remove(path)
        self.scope.save(self.previous, self.records)


def clean_generated(docs_dir: Path, state: State) -> int:
    """Remove every generated file from ``docs_dir`` (``make clean``): the recorded ones, and with no
    record, every marked page and every file under the generator's own folders. Returns how many."""
    removed = 0
    scope = Scope(state, SPACE, docs_dir)
    recorded = set(scope.items())
    for path in sorted(p for p in docs_dir.rglob("*") if p.is_file()):
        rel = path.relative_to(docs_dir).as_posix()
        if (_is_marked(str(path)) if rel.endswith(".md") else rel in recorded or is_generated_path(rel)):
            path.unlink()
            removed += 1
    scope.delete(recorded)
    return removed
