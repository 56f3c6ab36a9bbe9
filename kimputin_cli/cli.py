"""The ``kp`` command: parse options, call the library, render, map errors to exit codes.

Exit codes: 0 ok; 1 an input failed, nothing to read, or a check failed; 2 usage error (Click's own, e.g. a
missing file, or an -o FILE that cannot be written); 3 the ja_ginza model is not installed; 130 interrupted.
Only data goes to stdout; messages go to stderr.
"""
from __future__ import annotations

import datetime as dt
import os
import sys

import click

from ._version import __version__
from .console import error_line
from .errors import ExitStatus, KpError, ModelNotInstalled

CONTEXT = {"help_option_names": ["-h", "--help"]}


def _date(ctx, param, value):
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from None


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="kp")
def main() -> None:
    """kp: who is in a Japanese news article, when things happened, and who claimed what.

    \b
    Exit codes: 0 ok, 1 an input or check failed (or nothing to read), 2 usage error, 3 model not
    installed, 130 interrupted.
    """


def _encoding(ctx, param, value):
    if value is None:
        return None
    from .article import codec_name

    try:
        return codec_name(value)
    except LookupError:
        raise click.BadParameter(f"{value!r} is not an encoding Python knows (try utf-8, cp932, euc_jp)") from None


def _output_path(ctx, param, value):
    """-o FILE is checked before anything is read or parsed: a usage error (exit 2) if it cannot be written."""
    import os

    if value is None or value == "-":
        return None
    folder = os.path.dirname(os.path.abspath(value))
    if os.path.isdir(value):  # only --format parquet writes into a folder: extract() decides
        if not os.access(value, os.W_OK | os.X_OK):
            raise click.BadParameter(f"cannot write into {value!r}: permission denied")
        return value
    if not os.path.isdir(folder):
        raise click.BadParameter(f"cannot write {value!r}: folder {folder!r} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK) or (os.path.exists(value) and not os.access(value, os.W_OK)):
        raise click.BadParameter(f"cannot write {value!r}: permission denied")
    return value


class _Output:
    """Output to stdout, or to a temporary file beside FILE that replaces FILE only when complete: an
    interrupted or failed run leaves an existing FILE as it was."""

    def __init__(self, path: str | None) -> None:
        self.path, self.tmp = path, None
        if path is None:
            self.stream = sys.stdout
            return
        import os
        import tempfile

        folder, name = os.path.split(os.path.abspath(path))
        fd, self.tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".partial", dir=folder)
        try:  # the mode FILE has, or would get from open()
            mode = os.stat(path).st_mode & 0o7777
        except OSError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(self.tmp, mode)
        self.stream = open(fd, "w", encoding="utf-8")

    def commit(self) -> None:
        if self.tmp is not None:
            import os

            self.stream.close()
            os.replace(self.tmp, self.path)
            self.tmp = None

    def abandon(self, keep: bool = False) -> str | None:
        """Close without replacing FILE; the temporary file is removed, or with ``keep`` left and named."""
        if self.tmp is None:
            return None
        import os

        tmp, self.tmp = self.tmp, None
        try:
            self.stream.close()
        except OSError:
            pass
        if keep:
            return tmp
        try:
            os.unlink(tmp)
        except OSError:
            pass
        return None


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, allow_dash=True))
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "json", "jsonl", "html", "sqlite", "parquet"]),
              default=None, help="Output format [default: table on a terminal, json otherwise]. html: a "
                                 "self-contained report per article (several inputs: -o DIR gets one file each and "
                                 "index.html); sqlite writes (or updates) the database -o FILE; parquet writes "
                                 "tables into -o DIR.")
@click.option("--date", "ref_date", callback=_date, metavar="YYYY-MM-DD",
              help="Reference date for relative dates (default: sidecar NAME.meta.json, an HTML page's "
                   "publication date, then a dateline).")
@click.option("-o", "--output", callback=_output_path, metavar="FILE", default=None,
              help="Write the output to FILE instead of stdout (replaced only once the output is complete).")
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
@click.option("--ner", type=click.Choice(["kp", "ginza"]), default=None,
              help="Named entities from kp's own rules (kp, the default) or from GiNZA's NER model (ginza).")
def extract(paths, fmt, ref_date, output, include_text, encoding, globs, jobs, cluster, timeout, ner) -> None:
    """Extract people, organizations, places, dates and claims from articles.

    PATHS are text or HTML files, directories (searched recursively, see --glob), or - for standard input.
    With --format jsonl each article's line is written as soon as it is ready, in input order.
    With --format html, -o DIR (needed for several inputs) gets a report per article and index.html.

    \b
    Example:  kp extract news/ --format jsonl --jobs 2 > out.jsonl
    """
    from . import batch

    if ner is not None:
        from . import pipeline

        pipeline.use_ner(ner)
    patterns = batch.parse_globs(globs)
    files = batch.expand_paths(paths, patterns)
    for path in _empty_folders(paths, files):
        error_line(f"warning: {path}: no files matching {', '.join(patterns)} (--glob sets the patterns)")
    if fmt is None:
        fmt = "table" if output is None and sys.stdout.isatty() else "json"
    if not files:
        error_line("no articles to read: nothing extracted" + (f" ({output} left as it was)" if output else ""))
        if fmt == "json" and output is None:
            click.echo("[]")
        sys.exit(ExitStatus.ERROR)
    html_dir = _html_directory(fmt, output, files)
    include_text = include_text or fmt == "html"
    archive = None
    if fmt in ("sqlite", "parquet"):  # an archive: a database or a folder of tables (kimputin_cli.archive)
        from .archive_cli import open_archive

        archive = open_archive(fmt, output)  # -o names the archive: never opened as a text file
        output = None
    try:
        sink = _Output(None if html_dir else output)
    except OSError as exc:
        error_line(f"cannot write {output}: {exc.strerror or exc}")
        sys.exit(ExitStatus.USAGE)
    try:
        _extract_files(files, paths, sink, fmt, ref_date, include_text, encoding, jobs, cluster, archive, html_dir,
                       timeout)
    except OSError as exc:  # the output could not be written (inputs that cannot be read fail one by one)
        import errno

        if exc.errno not in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EROFS):
            raise
        error_line(f"cannot write {output or 'the output'}: {exc.strerror or exc}")
        sys.exit(ExitStatus.ERROR)
    finally:
        sink.abandon()


def _empty_folders(paths, files) -> list[str]:
    """The folders among ``paths`` in which no file was taken."""
    import os

    return [p for p in paths if p != "-" and os.path.isdir(p)
            and not any(f.startswith(os.path.join(p, "")) for f in files)]


def _outcomes(files, jobs, cluster, timeout, stdin, archive, settings):
    """One outcome per file, in order: on a Dask cluster (``--cluster``) or in this machine's processes."""
    from . import batch

    skip = archive.skip if archive else None
    if cluster is not None:
        from .cluster import extract_on_cluster

        return extract_on_cluster(files, cluster, settings=settings, stdin=stdin, skip=skip)
    return batch.extract_many(files, jobs=jobs, reference_date=settings.reference_date, encoding=settings.encoding,
                              include_text=settings.include_text, stdin=stdin, skip=skip, timeout=timeout)


def _extract_files(files, paths, sink, fmt, ref_date, include_text, encoding, jobs, cluster, archive,
                   html_dir=None, timeout=None) -> None:
    from . import render
    from .batch import Settings
    from .extract import NO_REFERENCE_DATE

    out = sink.stream
    stdin = sys.stdin.buffer.read() if "-" in files else None
    single = len(files) == 1 and len(paths) == 1 and files[0] == paths[0]
    if archive is not None:
        include_text = True  # the archive keeps the text (full-text search)
    status = ExitStatus.OK
    records: list[dict] = []
    progress = _progress(len(files))
    no_date_said = False
    written = 0
    if (jobs > 1 or timeout is not None) and cluster is None:
        _quiet_workers_on_sigint()
    try:
        with progress:
            task = progress.add_task("kp extract", total=len(files)) if progress else None
            for outcome in _outcomes(files, jobs, cluster, timeout, stdin, archive,
                                     Settings(ref_date, encoding, include_text)):
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
                    if w.startswith(NO_REFERENCE_DATE):  # the same for every such file: said once
                        if no_date_said:
                            continue
                        no_date_said = True
                    error_line(f"{outcome.path}: warning: {w}")
                if archive is not None:
                    archive.write(outcome.record)
                elif fmt == "jsonl":
                    render.write_jsonl_record(outcome.record, out)
                    written += 1
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
        kept = sink.abandon(keep=written > 0)
        if kept:
            error_line(f"interrupted: {sink.path} left as it was; the {written} result"
                       f"{'s' if written != 1 else ''} written so far are in {kept}")
        else:
            error_line("interrupted" + (f": {sink.path} left as it was" if sink.path else ""))
        sys.exit(ExitStatus.INTERRUPTED)
    if archive is not None:
        archive.close()
        error_line(archive.summary())
    if fmt == "json":
        render.write_json(records, out)
    elif fmt == "table":
        render.write_tables(records, out)
    elif fmt == "html":
        _write_html(records, out, html_dir)
    sink.commit()
    sys.exit(status)


def _html_directory(fmt, output, files) -> str | None:
    """For --format html: the directory to write reports into (-o DIR, or any -o with several inputs), or
    None for one report to -o FILE or stdout.  Several inputs without -o are a usage error."""
    name = getattr(output, "name", output)  # a lazy click.File, or a path
    if fmt != "html":
        if fmt != "parquet" and name not in (None, "-") and os.path.isdir(name):
            raise click.BadParameter(f"{name!r} is a directory (only --format html and parquet write into a "
                                     "folder)", param_hint="'-o' / '--output'")
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
    from .archive_cli import archive

    main.add_command(archive)


_register_optional_commands()
