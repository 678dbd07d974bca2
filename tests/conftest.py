"""Shared fixtures: the corpus built once from the seeds into a temporary folder."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from gongkai.corpus_file import body_of, parse, parse_paragraphs
from gongkai.corpus.pipeline import build_corpus
from gongkai.corpus.reading import collect_sources
from gongkai.site.scripts import BUNDLE

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def pytest_configure(config) -> None:
    """No test writes into the checkout's .cache/: every CLI run in a test keeps its state in a scratch folder."""
    import os
    import tempfile

    if "GONGKAI_CACHE_DIR" not in os.environ:
        os.environ["GONGKAI_CACHE_DIR"] = tempfile.mkdtemp(prefix="gongkai-test-state-")
TOPICS = ROOT / "corpus" / "topics.yml"


def squash(text: str) -> str:
    """NFKC with all whitespace removed: how expected sentences are compared."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).replace("**", "")


def _build_site(work: Path, sources: list[Path]) -> dict[str, Path]:
    """The whole chain in a scratch folder: corpus → docs → site. Returns the folders."""
    import shutil

    from gongkai.site.build import run_mkdocs
    from gongkai.site.generate import generate

    corpus = work / "corpus"
    build_corpus(collect_sources(sources), corpus, TOPICS, root=ROOT)
    shutil.copy(TOPICS, corpus / "topics.yml")
    docs = work / "docs"
    shutil.copytree(ROOT / "docs", docs, ignore=_ignore_generated)
    generate(corpus, docs, ROOT, "http://127.0.0.1/")
    run_mkdocs(ROOT / "mkdocs.yml", work / "site", "http://127.0.0.1/", docs_dir=docs)
    return {"corpus": corpus, "docs": docs, "site": work / "site"}


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The seeds, built into a site."""
    return _build_site(tmp_path_factory.mktemp("site"), [SEEDS])


@pytest.fixture(scope="session")
def compare_site(tmp_path_factory):
    """The seeds plus two more years of 江北区 (tests/fixtures/compare, with their added/saved/url records):
    a region with a series of three years and neighbours in the same year, for the compare page."""
    return _build_site(tmp_path_factory.mktemp("compare-site"), [SEEDS, ROOT / "tests" / "fixtures" / "compare"])


# Generated paths inside docs/ (as in .gitignore); tests copy only the hand-written rest.
GENERATED_DOCS = (".gongkai-generated.json", "index.md", "reports", "topics", "regions", "issuers", "years",
                  "types", "laws", "sources", "indicators", "sections", "coverage", "compare", "indicators.csv", "corpus.sqlite.gz",
                  "editors.md", "about.md", "corpus.jsonl.gz", "catalog.csv", "topics.csv", "feed.xml")


def _ignore_generated(folder: str, names: list[str]) -> list[str]:
    here = Path(folder)
    if here == ROOT / "docs":
        return [n for n in names if n in GENERATED_DOCS]
    if here == ROOT / "docs" / "search":
        return [n for n in names if n == "data"]
    if here == ROOT / "docs" / "assets":
        return [n for n in names if n == BUNDLE.split("/")[-1]]  # joined from assets/js/ by the generator
    return []


@pytest.fixture(scope="session")
def seed_corpus(tmp_path_factory) -> dict[str, tuple[dict, str]]:
    """Seed file stem → (front matter, body) of its corpus file."""
    out = tmp_path_factory.mktemp("corpus")
    build_corpus(collect_sources([SEEDS]), out, TOPICS, root=ROOT)
    result = {}
    for path in sorted(out.glob("*.md")):
        text = path.read_text("utf-8")
        front, body = parse(text).front, body_of(text)
        result[Path(front["source"]["path"]).stem] = (front, body)
    return result


def body_paragraph_texts(body: str) -> list[str]:
    return [squash(p.text) for p in parse_paragraphs(body)]


FIELDS = ("title", "index_no", "doc_no", "subject", "genre", "publisher", "issuer", "issuer_kind", "region",
          "region_code", "province", "written_date",
          "published_date", "signed_date", "report_year", "doc_type")


def _same(got, want) -> bool:
    if want is None:
        return got is None
    return got is not None and squash(str(got)) == squash(str(want))


def check_fact(front: dict, body: str, key: str, value) -> None:
    """Check one acceptance fact (the seeds-expected.yml conventions) against a corpus file."""
    if key in FIELDS:
        options = value if isinstance(value, list) else [value]
        assert any(_same(front[key], option) for option in options), f"{key}: got {front[key]!r}, want {value!r}"
    elif key == "warnings":
        codes = {w["code"] for w in front["warnings"]}
        assert set(value) <= codes, f"warnings {codes} lack {set(value) - codes}"
    elif key == "topics_has":
        assert set(value) <= set(front["topics"]), front["topics"]
    elif key == "topics_not":
        assert not set(value) & set(front["topics"]), front["topics"]
    elif key == "indicators_has":
        got = {(i["name"], i["value"]) for i in front.get("indicators") or []}
        for pair in value:
            for name, number in pair.items():
                assert (name, number) in got, f"indicator {name}={number} missing from {sorted(got)}"
    elif key == "indicators_not":
        names = {i["name"] for i in front.get("indicators") or []}
        assert not set(value) & names, f"indicators {set(value) & names} should not be read from this page"
    elif key == "body_has":
        texts = body_paragraph_texts(body)
        for sentence in value:
            assert any(squash(sentence) in t for t in texts), f"missing from every paragraph: {sentence}"
    elif key == "body_not":
        flat = squash(body)
        for needle in map(str, value):  # YAML reads 2024-02-26 as a date
            assert squash(needle) not in flat and needle not in body, f"chrome left in body: {needle}"
    elif key == "sections_min":  # a report printed as one paragraph must still be split at its 一、二、三、
        headings = [line for line in body.splitlines() if line.startswith("## ")]
        assert len(headings) >= value, f"{len(headings)} sections, want at least {value}: {headings}"
    else:
        raise AssertionError(f"unknown fact key {key}")


def fact_params(expected: dict) -> list:
    """One pytest param per (page, fact) of an expected-facts file such as seeds-expected.yml."""
    return [pytest.param(name, key, value, id=f"{name[:16]}-{key}")
            for name, facts in expected.items() for key, value in facts.items()]


@pytest.fixture(scope="session")
def browser():
    """One Chromium for every browser test: Playwright's sync API runs one instance at a time."""
    from browser import chromium

    with chromium() as b:
        yield b
