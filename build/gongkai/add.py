"""`gongkai add`: put raw pages into seeds/ under stable, content-derived names.

A page is named by the first 16 hex digits of its SHA-256, so adding the same page twice is
detected whatever it was called. Sources: files, folders of saved pages, URLs, and WARC
files from crawlers (warcio reads them; only text/html responses are kept, each with its
URL and the date it was fetched). The URL of a page is recorded in seeds/urls.yml, which
the pipeline uses as ``source.url``; the fetch date goes to seeds/saved.yml (a URL fetched here
is saved today), and the date the page was added, which the feed shows as the date it entered
the corpus, to seeds/added.yml (``source.added``).
"""
from __future__ import annotations

import datetime
import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .corpus.reading import SOURCE_SUFFIXES, collect_sources, decode
from .errors import GongkaiError, SourceError

URLS_FILE = "urls.yml"
SAVED_FILE = "saved.yml"
ADDED_FILE = "added.yml"
FETCH_TIMEOUT_S = 20
_USER_AGENT = "gongkai/0.1 (+corpus of open-government documents)"
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")


@dataclass
class Added:
    path: Path
    duplicate_of: Path | None = None


@dataclass
class Page:
    """One page to add: its bytes, a name to guess its kind from, and where it came from."""
    data: bytes
    name: str
    url: str | None = None
    saved: str | None = None


@dataclass
class Batch:
    added: list[Added] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)  # reason → count
    problems: list[str] = field(default_factory=list)  # one line each, naming the page


def fetch_url(url: str, timeout: float = FETCH_TIMEOUT_S) -> bytes:
    import urllib.error  # here: the corpus stage imports this module for seeds/added.yml, never to fetch
    import urllib.request

    request = urllib.request.Request(url, headers={"User-Agent": _USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.read()
    except (urllib.error.URLError, TimeoutError, ValueError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise GongkaiError(f"{url}: could not fetch the page ({reason}); save it from a browser and add the file instead") from exc


def _suffix(name: str, text: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix in SOURCE_SUFFIXES:
        return ".html" if suffix == ".htm" else suffix
    return ".html" if "<html" in text[:2000].lower() or "<body" in text[:2000].lower() else ".txt"


def load_urls(seeds_dir: Path) -> dict[str, str]:
    return _load(seeds_dir / URLS_FILE)


def load_saved(seeds_dir: Path) -> dict[str, str]:
    """Page file name → the date a crawler fetched it (from a WARC record)."""
    return {k: str(v) for k, v in _load(seeds_dir / SAVED_FILE).items()}


def load_added(seeds_dir: Path) -> dict[str, str]:
    """Page file name → the date ``gongkai add`` put it into seeds/ (it entered the corpus)."""
    return {k: str(v) for k, v in _load(seeds_dir / ADDED_FILE).items()}


def _today() -> str:
    return datetime.date.today().isoformat()


def _load(path: Path) -> dict[str, str]:
    try:
        data = yaml.safe_load(path.read_text("utf-8")) if path.exists() else {}
    except yaml.YAMLError as exc:
        raise GongkaiError(f"{path}: not valid YAML ({exc}); fix it or delete it") from None
    return data if isinstance(data, dict) else {}


class Seeds:
    """The seeds folder: which pages it holds (by content), and the URL and date records."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._digests: dict[str, Path] | None = None
        self.urls = load_urls(folder)
        self.saved = _load(folder / SAVED_FILE)
        self.added = _load(folder / ADDED_FILE)

    def _known(self) -> dict[str, Path]:
        if self._digests is None:  # hashed once per batch, not once per added page
            self._digests = {}
            if self.folder.is_dir():
                for existing in sorted(self.folder.iterdir()):
                    if existing.suffix.lower() in SOURCE_SUFFIXES and existing.is_file():
                        self._digests.setdefault(hashlib.sha256(existing.read_bytes()).hexdigest(), existing)
        return self._digests

    def add(self, page: Page) -> Added:
        text, _ = decode(page.data, Path(page.name))  # refuses empty, binary and undecodable pages
        digest = hashlib.sha256(page.data).hexdigest()
        if digest in self._known():
            return Added(self._known()[digest], duplicate_of=self._known()[digest])
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self.folder / f"{digest[:16]}{_suffix(page.name.split('?')[0], text)}"
        target.write_bytes(page.data)
        self._known()[digest] = target
        if page.url:
            self.urls[target.name] = page.url
        if page.saved:
            self.saved[target.name] = page.saved
        self.added.setdefault(target.name, _today())  # recorded once, when the page arrives: never at build time
        return Added(target)

    def save(self) -> None:
        for name, records in ((URLS_FILE, self.urls), (SAVED_FILE, self.saved), (ADDED_FILE, self.added)):
            if records:
                (self.folder / name).write_text(yaml.safe_dump(records, allow_unicode=True, sort_keys=True), "utf-8")


def warc_pages(path: Path, skipped: dict[str, int]) -> Iterator[Page]:
    """The text/html responses of a WARC file, with their URLs and fetch dates."""
    from warcio.archiveiterator import ArchiveIterator

    with path.open("rb") as stream:
        for record in ArchiveIterator(stream):
            if record.rec_type != "response":
                skipped[f"{record.rec_type} records"] = skipped.get(f"{record.rec_type} records", 0) + 1
                continue
            kind = (record.http_headers.get_header("Content-Type") if record.http_headers else "") or ""
            if "html" not in kind.lower() and "text/plain" not in kind.lower():
                skipped["responses that are not pages"] = skipped.get("responses that are not pages", 0) + 1
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            date = (record.rec_headers.get_header("WARC-Date") or "")[:10] or None
            yield Page(record.content_stream().read(), url or path.name, url, date)


def add_sources(sources: list[str], seeds_dir: Path, fetch: Callable[[str], bytes] = fetch_url,
                progress: Callable[[int, str], None] | None = None) -> Batch:
    """Add every page of the given files, folders, URLs and WARC files; one bad page never stops the rest."""
    seeds = Seeds(seeds_dir)
    batch = Batch()
    for page in _pages(sources, fetch, batch):
        try:
            outcome = seeds.add(page)
        except SourceError as exc:
            batch.problems.append(f"{page.url or page.name}: {exc.reason}")
            continue
        batch.added.append(outcome)
        if progress:
            progress(len(batch.added), page.url or page.name)
    seeds.save()
    return batch


def _pages(sources: list[str], fetch: Callable[[str], bytes], batch: Batch) -> Iterator[Page]:
    for source in sources:
        if source.startswith(("http://", "https://")):
            yield Page(fetch(source), source, source, _today())  # fetched now: that is when it was saved
            continue
        path = Path(source)
        if path.name.lower().endswith(WARC_SUFFIXES):
            yield from warc_pages(path, batch.skipped)
        elif path.is_dir():
            refused: list[SourceError] = []
            for found in collect_sources([path], refused):
                yield Page(found.read_bytes(), found.name)
            batch.problems += [str(r) for r in refused]
        elif path.is_file():
            yield Page(path.read_bytes(), path.name)
        else:
            raise GongkaiError(f"{source}: no such file")


def add_page(source: str, seeds_dir: Path, fetch: Callable[[str], bytes] = fetch_url) -> Added:
    """Add one file or URL (the single-page form of add_sources)."""
    batch = add_sources([source], seeds_dir, fetch)
    if batch.problems:
        raise GongkaiError(batch.problems[0])
    return batch.added[0]
