"""Whether a report was published on time: the deadline of the rule in force, and the verdict.

Rules are data (data/deadlines.yml), each with its text and source. A report without a
publication date, a year or a rule gets ``on_time: null``: unknown is never 'late'.
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache

from ..package_data import data_yaml


@lru_cache(maxsize=1)
def rules() -> list[dict]:
    data = data_yaml("deadlines.yml")
    return sorted(data["rules"], key=lambda r: str(r["effective"]))


def rule_for(doc_type: str | None, issuer_kind: str | None, report_year: int | None) -> dict | None:
    """The rule for this kind of report in force when its year ended: one written for this kind
    of issuer before a general one, then the newest."""
    if not report_year:
        return None
    year_end = dt.date(report_year + 1, 1, 1).isoformat()
    candidates = [r for r in rules() if r["doc_type"] == doc_type and str(r["effective"]) <= year_end
                  and r.get("issuer_kind") in (None, issuer_kind)]
    if not candidates:
        return None
    return max(candidates, key=lambda r: ("issuer_kind" in r, str(r["effective"])))


def deadline(doc_type: str | None, issuer_kind: str | None, report_year: int | None) -> str | None:
    rule = rule_for(doc_type, issuer_kind, report_year)
    if rule is None or report_year is None:
        return None
    return dt.date(report_year + 1, rule["month"], rule["day"]).isoformat()


def on_time(published: str | None, due: str | None) -> bool | None:
    if not published or not due:
        return None
    return str(published) <= due
