#!/usr/bin/env python
"""Scores per split (fictional, real-dev, real-test) as Markdown, from `kp check --format json`.

    python -m kimputin_cli check --no-baseline --allow-missing --format json > /tmp/check.json
    python bench/split_scores.py /tmp/check.json            # a table per split, with counts
    python bench/split_scores.py /tmp/check.json --before fixtures/held_out_before.json --split real-test

Only totals are printed (never a case's items): it is safe to run on the held-out split.
"""
from __future__ import annotations

import argparse
import json
import sys

CATEGORIES = ("people", "organizations", "places", "dates", "claims", "unattributed")


def table(totals: dict, before: dict | None = None) -> str:
    head = "| category | P | R | F1 | tp / fn / fp |" + (" F1 before |" if before else "")
    rule = "|---|---|---|---|---|" + ("---|" if before else "")
    lines = [head, rule]
    for cat in CATEGORIES:
        t = totals.get(cat)
        if not t:
            continue
        row = f"| {cat} | {t['precision']:.2f} | {t['recall']:.2f} | {t['f1']:.2f} | {t['tp']} / {t['fn']} / {t['fp']} |"
        if before:
            b = before.get(cat)
            row += f" {b['f1']:.2f} |" if b else " – |"
        lines.append(row)
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("check_json", help="the output of kp check --format json ('-' for stdin)")
    ap.add_argument("--split", action="append", help="only this split (repeatable)")
    ap.add_argument("--before", help="an earlier kp check --format json, for a column of earlier F1")
    args = ap.parse_args()
    data = json.load(sys.stdin if args.check_json == "-" else open(args.check_json, encoding="utf-8"))
    before = json.load(open(args.before, encoding="utf-8"))["totals_by_split"] if args.before else {}
    for split, totals in data["totals_by_split"].items():
        if args.split and split not in args.split:
            continue
        n = sum(1 for c in data["cases"] if c.get("split") == split)
        print(f"### {split} ({n} cases)\n")
        print(table(totals, before.get(split)))
        print()


if __name__ == "__main__":
    main()
