#!/usr/bin/env python
"""Benchmark for issue 9: how many claims kp leaves without a speaker, and how many named speakers it links.

    PYTHONPATH=$PWD python bench/speakers.py $(cat /work/wt/dev_cases.txt)
    PYTHONPATH=$PWD python bench/speakers.py --json CASE… > figures.json

Over the given fixture cases (never the held-out ones), one extraction each:

unresolved   claims with speaker null that are not hedged (the Claims table's "speaker unresolved": a
             report whose speaker kp did not find), as a share of all claims;
linked       claims whose speaker is named (its phrase, or the antecedent it refers back to, holds a person or
             organization mention and it is not anonymous) and carries the entity id, as a share of those;
             the same for sources;
resolved     claims whose speaker was resolved from an earlier mention (``resolved_from``), by how:
             carried (a report with no subject) or referring back (同氏, 知事 alone).

The figures are plain counts, so two runs (before and after a change) compare line by line.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def _mentions(result: dict) -> list[tuple[int, int]]:
    return [(m["start"], m["end"]) for key in ("people", "organizations") for ent in result.get(key) or []
            for m in ent.get("mentions") or []]


def _named(part: dict, mentions: list[tuple[int, int]]) -> bool:
    """A speaker or source whose phrase (or antecedent) holds a person or organization mention."""
    if part.get("anonymous"):
        return False
    span = part.get("resolved_from") or part
    if span.get("start") is None:
        return False
    return any(span["start"] <= s and e <= span["end"] for s, e in mentions)


def case_figures(result: dict) -> dict:
    """The counts of one extraction record."""
    claims = result.get("claims") or []
    mentions = _mentions(result)
    named = [c["speaker"] for c in claims if c.get("speaker") and _named(c["speaker"], mentions)]
    sources = [s for c in claims for s in c.get("sources") or [] if _named(s, mentions)]
    speakers = [c["speaker"] for c in claims if c.get("speaker")]
    return {
        "claims": len(claims),
        "unresolved": sum(1 for c in claims if c.get("speaker") is None and not c.get("hedged")),
        "named": len(named),
        "named_linked": sum(1 for p in named if p.get("entity")),
        "named_sources": len(sources),
        "named_sources_linked": sum(1 for p in sources if p.get("entity")),
        "carried": sum(1 for p in speakers if p.get("resolved_from") and p.get("start") is None),
        "referring": sum(1 for p in speakers if p.get("resolved_from") and p.get("start") is not None),
        "unlinked": [p.get("text") for p in named if not p.get("entity")],
    }


def _share(part: int, whole: int) -> str:
    return f"{part}/{whole} = {part / whole:.1%}" if whole else f"{part}/0"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("cases", nargs="+", help="fixture case folders")
    ap.add_argument("--json", action="store_true", help="per-case and total counts as JSON")
    args = ap.parse_args(argv)

    from kimputin_cli.check import load_case
    from kimputin_cli.extract import extract
    from kimputin_cli.pipeline import shared_pipeline

    nlp = shared_pipeline()
    per_case = {}
    for path in args.cases:
        case = load_case(Path(path))
        if case.meta.get("split") == "test":
            print(f"{path}: held-out case, skipped", file=sys.stderr)
            continue
        result = extract(case.article, nlp=nlp, reference_date=case.reference_date).to_dict()
        per_case[Path(path).name] = case_figures(result)
    total = {k: sum(f[k] for f in per_case.values()) for k in per_case[next(iter(per_case))] if k != "unlinked"}
    if args.json:
        print(json.dumps({"cases": per_case, "totals": total}, ensure_ascii=False, indent=2))
        return 0
    print(f"cases                    {len(per_case)}")
    print(f"claims                   {total['claims']}")
    print(f"speaker unresolved       {_share(total['unresolved'], total['claims'])}")
    print(f"named speakers linked    {_share(total['named_linked'], total['named'])}")
    print(f"named sources linked     {_share(total['named_sources_linked'], total['named_sources'])}")
    print(f"speakers carried over    {total['carried']}")
    print(f"speakers referring back  {total['referring']}")
    unlinked = [(name, t) for name, f in per_case.items() for t in f["unlinked"]]
    if unlinked:
        print("named speakers without an entity:")
        for name, t in unlinked:
            print(f"  {name}: {t}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
