"""Run MkDocs on the generated docs/. The only module that knows about the engine."""
from __future__ import annotations

import gc
import logging
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import yaml

from ..errors import GongkaiError
from ..forking import Forked, can_fork
from ..state import Scope, Stage, State, code_hash
from .engine_patches import LINKED_FOLDERS, SEARCH_DATA, TEMPLATES, compiled_templates, patched_engine, release_freed_memory
from .link_table import check_links


def configured_site_url(config_file: Path) -> str:
    try:
        text = config_file.read_text("utf-8")
    except OSError as exc:
        raise GongkaiError(f"{config_file}: cannot read the MkDocs configuration ({exc.strerror})") from exc
    data = yaml.load(text, Loader=yaml.BaseLoader) or {}  # BaseLoader ignores !!python tags
    return str(data.get("site_url") or "http://127.0.0.1:8000/")


def _engine_key(config_file: Path, docs_dir: Path, site_url: str | None) -> str:
    """What a dirty build must not have seen change: the configuration, the theme overrides, the
    engine's and theme's versions and our own code. Any change means a clean build."""
    from importlib.metadata import version

    overrides = config_file.parent / "overrides"
    templates = sorted((p.relative_to(overrides).as_posix(), p.read_bytes()) for p in overrides.rglob("*") if p.is_file()) \
        if overrides.is_dir() else []
    return ENGINE.key(config_file.read_bytes(), templates, str(docs_dir.resolve()), site_url,
                      version("mkdocs"), version("mkdocs-material"), code_hash("gongkai.site.generate"))


def _walk(folder: str, skipped: frozenset[str] = frozenset()) -> Iterator[os.DirEntry[str]]:
    """Every file below ``folder``, except in the folders ``skipped`` (full paths). scandir, because
    os.walk and relpath over 20,000 docs files were a third of a second of every publish."""
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                if entry.path not in skipped:
                    yield from _walk(entry.path, skipped)
            else:
                yield entry


def _docs_files(docs_dir: Path) -> set[str]:
    """Every docs file but the search index's: no page links into it (a link to an excluded file is not
    found for MkDocs too), its files come and go with every build, and they are most of docs/."""
    cut = len(str(docs_dir)) + 1
    skipped = frozenset({os.path.join(str(docs_dir), *SEARCH_DATA.split("/"))})
    return {entry.path[cut:].replace(os.sep, "/") for entry in _walk(str(docs_dir), skipped)}


def _remove_outputs(site_dir: Path, docs_dir: Path, removed: set[str], use_directory_urls: bool) -> None:
    """Delete what the engine made from docs files that are gone: a dirty build would leave it behind.
    The linked data folders are not the engine's (link_folder keeps them in step)."""
    from mkdocs.structure.files import File

    linked = tuple(f + "/" for f in LINKED_FOLDERS)
    for rel in sorted(removed):
        if rel.startswith(linked):
            continue
        dest = Path(File(rel, str(docs_dir), str(site_dir), use_directory_urls).abs_dest_path)
        dest.unlink(missing_ok=True)
        folder = dest.parent
        while folder != site_dir and folder.is_dir() and _is_empty(folder):
            folder.rmdir()
            folder = folder.parent


def _theme_outputs(config: Any, site_dir: Path) -> list[str]:
    """The theme's static files as the clean build just wrote them into site/ (paths within it). A
    dirty build does not look at the theme (engine_patches.theme_files_kept), so it checks these are
    all still there instead: one deleted by hand would otherwise never come back."""
    from mkdocs.structure.files import Files

    files = Files([])
    files.add_files_from_theme(config.theme.get_env(), config)
    return [f.dest_uri for f in files if (site_dir / f.dest_uri).is_file()]


def _is_empty(folder: Path) -> bool:
    """Without listing it: a folder of 100,000 files was listed once for each file removed."""
    with os.scandir(folder) as entries:
        return next(entries, None) is None


def run_mkdocs(config_file: Path, site_dir: Path, site_url: str | None = None, docs_dir: Path | None = None,
               state_dir: Path | None = None) -> str:
    """Build site/ strictly. With ``state_dir``, a build after one with the same configuration, theme
    and code is dirty: the outputs of removed docs files are deleted and only changed pages are
    rendered. Every page's links are checked from our own link table. Returns "clean" or "dirty"."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    # MkDocs logs every page at INFO; our CLI shows its own progress.
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    overrides: dict[str, Any] = {"site_dir": str(site_dir), "strict": True}
    if site_url:
        overrides["site_url"] = site_url
    if docs_dir:
        overrides["docs_dir"] = str(docs_dir)
    warnings = _Collector()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(warnings)
    quiet = _DirtyNotice()
    logging.getLogger("mkdocs.commands.build").addFilter(quiet)
    state = State(state_dir) if state_dir else None
    try:
        config = load_config(config_file=str(config_file), **overrides)
        docs = Path(config.docs_dir)
        record = Scope(state, _SPACE, site_dir) if state else None
        files = _docs_files(docs)
        dirty = False
        if state is not None and record is not None:
            key = _engine_key(config_file, docs, site_url)
            last: tuple[str, set[str], list[str]] | None = record.get("last")
            dirty = (last is not None and len(last) == 3 and last[0] == key and (site_dir / "index.html").exists()
                     and all(os.path.isfile(site_dir / rel) for rel in last[2]))
            record.delete(["last"])  # a build that fails half-way leaves no record: the next is clean
            state.commit()
            if dirty and last is not None:
                _remove_outputs(site_dir, docs, last[1] - files, config.use_directory_urls)
        # The engine checks only Markdown links, and only on the pages it renders: ours, mostly in
        # HTML blocks, are all checked here, in every build.
        problems = check_links(docs, files, state)
        if problems:
            more = f"\n  … and {len(problems) - _SHOWN} more" if len(problems) > _SHOWN else ""
            raise GongkaiError("broken links (fix the hand-written page named; in a generated page it is a bug):\n"
                               + "\n".join(f"  {p}" for p in problems[:_SHOWN]) + more)
        def link_folders() -> None:
            for folder in LINKED_FOLDERS:
                if (docs / folder).is_dir():
                    link_folder(docs / folder, site_dir / folder)

        with compiled_templates(Path(state_dir) / TEMPLATES if state_dir else None):
            _build_in_parts(config, dirty, _parts(), meanwhile=link_folders)
        if record is not None:
            theme = last[2] if dirty and last is not None else _theme_outputs(config, site_dir)
            record.put("last", (key, files, theme))
        return "dirty" if dirty else "clean"
    except MkDocsException as exc:
        # "Aborted with N warnings" names nothing: the editor must see each file and warning.
        shown = "\n".join(f"  {line}" for line in warnings.lines[:_SHOWN])
        more = f"\n  … and {len(warnings.lines) - _SHOWN} more" if len(warnings.lines) > _SHOWN else ""
        raise GongkaiError(f"mkdocs build failed: {exc}" + (f"\n{shown}{more}" if shown else "")) from exc
    finally:
        logger.removeHandler(warnings)
        logging.getLogger("mkdocs.commands.build").removeFilter(quiet)
        if state:
            state.close()


def _parts() -> int:
    """How many engine processes: one a core, at most four (the pages are independent)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(4, cores)) if can_fork() else 1


def _build_part(config: Any, part: int, parts: int, dirty: bool) -> tuple[str | None, list[str]]:
    """One share of the build; returns the engine's error (or None) and its warnings."""
    from mkdocs.commands.build import build
    from mkdocs.exceptions import MkDocsException

    warnings, quiet = _Collector(), _DirtyNotice()
    logging.getLogger("mkdocs").addHandler(warnings)
    logging.getLogger("mkdocs.commands.build").addFilter(quiet)  # each share is a dirty build
    try:
        with patched_engine(config.docs_dir, dirty, (part, parts)):
            build(config, dirty=True)
        return None, warnings.lines
    except MkDocsException as exc:
        return str(exc) or type(exc).__name__, warnings.lines
    finally:
        logging.getLogger("mkdocs").removeHandler(warnings)
        logging.getLogger("mkdocs.commands.build").removeFilter(quiet)


def _build_in_parts(config: Any, dirty: bool, parts: int, meanwhile: Callable[[], None] = lambda: None) -> None:
    """The engine on every core: the pages are independent, so each forked process builds one
    share of them (``engine_patches.only_share``). A clean build first empties site/, as MkDocs itself would.
    The site is byte for byte the one a single `mkdocs build` makes (tests/test_publish.py).
    ``meanwhile`` is work on site/ that is not the engine's (the linked data folders), done while
    the engine's processes run, or after a build in this process."""
    from mkdocs.commands.build import build
    from mkdocs.exceptions import Abort
    from mkdocs.utils import clean_directory

    if parts == 1:
        with patched_engine(config.docs_dir, dirty):
            build(config, dirty=dirty)
        meanwhile()
        return
    if not dirty:
        clean_directory(config.site_dir)
    # What this process holds is frozen out of the children's garbage collector: its passes would
    # copy every page of it into each child. What it has freed goes back to the system first, so
    # that the children do not start with the memory page generation used (1.5 GB at 20,000).
    release_freed_memory()
    gc.freeze()
    try:
        running = [Forked("the engine", _build_part, config, part, parts, dirty) for part in range(parts)]
        try:
            meanwhile()
        finally:  # the engine's processes are waited for even when the parent's own work failed
            results = [r.result() for r in running]
    finally:
        gc.unfreeze()
    errors = [error for error, _ in results if error]
    if errors:
        for _, lines in results:
            for line in lines:
                logging.getLogger("mkdocs").warning(line)  # shown by run_mkdocs' collector
        raise Abort(errors[0])


def link_folder(source: Path, target: Path) -> int:
    """Put a data folder (engine_patches.LINKED_FOLDERS) into site/ as hard links (a copy where links
    are impossible) instead of letting the engine copy its thousands of files; remove what the folder
    no longer has. Returns files linked.
    A file already linked is known by its inode from the folder listing, without a stat of each."""
    target.mkdir(parents=True, exist_ok=True)
    same_device = os.stat(source).st_dev == os.stat(target).st_dev
    return _link_folder(str(source), str(target), same_device)


def _link_folder(source: str, target: str, same_device: bool) -> int:
    linked = 0
    with os.scandir(target) as entries:
        there = {entry.name: entry for entry in entries}
    with os.scandir(source) as entries:
        for entry in entries:
            dest = os.path.join(target, entry.name)
            old = there.pop(entry.name, None)
            if entry.is_dir(follow_symlinks=False):
                if old is not None and not old.is_dir(follow_symlinks=False):
                    os.unlink(dest)
                os.makedirs(dest, exist_ok=True)
                linked += _link_folder(entry.path, dest, same_device)
                continue
            if old is not None:
                if old.is_dir(follow_symlinks=False):
                    shutil.rmtree(dest)
                elif same_device and old.inode() == entry.inode():
                    continue
                elif not same_device and os.stat(dest).st_mtime_ns == entry.stat().st_mtime_ns \
                        and old.stat().st_size == entry.stat().st_size:
                    continue  # a copy of it (copy2 keeps the mtime)
                else:
                    os.unlink(dest)
            try:
                os.link(entry.path, dest)
            except OSError:
                shutil.copy2(entry.path, dest)
            linked += 1
    for old in there.values():  # what the index no longer has
        if old.is_dir(follow_symlinks=False):
            shutil.rmtree(old.path)
        else:
            os.unlink(old.path)
    return linked


_SPACE = "engine_build"
ENGINE = Stage("gongkai.site.build")


class _DirtyNotice(logging.Filter):
    """MkDocs warns on every dirty build that navigation may be stale. Ours is declared in mkdocs.yml,
    and any change of it means a clean build, so the warning must not abort a strict build."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "A 'dirty' build is being performed" not in record.getMessage()


_SHOWN = 20


class _Collector(logging.Handler):
    """Keeps the engine's warnings (each names its file) to show them when strict mode aborts."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(" ".join(record.getMessage().split()))
