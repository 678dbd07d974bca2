"""Read a raw page from disk: bytes → text, whatever the encoding.

Government sites serve UTF-8 (with or without BOM), GB2312/GBK/GB18030 and Big5.
We try strict UTF-8 first because it is by far the most common and a false
positive is practically impossible; anything else goes to charset-normalizer,
which is far better at telling GBK from Big5 than a hand-written heuristic.
"""
from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import SourceError
from ..names import display

SOURCE_SUFFIXES = (".txt", ".html", ".htm")
# Encodings we accept from charset-normalizer; others mean "this is not a Chinese page".
_ACCEPTED = ("utf_8", "gb18030", "gbk", "gb2312", "big5", "big5hkscs", "cp950", "hz", "ascii")
_MIN_CHARS = 20
_WORD_CHAR = re.compile(r"[^\W_]")


@dataclass(frozen=True)
class RawPage:
    path: Path
    text: str
    is_html: bool
    sha256: str
    encoding: str


def _looks_like_html(text: str, path: Path) -> bool:
    if path.suffix.lower() in (".html", ".htm"):
        return True
    head = text[:2000].lower()
    return "<html" in head or "<body" in head or "<!doctype html" in head


def decode(data: bytes, path: Path) -> tuple[str, str]:
    """Return (text, encoding name) or raise SourceError with a reason."""
    if not data.strip():
        raise SourceError(path, "file is empty; delete it or replace it with the saved page")
    if b"\x00" in data[:4096]:
        raise SourceError(path, "file is binary (NUL bytes), not a saved web page")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf_8_sig"
    try:
        return data.decode("utf-8"), "utf_8"
    except UnicodeDecodeError as exc:
        # A page cut in the middle of a multi-byte character is still UTF-8.
        if exc.start >= len(data) - 3:
            return data[: exc.start].decode("utf-8"), "utf_8"
    from charset_normalizer import from_bytes  # only for pages that are not UTF-8: a tenth of a second to import

    best = from_bytes(data, cp_isolation=list(_ACCEPTED)).best()
    if best is None or best.encoding not in _ACCEPTED:
        raise SourceError(path, "cannot tell the text encoding (not UTF-8, GB18030 or Big5); re-save the page as UTF-8")
    return str(best), best.encoding


def read_page(path: Path) -> RawPage:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(path, f"cannot read file: {exc.strerror}") from exc
    text, encoding = decode(data, path)
    if len(_WORD_CHAR.findall(text, 0, 20000)) < _MIN_CHARS:
        raise SourceError(path, "file holds almost no text; is the page truncated?")
    return RawPage(path, text, _looks_like_html(text, path), hashlib.sha256(data).hexdigest(), encoding)


def _inside(path: Path, folder: Path) -> bool:
    """Whether ``path`` resolves inside ``folder``. Without a link on the way from ``folder`` down to
    ``path`` it does, which a link test of each step shows without resolving the whole path
    (resolving every seed's absolute path was a quarter of a one-report publish's corpus stage)."""
    try:
        steps = path.relative_to(folder).parts
    except ValueError:
        steps = ()
    else:
        step = folder
        for part in steps:
            step = step / part
            if part in ("..", "") or step.is_symlink():
                break
        else:
            return bool(steps)
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a symlink loop
        return False


def collect_sources(paths: list[Path], refused: list[SourceError] | None = None) -> list[Path]:
    """Expand folders into their .txt/.html/.htm files, sorted for determinism.

    A file that resolves outside the folder it was found in (``seeds/x.txt -> /etc/passwd``,
    ``-> ../.git/config``) is never read: publishing it would leak what it points to. It is
    left out, and added to ``refused`` when given. A file named on its own may link inside
    its own folder only."""
    found: set[Path] = set()
    for path in paths:
        if path.is_dir():
            candidates = [(p, path) for p in path.rglob("*") if p.suffix.lower() in SOURCE_SUFFIXES]
        elif path.exists() or path.is_symlink():
            candidates = [(path, path.parent)]
        else:
            raise FileNotFoundError(str(path))
        for candidate, folder in candidates:
            if not _inside(candidate, folder):
                if refused is not None:
                    refused.append(SourceError(candidate, f"is a link to {display(os.path.realpath(candidate))}, "
                                               f"outside {display(folder)}/; refused (copy the page in instead)"))
                continue
            if candidate.is_file():
                found.add(candidate)
    return sorted(found)
