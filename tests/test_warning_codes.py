"""Warning codes are data: each code the corpus stage can give is declared once, with a Chinese line."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import gongkai
from gongkai.warning_codes import describe, warning_codes

PACKAGE = Path(gongkai.__file__).parent


def _codes_given() -> set[str]:
    """Every code passed to PageWarning(...) anywhere in the package."""
    found = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_bytes())):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "PageWarning" and node.args:
                if isinstance(node.args[0], ast.Constant):
                    found.add(node.args[0].value)
    return found


def test_every_code_given_is_declared_and_every_declared_code_is_given():
    given = _codes_given()
    assert len(given) >= 8
    assert given == set(warning_codes())


def test_explanations_are_one_chinese_line():
    for code in warning_codes().values():
        assert code.section and code.explanation
        assert "\n" not in code.explanation and not re.search(r"[A-Za-z]", code.explanation + code.section), code


def test_an_unknown_code_still_has_a_chinese_line():
    assert re.search(r"[\u4e00-\u9fff]", describe("from_a_newer_version").explanation)


def test_the_editors_page_lists_each_report_with_one_line_per_warning(built_site):
    page = (built_site["docs"] / "editors.md").read_text("utf-8")
    corpus = built_site["corpus"]
    from gongkai.corpus_file import parse

    flagged = {p.stem: parse(p.read_text("utf-8")).front for p in corpus.glob("*.md")}
    flagged = {k: v for k, v in flagged.items() if v["warnings"]}
    assert flagged, "the seeds give warnings"
    for report_id, front in flagged.items():
        heading = page.index(f"(reports/{report_id}.md)")
        section = page[heading:].split("\n### ", 1)[0]
        for warning in front["warnings"]:
            assert describe(warning["code"]).explanation in section
    assert not re.search(r"\b(no|the|is|page)\b", page), "the page is in Chinese"
