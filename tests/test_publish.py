"""Publishing one report: `gongkai corpus` + `gongkai site` build the engine's output dirty (only what
changed), and the site is byte for byte the one a clean build makes, after an add, a change and a removal."""
from __future__ import annotations

import logging
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, _ignore_generated
from gongkai.bench.synth import make_page

ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600"}  # the sitemap's dates: the same day for both builds


def _gongkai(project: Path, *args: str) -> str:
    env = {**ENV, "GONGKAI_CACHE_DIR": str(project / ".cache" / "gongkai"), "GONGKAI_SITE_URL": "http://127.0.0.1/"}
    run = subprocess.run([sys.executable, "-m", "gongkai.cli", *args], cwd=project, env=env, capture_output=True,
                         text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    return run.stderr + run.stdout


def _publish(project: Path) -> str:
    """As `make site` publishes: `gongkai build seeds` (the corpus, then the site)."""
    log = _gongkai(project, "build", "seeds")
    assert "reports written to corpus/" in log and "built site/" in log  # both stages ran, and said so
    return log


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _assert_same_as_clean(project: Path) -> None:
    dirty = _tree(project / "site")
    shutil.rmtree(project / "site")
    shutil.rmtree(project / ".cache")
    log = _publish(project)
    assert "clean build" in log
    clean = _tree(project / "site")
    assert sorted(dirty) == sorted(clean), (set(dirty) ^ set(clean))
    different = [rel for rel in clean if dirty[rel] != clean[rel]]
    assert not different, different[:10]


@pytest.fixture
def project(tmp_path) -> Path:
    work = tmp_path / "project"
    work.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", work / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", work / "overrides")
    shutil.copytree(ROOT / "docs", work / "docs", ignore=_ignore_generated)
    (work / "corpus").mkdir()
    shutil.copy(ROOT / "corpus" / "topics.yml", work / "corpus" / "topics.yml")
    shutil.copytree(ROOT / "seeds", work / "seeds")
    assert "clean build" in _publish(work)
    return work


def _add(project: Path) -> None:
    name, content = make_page(1, random.Random(5), year=2024)
    (project / "seeds" / name).write_text(content, "utf-8")


def _change(project: Path) -> None:
    page = sorted((project / "seeds").glob("*.txt"))[0]
    page.write_text(page.read_text("utf-8") + "\n全年共办理行政复议案件12件。\n", "utf-8")


def _remove(project: Path) -> None:
    sorted((project / "seeds").glob("*.txt"))[-1].unlink()


@pytest.mark.parametrize("step", [_add, _change, _remove], ids=["add", "change", "remove"])
def test_one_report_published_dirty_equals_a_clean_build(project, step):
    step(project)
    log = _publish(project)
    assert "dirty build" in log, log
    _assert_same_as_clean(project)


def test_a_change_of_configuration_builds_clean(project):
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "\n# a comment is a change too\n", "utf-8")
    assert "clean build" in _publish(project)


def test_a_kept_page_that_links_to_a_missing_page_stops_a_dirty_build(project):
    """Our own link table checks the pages the engine does not render."""
    kept = project / "docs" / "search" / "index.md"  # hand-written (about.md is generated now)
    stat = kept.stat()
    kept.write_text(kept.read_text("utf-8") + "\n[走失的页面](../reports/no-such-report.md)\n", "utf-8")
    os.utime(kept, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # looks unchanged to the engine: not rendered
    env = {**ENV, "GONGKAI_CACHE_DIR": str(project / ".cache" / "gongkai")}
    run = subprocess.run([sys.executable, "-m", "gongkai.cli", "site", "--site-url", "http://127.0.0.1/"], cwd=project,
                         env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert "search/index.md: links to reports/no-such-report.md" in run.stderr


def _engine_config(project: Path, site: Path):
    from mkdocs.config import load_config

    return load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site), docs_dir=str(project / "docs"),
                       site_url="http://127.0.0.1/", strict=True)


def _assert_same_tree(a: Path, b: Path) -> None:
    one, other = _tree(a), _tree(b)
    assert sorted(one) == sorted(other), set(one) ^ set(other)
    assert [rel for rel in one if one[rel] != other[rel]] == []
    assert len([rel for rel in one if rel.endswith(".html")]) > 50


def test_the_engine_on_every_core_builds_the_site_one_process_builds(project, monkeypatch):
    """Each forked engine process builds one share of the pages; together they must make exactly
    the site a single `mkdocs build` makes."""
    from gongkai.site import build as engine_step

    monkeypatch.setenv("SOURCE_DATE_EPOCH", ENV["SOURCE_DATE_EPOCH"])
    engine_step._build_in_parts(_engine_config(project, project / "one"), dirty=False, parts=1)  # one `mkdocs build`
    engine_step._build_in_parts(_engine_config(project, project / "parts"), dirty=False, parts=3)
    _assert_same_tree(project / "one", project / "parts")


def test_pages_rendered_as_they_are_written_make_the_site_the_engine_makes(project, monkeypatch):
    """engine_patches.populated_when_built changes when MkDocs renders each page (and how long it
    keeps the HTML), never what it writes: the site equals one built in MkDocs' own order."""
    from contextlib import nullcontext

    from gongkai.site import build as engine_step
    from gongkai.site import engine_patches

    from mkdocs.structure.pages import Page

    monkeypatch.setenv("SOURCE_DATE_EPOCH", ENV["SOURCE_DATE_EPOCH"])
    render, rendered, held = Page.render, [], []

    def counting_render(page, *args, **kwargs):  # how many rendered pages still hold their HTML
        held.append(sum(p.content is not None for p in rendered))
        rendered.append(page)
        return render(page, *args, **kwargs)

    monkeypatch.setattr(Page, "render", counting_render)
    engine_step._build_in_parts(_engine_config(project, project / "late"), dirty=False, parts=1)
    assert len(rendered) > 50 and max(held) == 0  # each page let go of before the next is rendered
    monkeypatch.setattr(engine_patches, "populated_when_built", nullcontext)
    engine_step._build_in_parts(_engine_config(project, project / "eager"), dirty=False, parts=1)
    _assert_same_tree(project / "late", project / "eager")


def test_html_blocks_stashed_without_parsing_their_insides_make_the_site_the_engine_makes(project, monkeypatch):
    """engine_patches.html_blocks_read_fast hands Markdown each well-formed HTML block's inside as one
    marker; the site must equal one built with Markdown's own extraction, and the reduction must be
    taken on the report pages (else the test compares the engine with itself)."""
    from contextlib import nullcontext

    from gongkai.site import build as engine_step
    from gongkai.site import engine_patches, html_blocks

    monkeypatch.setenv("SOURCE_DATE_EPOCH", ENV["SOURCE_DATE_EPOCH"])
    reduce, reductions = html_blocks.reduced, []

    def counting_reduced(source, is_block_level):
        reduction = reduce(source, is_block_level)
        reductions.append(reduction is not None)
        return reduction

    monkeypatch.setattr(html_blocks, "reduced", counting_reduced)
    engine_step._build_in_parts(_engine_config(project, project / "fast"), dirty=False, parts=1)
    assert sum(reductions) > 20
    monkeypatch.setattr(engine_patches, "html_blocks_read_fast", nullcontext)
    engine_step._build_in_parts(_engine_config(project, project / "full"), dirty=False, parts=1)
    _assert_same_tree(project / "fast", project / "full")


def test_a_dirty_build_leaves_the_theme_files_alone_and_the_site_as_it_was(project, monkeypatch):
    """engine_patches.theme_files_kept: a dirty build runs only after a build with the same theme,
    so it neither lists nor compares the theme's static files; the site stays what the clean build made."""
    from gongkai.site import build as engine_step

    from mkdocs.structure.files import File

    monkeypatch.setenv("SOURCE_DATE_EPOCH", ENV["SOURCE_DATE_EPOCH"])
    site = project / "again"
    engine_step._build_in_parts(_engine_config(project, site), dirty=False, parts=1)
    before = _tree(site)
    theme_dirs = {str(Path(d).resolve()) for d in _engine_config(project, site).theme.dirs}
    compared: list[str] = []
    is_modified = File.is_modified

    def recording(file):
        compared.append(file.src_dir)
        return is_modified(file)

    monkeypatch.setattr(File, "is_modified", recording)
    notice = engine_step._DirtyNotice()  # as run_mkdocs has it: the engine's warning on every dirty build
    logging.getLogger("mkdocs.commands.build").addFilter(notice)
    try:
        engine_step._build_in_parts(_engine_config(project, site), dirty=True, parts=1)
    finally:
        logging.getLogger("mkdocs.commands.build").removeFilter(notice)
    assert compared and not [d for d in compared if str(Path(d).resolve()) in theme_dirs]
    assert _tree(site) == before


def test_search_files_are_linked_and_what_the_index_dropped_is_removed(tmp_path):
    from gongkai.site.build import link_folder

    source, target = tmp_path / "docs" / "data", tmp_path / "site" / "data"
    (source / "shards").mkdir(parents=True)
    (source / "manifest.json").write_text("{}", "utf-8")
    (source / "shards" / "a.json").write_text("new", "utf-8")
    (source / "moved").write_text("a file now", "utf-8")
    assert link_folder(source, target) == 3
    assert link_folder(source, target) == 0  # all linked already: nothing done
    (target / "shards" / "gone.json").write_text("dropped", "utf-8")  # the index no longer has it
    (target / "old").mkdir()
    (target / "old" / "x.json").write_text("dropped", "utf-8")
    (source / "shards" / "a.json").unlink()
    (source / "shards" / "a.json").write_text("rewritten", "utf-8")  # a new file, not the linked one
    (source / "moved").unlink()
    (source / "moved").mkdir()  # a file became a folder
    (source / "moved" / "b.json").write_text("b", "utf-8")
    assert link_folder(source, target) == 2
    files = sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file())
    assert files == ["manifest.json", "moved/b.json", "shards/a.json"]
    assert (target / "shards" / "a.json").read_text("utf-8") == "rewritten"
    assert os.path.samefile(source / "shards" / "a.json", target / "shards" / "a.json")


def test_a_file_is_written_over_in_place(tmp_path):
    from gongkai.site.overwrite import overwrite

    path = tmp_path / "shard.json"
    overwrite(str(path), b"a longer first version")  # made when missing
    inode = path.stat().st_ino
    link = tmp_path / "site-copy.json"
    os.link(path, link)  # as site/search/data links docs/search/data
    overwrite(str(path), b"short")
    assert path.read_bytes() == b"short"  # what was beyond the new end is cut
    assert path.stat().st_ino == inode and link.read_bytes() == b"short"


def test_the_engine_never_lists_the_data_folders(tmp_path):
    from gongkai.site.engine_patches import OsWithoutLinkedFolders

    for rel in ("search/data/shards/0.json", "search/index.md", "topics/data/a.md", "index.md",
                "compare/data/x.json.gz", "compare/index.md", "sources/x.txt.gz"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x", "utf-8")
    listed = {os.path.relpath(os.path.join(folder, name), tmp_path)
              for folder, _, names in OsWithoutLinkedFolders(str(tmp_path)).walk(str(tmp_path)) for name in names}
    assert listed == {"search/index.md", "topics/data/a.md", "index.md", "compare/index.md"}


def test_the_engine_excludes_exactly_the_linked_folders():
    """mkdocs.yml's exclude_docs names the folders gongkai links itself (and the script sources, which
    it joins), so a plain engine run agrees with ours on what the engine builds."""
    import yaml

    from gongkai.site.engine_patches import LINKED_FOLDERS

    config = yaml.load((ROOT / "mkdocs.yml").read_text("utf-8"), Loader=yaml.BaseLoader)
    from gongkai.site.scripts import SOURCES

    assert sorted(config["exclude_docs"].split()) == sorted([f + "/" for f in LINKED_FOLDERS] + [SOURCES + "/"])


@pytest.mark.parametrize("base", ["http://127.0.0.1/", "https://gongkai.github.io/gongkai/", "https://x.org",
                                  "HTTP://X.org/a/", "https://x.org/a/./b/", "https://x.org/?q=1", "https://x.org/a#top"])
def test_canonical_urls_joined_as_text_are_the_ones_urljoin_makes(base):
    """engine_patches.canonical_urls_joined: the same canonical_url and abs_url as MkDocs' own, for
    the paths pages have and for paths only urljoin can join."""
    from types import SimpleNamespace

    from mkdocs.structure.pages import Page

    from gongkai.site.engine_patches import canonical_urls_joined

    paths = ["", "reports/r1/", "topics/%E8%A1%8C%E6%94%BF/", "topics/行政复议/2/", "404.html", "a/b.html", "./a/",
             "../up/", "a/../b/", ".well-known/", "a//b/", "/abs/", "a:b/", "a?x=1", "a#p1", " a/", "a\tb/", "http://o.org/"]
    for path in paths:
        mine, theirs = SimpleNamespace(url=path), SimpleNamespace(url=path)
        Page._set_canonical_url(theirs, base)
        with canonical_urls_joined():
            Page._set_canonical_url(mine, base)
        assert (mine.canonical_url, mine.abs_url) == (theirs.canonical_url, theirs.abs_url), path


def test_plain_page_paths_are_joined_without_urljoin_and_others_are_left_to_it():
    from gongkai.site.engine_patches import joined_url

    assert joined_url("http://127.0.0.1/", "topics/行政复议/2/") == "http://127.0.0.1/topics/行政复议/2/"
    assert joined_url("https://x.org/g/", "") == "https://x.org/g/"
    assert [joined_url("https://x.org/g/", p) for p in ("../up/", "a/./b/", "/abs/", "a?x=1", "a:b/")] == [None] * 5
    assert joined_url("HTTP://X.org/", "a/") is None  # urljoin lower-cases the scheme


def test_a_theme_file_deleted_from_site_by_hand_comes_back(project):
    """A dirty build does not look at the theme's files (engine_patches.theme_files_kept): one that
    is missing from site/ makes the build clean, which writes it again."""
    bundle = next((project / "site" / "assets" / "javascripts").glob("bundle.*.min.js"))
    expected = bundle.read_bytes()
    bundle.unlink()
    log = _publish(project)
    assert "clean build" in log, log
    assert bundle.read_bytes() == expected
    _add(project)
    assert "dirty build" in _publish(project)  # and the next publish is dirty again
