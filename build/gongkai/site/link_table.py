"""Our own table of the links between docs pages, to check the pages a dirty build does not render.

MkDocs checks the links of the pages it renders. In a dirty build it renders only the pages that
changed, so a page kept from the last build could point at a report that is gone and nobody would
know. Every Markdown page's links to other pages are kept in the state by the page's size and
mtime; each dirty build checks them all against the docs files that exist.
"""
from __future__ import annotations

import os
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote

from ..state import Scope, State

_LINK = re.compile(r"\]\(([^()\s]+)\)")  # our links carry no spaces or parentheses (url() encodes them)
_SPACE = "page_links"


def page_links(text: str) -> list[str]:
    """The other docs files a page links to, as written (relative, without ?query or #anchor)."""
    out = []
    for target in _LINK.findall(text):
        path = unquote(re.split(r"[?#]", target, maxsplit=1)[0])
        if path and not re.match(r"[a-z][a-z0-9+.-]*:", path) and not path.startswith("/"):
            out.append(path)
    return out


def check_links(docs_dir: Path, state: State, existing: set[str]) -> list[str]:
    """One line per link from a Markdown page to a docs file that does not exist. ``existing``: every
    file under ``docs_dir``, relative and '/'-separated (the caller has walked the folder already)."""
    scope = Scope(state, _SPACE, docs_dir)
    old: dict[str, tuple[int, int, list[str]]] = scope.items()
    new: dict[str, tuple[int, int, list[str]]] = {}
    root = str(docs_dir)
    problems = []
    for rel in sorted(r for r in existing if r.endswith(".md")):
        stat = os.stat(os.path.join(root, rel))
        known = old.get(rel)
        if known and known[:2] == (stat.st_size, stat.st_mtime_ns):
            new[rel] = known
        else:
            new[rel] = (stat.st_size, stat.st_mtime_ns, page_links((docs_dir / rel).read_text("utf-8")))
        base = posixpath.dirname(rel)
        for target in new[rel][2]:
            resolved = posixpath.normpath(posixpath.join(base, target))
            if resolved not in existing:
                problems.append(f"{rel}: links to {target}, which is not in {docs_dir}/")
    scope.save(old, new)
    return problems
