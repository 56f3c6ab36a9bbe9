#!/usr/bin/env python
"""Benchmark for issue 14: `kp extract --ner kp` (ja_ginza without its ner, kp_names in its place) against a
plain script that runs ja_ginza with its NER over the same texts (standard library only in this process; every
measured run is a child process, waited for with wait4 for its peak RSS).

    python bench/ner_speed.py                      # 400 corpus articles, seed 12; writes bench/NER_SPEED.md
    python bench/ner_speed.py --count 100 --out /tmp/NER_SPEED.md

(a) the corpus sample: `kp extract DIR --ner kp --format jsonl` vs plain `nlp.pipe` with ja_ginza's NER (and, for
    reference, `kp extract --ner ginza`), each a whole process, model load included; the runs alternate
    (plain, kp, ginza) --rounds times and the median is kept;
(b) the seed article: the same three, median of 3;
(c) peak memory (ru_maxrss of each child);
(d) the per-component time split, in one child per pipeline over the same texts: ja_ginza with its ner
    ("before") and kp's pipeline with --ner kp ("after").
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_c73a4b2870458b57.txt"
CORPUS = next((p / "shared" / "corpus" / "wikinews" / "articles.jsonl.gz" for p in (ROOT.parent, ROOT.parent.parent)
               if (p / "shared" / "corpus" / "wikinews" / "articles.jsonl.gz").is_file()),
              ROOT.parent / "shared" / "corpus" / "wikinews" / "articles.jsonl.gz")
SELECTION = ROOT / "fixtures" / "real_selection.jsonl"
KP = [sys.executable, "-m", "kimputin_cli"]

PLAIN = """
import sys, pathlib, spacy
nlp = spacy.load('ja_ginza')
files = sorted(pathlib.Path(sys.argv[1]).glob('*.txt')) if pathlib.Path(sys.argv[1]).is_dir() else [pathlib.Path(sys.argv[1])]
for doc in nlp.pipe(f.read_text(encoding='utf-8') for f in files):
    pass
"""

SPLIT = """
import sys, json, pathlib, time, collections
ner = sys.argv[2]
if ner == 'plain':
    import spacy, ginza
    nlp = spacy.load('ja_ginza')
else:
    from kimputin_cli.pipeline import load_pipeline
    nlp = load_pipeline(ner=ner)
files = sorted(pathlib.Path(sys.argv[1]).glob('*.txt'))
spent = collections.Counter()
for f in files:
    text = f.read_text(encoding='utf-8')
    t = time.perf_counter()
    doc = nlp.make_doc(text)
    spent['tokenizer (Sudachi)'] += time.perf_counter() - t
    for name, proc in nlp.pipeline:
        t = time.perf_counter()
        doc = proc(doc)
        spent[name] += time.perf_counter() - t
print(json.dumps(dict(spent)))
"""


def run(cmd: list[str], stdout=subprocess.DEVNULL) -> tuple[float, int, str]:
    """(wall seconds, peak RSS in bytes, stdout text if captured) of one child process."""
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.DEVNULL, env=env, cwd=str(ROOT))
    out = proc.stdout.read().decode() if proc.stdout else ""
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}")
    return wall, usage.ru_maxrss * 1024, out


def sample(outdir: Path, count: int, seed: int) -> int:
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
        articles = [json.loads(line) for line in f]
    held = set()
    if SELECTION.is_file():
        held = {json.loads(line)["id"] for line in SELECTION.read_text(encoding="utf-8").splitlines() if line.strip()}
    pool = [a for a in articles if a["id"] not in held and a["text"].strip()]
    chosen = random.Random(seed).sample(pool, min(count, len(pool)))
    for a in chosen:
        name = a["id"].replace(":", "_")
        (outdir / f"{name}.txt").write_text(a["text"].rstrip("\n") + "\n", encoding="utf-8")
        meta = {"date": a["date_hint"]} if a.get("date_hint") else {}
        (outdir / f"{name}.meta.json").write_text(json.dumps(meta) + "\n", encoding="utf-8")
    return sum(len(a["text"]) for a in chosen)


def three(target: Path, rounds: int) -> dict[str, tuple[float, int]]:
    cmds = {
        "plain ja_ginza (with its NER)": [sys.executable, "-c", PLAIN, str(target)],
        "kp extract --ner kp": KP + ["extract", str(target), "--ner", "kp", "--format", "jsonl"],
        "kp extract --ner ginza": KP + ["extract", str(target), "--ner", "ginza", "--format", "jsonl"],
    }
    walls: dict[str, list[float]] = {k: [] for k in cmds}
    rss: dict[str, int] = {k: 0 for k in cmds}
    for _ in range(rounds):
        for name, cmd in cmds.items():
            w, r, _ = run(cmd)
            walls[name].append(w)
            rss[name] = max(rss[name], r)
    return {k: (statistics.median(walls[k]), rss[k]) for k in cmds}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=400)
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--rounds", type=int, default=1, help="runs of each command on the corpus sample (median)")
    ap.add_argument("--out", default=str(ROOT / "bench" / "NER_SPEED.md"))
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        chars = sample(folder, args.count, args.seed)
        corpus = three(folder, args.rounds)
        seed = three(SEED, 3)
        split = {}
        for which in ("plain", "kp"):
            _, _, out = run([sys.executable, "-c", SPLIT, str(folder), which], stdout=subprocess.PIPE)
            split[which] = json.loads(out)
    base = "plain ja_ginza (with its NER)"
    lines = [
        "# NER speed: kp's own names against GiNZA's NER (issue 14)",
        "",
        f"Command: `python bench/ner_speed.py --count {args.count} --seed {args.seed} --rounds {args.rounds}`  ",
        f"Machine: {platform.machine()}, Python {platform.python_version()}, {os.cpu_count()} CPUs (shared with "
        "other jobs: figures are noisy; the three commands alternate so they share the noise).",
        "",
        f"## (a) {args.count} Wikinews articles (seed {args.seed}, {chars:,} characters; fixtures left out)",
        "",
        "| command | wall s (model load included) | × plain | peak RSS MB | × plain |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, (w, r) in corpus.items():
        lines.append(f"| {name} | {w:.1f} | {w / corpus[base][0]:.2f} | {r / 2**20:.0f} | {r / corpus[base][1]:.2f} |")
    lines += ["", "## (b) the seed article (median of 3)", "",
              "| command | wall s | × plain | peak RSS MB | × plain |", "|---|---:|---:|---:|---:|"]
    for name, (w, r) in seed.items():
        lines.append(f"| {name} | {w:.2f} | {w / seed[base][0]:.2f} | {r / 2**20:.0f} | {r / seed[base][1]:.2f} |")
    lines += ["", f"## (d) time per component over the {args.count} articles (one process each, model load excluded)",
              "", "| component | before: ja_ginza with ner, s | share | after: kp --ner kp, s | share |",
              "|---|---:|---:|---:|---:|"]
    names = list(dict.fromkeys(list(split["plain"]) + list(split["kp"])))
    tb, ta = sum(split["plain"].values()), sum(split["kp"].values())
    for n in names:
        b, a = split["plain"].get(n), split["kp"].get(n)
        lines.append(f"| {n} | {'' if b is None else f'{b:.1f}'} | {'' if b is None else f'{b / tb:.0%}'} | "
                     f"{'' if a is None else f'{a:.1f}'} | {'' if a is None else f'{a / ta:.0%}'} |")
    lines.append(f"| total | {tb:.1f} | | {ta:.1f} | |")
    text = "\n".join(lines) + "\n"
    Path(args.out).write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
