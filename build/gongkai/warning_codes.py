"""The warning codes the corpus stage gives, as data (data/warnings.yml): section and a one-line explanation.

The corpus stage writes only the code and its detail (the words removed, a date as printed);
what the code means is said once, in Chinese, here, for the report pages and the editors' page.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from .package_data import data_yaml


@dataclass(frozen=True)
class WarningCode:
    code: str
    section: str
    explanation: str


@cache
def warning_codes() -> dict[str, WarningCode]:
    """Every declared code, in the file's order."""
    data = data_yaml("warnings.yml")
    return {code: WarningCode(code, entry["section"], entry["explanation"]) for code, entry in data.items()}


UNKNOWN = WarningCode("", "其他", "清理程序给出的其他提示。")


def describe(code: str) -> WarningCode:
    """The declared code, or a generic one for a code this version does not know (an older corpus)."""
    return warning_codes().get(code, UNKNOWN)


def sections() -> list[str]:
    """The editors' page groups, in order."""
    return list(dict.fromkeys(c.section for c in warning_codes().values()))
