"""`make bench N=…`: the whole chain on N synthetic pages, ending with a one-line JSON summary.

    python -m gongkai.bench --reports 10000 [--out DIR] [--seed 1] [--no-browser]

Stages: synthetic pages → corpus (our code) → docs + search index (our code) →
mkdocs build (the engine) → page sizes → search transfer in Chromium → add one
page and publish it as `make site` does (incremental, with the caches). It is a benchmark,
not a test: it asserts nothing and prints numbers.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .memory import PeakSampler

# The stages import what they use inside them, as the gongkai commands do: a stage's new process
# then pays for its own imports only, as `gongkai corpus` and `gongkai site` would.

ROOT = Path(__file__).resolve().parents[3]
SITE_URL = "http://127.0.0.1/"
_PUBLISHES = 3  # reports added and published one after another; the median is reported


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round(max(own, children) / 1024, 1)


def _copy_hand_written_docs(docs: Path) -> None:
    docs.mkdir(parents=True, exist_ok=True)
    for name in ("assets", "search"):
        shutil.copytree(ROOT / "docs" / name, docs / name, dirs_exist_ok=True, ignore=shutil.ignore_patterns("data"))
    for page in (ROOT / "docs").glob("*.md"):  # hand-written pages at the top (generated ones are not tracked)
        if page.name not in ("index.md", "editors.md", "about.md"):
            shutil.copy(page, docs / page.name)


def _corpus_stage(work: Path) -> dict[str, float]:
    from ..corpus.pipeline import build_corpus
    from ..corpus.reading import collect_sources

    started = time.perf_counter()
    build_corpus(collect_sources([work / "seeds"]), work / "corpus", work / "corpus" / "topics.yml", root=work,
                 cache_dir=work / "cache")
    return {"clean_s": time.perf_counter() - started}


def _site_stage(work: Path) -> dict[str, float | str]:
    from ..site.build import run_mkdocs
    from ..site.generate import generate

    started = time.perf_counter()
    generate(work / "corpus", work / "docs", work, SITE_URL, cache_dir=work / "cache")
    generated = time.perf_counter()
    kind = run_mkdocs(ROOT / "mkdocs.yml", work / "site", SITE_URL, docs_dir=work / "docs", state_dir=work / "cache")
    return {"generate_s": generated - started, "engine_s": time.perf_counter() - generated, "engine_build": kind}


def _build_stage(work: Path) -> dict[str, float | str]:
    """Both stages as `gongkai build` runs them (publish.py): the corpus in a forked process while
    this one loads the site's code, then the site here."""
    from ..publish import corpus_then_site

    return corpus_then_site(lambda: _corpus_stage(work), lambda made: {**made, **_site_stage(work)})


# "build" is what `make site` runs; "corpus" and "site" time one stage on its own, by hand.
_STAGES = {"build": _build_stage, "corpus": _corpus_stage, "site": _site_stage}


def _publish(work: Path) -> dict:
    """`make site` as an editor or CI runs it: `gongkai build`, in a new process."""
    started = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "gongkai.bench", "--stage", "build", "--out", str(work)],
                         check=True, stdout=subprocess.PIPE, text=True).stdout
    timings = json.loads(out.strip().splitlines()[-1])
    timings["total_s"] = time.perf_counter() - started  # the new process's start-up included
    return timings


def _search_bytes(site: Path) -> tuple[int, int]:
    sys.path.insert(0, str(ROOT / "tests"))
    from browser import chromium, serve  # the same helpers the browser tests use

    with serve(site) as base, chromium() as browser:
        page = browser.new_page()
        query = {"n": 1}
        asked: dict[object, int] = {}  # request → the query that made it
        sizes: list[tuple[int, int]] = []

        def on_request(request) -> None:
            if "/search/data/" in request.url:
                asked[request] = query["n"]

        def on_response(response) -> None:
            if response.request in asked:
                try:
                    sizes.append((asked[response.request], len(response.body())))
                except Exception:
                    pass

        page.on("request", on_request)
        page.on("response", on_response)
        page.goto(f"{base}search/?q=行政复议")
        page.wait_for_function("() => !!document.body && document.body.dataset.searchDone !== undefined", timeout=120000)
        page.wait_for_load_state("networkidle")
        query["n"] = 2  # a response of the first query that is handled late still counts for the first
        page.fill("#gk-q", "依申请公开")
        page.press("#gk-q", "Enter")
        page.wait_for_function("() => !!document.body && document.body.dataset.searchDone === '2'", timeout=120000)
        page.wait_for_load_state("networkidle")
        return tuple(sum(size for n, size in sizes if n == k) for k in (1, 2))  # type: ignore[return-value]


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m gongkai.bench")
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=None, help="scratch folder (default: a temporary one)")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium search measurement")
    parser.add_argument("--memory-trace", type=Path, default=None, help="write the cold build's memory samples here")
    parser.add_argument("--stage", choices=_STAGES, help=argparse.SUPPRESS)  # one stage of a publish, in its own process
    args = parser.parse_args()
    if args.stage:
        print(json.dumps(_STAGES[args.stage](args.out)))
        if args.stage == "build":
            from ..publish import leave

            leave(0)  # as `gongkai build` ends
        return
    from ..corpus.annotate import load_topics
    from .long_lines import BUDGET_S, slowest_long_line
    from .synth import generate_pages, make_page

    work = args.out or Path(tempfile.mkdtemp(prefix="gongkai-bench-"))
    shutil.rmtree(work, ignore_errors=True)
    (work / "corpus").mkdir(parents=True)
    shutil.copy(ROOT / "corpus" / "topics.yml", work / "corpus" / "topics.yml")
    _copy_hand_written_docs(work / "docs")

    _say(f"[1/6] writing {args.reports} synthetic pages to {work}/seeds")
    generate_pages(work / "seeds", args.reports, args.seed)
    _say("[2-3/6] pipeline (clean + annotate, then pages + search index) and engine (mkdocs build --strict),"
         " as `make site` runs them")
    with PeakSampler(trace=args.memory_trace) as memory:
        cold = _publish(work)
    clean_s, generate_s, engine_s, total_s = cold["clean_s"], cold["generate_s"], cold["engine_s"], cold["total_s"]
    peak = _peak_rss_mb()
    _say(f"      clean {clean_s:.1f} s, generate {generate_s:.1f} s, engine {engine_s:.1f} s")

    _say("[4/6] page sizes")
    pages = [p.stat().st_size for p in (work / "site" / "reports").glob("*/index.html")]
    site_bytes = sum(p.stat().st_size for p in (work / "site").rglob("*") if p.is_file())

    first = second = None
    if not args.no_browser:
        _say("[5/6] search transfer in Chromium")
        first, second = _search_bytes(work / "site")

    _say(f"[6/6] incremental: add one page and publish (corpus, then pages and engine) as `make site` does, {_PUBLISHES} times")
    # The cold build's writes are on disk before the clock starts: an editor publishes a report
    # later, and the cold build's write-back must not be counted as the publish's.
    os.sync()
    runs = []
    for n in range(_PUBLISHES):
        # The new report is the newest, as a report just published is: it covers the year after all others.
        name, content = make_page(args.reports + n, random.Random(args.seed + 7919 + n), year=2025)
        (work / "seeds" / name).write_text(content, "utf-8")
        runs.append(_publish(work))
        _say(f"      {runs[-1]['total_s']:.1f} s ({runs[-1]['engine_build']} engine build {runs[-1]['engine_s']:.1f} s)")
    # The median publish: one run on a shared machine is off by a second either way.
    incremental = sorted(runs, key=lambda run: run["total_s"])[len(runs) // 2]

    _say("      and the regex budget: one page of a 1 MB line per shape")
    shape, slowest = slowest_long_line(tuple(load_topics(ROOT / "corpus" / "topics.yml")))
    _say(f"      slowest: {shape} {slowest:.1f} s (budget {BUDGET_S:.0f} s)")

    summary = {
        "reports": args.reports,
        "pipeline_s": round(clean_s + generate_s, 2),
        "clean_s": round(clean_s, 2),
        "generate_s": round(generate_s, 2),
        "engine_s": round(engine_s, 2),
        "total_s": round(total_s, 2),
        "peak_rss_mb": peak,
        "peak_tree_pss_mb": memory.peak_mb,
        "page_html_median_bytes": int(statistics.median(pages)) if pages else 0,
        "page_html_max_bytes": max(pages) if pages else 0,
        "site_bytes": site_bytes,
        "search_first_query_bytes": first,
        "search_next_query_bytes": second,
        "engine_ms_per_report": round(1000 * engine_s / args.reports, 2),
        "site_bytes_per_report": site_bytes // args.reports,
        "incremental_pipeline_s": round(incremental["clean_s"] + incremental["generate_s"], 2),
        "incremental_engine_s": round(incremental["engine_s"], 2),
        "incremental_total_s": round(incremental["total_s"], 2),
        "incremental_runs_s": [round(run["total_s"], 2) for run in runs],
        "incremental_share_of_cold": round(incremental["total_s"] / total_s, 3),
        "long_line_slowest_s": round(slowest, 2),
        "long_line_within_budget": slowest <= BUDGET_S,
    }
    if args.out is None:
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(summary, ensure_ascii=False))


if __name__ == "__main__":
    main()
