"""The regex budget: cleaning a page whose text is one 1 MB line, of each shape that has made
a pattern quadratic somewhere (letters, digits, unpunctuated CJK, one punctuation mark
repeated, brackets, spaced CJK). Linear code cleans each in a second or two; the budget is
`BUDGET_S` a page, and the bench reports the slowest."""
from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path

from ..corpus.annotate import Topic
from ..corpus.page import process_file

LINE_BYTES = 1_000_000
BUDGET_S = 10.0


def _shapes() -> dict[str, str]:
    rng = random.Random(3)
    cjk = "".join(chr(rng.randint(0x4E00, 0x9FA5)) for _ in range(LINE_BYTES // 3))
    return {
        "letters": ("lorem ipsum dolor sit amet " * (LINE_BYTES // 27))[:LINE_BYTES],
        "one_word": "a" * LINE_BYTES,
        "digits": "1" * LINE_BYTES,
        "cjk": cjk,
        "cjk_spaced": " ".join(cjk[: LINE_BYTES // 8]),
        "commas": "，" * (LINE_BYTES // 3),
        "brackets": "(" * (LINE_BYTES // 2),
        "emails": ("a.b@" * (LINE_BYTES // 4)),
        # page furniture words repeated, ending in a word that is none: a toolbar pattern whose
        # separators could split one space several ways took seconds at 13 words
        "toolbar": "打印 关闭 分享：微信 " * (LINE_BYTES // 36) + "扫一扫",
        "bracketed": "【打印】 " * (LINE_BYTES // 13) + "x",
        "crumbs": "首页 > " * (LINE_BYTES // 10) + "。",
    }


def slowest_long_line(topics: tuple[Topic, ...]) -> tuple[str, float]:
    """(shape, seconds) of the slowest page."""
    head = "某某区人民政府关于2022年度法治政府建设情况的报告\n发布日期：2023-03-01\n一、总体情况\n2022年，我区推进法治政府建设。\n"
    worst = ("", 0.0)
    with tempfile.TemporaryDirectory() as folder:
        for shape, line in _shapes().items():
            path = Path(folder) / f"{shape}.txt"
            path.write_text(head + line + "\n二、下一步\n继续推进。\n", "utf-8")
            started = time.perf_counter()
            process_file(path, topics)
            elapsed = time.perf_counter() - started
            worst = max(worst, (shape, elapsed), key=lambda w: w[1])
    return worst
