"""The saved copy of each report's page, published as gzipped plain text, never as a live page.

A scraped page served as HTML on our origin would run its scripts as our site, so the
archive is the page's decoded text re-encoded as UTF-8 with a byte-order mark, gzipped:
a static server sends a ``.gz`` as a download, never a page. Gzipped because a saved page is
mostly the portal's markup and scripts: a real page's HTML is tens of kilobytes, more than
everything else the site spends on its report, and a 1 GB Pages site has no room for it.
The report page shows the text in place (docs/assets/js/source-view.js, where the browser can
unpack gzip); the BOM makes the unpacked file read as UTF-8 in any browser.
"""
from __future__ import annotations

import os
from pathlib import Path

from ..corpus.reading import decode
from ..corpus.textnorm import drop_controls
from ..errors import SourceError
from ..names import display
from .packing import gzipped

BOM = "\ufeff"


def archive_rel(report_id: str) -> str:
    """Where a report's archived page goes in docs/ (ids are safe slugs, so never shared)."""
    return f"sources/{report_id}.txt.gz"


def _by_printed_name(recorded: Path) -> Path | None:
    try:
        with os.scandir(recorded.parent) as entries:
            for entry in entries:
                if entry.is_file(follow_symlinks=False) and display(entry.name) == recorded.name:
                    return Path(os.fsdecode(os.path.join(os.fsencode(recorded.parent), os.fsencode(entry.name))))
    except OSError:
        pass
    return None


def archive_bytes(project_root: Path, recorded_path: str | None) -> bytes | None:
    """The archive of the page the front matter names, or None when there is none to show.

    The recorded path is read only if it resolves inside the project: a corpus file edited to
    name ``../../etc/passwd``, or a link out of the project, publishes nothing."""
    if not recorded_path:
        return None
    root = project_root.resolve()
    try:
        source = (root / recorded_path).resolve()
        source.relative_to(root)
    except (ValueError, OSError, RuntimeError):
        return None
    if not source.is_file():
        found = _by_printed_name(source)  # a name that is not UTF-8 was recorded as printed (U+FFFD)
        if found is None:
            return None
        source = found
    try:
        text, _ = decode(source.read_bytes(), source)
    except (SourceError, OSError):
        return None
    return gzipped((BOM + drop_controls(text.replace("\r\n", "\n"))[0]).encode("utf-8"))
