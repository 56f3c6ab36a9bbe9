"""The ``kp`` command: parse options, call the library, render, map errors to exit codes.

Exit codes: 0 ok; 1 an input failed (or a check failed); 2 usage error (Click's own, e.g. a missing
file); 3 the ja_ginza model is not installed. Only data goes to stdout; messages go to stderr.
"""
from __future__ import annotations

import datetime as dt
import os
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
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "json", "jsonl", "html"]), default=None,
              help="Output format [default: table on a terminal, json otherwise]; html: a self-contained "
                   "report per article (several inputs: -o DIR gets one file each and index.html).")
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
def extract(paths, fmt, ref_date, output, include_text, encoding, globs, jobs) -> None:
    """Extract people, organizations, places, dates and claims from articles.

    PATHS are text or HTML files, directories (searched recursively, see --glob), or - for standard input.
    With --format jsonl each article's line is written as soon as it is ready, in input order.
    With --format html, -o DIR (needed for several inputs) gets a report per article and index.html.

    \b
    Example:  kp extract news/ --format jsonl --jobs 2 > out.jsonl
    """
    from . import batch
    from . import render

    files = batch.expand_paths(paths, batch.parse_globs(globs))
    out = output or sys.stdout
    if fmt is None:
        fmt = "table" if output is None and sys.stdout.isatty() else "json"
    html_dir = _html_directory(fmt, output, files)
    include_text = include_text or fmt == "html"
    stdin = sys.stdin.buffer.read() if "-" in files else None
    single = len(files) == 1 and len(paths) == 1 and files[0] == paths[0]
    status = ExitStatus.OK
    records: list[dict] = []
    progress = _progress(len(files))
    if jobs > 1:
        _quiet_workers_on_sigint()
    try:
        with progress:
            task = progress.add_task("kp extract", total=len(files)) if progress else None
            for outcome in batch.extract_many(files, jobs=jobs, reference_date=ref_date, encoding=encoding,
                                              include_text=include_text, stdin=stdin):
                if outcome.error is not None:
                    exc = outcome.error
                    if isinstance(exc, KpError):
                        error_line(exc.one_line() if exc.path else f"{outcome.path}: {exc.one_line()}")
                        status = max(status, exc.exit_status)
                    else:
                        error_line(f"{outcome.path}: internal error: {type(exc).__name__}: {exc}")
                        status = max(status, ExitStatus.ERROR)
                    if single:
                        sys.exit(status)
                for w in outcome.warnings:
                    error_line(f"{outcome.path}: warning: {w}")
                if fmt == "jsonl":
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
        try:
            out.flush()
        except (OSError, ValueError):
            pass
        error_line("interrupted")
        sys.exit(130)
    if fmt == "json":
        render.write_json(records, out)
    elif fmt == "table":
        render.write_tables(records, out)
    elif fmt == "html":
        _write_html(records, out, html_dir)
    sys.exit(status)


def _html_directory(fmt, output, files) -> str | None:
    """For --format html: the directory to write reports into (-o DIR, or any -o with several inputs), or
    None for one report to -o FILE or stdout.  Several inputs without -o are a usage error."""
    name = getattr(output, "name", output)  # a lazy click.File, or a path
    if fmt != "html":
        if name not in (None, "-") and os.path.isdir(name):
            raise click.BadParameter(f"{name!r} is a directory", param_hint="'-o' / '--output'")
        return None
    if name in (None, "-"):
        if len(files) > 1:
            raise click.UsageError("--format html with several inputs needs -o DIR (a report per article)")
        return None
    if len(files) > 1 or os.path.isdir(name):
        return str(name)
    return None


def _write_html(records: list[dict], out, directory: str | None) -> None:
    from . import report

    if directory is not None:
        try:
            report.write_directory(records, directory)
        except OSError as exc:
            error_line(f"{directory}: cannot write the reports: {exc.strerror or exc}")
            sys.exit(ExitStatus.ERROR)
        return
    good = [r for r in records if "error" not in r]
    if good:  # one input: its error, if any, already ended the command
        out.write(report.render_article(good[0]))


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
@click.argument("path", type=click.Path(exists=True, allow_dash=True))
@click.option("--date", "ref_date", callback=_date, metavar="YYYY-MM-DD",
              help="Reference date for relative dates (as for kp extract).")
@click.option("--encoding", callback=_encoding, metavar="NAME", help="Decode input with this encoding.")
@click.option("--color", "--colour", "colour", type=click.Choice(["auto", "always", "never"]), default="auto",
              help="Colour, or plain bracket marks [default: auto: colour on a terminal unless NO_COLOR is set].")
@click.option("--pager/--no-pager", default=True, show_default=True,
              help="Page the article through $PAGER (else less) when standard output is a terminal.")
def show(path, ref_date, encoding, colour, pager) -> None:
    """Show an article in the terminal with its people, places, dates and claims marked.

    Entities and dates are coloured by kind, claim contents underlined in their speaker's colour,
    speakers bold; without colour the marks are brackets, explained in the legend below the text.

    \b
    Example:  kp show seeds/000_c73a4b2870458b57.txt
    """
    from . import batch
    from . import show as show_mod

    stdin = sys.stdin.buffer.read() if path == "-" else None
    try:
        outcome = next(batch.extract_many([path], reference_date=ref_date, encoding=encoding,
                                          include_text=True, stdin=stdin))
    except ModelNotInstalled as exc:
        error_line(exc.one_line())
        sys.exit(exc.exit_status)
    if outcome.error is not None:
        exc = outcome.error
        if isinstance(exc, KpError):
            error_line(exc.one_line() if exc.path else f"{path}: {exc.one_line()}")
            sys.exit(exc.exit_status)
        error_line(f"{path}: internal error: {type(exc).__name__}: {exc}")
        sys.exit(ExitStatus.ERROR)
    for w in outcome.warnings:
        error_line(f"{path}: warning: {w}")
    out = sys.stdout
    use_colour = show_mod.colour_wanted(colour, out)
    page = pager and out.isatty() and sys.stdin.isatty()
    show_mod.show(outcome.record, show_mod.make_console(out, use_colour), use_colour, page=page)


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
