"""`make bench` at N=50, as a smoke test of the script (a benchmark is never a timed test)."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import ROOT
from gongkai.bench.synth import generate_pages, make_page

KEYS = {"reports", "pipeline_s", "engine_s", "total_s", "peak_rss_mb", "page_html_median_bytes", "page_html_max_bytes",
        "site_bytes", "search_first_query_bytes", "search_next_query_bytes", "incremental_pipeline_s",
        "incremental_total_s", "engine_ms_per_report", "site_bytes_per_report"}


def test_synthetic_pages_are_deterministic_and_varied(tmp_path):
    import random

    a = [make_page(i, random.Random(5)) for i in range(3)]
    b = [make_page(i, random.Random(5)) for i in range(3)]
    assert a == b
    paths = generate_pages(tmp_path, 60, seed=2)
    suffixes = {p.suffix for p in paths}
    texts = [p.read_text("utf-8") for p in paths]
    assert suffixes == {".txt", ".html"}
    assert any("[ 索引号 ]" in t for t in texts) and any("来源：" in t for t in texts) and any("文章来源" in t for t in texts)
    assert len({t.split("区")[0][-4:] for t in texts}) > 10


@pytest.mark.browser
def test_bench_runs_and_prints_a_json_summary(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "gongkai.bench", "--reports", "50", "--out", str(tmp_path / "b")],
                          capture_output=True, text=True, cwd=ROOT, timeout=900)
    assert proc.returncode == 0, proc.stderr[-2000:]
    summary = json.loads(proc.stdout.strip().splitlines()[-1])
    assert set(summary) >= KEYS and summary["reports"] == 50
    assert summary["search_first_query_bytes"] > 0 and summary["page_html_median_bytes"] > 1000
    assert "[6/6]" in proc.stderr and "dirty engine build" in proc.stderr  # publishing one report is incremental
