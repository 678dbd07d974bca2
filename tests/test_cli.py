"""The CLI end to end, as a user runs it."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

from click.testing import CliRunner

from conftest import ROOT, SEEDS, TOPICS
from gongkai.cli import main


def test_corpus_command_end_to_end(tmp_path):
    out = tmp_path / "corpus"
    proc = subprocess.run([sys.executable, "-m", "gongkai.cli", "corpus", str(SEEDS), "--out", str(out),
                           "--topics", str(TOPICS)], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert len(list(out.glob("*.md"))) == 5
    assert "[5/5]" in proc.stderr
    assert "5 reports written" in proc.stdout and "spam_removed" in proc.stdout and "date_repaired" in proc.stdout


def test_bad_file_is_named_and_others_still_written(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(SEEDS / "001_e40db4cf0542f638.txt", src)
    (src / "broken.txt").write_bytes(b"")
    result = CliRunner().invoke(main, ["corpus", str(src), "--out", str(tmp_path / "out"), "--topics", str(TOPICS)])
    assert result.exit_code == 0
    assert "broken.txt: file is empty" in result.output and "1 reports written" in result.output


def test_nothing_processed_exits_1(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"\x00" * 10)
    result = CliRunner().invoke(main, ["corpus", str(tmp_path), "--out", str(tmp_path / "o"), "--topics", str(TOPICS)])
    assert result.exit_code == 1 and "no report could be processed" in result.output


def test_bad_arguments_exit_2(tmp_path):
    result = CliRunner().invoke(main, ["corpus", str(tmp_path / "missing"), "--topics", str(TOPICS)])
    assert result.exit_code == 2 and "no such file or folder" in result.output


def test_library_errors_become_one_line(tmp_path):
    """Bad YAML in a corpus file, and `gongkai add` outside a project: one line, no traceback."""
    import subprocess
    import sys

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "bad.md").write_text("---\ntitle: [unclosed\nsource: {path: x}\n---\n\ntext\n", "utf-8")
    gongkai = [sys.executable, "-m", "gongkai.cli"]
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", "utf-8")
    run = subprocess.run(gongkai + ["site", "--corpus", str(corpus), "--docs", str(tmp_path / "docs"), "--no-build"],
                         capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert "bad.md" in run.stderr and "not valid YAML" in run.stderr
    page = tmp_path / "page.txt"
    page.write_text("某某区人民政府关于2022年度法治政府建设情况的报告\n" + "全年共收到行政复议申请61件。" * 5, "utf-8")
    run = subprocess.run(gongkai + ["add", str(page)], capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 1 and "Traceback" not in run.stderr and "topic vocabulary not found" in run.stderr
    assert not (tmp_path / "seeds").exists()  # nothing copied


def test_corpus_into_a_new_folder_uses_the_projects_vocabulary(tmp_path, monkeypatch):
    """`gongkai corpus SRC --out NEW` in a project: NEW has no topics.yml yet, the project's is used."""
    monkeypatch.chdir(TOPICS.parent.parent)
    out = tmp_path / "new"
    result = CliRunner().invoke(main, ["corpus", str(sorted(SEEDS.glob("*.txt"))[0]), "--out", str(out), "--no-cache"])
    assert result.exit_code == 0, result.output
    assert len(list(out.glob("*.md"))) == 1


def test_a_failing_search_index_is_one_line(tmp_path, monkeypatch):
    """An exception in the index's own process becomes one GongkaiError line naming the step."""
    import shutil

    import pytest

    from gongkai.errors import GongkaiError
    from gongkai.site import generate as generate_module
    from gongkai.site.search import job

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    result = CliRunner().invoke(main, ["corpus", str(SEEDS), "--out", str(corpus), "--topics", str(TOPICS), "--no-cache"])
    assert result.exit_code == 0, result.output
    shutil.copy(TOPICS, corpus / "topics.yml")

    def broken(*args, **kwargs):
        raise RuntimeError("the index broke")

    monkeypatch.setattr(job, "build_index", broken)
    with pytest.raises(GongkaiError) as info:
        generate_module.generate(corpus, tmp_path / "docs", tmp_path, "http://127.0.0.1/")
    assert str(info.value) == "building the search index failed: RuntimeError: the index broke"


def test_build_stops_before_the_site_when_the_corpus_fails(tmp_path):
    """`gongkai build` (what `make site` runs): a corpus that cannot be made is its one error, with the
    corpus command's exit code, and no site is built from a stale corpus."""
    (tmp_path / "empty").mkdir()
    run = subprocess.run([sys.executable, "-m", "gongkai.cli", "build", str(tmp_path / "empty")], cwd=tmp_path,
                         capture_output=True, text=True, timeout=300,
                         env={**os.environ, "GONGKAI_CACHE_DIR": str(tmp_path / "cache")})
    assert run.returncode == 2, run.stderr
    assert run.stderr.count("Error:") == 1 and "no .txt, .html or .htm files" in run.stderr
    assert "Usage: gongkai corpus" in run.stderr  # the corpus command's own usage line
    assert not (tmp_path / "site").exists() and not (tmp_path / "docs").exists()
