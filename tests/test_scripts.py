"""The site's scripts ship as one file (gongkai/site/scripts.py): every source, in order, each in a
block of its own, and a page names that one file."""
from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from conftest import ROOT
from gongkai.errors import GongkaiError
from gongkai.site.scripts import ORDER, SOURCES, bundle


def test_every_script_is_joined_in_its_order():
    joined = bundle(ROOT / "docs")
    assert joined is not None
    starts = [joined.index(f"/* {name} */\ntry {{") for name in ORDER]
    assert starts == sorted(starts)
    for name in ORDER:
        assert (ROOT / "docs" / SOURCES / name).read_text("utf-8").strip() in joined


def test_every_script_and_the_joined_file_parse(tmp_path):
    """A syntax error in one source would stop the whole joined file, not just that script."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    for path in [*(ROOT / "docs" / SOURCES).glob("*.js")]:
        run = subprocess.run([node, "--check", str(path)], capture_output=True, text=True, timeout=60)
        assert run.returncode == 0, f"{path.name}: {run.stderr}"
    joined = bundle(ROOT / "docs")
    assert joined is not None
    (tmp_path / "gongkai.js").write_text(joined, "utf-8")
    run = subprocess.run([node, "--check", str(tmp_path / "gongkai.js")], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr


def test_a_script_that_fails_does_not_stop_the_next(tmp_path):
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    folder = tmp_path / SOURCES
    folder.mkdir(parents=True)
    for name in ORDER:
        (folder / name).write_text(f"ran.push({name!r});" + (" null.x;" if name == ORDER[0] else ""), "utf-8")
    script = "var ran = []; var later = [];\nvar setTimeout = function (f) { later.push(f); };\n" + bundle(tmp_path) + \
        "\nconsole.log(ran.join(' '));\ntry { later[0](); } catch (e) { console.log('rethrown ' + (e instanceof TypeError)); }"
    out = subprocess.run([node, "-e", script], capture_output=True, text=True, timeout=60, check=True).stdout.split("\n")
    assert out[0] == " ".join(ORDER)  # the first failed after its push; every other still ran
    assert out[1] == "rethrown true"  # and its error is thrown again, for the console


def test_a_script_missing_or_unlisted_is_named(tmp_path):
    assert bundle(tmp_path) is None  # a docs folder without the scripts' folder: nothing to join
    folder = tmp_path / SOURCES
    folder.mkdir(parents=True)
    for name in ORDER[1:]:
        (folder / name).write_text("", "utf-8")
    with pytest.raises(GongkaiError, match=ORDER[0]):
        bundle(tmp_path)
    (folder / ORDER[0]).write_text("", "utf-8")
    (folder / "extra.js").write_text("", "utf-8")
    with pytest.raises(GongkaiError, match="extra.js not in"):
        bundle(tmp_path)


def test_a_page_loads_our_scripts_as_one_file(built_site):
    page = (built_site["site"] / "reports" / "003_78ed85b0c485cc82" / "index.html").read_text("utf-8")
    ours = [src for src in re.findall(r'<script src="([^"]+)"', page) if "javascripts/bundle" not in src]
    assert ours == ["../../assets/md-scope.js", "../../assets/gongkai.js"]
    assert (built_site["site"] / "assets" / "gongkai.js").read_text("utf-8") == bundle(ROOT / "docs")
    assert not (built_site["site"] / "assets" / "js").exists()  # the sources are not shipped twice


def test_cite_makes_bibtex_from_the_meta_tags_with_braces_defused():
    """cite.js builds the BibTeX entry from citation_* meta tags; a brace or backslash in a title
    cannot close a field or start a command."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    stub = """
    var metas = {citation_title: "关于{某}\\\\报告", citation_author: "某县人民政府", citation_date: "2024/03/01",
                 citation_public_url: "https://example.org/reports/r1/"};
    function element(tag) { return {tag: tag, children: [], attrs: {}, setAttribute: function (k, v) { this.attrs[k] = v; },
      append: function () { for (var i = 0; i < arguments.length; i++) this.children.push(arguments[i]); }}; }
    var box = element("section"); box.getAttribute = function () { return "r1"; };
    var document = {addEventListener: function () {}, createElement: element, querySelector: function (sel) {
      var m = /meta\\[name="([^"]+)"\\]/.exec(sel);
      if (m) return metas[m[1]] ? {getAttribute: function () { return metas[m[1]]; }} : null;
      return box; }};
    """
    script = stub + (ROOT / "docs" / SOURCES / "cite.js").read_text("utf-8") + "\nconsole.log(JSON.stringify(box.children[1].textContent));"
    out = subprocess.run([node, "-e", script], capture_output=True, text=True, timeout=60, check=True).stdout
    assert json.loads(out) == ("@misc{gongkai-r1,\n  title = {关于(某)/报告},\n  author = {{某县人民政府}},\n  year = {2024},\n"
                               "  date = {2024-03-01},\n  howpublished = {\\url{https://example.org/reports/r1/}},\n"
                               "  url = {https://example.org/reports/r1/}\n}")
