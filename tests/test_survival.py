"""Nothing lost: every sentence of a source page reaches the Markdown body.

For each seed, every sentence that ends with 。 in the raw page (after the
intended spam removal) must appear in the cleaned body. The chrome that the
cleaner dropped is listed in the assertion message so that a reviewer sees it.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from conftest import SEEDS, squash
from gongkai.corpus.cleaner import clean_page
from gongkai.corpus.reading import read_page
from gongkai.corpus.spam import remove_spam

_PUNCT = re.compile(r"[\W_]+")


def bare(text: str) -> str:
    """Letters and digits only: headings drop a final 。 and punctuation is widened."""
    return _PUNCT.sub("", squash(html.unescape(text)))


def source_sentences(text: str) -> list[str]:
    sentences = []
    for line in text.splitlines():
        line, _ = remove_spam(line)
        for piece in re.findall(r"[^。！？]*[。！？]", line):
            if len(bare(piece)) >= 4:
                sentences.append(piece.strip())
    return sentences


def measure(path: Path) -> tuple[float, list[str], list[str]]:
    raw = read_page(path)
    doc = clean_page(raw)
    body = bare("".join(b.text for b in doc.blocks))
    sentences = source_sentences(raw.text)
    lost = [s for s in sentences if bare(s) not in body]
    kept = 1 - len(lost) / max(len(sentences), 1)
    return kept, lost, doc.dropped


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.stem[:3])
def test_every_source_sentence_survives(path):
    kept, lost, dropped = measure(path)
    assert not lost, f"{len(lost)} sentences lost ({kept:.1%} kept): {lost[:3]}\ndropped chrome: {dropped}"


def test_dropped_chrome_is_listed_and_is_not_prose():
    _, _, dropped = measure(SEEDS / "000_af704965e39f58a1.txt")
    assert "语音播报" in dropped and "部门街镇" in dropped and "扫一扫在手机打开当前页" in dropped
    assert not [line for line in dropped if line.endswith("。")]
