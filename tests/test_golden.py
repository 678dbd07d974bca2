"""Golden files: the Markdown and data that `gongkai site` generates for the seeds, kept under tests/golden/.

A change in the site's output shows up as a diff of these files in review. After an intended
change, refresh them with one command: `make golden`.
"""
from __future__ import annotations

import difflib
import os
import shutil
from pathlib import Path

import pytest

GOLDEN = Path(__file__).parent / "golden" / "docs"
# Text outputs worth reading in a diff; binary (corpus.sqlite) and search-index files are tested elsewhere.
SUFFIXES = (".md", ".csv", ".xml")


def _generated(docs: Path) -> dict[str, str]:
    from conftest import GENERATED_DOCS

    out = {}
    for path in sorted(docs.rglob("*")):
        rel = path.relative_to(docs).as_posix()
        if path.is_file() and path.suffix in SUFFIXES and rel.split("/")[0] in GENERATED_DOCS:
            out[rel] = path.read_text("utf-8")
    return out


def test_generated_docs_match_the_golden_files(built_site):
    produced = _generated(built_site["docs"])
    if os.environ.get("GONGKAI_REFRESH_GOLDEN"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for rel, text in produced.items():
            (GOLDEN / rel).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / rel).write_text(text, "utf-8")
        pytest.skip(f"refreshed {len(produced)} golden files")
    expected = {p.relative_to(GOLDEN).as_posix(): p.read_text("utf-8") for p in sorted(GOLDEN.rglob("*")) if p.is_file()}
    assert sorted(produced) == sorted(expected), "pages added or gone: run `make golden` if intended"
    for rel in expected:
        if produced[rel] != expected[rel]:
            diff = "".join(list(difflib.unified_diff(expected[rel].splitlines(True), produced[rel].splitlines(True),
                                                     f"golden/{rel}", f"generated/{rel}"))[:40])
            pytest.fail(f"{rel} differs from its golden file (run `make golden` if intended):\n{diff}")
