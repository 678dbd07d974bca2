"""A per-page cache keyed by the page's content hash and the pipeline version.

Cleaning and annotating a page depends only on its bytes, the package's code and
data, and the topic vocabulary; so a page whose key is unchanged is not cleaned
again. The version is a hash of all of those, so any code change invalidates the
cache without anyone having to remember to bump a number.
"""
from __future__ import annotations

import gc
import hashlib
import pickle
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

_PACKAGE = Path(__file__).resolve().parent


@lru_cache(maxsize=None)
def pipeline_version(topics_text: str) -> str:
    digest = hashlib.sha256(topics_text.encode("utf-8"))
    for path in sorted(_PACKAGE.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".yml", ".txt") and "__pycache__" not in path.parts:
            if "site" in path.relative_to(_PACKAGE).parts or "bench" in path.relative_to(_PACKAGE).parts:
                continue  # page generation and benchmarks do not change cleaned reports
            digest.update(path.relative_to(_PACKAGE).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cycle collector while millions of long-lived objects are made at once.

    Unpickling a 10,000-report cache with it running took four times as long: every few
    hundred new containers it scanned all the others, which were never garbage."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_pickle(path: Path | None) -> Any | None:
    """A cache file's content, or None when it is missing or damaged (it is then rebuilt)."""
    if not path or not path.exists():
        return None
    try:
        with paused_gc():
            value = pickle.loads(path.read_bytes())
        gc.freeze()  # and keep the collector off it afterwards: it lives as long as the build
        return value
    except Exception:
        return None


def save_pickle(path: Path, value: Any) -> None:
    """Write a cache file whole or not at all."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with paused_gc():
        tmp.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    tmp.replace(path)


class PickleShards:
    """A dictionary with string keys, kept as a few pickle files by key hash, with a tag (a version).

    A run that changes a few entries of a 10,000-entry cache rewrites a few small files
    instead of one large one. A missing or damaged file, or one with another tag, loads
    as empty: its entries are then cache misses and are made again."""

    SHARDS = 16

    def __init__(self, folder: Path | None, name: str, tag: str = "") -> None:
        self.folder, self.name, self.tag = folder, name, tag

    def _file(self, shard: int) -> Path:
        assert self.folder is not None
        return self.folder / f"{self.name}-{shard:02d}.pickle"

    def shard(self, key: str) -> int:
        return zlib.crc32(key.encode("utf-8")) % self.SHARDS

    def exist(self) -> bool:
        return bool(self.folder) and any(self._file(shard).exists() for shard in range(self.SHARDS))

    def load(self) -> dict[str, Any]:
        merged: dict[str, Any] = {}
        if self.folder:
            for shard in range(self.SHARDS):
                saved = load_pickle(self._file(shard))
                if isinstance(saved, tuple) and len(saved) == 2 and saved[0] == self.tag:
                    merged.update(saved[1])
        return merged

    def save(self, data: dict[str, Any], changed: Iterable[str]) -> None:
        """Rewrite the files holding the ``changed`` keys (added, replaced or removed)."""
        if not self.folder:
            return
        dirty = {self.shard(k) for k in changed}
        parts: dict[int, dict[str, Any]] = {shard: {} for shard in dirty}
        for key, value in data.items():
            shard = self.shard(key)
            if shard in parts:
                parts[shard][key] = value
        for shard, part in parts.items():
            save_pickle(self._file(shard), (self.tag, part))


class PageCache:
    def __init__(self, folder: Path | None, version: str) -> None:
        self.folder = folder / version if folder else None
        if self.folder:
            self.folder.mkdir(parents=True, exist_ok=True)

    def _path(self, sha256: str) -> Path | None:
        return self.folder / f"{sha256}.pickle" if self.folder else None

    def get(self, sha256: str) -> Any | None:
        return load_pickle(self._path(sha256))

    def put(self, sha256: str, value: Any) -> None:
        path = self._path(sha256)
        if path:
            save_pickle(path, value)
