"""What a page is and which year it reports on: ``doc_type`` and ``report_year``, from the title's
wording, or for a page that prints no title from its opening paragraphs."""
from __future__ import annotations

import re

# Kinds of document, tried in order: a 解读 of a report is a 解读, a 通知 that issues a plan is a 通知.
_REPORT_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")


# A report's own kind of wording in a title (依法治县 too; not 依法治理 or 法治宣传教育 work, which 普法 summaries report).
_RULE_OF_LAW = re.compile(r"法治(?:政府)?(?:部门)?建设|依法行政|依法治[省市县区州旗盟镇乡]|(?<!依)法治(?!宣传|教育|文化)[\u4e00-\u9fff]{0,4}工作")
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
    rule_of_law = _RULE_OF_LAW.search(stem) if (stem.endswith(("报告", "总结", "汇报", "情况", "工作")) or reported) and dated else None
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
