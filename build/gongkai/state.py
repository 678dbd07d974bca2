"""The one store of what earlier runs made, so that adding one page costs about one page.

Everything in it is a cache: delete ``.cache/gongkai/state.sqlite`` and the next run makes the
same corpus and site again, only slower. It is one SQLite file of (space, key) → pickled value.

One staleness rule for every space:
- a key is the hash of a stage's declared inputs plus the code hash of the stage's import
  closure (the package modules it imports, transitively, and the data files they name), so
  editing ``cli.py`` re-cleans nothing, while editing ``corpus_file.py`` invalidates the site;
- outputs written from the state are checked against the content hash recorded with them
  (a hand-edited corpus file is rewritten);
- every run commits in one transaction, so an interrupted run leaves the last good state;
- damaged state (not a database, a truncated file, a value that no longer unpickles) gives
  one warning line and a rebuild, never a traceback.
"""
from __future__ import annotations

import gc
import hashlib
import os
import pickle
import re
import sqlite3
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

PACKAGE = Path(__file__).resolve().parent
DEFAULT_DIR = Path(".cache/gongkai")
FILE_NAME = "state.sqlite"


def default_dir() -> Path:
    """Where the state lives: GONGKAI_CACHE_DIR when set (the tests use a scratch folder), else .cache/gongkai."""
    return Path(os.environ.get("GONGKAI_CACHE_DIR") or DEFAULT_DIR)


def warn(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr)


# --- the code hash of a stage ----------------------------------------------------------------

def _module_file(name: str) -> Path | None:
    parts = name.split(".")[1:]
    base = PACKAGE.joinpath(*parts) if parts else PACKAGE
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


# Import statements, found in the source text instead of a parsed tree (ast.parse of the package was
# a third of a second of every run, most of publishing one report's fixed cost). A match inside a
# string only adds a module to a closure, so the hash errs towards rebuilding, never towards reuse.
_FROM_IMPORT = re.compile(r"^[ \t]*from[ \t]+(\.*)([\w.]*)[ \t]+import[ \t]+(\([^)]*\)|[^\n#;]*)", re.M)
_IMPORT = re.compile(r"^[ \t]*import[ \t]+([\w. \t,]+)", re.M)
_NAME = re.compile(r"[\w.]+(?:[ \t]+as[ \t]+\w+)?")


@cache
def _scan(path: Path) -> tuple[tuple[tuple[int, str, tuple[str, ...]], ...], str]:
    """One module's imports, as (level, module, names), and its text: read once a process."""
    text = path.read_text("utf-8")
    imports = [(len(dots), module, tuple(n.split()[0] for n in _NAME.findall(names)))
               for dots, module, names in _FROM_IMPORT.findall(text)]
    imports += [(0, n.split()[0], ()) for line in _IMPORT.findall(text) for n in _NAME.findall(line)]
    return tuple(imports), text


def _imports(name: str, path: Path) -> Iterator[str]:
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    for level, module, names in _scan(path)[0]:
        if level:
            base = package.split(".")[: len(package.split(".")) - level + 1]
            source = ".".join(base + ([module] if module else []))
        else:
            source = module
        if source.startswith("gongkai"):
            yield source
            yield from (f"{source}.{n}" for n in names)  # `from . import module`


@cache
def closure(module: str) -> tuple[dict[str, Path], frozenset[str]]:
    """The package modules ``module`` imports, transitively (name → file), and the data files they name."""
    data_files = {p.name for p in (PACKAGE / "data").iterdir() if p.is_file()}
    seen: dict[str, Path] = {}
    todo = [module]
    named_data: set[str] = set()
    while todo:
        name = todo.pop()
        path = _module_file(name)
        if name in seen or path is None:
            continue
        seen[name] = path
        todo.extend(_imports(name, path))
        text = _scan(path)[1]
        named_data |= {name for name in data_files if name in text}
    return seen, frozenset(named_data)


@cache
def code_hash(module: str) -> str:
    """A hash of ``module``'s import closure within the package and of the data files it names."""
    modules, data = closure(module)
    digest = hashlib.sha256()
    for name in sorted(modules):
        digest.update(name.encode() + b"\0" + modules[name].read_bytes() + b"\0")
    for name in sorted(data):
        digest.update(name.encode() + b"\0" + (PACKAGE / "data" / name).read_bytes() + b"\0")
    return digest.hexdigest()[:16]


class Stage:
    """A stage of the pipeline, named by the module whose import closure is its code."""

    def __init__(self, module: str) -> None:
        self.module = module

    def key(self, *inputs: object) -> str:
        """The one kind of key: the stage's code hash and its declared inputs."""
        return hashlib.sha256(repr((code_hash(self.module), inputs)).encode("utf-8")).hexdigest()[:32]


CLEAN = Stage("gongkai.corpus.page")  # one raw page → one cleaned, annotated report
WRITE = Stage("gongkai.corpus.pipeline")  # reports → corpus files
SITE = Stage("gongkai.site.generate")  # corpus files → docs/


# --- the store --------------------------------------------------------------------------------

@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cycle collector while many long-lived objects are made at once: unpickling a
    10,000-report state with it running took four times as long. What exists at the end is then
    frozen out of the collector (gc.freeze): those objects live for the run, and each of its full
    passes walked all of them again (a tenth of publishing one report at 2,000 reports)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


# Keys are stored as bytes: a file name that is not UTF-8 (kept by Python as surrogates) is a key too.
_SCHEMA = "CREATE TABLE IF NOT EXISTS entries (space TEXT, key BLOB, value BLOB, PRIMARY KEY (space, key)) WITHOUT ROWID"


def _k(key: str) -> bytes:
    return key.encode("utf-8", "surrogateescape")


def _unk(key: bytes) -> str:
    return key.decode("utf-8", "surrogateescape")


class State:
    """(space, key) → value. ``folder=None`` keeps it in memory for one run (``--no-cache``)."""

    def __init__(self, folder: Path | None) -> None:
        self.path = folder / FILE_NAME if folder else None
        self._pid = -1
        self._db: sqlite3.Connection | None = None
        self._warned = False

    @property
    def db(self) -> sqlite3.Connection:
        if self._db is None or self._pid != os.getpid():  # a forked child opens its own connection
            self._db = self._open()
            self._pid = os.getpid()
        return self._db

    def _open(self) -> sqlite3.Connection:
        if self.path is None:
            db = sqlite3.connect(":memory:")
            db.execute(_SCHEMA)
            return db
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            return self._connect(self.path)
        except sqlite3.DatabaseError as exc:
            self._damaged(exc)
            for suffix in ("", "-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            return self._connect(self.path)

    @staticmethod
    def _connect(path: Path) -> sqlite3.Connection:
        db = sqlite3.connect(path, timeout=60, isolation_level="DEFERRED")
        db.execute("PRAGMA journal_mode=WAL")  # readers in forked children do not block the writer
        # No fsync: it is a cache, and a damaged one is one warning and a rebuild. With fsync each
        # commit cost over a second on this machine's disk, a third of publishing one report.
        db.execute("PRAGMA synchronous=OFF")
        db.execute(_SCHEMA)
        db.execute("SELECT count(*) FROM entries WHERE space = ''").fetchone()  # fails here if damaged
        return db

    def _damaged(self, exc: Exception) -> None:
        if not self._warned:
            warn(f"{self.path}: the saved state was damaged ({exc}); rebuilding it")
            self._warned = True

    def _load(self, blob: bytes) -> Any | None:
        try:
            return pickle.loads(blob)
        except Exception as exc:  # noqa: BLE001 - a value from another Python or a torn write: a miss
            self._damaged(exc)
            return None

    def get(self, space: str, key: str) -> Any | None:
        row = self.db.execute("SELECT value FROM entries WHERE space = ? AND key = ?", (space, _k(key))).fetchone()
        return self._load(row[0]) if row else None

    def items(self, space: str, prefix: str = "") -> dict[str, Any]:
        """Every entry of ``space`` (whose key starts with ``prefix``)."""
        low = _k(prefix)
        with paused_gc():
            rows = self.db.execute("SELECT key, value FROM entries WHERE space = ? AND key >= ? AND key < ?",
                                   (space, low, low + b"\xff")).fetchall()
            out = {_unk(key): self._load(blob) for key, blob in rows}
        return {k: v for k, v in out.items() if v is not None}

    def has(self, space: str) -> bool:
        return self.db.execute("SELECT 1 FROM entries WHERE space = ? LIMIT 1", (space,)).fetchone() is not None

    def keys(self, space: str) -> set[str]:
        return {_unk(k) for (k,) in self.db.execute("SELECT key FROM entries WHERE space = ?", (space,))}

    def put(self, space: str, key: str, value: Any) -> None:
        self.put_many(space, [(key, value)])

    def put_many(self, space: str, pairs: Iterable[tuple[str, Any]]) -> None:
        rows = ((space, _k(k), pickle.dumps(v, protocol=pickle.HIGHEST_PROTOCOL)) for k, v in pairs)
        self.db.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?, ?)", rows)

    def delete(self, space: str, keys: Iterable[str]) -> None:
        self.db.executemany("DELETE FROM entries WHERE space = ? AND key = ?", ((space, _k(k)) for k in keys))

    def commit(self) -> None:
        """Make this run's changes durable, all at once."""
        try:
            self.db.commit()
        except sqlite3.DatabaseError as exc:
            self._damaged(exc)

    def close(self) -> None:
        if self._db is not None and self._pid == os.getpid():
            self.commit()
            self._db.close()
        self._db = None


class Scope:
    """The entries of one space that belong to one folder (a corpus, a docs folder, a site): two
    projects, or a corpus written with --out elsewhere, can share a state without mixing records."""

    def __init__(self, state: State, space: str, folder: Path | str) -> None:
        self.state, self.space = state, space
        self.prefix = f"{Path(folder).resolve()}/"

    def items(self) -> dict[str, Any]:
        cut = len(self.prefix)
        return {key[cut:]: value for key, value in self.state.items(self.space, self.prefix).items()}

    def get(self, key: str) -> Any | None:
        return self.state.get(self.space, self.prefix + key)

    def put(self, key: str, value: Any) -> None:
        self.state.put(self.space, self.prefix + key, value)

    def put_many(self, pairs: Iterable[tuple[str, Any]]) -> None:
        self.state.put_many(self.space, ((self.prefix + k, v) for k, v in pairs))

    def delete(self, keys: Iterable[str]) -> None:
        self.state.delete(self.space, (self.prefix + k for k in keys))

    def save(self, old: dict[str, Any], new: dict[str, Any]) -> None:
        """Store ``new`` where it differs from ``old``, and forget what ``new`` no longer has."""
        self.put_many((k, v) for k, v in new.items() if old.get(k) != v)
        self.delete(old.keys() - new.keys())


class FileHashes:
    """SHA-256 of files, trusted from an earlier run while a file's size and mtime are unchanged
    (as git's index does), so an unchanged page is not read and hashed again."""

    SPACE = "file_sha256"

    def __init__(self, state: State) -> None:
        self.state = state
        self.old: dict[str, str] = state.items(self.SPACE)
        self.used: dict[str, str] = {}

    def sha256(self, path: Path) -> str:
        """Raises OSError when the file cannot be read."""
        stat = os.stat(path)
        key = f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}"
        sha = self.old.get(key)
        if not isinstance(sha, str):
            sha = hashlib.sha256(Path(path).read_bytes()).hexdigest()
        self.used[key] = sha
        return sha

    def save(self) -> None:
        self.state.put_many(self.SPACE, ((k, v) for k, v in self.used.items() if k not in self.old))
        self.state.delete(self.SPACE, self.old.keys() - self.used.keys())
