"""Clean pages on every core, with jieba's dictionary loaded once per worker process.

The workers start before the caller loads its caches, so that loading the dictionary
(about a second) overlaps with that work instead of following it. A run expected to
clean few pages starts one worker; it grows to one per core when many turn out new.
"""
from __future__ import annotations

import contextlib
import multiprocessing.pool
import os
import signal
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

from ..errors import SourceError
from ..forking import can_fork, pool
from .annotate import Topic, warm_up
from .page import CleanedReport, process_file

PAGE_SECONDS = 120  # a page that takes longer is pathological: it is skipped, not waited for
_MANY = 8  # pages: below this one worker cleans them
_WORKER: dict[str, object] = {}  # per-process state, set once by _init_worker


def _init_worker(topics: tuple[Topic, ...]) -> None:
    _WORKER["topics"] = topics
    warm_up(topics)


def _work(task: tuple[Path, str]) -> CleanedReport | SourceError:
    """Clean one page; ``task`` is its path and the SHA-256 the caller read ("" when it could not)."""
    path, _ = task
    try:
        with time_limit(PAGE_SECONDS):
            report = process_file(path, _WORKER["topics"]).compact()  # type: ignore[arg-type]
    except SourceError as exc:  # read_page names the file and the reason, an unreadable one included
        return exc
    except PageTimeout:
        return SourceError(path, f"took over {PAGE_SECONDS} s to clean; skipped (is it a real report page?)")
    except RecursionError:
        return SourceError(path, "is nested too deeply to parse; skipped (re-save the page's text as .txt)")
    except MemoryError:
        return SourceError(path, "needs too much memory to clean; skipped")
    except Exception as exc:  # noqa: BLE001 - one bad page must never stop the run; it is named and skipped
        return SourceError(path, f"could not be cleaned ({type(exc).__name__}: {str(exc)[:200]}); skipped, please report it")
    return report


class PageTimeout(Exception):
    """A page took longer than its time limit."""


@contextlib.contextmanager
def time_limit(seconds: int):
    """Raise PageTimeout in this thread after ``seconds`` (Unix main threads; elsewhere no limit)."""
    usable = hasattr(signal, "SIGALRM") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise PageTimeout()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class Cleaner:
    def __init__(self, topics: tuple[Topic, ...], jobs: int | None, expect_many: bool) -> None:
        self.args = (topics,)
        self.jobs = jobs or min(os.cpu_count() or 1, 4)
        self.pool: multiprocessing.pool.Pool | None = None
        self.size = 0
        if can_fork() and self.jobs > 1:
            self._start(self.jobs if expect_many else 1)

    def _start(self, size: int) -> None:
        self.pool = pool(size, _init_worker, self.args)
        self.size = size

    def clean(self, tasks: list[tuple[Path, str]], progress: Callable[[Path], None] | None = None
              ) -> dict[Path, CleanedReport | SourceError]:
        """Each (path, SHA-256 of its bytes) task's report, or why the page could not be read."""
        out: dict[Path, CleanedReport | SourceError] = {}
        if self.pool is not None and len(tasks) >= _MANY and self.size < self.jobs:
            self.pool.terminate()
            self._start(self.jobs)
        results: Iterator[CleanedReport | SourceError]
        if self.pool is not None and tasks:
            results = self.pool.imap(_work, tasks, chunksize=8)
        else:
            _init_worker(*self.args)
            results = map(_work, tasks)
        for (path, _), outcome in zip(tasks, results, strict=True):
            out[path] = outcome
            if progress:
                progress(path)
        return out

    def close(self) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool = None
