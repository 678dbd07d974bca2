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
from importlib import resources

import yaml

from .numerals import parse_number

# A number and its unit: Arabic (full-width digits are folded before), or Chinese numerals.
_NUMBER = re.compile(r"(?<![\d.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千万]{1,12})\s*(件|起|宗|个|份|%|％)")
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
    data = yaml.safe_load(resources.files("gongkai").joinpath("data", "indicators.yml").read_text("utf-8"))
    units = names_and_units()
    rules = []
    for entry in data["narrative"]:
        compiled = {k: re.compile(entry[k]) if entry.get(k) else None for k in ("subject", "action", "rate")}
        if compiled["rate"] is not None:
            compiled["rate"] = re.compile(f"(?:{entry['rate']})\\s*(?:为|达到?|是|仅)?\\s*$")
        rules.append(Rule(entry["name"], units[entry["name"]], **compiled))
    guards = {key: re.compile(pattern) for key, pattern in data["not_a_value"].items()}
    return tuple(rules), guards


@lru_cache(maxsize=1)
def definitions() -> dict[str, tuple[str, str]]:
    """Indicator name → (unit, what it means in Chinese), in the vocabulary's order."""
    data = yaml.safe_load(resources.files("gongkai").joinpath("data", "indicators.yml").read_text("utf-8"))
    return {entry["name"]: (entry["unit"], str(entry.get("zh") or entry.get("means", ""))) for entry in data["indicators"]}


def names_and_units() -> dict[str, str]:
    return {name: unit for name, (unit, _) in definitions().items()}


def _unit_matches(rule: Rule, unit: str) -> bool:
    return (unit in "%％") == (rule.unit == "%")


def _classify(rules: tuple[Rule, ...], segment: str, subject_text: str, unit: str) -> Rule | None:
    """The rule for a number whose preceding words are ``segment`` (since the last number) within
    a sentence whose text so far is ``subject_text``."""
    best: tuple[tuple[int, int], Rule] | None = None
    for rule in rules:
        if not _unit_matches(rule, unit):
            continue
        if rule.rate is not None:
            if rule.rate.search(segment):
                return rule
            continue
        m = rule.action.search(segment) if rule.action else None
        if not m or rule.subject is None:
            continue
        own = rule.subject.search(segment)
        if not own and not rule.subject.search(subject_text):
            continue
        # A subject named in these words beats one inherited from earlier in the sentence, and
        # the verb printed first governs the object: 审查…备案规范性文件 is a review.
        rank = (0 if own else 1, m.start())
        if best is None or rank < best[0]:
            best = (rank, rule)
    return best[1] if best else None


def _is_value(guards: dict[str, re.Pattern[str]], segment: str, after: str, sentence_head: str,
              report_year: int | None) -> bool:
    if guards["after"].search(after):
        return False
    for key in ("target", "other_year", "cumulative", "comparison"):
        if guards[key].search(segment):
            return False
    if guards["cumulative"].search(sentence_head):
        return False
    if report_year is not None:
        years = {int(y) for y in _YEAR.findall(sentence_head)}
        if years and report_year not in years:
            return False  # the sentence speaks of another year
    return True


def narrative_values(paragraphs: list[tuple[int, str]], doc_type: str, report_year: int | None) -> list[Value]:
    """Indicator values from (block number, text) paragraphs, first value of each indicator."""
    if doc_type in NO_VALUES:
        return []
    rules, guards = _vocabulary()
    found: dict[str, Value] = {}
    for block, text in paragraphs:
        if not re.search(r"\d|[一二三四五六七八九十百千]", text):
            continue
        text = _QUOTED.sub(lambda m: "□" * len(m.group(0)), text.translate(_WIDE_DIGITS))
        for sentence in _SENTENCE.finditer(text):
            _read_sentence(sentence.group(0), block, rules, guards, report_year, found)
    return list(found.values())


def _read_sentence(sentence: str, block: int, rules: tuple[Rule, ...], guards: dict[str, re.Pattern[str]],
                   report_year: int | None, found: dict[str, Value]) -> None:
    start = 0
    for m in _NUMBER.finditer(sentence):
        before = sentence[start:m.start()]
        # The words since the last number, cut at the last clause mark unless that leaves nothing.
        cut = [c.end() for c in _CLAUSE_END.finditer(before)]
        segment = before[cut[-1]:] if cut and before[cut[-1]:].strip() else before
        start = m.end()
        value = parse_number(m.group(1))
        if value is None:
            continue
        unit = "%" if m.group(2) in "%％" else "件"
        rule = _classify(rules, segment, sentence[:m.start()], m.group(2) if unit == "%" else unit)
        if rule is None or rule.name in found:
            continue
        if not _is_value(guards, segment, sentence[m.end():m.end() + 3], sentence[:m.start()], report_year):
            continue
        found[rule.name] = Value(rule.name, value, rule.unit, block)
