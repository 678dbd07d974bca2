"""Place a report in the national hierarchy: region, its GB/T 2260 code and its province.

The gazetteer (``data/gazetteer.tsv``, see ``data/gazetteer.md`` for its source) is loaded
once per process. A region is the division whose government or department issued the
report, so the evidence is read in order of how directly it names the issuer:

1. the issuer's name, then the title, the signature and the publisher: the last division
   a text names before the organ (浙江省杭州市西湖区司法局 → 西湖区), each later name
   nested in the one before;
2. the breadcrumb and the site's name (a provincial report re-posted on a county site is
   still placed by its issuer, because the issuer comes first);
3. the unified social credit code inside an 18-character 索引号: characters 3–8 are the
   division where the organ is registered.

A name held by several divisions (江北区 in 重庆 and in 宁波, five 城关区) is settled by
the ancestors the other evidence names, then by the credit code, and otherwise left out:
a wrong place is worse than none.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from ..package_data import data_text

# The suffixes that end a division name; a short form (重庆, 杭州) is the name without them.
_SUFFIXES = ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "自治县", "自治旗",
             "省", "市", "地区", "盟", "区", "县", "旗", "林区", "特区")
# Text that names places other than the issuer's: the country's name and the titles of the laws a
# report cites (《中华人民共和国政府信息公开条例》 holds 共和, the short name of 青海's 共和县).
_CITED = re.compile(r"《[^》\n]{0,80}》|中华人民共和国")
# An autonomous division's name lists its peoples (大通回族土族自治县); pages and organs write it
# as the place and the level (大通县统计局, 黔南州人民政府), so that form names it too.
_PEOPLES = re.compile(
    r"^(.{2,}?)(?:各族|(?:蒙古|哈萨克|维吾尔|柯尔克孜|塔吉克|锡伯)族?|(?:土家|满|回|达斡尔|鄂温克|朝鲜|畲|苗|瑶|壮|侗|仫佬|毛南|黎|羌|彝"
    r"|藏|仡佬|布依|水|傣|哈尼|纳西|拉祜|佤|布朗|白|景颇|傈僳|独龙|怒|普米|裕固|保安|东乡|撒拉|土)族)+自治([县州旗])$")
_USCC = re.compile(r"(?<![0-9A-Z])[0-9A-HJ-NP-RTUW-Y]{2}(\d{6})[0-9A-HJ-NP-RTUW-Y]{9}[0-9A-Z](?![0-9A-Z])", re.I)


@dataclass(frozen=True)
class Division:
    code: str
    name: str
    parent: str | None
    level: str  # province / city / county


@dataclass(frozen=True)
class Place:
    region: str
    region_code: str
    province: str


class Gazetteer:
    def __init__(self, rows: list[Division]) -> None:
        self.by_code = {d.code: d for d in rows}
        self.by_name: dict[str, list[Division]] = {}
        self.by_short: dict[str, list[Division]] = {}
        for d in rows:
            self.by_name.setdefault(d.name, []).append(d)
        for d in rows:
            for alias in _everyday_names(d.name):
                if alias not in self.by_name:  # never let an everyday form hide another division
                    self.by_name[alias] = [d]
        for d in rows:
            short = _short(d.name)
            if short != d.name and len(short) >= 2:
                self.by_short.setdefault(short, []).append(d)
        self._name_lengths = _lengths_by_start(self.by_name)
        self._short_lengths = _lengths_by_start(self.by_short)

    def ancestors(self, d: Division) -> list[Division]:
        out = []
        while d.parent and d.parent in self.by_code:
            d = self.by_code[d.parent]
            out.append(d)
        return out

    def province_of(self, d: Division) -> Division:
        chain = [d, *self.ancestors(d)]
        return chain[-1]

    def mentions(self, text: str) -> list[tuple[int, int, list[Division]]]:
        """(start, end, divisions of that name) for each full division name in ``text``, longest first
        at each position, without overlaps."""
        out = []
        i, n, last_end = 0, len(text), 0
        lengths_at = self._name_lengths
        while i < n:
            lengths = lengths_at.get(text[i:i + 2])
            if lengths and _may_start(text, i, last_end):
                for length in lengths:
                    # a slice past the end is shorter than asked: it must not pass for a longer name
                    found = self.by_name.get(text[i:i + length]) if i + length <= n else None
                    if found:
                        out.append((i, i + length, found))
                        i = last_end = i + length
                        break
                else:
                    i += 1
            else:
                i += 1
        return out

    def chain_end(self, text: str) -> int:
        """Where the run of division names that opens ``text`` ends (重庆市綦江区…: 6); 0 if none does."""
        end = 0
        for start, stop, _ in self.mentions(text):
            if start != end:
                break
            end = stop
        return end

    def full_names(self, text: str) -> str:
        """The text with each everyday form of a division's name written out (金平县 → 金平苗族瑶族傣族自治县)."""
        out, last = [], 0
        for start, stop, found in self.mentions(text):
            if len(found) == 1 and found[0].name != text[start:stop]:
                out += [text[last:start], found[0].name]
                last = stop
        return "".join(out) + text[last:]

    def named_in(self, text: str) -> set[str]:
        """Codes of every division a text names by its full or its short name (重庆, 宁波)."""
        text = _CITED.sub(" ", text)
        codes = {d.code for _, _, ds in self.mentions(text) for d in ds}
        lengths_at = self._short_lengths
        for i in range(len(text)):  # every short name at every position: a scan, not one search per name
            for length in lengths_at.get(text[i:i + 2], ()):
                found = self.by_short.get(text[i:i + length])
                if found:
                    codes.update(d.code for d in found)
        return codes


def _lengths_by_start(names: dict[str, list[Division]]) -> dict[str, tuple[int, ...]]:
    """The first two characters of each name → the lengths of the names that start so, longest
    first: a scan then looks up only lengths that some name has, at positions where one starts."""
    lengths: dict[str, set[int]] = {}
    for name in names:
        lengths.setdefault(name[:2], set()).add(len(name))
    return {start: tuple(sorted(found, reverse=True)) for start, found in lengths.items()}


_CJK = re.compile(r"[\u4e00-\u9fff]")


def _may_start(text: str, i: int, last_end: int) -> bool:
    """A division name starts a text, follows another name, a non-Chinese character, a division
    suffix (市, 县 …) or 关于/印发/中共: 东区 inside 浔东区 is no mention of 攀枝花市东区."""
    if i == 0 or i == last_end or not _CJK.match(text[i - 1]):
        return True
    return text[i - 1] in "省市州盟区县旗" or text[max(0, i - 2):i] in ("关于", "印发", "中共")


@lru_cache(maxsize=4096)
def own_short_names(region_code: str) -> frozenset[str]:
    """The short names (綦江, 重庆) of a division and of every division above it; empty for an
    unknown code."""
    places = gazetteer()
    division = places.by_code.get(region_code)
    if division is None:
        return frozenset()
    return frozenset(_short(d.name) for d in (division, *places.ancestors(division)) if len(_short(d.name)) >= 2)


def _everyday_names(name: str) -> tuple[str, ...]:
    """大通回族土族自治县 → 大通县, 大通自治县; 黔南布依族苗族自治州 → 黔南州, 黔南自治州; none for other names."""
    m = _PEOPLES.match(name)
    return (m.group(1) + m.group(2), m.group(1) + "自治" + m.group(2)) if m else ()


def _short(name: str) -> str:
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


def _rows(name: str) -> list[list[str]]:
    try:
        text = data_text(name)
    except FileNotFoundError:
        return []
    return [line.split("\t") for line in text.splitlines()[1:] if line.strip()]


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The national code table, read once per process, with the divisions abolished since 2017:
    a 2021 report of 重庆市江北区 (500105, merged into 两江新区 in 2025) keeps its own place."""
    rows = [Division(code, name, parent or None, level) for code, name, parent, level in _rows("gazetteer.tsv")]
    current = {d.code: d for d in rows}
    renumbered: dict[str, Division] = {}
    for code, name, parent, level, _last_seen, successor, *_ in _rows("gazetteer_abolished.tsv"):
        if code in current:
            continue
        if successor in current and current[successor].name == name:
            # A new code for the same place (循化撒拉族自治县 632128 → 630225 when 海东 became a city):
            # one division, so the name is not read as two and the old code still finds it.
            renumbered[code] = current[successor]
        else:
            rows.append(Division(code, name, parent or None, level))
    places = Gazetteer(rows)
    places.by_code.update({code: d for code, d in renumbered.items() if code not in places.by_code})
    return places


def credit_code_division(index_no: str | None) -> str | None:
    """The division code inside a unified social credit code (the 索引号's first part)."""
    if not index_no:
        return None
    m = _USCC.search(index_no.replace(" ", ""))
    return m.group(1) if m else None


def _chain(g: Gazetteer, text: str, context: set[str]) -> Division | None:
    """The deepest division a text names, each name read inside the one before it.

    ``context``: codes the other evidence names, used to tell same-name divisions apart."""
    current: Division | None = None
    for _, _, found in g.mentions(text):
        inside = [d for d in found if current is None or current in g.ancestors(d)]
        if current is not None and not inside:
            continue  # a name of another place later in the text (关于支持杭州市…): keep the issuer's
        choice = _settle(g, inside or found, context)
        if choice is None:
            return None  # ambiguous and nothing tells which: no guess
        current = choice
    return current


def _settle(g: Gazetteer, candidates: list[Division], context: set[str]) -> Division | None:
    if len(candidates) == 1:
        return candidates[0]
    scored = []
    for d in candidates:
        lineage = {a.code for a in g.ancestors(d)}
        score = len(lineage & context) * 2 + (d.code in context)
        scored.append((score, d))
    scored.sort(key=lambda s: -s[0])
    if scored[0][0] > 0 and scored[0][0] > scored[1][0]:
        return scored[0][1]
    return None


def _from_code(g: Gazetteer, code: str | None) -> set[str]:
    """The division of a credit code and its ancestors, as context (the code may name a city
    where the table lists only its districts, so its prefixes count too)."""
    if not code:
        return set()
    out = set()
    for candidate in (code, code[:4] + "00", code[:2] + "0000"):
        if candidate in g.by_code:
            out.add(candidate)
            out.update(a.code for a in g.ancestors(g.by_code[candidate]))
    return out


def locate(issuer: str | None, title: str | None, signer: str | None, publisher: str | None,
           breadcrumb: list[str], site_names: list[str], index_no: str | None, opening: str = "") -> Place | None:
    """The place of the issuing government or department, or None when the evidence does not say.
    ``opening`` (the text's first sentences) only helps tell same-name divisions apart."""
    g = gazetteer()
    code = credit_code_division(index_no)
    from_code = _from_code(g, code)
    context_text = " ".join(x for x in (issuer, title, signer, publisher, *breadcrumb, *site_names, opening) if x)
    context = g.named_in(context_text) | from_code
    for text in (issuer, title, signer, publisher, *breadcrumb, *site_names):
        if text:
            found = _chain(g, text, context)
            if found is not None:
                return _place(g, found)
    if code and code in g.by_code:
        return _place(g, g.by_code[code])
    prefix = _DIVISION_PREFIX.match((index_no or "").strip())
    if prefix and prefix.group(1) in g.by_code:  # 620702081/2026-00007: a site numbering by division code
        return _place(g, g.by_code[prefix.group(1)])
    return _addressee_place(g, opening) or _only_place_named(g, opening)


# An 索引号 that opens with a division's code (620702081/2026-00007) and is no credit code.
_DIVISION_PREFIX = re.compile(r"^([1-6]\d{5})\d{0,6}(?=[/／\-_])")
# A report's addressee, its first line: 中共将乐县委员会、将乐县人民政府：
_ADDRESSEE = re.compile(r"^[^。]{4,60}[:：]")


def _addressee_place(g: Gazetteer, opening: str) -> Place | None:
    """A town's report addressed to its county (中共将乐县委员会，将乐县人民政府：): the county, when the
    addressee names one division and the divisions above it only."""
    m = _ADDRESSEE.match(opening) if opening else None
    if not m:
        return None
    named = [g.by_code[c] for c in g.named_in(m.group(0))]
    deepest = [d for d in named if not any(d in g.ancestors(other) for other in named)]
    return _place(g, deepest[0]) if len(deepest) == 1 else None


def _only_place_named(g: Gazetteer, text: str) -> Place | None:
    """A page that names no organ: the one province or city its opening speaks of (全省…江苏), if
    exactly one is named there."""
    if not text:
        return None
    named = {g.by_code[c] for c in g.named_in(text[:200])}
    top = {d for d in named if d.level in ("province", "city")}
    return _place(g, top.pop()) if len(top) == 1 and len(named) == 1 else None


def _place(g: Gazetteer, d: Division) -> Place:
    return Place(d.name, d.code, g.province_of(d).name)


@cache  # a few thousand codes; the site asks for each report's dozens of times a build
def lineage(region_code: str | None) -> tuple[tuple[str, str], ...]:
    """(code, full name) from the province down to the division: 330205 → 浙江省, 浙江省宁波市,
    浙江省宁波市江北区. Full names keep same-name divisions apart on the site."""
    g = gazetteer()
    d = g.by_code.get(str(region_code or ""))
    if d is None:
        return ()
    chain = [d, *g.ancestors(d)][::-1]
    out, name = [], ""
    for division in chain:
        name += division.name
        out.append((division.code, name))
    return tuple(out)
