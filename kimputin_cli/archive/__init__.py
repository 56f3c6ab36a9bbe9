"""kp's archive: many articles' extraction records as tables (SQLite through sqlite-utils, or Parquet).

``open_writer(fmt, path)`` gives a writer with ``skip(path)``, ``write(record)`` and ``close()``; the
tables are defined once in :mod:`.tables`.  :mod:`.query` answers the ``kp archive`` questions.
These modules need the ``archive`` extra (``pip install 'kimputin_cli[archive]'``).
"""
from __future__ import annotations


def open_writer(fmt: str, path: str):
    if fmt == "sqlite":
        from .sqlite import SqliteArchive

        return SqliteArchive(path)
    if fmt == "parquet":
        from .parquet import ParquetArchive

        return ParquetArchive(path)
    raise ValueError(f"no archive writer for {fmt!r}")
