"""Run MkDocs on the generated docs/. The only module that knows about the engine."""
from __future__ import annotations

import logging
from pathlib import Path

import yaml

from ..errors import GongkaiError


def configured_site_url(config_file: Path) -> str:
    try:
        text = config_file.read_text("utf-8")
    except OSError as exc:
        raise GongkaiError(f"{config_file}: cannot read the MkDocs configuration ({exc.strerror})") from exc
    data = yaml.load(text, Loader=yaml.BaseLoader) or {}  # BaseLoader ignores !!python tags
    return str(data.get("site_url") or "http://127.0.0.1:8000/")


def run_mkdocs(config_file: Path, site_dir: Path, site_url: str | None = None, docs_dir: Path | None = None) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    # MkDocs logs every page at INFO; our CLI shows its own progress.
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    overrides = {"site_dir": str(site_dir), "strict": True}
    if site_url:
        overrides["site_url"] = site_url
    if docs_dir:
        overrides["docs_dir"] = str(docs_dir)
    warnings = _Collector()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(warnings)
    try:
        config = load_config(config_file=str(config_file), **overrides)
        build(config)
    except MkDocsException as exc:
        # "Aborted with N warnings" names nothing: the editor must see each file and warning.
        shown = "\n".join(f"  {line}" for line in warnings.lines[:_SHOWN])
        more = f"\n  … and {len(warnings.lines) - _SHOWN} more" if len(warnings.lines) > _SHOWN else ""
        raise GongkaiError(f"mkdocs build failed: {exc}" + (f"\n{shown}{more}" if shown else "")) from exc
    finally:
        logger.removeHandler(warnings)


_SHOWN = 20


class _Collector(logging.Handler):
    """Keeps the engine's warnings (each names its file) to show them when strict mode aborts."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(" ".join(record.getMessage().split()))
