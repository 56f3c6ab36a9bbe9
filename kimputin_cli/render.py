"""Output formats. The one place that turns results into text: table (rich), json, jsonl.

Used only by the CLI; the library itself never imports rich.
"""
from __future__ import annotations

import json
import re
from typing import IO, Iterable

FORMATS = ("table", "json", "jsonl")


# characters json.dumps(ensure_ascii=False) leaves raw that a terminal acts on (DEL, C1 controls such as the
# one-character CSI U+009B, bidi overrides), the line separators JavaScript rejects, and lone surrogates that
# UTF-8 cannot carry: written as \u escapes, which is the same JSON string
_JSON_ESCAPE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def dumps(obj, indent: int | None = 2) -> str:
    """JSON with Japanese as it is (not ``\\u`` escapes) and every control character escaped."""
    text = json.dumps(obj, ensure_ascii=False, indent=indent)
    return _JSON_ESCAPE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def write_json(records: list[dict], out: IO[str]) -> None:
    """Exactly one JSON document: an object for one input, an array for several."""
    doc = records[0] if len(records) == 1 else records
    out.write(dumps(doc) + "\n")


def write_jsonl_record(record: dict, out: IO[str]) -> None:
    out.write(dumps(record, indent=None) + "\n")
    out.flush()


def _flags(claim: dict) -> str:
    """What is rare about a claim: direct quotation, a hedge, an anonymous or missing speaker.
    An indirect, plainly asserted claim by a named speaker (most claims) has no flag."""
    flags = []
    if claim.get("direct"):
        flags.append("direct")
    if claim.get("hedged"):
        flags.append("hedged")
    if claim.get("speaker") is None:
        # speaker null + hedged: the article's own statement; not hedged: a speaker left implicit (README)
        flags.append("unattributed" if claim.get("hedged") else "speaker unresolved")
    elif claim["speaker"].get("anonymous") or any(s.get("anonymous") for s in claim.get("sources") or []):
        flags.append("anonymous")
    return ", ".join(flags)


def claim_counts(claims: list[dict]) -> tuple[dict[str, int], dict[str, int]]:
    """Per entity id: how many claims it makes (``said``: it is the speaker, written or referred back to)
    and how many come through it (``via``: it is one of the sources)."""
    said: dict[str, int] = {}
    via: dict[str, int] = {}
    for c in claims:
        sp = c.get("speaker")
        if sp and sp.get("entity"):
            said[sp["entity"]] = said.get(sp["entity"], 0) + 1
        for eid in {s["entity"] for s in c.get("sources") or [] if s.get("entity")}:
            via[eid] = via.get(eid, 0) + 1
    return said, via


def _speaker(claim: dict) -> str:
    sp = claim.get("speaker")
    parts = [sp["text"] if sp else "—"]
    for src in claim.get("sources") or []:
        parts.append(f"{src['text']} ({src.get('relation') or ''})".replace(" ()", ""))
    return " ← ".join(parts)


# kinsoku: characters a wrapped line must not begin with, and those it must not end with
_NO_LINE_START = frozenset("、。，．,.・：；:;？！?!ー‐–—…‥」』）］｝〕〉》】〟’”)]}ゝゞヽヾぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々")
_NO_LINE_END = frozenset("「『（［｛〔〈《【〝‘“([{")


def _fold(line: str, width: int) -> list[str]:
    """``line`` cut into pieces of at most ``width`` terminal cells, at any character (Japanese has no
    spaces) but never so that a piece starts with 、。」 and the like or ends with 「（; a Latin word is
    not cut when the piece has a space to break at."""
    from rich.cells import cell_len

    width = max(width, 2)
    out: list[str] = []
    while cell_len(line) > width:
        cut, used = 0, 0
        while cut < len(line) and used + cell_len(line[cut]) <= width:
            used += cell_len(line[cut])
            cut += 1
        cut = max(cut, 1)
        best = next((k for k in range(cut, 0, -1)
                     if line[k] not in _NO_LINE_START and line[k - 1] not in _NO_LINE_END), cut)
        if line[best - 1].isascii() and line[best - 1].isalnum() and line[best].isascii() and line[best].isalnum():
            space = line.rfind(" ", 0, best)
            if space > 0:
                best = space + 1
        out.append(line[:best].rstrip(" ") or line[:best])
        line = line[best:].lstrip(" ") or line[best:]  # a space where a line wraps is not shown
    out.append(line)
    return out


class _Wrapped:
    """A table cell of text from outside: plain text (never markup), control characters shown as escapes
    (:func:`kimputin_cli.terminal.visible`), wrapped by :func:`_fold` rather than cut."""

    def __init__(self, text: str, style: str = "", keep: str = "") -> None:
        from .terminal import visible

        self.plain = visible(text or "", keep=keep)
        self.style = style

    def __rich_measure__(self, console, options):
        from rich.cells import cell_len
        from rich.measure import Measurement

        longest = max((cell_len(line) for line in self.plain.split("\n")), default=0)
        return Measurement(min(longest, 8), longest).with_maximum(options.max_width)

    def __rich_console__(self, console, options):
        from rich.text import Text

        lines = [piece for line in self.plain.split("\n") for piece in _fold(line, options.max_width)]
        yield Text("\n".join(lines), style=self.style, no_wrap=True, overflow="fold", end="")


def _claim_widths(rows: list[tuple], width: int) -> tuple[int, int, int, int]:
    """Column widths of the Claims table: flags and cue as wide as they need (within limits), the speaker
    next, the content at least two fifths of the width and whatever is left."""
    from rich.cells import cell_len

    def natural(k: int, header: str) -> int:
        return max([cell_len(header.split()[0])] + [cell_len(line) for r in rows for line in r[k].plain.split("\n")])

    avail = max(width - 13, 24)  # 4 columns: a border and two spaces of padding each, and the last border
    flags = min(natural(3, "flags"), 12)
    rest = avail - flags - int(avail * 0.4)
    cue = min(natural(1, "cue"), max(6, rest // 2))
    speaker = min(natural(0, "speaker"), max(6, rest - cue))
    return speaker, cue, max(avail - flags - cue - speaker, 6), flags


def _plain(text: str, style: str = ""):
    """Text from outside as a rich Text (never parsed as markup), control characters shown visibly."""
    from rich.text import Text

    from .terminal import visible

    return Text(visible(str(text)), style=style)


def write_tables(records: Iterable[dict], out: IO[str], width: int | None = None) -> None:
    """Tables for people; every string from the article or the file system is shown as plain text."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(file=out, width=width, soft_wrap=False, markup=False, emoji=False, highlight=False)
    for rec in records:
        src = rec.get("source", {})
        if "error" in rec:
            console.print(Text.assemble(_plain(src.get("path"), "bold red"), ": ", _plain(rec["error"]["message"])))
            continue
        ref = rec.get("reference_date")
        console.rule()  # the path under it, whole (a rule's title would cut a long one)
        console.print(Text.assemble(_plain(src.get("path"), "bold"),
                                    f"  ({src.get('chars')} chars, reference date {ref or 'unknown'})"),
                      overflow="fold")
        for key, title in (("people", "People"), ("organizations", "Organizations"), ("places", "Places")):
            table = Table(title=f"{title} ({len(rec[key])})", title_justify="left", expand=False)
            table.add_column("id", style="dim", no_wrap=True)
            table.add_column("name", style="bold")
            table.add_column("kind", no_wrap=True)
            if key == "people":
                table.add_column("titles")
            table.add_column("aliases")
            table.add_column("mentions", justify="right", no_wrap=True)
            # claims per entity, when the article has any linked (one narrow column: the table stays readable)
            said, via = claim_counts(rec.get("claims") or [])
            counted = key in ("people", "organizations") and any(
                e["id"] in said or e["id"] in via for e in rec[key])
            if counted:
                table.add_column("said/via", justify="right", no_wrap=True)
            for ent in rec[key]:
                row = [_plain(ent["id"]), _Wrapped(ent["name"]), _plain(ent["kind"])]
                if key == "people":
                    row.append(_Wrapped("、".join(ent["titles"])))
                row += [_Wrapped("、".join(ent["aliases"])), Text(str(len(ent["mentions"])))]
                if counted:
                    row.append(Text(f"{said.get(ent['id'], 0)}/{via.get(ent['id'], 0)}"))
                table.add_row(*row)
            console.print(table)
        if rec.get("dates") is not None:
            table = Table(title=f"Dates ({len(rec['dates'])})", title_justify="left")
            table.add_column("text", style="bold")
            table.add_column("value")
            table.add_column("kind", no_wrap=True)
            for d in rec["dates"]:
                value = d.get("value") or "—"
                if d.get("part"):
                    value += f" ({d['part']})"
                table.add_row(_Wrapped(d["text"]), _Wrapped(value), _plain(d.get("kind", "")))
            console.print(table)
        if rec.get("claims") is not None:
            rows = [(_Wrapped(_speaker(c)), _Wrapped(c["cue"]["text"]), _Wrapped(c["content"]["text"], keep="\n"),
                     _Wrapped(_flags(c))) for c in rec["claims"]]
            widths = _claim_widths(rows, console.width)
            table = Table(title=f"Claims ({len(rec['claims'])})", title_justify="left", show_lines=True)
            for header, w in zip(("speaker ← sources", "cue", "content", "flags"), widths):
                table.add_column(header, width=w)
            for row in rows:
                table.add_row(*row)
            console.print(table)
        for w in rec.get("warnings") or []:
            console.print(Text.assemble(("warning:", "yellow"), " ", _plain(w)))


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

    table = Table(title=_plain(title) if title else None, show_lines=False, title_justify="left")
    for col in columns:
        table.add_column(_plain(col), overflow="fold")
    for row in rows:
        # values come from articles: plain text with controls made visible, never rich markup
        table.add_row(*(_plain("" if v is None else str(v)) for v in row))
    Console(file=out, width=width, soft_wrap=False).print(table)
