"""One pure function per front-matter field, each trying several strategies in turn.

Inputs are the page's head lines (everything before the body), the labelled values
read from them, the cleaned body paragraphs and any HTML <meta> values.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .chrome import breadcrumb, is_chrome_line, is_nav_row
from .dates import YMD_TEXT, read_date
from .labels import is_label_line
from .normalise import normalise_doc_no
from .patterns import DOC_NO, H2_MARKER, H3_MARKER, TITLE_ENDINGS
from .place import Place, locate
from .textnorm import has_cjk, squeeze_cjk_spaces


@dataclass
class PageParts:
    head: list[str]
    labelled: dict[str, str | None]
    body: list[str]
    html_meta: dict[str, str] = field(default_factory=dict)


_TITLE_DOCNO = re.compile(r"[【\[［(（]\s*(" + DOC_NO.pattern + r")\s*[】\]］)）]\s*$")
_SITE_NAME = re.compile(r"(网|网站|门户|平台|首页|频道|专栏)$")
# The parts of an HTML <title>: 标题 - 站名, 标题_栏目_站名, 标题-某某区人民政府 (a hyphen before an organ's
# or site's name that ends the title; 中-老铁路 and 2021-2025 keep theirs).
_TITLE_SPLIT = re.compile(r"\s*[_|｜]\s*|\s+-\s+|(?<=[\u4e00-\u9fff》）)])-(?=[\u4e00-\u9fff]{2,24}"
                          r"(?:人民政府|政府|网|网站|门户|局|委员会|委|办公室|办)$)")


# A document number printed before the title on its line: 城口府发〔2024〕5号 城口县人民政府关于…, or a bare
# 〔2024〕3号 where the template left the issuer's code out.
# Not a title that cites a number (关于落实县府发〔2023〕5号文件精神…): the number stands alone, before
# a space or the organ and its 关于.
_LEADING_DOCNO = re.compile(r"^\s*(?P<no>(?:(?:(?!关于|落实|根据|按照|贯彻|执行)[\u4e00-\u9fff]){1,16}\s*)?"
                            r"[〔\[［【]\s*(?:19|20)\d{2}\s*[〕\]］】]\s*\d{1,5}\s*号)"
                            r"(?:\s+|(?=[\u4e00-\u9fff]{2,24}?(?:人民政府|政府|局|委员会|委|办公室|办|乡|镇|街道|管委会)(?:关于|(?:19|20)\d{2})))")
# A title label left before the title, maybe clipped by the page's layout (名称: …, 称: …).
_TITLE_LABEL = re.compile(r"^\s*(?:(?:文件|信息)?名?称|标?题)\s*[:：]\s*")
# The site's name glued after a title by the page's markup (…情况报告天津市静海区人民政府).
# The glued name holds no title ending and no 的 (…情况报告的通知黄陵县人民政府 cuts after 通知, the last one).
_ENDINGS = "|".join(sorted(TITLE_ENDINGS, key=len, reverse=True))
_GLUED_SITE = re.compile(rf"^(?P<title>.*(?:{_ENDINGS}))(?:(?!的|{_ENDINGS})[\u4e00-\u9fff]){{2,20}}"
                         r"(?:人民政府|政府网|门户网站|人民政府网)$")
_TITLE_DATE = re.compile(rf"\s*[（(]\s*({YMD_TEXT})\s*[）)]\s*$")


# A regulation's validity badge printed before its title: 有效 广州市…办法, 【已废止】某某规定.
_TITLE_STATUS = re.compile(r"^\s*(?:[【\[［]\s*(?:现行)?(?:有效|已?失效|已?废止|已?修订)\s*[】\]］]\s*"
                           r"|(?:现行)?(?:有效|已?失效|已?废止)\s+)(?=\S)")


def split_title_doc_no(line: str) -> tuple[str, str | None]:
    """``…的通知【渝北府办发〔2012〕107号】`` → (title, doc_no); a bare date in brackets after the
    title (``…报告 (2024-02-26)``, the list's publication date) is not part of the title, and nor is
    a validity badge before it."""
    line = squeeze_cjk_spaces(_TITLE_STATUS.sub("", _TITLE_DATE.sub("", line.replace("**", ""))))  # a bold title
    line = _TITLE_LABEL.sub("", line)
    glued = _GLUED_SITE.match(line)
    line = glued.group("title") if glued else line
    m = _TITLE_DOCNO.search(line)
    if m:
        return line[: m.start()].strip(), normalise_doc_no(m.group(1))
    m = _LEADING_DOCNO.match(line)
    if m and len(line) > m.end() + 6:
        return line[m.end():].strip(), normalise_doc_no(m.group("no")) or re.sub(r"\s+", "", m.group("no"))
    return line, None


def title_date(line: str | None) -> str | None:
    """The bare date printed in brackets after a title line, as printed."""
    m = _TITLE_DATE.search(line or "")
    return m.group(1) if m else None


def title_score(line: str) -> int:
    """How much a line looks like a document title; 0 means it is not one."""
    text, _ = split_title_doc_no(line)
    if not has_cjk(text) or not 6 <= len(text) <= 120 or "。" in text:
        return 0
    if is_chrome_line(text) or breadcrumb(text) or is_label_line(text) or is_nav_row(line):
        return 0
    if H2_MARKER.match(text) or H3_MARKER.match(text):
        return 0  # a body heading (一、总体情况) on a page that prints no title
    stem = re.sub(r"[（(][^）)]*[）)]$", "", text).strip()
    score = 0
    if stem.endswith(TITLE_ENDINGS):
        score += 3
    if "关于" in text:
        score += 1
    if re.search(r"(19|20)\d{2}\s*年", text):
        score += 1
    if _SITE_NAME.search(text) and score < 3:
        return 0
    return score


def title_hints(html_title: str | None) -> frozenset[str]:
    """The parts of a page's HTML <title>, as title lines are compared (split_title_doc_no)."""
    return frozenset(split_title_doc_no(part)[0] for part in _TITLE_SPLIT.split(html_title or "") if part.strip())


def find_title_index(head: list[str], hints: frozenset[str] = frozenset()) -> int | None:
    """Index of the best title line in the head, or None. Ties go to the first line, unless a later
    one is what the page's <title> says (``hints``) and the first is not: a sidebar of earlier years'
    reports above the article must not take its title."""
    best, best_score = None, 2
    for i, line in enumerate(head):
        score = title_score(line)
        if score > best_score:
            best, best_score = i, score
        elif score == best_score and best is not None and (
                squeeze_cjk_spaces(line) == squeeze_cjk_spaces(head[best])  # the same line twice: the later one starts the page
                or (split_title_doc_no(line)[0] in hints and split_title_doc_no(head[best])[0] not in hints)):
            best = i
    return best


# A page that prints no title but publishes the report by name in its first sentence:
# 现公布《南京市江宁区人民政府办公室2023年政府信息公开工作年度报告》.
_PUBLISHED_NAME = re.compile(r"(?:现|特此|现予|予以)(?:公布|发布)《(?P<title>[^《》]{6,80}(?:年度报告|情况的报告|情况报告|工作报告))》")


def title_from_opening(first_paragraph: str | None) -> str | None:
    m = _PUBLISHED_NAME.search(first_paragraph or "")
    return m.group("title") if m else None


def extract_title(parts: PageParts, title_line: str | None) -> str | None:
    candidates = [parts.labelled.get("title")] + [parts.html_meta.get(k) for k in ("ArticleTitle", "og:title", "h1")]
    candidates.append(title_line)
    html_title = parts.html_meta.get("html_title")
    if html_title:
        candidates.extend(_TITLE_SPLIT.split(html_title))
    for candidate in candidates:
        if candidate and title_score(candidate) >= 3:
            return split_title_doc_no(candidate.strip())[0]
    return None


def extract_doc_no(parts: PageParts, title_line: str | None) -> str | None:
    if parts.labelled.get("doc_no"):
        return normalise_doc_no(parts.labelled["doc_no"])
    if title_line:
        _, doc_no = split_title_doc_no(title_line)
        if doc_no:
            return doc_no
    for line in parts.head + parts.body[:3]:
        if DOC_NO.fullmatch(line.strip()):
            return normalise_doc_no(line)
    return None


def organ_part(title: str | None) -> str | None:
    """The part of a title that can name the issuing organ: before 关于, the year or the kind."""
    if not title:
        return None
    return _ORGAN_END.split(title, maxsplit=1)[0] or None


# Where a title's organ ends: 关于, a year, the report's own subject (某县人民政府办公室政府信息公开…,
# 某县人民政府信息公开…: the government's 政府 is shared with 政府信息公开).
_ORGAN_END = re.compile(r"关于|(?:19|20)\d{2}|年度|印发|(?:(?<=人民政府)|(?<!人民)政府)信息公开|法治政府建设")


def site_names(parts: PageParts) -> list[str]:
    """Names the page gives its site: the parts of the HTML <title> and short head lines."""
    names = [n for n in _TITLE_SPLIT.split(parts.html_meta.get("html_title") or "") if n]
    names += [parts.html_meta[key] for key in _SITE_NAME_META if key in parts.html_meta]
    names += [line for line in [line for line in parts.head if line][:8] if 2 <= len(line) <= 30]
    return names


# The meta tags in which content systems name the site (Hanweb's SiteName, Open Graph's).
_SITE_NAME_META = ("SiteName", "sitename", "og:site_name")


def extract_place(parts: PageParts, issuer: str | None, title: str | None, signer: str | None,
                  publisher: str | None, trail: list[str], index_no: str | None) -> Place | None:
    """Region, code and province of the issuer (place.py weighs the evidence)."""
    opening = " ".join(parts.body[:2])[:400]
    # The whole title last: a notice 关于印发安庆市…的通知 re-posted by a department names its city there.
    names = site_names(parts) + ([title] if title else [])
    return locate(issuer, organ_part(title), signer, publisher, trail, names, index_no, opening)


_REGION = re.compile(
    r"(?:^|[省市州盟]|关于|印发)(?P<region>(?!全|我|本|各|该|辖|城|社|园|地|小|街|景|新城)"
    r"(?:(?![市省州])[\u4e00-\u9fff]){1,5}?(?:自治县|自治旗|新区|区|县|旗))"
)


def region_name(*texts: str | None) -> str | None:
    """The county-level name an organ's name opens with, for a place the code table does not hold
    (renamed, merged, or newer than the table): a name without a code beats no name."""
    for text in texts:
        m = _REGION.search(organ_part(text) or "")
        if m and not m.group("region").startswith("自治") and len(m.group("region")) >= 3:  # not 自治区, 新区
            return m.group("region")
    return None


def extract_date(parts: PageParts, field_name: str, meta_keys: tuple[str, ...] = ()) -> tuple[str | None, str | None, str | None]:
    """(iso, status, printed) for a labelled date field, falling back to HTML meta."""
    first = None
    for value in [parts.labelled.get(field_name)] + [parts.html_meta.get(k) for k in meta_keys]:
        reading = read_date(value)
        if reading and reading.iso:
            return reading.iso, reading.status, reading.printed
        first = first or reading  # an unreadable date is reported only if nothing better is found
    return (None, first.status, first.printed) if first else (None, None, None)


def extract_url(parts: PageParts) -> str | None:
    for key in ("canonical", "og:url", "url"):
        value = parts.html_meta.get(key)
        if value and value.startswith("http"):
            return value
    for line in parts.head + parts.body[-5:]:
        m = re.search(r"(?:原文链接|原文地址|URL|网址)[:：]\s*(https?://\S+)", line)
        if m:
            return m.group(1)
    return None
