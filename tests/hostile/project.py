"""Scratch project folders and the real CLI: `gongkai corpus` then `gongkai site`, as an editor runs them."""
from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from .cases import Case

ROOT = Path(__file__).resolve().parents[2]
SITE_URL = "http://127.0.0.1/"


def gongkai_command() -> list[str]:
    """The installed console script of the venv the tests run in (or python -m gongkai.cli)."""
    script = Path(sys.executable).parent / "gongkai"
    if not script.exists():
        script = ROOT / ".venv" / "bin" / "gongkai"
    return [str(script)] if script.exists() else [sys.executable, "-m", "gongkai.cli"]


@dataclass
class Step:
    argv: list[str]
    returncode: int | None   # None: killed after the timeout
    stdout: str
    stderr: str
    seconds: float

    @property
    def timed_out(self) -> bool:
        return self.returncode is None

    def describe(self) -> str:
        status = "timed out" if self.timed_out else f"exit {self.returncode}"
        tail = "\n".join(self.stderr.strip().splitlines()[-15:])
        return f"`{' '.join(self.argv)}`: {status} after {self.seconds:.1f} s; stderr ends:\n{tail}"


def run_cli(work: Path, args: list[str], timeout: float) -> Step:
    """One CLI command with cwd in the scratch folder (so .cache/ lands there). On timeout the whole
    process group (the command and its worker processes) is killed."""
    argv = gongkai_command() + args
    started = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=work, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)
    try:
        out, err = proc.communicate(timeout=timeout)
        code: int | None = proc.returncode
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        code = None
    return Step(["gongkai", *args], code, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"),
                time.perf_counter() - started)


def scaffold(work: Path, ignore_generated: Callable, ordinary_seeds: bool = True) -> None:
    """A project folder: mkdocs.yml, overrides/, the hand-written docs, corpus/topics.yml and (a copy of) seeds/."""
    work.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", work / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", work / "overrides")
    shutil.copytree(ROOT / "docs", work / "docs", ignore=ignore_generated)
    (work / "corpus").mkdir()
    shutil.copy(ROOT / "corpus" / "topics.yml", work / "corpus" / "topics.yml")
    (work / "seeds").mkdir()
    if ordinary_seeds:
        for path in sorted((ROOT / "seeds").iterdir()):
            if path.is_file():
                shutil.copy(path, work / "seeds" / path.name)


@dataclass
class Run:
    """One scratch project, its cases and the CLI steps run in it."""
    name: str
    work: Path
    cases: list[Case]
    steps: list[Step] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)   # set-up facts, e.g. a name the filesystem refused
    hashes: dict[str, str] = field(default_factory=dict)       # site/ right after the (clean) build
    warm_steps: list[Step] = field(default_factory=list)       # a second corpus + site in the same folder
    warm_hashes: dict[str, str] = field(default_factory=dict)  # site/ after those
    before: list[str] = field(default_factory=list)            # corpus/*.md before a later step

    @property
    def site(self) -> Path:
        return self.work / "site"

    @property
    def corpus(self) -> Path:
        return self.work / "corpus"

    @property
    def stderr(self) -> str:
        return "\n".join(s.stderr for s in self.steps)

    @property
    def ok(self) -> bool:
        return bool(self.steps) and all(s.returncode == 0 for s in self.steps)

    def failure(self) -> str:
        return "\n".join(s.describe() for s in self.steps if s.returncode != 0) or "no step ran"

    def corpus_step(self, timeout: float = 600, src: Iterable[str] = ()) -> Step:
        step = run_cli(self.work, ["corpus", *src], timeout)
        self.steps.append(step)
        return step

    def site_step(self, timeout: float = 600) -> Step:
        step = run_cli(self.work, ["site", "--site-url", SITE_URL], timeout)
        self.steps.append(step)
        return step

    def build(self, corpus_timeout: float = 600) -> "Run":
        """`gongkai corpus` then, if it succeeded, `gongkai site`."""
        if self.corpus_step(corpus_timeout).returncode == 0:
            self.site_step()
        return self


def write_cases(seeds: Path, cases: Iterable[Case]) -> list[str]:
    """Write the cases' files; returns notes for files the filesystem refused (their cases are skipped)."""
    notes = []
    for case in cases:
        try:
            case.write(seeds)
        except (OSError, UnicodeError) as exc:
            notes.append(f"{case.id}: the filesystem refused the file name ({exc})")
    return notes


def tree_hashes(folder: Path) -> dict[str, str]:
    """Relative path → SHA-256 of every file under ``folder`` (symlinks are hashed as their target text)."""
    out = {}
    for path in sorted(folder.rglob("*")):
        rel = os.fsencode(path.relative_to(folder)).decode("utf-8", "backslashreplace")
        if path.is_symlink():
            out[rel] = "symlink:" + os.readlink(path)
        elif path.is_file():
            out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def tree_diff(a: dict[str, str], b: dict[str, str], limit: int = 40) -> list[str]:
    only_a = sorted(set(a) - set(b))
    only_b = sorted(set(b) - set(a))
    changed = sorted(k for k in set(a) & set(b) if a[k] != b[k])
    lines = [f"only in first: {p}" for p in only_a] + [f"only in second: {p}" for p in only_b] + \
            [f"differs: {p}" for p in changed]
    return lines[:limit] + ([f"... and {len(lines) - limit} more"] if len(lines) > limit else [])
