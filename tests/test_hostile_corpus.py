"""The corpus stage under hostile input: one page fails alone, names stay safe, nothing leaks."""
from __future__ import annotations

import os
import shutil

import pytest

from conftest import ROOT, SEEDS, TOPICS
from gongkai.corpus_file import parse
from gongkai.names import display, safe_slug
from gongkai.corpus.pipeline import build_corpus
from gongkai.corpus.reading import collect_sources
from gongkai.corpus.textnorm import drop_controls, widen_punctuation

PLAIN = SEEDS / "003_78ed85b0c485cc82.txt"


def _fronts(folder):
    return {p.name: parse(p.read_text("utf-8")).front for p in folder.glob("*.md")}


def test_deeply_nested_html_is_skipped_alone(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(PLAIN, src)
    (src / "deep.html").write_text("<html><body>" + "<div>" * 10000 + "某区人民政府关于2022年度法治政府建设情况的报告。" * 5
                                   + "</div>" * 10000 + "</body></html>", "utf-8")
    result = build_corpus(collect_sources([src]), tmp_path / "out", TOPICS, root=ROOT)
    assert len(result.written) >= 1
    assert all("deep.html" in str(f) or f.path.name == "deep.html" for f in result.failures)


def test_a_file_name_that_is_not_utf8_is_read_and_named_safely(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    name = os.fsdecode(b"bad-\xff\xfe-name.txt")
    try:
        shutil.copy(PLAIN, src / name)
    except (OSError, UnicodeError):
        pytest.skip("this file system refuses names that are not UTF-8")
    result = build_corpus(collect_sources([src]), tmp_path / "out", TOPICS, root=ROOT)
    assert not result.failures
    (front,) = _fronts(tmp_path / "out").values()
    assert "\ufffd" in front["source"]["path"]
    assert display(src / name).encode("utf-8")  # printable


def test_symlinks_out_of_the_source_folder_are_refused(tmp_path):
    src = tmp_path / "seeds"
    src.mkdir()
    shutil.copy(PLAIN, src)
    secret = tmp_path / "config"
    secret.write_text("token=SECRET-MARKER " + "政府" * 50, "utf-8")
    (src / "leak.txt").symlink_to(secret)
    (src / "passwd.txt").symlink_to("/etc/passwd")
    (src / "inside.txt").symlink_to(src / PLAIN.name)
    refused = []
    found = collect_sources([src], refused)
    assert sorted(p.name for p in found) == sorted([PLAIN.name, "inside.txt"])
    assert sorted(e.path.name for e in refused) == ["leak.txt", "passwd.txt"]
    assert all("refused" in str(e) for e in refused)
    refused = []
    assert collect_sources([src / "leak.txt"], refused) == [] and len(refused) == 1


def test_naming_one_file_keeps_every_other_report(tmp_path):
    out = tmp_path / "out"
    build_corpus(collect_sources([SEEDS]), out, TOPICS, root=ROOT)
    before = set(_fronts(out))
    new = tmp_path / "new.txt"
    shutil.copy(PLAIN, new)
    build_corpus([new], out, TOPICS, root=ROOT, prune=False)
    assert before < set(_fronts(out))
    build_corpus(collect_sources([SEEDS]), out, TOPICS, root=ROOT)  # the whole folder again: the newcomer goes
    assert set(_fronts(out)) == before


def test_control_characters_are_dropped_and_noted(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    text = PLAIN.read_text("utf-8").replace("报告", "报\x01告\x1b\x7f\x9b", 1)
    (src / "ctl.txt").write_text(text, "utf-8")
    build_corpus([src / "ctl.txt"], tmp_path / "out", TOPICS, root=ROOT)
    (path,) = (tmp_path / "out").glob("*.md")
    written = path.read_text("utf-8")
    assert not any(ch in written for ch in "\x01\x1b\x7f\x9b")
    assert "control_chars_removed" in {w["code"] for w in parse(written).front["warnings"]}
    assert drop_controls("a\x00b\tc\n") == ("ab\tc\n", 1)


@pytest.mark.parametrize("name", ["README", "index", ".", "..", "a..b", "x\ny", "#%?", '"><svg onload=1>', "[x](y)", ""])
def test_slugs_are_safe_and_distinct(name):
    slug = safe_slug(name)
    assert slug and not slug.startswith(".") and slug.lower() not in ("readme", "index")
    assert all(ch.isalnum() or ch in "-_" for ch in slug)


def test_names_that_clean_alike_stay_distinct():
    assert safe_slug("A/B局") != safe_slug("A:B局")
    assert safe_slug("江北区") == "江北区" and safe_slug("000_af70") == "000_af70"


def test_widening_is_linear_on_long_runs():
    # A quadratic scan takes minutes on these; linear code takes well under a second each.
    for line in ("1" * 200_000, "政" * 200_000 + ",", "a" * 200_000 + "@", "(" * 50_000 + "政)"):
        assert len(widen_punctuation(line)) == len(line)
