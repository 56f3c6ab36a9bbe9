"""Output formats. The one place that turns results into text: table (rich), json, jsonl.

Used only by the CLI; the library itself never imports rich.
"""
from __future__ import annotations

import json
from typing import IO, Iterable

FORMATS = ("table", "json", "jsonl")


def dumps(obj, indent: int | None = 2) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=indent)


def write_json(records: list[dict], out: IO[str]) -> None:
    """Exactly one JSON document: an object for one input, an array for several."""
    doc = records[0] if len(records) == 1 else records
    out.write(dumps(doc) + "\n")


def write_jsonl_record(record: dict, out: IO[str]) -> None:
    out.write(dumps(record, indent=None) + "\n")
    out.flush()


def _flags(claim: dict) -> str:
    flags = []
    flags.append("direct" if claim.get("direct") else "indirect")
    if claim.get("hedged"):
        flags.append("hedged")
    if claim.get("speaker") is None:
        # speaker null + hedged: the article's own statement; not hedged: a speaker left implicit (README)
        flags.append("unattributed" if claim.get("hedged") else "speaker unresolved")
    elif claim["speaker"].get("anonymous") or any(s.get("anonymous") for s in claim.get("sources") or []):
        flags.append("anonymous")
    return ", ".join(flags)


def _speaker(claim: dict) -> str:
    sp = claim.get("speaker")
    parts = [sp["text"] if sp else "—"]
    for src in claim.get("sources") or []:
        parts.append(f"{src['text']} ({src.get('relation') or ''})".replace(" ()", ""))
    return " ← ".join(parts)


def write_tables(records: Iterable[dict], out: IO[str], width: int | None = None) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(file=out, width=width, soft_wrap=False)
    for rec in records:
        src = rec.get("source", {})
        if "error" in rec:
            console.print(f"[bold red]{src.get('path')}[/]: {rec['error']['message']}")
            continue
        ref = rec.get("reference_date")
        console.rule(f"[bold]{src.get('path')}[/]  ({src.get('chars')} chars, reference date {ref or 'unknown'})")
        for key, title in (("people", "People"), ("organizations", "Organizations"), ("places", "Places")):
            table = Table(title=f"{title} ({len(rec[key])})", title_justify="left", expand=False)
            table.add_column("id", style="dim")
            table.add_column("name", style="bold")
            table.add_column("kind")
            if key == "people":
                table.add_column("titles")
            table.add_column("aliases")
            table.add_column("mentions", justify="right")
            for ent in rec[key]:
                row = [ent["id"], ent["name"], ent["kind"]]
                if key == "people":
                    row.append("、".join(ent["titles"]))
                row += ["、".join(ent["aliases"]), str(len(ent["mentions"]))]
                table.add_row(*row)
            console.print(table)
        if rec.get("dates") is not None:
            table = Table(title=f"Dates ({len(rec['dates'])})", title_justify="left")
            table.add_column("text", style="bold")
            table.add_column("value")
            table.add_column("kind")
            table.add_column("at", justify="right", style="dim")
            for d in rec["dates"]:
                value = d.get("value") or "—"
                if d.get("part"):
                    value += f" ({d['part']})"
                table.add_row(d["text"], value, d.get("kind", ""), str(d["start"]))
            console.print(table)
        if rec.get("claims") is not None:
            table = Table(title=f"Claims ({len(rec['claims'])})", title_justify="left", show_lines=True)
            table.add_column("speaker ← sources", max_width=28)
            table.add_column("cue", max_width=18)
            table.add_column("content", ratio=1, overflow="fold")
            table.add_column("flags", max_width=14)
            for c in rec["claims"]:
                table.add_row(_speaker(c), c["cue"]["text"], c["content"]["text"], _flags(c))
            console.print(table)
        for w in rec.get("warnings") or []:
            console.print(f"[yellow]warning:[/] {w}")


def write_rows(columns: list[str], rows: list[tuple], out: IO[str], fmt: str = "table",
               title: str | None = None, width: int | None = None) -> None:
    """A query's answer (``kp archive``): a table, a JSON array of objects, or one object per line."""
    if fmt == "json":
        out.write(dumps([dict(zip(columns, row)) for row in rows]) + "\n")
        return
    if fmt == "jsonl":
        for row in rows:
            out.write(dumps(dict(zip(columns, row)), indent=None) + "\n")
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=False, title_justify="left")
    for col in columns:
        table.add_column(col, overflow="fold")
    for row in rows:
        table.add_row(*("" if v is None else str(v) for v in row))
    Console(file=out, width=width, soft_wrap=False).print(table)
