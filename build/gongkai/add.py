"""`gongkai add`: put a raw page into seeds/ under a stable, content-derived name.

The name is the first 16 hex digits of the page's SHA-256, so adding the same
page twice is detected whatever it was called. A page fetched by URL records the
URL in seeds/urls.yml, which the pipeline uses as ``source.url``.
"""
from __future__ import annotations

import hashlib
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import GongkaiError
from .reading import SOURCE_SUFFIXES, decode

URLS_FILE = "urls.yml"
FETCH_TIMEOUT_S = 20
_USER_AGENT = "gongkai/0.1 (+corpus of open-government documents)"


@dataclass
class Added:
    path: Path
    duplicate_of: Path | None = None


def fetch_url(url: str, timeout: float = FETCH_TIMEOUT_S) -> bytes:
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
    path = seeds_dir / URLS_FILE
    return (yaml.safe_load(path.read_text("utf-8")) or {}) if path.exists() else {}


def add_page(source: str, seeds_dir: Path, fetch=fetch_url) -> Added:
    is_url = source.startswith(("http://", "https://"))
    if is_url:
        data = fetch(source)
    else:
        path = Path(source)
        if not path.is_file():
            raise GongkaiError(f"{source}: no such file")
        data = path.read_bytes()
    text, _ = decode(data, Path(source))  # refuses empty, binary and undecodable pages with a clear reason
    digest = hashlib.sha256(data).hexdigest()
    seeds_dir.mkdir(parents=True, exist_ok=True)
    for existing in sorted(seeds_dir.iterdir()):
        if existing.suffix.lower() in SOURCE_SUFFIXES and hashlib.sha256(existing.read_bytes()).hexdigest() == digest:
            return Added(existing, duplicate_of=existing)
    target = seeds_dir / f"{digest[:16]}{_suffix(source.split('?')[0], text)}"
    target.write_bytes(data)
    if is_url:
        urls = load_urls(seeds_dir)
        urls[target.name] = source
        (seeds_dir / URLS_FILE).write_text(yaml.safe_dump(urls, allow_unicode=True, sort_keys=True), "utf-8")
    return Added(target)
