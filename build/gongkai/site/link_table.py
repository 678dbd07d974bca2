"""Our own table of the links between docs pages: every link of every page is checked on every build.

MkDocs checks only Markdown links, and only on the pages it renders. Most of our links are in
raw HTML blocks (``safe_html``), which it passes through unchecked, and a dirty build renders
only the pages that changed, so a page kept from the last build could point at a report that is
gone. So each page's links are read once (kept in the state by the page's size and mtime) and
checked against the docs files that exist, in clean and dirty builds alike.

A page unchanged since a build in which all its links resolved, when no docs file has gone since,
still resolves: its links are not checked again (that was most of the check's time at 2,000
reports). Its links are kept as one string, which loads at a fraction of the cost of a list.
"""
from __future__ import annotations

import html
import os
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote

from ..state import Scope, State

_MARKDOWN_LINK = re.compile(r"\]\(([^()\s]+)\)")  # our links carry no spaces or parentheses (url() encodes them)
_HTML_LINK = re.compile(r'\shref="([^"]*)"')
_EXTERNAL = re.compile(r"[a-z][a-z0-9+.-]*:|/", re.I)
_SPACE = "page_links"
_FORMAT = 3  # kept with each page's links: links stored by an older rule are read again
_FILES = ""  # the entry holding the docs files of the last check (no page has an empty name)


def _path(target: str) -> str:
    return unquote(html.unescape(re.split(r"[?#]", target, maxsplit=1)[0]))


def page_links(rel: str, text: str) -> list[str]:
    """The docs files page ``rel`` links to, resolved from the docs folder. A Markdown link is
    relative to the page's file; an HTML link is an address relative to the page's URL (with
    directory URLs, ``a/b.md`` is served at ``a/b/``). An address ending in / stands for the page
    ``x.md`` or ``x/index.md`` and is kept with its slash."""
    folder = posixpath.dirname(rel)
    url_folder = folder if posixpath.basename(rel) == "index.md" else rel[:-3]
    out = []
    for target in _MARKDOWN_LINK.findall(text):
        path = _path(target)
        if path and not _EXTERNAL.match(path):
            out.append(posixpath.normpath(posixpath.join(folder, path)))
    for target in _HTML_LINK.findall(text):
        path = _path(target)
        if path and not _EXTERNAL.match(path):
            resolved = posixpath.normpath(posixpath.join(url_folder, path))
            is_page = path.endswith("/") or path in (".", "..")
            out.append("/" if resolved == "." else resolved + "/" if is_page else resolved)
    return out


def _exists(resolved: str, existing: set[str]) -> bool:
    if resolved.endswith("/"):
        stem = resolved.strip("/")
        return f"{stem}.md" in existing or f"{stem}/index.md".lstrip("/") in existing
    return resolved in existing


def check_links(docs_dir: Path, existing: set[str], state: State | None = None) -> list[str]:
    """One line per link from a Markdown page to a docs file that does not exist. ``existing``: every
    file under ``docs_dir``, relative and '/'-separated (the caller has walked the folder already)."""
    scope = Scope(state, _SPACE, docs_dir) if state is not None else None
    old: dict[str, object] = scope.items() if scope is not None else {}
    before = old.pop(_FILES, None)
    nothing_gone = isinstance(before, frozenset) and before <= existing
    new: dict[str, object] = {_FILES: frozenset(existing)}
    root = str(docs_dir)
    problems = []
    for rel in sorted(r for r in existing if r.endswith(".md")):
        stat = os.stat(os.path.join(root, rel))
        known = old.get(rel)
        if isinstance(known, tuple) and known[:3] == (stat.st_size, stat.st_mtime_ns, _FORMAT):
            if nothing_gone and known[3]:
                new[rel] = known
                continue
            links = known[4].split("\0") if known[4] else []
        else:
            links = page_links(rel, (docs_dir / rel).read_text("utf-8"))
        broken = [resolved for resolved in links if not _exists(resolved, existing)]
        problems += [f"{rel}: links to {resolved}, which is not in {docs_dir}/" for resolved in broken]
        new[rel] = (stat.st_size, stat.st_mtime_ns, _FORMAT, not broken, "\0".join(links))
    if scope is not None:
        scope.save(old, new)
    return problems
