"""Write generated files into docs/ without ever overwriting a hand-written page.

A generated Markdown page carries ``generated_by: gongkai`` in its front matter.
The writer overwrites only such files (or files it listed in its manifest last
time), skips hand-written ones — a hand-written page wins — and deletes the
generated files that the current corpus no longer produces.
"""
from __future__ import annotations

import json
from pathlib import Path

from .markdown import GENERATED_KEY

MANIFEST = ".gongkai-generated.json"


def _is_generated(path: Path, previous: set[str], rel: str) -> bool:
    """A Markdown page only by its marker (a hand-written replacement wins); other files by the manifest."""
    if path.suffix != ".md":
        return rel in previous
    head = path.read_text("utf-8", errors="replace")[:400]
    return head.startswith("---") and f"{GENERATED_KEY}: gongkai" in head


class DocsWriter:
    def __init__(self, docs_dir: Path) -> None:
        self.docs = docs_dir
        self.manifest = docs_dir / MANIFEST
        self.previous: set[str] = set(json.loads(self.manifest.read_text("utf-8"))) if self.manifest.exists() else set()
        self.written: set[str] = set()
        self.skipped: list[str] = []

    def write(self, rel: str, content: str | bytes) -> None:
        path = self.docs / rel
        if path.exists() and not _is_generated(path, self.previous, rel):
            self.skipped.append(rel)  # hand-written page wins
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        data = content.encode("utf-8") if isinstance(content, str) else content
        if not path.exists() or path.read_bytes() != data:
            path.write_bytes(data)
        self.written.add(rel)

    def keep(self, rel: str) -> bool:
        """Keep a file generated last time without rendering it again; False when it must be written."""
        path = self.docs / rel
        if rel in self.previous and path.exists() and (path.suffix != ".md" or _is_generated(path, self.previous, rel)):
            self.written.add(rel)
            return True
        return False

    def finish(self) -> None:
        for rel in sorted(self.previous - self.written):
            path = self.docs / rel
            if path.exists() and _is_generated(path, self.previous, rel):
                path.unlink()
        self.manifest.write_text(json.dumps(sorted(self.written), ensure_ascii=False, indent=0), "utf-8")
