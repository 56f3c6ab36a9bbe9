"""The archive's tables, built from kp's JSON records: one place that says what a row is.

Both writers (SQLite through sqlite-utils, Parquet through pyarrow) take their rows from :class:`RowBuilder`,
so the two hold the same tables with the same ids.  Ids are integers the builder allocates: an article's
rows point at ``articles.id``; ``entities.archive_entity_id`` points at ``archive_entities.id``, one id for
the same entity across articles (see :func:`entity_keys`).
"""
from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field
from typing import Callable

# table -> ordered {column: type}; the types are SQLite's (Parquet maps them, see parquet.py)
COLUMNS: dict[str, dict[str, str]] = {
    "articles": {
        "id": "INTEGER", "path": "TEXT", "sha256": "TEXT", "headline": "TEXT", "reference_date": "TEXT",
        "reference_date_source": "TEXT", "chars": "INTEGER", "encoding": "TEXT", "kp_version": "TEXT",
        "model_version": "TEXT", "warnings": "TEXT", "text": "TEXT",
    },
    "archive_entities": {
        "id": "INTEGER", "kind": "TEXT", "category": "TEXT", "name": "TEXT",
    },
    "archive_entity_keys": {
        "key": "TEXT", "kind": "TEXT", "archive_entity_id": "INTEGER",
    },
    "entities": {
        "id": "INTEGER", "article_id": "INTEGER", "local_id": "TEXT", "category": "TEXT", "kind": "TEXT",
        "name": "TEXT", "aliases": "TEXT", "titles": "TEXT", "mention_count": "INTEGER",
        "archive_entity_id": "INTEGER",
    },
    "mentions": {
        "id": "INTEGER", "article_id": "INTEGER", "entity_id": "INTEGER", "start": "INTEGER", "end": "INTEGER",
        "text": "TEXT",
    },
    "dates": {
        "id": "INTEGER", "article_id": "INTEGER", "start": "INTEGER", "end": "INTEGER", "text": "TEXT",
        "value": "TEXT", "kind": "TEXT", "granularity": "TEXT", "part": "TEXT", "relative": "INTEGER",
        "season": "TEXT",
    },
    "claims": {
        "id": "INTEGER", "article_id": "INTEGER", "local_id": "TEXT", "speaker_text": "TEXT",
        "speaker_start": "INTEGER", "speaker_end": "INTEGER", "speaker_entity_id": "INTEGER",
        "speaker_anonymous": "INTEGER", "cue_text": "TEXT", "cue_start": "INTEGER", "cue_end": "INTEGER",
        "content_text": "TEXT", "content_start": "INTEGER", "content_end": "INTEGER", "direct": "INTEGER",
        "hedged": "INTEGER", "anonymous": "INTEGER", "sentence_start": "INTEGER", "sentence_end": "INTEGER",
    },
    "claim_sources": {
        "id": "INTEGER", "claim_id": "INTEGER", "article_id": "INTEGER", "position": "INTEGER", "text": "TEXT",
        "start": "INTEGER", "end": "INTEGER", "relation": "TEXT", "anonymous": "INTEGER", "entity_id": "INTEGER",
    },
    "errors": {
        "path": "TEXT", "sha256": "TEXT", "kp_version": "TEXT", "type": "TEXT", "message": "TEXT",
        "component": "TEXT",
    },
}

# the tables that hold one article's rows (replaced together when the article changes), children first
ARTICLE_TABLES = ("claim_sources", "claims", "mentions", "dates", "entities")

CATEGORIES = (("people", "person"), ("organizations", "organization"), ("places", "place"))

_SEPARATORS = str.maketrans("", "", " \u3000・･·=＝")


def normalize(name: str) -> str:
    """The form names are compared in: NFKC, no spaces or name separators (・, =), Latin lower-cased."""
    return unicodedata.normalize("NFKC", name).translate(_SEPARATORS).lower()


def entity_keys(entity: dict) -> list[str]:
    """The normalized forms that identify ``entity`` across articles, name first.

    Conservative: an alias counts only when it is at least as long as the name, so a script variant
    (キム・ジョンウン for 金正恩) links articles but a short form (岸田 for 岸田文雄, 大統領府 for
    ロシア大統領府, キム) does not: two people who share a surname keep apart.
    """
    name = normalize(entity["name"])
    keys = [name] if name else []
    for alias in entity.get("aliases") or []:
        key = normalize(alias)
        if key and len(key) >= len(name) and key not in keys:
            keys.append(key)
    return keys


class EntityIndex:
    """Archive-wide entity ids: (kind, key) -> id.

    ``lookup((kind, key))`` asks the archive (the SQLite writer queries its table, so the parent's memory
    does not grow with the archive); without it the index keeps the keys itself.  Keys assigned while one
    article's rows are built stay ``pending`` until :meth:`done` says whether that article was written."""

    def __init__(self, lookup: Callable[[tuple[str, str]], int | None] | None = None, next_id: int = 1) -> None:
        self.store: dict[tuple[str, str], int] | None = {} if lookup is None else None
        self.lookup = lookup or self.store.get
        self.pending: dict[tuple[str, str], int] = {}
        self.next_id = next_id

    def find(self, kind: str, key: str) -> int | None:
        found = self.pending.get((kind, key))
        return found if found is not None else self.lookup((kind, key))

    def assign(self, entity: dict, category: str) -> tuple[int, list[dict], list[dict]]:
        """The archive id for ``entity``, plus new archive_entities and archive_entity_keys rows.

        The name's key decides when it is known; otherwise the first known alias key; otherwise a new id.
        Keys not yet known are attached to the chosen id; a key that already belongs to another id is left
        there (two archive entities are never merged after the fact)."""
        kind = entity.get("kind") or category
        keys = entity_keys(entity)
        known = {k: self.find(kind, k) for k in keys}
        found = next((known[k] for k in keys if known[k] is not None), None)
        new_entities, new_keys = [], []
        if found is None:
            found = self.next_id
            self.next_id += 1
            new_entities.append({"id": found, "kind": kind, "category": category, "name": entity["name"]})
        for k in keys:
            if known[k] is None:
                self.pending[(kind, k)] = found
                new_keys.append({"key": k, "kind": kind, "archive_entity_id": found})
        return found, new_entities, new_keys

    def done(self, written: bool) -> None:
        """The article whose rows were built is written (its keys become known) or rolled back."""
        if written and self.store is not None:
            self.store.update(self.pending)
        self.pending.clear()


@dataclass
class Counters:
    """The next free id of each table with integer ids."""

    next: dict[str, int] = field(default_factory=dict)

    def take(self, table: str) -> int:
        n = self.next.get(table, 1)
        self.next[table] = n + 1
        return n


def _flag(value) -> int | None:
    return None if value is None else int(bool(value))


def article_rows(record: dict, article_id: int, ids: Counters, index: EntityIndex) -> dict[str, list[dict]]:
    """Every row one extraction record gives, by table (``articles`` first; archive tables may be empty)."""
    source = record["source"]
    pipeline = record.get("pipeline") or {}
    rows: dict[str, list[dict]] = {t: [] for t in ("articles", "archive_entities", "archive_entity_keys",
                                                    "entities", "mentions", "dates", "claims", "claim_sources")}
    rows["articles"].append({
        "id": article_id, "path": source["path"], "sha256": source.get("sha256"),
        "headline": source.get("title"), "reference_date": record.get("reference_date"),
        "reference_date_source": record.get("reference_date_source"), "chars": source.get("chars"),
        "encoding": source.get("encoding"), "kp_version": pipeline.get("kp_version"),
        "model_version": pipeline.get("model_version"),
        "warnings": json.dumps(record.get("warnings") or [], ensure_ascii=False),
        "text": source.get("text"),
    })
    local: dict[str, int] = {}
    for key, category in CATEGORIES:
        for ent in record.get(key) or []:
            eid = ids.take("entities")
            local[ent["id"]] = eid
            archive_id, new_entities, new_keys = index.assign(ent, category)
            rows["archive_entities"].extend(new_entities)
            rows["archive_entity_keys"].extend(new_keys)
            rows["entities"].append({
                "id": eid, "article_id": article_id, "local_id": ent["id"], "category": category,
                "kind": ent.get("kind"), "name": ent["name"],
                "aliases": json.dumps(ent.get("aliases") or [], ensure_ascii=False),
                "titles": json.dumps(ent.get("titles") or [], ensure_ascii=False),
                "mention_count": len(ent.get("mentions") or []), "archive_entity_id": archive_id,
            })
            for m in ent.get("mentions") or []:
                rows["mentions"].append({"id": ids.take("mentions"), "article_id": article_id, "entity_id": eid,
                                         "start": m["start"], "end": m["end"], "text": m["text"]})
    for d in record.get("dates") or []:
        rows["dates"].append({
            "id": ids.take("dates"), "article_id": article_id, "start": d["start"], "end": d["end"],
            "text": d["text"], "value": d.get("value"), "kind": d.get("kind"), "granularity": d.get("granularity"),
            "part": d.get("part"), "relative": _flag(d.get("relative")), "season": d.get("season"),
        })
    for c in record.get("claims") or []:
        cid = ids.take("claims")
        sp = c.get("speaker") or {}
        sources = c.get("sources") or []
        anonymous = bool(sp.get("anonymous")) or any(s.get("anonymous") for s in sources)
        rows["claims"].append({
            "id": cid, "article_id": article_id, "local_id": c.get("id"), "speaker_text": sp.get("text"),
            "speaker_start": sp.get("start"), "speaker_end": sp.get("end"),
            "speaker_entity_id": local.get(sp.get("entity")) if sp.get("entity") else None,
            "speaker_anonymous": _flag(sp.get("anonymous")) if sp else None,
            "cue_text": (c.get("cue") or {}).get("text"), "cue_start": (c.get("cue") or {}).get("start"),
            "cue_end": (c.get("cue") or {}).get("end"), "content_text": c["content"]["text"],
            "content_start": c["content"]["start"], "content_end": c["content"]["end"],
            "direct": _flag(c.get("direct")), "hedged": _flag(c.get("hedged")), "anonymous": int(anonymous),
            "sentence_start": (c.get("sentence") or {}).get("start"),
            "sentence_end": (c.get("sentence") or {}).get("end"),
        })
        for position, s in enumerate(sources):
            rows["claim_sources"].append({
                "id": ids.take("claim_sources"), "claim_id": cid, "article_id": article_id, "position": position,
                "text": s.get("text"), "start": s.get("start"), "end": s.get("end"), "relation": s.get("relation"),
                "anonymous": _flag(s.get("anonymous")),
                "entity_id": local.get(s.get("entity")) if s.get("entity") else None,
            })
    return rows


def error_row(record: dict, sha256: str | None) -> dict:
    err = record.get("error") or {}
    return {"path": record["source"]["path"], "sha256": sha256, "kp_version": _kp_version(),
            "type": err.get("type"), "message": err.get("message"), "component": err.get("component")}


def _kp_version() -> str:
    from .._version import __version__

    return __version__
