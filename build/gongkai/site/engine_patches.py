"""The engine's internals that gongkai patches, each for the duration of a build and restored after.

MkDocs 1.6 (pinned below 2) gives no hooks for these without plugins, so they are patched here,
the only other module besides site/build.py that knows the engine's insides. The site is byte for
byte the same whether a build is clean, dirty or split across processes (tests/test_publish.py);
two patches make it smaller (``compacted_pages``, ``json_as_text``), the others only faster:

- ``only_share``: a build renders only its share of the pages (the engine on every core);
- ``compiled_templates``: the theme's templates are compiled once and kept (Jinja's bytecode cache);
- ``theme_files_kept``: a dirty build does not list or copy the theme's static files again;
- ``compacted_pages``: HTML is written without the theme's indentation, and files over in place;
- ``data_folders_unlisted``: the file listing skips the data folders, which gongkai links into site/;
- ``anchors_read_fast``: raw-HTML anchor ids are read with regular expressions, not a second HTML parse;
- ``html_blocks_read_fast``: Markdown stashes raw HTML blocks without parsing well-formed insides (html_blocks);
- ``populated_when_built``: each page is read and rendered just before it is written, and let go after;
- ``json_as_text``: the theme's JSON (its ``__config`` on every page) keeps Chinese as UTF-8, not as \\u escapes;
- ``canonical_urls_joined``: a page's canonical URL is the site URL and its path joined as text where
  ``urljoin`` could only give that (most of MkDocs' set-up of 3,000 pages in each engine process).
"""
from __future__ import annotations

import ctypes
import html
import os
import re
import zlib
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from .compact_html import compact_file
from .html_blocks import extract_fast
from .overwrite import overwrite

SEARCH_DATA = "search/data"
# Folders of data files that no page is made from, thousands each (the search index, each report's
# compare data and saved page): the engine never lists them (mkdocs.yml exclude_docs), and
# build.link_folder puts them into site/ as hard links. Listed, checked for changes and copied
# by the engine, they were most of its set-up in every process of every publish.
LINKED_FOLDERS = (SEARCH_DATA, "compare/data", "sources")


@contextmanager
def patched_engine(docs_dir: str, dirty: bool, share: tuple[int, int] | None = None) -> Iterator[None]:
    """Every patch below for one build; ``share`` (part, parts) for one engine process of several."""
    with ExitStack() as stack:
        if share is not None:
            stack.enter_context(only_share(*share, dirty))
        if dirty:
            stack.enter_context(theme_files_kept())
        stack.enter_context(compacted_pages())
        stack.enter_context(data_folders_unlisted(docs_dir))
        stack.enter_context(anchors_read_fast())
        stack.enter_context(html_blocks_read_fast())
        stack.enter_context(json_as_text())
        stack.enter_context(populated_when_built())
        stack.enter_context(canonical_urls_joined())
        yield


@contextmanager
def replaced(owner: Any, name: str, value: Any) -> Iterator[None]:
    """``owner.name`` is ``value`` within the block, and what it was again after it."""
    old = getattr(owner, name)
    setattr(owner, name, value)
    try:
        yield
    finally:
        setattr(owner, name, old)


def _nothing(*args: Any, **kwargs: Any) -> None:
    return None


def share_of(path: str, parts: int) -> int:
    return zlib.crc32(path.encode("utf-8")) % parts


@contextmanager
def only_share(part: int, parts: int, dirty: bool) -> Iterator[None]:
    """Within the block, MkDocs renders and copies only the files of share ``part`` (that changed,
    when ``dirty``), and only share 0 writes the theme's own pages (404.html, sitemap.xml).

    This uses what a dirty build already is: MkDocs asks ``File.is_modified`` before it reads,
    renders or copies a file, so a dirty build that sees only its share as modified builds that
    share, with the whole site's navigation, and leaves everything else alone."""
    from mkdocs.commands import build as engine
    from mkdocs.structure.files import File

    changed = File.is_modified

    def is_modified(file: File) -> bool:
        return share_of(file.src_uri, parts) == part and (not dirty or changed(file))

    with ExitStack() as stack:
        stack.enter_context(replaced(File, "is_modified", is_modified))
        if part:
            stack.enter_context(replaced(engine, "_build_theme_template", _nothing))
            stack.enter_context(replaced(engine, "_build_extra_template", _nothing))
        yield


@contextmanager
def theme_files_kept() -> Iterator[None]:
    """Within the block, the engine does not gather the theme's static files. Only for a dirty build:
    one runs only after a build with the same theme version, overrides and configuration
    (build._engine_key), which wrote each of them, so each would be found unchanged. Listing
    the theme's 10,000 files and comparing 4,000 of them with site/ took about 0.15 s of every
    engine process of every publish."""
    from mkdocs.structure.files import Files

    with replaced(Files, "add_files_from_theme", _nothing):
        yield


TEMPLATES = "engine-templates"  # beside the state file


@contextmanager
def compiled_templates(folder: Path | None) -> Iterator[None]:
    """Within the block, the theme's templates are compiled once and kept in ``folder`` by Jinja's own
    bytecode cache (keyed by each template's source, written atomically): compiling Material's
    templates again was a tenth of a second of each engine process in every build."""
    if folder is None:
        yield
        return
    import jinja2
    from mkdocs.theme import Theme

    get_env = Theme.get_env
    folder.mkdir(parents=True, exist_ok=True)

    def get_cached_env(theme: Theme) -> jinja2.Environment:
        env = get_env(theme)
        env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))
        return env

    with replaced(Theme, "get_env", get_cached_env):
        yield


@contextmanager
def populated_when_built() -> Iterator[None]:
    """Within the block, MkDocs renders each page's Markdown just before it writes the page, and lets
    go of the page's Markdown and HTML once written.

    MkDocs renders every page first and writes them after, so an engine process held the HTML of
    all its pages at once: 1.4 GB in each of two processes at 20,000 reports. What the first pass
    gives other pages is titles for the navigation, and ours are all named in mkdocs.yml; the anchor
    check after the writes needs only each page's links and ids, which are kept."""
    from mkdocs.commands import build as engine

    populate, build_page = engine._populate_page, engine._build_page
    waiting: dict[int, tuple[Any, Any, bool]] = {}  # id(page) → (page, files, dirty); the page held, so its id stays its own

    def later(page: Any, config: Any, files: Any, dirty: bool = False) -> None:
        waiting[id(page)] = (page, files, dirty)

    def populate_then_build(page: Any, config: Any, doc_files: Any, nav: Any, env: Any, dirty: bool = False,
                            excluded: bool = False) -> None:
        held = waiting.pop(id(page), None)
        if held is not None:
            populate(page, config, held[1], held[2])
        build_page(page, config, doc_files, nav, env, dirty, excluded=excluded)
        page.markdown = page.content = None  # written: nothing reads them again

    with replaced(engine, "_populate_page", later), replaced(engine, "_build_page", populate_then_build):
        yield


@contextmanager
def json_as_text() -> Iterator[None]:
    """Within the block, the theme's ``tojson`` writes non-ASCII characters as they are: its page
    configuration held the interface's Chinese strings as \\uXXXX, 1.3 KB on each of thousands of
    pages where 0.6 KB says the same. Jinja still escapes <, >, & and ' for a script element."""
    from mkdocs.theme import Theme

    get_env = Theme.get_env

    def get_text_env(theme: Theme) -> Any:
        env = get_env(theme)
        env.policies["json.dumps_kwargs"] = {**env.policies.get("json.dumps_kwargs", {}), "ensure_ascii": False}
        return env

    with replaced(Theme, "get_env", get_text_env):
        yield


@contextmanager
def compacted_pages() -> Iterator[None]:
    """Within the block, every HTML file the engine writes loses its indentation (compact_html), and
    every file it writes is written over in place (overwrite.py)."""
    from mkdocs import utils

    def write_compact(content: bytes, output_path: str) -> None:
        os.makedirs(os.path.dirname(output_path), exist_ok=True)
        overwrite(output_path, compact_file(content) if output_path.endswith(".html") else content)

    with replaced(utils, "write_file", write_compact):
        yield


class OsWithoutLinkedFolders:
    """``os`` as MkDocs' file listing sees it: its walk does not enter the LINKED_FOLDERS of docs/.
    The engine excludes them (mkdocs.yml exclude_docs) but made an object of each file first."""

    def __init__(self, docs_dir: str) -> None:
        self._skipped: dict[str, set[str]] = {}  # parent folder → the names to skip in it
        for rel in LINKED_FOLDERS:
            parent = os.path.normpath(os.path.join(docs_dir, os.path.dirname(rel)))
            self._skipped.setdefault(parent, set()).add(os.path.basename(rel))

    def __getattr__(self, name: str) -> Any:
        return getattr(os, name)

    def walk(self, top: str, *args: Any, **kwargs: Any) -> Iterator[tuple[str, list[str], list[str]]]:
        for folder, dirs, names in os.walk(top, *args, **kwargs):
            skipped = self._skipped.get(os.path.normpath(folder))
            if skipped:
                dirs[:] = [d for d in dirs if d not in skipped]
            yield folder, dirs, names


@contextmanager
def data_folders_unlisted(docs_dir: str) -> Iterator[None]:
    from mkdocs.structure import files

    with replaced(files, "os", OsWithoutLinkedFolders(docs_dir)):
        yield


_START_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)(\s[^<>]*)>")
_ATTRIBUTE = re.compile(r"""([^\s"'<>/=]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")


def anchor_ids(text: str) -> set[str]:
    """The ids a page's raw HTML declares (``id``, and ``name`` on ``a``), as MkDocs collects them
    for its anchor check, read with two regular expressions instead of an HTML parser: MkDocs
    parses each page's whole text for them, a second HTML parse of every page beside Markdown's."""
    found = set()
    for tag, attributes in _START_TAG.findall(text):
        for name, double, single, bare in _ATTRIBUTE.findall(attributes):
            name = name.lower()
            if name == "id" or (name == "name" and tag.lower() == "a"):
                found.add(html.unescape(double or single or bare))
    return found


@contextmanager
def anchors_read_fast() -> Iterator[None]:
    """Within the block, MkDocs' collector of raw-HTML anchor ids is ``anchor_ids``."""
    from mkdocs.structure import pages

    def collect(self: Any, lines: list[str]) -> list[str]:
        self.present_anchor_ids = anchor_ids("\n".join(lines))
        return lines

    with replaced(pages._RawHTMLPreprocessor, "run", collect):
        yield


@contextmanager
def html_blocks_read_fast() -> Iterator[None]:
    """Within the block, Markdown's raw-HTML block extraction goes through ``extract_fast``."""
    from markdown.preprocessors import HtmlBlockPreprocessor

    original = HtmlBlockPreprocessor.run
    with replaced(HtmlBlockPreprocessor, "run", lambda self, lines: extract_fast(self, lines, original)):
        yield


# Path segments that are neither "." nor ".." and hold no ":", "?", "#", whitespace or control character.
_SEGMENT = r"[^/:?#.\s\x00-\x1f][^/:?#\s\x00-\x1f]*"
_PLAIN_PATH = re.compile(rf"(?:{_SEGMENT}/)*(?:{_SEGMENT})?")


@lru_cache(maxsize=8)
def _joins_as_text(base: str) -> bool:
    """Whether ``urljoin`` keeps ``base`` as it is and appends a plain relative path to it."""
    return base.endswith("/") and "?" not in base and "#" not in base and urljoin(base, "x") == base + "x"


@lru_cache(maxsize=8)
def _path_of(base: str) -> str:
    return urlsplit(base).path


def joined_url(base: str, path: str) -> str | None:
    """``urljoin(base, path)`` where it is plain concatenation (a plain relative ``path`` onto a base
    that ``urljoin`` leaves as it is); None otherwise, for the caller to join the slow way."""
    return base + path if _joins_as_text(base) and _PLAIN_PATH.fullmatch(path) else None


@contextmanager
def canonical_urls_joined() -> Iterator[None]:
    """Within the block, pages get their canonical URL from ``joined_url`` when it applies: MkDocs
    calls ``urljoin`` and ``urlsplit`` for every page of the site in every engine process, a fifth of
    its set-up at 3,000 pages. The URLs are the same (tests/test_publish.py)."""
    from mkdocs.structure.pages import Page

    slow = Page._set_canonical_url

    def set_canonical_url(page: Any, base: str | None) -> None:
        if base:
            base = base if base.endswith("/") else base + "/"
            url = joined_url(base, page.url)
            if url is not None:
                page.canonical_url, page.abs_url = url, _path_of(base) + page.url
                return
        slow(page, base)

    with replaced(Page, "_set_canonical_url", set_canonical_url):
        yield


def release_freed_memory() -> None:
    """glibc's malloc_trim: freed heap pages are handed back instead of kept for later (elsewhere, nothing)."""
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


SEARCH_DATA = "search/data"  # excluded from the engine (mkdocs.yml exclude_docs): thousands of small files
