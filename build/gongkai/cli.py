"""The `gongkai` command: a thin click layer over the library.

Exit codes (all commands):
  0  success, possibly with per-file problems reported as warnings
  1  nothing could be processed (every input failed), or a library error
  2  bad arguments (click's usage errors)
"""
from __future__ import annotations

from pathlib import Path

import click

from .corpus.reading import collect_sources
from .errors import GongkaiError, SourceError
from .names import display
from .state import default_dir

PROJECT_TOPICS = Path("corpus") / "topics.yml"


def _default_topics(out_dir: Path) -> Path:
    """OUT's own vocabulary, else the project's (a new OUT folder has none yet)."""
    own = out_dir / "topics.yml"
    return own if own.exists() or not PROJECT_TOPICS.exists() else PROJECT_TOPICS


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
@click.option("--cache-dir", default=None, type=click.Path(path_type=Path, file_okay=False),
              help="Folder of the state kept between runs (default: $GONGKAI_CACHE_DIR or .cache/gongkai).")
@click.option("--no-cache", is_flag=True, help="Clean every page again.")
@click.option("--jobs", type=click.IntRange(1, 64), default=None, help="Worker processes (default: all cores, at most 4).")
@click.option("--prune/--no-prune", default=None,
              help="Delete reports whose page is gone (default: only when every SRC is a folder).")
def corpus(src: tuple[Path, ...], out_dir: Path, topics_path: Path | None, cache_dir: Path | None, no_cache: bool,
           jobs: int | None, prune: bool | None) -> None:
    """Clean raw pages (files or folders; default seeds/) into OUT/<id>.md.

    Pages named on their own are added or updated and no other report is removed."""
    from .corpus.pipeline import build_corpus

    given = list(src) or [Path("seeds")]
    refused: list[SourceError] = []
    try:
        sources = collect_sources(given, refused)
    except FileNotFoundError as exc:
        raise click.BadParameter(f"{display(str(exc))}: no such file or folder", param_hint="SRC") from exc
    for problem in refused:
        click.echo(f"refused: {problem}", err=True)
    if not sources:
        raise click.UsageError("no .txt, .html or .htm files found in the given sources")
    if prune is None:
        prune = all(path.is_dir() for path in given)
    topics_path = topics_path or _default_topics(out_dir)
    if not topics_path.exists():
        raise click.ClickException(f"{topics_path}: topic vocabulary not found; pass --topics FILE")
    total = len(sources)
    counter = {"n": 0}

    step = max(1, total // 20)  # about twenty progress lines, however many pages

    def progress(path: Path) -> None:
        counter["n"] += 1
        if counter["n"] % step == 0 or counter["n"] == total or total <= 50:
            click.echo(f"[{counter['n']}/{total}] {display(path)}", err=True)

    try:
        result = build_corpus(sources, out_dir, topics_path, progress=progress,
                              cache_dir=None if no_cache else cache_dir or default_dir(), jobs=jobs, prune=prune)
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


@main.command()
@click.option("--corpus", "corpus_dir", default=Path("corpus"), type=click.Path(path_type=Path, file_okay=False),
              show_default=True, help="Folder of cleaned reports.")
@click.option("--docs", "docs_dir", default=Path("docs"), type=click.Path(path_type=Path, file_okay=False),
              show_default=True, help="MkDocs docs_dir; generated pages go here, hand-written ones win.")
@click.option("--config", "config_file", default=Path("mkdocs.yml"), type=click.Path(path_type=Path, dir_okay=False),
              show_default=True)
@click.option("--site-dir", default=Path("site"), type=click.Path(path_type=Path, file_okay=False), show_default=True)
@click.option("--site-url", envvar="GONGKAI_SITE_URL", default=None,
              help="Absolute URL the site is served from (default: site_url in mkdocs.yml).")
@click.option("--no-build", is_flag=True, help="Only generate docs/, do not run MkDocs.")
@click.option("--cache-dir", default=None, type=click.Path(path_type=Path, file_okay=False),
              help="Folder of the state kept between runs (default: $GONGKAI_CACHE_DIR or .cache/gongkai).")
def site(corpus_dir: Path, docs_dir: Path, config_file: Path, site_dir: Path, site_url: str | None, no_build: bool,
         cache_dir: Path | None) -> None:
    """Generate report, topic, region, issuer, year and law pages, then build site/ with MkDocs."""
    import time

    from .site.build import configured_site_url, run_mkdocs
    from .site.generate import generate

    if not corpus_dir.is_dir() or not any(corpus_dir.glob("*.md")):
        raise click.ClickException(f"{corpus_dir}: no reports found; run 'gongkai corpus' first")
    try:
        url = site_url or configured_site_url(config_file)
        started = time.perf_counter()
        state_dir = cache_dir or default_dir()
        result = generate(corpus_dir, docs_dir, Path.cwd(), url, cache_dir=state_dir)
        click.echo(f"generated {result.pages} pages and {result.search_files} search files in {docs_dir}/ "
                   f"({time.perf_counter() - started:.1f} s)", err=True)
        for rel in result.skipped:
            click.echo(f"kept hand-written {docs_dir / rel}", err=True)
        if not no_build:
            started = time.perf_counter()
            click.echo("running mkdocs build --strict (dirty when only pages changed) ...", err=True)
            kind = run_mkdocs(config_file, site_dir, site_url, state_dir=state_dir)
            click.echo(f"built {site_dir}/ ({kind} build, {time.perf_counter() - started:.1f} s)", err=True)
    except GongkaiError as exc:
        raise click.ClickException(str(exc)) from exc


def _run(command: click.Command, args: list[str]) -> int:
    """``command`` as if run on its own: its exit code, its error shown as click shows it."""
    try:
        command.main(args=args, prog_name=f"gongkai {command.name}", standalone_mode=False)
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except click.Abort:
        click.echo("Aborted!", err=True)
        return 1
    return 0


@main.command()
@click.argument("src", nargs=-1, type=click.Path(path_type=Path))
def build(src: tuple[Path, ...]) -> None:
    """`gongkai corpus [SRC ...]`, then `gongkai site`, each with its defaults: what `make site` runs.

    The site's code and the engine load while the corpus is made. The site is not built when the
    corpus fails."""
    from .publish import corpus_then_site, leave

    try:
        code = corpus_then_site(lambda: _run(corpus, [str(s) for s in src]), lambda made: made or _run(site, []))
    except GongkaiError as exc:  # the corpus's process failed outside the command (it names how)
        raise click.ClickException(str(exc)) from exc
    leave(code)


@main.command()
@click.argument("pages", nargs=-1, required=True)
@click.option("--seeds", "seeds_dir", default=Path("seeds"), type=click.Path(path_type=Path, file_okay=False), show_default=True)
@click.option("--out", "out_dir", default=Path("corpus"), type=click.Path(path_type=Path, file_okay=False), show_default=True)
def add(pages: tuple[str, ...], seeds_dir: Path, out_dir: Path) -> None:
    """Add raw pages (files, folders, URLs or WARC files) to seeds/, re-run the pipeline once and
    show each new report (all of them for a few pages, a count for many)."""
    import yaml

    from .add import add_sources
    from .corpus.pipeline import build_corpus
    from .corpus_file import parse_front

    topics = _default_topics(out_dir)
    if not topics.exists():  # checked first: outside a project nothing is copied
        raise click.ClickException(f"{topics}: topic vocabulary not found; run 'gongkai add' in a gongkai project folder")

    def progress(count: int, name: str) -> None:
        if count <= 20 or count % 100 == 0:
            click.echo(f"[{count}] {display(name)}", err=True)

    try:
        batch = add_sources(list(pages), seeds_dir, progress=progress)
    except GongkaiError as exc:
        raise click.ClickException(str(exc)) from exc
    if batch.problems and not batch.added:  # nothing could be added: exit 1, as gongkai corpus does
        raise click.ClickException("; ".join(batch.problems[:3]))
    for problem in batch.problems:
        click.echo(f"skipped: {problem}", err=True)
    for reason, count in sorted(batch.skipped.items()):
        click.echo(f"skipped {count} {reason}", err=True)
    added = [a.path for a in batch.added if not a.duplicate_of]
    duplicates = [a for a in batch.added if a.duplicate_of]
    for duplicate in duplicates[:20]:
        click.echo(f"already in {seeds_dir}/ as {duplicate.path.name}; nothing to do")
    click.echo(f"{len(added)} pages added to {seeds_dir}/, {len(duplicates)} already there")
    if not added:
        return
    result = build_corpus(collect_sources([seeds_dir]), out_dir, topics, cache_dir=default_dir())
    for failure in result.failures:
        click.echo(f"skipped: {failure}", err=True)
    new = {p.name for p in added}
    shown = 0
    for written in result.written:
        front = parse_front(written.read_text("utf-8"), str(written))
        if Path(front["source"]["path"]).name not in new:
            continue
        shown += 1
        if shown > 5:
            continue
        click.echo(f"\n{written}:")
        click.echo(yaml.safe_dump({k: v for k, v in front.items() if k != "warnings"}, allow_unicode=True, sort_keys=False).rstrip())
        for warning in front["warnings"]:
            flag = "FLAGGED " if warning["code"] == "duplicate_index_no" else ""
            click.echo(f"{flag}warning {warning['code']}: {warning['detail']}")
        if not front["warnings"]:
            click.echo("no warnings")
    if shown > 5:
        click.echo(f"\n… and {shown - 5} more new reports; see the 编辑报告 page after make site")
    click.echo("\nnext: make site, then commit seeds/ and corpus/")


if __name__ == "__main__":
    main()
