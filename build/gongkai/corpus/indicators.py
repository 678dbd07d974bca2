"""Indicators: the numbers a reader wants, each traced to the paragraph it was read from.

The vocabulary and the sentence rules are data (``data/indicators.yml``). A value is what
the report says was done in the year it covers, so a plan yields nothing, and a number is
skipped when its words make it a target, another year's figure, a running total or a
comparison, or when it sits inside a document's name. The first value of an indicator in
a report wins: later ones are usually sub-counts (调解成功5089件 after 调解纠纷5169件).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..package_data import data_yaml
from .numerals import parse_number

# A number and its unit: Arabic (full-width digits are folded before), or Chinese numerals.
# A space may part the thousands (3 862件, in text from yearbooks and PDFs).
_NUMBER = re.compile(r"(?<![\d.])(\d{1,3}(?:,\d{3})+|\d{1,3}(?:[ \u00a0\u2009]\d{3})+(?![\d.])(?=\s*[件起宗项份])|"
                     r"\d+(?:\.\d+)?万?|[零〇一二两三四五六七八九十百千万]{1,12})\s*(件(?!次)|起|宗|项|份|%|％)")
# 百分之百, 百分之九十五, 百分之二十点五: a percentage in words, read as the figure it is.
_PER_CENT_WORDS = re.compile(r"百分之([零〇一二两三四五六七八九十百点]{1,8})")
_SENTENCE = re.compile(r"[^。！？；;!?]+")
_QUOTED = re.compile(r"《[^《》]*》|〔[^〔〕]*〕|\[[^\[\]]*\]")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年(?!度?[^，,；;]{0,3}(?:以来|至今))")
_CLAUSE_END = re.compile(r"[，,、：:]")
_WIDE_DIGITS = str.maketrans("０１２３４５６７８９．％，", "0123456789.%,")
# Plans and the notices that issue them state targets only.
NO_VALUES = ("规划", "通知", "决定", "解读")


@dataclass(frozen=True)
class Rule:
    name: str
    unit: str
    subject: re.Pattern[str] | None
    action: re.Pattern[str] | None
    rate: re.Pattern[str] | None
    not_in: tuple[str, ...] = ()  # document types whose sentences never give this figure
    rate_word: re.Pattern[str] | None = None  # the rate's own word (出庭应诉率), for a clause that goes on without it


@dataclass(frozen=True)
class Value:
    name: str
    value: float | int
    unit: str
    block: int  # 1-based block number: the paragraph anchor is p<block>
    breakdown: dict | None = None  # a table row's other cells (自然人, 商业企业 …)

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"name": self.name, "value": self.value, "unit": self.unit, "anchor": f"p{self.block}"}
        if self.breakdown:
            out["breakdown"] = dict(self.breakdown)
        return out


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[tuple[Rule, ...], dict[str, re.Pattern[str]]]:
    data = data_yaml("indicators.yml")
    units = names_and_units()
    rules = []
    verb, change = data["rate_words"]["verb"], data["rate_words"]["change"]
    for entry in data["narrative"]:
        compiled = {k: re.compile(entry[k]) if entry.get(k) else None for k in ("subject", "action", "rate")}
        if compiled["rate"] is not None:
            compiled["rate_word"] = compiled["rate"]
            # the rate's word before the number, maybe with a verb after a few words (连续三年保持), or its
            # change to this number (rate_words)
            compiled["rate"] = re.compile(f"(?:{entry['rate']})\\s*(?:[^，,；;\\d%％]{{0,8}}?(?:{verb}))?\\s*$"
                                          f"|(?:{entry['rate']})\\s*由[^，,；;]{{0,12}}?[\\d.]+\\s*[%％]\\s*{change}\\s*$")
        rules.append(Rule(entry["name"], units[entry["name"]], **compiled, not_in=tuple(entry.get("not_in") or ())))
    guards = {key: re.compile(pattern) for key, pattern in data["not_a_value"].items()}
    return tuple(rules), guards


@lru_cache(maxsize=1)
def definitions() -> dict[str, tuple[str, str]]:
    """Indicator name → (unit, what it means in Chinese), in the vocabulary's order."""
    data = data_yaml("indicators.yml")
    return {entry["name"]: (entry["unit"], str(entry.get("zh") or entry.get("means", ""))) for entry in data["indicators"]}


def names_and_units() -> dict[str, str]:
    return {name: unit for name, (unit, _) in definitions().items()}


def _unit_matches(rule: Rule, unit: str) -> bool:
    return (unit in "%％") == (rule.unit == "%")


def _action(rule: Rule, scope: str) -> re.Match[str] | None:
    """The rule's verb in ``scope``, unless negated (不予受理) or part of an organisation's name
    (人民调解组织, 调解委员会)."""
    if rule.action is None:
        return None
    for m in rule.action.finditer(scope):
        if scope[max(0, m.start() - 2):m.start()].endswith(_NEGATIONS):
            continue
        if re.match(r"(?:组织|委员会|中心|工作室|员)", scope[m.end():]):
            continue
        return m
    return None


_NEGATIONS = ("不予", "免予", "免于", "未", "不", "撤回", "驳回", "终止")


def _classify(rules: tuple[Rule, ...], local: str, clause: str, subject_text: str, after: str, unit: str) -> Rule | None:
    """The rule for a number. ``local``: the words since the last number or list mark; ``clause``:
    the clause the number is in, back over 、 lists (审核规范性文件45件、重大行政决策12件 shares 审核);
    ``subject_text``: the sentence so far; ``after``: the words right after the unit
    (审结75件行政复议案件)."""
    best: tuple[tuple[int, int, int], Rule] | None = None
    for rule in rules:
        if not _unit_matches(rule, unit):
            continue
        if rule.rate is not None:
            if rule.rate.search(local) or rule.rate.search(clause):
                return rule
            continue
        if rule.subject is None:
            continue
        later_subject = rule.subject.search(after)
        m = _action(rule, clause) or (_action(rule, after) if later_subject and later_subject.start() <= 2 else None)
        if not m:
            continue  # 等8件重大行政决策事项进行合法性审查: subject and verb after the number
        later = rule.subject.search(after)
        later = later if later and later.start() <= 2 else None  # 75件行政复议案件, 等8件重大行政决策
        named = rule.subject.search(local)
        own = named or later
        if not own and not rule.subject.search(subject_text):
            continue
        if named and local[:named.start()].endswith(_NEGATIONS):
            continue  # 作出不予行政处罚决定412件: a decision not to penalise is no penalty case
        # A subject named in these words beats one inherited from earlier in the sentence, and
        # the verb printed first governs the object: 审查…备案规范性文件 is a review.
        # and a verb among these words beats one further back (收案152件、结案147件).
        rank = (0 if own else 1, 0 if _action(rule, local) else 1, m.start())
        if later and local.rstrip().endswith("的") and _action(rule, after[later.end():]):
            rank = (0, -1, 0)  # 报备的17件规范性文件进行审查: the verb before 的 describes the object; the one after it acts
        if best is None or rank < best[0]:
            best = (rank, rule)
    return best[1] if best else _rate_carried_over(rules, local, subject_text, unit)


def _rate_carried_over(rules: tuple[Rule, ...], local: str, subject_text: str, unit: str) -> Rule | None:
    """出庭应诉率2022年为91%，2023年达到100%; …同比提高5.2个百分点，达到97.4%: a clause with only a verb
    (and maybe this year) before a rate gives the rate the sentence named last."""
    if unit != "%" or not _rate_goes_on().fullmatch(local.strip()):
        return None
    last: tuple[int, Rule] | None = None  # (where the rate's word ends, its rule), the latest in the sentence
    for rule in rules:
        for m in rule.rate_word.finditer(subject_text) if rule.rate_word is not None else ():
            if last is None or m.end() > last[0]:
                last = (m.end(), rule)
    if last is None or _ANY_RATE.search(subject_text[last[0]:]):
        return None  # 出庭应诉率逐年提高，好评率持续提升，达到99.5%: the number is another rate's
    return last[1]


_ANY_RATE = re.compile(r"率|比例|满意度|占比")


@lru_cache(maxsize=1)
def _rate_goes_on() -> re.Pattern[str]:
    words = data_yaml("indicators.yml")["rate_words"]
    return re.compile(f"(?:(?:19|20)\\d{{2}}\\s*年度?|本年度?|今年|全年)?\\s*(?:{words['verb']}|{words['change']})")


def _joint_total(rules: tuple[Rule, ...], local: str) -> bool:
    """人大代表建议和政协提案215件: one number for two indicators' subjects is neither's value."""
    found = {m.group(0) for r in rules if r.subject is not None for m in [r.subject.search(local)] if m}
    distinct = {a for a in found if not any(a != b and a in b for b in found)}
    # two subjects joined to each other (建议和提案), not a joiner elsewhere (区政府及各部门作为被告)
    return any(re.search(re.escape(a) + r"[^，,；;]{0,8}?[和与及、][^，,；;]{0,8}?" + re.escape(b), local)
               for a in distinct for b in distinct if a != b)


def _is_value(guards: dict[str, re.Pattern[str]], local: str, after: str, clause: str, head: str,
              report_year: int | None) -> bool:
    if guards["after"].search(after):
        return False
    rise = re.search(r"(?:至|到)\s*(?:(?:19|20)\d{2}\s*年的?)?\s*$", local)  # 由52件增至2022年的67件
    for key in ("target", "other_year", "cumulative", "comparison"):
        if guards[key].search(local) and not (key == "comparison" and rise):
            return False
    marks = [c.end() for c in re.finditer(r"[，,；;]", head)]
    earlier, current = (head[:marks[-1]], head[marks[-1]:]) if marks else ("", head)
    own_year = report_year is not None and re.search(rf"{report_year}\s*年", current)
    if guards["cumulative"].search(head) and not own_year:
        return False  # 近三年来，… / 自2021年1月至…: a running total, wherever in the sentence it is said (not 其中2023年…)
    if guards["target"].search(_QUOTATION.sub("", head)):
        return False  # 力争…，负责人出庭应诉率稳定在100%: the whole sentence is a plan (not a quoted requirement)
    if report_year is not None:
        # an earlier clause comparing with another year (较2022年的1,020件有所下降，全年…968件) dates only itself
        earlier = "".join(c for c in re.split(r"(?<=[，,；;])", earlier) if not _COMPARED_YEAR.search(c))
        years = [int(y) for y in _YEAR.findall(local if rise else earlier + current)]
        if years and years[-1] != report_year:
            return False  # the nearest year named before the number is another year's
    return True


_QUOTATION = re.compile(r"[“\"][^”\"]{0,60}[”\"]")  # 对照“出庭应诉率不低于90%”的要求: the quoted words are the requirement's
_COMPARED_YEAR = re.compile(r"(?:较|比|相比|同比|对比)\s*(?:19|20)\d{2}\s*年")


def narrative_values(paragraphs: list[tuple[int, str]], doc_type: str, report_year: int | None) -> list[Value]:
    """Indicator values from (block number, text) paragraphs, first value of each indicator."""
    if doc_type in NO_VALUES:
        return []
    rules, guards = _vocabulary()
    rules = tuple(rule for rule in rules if doc_type not in rule.not_in)
    found: dict[str, Value] = {}
    for block, text in paragraphs:
        if not re.search(r"\d|[一二三四五六七八九十百千]", text):
            continue
        text = _QUOTED.sub(lambda m: "□" * len(m.group(0)), text.translate(_WIDE_DIGITS))
        text = _PER_CENT_WORDS.sub(_per_cent, text)
        for sentence in _SENTENCE.finditer(text):
            _read_sentence(sentence.group(0), block, rules, guards, report_year, found)
    return list(found.values())


def _per_cent(m: re.Match[str]) -> str:
    value = 100 if m.group(1) == "百" else parse_number(m.group(1))  # 百分之百
    return f"{value}%" if value is not None and value <= 100 else m.group(0)


_LIST_MARK = re.compile(r"[、，：:]|,(?!\d{3}(?!\d))")  # not the comma of 5,600 (but of 91%,2023年)
_CLAUSE_MARK = re.compile(r"[，：:]|,(?!\d{3}(?!\d))")
# A clause with no number of its own that says what became of the number before: 61件，已全部办结.
_CONTINUED = re.compile(r"(?:共|总计|合计)?(?:达到|达|为|计)\s*")  # a clause that only goes on: …，达到93件
_LIST_JOIN = re.compile(r"\s*[、和及与][^，,；;：:。\d]{0,24}")  # 45件、市政协提案 | 63件
_BACK_REFERENCE = re.compile(r"^[，,]?\s*(?:已|均|并|且|全部|均已|已全部|全部已|并已|依法)+[^，,；;。\d]{0,24}")


_RESPECTIVELY = re.compile(r"(?P<items>[^，,；;：:]*?)(?:分别|依次)(?:为|是|达到?|占)?\s*$")


def _respectively(sentence: str, numbers: list[re.Match[str]], rules: tuple[Rule, ...],
                  guards: dict[str, re.Pattern[str]], report_year: int | None, block: int,
                  found: dict[str, Value]) -> set[int]:
    """收到、受理、办结行政复议案件分别为94件、90件、88件 (or 依次为): the k-th listed item takes the k-th number.
    Returns the positions of the numbers it read."""
    used: set[int] = set()
    k = 0
    while k < len(numbers):
        m = _RESPECTIVELY.search(sentence[:numbers[k].start()])
        if not m or (k and numbers[k - 1].end() > m.start("items")):
            k += 1
            continue
        run = [numbers[k]]
        while k + len(run) < len(numbers) and re.fullmatch(r"\s*[、和及与]\s*", sentence[run[-1].end():numbers[k + len(run)].start()]):
            run.append(numbers[k + len(run)])
        items = [i for i in re.split(r"[、和及与]", m.group("items")) if i.strip()]
        head = sentence[:m.start("items")] + m.group("items")
        if len(items) == len(run) > 1:
            for item, number in zip(items, run, strict=True):
                unit = "%" if number.group(2) in "%％" else "件"
                value = parse_number(number.group(1))
                rule = _classify(rules, item, item, head, "", unit)
                if rule and value is not None and rule.name not in found and _is_value(guards, item, "", head, head, report_year):
                    found[rule.name] = Value(rule.name, value, rule.unit, block)
                used.add(number.start())
        k += len(run)
    return used


def _read_sentence(sentence: str, block: int, rules: tuple[Rule, ...], guards: dict[str, re.Pattern[str]],
                   report_year: int | None, found: dict[str, Value]) -> None:
    start = 0
    numbers = list(_NUMBER.finditer(sentence))
    used = _respectively(sentence, numbers, rules, guards, report_year, block, found)
    run: list[tuple[str, float | int]] = []  # the numbers of a 、 list so far (建议45件、提案63件), with their words
    for k, m in enumerate(numbers):
        if m.start() in used:
            start = m.end()
            continue
        before = sentence[start:m.start()]
        start = m.end()
        value = parse_number(m.group(1))
        if value is None or (_is_classifier(m, sentence) and not _names_subject(rules, sentence[m.end():]))\
                or (m.group(2) in "%％" and value > 100):
            continue  # no share is above 100 %
        cut = [c.end() for c in _LIST_MARK.finditer(before)]
        local = before[cut[-1]:] if cut and before[cut[-1]:].strip() else before
        head = sentence[:m.start()]
        marks = [c.end() for c in _CLAUSE_MARK.finditer(head)]
        clause_start = marks[-1] if marks else 0
        opening = head[clause_start:].lstrip()
        if opening.startswith("其中") or (_CONTINUED.fullmatch(opening) and marks):
            # 其中规范性文件36件: the verb is the total's, in the clause before (past a 同比 remark on it);
            # 新收案件同比增长21%，达到93件: the number goes on the clause before the remark
            back = len(marks) - 2
            while back >= 0 and guards["comparison"].match(head[marks[back]:marks[back + 1]].lstrip()):
                back -= 1
            clause_start = marks[back] if back >= 0 else 0
        clause = head[clause_start:]
        after = re.split(r"[，,；;。、]", sentence[m.end():m.end() + 24], maxsplit=1)[0]
        unit = "%" if m.group(2) in "%％" else "件"
        if _joint_total(rules, local):
            continue
        rule = _classify(rules, local, clause, head, after, unit)
        if rule is not None and rule.name not in found and _is_value(guards, local, after[:3], clause, head, report_year):
            found[rule.name] = Value(rule.name, value, rule.unit, block)
        nxt = numbers[k + 1] if k + 1 < len(numbers) else None
        tail = sentence[m.end():nxt.start() if nxt else len(sentence)]
        run.append((local, value))
        if nxt is not None and _LIST_JOIN.fullmatch(tail):
            continue  # the list goes on: what the clause after it says applies to all of it
        _follow_up(tail, nxt is not None, run, rules, head, unit, block, found)
        run = []


def _names_subject(rules: tuple[Rule, ...], after: str) -> bool:
    """五件重大行政决策事项…进行合法性审查: the noun after the numeral is an indicator's subject."""
    return any(rule.subject is not None and rule.subject.match(after) for rule in rules)


def _is_classifier(m: re.Match[str], sentence: str) -> bool:
    """十件民生实事, 三个必审: a Chinese numeral whose unit counts the noun after it is a set phrase."""
    return not m.group(1)[0].isdigit() and bool(re.match(r"[\u4e00-\u9fff“\"]", sentence[m.end():m.end() + 1]))


def _follow_up(tail: str, more: bool, run: list[tuple[str, float | int]], rules: tuple[Rule, ...], head: str,
               unit: str, block: int, found: dict[str, Value]) -> None:
    """收到申请61件，已全部办结: the clause after a number, with a verb and no number, gives that
    verb's indicator the same value; after a list (收到建议45件、提案63件，已全部办结), each number
    gives it to the indicator its own words name."""
    back = _BACK_REFERENCE.match(tail)
    if not back or (more and not re.search(r"[，,；;]", tail[back.end():])):
        return  # the verb's clause goes on to a number of its own (61件，依法受理57件)
    verbed = [rule for rule in rules if rule.rate is None and rule.subject is not None and _unit_matches(rule, unit)
              and _action(rule, back.group(0))]
    for local, value in run:
        rule = next((r for r in verbed if r.subject and r.subject.search(local)), None)
        if rule is None and len(run) == 1:
            rule = next((r for r in verbed if r.subject and r.subject.search(head)), None)
        if rule is not None and rule.name not in found:
            found[rule.name] = Value(rule.name, value, rule.unit, block)
