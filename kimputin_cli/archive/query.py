"""Questions to an archive database (the ``kp archive`` commands); every answer is (columns, rows).

The database is opened read-only: ``kp archive sql`` cannot change it.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

from .tables import normalize


class ArchiveError(Exception):
    """The file is missing or not a kp archive, or a query failed."""


Answer = tuple[list[str], list[tuple]]


def connect(path: str) -> sqlite3.Connection:
    if not Path(path).is_file():
        raise ArchiveError(f"{path}: no such file (build one with: kp extract DIR --format sqlite -o {path})")
    try:
        con = sqlite3.connect(f"file:{Path(path).resolve()}?mode=ro", uri=True)
        con.execute("select value from kp_meta where key = 'schema'").fetchone()
    except sqlite3.DatabaseError as exc:
        raise ArchiveError(f"{path}: not a kp archive database ({exc})") from None
    return con


def _run(con: sqlite3.Connection, sql: str, params=()) -> Answer:
    try:
        cur = con.execute(sql, params)
    except sqlite3.Error as exc:
        raise ArchiveError(f"query failed: {exc}") from None
    columns = [d[0] for d in cur.description or []]
    return columns, cur.fetchall()


def entity_ids(con: sqlite3.Connection, name: str) -> list[int]:
    """The archive entities ``name`` designates: those it is a key of (its normalized name or full alias);
    failing that, those whose name contains it (a short form such as a surname may name several)."""
    key = normalize(name)
    ids = [i for (i,) in con.execute("select distinct archive_entity_id from archive_entity_keys where key = ?", [key])]
    if not ids:
        ids = [i for (i,) in con.execute("select id from archive_entities where name like ? order by id",
                                         [f"%{name}%"])]
    return ids


def who_said(con: sqlite3.Connection, name: str, limit: int | None = None) -> Answer:
    """Claims whose speaker is the entity ``name`` (every article), or whose speaker phrase is ``name``."""
    ids = entity_ids(con, name)
    marks = ",".join("?" * len(ids)) or "null"
    return _run(con, f"""
        select reference_date as date,
               coalesce(speaker_entity || case when speaker_entity != speaker then ' (' || speaker || ')' else '' end,
                        speaker) as speaker,
               sources, content, path, claim_id
        from claims_text
        where speaker_archive_id in ({marks}) or speaker = ?
        order by reference_date is null, reference_date, path, claim_id
        limit ?""", [*ids, name, -1 if limit is None else limit])


def sources(con: sqlite3.Connection, limit: int | None = 30, role: str | None = None) -> Answer:
    """Speakers and sources ranked by the claims they appear in; ``anonymous_share``: the part of those
    claims that rest on an unnamed speaker or source.  ``role``: only speakers or only sources."""
    where = "where role = ?" if role else ""
    params = [role] if role else []
    return _run(con, f"""
        with att as (
          select c.id as claim_id, c.article_id, 'speaker' as role, c.speaker_text as text,
                 c.speaker_anonymous as anon, e.archive_entity_id as aid, c.anonymous as claim_anon
          from claims c left join entities e on e.id = c.speaker_entity_id where c.speaker_text is not null
          union all
          select s.claim_id, s.article_id, 'source', s.text, s.anonymous, e.archive_entity_id, c.anonymous
          from claim_sources s join claims c on c.id = s.claim_id left join entities e on e.id = s.entity_id)
        select coalesce(ae.name, att.text) as who, coalesce(ae.kind, case when max(att.anon) then 'anonymous' end) as kind,
               count(distinct att.claim_id) as claims, sum(att.role = 'speaker') as as_speaker,
               sum(att.role = 'source') as as_source, count(distinct att.article_id) as articles,
               round(1.0 * count(distinct case when att.claim_anon = 1 then att.claim_id end)
                     / count(distinct att.claim_id), 3) as anonymous_share
        from att left join archive_entities ae on ae.id = att.aid
        {where}
        group by coalesce('e' || att.aid, 't' || att.text)
        order by claims desc, who
        limit ?""", [*params, -1 if limit is None else limit])


def _fts_phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def search(con: sqlite3.Connection, text: str, where: str = "claims", limit: int | None = 20) -> Answer:
    """Full-text search (FTS5, trigram) in claim contents or in articles (headline and text).

    The trigram index finds any substring of three characters or more; shorter queries (two-character
    names are common in Japanese) fall back to a plain substring scan."""
    lim = -1 if limit is None else limit
    short = len(text) < 3
    if where == "claims":
        if short:
            return _run(con, """
                select reference_date as date, coalesce(speaker_entity, speaker) as speaker, sources, content, path,
                       claim_id
                from claims_text where content like ? order by reference_date, path, claim_id limit ?""",
                        [f"%{text}%", lim])
        return _run(con, """
            select t.reference_date as date, coalesce(t.speaker_entity, t.speaker) as speaker, t.sources,
                   snippet(claims_fts, 0, '【', '】', '…', 40) as content, t.path, t.claim_id
            from claims_fts join claims_text t on t.claim_id = claims_fts.rowid
            where claims_fts match ? order by rank limit ?""", [_fts_phrase(text), lim])
    if short:
        return _run(con, """
            select reference_date as date, headline, path, instr(text, ?) - 1 as "offset"
            from articles where text like ? or headline like ? order by reference_date, path limit ?""",
                    [text, f"%{text}%", f"%{text}%", lim])
    return _run(con, """
        select a.reference_date as date, a.headline, a.path, snippet(articles_fts, 1, '【', '】', '…', 30) as excerpt
        from articles_fts join articles a on a.id = articles_fts.rowid
        where articles_fts match ? order by rank limit ?""", [_fts_phrase(text), lim])


def sql(con: sqlite3.Connection, query: str, params=()) -> Answer:
    """Any read-only query."""
    return _run(con, query, params)
