"""``kp extract --format sqlite|parquet`` plumbing and the ``kp archive`` commands (questions to a database).

Kept apart from cli.py so the archive's dependencies (sqlite-utils, pyarrow) load only when used.
"""
from __future__ import annotations

import click


def open_archive(fmt: str, output):
    """The writer for ``--format sqlite|parquet``; ``output`` is the -o value (a path, or a lazy file)."""
    path = output if isinstance(output, str) or output is None else getattr(output, "name", None)
    if not path or path == "-":
        what = "a database file (-o archive.db)" if fmt == "sqlite" else "a folder (-o DIR)"
        raise click.UsageError(f"--format {fmt} writes {what}, not standard output")
    try:
        from .archive import open_writer
    except ImportError as exc:  # pragma: no cover - the extra is not installed
        raise click.UsageError(f"--format {fmt} needs the archive extra ({exc}); run: pip install 'kimputin_cli[archive]'")
    import sqlite3

    try:
        return open_writer(fmt, str(path))
    except (sqlite3.DatabaseError, OSError) as exc:
        raise click.UsageError(f"{path}: cannot be opened as a kp archive ({exc})")
    except ImportError as exc:  # pragma: no cover - the extra is not installed
        raise click.UsageError(f"--format {fmt} needs the archive extra ({exc}); run: pip install 'kimputin_cli[archive]'")


def _fmt(fmt: str | None) -> str:
    import sys

    return fmt or ("table" if sys.stdout.isatty() else "json")


_db_arg = click.argument("database", type=click.Path(exists=True, dir_okay=False))
_format_opt = click.option("-f", "--format", "fmt", type=click.Choice(["table", "json", "jsonl"]), default=None,
                           help="Output format [default: table on a terminal, json otherwise].")
_limit_opt = click.option("-n", "--limit", type=click.IntRange(min=0), default=None,
                          help="At most this many rows [default: all for who-said, 30 for sources, 20 for search].")


def _answer(database: str, fmt: str | None, ask, title: str | None = None) -> None:
    import sys

    from . import render
    from .archive.query import ArchiveError, connect

    try:
        con = connect(database)
        columns, rows = ask(con)
    except ArchiveError as exc:
        click.echo(f"kp: {exc}", err=True)
        sys.exit(1)
    render.write_rows(columns, rows, sys.stdout, _fmt(fmt), title=title)


@click.group()
def archive() -> None:
    """Ask questions of an archive database built by `kp extract PATH... --format sqlite -o archive.db`.

    \b
    Examples:
      kp archive who-said archive.db プーチン
      kp archive sources archive.db --role source -n 20
      kp archive search archive.db 核実験
      kp archive sql archive.db "select * from anonymous_share order by anonymous_share desc limit 10"
    """


@archive.command("who-said")
@_db_arg
@click.argument("entity")
@_limit_opt
@_format_opt
def who_said(database, entity, limit, fmt) -> None:
    """Claims whose speaker is ENTITY, in every article, with sources and dates.

    ENTITY is matched by its normalized name or full alias (one archive-wide entity); a short form such
    as a surname matches every entity whose name contains it."""
    from .archive import query

    _answer(database, fmt, lambda con: query.who_said(con, entity, limit), title=f"claims by {entity}")


@archive.command("sources")
@_db_arg
@click.option("--role", type=click.Choice(["speaker", "source"]), default=None,
              help="Only speakers, or only the sources claims came through.")
@_limit_opt
@_format_opt
def sources_cmd(database, role, limit, fmt) -> None:
    """Speakers and sources ranked by the claims they appear in, with the share resting on unnamed sources."""
    from .archive import query

    _answer(database, fmt, lambda con: query.sources(con, 30 if limit is None else limit, role))


@archive.command("search")
@_db_arg
@click.argument("text")
@click.option("--in", "where", type=click.Choice(["claims", "articles"]), default="claims", show_default=True,
              help="Search claim contents, or article headlines and text.")
@_limit_opt
@_format_opt
def search_cmd(database, text, where, limit, fmt) -> None:
    """Full-text search (FTS5) for TEXT in claims or articles; matches are marked 【like this】."""
    from .archive import query

    _answer(database, fmt, lambda con: query.search(con, text, where, 20 if limit is None else limit))


@archive.command("sql")
@_db_arg
@click.argument("query_text", metavar="QUERY")
@_format_opt
def sql_cmd(database, query_text, fmt) -> None:
    """Run any read-only SQL QUERY (tables: articles, entities, mentions, dates, claims, claim_sources,
    errors, archive_entities; views: claims_text, anonymous_share, attributions, claim_mentions)."""
    from .archive import query

    _answer(database, fmt, lambda con: query.sql(con, query_text))
