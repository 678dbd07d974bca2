"""The search index, built in a forked child while the parent writes the pages.

Indexing the reports and rendering them are independent and each takes about half of
page generation, so the two run on the two cores. Listing pages are rendered by the
parent after the fork and sent over; the child needs them only after every report.
"""
from __future__ import annotations

import threading
from functools import partial

from ...forking import Forked, can_fork, channel
from ...state import Scope
from ..model import Corpus, SiteReport
from ..safe_markdown import strip_markup
from ..taxonomy import SEARCH_FILTERS
from ..writer import DocsWriter
from .index import Listing, SearchDoc, build_index


def report_search_doc(report: SiteReport, url: str) -> SearchDoc:
    paragraphs = [(p.anchor or "", strip_markup(p.text).lstrip("# ")) for p in report.text_paragraphs]
    facets = {t.key: t.values(report) for t in SEARCH_FILTERS}  # the terms of the taxonomy pages, so a filter agrees with them
    return SearchDoc(url, report.title, True, paragraphs, report.date, report.front.get("region") or "", facets)


class IndexJob:
    """``send_listings`` once the listing pages are known, then ``wait`` for the number of files written.

    The child records the index's state itself; the caller must not write to the state until ``wait``."""

    def __init__(self, corpus: Corpus, writer: DocsWriter, store: Scope | None) -> None:
        self.writer = writer
        reports = [(f"reports/{r.id}/", repr(r.signature), partial(report_search_doc, r, f"reports/{r.id}/"))
                   for r in corpus.reports]  # newest first
        self._build = partial(build_index, reports, emit=lambda rel, content: writer.write(f"search/data/{rel}", content),
                              keep=lambda rel: writer.keep(f"search/data/{rel}"), store=store,
                              filters=[(t.key, t.label) for t in SEARCH_FILTERS])
        self.child: Forked | None = None
        if can_fork():
            listings_in, self._listings_out = channel()
            self.child = Forked("building the search index", self._in_child, listings_in)

    def _in_child(self, listings_in) -> tuple[int, list[str], dict]:
        self.writer.written, self.writer.records = set(), {}
        count = self._build(listings=listings_in.recv)
        return count, sorted(self.writer.written), self.writer.records

    def send_listings(self, listings: list[Listing]) -> None:
        if self.child is None:
            self.count = self._build(listings=lambda: listings)
            return
        # From a thread: the child reads them only after every report, and a full pipe would block us.
        self._sender = threading.Thread(target=self._listings_out.send, args=(listings,), daemon=True)
        self._sender.start()

    def wait(self) -> int:
        if self.child is None:
            return self.count
        count, written, records = self.child.result()
        self.writer.written.update(written)
        self.writer.records.update(records)
        return count
