"""The search index, built in a forked child while the parent writes the pages.

Indexing the reports and rendering them are independent and each takes about half of
page generation, so the two run on the two cores. Listing pages are rendered by the
parent after the fork and sent over; the child needs them only after every report.
"""
from __future__ import annotations

import multiprocessing
import threading
import traceback
from functools import partial
from pathlib import Path

from ...errors import GongkaiError
from ..safe_markdown import strip_markup
from ..model import Corpus, SiteReport
from ..taxonomy import SEARCH_FILTERS
from .index import Listing, SearchDoc, build_index
from ..writer import DocsWriter


def report_search_doc(report: SiteReport, url: str) -> SearchDoc:
    paragraphs = [(p.anchor or "", strip_markup(p.text).lstrip("# ")) for p in report.paragraphs]
    facets = {t.key: t.values(report) for t in SEARCH_FILTERS}  # the terms of the taxonomy pages, so a filter agrees with them
    return SearchDoc(url, report.title, True, paragraphs, report.date, report.front.get("region") or "", facets)


class IndexJob:
    """``send_listings`` once the listing pages are known, then ``wait`` for the number of files written."""

    def __init__(self, corpus: Corpus, writer: DocsWriter, state_file: Path | None, version: str) -> None:
        self.writer = writer
        reports = [(f"reports/{r.id}/", repr(r.signature), partial(report_search_doc, r, f"reports/{r.id}/"))
                   for r in corpus.reports]  # newest first
        self._build = partial(build_index, reports, emit=lambda rel, content: writer.write(f"search/data/{rel}", content),
                              keep=lambda rel: writer.keep(f"search/data/{rel}"), state_file=state_file,
                              version=version, filters=[(t.key, t.label) for t in SEARCH_FILTERS])
        self.count = 0
        self.process = None
        if "fork" in multiprocessing.get_all_start_methods():
            self._start_child()

    def _start_child(self) -> None:
        listings_in, self._listings_out = multiprocessing.Pipe(duplex=False)
        self._result_in, result_out = multiprocessing.Pipe(duplex=False)

        def child() -> None:
            self.writer.written = set()
            try:
                count = self._build(listings=listings_in.recv)
                result_out.send((count, sorted(self.writer.written), None))
            except BaseException as exc:  # reported in the parent, with the traceback text
                result_out.send((0, [], traceback.format_exc()))
                raise SystemExit(1) from exc

        self.process = multiprocessing.get_context("fork").Process(target=child, daemon=True)
        self.process.start()
        result_out.close()  # so that a child that dies without a word gives EOFError, not a hang

    def send_listings(self, listings: list[Listing]) -> None:
        if self.process is None:
            self.count = self._build(listings=lambda: listings)
            return
        # From a thread: the child reads them only after every report, and a full pipe would block us.
        self._sender = threading.Thread(target=self._listings_out.send, args=(listings,), daemon=True)
        self._sender.start()

    def wait(self) -> int:
        if self.process is None:
            return self.count
        try:
            count, written, error = self._result_in.recv()
        except EOFError:
            self.process.join()
            raise GongkaiError(f"building the search index failed: the worker exited with code {self.process.exitcode}") from None
        self.process.join()
        if error:
            raise GongkaiError("building the search index failed: " + error.strip().splitlines()[-1])
        self.writer.written.update(written)
        return count
