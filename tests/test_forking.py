"""forking.Forked: a child's return value, its failure, and its exit once it has returned."""
from __future__ import annotations

import os
import time

import pytest

from gongkai.errors import GongkaiError
from gongkai.forking import Forked, can_fork

pytestmark = pytest.mark.skipif(not can_fork(), reason="no fork on this platform")

_LARGE = 4 << 20  # far more than a pipe's buffer (64 KB on Linux)


def _large_value(size: int) -> bytes:
    return bytes(range(256)) * (size // 256)


def _exits_within(job: Forked, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not job.process.is_alive():  # type: ignore[union-attr]
            return True
        time.sleep(0.02)
    return False


def test_a_child_exits_when_it_returns_even_before_its_result_is_asked_for() -> None:
    # A child blocked sending a large value keeps its copy of the parent's heap: the
    # corpus.sqlite.gz child held 210 MB at 10,000 reports until the parent read it.
    job = Forked("sending a large value", _large_value, _LARGE)
    assert _exits_within(job, 60), "the child is still alive: its value was not received"
    assert job.result() == _large_value(_LARGE)


def _fails() -> None:
    raise ValueError("the page has no body")


def test_a_failing_child_is_one_line_naming_the_step() -> None:
    with pytest.raises(GongkaiError, match=r"^reading pages failed: ValueError: the page has no body$"):
        Forked("reading pages", _fails).result()


def test_a_child_that_dies_without_a_word_gives_its_exit_code() -> None:
    with pytest.raises(GongkaiError, match="exited with code 3"):
        Forked("writing files", os._exit, 3).result()


def test_two_children_at_once_each_give_their_own_value() -> None:
    first = Forked("first", _large_value, _LARGE)
    second = Forked("second", len, "公开")
    assert second.result() == 2
    assert first.result() == _large_value(_LARGE)
