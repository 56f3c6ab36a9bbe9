"""The archive as one SQLite file, written through sqlite-utils (schema, indexes, FTS5, views).

Each article's rows go in one transaction (``Database.atomic``): a crash or Ctrl-C in the middle of an
article leaves the file as it was before that article.  ``skip(path)`` tells the batch which articles the
file already holds unchanged (same sha256 of the file's bytes and same kp version), so an interrupted build
resumes where it stopped and a second run over an unchanged folder parses nothing.  A changed article has
its old rows deleted and its new rows inserted in the same transaction.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from .._version import __version__
from .tables import ARTICLE_TABLES, COLUMNS, Counters, EntityIndex, article_rows, error_row

FOREIGN_KEYS = {
    "archive_entity_keys": [("archive_entity_id", "archive_entities", "id")],
    "entities": [("article_id", "articles", "id"), ("archive_entity_id", "archive_entities", "id")],
    "mentions": [("article_id", "articles", "id"), ("entity_id", "entities", "id")],
    "dates": [("article_id", "articles", "id")],
    "claims": [("article_id", "articles", "id"), ("speaker_entity_id", "entities", "id")],
    "claim_sources": [("claim_id", "claims", "id"), ("article_id", "articles", "id"), ("entity_id", "entities", "id")],
}
PRIMARY_KEYS = {"archive_entity_keys": ("kind", "key"), "errors": "path"}
INDEXES = [
    ("articles", ["path"], True), ("articles", ["reference_date"], False),
    ("archive_entities", ["name"], False),
    ("entities", ["article_id"], False), ("entities", ["archive_entity_id"], False), ("entities", ["name"], False),
    ("mentions", ["article_id"], False), ("mentions", ["entity_id"], False),
    ("dates", ["article_id"], False), ("dates", ["value"], False),
    ("claims", ["article_id"], False), ("claims", ["speaker_entity_id"], False),
    ("claim_sources", ["claim_id"], False), ("claim_sources", ["article_id"], False),
    ("claim_sources", ["entity_id"], False),
]

VIEWS = {
    # one row per claim, everything as text: who, through whom, what, where
    "claims_text": """
select c.id as claim_id, a.id as article_id, a.path, a.headline, a.reference_date,
       c.speaker_text as speaker, se.name as speaker_entity, se.archive_entity_id as speaker_archive_id,
       (select group_concat(s.text || coalesce(' (' || s.relation || ')', ''), ' ← ')
          from (select * from claim_sources where claim_id = c.id order by position) s) as sources,
       c.content_text as content, c.cue_text as cue, c.direct, c.hedged, c.anonymous,
       case when c.speaker_text is null then 1 else 0 end as unattributed
from claims c join articles a on a.id = c.article_id
left join entities se on se.id = c.speaker_entity_id""",
    # per article: how many claims, how many rest on an unnamed speaker or source
    "anonymous_share": """
select a.id as article_id, a.path, a.headline, a.reference_date,
       count(c.id) as claims, coalesce(sum(c.anonymous), 0) as anonymous_claims,
       round(1.0 * coalesce(sum(c.anonymous), 0) / nullif(count(c.id), 0), 3) as anonymous_share
from articles a left join claims c on c.article_id = a.id
group by a.id""",
    # every speaker and source phrase, with the archive entity it names (if any)
    "attributions": """
select c.article_id, c.id as claim_id, 'speaker' as role, c.speaker_text as text, c.speaker_anonymous as anonymous,
       e.archive_entity_id
from claims c left join entities e on e.id = c.speaker_entity_id where c.speaker_text is not null
union all
select s.article_id, s.claim_id, 'source', s.text, s.anonymous, e.archive_entity_id
from claim_sources s left join entities e on e.id = s.entity_id""",
    # the claims whose content mentions an entity: "every claim that mentions X"
    "claim_mentions": """
select c.id as claim_id, e.archive_entity_id, e.id as entity_id, m.text as mention
from claims c join mentions m on m.article_id = c.article_id
  and m.start >= c.content_start and m."end" <= c.content_end
join entities e on e.id = m.entity_id""",
}

FTS = {"claims": ["content_text"], "articles": ["headline", "text"]}


def file_sha256(path: str) -> str | None:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None


class SqliteArchive:
    """Writes extraction records into ``path`` (created if missing, updated otherwise)."""

    def __init__(self, path: str) -> None:
        import sqlite_utils

        self.path = path
        self.db = sqlite_utils.Database(path)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("PRAGMA foreign_keys=ON")
        self._ensure_schema()
        self.ids = Counters({t: (self.db.execute(f"select coalesce(max(id), 0) + 1 from {t}").fetchone()[0])
                             for t in ("articles", *ARTICLE_TABLES)})
        next_id = self.db.execute("select coalesce(max(id), 0) + 1 from archive_entities").fetchone()[0]
        self.index = EntityIndex(self._archive_id, next_id)
        self.hashes: dict[str, str | None] = {}  # sha256 of the articles sent and not yet written
        self.counts = {"written": 0, "unchanged": 0, "errors": 0}

    # -- schema --------------------------------------------------------------------------------------
    def _ensure_schema(self) -> None:
        db = self.db
        order = ["articles", "archive_entities", "archive_entity_keys", "entities", "mentions", "dates", "claims",
                 "claim_sources", "errors"]
        with db.atomic():
            for table in order:
                if db[table].exists():
                    continue
                db[table].create(COLUMNS[table], pk=PRIMARY_KEYS.get(table, "id"),
                                 foreign_keys=FOREIGN_KEYS.get(table, []))
            for table, cols, unique in INDEXES:
                db[table].create_index(cols, unique=unique, if_not_exists=True)
            for name, sql in VIEWS.items():
                db.create_view(name, sql.strip(), replace=True)
            for table, cols in FTS.items():
                if not db[f"{table}_fts"].exists():
                    db[table].enable_fts(cols, fts_version="FTS5", tokenize="trigram", create_triggers=True)
            db["kp_meta"].insert({"key": "schema", "value": "kimputin.archive/1"}, pk="key", replace=True)

    def _archive_id(self, kind_key: tuple[str, str]) -> int | None:
        row = self.db.execute("select archive_entity_id from archive_entity_keys where kind = ? and key = ?",
                              list(kind_key)).fetchone()
        return row[0] if row else None

    # -- the batch's questions -------------------------------------------------------------------------
    def skip(self, path: str) -> bool:
        """True when the archive holds ``path`` with the same bytes and kp version (nothing to do)."""
        if path == "-":
            return False
        sha = file_sha256(path)
        self.hashes[path] = sha
        row = self.db.execute("select sha256, kp_version from articles where path = ?", [path]).fetchone()
        if sha is not None and row is not None and tuple(row) == (sha, __version__):
            del self.hashes[path]
            self.counts["unchanged"] += 1
            return True
        return False

    def write(self, record: dict) -> None:
        """One record (an extraction or an error record) in one transaction."""
        path = record["source"]["path"]
        sha = self.hashes.pop(path, None)
        written = False
        try:
            with self.db.atomic():
                self._write(path, record, sha)
            written = True
        finally:
            self.index.done(written)
        self.counts["errors" if "error" in record else "written"] += 1

    def _write(self, path: str, record: dict, sha: str | None) -> None:
        self._delete_article(path)
        if "error" in record:
            self.db.execute("insert or replace into errors (path, sha256, kp_version, type, message, component) "
                            "values (:path, :sha256, :kp_version, :type, :message, :component)",
                            error_row(record, sha))
            return
        self.db.execute("delete from errors where path = ?", [path])
        rows = article_rows(record, self.ids.take("articles"), self.ids, self.index)
        for table, table_rows in rows.items():
            self._insert(table, table_rows)

    def _insert(self, table: str, rows: list[dict]) -> None:
        if not rows:
            return
        cols = list(COLUMNS[table])
        sql = (f"insert into [{table}] ({', '.join(f'[{c}]' for c in cols)}) "
               f"values ({', '.join(':' + c for c in cols)})")
        self.db.conn.executemany(sql, rows)

    def _delete_article(self, path: str) -> None:
        row = self.db.execute("select id from articles where path = ?", [path]).fetchone()
        if row is None:
            return
        for table in ARTICLE_TABLES:
            self.db.execute(f"delete from [{table}] where article_id = ?", [row[0]])
        self.db.execute("delete from articles where id = ?", [row[0]])

    def summary(self) -> str:
        c = self.counts
        return (f"{self.path}: {c['written']} articles written, {c['unchanged']} unchanged (skipped), "
                f"{c['errors']} failed")

    def close(self) -> None:
        if self.db is None:
            return
        write_metadata(self.path)
        self.db.close()
        self.db = None


def metadata() -> dict:
    """Datasette metadata: what each table and view holds, and a few canned queries."""
    desc = {
        "articles": "One row per article: path, sha256 of the file, headline when known, reference date, kp version.",
        "archive_entities": "One row per entity across the archive (same normalized name or full alias, same kind).",
        "archive_entity_keys": "The normalized names and aliases that identify each archive entity.",
        "entities": "People, organizations and places per article; archive_entity_id links them across articles.",
        "mentions": "Every mention of an entity, with character offsets into the article.",
        "dates": "Date expressions with their resolved value (ISO 8601) and granularity.",
        "claims": "Attributed and unattributed claims: speaker, cue, content, direct/hedged/anonymous.",
        "claim_sources": "The sources a claim came through (によると, の話として...), outermost first.",
        "errors": "Articles that failed, with the stage they failed in.",
        "claims_text": "Claims with speaker and sources as text.",
        "anonymous_share": "Per article: claims, and how many rest on an unnamed speaker or source.",
        "attributions": "Every speaker and source phrase, with its archive entity.",
        "claim_mentions": "Claims whose content mentions an entity.",
    }
    return {
        "title": "kp archive",
        "description": "Who claimed what, through whom: people, organizations, places, dates and claims "
                       "extracted by kimputin_cli (kp) from Japanese news.",
        "databases": {"*": {
            "tables": {name: {"description": text} for name, text in desc.items()},
            "queries": {
                "who_said": {
                    "title": "Claims by a speaker",
                    "sql": "select path, reference_date, speaker, sources, content from claims_text "
                           "where speaker_archive_id in (select id from archive_entities where name = :name) "
                           "or speaker = :name order by reference_date",
                },
                "anonymous_sources": {
                    "title": "Articles relying most on unnamed sources",
                    "sql": "select * from anonymous_share where claims >= 3 order by anonymous_share desc limit 100",
                },
            },
        }},
    }


def metadata_path(db_path: str) -> Path:
    p = Path(db_path)
    return p.with_name(p.stem + ".metadata.json")


def write_metadata(db_path: str) -> Path:
    """``NAME.metadata.json`` beside the database, for ``datasette NAME.db --metadata NAME.metadata.json``."""
    target = metadata_path(db_path)
    md = metadata()
    md["databases"] = {Path(db_path).stem: md["databases"]["*"]}
    target.write_text(json.dumps(md, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return target
