"""The `gongkai` command: a thin click layer over the library.

Exit codes (all commands):
  0  success, possibly with per-file problems reported as warnings
  1  nothing could be processed (every input failed), or a library error
  2  bad arguments (click's usage errors)
"""
from __future__ import annotations

from pathlib import Path

import click

from .errors import GongkaiError
from .reading import collect_sources


@click.group()
@click.version_option(package_name="gongkai")
def main() -> None:
    """Build the gongkai corpus and site from raw government pages."""


@main.command()
@click.argument("src", nargs=-1, type=click.Path(path_type=Path))
@click.option("--out", "out_dir", default=Path("corpus"), type=click.Path(path_type=Path, file_okay=False),
              show_default=True, help="Folder for the Markdown reports.")
@click.option("--topics", "topics_path", default=None, type=click.Path(path_type=Path, dir_okay=False),
              help="Topic vocabulary (default: OUT/topics.yml).")
def corpus(src: tuple[Path, ...], out_dir: Path, topics_path: Path | None) -> None:
    """Clean raw pages (files or folders; default seeds/) into OUT/<id>.md."""
    from .pipeline import build_corpus

    try:
        sources = collect_sources(list(src) or [Path("seeds")])
    except FileNotFoundError as exc:
        raise click.BadParameter(f"{exc}: no such file or folder", param_hint="SRC") from exc
    if not sources:
        raise click.UsageError("no .txt, .html or .htm files found in the given sources")
    topics_path = topics_path or out_dir / "topics.yml"
    if not topics_path.exists():
        raise click.ClickException(f"{topics_path}: topic vocabulary not found; pass --topics FILE")
    total = len(sources)
    counter = {"n": 0}

    def progress(path: Path) -> None:
        counter["n"] += 1
        click.echo(f"[{counter['n']}/{total}] {path}", err=True)

    try:
        result = build_corpus(sources, out_dir, topics_path, progress=progress)
    except GongkaiError as exc:
        raise click.ClickException(str(exc)) from exc
    for failure in result.failures:
        click.echo(f"skipped: {failure}", err=True)
    click.echo(f"\n{len(result.written)} reports written to {out_dir}/, {len(result.failures)} files skipped")
    if result.warnings:
        click.echo("warnings by code:")
        for code, count in sorted(result.warnings.items(), key=lambda kv: (-kv[1], kv[0])):
            click.echo(f"  {code:<20} {count}")
    if not result.written:
        raise click.ClickException("no report could be processed")


if __name__ == "__main__":
    main()
