"""Safe names for whatever a page or its file is called: ids, slugs and printable paths.

Every output file name, URL path and page id is derived here, so that no file name
or metadata value (a newline, ``#``, ``?``, ``..``, ``"><svg …>``, bytes that are not
UTF-8, README) can break the build, escape its folder or share a page with another.
"""
from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

_UNSAFE_RUN = re.compile(r"[^\w\-]+")
# Names MkDocs or a web server treats specially (README.md becomes the folder's index).
_RESERVED = {"index", "readme", "404", "sitemap", "search", "assets"}
MAX_SLUG = 80


def display(path: Path | str) -> str:
    """A path as text that can always be printed and written: undecodable bytes become U+FFFD."""
    raw = os.fsencode(path)
    return raw.decode("utf-8", errors="replace")


def _tag(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:6]


def safe_slug(text: object) -> str:
    """Letters, digits (any script), ``_`` and ``-`` only, never empty, dotted or reserved.

    A name that had to change gets a short hash of the original, so that ``A/B局`` and
    ``A:B局`` (both ``A-B局`` once cleaned) stay two names."""
    original = str(text)
    cleaned = _UNSAFE_RUN.sub("-", original.encode("utf-8", "replace").decode("utf-8")).strip("-_")
    cleaned = cleaned[:MAX_SLUG].rstrip("-_")
    if cleaned and cleaned == original and cleaned.lower() not in _RESERVED:
        return cleaned
    return f"{cleaned or 'x'}-{_tag(original)}"
