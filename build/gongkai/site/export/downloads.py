"""The data downloads, declared once: each file's name, what the home page says of it, and,
for those made of every report's lines, the function that makes it and the cache that keeps
its lines between builds. generate.py makes them from here, the home page lists them from
here, and the docs writer knows them as generated files from here."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from . import data_files
from .data_files import LineCache, MemberCache


@dataclass(frozen=True)
class Download:
    name: str
    description: str
    # (corpus, site URL, cache) → the file's bytes; None for a file made its own way (SQLite, feed)
    make: Callable[..., bytes] | None = None
    cache: type[LineCache] = LineCache  # MemberCache for a gzipped file of lines


JSONL = Download("corpus.jsonl.gz", "全部报告的元数据和正文，每行一个 JSON 对象，gzip 压缩", data_files.corpus_jsonl, MemberCache)
# Gzipped: a third of its size, and the largest download (gunzip, then datasette).
SQLITE = Download("corpus.sqlite.gz", "全部数据的 SQLite 数据库（报告、段落、主题、法律、部分、指标），gzip 压缩；"
                  "解压后可用 datasette 或 sqlite-utils 打开")
FEED = Download("feed.xml", "Atom 订阅源，最新发布的报告在前")
DOWNLOADS = (
    JSONL,
    Download("catalog.csv", "报告目录，UTF-8 带 BOM，可直接用 Excel 打开", data_files.catalog_csv),
    Download("topics.csv", "报告 × 主题，含提及次数", data_files.topics_csv),
    Download("indicators.csv", "从报告中读出的数字：报告、地区、区划代码、年度、指标、数值、单位和原句链接", data_files.indicators_csv),
    SQLITE,
    FEED,
)
# Names a download had before: a docs/ folder may still hold them, and they are still ours to remove.
FORMER_NAMES = ("corpus.jsonl",)  # corpus.jsonl.gz before it was gzipped
