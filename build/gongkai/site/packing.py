"""How the site's gzipped data files are packed: the search chunks, the compare data and the saved
pages are unpacked in the browser (DecompressionStream) or by the reader, never served as pages.

No name and no time in the header, so the same bytes in give the same file out (a dirty build
compares them, and a clean build must be byte-identical to it)."""
from __future__ import annotations

import gzip


def gzipped(data: bytes) -> bytes:
    return gzip.compress(data, 9, mtime=0)
