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
