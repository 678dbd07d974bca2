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

from dataclasses import dataclass, field

from ..corpus.place import lineage
from .model import Corpus, SiteReport

LIST_LIMIT = 6  # reports in each list
SIMILAR_LIMIT = 5
_KIND_ORDER = {"人民政府": 0, "政府办公室": 1, "部门": 2}  # issuer_kind: whose report stands for a region


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


@dataclass
class _Place:
    chain: list[tuple[str, str]]  # (code, full name) from the province down

    @property
    def term(self) -> str | None:
        return self.chain[-1][1] if self.chain else None

    @property
    def code(self) -> int:
        code = self.chain[-1][0] if self.chain else ""
        return int(code) if code.isdigit() else 0


class RelatedIndex:
    """The corpus indexed once by what the lists ask: region, (ancestor, year, kind) and keyword."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.places: dict[str, _Place] = {}
        self.by_region: dict[str, list[SiteReport]] = {}
        # (ancestor term, year, doc_type) → region term under it → that region's reports, in corpus order
        self.under: dict[tuple[str, str, str], dict[str, list[SiteReport]]] = {}
        codes: dict[str, int] = {}
        for report in corpus.reports:
            place = _Place(lineage(report.front.get("region_code")))
            if not place.chain and report.front.get("region"):
                place = _Place([("", str(report.front["region"]))])
            self.places[report.id] = place
            if place.term is None:
                continue
            self.by_region.setdefault(place.term, []).append(report)
            codes[place.term] = place.code
            if report.year:
                kind = str(report.front.get("doc_type") or "")
                for _, ancestor in place.chain[:-1]:
                    self.under.setdefault((ancestor, report.year, kind), {}).setdefault(place.term, []).append(report)
        self.codes = codes

    @classmethod
    def of(cls, corpus: Corpus) -> RelatedIndex:
        index = corpus.memo.get("related_index")
        if index is None:
            index = corpus.memo["related_index"] = cls(corpus)
        return index

    def region(self, report: SiteReport) -> str | None:
        return self.places[report.id].term

    def other_years(self, report: SiteReport, limit: int = LIST_LIMIT) -> list[SiteReport]:
        """The region's reports of the same kind from other years: the same organ's first (its own
        series), then the nearest years, later before earlier."""
        term = self.region(report)
        if term is None or not report.year:
            return []
        kind, issuer, year = report.front.get("doc_type"), report.front.get("issuer"), _year_number(report)
        found = [r for r in self.by_region[term]
                 if r.year and r.year != report.year and r.front.get("doc_type") == kind]
        found.sort(key=lambda r: (r.front.get("issuer") != issuer, abs(_year_number(r) - year), -_year_number(r), r.rank))
        return found[:limit]

    @staticmethod
    def previous(report: SiteReport, candidates: list[SiteReport]) -> SiteReport | None:
        """The latest earlier report of the same organ, else of the region; with no earlier year,
        the nearest later one (a first report is still compared with what came next)."""
        year, issuer = _year_number(report), report.front.get("issuer")
        earlier = [r for r in candidates if _year_number(r) < year]
        later = [r for r in candidates if _year_number(r) > year]
        for pool, pick in ((earlier, max), (later, min)):
            for group in ([r for r in pool if r.front.get("issuer") == issuer], pool):
                if group:
                    return pick(group, key=lambda r: (_year_number(r), -r.rank) if pick is max else (_year_number(r), r.rank))
        return None

    def same_year(self, report: SiteReport, limit: int = LIST_LIMIT) -> list[SiteReport]:
        """One report of the same year and kind from each other region, the nearest divisions first:
        under the same parent, ordered by how close their GB/T 2260 codes are (neighbouring codes
        are mostly neighbouring places), then under the grandparent, up to the province."""
        place = self.places[report.id]
        if place.term is None or not report.year:
            return []
        kind, issuer_kind = str(report.front.get("doc_type") or ""), report.front.get("issuer_kind")
        out: list[SiteReport] = []
        seen = {place.term}
        for _, ancestor in reversed(place.chain[:-1]):
            regions = self.under.get((ancestor, report.year, kind), {})
            picks = []
            for term in (t for t in regions if t not in seen):
                seen.add(term)
                # An organ of the same kind (government office with government office) is the fairer pair;
                # among equals the region's earliest report, which a newly added one does not displace.
                best = min(regions[term], key=lambda r: (r.front.get("issuer_kind") != issuer_kind,
                                                         _KIND_ORDER.get(r.front.get("issuer_kind"), 3), -r.rank))
                picks.append((best.front.get("issuer_kind") != issuer_kind, abs(self.codes[term] - place.code), term, best))
            out += [pick[-1] for pick in sorted(picks, key=lambda p: p[:3])]
            if len(out) >= limit:
                return out[:limit]
        return out

    def similar(self, report: SiteReport, exclude: set[str], limit: int = SIMILAR_LIMIT) -> list[tuple[SiteReport, list[str]]]:
        """Reports sharing the most keywords (the corpus's TF-IDF keywords, minus those so common that
        they say nothing), most shared first; ties go to the newer report."""
        index = self.corpus.keyword_index()
        shared: dict[str, list[str]] = {}
        for keyword in report.front.get("keywords") or []:
            for other_id in index.get(keyword, ()):
                if other_id != report.id and other_id not in exclude:
                    shared.setdefault(other_id, []).append(keyword)
        by_id = self.corpus.by_id
        ranked = sorted(shared.items(), key=lambda kv: (-len(kv[1]), by_id[kv[0]].rank))
        return [(by_id[other_id], keywords) for other_id, keywords in ranked[:limit]]


def _year_number(report: SiteReport) -> int:
    return int(report.year) if report.year and report.year.isdigit() else 0


def related(report: SiteReport, corpus: Corpus) -> Related:
    index = RelatedIndex.of(corpus)
    years = index.other_years(report, limit=10 ** 6)  # all of them for the default pair; the list shows a few
    near = index.same_year(report)
    shown = years[:LIST_LIMIT]
    exclude = {r.id for r in shown + near}
    issuer = report.front.get("issuer")
    series = sorted({r.year for r in years if r.front.get("issuer") == issuer and r.year} | ({report.year} if years else set()))
    return Related(shown, near, index.similar(report, exclude), index.previous(report, years), near[0] if near else None,
                   tuple(series) if len(series) > 1 else ())
