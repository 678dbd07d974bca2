"""Library errors. The CLI turns them into one clear line each."""
from __future__ import annotations

from pathlib import Path


class GongkaiError(Exception):
    """Base class for errors a user can act on."""


class SourceError(GongkaiError):
    """A raw page that cannot be read. Names the file and says what to do."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
