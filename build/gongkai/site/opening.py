"""A report's opening: the first words of its body, as a feed reader or a link preview shows them."""
from __future__ import annotations

import re

from ..corpus_file import Paragraph
from .safe_markdown import strip_markup

# 区委：/ 市人民政府： — the addressee a report to a higher organ starts with, not its opening.
_ADDRESSEE = re.compile(r"^[^。，；！？]{1,30}[：:]$")


def opening(paragraphs: list[Paragraph], chars: int = 200) -> str:
    """The body's first paragraphs (the addressee line skipped) up to about ``chars`` characters,
    cut after a full sentence when one ends in the second half, else mid-sentence with ……."""
    texts: list[str] = []
    size = 0
    for p in paragraphs:
        if p.kind != "p":
            continue
        text = " ".join(strip_markup(p.text).split())
        if not texts and _ADDRESSEE.match(text):
            continue
        texts.append(text)
        size += len(text)
        if size >= chars:
            break
    joined = "".join(texts)
    if len(joined) <= chars:
        return joined
    cut = max(joined.rfind(mark, 0, chars + 1) for mark in "。！？；")
    return joined[:cut + 1] if cut >= chars // 2 else joined[:chars] + "……"
