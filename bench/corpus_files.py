#!/usr/bin/env python
"""Write Wikinews corpus articles as files kp can read: ``ID.txt`` plus a sidecar ``ID.meta.json``
(``{"date": date_hint, "title": headline}``), leaving out the articles chosen as fixtures.

    python bench/corpus_files.py /tmp/wikinews200 --count 200        # a seeded random sample
    python bench/corpus_files.py /tmp/wikinews-all --count 0          # all 3,649 (fixtures included)

``date_hint`` is the latest date the text names (see the corpus README): close to the publication date,
good enough as an archive's reference date, not a checked one.
"""
from __future__ import annotations

import argparse
import gzip
import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# shared/ sits beside the repository (or beside its worktrees' folder)
CORPUS = next((p / "shared" / "corpus" / "wikinews" / "articles.jsonl.gz" for p in (ROOT.parent, ROOT.parent.parent)
               if (p / "shared" / "corpus" / "wikinews" / "articles.jsonl.gz").is_file()),
              ROOT.parent / "shared" / "corpus" / "wikinews" / "articles.jsonl.gz")
SELECTION = ROOT / "fixtures" / "real_selection.jsonl"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("outdir")
    ap.add_argument("--count", type=int, default=200, help="how many articles (0: all, fixtures included)")
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--corpus", default=str(CORPUS))
    args = ap.parse_args()
    with gzip.open(args.corpus, "rt", encoding="utf-8") as f:
        articles = [json.loads(line) for line in f]
    if args.count:
        held = set()
        if SELECTION.is_file():
            held = {json.loads(line)["id"] for line in SELECTION.read_text(encoding="utf-8").splitlines() if line.strip()}
        pool = [a for a in articles if a["id"] not in held]
        articles = sorted(random.Random(args.seed).sample(pool, min(args.count, len(pool))),
                          key=lambda a: int(a["id"].split(":")[1]))
    out = Path(args.outdir)
    out.mkdir(parents=True, exist_ok=True)
    for a in articles:
        name = a["id"].replace(":", "_")
        (out / f"{name}.txt").write_text(a["text"].rstrip("\n") + "\n", encoding="utf-8")
        meta = {"title": a["headline"]}
        if a.get("date_hint"):
            meta["date"] = a["date_hint"]
        (out / f"{name}.meta.json").write_text(json.dumps(meta, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(articles)} articles in {out}")


if __name__ == "__main__":
    main()
