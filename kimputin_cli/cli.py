"""The ``kp`` command: parse options, call the library, render, map errors to exit codes.

Exit codes: 0 ok; 1 an input failed (or a check failed); 2 usage error (Click's own, e.g. a missing
file); 3 the ja_ginza model is not installed. Only data goes to stdout; messages go to stderr.
"""
from __future__ import annotations

import datetime as dt
import sys

import click

from ._version import __version__
from .errors import ExitStatus, KpError, ModelNotInstalled

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


def _encoding(ctx, param, value):
    if value is None:
        return None
    from .article import codec_name

    try:
        return codec_name(value)
    except LookupError:
        raise click.BadParameter(f"{value!r} is not an encoding Python knows (try utf-8, cp932, euc_jp)") from None


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, allow_dash=True))
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "json", "jsonl", "sqlite", "parquet"]),
              default=None, help="Output format [default: table on a terminal, json otherwise]. sqlite writes "
                                 "(or updates) the database -o FILE; parquet writes tables into -o DIR.")
@click.option("--date", "ref_date", callback=_date, metavar="YYYY-MM-DD",
              help="Reference date for relative dates (default: sidecar NAME.meta.json, an HTML page's "
                   "publication date, then a dateline).")
@click.option("-o", "--output", type=click.File("w", encoding="utf-8", lazy=True), default=None,
              help="Write the output to FILE instead of stdout.")
@click.option("--include-text", is_flag=True, help="Include the article text as source.text in JSON.")
@click.option("--encoding", callback=_encoding, metavar="NAME",
              help="Decode input with this encoding [default: detect: UTF-8/16, Shift_JIS, EUC-JP, ISO-2022-JP...].")
@click.option("--glob", "globs", default="*.txt,*.html,*.htm", show_default=True, metavar="PATTERNS",
              help="Comma-separated file-name patterns to take from directories.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True,
              help="Parse with this many processes.")
@click.option("--cluster", metavar="ADDRESS", default=None,
              help="Process on Dask instead: local[:N] starts N local workers, tcp://HOST:8786 uses a running "
                   "scheduler (needs the archive extra).")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=None, metavar="SECONDS",
              help="Stop an article's worker after SECONDS and report the article as failed (uses a worker "
                   "process even with --jobs 1).")
def extract(paths, fmt, ref_date, output, include_text, encoding, globs, jobs, cluster, timeout) -> None:
    """Extract people, organizations, places, dates and claims from articles.

    PATHS are text or HTML files, directories (searched recursively, see --glob), or - for standard input.
    With --format jsonl each article's line is written as soon as it is ready, in input order.

    \b
    Example:  kp extract news/ --format jsonl --jobs 2 > out.jsonl
    """
    from . import batch
    from . import render

    files = batch.expand_paths(paths, batch.parse_globs(globs))
    out = output or sys.stdout
    if fmt is None:
        fmt = "table" if output is None and sys.stdout.isatty() else "json"
    stdin = sys.stdin.buffer.read() if "-" in files else None
    single = len(files) == 1 and len(paths) == 1 and files[0] == paths[0]
    archive = None
    if fmt in ("sqlite", "parquet"):  # an archive: a database or a folder of tables (kimputin_cli.archive)
        from .archive_cli import open_archive

        archive = open_archive(fmt, output)
        include_text = True  # the archive keeps the text (full-text search)
        out = sys.stdout  # -o names the archive: never open it as a text file (that would truncate it)
    status = ExitStatus.OK
    records: list[dict] = []
    progress = _progress(len(files))
    if (jobs > 1 or timeout is not None) and cluster is None:
        _quiet_workers_on_sigint()
    try:
        with progress:
            task = progress.add_task("kp extract", total=len(files)) if progress else None
            for outcome in batch.extract_many(files, jobs=jobs, reference_date=ref_date, encoding=encoding,
                                              include_text=include_text, stdin=stdin,
                                              skip=archive.skip if archive else None, cluster=cluster,
                                              timeout=timeout):
                if outcome.skipped:  # already in the archive, unchanged
                    if progress:
                        progress.advance(task)
                    continue
                if outcome.error is not None:
                    exc = outcome.error
                    if isinstance(exc, KpError):
                        error_line(exc.one_line() if exc.path else f"{outcome.path}: {exc.one_line()}")
                        status = max(status, exc.exit_status)
                    else:
                        err = outcome.record["error"]
                        where = f" in {err['component']}" if err.get("component") else ""
                        error_line(f"{outcome.path}: internal error{where}: {err['type']}: {err['message']}")
                        status = max(status, ExitStatus.ERROR)
                    if single and archive is None:
                        sys.exit(status)
                for w in outcome.warnings:
                    error_line(f"{outcome.path}: warning: {w}")
                if archive is not None:
                    archive.write(outcome.record)
                elif fmt == "jsonl":
                    render.write_jsonl_record(outcome.record, out)
                else:
                    records.append(outcome.record)
                if progress:
                    progress.advance(task)
    except ModelNotInstalled as exc:
        error_line(exc.one_line())
        sys.exit(exc.exit_status)
    except KeyboardInterrupt:
        _stop_workers()
        if archive is not None:  # the article being written was rolled back; the others are kept
            archive.close()
        try:
            out.flush()
        except (OSError, ValueError):
            pass
        error_line("interrupted")
        sys.exit(130)
    if archive is not None:
        archive.close()
        error_line(archive.summary())
    if fmt == "json":
        render.write_json(records, out)
    elif fmt == "table":
        render.write_tables(records, out)
    sys.exit(status)


class _NoProgress:
    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        return None

    def __bool__(self) -> bool:
        return False


def _progress(total: int):
    """A rich progress bar on stderr when stderr is a terminal and there is more than one input."""
    if total < 2 or not sys.stderr.isatty():
        return _NoProgress()
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    return Progress(TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TimeRemainingColumn(), console=Console(stderr=True), transient=True)


def _quiet_workers_on_sigint() -> None:
    """Ctrl-C interrupts this process only; forked parsing processes inherit a handler that ignores it
    and are ended by :func:`_stop_workers`."""
    import os
    import signal

    parent = os.getpid()

    def on_sigint(signum, frame):
        if os.getpid() == parent:
            # end the workers first: spaCy's pipe joins them as the interrupt unwinds through it
            import warnings

            warnings.filterwarnings("ignore", message=r"\[W127\]")  # "not all workers completed": we ended them
            _stop_workers()
            raise KeyboardInterrupt

    signal.signal(signal.SIGINT, on_sigint)
    os.register_at_fork(after_in_child=_die_with_parent)


def _die_with_parent() -> None:
    """Linux: a forked parsing process gets SIGTERM when kp itself dies (even by SIGKILL)."""
    try:
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: the workers end when their queue closes
        pass


def _stop_workers() -> None:
    """End the parsing processes this command started (after Ctrl-C)."""
    import multiprocessing

    for child in multiprocessing.active_children():
        child.terminate()
    for child in multiprocessing.active_children():
        child.join(timeout=2)


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
    from .archive_cli import archive

    main.add_command(archive)


_register_optional_commands()
