"""The issuing organ and its kind: from the labels, the signature, the title's opening organ,
an organ line under the title, the government of a place the title names, or the subject of
the opening sentence; then 人民政府 / 政府办公室 / 部门 / 党委机构 / 其他."""
from __future__ import annotations

import re

from .head import without_trailing_date
from .metadata import PageParts, organ_part, split_title_doc_no
from .normalise import normalise_name
from .patterns import ORGAN_SUFFIX
from .place import gazetteer
from .textnorm import squeeze_cjk_spaces

_LEADING_NOISE = re.compile(r"^(?:[【\[［(（][^】\]］)）]{0,12}[】\]］)）]|(?:19|20)\d{2}\s*年度?)\s*")


def _organ_prefix(title: str | None) -> str | None:
    """The organ that opens a title: ``江北区人民政府办公室关于…`` → 江北区人民政府办公室,
    ``四川省人民政府2023年度…`` → 四川省人民政府, ``2023年度上海市静安区司法局…`` → 上海市静安区司法局."""
    if not title:
        return None
    prefix = (organ_part(_LEADING_NOISE.sub("", title)) or "").strip().rstrip(":：")  # 中央依法治国办：关于…
    return prefix if prefix and is_organ(prefix) else None


def is_organ(name: str) -> bool:
    """An organ's name, maybe with its other name in brackets: 藏语委办（编译局）."""
    return bool(ORGAN_SUFFIX.search(re.sub(r"[（(][^（()）]{1,20}[)）]$", "", name)))


def _government_of_place(title: str | None) -> str | None:
    """``黑龙江省2023年度法治政府建设情况报告``, ``关于杭州市2024年度…的报告``,
    ``2023年上海市政府信息公开工作年度报告``: a report titled by a place alone is its government's."""
    if not title:
        return None
    text = re.sub(r"^关于", "", _LEADING_NOISE.sub("", title))
    end = gazetteer().chain_end(text)  # the names that open the title (重庆市綦江区)
    if end and re.match(r"(?:人民政府|政府)?(?:关于|(?:19|20)\d{2}|年度|政府信息公开|法治)", text[end:]):
        return gazetteer().full_names(text[:end]) + "人民政府"
    return None


def _government_of_office(name: str) -> str | None:
    """某市人民政府办公室 / 某市人民政府信息公开工作领导小组办公室 → 某市人民政府."""
    m = re.match(r"(.{2,20}?)人民政府.", name)
    if not m:
        return None
    return m.group(1) + "人民政府" if gazetteer().chain_end(m.group(1)) == len(m.group(1)) else None


def _organ_line(parts: PageParts, title: str | None) -> str | None:
    """An organ printed alone on a line of the head under the title (the speaker of a speech);
    the lines above the title are the site's."""
    if not title:
        return None  # without a title every line of the head is the site's
    below = parts.head
    for i, line in enumerate(parts.head):
        if title and split_title_doc_no(squeeze_cjk_spaces(line))[0].startswith(title):  # 称: 某某报告 too
            below = parts.head[i + 1:]
    for line in below:
        text = without_trailing_date(squeeze_cjk_spaces(line))  # 连州市市场监督管理局 2025-01-20
        if 4 <= len(text) <= 30 and ORGAN_SUFFIX.search(text) and not re.search(r"[\s:：|｜>]", text) \
                and gazetteer().mentions(text):
            return text
    return None


def extract_issuer(parts: PageParts, title: str | None, signer: str | None) -> str | None:
    """The 发文机关, full name: a label, the signature, the title's opening organ, an organ line
    under the title, the government of a place the title names, the publisher."""
    labelled = normalise_name(parts.labelled.get("issuer"))
    from_title = _organ_prefix(title)
    if labelled and from_title and is_site_relative(labelled) and not is_site_relative(from_title) \
            and extract_issuer_kind(labelled) == extract_issuer_kind(from_title):
        return from_title  # 发文机关：县政府办 under 循化县人民政府办公室…年度报告: the title's is the full name
    if labelled and from_title and _government_of_office(labelled) == from_title:
        return from_title  # 发文机关：某县人民政府办公室 under 某县人民政府关于…的报告: the office issues the government's report
    if labelled:
        return labelled
    government = None if from_title else _government_of_place(title)
    if government:  # a report titled by its place is the government's, whoever signs for it
        return signer if signer and signer.endswith(government) else government
    if signer and ORGAN_SUFFIX.search(signer):
        # The signature usually prints the full name (重庆市江北区…): keep it when it ends with the
        # title's organ; an office signing a government's report (…人民政府办公室) does not.
        if not from_title or signer.endswith(from_title):
            return signer
    if from_title:
        return from_title
    other = _organ_line(parts, title)
    if other:
        return other
    publisher = normalise_name(parts.labelled.get("publisher"))
    if publisher and ORGAN_SUFFIX.search(publisher):
        return publisher
    # a town's or a street's report: 发布机构：辰溪县小龙门乡, or a title that opens with the town
    titled = _TOWN_TITLE.match(title) if title else None
    town = _town(publisher) or (titled.group("town") if titled else None)
    return town_government(town) if town else None


# A town's or street's name (下各镇 too), not a collective: 全县各乡镇, 县各镇, 城乡, 所辖乡镇, 我镇.
_TOWN_NAME = r"(?![全各本我该])(?:(?!乡镇|城乡|所辖|[省市区县旗]各)[\u4e00-\u9fff]){2,24}?(?:乡|镇|街道|苏木)"
_TOWN = re.compile(_TOWN_NAME)
# A title opening with a town or street (小龙门乡2024年法治政府建设情况报告, 2023年某某镇政府信息公开…).
_TOWN_TITLE = re.compile(rf"^(?:(?:19|20)\d{{2}}\s*年度?)?(?P<town>{_TOWN_NAME})"
                         r"(?=(?:19|20)\d{2}|关于|年度|法治|政府信息公开|人民政府)")


def _town(name: str | None) -> str | None:
    return name if name and _TOWN.fullmatch(name) else None


def town_government(town: str) -> str:
    """小龙门乡 → 小龙门乡人民政府, 东风路街道 → 东风路街道办事处: the organ of a town or street named alone."""
    return town + ("办事处" if town.endswith("街道") else "人民政府")


# An organ named as its own site names it, without the place: 县政府办, 区统计局, 市司法局; not a word
# that starts with a level's character (市场监督管理局, 市政园林局, 区域合作办公室).
_LEVELS = "省市州盟区县旗"
_RELATIVE = re.compile(rf"^[{_LEVELS}](?!场|政(?!府)|容|域)[\u4e00-\u9fff]")
_PLACELESS = re.compile(r"^(?:市场|市政|市容|区域|县域)[\u4e00-\u9fff]*(?:局|委|办|中心|站|队)$")


def is_site_relative(name: str) -> bool:
    return bool(_RELATIVE.match(name)) and not gazetteer().mentions(name)


def placed_issuer(issuer: str | None, region: str | None) -> str | None:
    """区统计局 on 兴宁区's site → 兴宁区统计局: a site-relative organ takes the name of the place
    the page is placed in, when that place is of the organ's level (县 for 县…, 区 for 区…); an organ
    named without any place (市场监督管理局) takes the place's whole name before its own."""
    if not issuer or not region:
        return issuer
    if is_site_relative(issuer) and region.endswith(issuer[0]):
        return region + issuer[1:]
    if _PLACELESS.match(issuer):
        return region + issuer
    return issuer


_OWN_VOICE = re.compile(rf"我([{_LEVELS}])")
_DEPARTMENT_VOICE = re.compile(r"我(?:局|委|办|厅|院|所|中心|站|队|单位|部门)|本(?:机关|单位|部门|局|委|办|厅)")


def government_speaking(text: str, region: str | None) -> str | None:
    """A page that names no organ but speaks as 我县/我区 throughout, on the site of that
    place: the place's government (我区 on 大丰区's site → 大丰区人民政府). A department says 我局."""
    if not region or _DEPARTMENT_VOICE.search(text):
        return None
    levels = _OWN_VOICE.findall(text)
    level = region[-1]
    return region + "人民政府" if levels.count(level) >= 2 and levels.count(level) * 2 > len(levels) else None


# The subject of a report's opening sentence: 2023年，吉林省人民政府坚持…; 2024年，山西省委、省政府坚持…;
# 现公布某区文化和旅游局2025年政府信息公开工作年度报告.
_OPENING_SUBJECT = re.compile(r"^\s*(?:19|20)\d{2}\s*年度?(?:以来)?\s*[，,]\s*"
                              r"(?:在[^，,。]{2,40}(?:领导|指导|关心|支持|部署)下\s*[，,]?\s*){0,3}(?P<org>[\u4e00-\u9fff、]{2,24}?)"
                              r"(?=坚持|深入|认真|以|在|紧紧|全面|围绕|聚焦|始终|持续|把|按照|紧扣|立足|扎实|积极|牢牢)")
_PUBLISHED_SUBJECT = re.compile(r"(?:现公布|现发布|特公布)(?P<org>[\u4e00-\u9fff（）()]{4,40}?)(?:19|20)\d{2}\s*年度?政府信息公开")


def issuer_from_opening(opening: str | None) -> str | None:
    """The organ the opening sentence speaks for, when the page names it nowhere else."""
    if not opening:
        return None
    first = opening.split("\n", 1)[0]
    m = _PUBLISHED_SUBJECT.search(first)
    if m and is_organ(m.group("org")):
        return m.group("org")
    compiler = _PREAMBLE_ORGAN.search(first)
    named = compiler or _OWN_NAME.search(first)
    if named:  # 本报告由某市人民政府办公室编制; 特此公布《某县人民政府2023年…年度报告》
        text = named.group("org")
        government = _government_of_place(text) or _government_of_office(text)
        prefix = _organ_prefix(text) or (text if is_organ(text) else None)
        if compiler and government and prefix and prefix.startswith(government) and not _OFFICE_VOICE.search(opening):
            return government  # the government's office compiles the government's report (unless it says 我办)
        # (a report's own name, 《某区人民政府办公室2023年…年度报告》, is the office's own report)
        if prefix or government:
            return prefix or government
    for paragraph in opening.split("\n")[:3]:  # the subject may open the first section, not the preamble
        found = _subject_of(paragraph)
        if found:
            return found
    return None


_OFFICE_VOICE = re.compile(r"我办|本办|我厅|本厅")  # an office speaking of its own work: its own report
_PREAMBLE_ORGAN = re.compile(r"由(?P<org>[\u4e00-\u9fff（）()]{4,40}?)(?:根据|依据|按照|编制|汇总|综合|负责)")
_OWN_NAME = re.compile(r"《(?P<org>[^《》]{6,60}(?:年度报告|情况的报告|情况报告|工作报告))》")


# What follows a place's name when the place's government speaks: 人民政府, 政府, 县委、县政府, 党委、政府.
_OWN_GOVERNMENT = re.compile(r"(?:人民政府|政府)?|(?:[省市区县州旗镇乡]?委|党委)(?:、[省市区县州旗镇乡]?(?:人民)?政府)?")


def _subject_of(first: str) -> str | None:
    m = _OPENING_SUBJECT.match(first)
    if not m:
        return None
    org = m.group("org")
    town = _TOWN.match(org)
    if town and _OWN_GOVERNMENT.fullmatch(org[town.end():]):
        return town_government(town.group(0))  # 2024年，…观胜镇党委、政府深入…
    g = gazetteer()
    end = g.chain_end(org)
    if end:
        place, rest = org[:end], org[end:]
    else:
        # short names of provinces and cities only (广东, 杭州): a county's (巴州 of 巴州区) is too often another's
        shorts = [(len(k), k) for k in g.by_short if org.startswith(k) and len(g.by_short[k]) == 1
                  and g.by_short[k][0].level in ("province", "city")]
        if not shorts:
            return None
        short = max(shorts)[1]
        place, rest = g.by_short[short][0].name, org[len(short):]
    if _OWN_GOVERNMENT.fullmatch(rest):
        return place + "人民政府"
    if rest and is_organ(rest):
        return place + rest  # 2023年，山东省人民政府办公厅以…
    return None


_PARTY = re.compile(r"^(中共|中国共产党)|党委|党工委|党组|纪委|政法委|依法治[\u4e00-\u9fff]{0,2}(?:委员会|办)|"
                    r"[区县市州旗省]委(办公室|组织部|宣传部|统战部)")
_GOVERNMENT_OFFICE = re.compile(r"(人民政府|政府)办公(室|厅)$|政府办$")
# A 街道办事处 is the district government's office for a part of a city, the level of a town's
# 人民政府: its report compares with towns' and counties' reports, not with departments'.
_GOVERNMENT = re.compile(r"(人民政府|政府)$|街道办(事处)?$|^(?!.*(?:驻|税务|林场|农场)).*办事处$")  # 北街办事处; not 驻京办事处


def extract_issuer_kind(issuer: str | None) -> str | None:
    """人民政府 / 政府办公室 / 部门 / 党委机构 / 其他: whose report it is, for like-with-like comparison."""
    if not issuer:
        return None
    if _PARTY.search(issuer):
        return "党委机构"
    if _GOVERNMENT_OFFICE.search(issuer):
        return "政府办公室"
    if _GOVERNMENT.search(issuer):
        return "人民政府"
    if is_organ(issuer):
        return "部门"
    return "其他"
