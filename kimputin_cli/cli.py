"""The ``kp`` command: parse options, call the library, render, map errors to exit codes.

Exit codes: 0 ok; 1 an input failed (or a check failed); 2 usage error (Click's own, e.g. a missing
file); 3 the ja_ginza model is not installed. Only data goes to stdout; messages go to stderr.
"""
from __future__ import annotations

import datetime as dt
import sys

import click

from ._version import __version__
from .errors import ExitStatus, KpError

CONTEXT = {"help_option_names": ["-h", "--help"]}


def _date(ctx, param, value):
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from None


def error_line(message: str) -> None:
    click.echo(f"kp: {message}", err=True)


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="kp")
def main() -> None:
    """kp: who is in a Japanese news article, when things happened, and who claimed what.

    \b
    Exit codes: 0 ok, 1 an input or check failed, 2 usage error, 3 model not installed.
    """


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, allow_dash=True))
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "json", "jsonl"]), default=None,
              help="Output format [default: table on a terminal, json otherwise].")
@click.option("--date", "ref_date", callback=_date, metavar="YYYY-MM-DD",
              help="Reference date for relative dates (default: sidecar NAME.meta.json, then a dateline).")
@click.option("-o", "--output", type=click.File("w", encoding="utf-8", lazy=True), default=None,
              help="Write the output to FILE instead of stdout.")
@click.option("--include-text", is_flag=True, help="Include the article text as source.text in JSON.")
def extract(paths, fmt, ref_date, output, include_text) -> None:
    """Extract people, organizations, places, dates and claims from articles.

    PATHS are text files, or - for standard input.
    """
    from . import article as article_mod
    from . import render
    from .extract import extract as run_extract

    out = output or sys.stdout
    if fmt is None:
        fmt = "table" if output is None and sys.stdout.isatty() else "json"
    status = ExitStatus.OK
    records: list[dict] = []
    for path in paths:
        try:
            art = article_mod.load_article(path)
            record = run_extract(art, reference_date=ref_date).to_dict(include_text=include_text)
        except KpError as exc:
            error_line(exc.one_line() if exc.path else f"{path}: {exc.one_line()}")
            if exc.exit_status == ExitStatus.MODEL_MISSING:
                sys.exit(exc.exit_status)
            status = max(status, exc.exit_status)
            record = {"source": {"path": path}, "error": {"type": exc.kind, "message": str(exc)}}
            if len(paths) == 1:
                sys.exit(status)
        for w in record.get("warnings") or []:
            error_line(f"{path}: warning: {w}")
        if fmt == "jsonl":
            render.write_jsonl_record(record, out)
        else:
            records.append(record)
    if fmt == "json":
        render.write_json(records, out)
    elif fmt == "table":
        render.write_tables(records, out)
    sys.exit(status)


@main.command()
def schema() -> None:
    """Print the JSON Schema of kp's output (kimputin.extraction/1)."""
    from importlib import resources

    click.echo((resources.files("kimputin_cli") / "schema" / "extraction.schema.json").read_text(encoding="utf-8"), nl=False)


def run() -> None:  # python -m kimputin_cli
    main()


def _register_optional_commands() -> None:
    """Commands that live in their own modules (kept import-light: no spaCy at import time)."""
    try:
        from .check_cli import check
    except ImportError:  # pragma: no cover - during development only
        return
    main.add_command(check)


_register_optional_commands()
