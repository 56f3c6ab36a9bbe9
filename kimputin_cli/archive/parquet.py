"""The archive as Parquet files (``kp extract --format parquet -o DIR``), for Spark, DuckDB or pandas.

The same tables and ids as the SQLite archive (rows from :mod:`.tables`), one file per table:
``DIR/articles.parquet``, ``DIR/claims.parquet``... Rows are written in row groups as the batch goes; each
file is written under a temporary name and renamed when the run ends, so a folder never holds a half file.
A run writes the folder anew (no resume: use the SQLite archive for that).
"""
from __future__ import annotations

import os
from pathlib import Path

from .tables import COLUMNS, Counters, EntityIndex, article_rows, error_row

ROW_GROUP = 20_000


class ParquetArchive:
    def __init__(self, path: str) -> None:
        import pyarrow as pa

        self.pa = pa
        self.dir = Path(path)
        if self.dir.exists() and not self.dir.is_dir():
            raise OSError(f"{path} exists and is not a folder")
        self.dir.mkdir(parents=True, exist_ok=True)
        types = {"INTEGER": pa.int64(), "TEXT": pa.string()}
        self.schemas = {t: pa.schema([(c, types[k]) for c, k in cols.items()]) for t, cols in COLUMNS.items()}
        self.buffers: dict[str, list[dict]] = {t: [] for t in COLUMNS}
        self.writers: dict = {}
        self.ids = Counters()
        self.index = EntityIndex()
        self.counts = {"written": 0, "errors": 0}
        self.closed = False

    def skip(self, path: str) -> bool:
        return False

    def write(self, record: dict) -> None:
        if "error" in record:
            from .sqlite import file_sha256

            path = record["source"]["path"]
            self.buffers["errors"].append(error_row(record, file_sha256(path) if path != "-" else None))
            self.counts["errors"] += 1
        else:
            for table, rows in article_rows(record, self.ids.take("articles"), self.ids, self.index).items():
                self.buffers[table].extend(rows)
            self.index.done(True)
            self.counts["written"] += 1
        for table, rows in self.buffers.items():
            if len(rows) >= ROW_GROUP:
                self._flush(table)

    def _partial(self, table: str) -> Path:
        return self.dir / f".{table}.parquet.partial"

    def _flush(self, table: str) -> None:
        import pyarrow.parquet as pq

        rows = self.buffers[table]
        if table not in self.writers:
            self.writers[table] = pq.ParquetWriter(str(self._partial(table)), self.schemas[table])
        if rows:
            self.writers[table].write_table(self.pa.Table.from_pylist(rows, schema=self.schemas[table]))
        self.buffers[table] = []

    def summary(self) -> str:
        return f"{self.dir}: {self.counts['written']} articles written, {self.counts['errors']} failed"

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        for table in COLUMNS:
            self._flush(table)
            self.writers[table].close()
            os.replace(self._partial(table), self.dir / f"{table}.parquet")
