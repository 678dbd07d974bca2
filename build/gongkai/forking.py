"""The one way the package uses more than one process: forked children of the running process.

A fork shares the parent's loaded state (the corpus, jieba's dictionary) without pickling
it, which is why every parallel step forks rather than spawns. Where fork is missing
(Windows, macOS defaults aside), everything runs in this process instead.
"""
from __future__ import annotations

import multiprocessing
import multiprocessing.pool
import threading
import traceback
from collections.abc import Callable
from typing import Any

from .errors import GongkaiError

_FORK = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None


def can_fork() -> bool:
    return _FORK is not None


def pool(size: int, initializer: Callable[..., None], initargs: tuple) -> multiprocessing.pool.Pool | None:
    """A pool of ``size`` forked workers, or None where processes cannot be forked."""
    return _FORK.Pool(size, initializer=initializer, initargs=initargs) if _FORK else None


class Forked:
    """``function(*args)`` run in a forked child; ``result()`` waits for its return value.

    Where fork is missing it runs at ``result()``, in this process. A child that fails is
    reported as one GongkaiError line (the last line of its traceback), never a hang.

    The return value is received by a thread of this process as soon as the child sends it, so
    the child exits then: a value larger than the pipe's buffer otherwise kept the child blocked
    in ``send``, holding its copy of the parent's heap, until the parent asked for it (the
    corpus.sqlite.gz child: 210 MB at 10,000 reports, through the search index's peak)."""

    def __init__(self, what: str, function: Callable[..., Any], *args: Any, daemon: bool = True) -> None:
        """``daemon``: the child is stopped when this process exits, and may start no processes of its own."""
        self.what, self.function, self.args = what, function, args
        self.process = None
        if _FORK is not None:
            self._result_in, result_out = _FORK.Pipe(duplex=False)

            def child() -> None:
                try:
                    result_out.send((function(*args), None))
                except BaseException as exc:  # reported in the parent, with the traceback's last line
                    result_out.send((None, traceback.format_exc()))
                    raise SystemExit(1) from exc

            self.process = _FORK.Process(target=child, daemon=daemon)
            self.process.start()
            result_out.close()  # so that a child that dies without a word gives EOFError
            self._received: list[tuple[Any, str | None]] = []
            # Blocked in recv, it holds no lock a later fork's child could need.
            self._receiver = threading.Thread(target=self._receive, name=f"receiving: {what}", daemon=True)
            self._receiver.start()

    def _receive(self) -> None:
        try:
            self._received.append(self._result_in.recv())
        except EOFError:
            pass  # the child died without a word: result() reports its exit code
        finally:
            self._result_in.close()

    def result(self) -> Any:
        if self.process is None:
            return self.function(*self.args)
        self._receiver.join()
        self.process.join()
        if not self._received:
            raise GongkaiError(f"{self.what} failed: the worker exited with code {self.process.exitcode}")
        value, error = self._received[0]
        if error:
            raise GongkaiError(f"{self.what} failed: " + error.strip().splitlines()[-1])
        return value


def channel() -> tuple[Any, Any]:
    """A one-way pipe (receiving end, sending end) to a Forked child started after it."""
    if _FORK is None:
        raise GongkaiError("no fork here: a channel has no child to talk to")
    return _FORK.Pipe(duplex=False)
