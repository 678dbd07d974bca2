"""One pure function per front-matter field, each trying several strategies in turn.

Inputs are the page's head lines (everything before the body), the labelled values
read from them, the cleaned body paragraphs and any HTML <meta> values.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .chrome import breadcrumb, is_chrome_line, is_nav_row
from .dates import read_date
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


_TITLE_DATE = re.compile(r"\s*[（(]\s*((?:19|20)\d{2}\s*[-./年]\s*\d{1,2}\s*[-./月]\s*\d{1,2}\s*日?)\s*[）)]\s*$")


# A regulation's validity badge printed before its title: 有效 广州市…办法, 【已废止】某某规定.
_TITLE_STATUS = re.compile(r"^\s*(?:[【\[［]\s*(?:现行)?(?:有效|已?失效|已?废止|已?修订)\s*[】\]］]\s*"
                           r"|(?:现行)?(?:有效|已?失效|已?废止)\s+)(?=\S)")


def split_title_doc_no(line: str) -> tuple[str, str | None]:
    """``…的通知【渝北府办发〔2012〕107号】`` → (title, doc_no); a bare date in brackets after the
    title (``…报告 (2024-02-26)``, the list's publication date) is not part of the title, and nor is
    a validity badge before it."""
    line = squeeze_cjk_spaces(_TITLE_STATUS.sub("", _TITLE_DATE.sub("", line.replace("**", ""))))  # a bold title
    m = _TITLE_DOCNO.search(line)
    if m:
        return line[: m.start()].strip(), normalise_doc_no(m.group(1))
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
    return re.split(r"关于|(?:19|20)\d{2}|年度|印发", title, maxsplit=1)[0] or None


def site_names(parts: PageParts) -> list[str]:
    """Names the page gives its site: the parts of the HTML <title> and short head lines."""
    names = [n for n in _TITLE_SPLIT.split(parts.html_meta.get("html_title") or "") if n]
    names += [line for line in parts.head[:8] if 2 <= len(line) <= 30]
    return names


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


# Kinds of document, tried in order: a 解读 of a report is a 解读, a 通知 that issues a plan is a 通知.
_REPORT_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")


# A report's own kind of wording in a title (依法治县 too; not 依法治理 or 法治宣传教育 work, which 普法 summaries report).
_RULE_OF_LAW = re.compile(r"法治(?:政府)?建设|依法行政|依法治[省市县区州旗盟镇乡]|(?<!依)法治(?!宣传|教育|文化)[\u4e00-\u9fff]{0,4}工作")
_DISCLOSURE = re.compile(r"(?:信息|政务)公开")
# A news item about a report (区政府常务会议审议《2023年度法治政府建设情况报告》) is not the report.
_NEWS_VERB = re.compile(r"召开|审议|听取|研究部署|专题会")
# A year at a paragraph's start that is the year's work (2023年，…; 2023年以来，…), not a date (2021年8月，).
_OPENING_YEAR = re.compile(r"(?:^|\n)\s*(?:19|20)\d{2}\s*年(?!\s*\d{1,2}\s*月)")
# A title's year in a closing bracket of its own: …年度报告（2023年度）, not the month of （2024年2月）.
_BRACKET_YEAR = re.compile(r"[（(]\s*(?:19|20)\d{2}\s*年度?\s*[）)]$")
# Words of a plan or a rule, which no annual report's opening uses of itself.
_PLAN_WORDS = re.compile(r"特制定|制定本|本办法|本方案|工作要点|实施方案")


def extract_doc_type(title: str | None, opening: str | None = None) -> str:
    """法治政府建设年度报告 / 政府信息公开工作年度报告 / 通知 / 决定 / 规划 / 解读 / 其他.

    Read from the title's wording; a page without a title is judged by its opening sentence."""
    if not title:
        return _opening_doc_type(opening)
    stem = re.sub(r"[（(][^）)]*[）)]$", "", title)
    if re.search(r"解读|(?:^|[｜|:：\s])图解|图解$|一图(?:读|看)懂", stem):
        return "解读"
    if stem.endswith("通知"):
        return "通知"
    if stem.endswith(("决定", "决议")):
        return "决定"
    # a year named anywhere in the title (…年度报告（2023年度）), or the opening's year for a title without one
    dated = bool(_REPORT_YEAR.search(stem) or _BRACKET_YEAR.search(title)) or _opening_year(opening) is not None
    if _NEWS_VERB.search(stem) and not stem.startswith("关于"):
        return "其他"
    reported = re.search(r"(?:总结|情况|报告)[和暨及与][^，。]{0,16}(?:计划|打算|安排|要点)$", stem)  # 工作总结和2023年工作计划
    if stem.endswith(("规划", "纲要", "方案", "要点", "计划", "安排")) and not reported:
        return "规划"
    disclosure = _DISCLOSURE.search(stem) if re.search(r"(年度|年)\s*(工作)?\s*报告|工作报告$|年报$", stem) and dated else None
    rule_of_law = _RULE_OF_LAW.search(stem) if (stem.endswith(("报告", "总结", "情况", "工作")) or reported) and dated else None
    if disclosure and not (rule_of_law and rule_of_law.start() < disclosure.start()):  # 法治政府建设暨政务公开工作报告
        return "政府信息公开工作年度报告"
    return "法治政府建设年度报告" if rule_of_law else "其他"


def _opening_doc_type(opening: str | None) -> str:
    """A body-first page: its opening says which year's work it reports. The State Council's
    template for disclosure reports opens with 本报告…依据《…政府信息公开条例》; a notice that lost
    its title still says 现印发给你们."""
    if opening and re.match(r"\s*第一条", opening):
        return "其他"  # the articles of a rule or regulation (第一条 为…依据《…条例》)
    if opening and re.search(r"(?:现|现将[^。]{0,30}?)解读如下|进行如下解读|现就[^。]{0,30}(?:进行|作)(?:如下)?解读", opening):
        return "解读"
    if opening and re.search(r"现(?:将[^。]{0,60})?(?:印发|转发)给你们|现就[^。]{0,30}通知如下", opening):
        return "通知"
    if opening and (re.search(r"本(年度)?(?:报告|年报).{0,80}政府信息公开条例", opening)
                    or re.search(r"(?:公布|发布|编制)[^。]{0,40}(?:19|20)\d{2}\s*年度?政府信息公开工作年度报告", opening)
                    or re.search(r"(?:19|20)\d{2}\s*年度?政府信息公开工作年度报告[^。]{0,30}(?:根据|依据|按照)", opening)
                    or (not _PLAN_WORDS.search(re.sub(r"《[^》]*》", "", opening)) and (  # not in a document's name
                        ("主动公开" in opening and "依申请公开" in opening)
                        or ("政府信息公开条例" in opening and re.search(r"主动公开|依申请公开|统计期限|政府信息公开工作", opening))
                        or ("统计期限" in opening and "信息公开" in opening)))):
        return "政府信息公开工作年度报告"
    if not opening or not _OPENING_YEAR.search(opening):
        return "其他"
    if "信息公开" in opening and "年度报告" in opening:
        return "政府信息公开工作年度报告"
    if re.search(r"法治政府|依法行政|法治建设", opening):
        return "法治政府建设年度报告"
    return "其他"


_ANNUAL = ("法治政府建设年度报告", "政府信息公开工作年度报告")


def extract_report_year(title: str | None, doc_type: str, opening: str | None = None) -> int | None:
    """The year an annual report covers: 关于2020年度… → 2020; a body-first one: 2023年，我区… → 2023."""
    if doc_type not in _ANNUAL:
        return None
    if title:
        m = _REPORT_YEAR.search(title)
        if m:
            return int(m.group(1))
    m = re.search(r"((?:19|20)\d{2})\s*年度?政府信息公开工作(?:年度)?报告", opening or "")
    if m and doc_type == "政府信息公开工作年度报告":  # 现公布…2025年政府信息公开工作年度报告
        return int(m.group(1))
    return _opening_year(opening)


# A year's span or end: 统计期限自2023年1月1日起至2023年12月31日止, 截至2023年12月31日.
_STATISTICS_PERIOD = re.compile(r"((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日[^。]{0,6}(?:至|到)\s*(?:\1\s*年\s*)?12\s*月\s*31\s*日"
                                r"|截[至止]\s*((?:19|20)\d{2})\s*年\s*(?:12\s*月\s*31\s*日|底)")


def _opening_year(opening: str | None) -> int | None:
    """The year the opening reports on: that of the first paragraph opening with a year (2023年，我区…),
    else the year a statistics period spans or ends (自2023年1月1日起至2023年12月31日止, 截至2023年12月31日)."""
    for paragraph in (opening or "").split("\n"):
        m = _REPORT_YEAR.match(paragraph.strip())
        if m and _OPENING_YEAR.match(paragraph.strip()):
            return int(m.group(1))
    m = _STATISTICS_PERIOD.search(opening or "")
    return int(m.group(1) or m.group(2)) if m else None


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
