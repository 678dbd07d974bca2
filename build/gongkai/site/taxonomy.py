"""Taxonomies (Hugo style): taxonomy → term → reports. Terms sort by count, then name."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Callable

from .model import Corpus, Report


@dataclass(frozen=True)
class Taxonomy:
    key: str        # folder name in the site
    label: str      # Chinese name shown to readers
    values: Callable[[Report], list[str]]


def _one(field: str) -> Callable[[Report], list[str]]:
    return lambda r: [str(r.front[field])] if r.front.get(field) else []


TAXONOMIES = (
    Taxonomy("topics", "主题", lambda r: list(r.front.get("topics") or [])),
    Taxonomy("regions", "地区", _one("region")),
    Taxonomy("issuers", "发文机关", _one("issuer")),
    Taxonomy("years", "年度", lambda r: [r.year] if r.year else []),
    Taxonomy("types", "文档类型", _one("doc_type")),
    Taxonomy("laws", "法律法规", lambda r: list(r.front.get("laws") or [])),
)


def terms(corpus: Corpus, taxonomy: Taxonomy) -> list[tuple[str, list[Report]]]:
    """(term, reports) sorted by report count descending, then term; reports newest first."""
    cached = corpus.memo.get(("terms", taxonomy.key))
    if cached is not None:
        return cached
    grouped: dict[str, list[Report]] = {}
    for report in corpus.reports:
        for value in taxonomy.values(report):
            grouped.setdefault(value, []).append(report)
    result = sorted(grouped.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    corpus.memo[("terms", taxonomy.key)] = result
    return result


def cooccurring_topics(corpus: Corpus, topic: str, limit: int = 6) -> list[tuple[str, int]]:
    """The topics most often found in the same reports as ``topic``, with their report counts."""
    together = corpus.memo.get("cooccurring")
    if together is None:  # one pass for every topic: each topic page asks
        together = {}
        for report in corpus.reports:
            topics = report.front.get("topics") or []
            for t in topics:
                together.setdefault(t, Counter()).update(topics)
        corpus.memo["cooccurring"] = together
    counts = together.get(topic, Counter())
    return sorted(((t, n) for t, n in counts.items() if t != topic), key=lambda kv: (-kv[1], kv[0]))[:limit]
