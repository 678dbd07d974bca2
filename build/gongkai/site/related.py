"""Related reports of one report, in three labelled lists, and the default pairs of the compare page.

- 本地区其他年度: the same region's reports of other years (the same organ's first: that is the series);
- 同年度其他地区: other regions' reports of the same year, the nearest divisions first
  (siblings under the same parent, then cousins under the grandparent ...), one report a region;
- 内容相近: reports sharing the most TF-IDF keywords, with the keywords they share.

Every list is read from an index built once per corpus (by region, by ancestor and year, by
keyword), so a report costs the size of its own neighbourhood, never the corpus: the site
asks for every report's lists at every build, 10,000 times.
"""
from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from ..corpus.place import lineage
from .model import Corpus, SiteReport

LIST_LIMIT = 4  # reports in each list: the breadcrumb leads to all of the region and the year
SIMILAR_LIMIT = 5
KIND_ORDER = {"人民政府": 0, "政府办公室": 1, "部门": 2}  # issuer_kind: whose report stands for a region


@dataclass
class Related:
    other_years: list[SiteReport] = field(default_factory=list)
    same_year: list[SiteReport] = field(default_factory=list)
    similar: list[tuple[SiteReport, list[str]]] = field(default_factory=list)  # (report, keywords shared)
    previous: SiteReport | None = None  # the compare page's default partner over time
    neighbour: SiteReport | None = None  # ... and across places
    series_years: tuple[str, ...] = ()  # the years of this organ's reports of this kind in this region

    def key(self) -> tuple:
        """Everything the report page shows of these reports: its render key (generate.RenderKeys)."""
        def brief(r: SiteReport | None) -> tuple:
            return (r.id, r.title, r.date, r.year) if r else ()

        return (tuple(map(brief, self.other_years)), tuple(map(brief, self.same_year)),
                tuple((brief(r), tuple(k)) for r, k in self.similar), brief(self.previous), brief(self.neighbour),
                self.series_years)

    def all(self) -> list[SiteReport]:
        """Every report the page names."""
        extra = [r for r in (self.previous, self.neighbour) if r]
        return self.other_years + self.same_year + [r for r, _ in self.similar] + extra


class _Entry:
    """What the lists ask of a report, read from its front matter once (properties cost at 10,000 × 10,000)."""

    __slots__ = ("report", "term", "code", "ancestors", "year", "issuer", "kind", "doc_type", "rank")

    def __init__(self, report: SiteReport, chain: Sequence[tuple[str, str]]) -> None:
        front = report.front
        self.report, self.rank = report, report.rank
        self.term = chain[-1][1] if chain else (str(front["region"]) if front.get("region") else None)
        code = chain[-1][0] if chain else ""
        self.code = int(code) if code.isdigit() else 0
        self.ancestors = [name for _, name in chain[:-1]]  # province first
        year = report.year
        self.year = int(year) if year and year.isdigit() else 0
        self.issuer, self.kind, self.doc_type = front.get("issuer"), front.get("issuer_kind"), str(front.get("doc_type") or "")


class _Siblings:
    """The regions under one division that have reports of one year and kind, in code order,
    each with the report that stands for it, for each kind of organ and overall."""

    def __init__(self) -> None:
        self.members: dict[str, list[_Entry]] = {}
        self._order: list[tuple[int, str]] | None = None
        self._best: dict[str, tuple[dict[object, _Entry], _Entry]] = {}

    def add(self, entry: _Entry) -> None:
        self.members.setdefault(entry.term, []).append(entry)  # type: ignore[arg-type]

    def best(self, term: str, kind: object) -> tuple[_Entry, bool]:
        """The region's report for an organ of ``kind``: one of the same kind if it has one (the fairer
        pair), else the government's; among equals the earliest, which a new report does not displace."""
        if term not in self._best:
            by_kind: dict[object, _Entry] = {}
            for e in self.members[term]:
                if e.kind not in by_kind or e.rank > by_kind[e.kind].rank:
                    by_kind[e.kind] = e
            overall = min(by_kind.values(), key=lambda e: (KIND_ORDER.get(e.kind, 3), -e.rank))  # type: ignore[arg-type]
            self._best[term] = (by_kind, overall)
        by_kind, overall = self._best[term]
        return (by_kind[kind], True) if kind in by_kind else (overall, False)

    def nearest(self, code: int) -> Iterator[str]:
        """Region terms by distance of their code from ``code`` (ties by name): a walk out from its
        place in code order, so that a caller that has enough stops without sorting anything."""
        if self._order is None:
            self._order = sorted((e[0].code, t) for t, e in self.members.items())
        order = self._order
        right = bisect.bisect_left(order, (code, ""))
        left = right - 1
        while left >= 0 or right < len(order):
            if right >= len(order) or (left >= 0 and (code - order[left][0], order[left][1])
                                       <= (order[right][0] - code, order[right][1])):
                yield order[left][1]
                left -= 1
            else:
                yield order[right][1]
                right += 1


class RelatedIndex:
    """The corpus indexed once by what the lists ask: region and kind (by organ and by year),
    (ancestor, year, kind) and keyword. A report's lists then cost its neighbourhood."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.entries: dict[str, _Entry] = {}
        self.by_region: dict[str, list[SiteReport]] = {}
        self.by_organ: dict[tuple, list[_Entry]] = {}  # (term, doc_type, issuer) → its reports by year
        self.by_year: dict[tuple, dict[int, list[_Entry]]] = {}  # (term, doc_type) → year → reports, newest first
        self.under: dict[tuple[str, int, str], _Siblings] = {}  # (ancestor, year, doc_type) → regions below it
        self._keywords: dict[str, list[int]] | None = None  # keyword → corpus positions of its reports
        self._keyword_sets: dict[str, frozenset[int]] = {}
        for report in corpus.reports:
            chain = lineage(report.front.get("region_code"))
            e = self.entries[report.id] = _Entry(report, chain)
            if e.term is None:
                continue
            self.by_region.setdefault(e.term, []).append(report)
            if not e.year:
                continue
            self.by_organ.setdefault((e.term, e.doc_type, e.issuer), []).append(e)
            self.by_year.setdefault((e.term, e.doc_type), {}).setdefault(e.year, []).append(e)
            for ancestor in e.ancestors:
                self.under.setdefault((ancestor, e.year, e.doc_type), _Siblings()).add(e)
        for organ in self.by_organ.values():
            organ.sort(key=lambda e: (e.year, e.rank))

    @classmethod
    def of(cls, corpus: Corpus) -> RelatedIndex:
        index = corpus.memo.get("related_index")
        if index is None:
            index = corpus.memo["related_index"] = cls(corpus)
        return index

    def region(self, report: SiteReport) -> str | None:
        return self.entries[report.id].term

    def organ(self, e: _Entry) -> list[_Entry]:
        return self.by_organ.get((e.term, e.doc_type, e.issuer), []) if e.term and e.year else []

    def other_years(self, report: SiteReport, limit: int = LIST_LIMIT) -> list[SiteReport]:
        """The region's reports of the same kind from other years: the same organ's first (its own
        series), then the nearest years, later before earlier, newest first within a year."""
        e = self.entries[report.id]
        if e.term is None or not e.year:
            return []
        key = lambda o: (abs(o.year - e.year), -o.year, o.rank)  # noqa: E731
        out = sorted((o for o in self.organ(e) if o.year != e.year), key=key)[:limit]
        years = self.by_year.get((e.term, e.doc_type), {})
        for year in sorted((y for y in years if y != e.year), key=lambda y: (abs(y - e.year), -y)):
            if len(out) >= limit:
                break
            out += [o for o in years[year] if o.issuer != e.issuer][:limit - len(out)]
        return [o.report for o in out]

    def previous(self, report: SiteReport) -> SiteReport | None:
        """The latest earlier report of the same organ, else of the region; with no earlier year,
        the nearest later one (a first report is still compared with what came next)."""
        e = self.entries[report.id]
        if e.term is None or not e.year:
            return None
        organ = [o for o in self.organ(e) if o.year != e.year]
        years = self.by_year.get((e.term, e.doc_type), {})
        earlier = [o for o in organ if o.year < e.year]
        if earlier:
            return max(earlier, key=lambda o: (o.year, -o.rank)).report
        before = [y for y in years if y < e.year]
        if before:
            return min(years[max(before)], key=lambda o: o.rank).report
        later = [o for o in organ if o.year > e.year]
        if later:
            return min(later, key=lambda o: (o.year, o.rank)).report
        after = [y for y in years if y > e.year]
        return min(years[min(after)], key=lambda o: o.rank).report if after else None

    def series_years(self, report: SiteReport) -> tuple[str, ...]:
        """The years of this organ's reports of this kind here, when there are two or more."""
        years = sorted({str(o.year) for o in self.organ(self.entries[report.id])})
        return tuple(years) if len(years) > 1 else ()

    def same_year(self, report: SiteReport, limit: int = LIST_LIMIT) -> list[SiteReport]:
        """One report of the same year and kind from each other region, the nearest divisions first:
        under the same parent, ordered by how close their GB/T 2260 codes are (neighbouring codes
        are mostly neighbouring places), then under the grandparent, up to the province. Within a
        level, regions with an organ of the same kind come first."""
        e = self.entries[report.id]
        if e.term is None or not e.year:
            return []
        out: list[SiteReport] = []
        seen = {e.term}
        for ancestor in reversed(e.ancestors):
            siblings = self.under.get((ancestor, e.year, e.doc_type))
            if siblings is None:
                continue
            unlike = []
            for term in siblings.nearest(e.code):
                if term in seen:
                    continue
                seen.add(term)
                pick, alike = siblings.best(term, e.kind)
                if alike:
                    out.append(pick.report)
                    if len(out) >= limit:
                        return out
                else:
                    unlike.append(pick.report)
            out += unlike[:limit - len(out)]
            if len(out) >= limit:
                return out
        return out

    def similar(self, report: SiteReport, exclude: set[str], limit: int = SIMILAR_LIMIT) -> list[tuple[SiteReport, list[str]]]:
        """Reports sharing the most keywords (the corpus's TF-IDF keywords, minus those so common that
        they say nothing), most shared first; ties go to the report nearest in time (by corpus position,
        the newer of two as near). Nearest, not newest: a report just published would otherwise enter the
        list of every report it ties with, and publishing it would rewrite dozens of pages of all years."""
        if self._keywords is None:
            ranks = {r.id: r.rank for r in self.corpus.reports}
            self._keywords = {k: [ranks[i] for i in ids] for k, ids in self.corpus.keyword_index().items()}
            self._keyword_sets = {k: frozenset(v) for k, v in self._keywords.items()}
        mine = [k for k in report.front.get("keywords") or [] if k in self._keywords]
        counts: Counter[int] = Counter()
        for keyword in mine:
            counts.update(self._keywords[keyword])
        for other in [report.id, *exclude]:
            counts.pop(self.entries[other].rank, None)
        own = report.rank
        order = sorted(counts, key=lambda rank: (-counts[rank], abs(rank - own), rank))
        reports = self.corpus.reports
        return [(reports[rank], [k for k in mine if rank in self._keyword_sets[k]]) for rank in order[:limit]]


def related(report: SiteReport, corpus: Corpus) -> Related:
    index = RelatedIndex.of(corpus)
    years = index.other_years(report)
    near = index.same_year(report)
    exclude = {r.id for r in years + near}
    return Related(years, near, index.similar(report, exclude), index.previous(report), near[0] if near else None,
                   index.series_years(report))
