"""The ``kp check`` command (registered by cli.py).  Import-light: the library and spaCy load inside."""
from __future__ import annotations

import json
import sys
from typing import IO

import click

COLUMNS = ("category", "found", "missing", "unexpected", "P", "R", "F1", "min", "exact")


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, file_okay=False))
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: score tables and lists of missing/unexpected items; json: the same for machines.")
@click.option("--baseline", "baseline_path", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Compare with a stored score file; a case listed there fails only on regressions.")
@click.option("--no-baseline", is_flag=True,
              help="Ignore a baseline.json found in the case folders: the strict gate for every case.")
@click.option("--save-baseline", "save_path", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write the current scores to FILE (for a later --baseline).")
@click.option("--snapshot", is_flag=True, help="Also compare the full output with each case's snapshot.json.")
@click.option("--update-snapshots", is_flag=True, help="Rewrite each case's snapshot.json with the current output.")
@click.option("--allow-missing", is_flag=True,
              help="Do not fail on each missing required item; only forbidden items and min F1 gate.")
@click.option("-q", "--quiet", is_flag=True, help="Text format: print only failing cases and the totals.")
@click.option("--ner", type=click.Choice(["kp", "ginza"]), default=None,
              help="Named entities from kp's own rules (kp, the default) or from GiNZA's NER model (ginza).")
def check(paths, fmt, baseline_path, no_baseline, save_path, snapshot, update_snapshots, allow_missing,
          quiet, ner) -> None:
    """Check the extraction against human-checked fixture cases.

    PATHS are case folders (article.txt, meta.json, expected.json) or folders of cases [default: fixtures/].
    A case fails when it shows a forbidden item, misses a required item, or a category's F1 falls below
    its minimum (meta.json "min_f1", else [tool.kp.check] min_f1 in pyproject.toml). With a baseline
    (--baseline FILE, or a baseline.json in a folder of cases, which is used unless --no-baseline), a case
    listed in it fails only when it got worse or shows a forbidden item. Exit 1 when any case fails.
    """
    from .check import load_baseline, run_check
    from . import pipeline

    if ner is not None:
        pipeline.use_ner(ner)
    from .errors import ExitStatus, KpError
    from .console import error_line

    if not paths:
        import os

        if not os.path.isdir("fixtures"):
            error_line(f"no fixtures/ folder in {os.getcwd()} (kp check looks there when given no PATH): run it "
                       "from the project root, or name the cases: kp check PATH/TO/fixtures")
            sys.exit(ExitStatus.USAGE)
        paths = ("fixtures",)
    if baseline_path is None and not no_baseline and not save_path:
        from pathlib import Path

        # a folder of cases, or the folder above a case folder
        candidates = [Path(p) / "baseline.json" for p in paths]
        candidates += [Path(p).parent / "baseline.json" for p in paths if (Path(p) / "expected.json").is_file()]
        found = [c for c in candidates if c.is_file()]
        if found:
            baseline_path = str(found[0])
            error_line(f"comparing with the baseline {baseline_path} (--no-baseline for the strict gate)")
    try:
        baseline = load_baseline(baseline_path) if baseline_path else None
        report = run_check(list(paths), require_all=not allow_missing, baseline=baseline,
                           snapshot=snapshot, update_snapshots=update_snapshots)
    except KpError as exc:
        error_line(exc.one_line())
        sys.exit(exc.exit_status)
    for case in report.cases:
        if case.error:
            error_line(f"{case.name}: {case.error}")
        for w in case.comparison.warnings if case.comparison else []:
            error_line(f"{case.name}: fixture warning: {w}")
    if save_path:
        with open(save_path, "w", encoding="utf-8") as fh:
            json.dump(report.baseline(), fh, ensure_ascii=False, indent=1)
            fh.write("\n")
    if fmt == "json":
        sys.stdout.write(json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        write_text(report, sys.stdout, quiet=quiet)
    sys.exit(ExitStatus.OK if report.ok else ExitStatus.ERROR)


def _fmt(x: float | None) -> str:
    return "-" if x is None else f"{x:.2f}"


def _table(rows: list[tuple], out: IO[str], indent: str = "  ") -> None:
    widths = [max(len(str(r[i])) for r in rows) for i in range(len(rows[0]))]
    for k, r in enumerate(rows):
        cells = [str(c).ljust(w) if i == 0 else str(c).rjust(w) for i, (c, w) in enumerate(zip(r, widths))]
        out.write(indent + "  ".join(cells).rstrip() + "\n")
        if k == 0:
            out.write(indent + "  ".join("-" * w for w in widths) + "\n")


def _totals(totals: dict, heading: str, out: IO[str]) -> None:
    from .check import CATEGORIES

    out.write(heading + "\n")
    rows = [("category", "found", "missing", "unexpected", "P", "R", "F1", "exact")]
    for category in CATEGORIES:
        t = totals[category]
        exact = "-" if t.get("exact_rate") is None else _fmt(t["exact_rate"])
        rows.append((category, t["tp"], t["fn"], t["fp"], _fmt(t["precision"]), _fmt(t["recall"]), _fmt(t["f1"]), exact))
    _table(rows, out)


def write_text(report, out: IO[str], quiet: bool = False) -> None:
    from .check import CATEGORIES

    for case in report.cases:
        if quiet and case.ok:
            continue
        status = "ok" if case.ok else "FAIL"
        extra = " (against baseline)" if case.baseline else ""
        out.write(f"{status:4}  {case.name}{extra}\n")
        if case.comparison is None:
            out.write(f"  error: {case.error}\n\n")
            continue
        rows = [COLUMNS]
        for category in CATEGORIES:
            r = case.comparison[category]
            p, rec, f = r.scores()
            exact = "-" if r.exact is None or not r.tp else f"{r.exact}/{r.tp}"
            rows.append((category, r.tp, r.fn, r.fp, _fmt(p), _fmt(rec), _fmt(f), _fmt(case.min_f1.get(category)), exact))
        _table(rows, out)
        lines = []
        for f in case.comparison.forbidden:
            known = " (known: recorded in the baseline)" if f["key"] in case.known_forbidden else ""
            lines.append(f"FORBIDDEN  {f['label']}{known}")
        for category in CATEGORIES:
            r = case.comparison[category]
            for m in r.missing:
                lines.append(f"missing    {category}: {m['label']}")
            for u in r.unexpected:
                reason = f"  [{u['reason']}]" if u.get("reason") else ""
                lines.append(f"unexpected {category}: {u['label']}{reason}")
        for failure in case.failures:
            if not failure.startswith(("forbidden", *(f"{c}: missing" for c in CATEGORIES))):
                lines.append(f"failure    {failure}")
        if case.snapshot and case.snapshot["status"] != "same":
            lines.append(f"snapshot   {case.snapshot['status']}")
            lines.extend("    " + d for d in case.snapshot["diff"])
        for line in lines:
            out.write("  " + line + "\n")
        out.write("\n")
    _totals(report.totals(), f"Totals over {len(report.cases)} cases (micro-averaged)", out)
    splits = report.splits()
    if len(splits) > 1 or (splits and splits != ["fictional"]):
        for split in splits:
            n = sum(1 for c in report.cases if c.split == split)
            out.write("\n")
            _totals(report.totals(split), f"Split {split}: {n} case{'s' if n != 1 else ''}", out)
    failed = [c.name for c in report.cases if not c.ok]
    out.write(f"\nweakest case: {report.weakest()}\n")
    out.write(f"{len(report.cases) - len(failed)} of {len(report.cases)} cases pass"
              + (f"; failing: {', '.join(failed)}" if failed else "") + "\n")
