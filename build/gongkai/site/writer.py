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

from .markdown import GENERATED_KEY

MANIFEST = ".gongkai-generated.json"


def _is_generated(path: str, previous: set[str], rel: str) -> bool:
    """A Markdown page only by its marker (a hand-written replacement wins); other files by the manifest."""
    if not rel.endswith(".md"):
        return rel in previous
    with open(path, encoding="utf-8", errors="replace") as handle:
        head = handle.read(400)  # the marker is in the front matter: never read a whole page for it
    return head.startswith("---") and f"{GENERATED_KEY}: gongkai" in head


class DocsWriter:
    def __init__(self, docs_dir: Path) -> None:
        self.docs = docs_dir
        self.manifest = docs_dir / MANIFEST
        self.previous: set[str] = set(json.loads(self.manifest.read_text("utf-8"))) if self.manifest.exists() else set()
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
        path = self._root + rel
        if rel in self.previous and os.path.exists(path) and _is_generated(path, self.previous, rel):
            self.written.add(rel)
            return True
        return False

    def finish(self) -> None:
        for rel in sorted(self.previous - self.written):
            path = self._root + rel
            if os.path.exists(path) and _is_generated(path, self.previous, rel):
                os.remove(path)
        self.manifest.write_text(json.dumps(sorted(self.written), ensure_ascii=False, indent=0), "utf-8")
