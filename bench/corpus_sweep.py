"""A crash and sanity sweep of kp over the whole Wikinews corpus (a benchmark script, not a test).

Every article goes through the library (``kimputin_cli.extract``) in N worker processes, each with the
model loaded once.  Any exception becomes a record with its type, message and the innermost kp frame, and the
sweep goes on.  The summary reports internal errors (must be 0), articles with no entities, claims with no
speaker, and throughput; ``--out`` keeps one JSON line per article for later study.

    python bench/corpus_sweep.py ../shared/corpus/wikinews/articles.jsonl.gz --jobs 2 --summary bench/SWEEP.md
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


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--out", help="one JSON line per article")
    ap.add_argument("--summary", help="write the summary (Markdown) here")
    args = ap.parse_args()
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
