"""Library errors. The CLI turns them into one clear line each."""
from __future__ import annotations

from pathlib import Path


class GongkaiError(Exception):
    """Base class for errors a user can act on."""


class SourceError(GongkaiError):
    """A raw page that cannot be read. Names the file and says what to do."""

    def __init__(self, path: Path, reason: str) -> None:
        from .names import display

        super().__init__(f"{display(path)}: {reason}")
        self.path = path
        self.reason = reason

    def __reduce__(self):
        # Sent back from a worker process: rebuilt from its own arguments, not from the message.
        return (SourceError, (self.path, self.reason))
