"""The front matter of each corpus file as the corpus stage wrote it, handed to the site stage.

Parsing a file's YAML front matter is the largest part of the site stage reading a new corpus
file (0.23 ms a file, against 0.12 for its body): on a cold build that is every file, read
one after another in the site's one process, while the corpus stage had each front matter in
hand, already split between its two writer processes. So the corpus stage keeps what it
wrote, and the site takes it instead of parsing the file, as long as the file is as it was
written: the same size and mtime, and the same corpus-file code (``written_front`` is what
``parse_front`` gives back, a tested property). Anything else misses and is parsed.

Looked up one file at a time: a publish that reads one new corpus file must not load the
front matter of 20,000.
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .corpus_file import FrontMatter
from .state import Scope, State, code_hash

SPACE = "written_front"
Signature = tuple[int, int]  # size, mtime_ns


def _code() -> str:
    return code_hash("gongkai.corpus_file")


def remember(state: State, folder: Path, written: Iterable[tuple[str, Signature, FrontMatter]]) -> None:
    """Record the front matter of each file just written into ``folder`` (file name, signature, front matter)."""
    code = _code()
    Scope(state, SPACE, folder).put_many((name, (signature, code, front)) for name, signature, front in written)


def forget(state: State, folder: Path, names: Iterable[str]) -> None:
    """Drop the records of files the corpus no longer has."""
    Scope(state, SPACE, folder).delete(names)


class WrittenFronts:
    """The site stage's side: ``get`` the front matter of a file still as the corpus stage wrote it."""

    def __init__(self, state: State, folder: Path) -> None:
        self.scope = Scope(state, SPACE, folder)
        self.code: str | None = None

    def get(self, name: str, signature: Signature) -> FrontMatter | None:
        found = self.scope.get(name)
        if not isinstance(found, tuple) or len(found) != 3 or found[0] != signature:
            return None
        if self.code is None:
            self.code = _code()
        front = found[2]
        return front if found[1] == self.code and isinstance(front, dict) else None  # type: ignore[return-value]
