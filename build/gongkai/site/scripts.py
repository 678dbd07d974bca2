"""The site's own scripts, sent to the browser as one file.

Each script is written and tested on its own in docs/assets/js/, which the engine does not copy
(mkdocs.yml exclude_docs); the generator joins them, in the order below, into assets/gongkai.js,
the one file mkdocs.yml names. Eleven script tags were 0.5 KB of every page, and eleven requests
on a reader's first visit. Each script runs in a block of its own: one that fails does not stop
the others, and its error still reaches the console (the accessibility test fails on it). A syntax
error would stop them all, so tests/test_scripts.py parses each source and the joined file.
"""
from __future__ import annotations

from pathlib import Path

from ..errors import GongkaiError

SOURCES = "assets/js"  # under docs/
BUNDLE = "assets/gongkai.js"  # under docs/: generated
# The order they run in: the table of contents is filled before the theme starts on it, and the
# search page's script uses the index reader and the query parser defined before it.
ORDER = ("toc.js", "header-search.js", "search-index.js", "search-query.js", "search.js", "landing.js",
         "cite.js", "compare.js", "nav.js", "pilcrow.js", "source-view.js")


def bundle(docs_dir: Path) -> str | None:
    """The scripts of ``docs_dir``/assets/js joined into one; every file there must be in ORDER.
    None for a docs folder without that folder (one generated into from scratch has no assets)."""
    folder = docs_dir / SOURCES
    if not folder.is_dir():
        return None
    present = {p.name for p in folder.glob("*.js")}
    missing = [name for name in ORDER if name not in present]
    if missing:
        raise GongkaiError(f"{folder}: missing {', '.join(missing)} (restore it from git, or remove it from "
                           "gongkai/site/scripts.py ORDER)")
    unlisted = sorted(present - set(ORDER))
    if unlisted:
        raise GongkaiError(f"{folder}: {', '.join(unlisted)} not in gongkai/site/scripts.py ORDER (add it there to ship it)")
    parts = ["/* gongkai's scripts, joined by `gongkai site` from docs/assets/js/ (edit those, not this file). */"]
    for name in ORDER:
        source = (folder / name).read_text("utf-8").rstrip()
        parts.append(f"/* {name} */\ntry {{\n{source}\n}} catch (error) {{ setTimeout(function () {{ throw error; }}); }}")
    return "\n".join(parts) + "\n"
