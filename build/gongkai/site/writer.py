"""Write generated files into docs/ without ever overwriting a hand-written page.

A generated Markdown page carries ``generated_by: gongkai`` in its front matter.
The writer overwrites only such files (or files it listed in its manifest last
time), skips hand-written ones — a hand-written page wins — and deletes the
generated files that the current corpus no longer produces.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from .safe_markdown import GENERATED_KEY

MANIFEST = ".gongkai-generated.json"


def _is_generated(path: str, previous: set[str], rel: str) -> bool:
    """A Markdown page only by its marker (a hand-written replacement wins); other files by the manifest."""
    if not rel.endswith(".md"):
        return rel in previous
    with open(path, encoding="utf-8", errors="replace") as handle:
        # The marker is in the front matter: never read a whole page for it. It comes after the
        # title and the description (a report's opening), so the head read must hold both.
        head = handle.read(4000)
    return head.startswith("---") and f"{GENERATED_KEY}: gongkai" in head


class DocsWriter:
    def __init__(self, docs_dir: Path) -> None:
        self.docs = docs_dir
        self.manifest = docs_dir / MANIFEST
        saved = json.loads(self.manifest.read_text("utf-8")) if self.manifest.exists() else {}
        # rel → mtime of a page as this writer left it (0 for other files): a page with the same
        # mtime is still ours, so 10,000 kept pages need no read of their heads.
        self.stamps: dict[str, int] = saved if isinstance(saved, dict) else dict.fromkeys(saved, 0)
        self.previous: set[str] = set(self.stamps)
        self.written: set[str] = set()
        self.skipped: list[str] = []
        self._root = str(docs_dir) + os.sep
        self._folders: set[str] = set()  # made already: tens of thousands of files share a few folders

    def write(self, rel: str, content: str | bytes) -> None:
        path = self._root + rel
        exists = os.path.exists(path)
        if exists and not _is_generated(path, self.previous, rel):
            self.skipped.append(rel)  # hand-written page wins
            return
        folder = os.path.dirname(path)
        if folder not in self._folders:
            os.makedirs(folder, exist_ok=True)
            self._folders.add(folder)
        data = content.encode("utf-8") if isinstance(content, str) else content
        if not exists or os.path.getsize(path) != len(data) or Path(path).read_bytes() != data:
            with open(path, "wb") as handle:
                handle.write(data)
        self.written.add(rel)

    def keep(self, rel: str) -> bool:
        """Keep a file generated last time without rendering it again; False when it must be written."""
        if rel not in self.previous:
            return False
        path = self._root + rel
        try:
            mtime = os.stat(path).st_mtime_ns
        except OSError:
            return False
        if (rel.endswith(".md") and mtime == self.stamps.get(rel)) or _is_generated(path, self.previous, rel):
            self.written.add(rel)
            return True
        return False

    def finish(self) -> None:
        for rel in sorted(self.previous - self.written):
            path = self._root + rel
            if os.path.exists(path) and _is_generated(path, self.previous, rel):
                os.remove(path)
        stamps = {rel: os.stat(self._root + rel).st_mtime_ns if rel.endswith(".md") else 0 for rel in sorted(self.written)}
        self.manifest.write_text(json.dumps(stamps, ensure_ascii=False, indent=0), "utf-8")
