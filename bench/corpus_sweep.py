"""A crash and sanity sweep of kp over the whole Wikinews corpus (a benchmark script, not a test).

Every article goes through the library (``kimputin_cli.extract``) in N worker processes, each with the
model loaded once.  Any exception becomes a record with its type, message and the innermost kp frame, and the
sweep goes on.  The summary reports internal errors (must be 0), articles with no entities, claims with no
speaker, and throughput; ``--out`` keeps one JSON line per article for later study.

    python bench/corpus_sweep.py ../shared/corpus/wikinews/articles.jsonl.gz --jobs 2 --summary bench/SWEEP.md

The same summary can be read from an archive that ``kp`` itself built over the corpus (the CLI path, with its
batch isolation), with no second pass of the parser:

    python bench/corpus_files.py /tmp/corpus --count 0   # all 3,649 as files + sidecars
    time kp extract /tmp/corpus --format sqlite -o /tmp/corpus.db --jobs 2 --timeout 120
    python bench/corpus_sweep.py --db /tmp/corpus.db --inputs 3649 --seconds WALL --summary bench/SWEEP.md
"""
from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import multiprocessing as mp
import os
import time
import traceback

_NLP = None


def _init() -> None:
    global _NLP
    from kimputin_cli.pipeline import load_pipeline

    _NLP = load_pipeline()


def _one(article: dict) -> dict:
    from kimputin_cli import extract

    ref = None
    if article.get("date_hint"):
        ref = dt.date.fromisoformat(article["date_hint"])
    text = article["headline"] + "\n\n" + article["text"]
    row = {"id": article["id"], "chars": len(text)}
    t0 = time.perf_counter()
    try:
        result = extract(text, nlp=_NLP, reference_date=ref).to_dict()
    except Exception as exc:  # the point of the sweep: record and go on
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if "kimputin_cli" in f.filename]
        where = f"{os.path.basename(frames[-1].filename)}:{frames[-1].lineno} {frames[-1].name}" if frames else "?"
        row["error"] = {"type": type(exc).__name__, "message": str(exc)[:200], "where": where}
        row["seconds"] = time.perf_counter() - t0
        return row
    row["seconds"] = time.perf_counter() - t0
    row["entities"] = sum(len(result[k]) for k in ("people", "organizations", "places"))
    claims = result["claims"]
    # speaker null + hedged is the article's own hedged statement; null and not hedged is a report whose
    # speaker kp could not find ("speaker unresolved", README)
    unresolved = sum(1 for c in claims if c.get("speaker") is None and not c.get("hedged"))
    row["claims"] = sum(1 for c in claims if c.get("speaker") is not None) + unresolved
    row["claims_all"] = len(claims)
    row["no_speaker"] = unresolved
    row["dates"] = len(result["dates"])
    row["bad_spans"] = _bad_spans(result, text)
    return row


def _bad_spans(result: dict, text: str) -> int:
    """Items whose text is not article[start:end] (the offset invariant)."""
    bad = 0

    def walk(obj):
        nonlocal bad
        if isinstance(obj, dict):
            if isinstance(obj.get("start"), int) and isinstance(obj.get("end"), int) and isinstance(obj.get("text"), str):
                if text[obj["start"]:obj["end"]] != obj["text"]:
                    bad += 1
            for v in obj.values():
                walk(v)
        elif isinstance(obj, list):
            for v in obj:
                walk(v)

    walk({k: result[k] for k in ("people", "organizations", "places", "dates", "claims")})
    return bad


def from_db(path: str, inputs: int, seconds: float | None) -> list[str]:
    """The sweep's figures from a kp archive (``kp extract … --format sqlite``)."""
    import sqlite3

    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    q = lambda sql: db.execute(sql).fetchone()[0]  # noqa: E731
    articles = q("select count(*) from articles")
    errors = db.execute("select path, type, component, message from errors order by path").fetchall()
    internal = [e for e in errors if e[1] not in ("input", "model")]  # unreadable input is no internal error
    no_entities = q("select count(*) from articles a where not exists (select 1 from entities e where e.article_id = a.id)")
    no_claims = q("select count(*) from articles a where not exists (select 1 from claims c where c.article_id = a.id)")
    attributed = q("select count(*) from claims where speaker_text is not null")
    unresolved = q("select count(*) from claims where speaker_text is null and not hedged")
    unattributed = q("select count(*) from claims where speaker_text is null and hedged")
    texts = dict(db.execute("select id, text from articles"))
    bad = 0
    for table, cols in (("mentions", ("start", "end", "text")), ("dates", ("start", "end", "text")),
                        ("claims", ("content_start", "content_end", "content_text")),
                        ("claims", ("cue_start", "cue_end", "cue_text"))):
        for aid, s, e, t in db.execute(f"select article_id, {', '.join(cols)} from {table}"):
            if texts.get(aid) is not None and texts[aid][s:e] != t:
                bad += 1
    chars = q("select coalesce(sum(chars), 0) from articles")
    claims = attributed + unresolved
    lines = [
        "| measure | value |", "|---|---|",
        f"| inputs | {inputs or '?'} |",
        f"| articles written | {articles} |",
        f"| error records | {len(errors)} (internal errors: {len(internal)}) |",
        f"| lost (inputs - written - errors) | {inputs - articles - len(errors) if inputs else '?'} |",
        f"| articles with no entities | {no_entities} |",
        f"| articles with no claims | {no_claims} |",
        f"| attributed claims + reports with no speaker found | {claims} |",
        f"| of them with no speaker (\"speaker unresolved\") | {unresolved} ({unresolved / max(claims, 1):.1%}) |",
        f"| unattributed hedged statements | {unattributed} |",
        f"| items breaking the offset invariant | {bad} |",
        f"| characters | {chars:,} |",
    ]
    if seconds:
        lines += [f"| wall time | {seconds:.0f} s |", f"| throughput | {chars / seconds:,.0f} chars/s |"]
    if internal:
        lines += ["", "## Internal errors", ""]
        lines += [f"- {p}: {t} in {c}: {m}" for p, t, c, m in internal]
    return lines


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?")
    ap.add_argument("--db", help="summarise this kp archive instead of running the sweep")
    ap.add_argument("--inputs", type=int, default=0, help="with --db: how many articles were given")
    ap.add_argument("--seconds", type=float, default=None, help="with --db: the run's wall time")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--out", help="one JSON line per article")
    ap.add_argument("--summary", help="write the summary (Markdown) here")
    args = ap.parse_args()
    if args.db:
        text = "\n".join(["# Corpus sweep (from a kp archive)", "", f"Archive: `{args.db}`, summarised "
                          f"{dt.datetime.now().isoformat(timespec='minutes')}, kp {_version()}", ""]
                         + from_db(args.db, args.inputs, args.seconds)) + "\n"
        print(text)
        if args.summary:
            with open(args.summary, "w", encoding="utf-8") as f:
                f.write(text)
        return
    arts = [json.loads(line) for line in gzip.open(args.corpus, "rt", encoding="utf-8")]
    if args.limit:
        arts = arts[: args.limit]
    t0 = time.perf_counter()
    rows = []
    with mp.get_context("fork").Pool(args.jobs, initializer=_init) as pool:
        for row in pool.imap_unordered(_one, arts, chunksize=4):
            rows.append(row)
    wall = time.perf_counter() - t0
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            for row in sorted(rows, key=lambda r: r["id"]):
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
    errors = [r for r in rows if "error" in r]
    ok = [r for r in rows if "error" not in r]
    chars = sum(r["chars"] for r in rows)
    claims = sum(r["claims"] for r in ok)
    no_speaker = sum(r["no_speaker"] for r in ok)
    lines = [
        "# Corpus sweep",
        "",
        f"Command: `python bench/corpus_sweep.py ../shared/corpus/wikinews/articles.jsonl.gz --jobs {args.jobs}`"
        + (f" --limit {args.limit}" if args.limit else ""),
        f"Run: {dt.datetime.now().isoformat(timespec='minutes')}, kp {_version()}, {os.cpu_count()} cores",
        "",
        "| measure | value |",
        "|---|---|",
        f"| articles | {len(rows)} |",
        f"| internal errors | {len(errors)} |",
        f"| articles with no entities | {sum(1 for r in ok if r['entities'] == 0)} |",
        f"| articles with no claims | {sum(1 for r in ok if r['claims_all'] == 0)} |",
        f"| attributed claims | {claims} |",
        f"| of them with no speaker | {no_speaker} ({no_speaker / max(claims, 1):.1%}) |",
        f"| items breaking the offset invariant | {sum(r['bad_spans'] for r in ok)} |",
        f"| characters | {chars:,} |",
        f"| wall time | {wall:.0f} s |",
        f"| throughput | {chars / wall:,.0f} chars/s with {args.jobs} processes |",
        f"| slowest article | {max((r['seconds'] for r in rows), default=0):.1f} s |",
    ]
    if errors:
        lines += ["", "## Internal errors", ""]
        for r in sorted(errors, key=lambda r: r["id"]):
            e = r["error"]
            lines.append(f"- {r['id']}: {e['type']} at {e['where']}: {e['message']}")
    text = "\n".join(lines) + "\n"
    print(text)
    if args.summary:
        with open(args.summary, "w", encoding="utf-8") as f:
            f.write(text)


def _version() -> str:
    from kimputin_cli import __version__

    return __version__


if __name__ == "__main__":
    main()
