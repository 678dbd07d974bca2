"""The memory the whole build holds at once: the sum of PSS over this process and its children.

``ru_maxrss`` of a forked child counts every page it shares with its parent, so a child forked
from a 1.5 GB parent reports 1.5 GB before it allocates anything, and the largest single
process says nothing about what runs beside it. PSS (proportional set size) splits each
shared page among the processes that map it, so the sum over the process tree is what the
machine really spends. Linux only; elsewhere the sampler reports nothing.
"""
from __future__ import annotations

import os
import select
import subprocess
import sys
import time
from pathlib import Path

_PROC = Path("/proc")


def _children(pid: int) -> list[int]:
    found = []
    for task in (_PROC / str(pid) / "task").glob("*/children"):
        try:
            found += [int(c) for c in task.read_text().split()]
        except OSError:
            pass  # the thread ended while we looked
    return found


def _pss_kb(pid: int) -> int:
    try:
        for line in (_PROC / str(pid) / "smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass  # the process ended while we looked
    return 0


def tree_pss_kb(root: int) -> dict[int, int]:
    """PSS in KB of ``root`` and each of its descendants, by pid."""
    found, todo = {}, [root]
    while todo:
        pid = todo.pop()
        found[pid] = _pss_kb(pid)
        todo += _children(pid)
    return found


class PeakSampler:
    """Samples the PSS of this process's tree every ``interval`` seconds while in a ``with`` block.

    The sampling runs in a process of its own, not a thread: the build forks, and a thread of
    ours holding a lock at a fork could deadlock the child."""

    def __init__(self, interval: float = 1.0, trace: Path | None = None) -> None:
        self.interval, self.trace, self.peak_kb = interval, trace, 0
        self._sampler: subprocess.Popen | None = None

    @staticmethod
    def available() -> bool:
        return (_PROC / str(os.getpid()) / "smaps_rollup").exists()

    def __enter__(self) -> PeakSampler:
        if self.available():
            self._sampler = subprocess.Popen([sys.executable, "-m", __name__, str(os.getpid()), str(self.interval), str(self.trace or "")],
                                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._sampler is not None:
            out, _ = self._sampler.communicate("")  # its stdin closes: it prints the peak and ends
            self.peak_kb = int(out.strip() or 0)

    @property
    def peak_mb(self) -> float | None:
        return round(self.peak_kb / 1024, 1) if self._sampler is not None else None


def _sample(root: int, interval: float, trace: str) -> None:
    """Print the peak when stdin closes; with ``trace``, also write each sample (seconds, total MB, MB by pid)."""
    me, peak, started = os.getpid(), 0, time.monotonic()
    log = open(trace, "w") if trace else None  # noqa: SIM115 (open for the sampler's whole life)
    while not select.select([sys.stdin], [], [], interval)[0]:  # until stdin closes
        by_pid = tree_pss_kb(root)
        by_pid.pop(me, None)
        total = sum(by_pid.values())
        peak = max(peak, total)
        if log:
            parts = " ".join(f"{pid}:{kb // 1024}" for pid, kb in sorted(by_pid.items()))
            log.write(f"{time.monotonic() - started:.0f} {total // 1024} {parts}\n")
            log.flush()
    print(peak)


if __name__ == "__main__":
    _sample(int(sys.argv[1]), float(sys.argv[2]), sys.argv[3])
