#!/usr/bin/env python
"""Entity quality for issue 14: P/R/F1 of people, organizations and places with `--ner kp` and `--ner ginza`
on the same fixtures, per split: real-dev (the 33 cases of /work/wt/dev_cases.txt, or every real-dev case),
fictional (000-017), and the held-out real-test split as TOTALS ONLY (--heldout; run once, never per case).

    python bench/ner_quality.py                  # real-dev and fictional; writes bench/NER.md
    python bench/ner_quality.py --heldout        # adds the held-out totals (run it once, at the end)

Each (split, ner) pair is one `kp check --format json` child process; only the totals are read.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLASSES = ("people", "organizations", "places", "dates", "claims")


def cases(split: str) -> list[str]:
    out = []
    for d in sorted((ROOT / "fixtures").iterdir()):
        meta = d / "meta.json"
        if not meta.is_file():
            continue
        s = json.loads(meta.read_text(encoding="utf-8")).get("split")
        if split == "fictional" and s is None and d.name[:3] <= "017":
            out.append(str(d))
        elif split == "real-dev" and s == "dev":
            out.append(str(d))
        elif split == "real-test" and s == "test":
            out.append(str(d))
    return out


def totals(paths: list[str], ner: str) -> dict:
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.run([sys.executable, "-m", "kimputin_cli", "check", "--ner", ner, "--no-baseline",
                           "--allow-missing", "--format", "json", *paths], capture_output=True, text=True, env=env,
                          cwd=str(ROOT), check=False)  # kp check exits 1 when a case fails its gate
    return json.loads(proc.stdout)["totals"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--heldout", action="store_true", help="also the held-out split's totals (once)")
    ap.add_argument("--out", default=str(ROOT / "bench" / "NER.md"))
    args = ap.parse_args()
    splits = ["real-dev", "fictional"] + (["real-test"] if args.heldout else [])
    lines = ["# Entity quality: kp's own names against GiNZA's NER (issue 14)", "",
             f"Command: `python bench/ner_quality.py{' --heldout' if args.heldout else ''}` "
             "(kp check --no-baseline --allow-missing, totals per split; the held-out split as totals only).", ""]
    for split in splits:
        paths = cases(split)
        lines += [f"## {split} ({len(paths)} cases)", "", "| class | kp P | kp R | kp F1 | ginza P | ginza R | ginza F1 |",
                  "|---|---:|---:|---:|---:|---:|---:|"]
        res = {ner: totals(paths, ner) for ner in ("kp", "ginza")}
        for c in CLASSES:
            k, g = res["kp"][c], res["ginza"][c]
            lines.append(f"| {c} | {k['precision']:.2f} | {k['recall']:.2f} | **{k['f1']:.2f}** | "
                         f"{g['precision']:.2f} | {g['recall']:.2f} | **{g['f1']:.2f}** |")
        lines.append("")
    text = "\n".join(lines) + "\n"
    Path(args.out).write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
