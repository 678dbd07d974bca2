"""Where a page's text begins: the title line, the metadata and chrome around it, and the
publication date and source printed beside the title when no label names them."""
from __future__ import annotations

import re

from .chrome import breadcrumb, is_chrome_line, is_nav_row
from .dates import DATE_TEXT
from .labels import is_bare_label_line, is_label_line, strip_decoration
from .metadata import find_title_index, split_title_doc_no, title_score
from .patterns import DOC_NO, H2_MARKER, H3_MARKER, ORGAN_SUFFIX, TITLE_ENDINGS
from .spam import is_marker_only
from .textnorm import squeeze_cjk_spaces

# A body starts at the first line that reads like prose: a sentence, or an addressee (区委：). A line
# that opens with a full date is never an addressee: 2024-01-25 16时40分浏览次数: ends in an empty
# counter (while 2023年，我区…情况如下： opens a report).
_PROSE = re.compile(rf"[。；！？]|^(?!\s*{DATE_TEXT}|\s*[•·▪●◆■]).{{0,40}}[:：]$|[，,].{{20,}}")  # • 审核程序: is a label
_TABLE_RULE = re.compile(r"\|?(?:\s*:?-{3,}:?\s*\|)+\s*")
_DATE = (DATE_TEXT + r"(?:\s*\d{1,2}\s*[:：时]\s*\d{1,2}\s*分?(?:\s*[:：]\s*\d{1,2}\s*秒?)?)?")
# A date (and time) alone on a line under a title, maybe with the site after it: 2024-04-12 09:30 某某网.
DATE_LINE = re.compile(rf"^[（(]?\s*(?P<date>{_DATE})\s*[）)]?(?:\s+[A-Za-z]{{3}})?"
                       rf"(?:\s*(?P<source>(?!星期|周[一二三四五六日])[\u4e00-\u9fff]{{2,20}}))?\s*$")
# A site's banner date (2019年12月3日 星期二, 今天是…) is today's date, never the document's.
_BANNER = re.compile(r"今天是|星期[一二三四五六日天]|周[一二三四五六日](?![\u4e00-\u9fff])")
_ANY_DATE = re.compile(rf"(?<![（(\d])(?P<date>{_DATE})")
# Slogans and banners above a title may read as prose; a title this close below them still counts.
_SLOGAN_LINES, _SLOGAN_CHARS, _TITLE_REACH = 2, 160, 12


def is_prose(line: str) -> bool:
    return bool(_PROSE.search(line)) and not is_label_line(line) and not breadcrumb(line)


def _organ_only(line: str) -> bool:
    """An organ (or organs, space-separated) alone on a line: 贵阳市人民政府, 中共某区委 某区人民政府."""
    parts = line.split()
    return 0 < len(parts) <= 3 and 4 <= len(line) <= 40 and all(
        ORGAN_SUFFIX.search(re.sub(r"[（(][^）)]*[）)]$", "", p)) and not re.search(r"[:：|｜>，,。]", p) for p in parts)


def _early_prose(lines: list[str]) -> list[int]:
    """The prose lines up to _TITLE_REACH below the first one, and the next one after them: all that
    _find_title looks at. The rest of a long page is never tested (that was a tenth of cleaning)."""
    prose: list[int] = []
    for i, line in enumerate(lines):
        if line and is_prose(line) and not is_chrome_line(line):
            prose.append(i)
            if i >= prose[0] + _TITLE_REACH:
                break
    return prose


def _find_title(lines: list[str], hints: frozenset[str]) -> tuple[int, int | None]:
    """(first prose line, title line). A title is looked for above the first prose line, and a
    little below it when only a short slogan or two stand above."""
    prose = _early_prose(lines)
    first_prose = prose[0] if prose else len(lines)
    title_idx = find_title_index(lines[:first_prose], hints)
    if title_idx is None and prose:
        early = [i for i in prose if i < first_prose + _TITLE_REACH]
        slogans = 0
        for i in early:
            if len(lines[i]) > _SLOGAN_CHARS:
                break
            slogans += 1
            if slogans > _SLOGAN_LINES:
                break
            reach = next((j for j in prose if j > i), len(lines))
            found = find_title_index(lines[i + 1:min(reach, i + 1 + _TITLE_REACH)], hints)
            if found is not None and title_score(lines[i + 1 + found]) >= 3:
                return i + 1 + found, i + 1 + found
    return first_prose, title_idx


def split_head(lines: list[str], hints: frozenset[str] = frozenset()) -> tuple[int, int | None]:
    """(index where the body starts, index of the title line or None); ``hints``: the parts of
    the page's HTML <title> (metadata.title_hints)."""
    first_prose, title_idx = _find_title(lines, hints)
    start = (title_idx + 1) if title_idx is not None else 0
    # Skip the metadata, chrome and repeated title that sit between title and text.
    title_text = split_title_doc_no(lines[title_idx])[0] if title_idx is not None else None
    after_bare_label = False
    while start < len(lines):
        line = lines[start]
        bare = strip_decoration(line)
        skippable = (not line or not bare or is_chrome_line(line) or is_label_line(line) or breadcrumb(line)
                     or DOC_NO.fullmatch(line) or is_marker_only(line) or _TABLE_RULE.fullmatch(line)
                     or DATE_LINE.match(bare) or _dated_meta(bare) or _organ_then_date(bare)
                     or (title_text and _title_piece(line, title_text))
                     or (title_idx is not None and _organ_only(line))  # the organ under a title
                     or (title_idx is None and start < first_prose and not is_prose(line))
                     # the value of a label printed alone on the line before (• 索引号： / 6107…)
                     or (after_bare_label and len(line) <= 60 and not is_prose(line)))
        if not skippable:
            break
        if line:
            after_bare_label = bool(is_bare_label_line(line))
        start += 1
    return start, title_idx


def _title_piece(line: str, title: str) -> bool:
    """The title again, whole or one of the lines it is broken over when printed a second time
    (海南省人民政府办公厅关于印发 / 《海南省2023年法治政府建设 / 工作要点》的通知)."""
    text = squeeze_cjk_spaces(line.replace("**", "")).strip()
    return text == title or ((len(text) >= 6 or (len(text) >= 4 and title.startswith(text))) and text in title
                             and not is_prose(text))  # 洛阳市嵩县 / 2024年…年度报告 under the title


_TRAILING_DATE = re.compile(rf"\s+{_DATE}\s*$")


def without_trailing_date(line: str) -> str:
    """The line without the date (and time) printed after it: 某某局 2025-01-20 → 某某局."""
    return _TRAILING_DATE.sub("", line)


def _organ_then_date(line: str) -> bool:
    """The source and date printed again under the metadata: 市司法局 2024年02月22日; or the site,
    maybe with its address, then the date: 银川市人民政府门户网站 www.yinchuan.gov.cn 2023-01-28."""
    m = _TRAILING_DATE.search(line)
    return m is not None and (_organ_only(line[:m.start()]) or bool(_SITE_BEFORE_DATE.fullmatch(line[:m.start()].strip())))


_SITE_BEFORE_DATE = re.compile(r"[\u4e00-\u9fff（）()]{2,30}(?:网|网站|门户网站|政府网)(?:\s+(?:https?://)?[\w-]+(?:\.[\w-]+)+/?)?")


def _dated_meta(line: str) -> bool:
    """A short line that is a date plus page furniture (2013年04月23日17:01 | 某某网 | 字号)."""
    return len(line) <= 80 and bool(_ANY_DATE.match(line)) and not is_prose(line.replace("|", " "))


_TITLE_TAIL_REACH = 40  # head lines looked at: a title is near the top


def join_title_tails(lines: list[str], probe: list[str]) -> None:
    """A title whose last words fell onto a line of their own below it (贵州省2023年度法治政府建设工作 /
    情况报告), maybe with a blank line between: the tail is joined to the title's line, in both the
    page's lines and their simplified probe."""
    nonblank = [i for i, line in enumerate(probe[:_TITLE_TAIL_REACH]) if line]
    for i, j in zip(nonblank, nonblank[1:], strict=False):
        head, tail = probe[i], probe[j]
        if 2 <= len(tail) <= 12 and tail.endswith(TITLE_ENDINGS) and not re.search(r"[，,。：:|｜>]", tail + head) \
                and not (H2_MARKER.match(tail) or H3_MARKER.match(tail)) and not ORGAN_SUFFIX.search(head) \
                and re.search(r"(?:19|20)\d{2}|关于", head)  \
                and len(head) <= 60 and title_score(head) < 3 and title_score(head + tail) >= 3 and not is_chrome_line(head):
            # the tail is no heading (一、总体情况) and the head no organ line: a title's start names its year or 关于
            lines[i], probe[i] = lines[i] + lines[j], head + tail
            lines[j] = probe[j] = ""
            return


def joined_title(lines: list[str], title_idx: int | None) -> str | None:
    """The title line, joined with the lines above it when the title is split: the organ
    (赵县人民政府 / 2022年度…报告), or the organ and an opening fragment (呼和浩特市人民政府 /
    关于全面推进依法行政加快建设 / 法治政府的实施意见)."""
    if title_idx is None:
        return None
    text = lines[title_idx]
    above = [line for line in lines[:title_idx] if line][-2:]
    for line in reversed(above):
        if is_chrome_line(line) or is_label_line(line) or breadcrumb(line) or is_nav_row(line):
            break
        if re.match(r"(?:关于|(?:19|20)\d{2}\s*年)", text) and _organ_only(line):
            return line + text
        # broken after its 关于: 吉林市人民政府关于 / 2023年度法治政府建设情况的报告
        if line.endswith("关于") and not text.startswith("关于") and _organ_only(line[:-2].rstrip()):
            return line + text
        fragment = len(line) <= 40 and not re.search(r"[，,。：:|｜；;]", line)
        if fragment and line.startswith("关于") and title_score(line + text) >= title_score(text):
            text = line + text
            continue
        # a title broken inside a word (…2022年政府信息 / 公开年度报告): the joined line reads as a title
        if fragment and len(text) <= 16 and not re.match(r"(?:关于|(?:19|20)\d{2})", text) and title_score(line) < 3 \
                and re.search(r"(?:19|20)\d{2}\s*年", line) and not DOC_NO.search(line) and not re.match(r"[•·]|\d{4}\s*[-/.]", line) \
                and title_score(line + text) >= 3 and len(line + text) <= 80:
            text = line + text
            continue
        break
    return text


def head_date(head: list[str], title_idx: int | None) -> str | None:
    """A date printed in the metadata under the title without a label of its own (a bracketed
    speech date is not one, and nor is the stale date of a site's banner above the title)."""
    for line in head[(title_idx or 0):]:
        bare = strip_decoration(line)
        if not bare or _BANNER.search(bare) or len(bare) > 100 or is_prose(bare.replace("|", " ")):
            continue
        m = DATE_LINE.match(bare) or _ANY_DATE.search(bare)
        # a date right after a label's colon is that label's (公文生成日期：2025-01-20, 失效日期：…)
        if m and not re.search(r"[:：]\s*$", bare[:m.start()]):
            return m.group("date")
    for line in head[:title_idx or 0]:  # above the title, only the source and its date: 四平市人民政府 2020-05-12 09:01:00
        bare = strip_decoration(line)
        if not _BANNER.search(bare) and _organ_then_date(bare):
            return _ANY_DATE.search(bare).group("date")  # type: ignore[union-attr]  # _organ_then_date found it
    return None


def source_after_date(head: list[str]) -> str | None:
    """The site named after an unlabelled date (2024-04-12 09:30 某省人民政府网;
    2013年04月23日17:01 | 某某网 www.… | 字号)."""
    for line in head:
        bare = strip_decoration(line)
        m = _ANY_DATE.match(bare)
        if not m or _BANNER.search(bare):
            continue
        for segment in re.split(r"\s*\|\s*|\s{2,}", bare[m.end():]):
            name = re.match(r"\s*([\u4e00-\u9fff]{2,20})(?:\s|$)", segment)
            if name and not is_label_line(segment) and not is_chrome_line(segment):
                return name.group(1)
    return None
