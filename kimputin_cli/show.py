"""``kp show``: an article in the terminal with its people, places, dates and claims marked.

In colour, entity mentions and dates take a colour per kind, claim contents are underlined in their
speaker's colour, speakers are bold, cues italic, and claims without a speaker are grey and italic.
Without colour (``NO_COLOR``, output not a terminal, ``--color never``) the same marks are brackets:
``[…]P`` person, ``[…]O`` organization, ``[…]L`` place, ``[…]D`` date, ``«…»N`` the content of claim N,
``‹…›N`` a claim without a speaker, ``{…}N`` its speaker, ``{…}<N`` a source.  A legend follows the text.

Everything comes from the extraction's JSON object (with ``source.text``); nothing is parsed here.
Article text is data: it goes into :class:`rich.text.Text` (never through markup), and control characters
are shown as visible symbols, so an article cannot move the cursor, change colours or retitle the terminal.
"""
from __future__ import annotations

import os
from typing import IO

from rich.console import Console, Group, RenderableType
from rich.style import Style
from rich.text import Text

from . import marks as mk
from .terminal import visible as _visible

ENTITY_STYLES = {
    "person": Style(color="#9ecbff", bgcolor="#1c2a3d"),
    "organization": Style(color="#e0a8ff", bgcolor="#33203d"),
    "place": Style(color="#9fe0a6", bgcolor="#1d3322"),
    "date": Style(color="#ffd479", bgcolor="#3a3020"),
}
SPEAKER_COLOURS = ("#ff8787", "#5fd7ff", "#d7ff5f", "#ffaf5f", "#d7afff", "#ffd75f", "#5fffaf", "#ff87d7")
UNATTRIBUTED = "grey62"

KIND_LETTER = {"person": "P", "organization": "O", "place": "L", "date": "D"}


def visible(text: str) -> str:
    """``text`` with every control character shown as its escape (``\\x1b``), line breaks and tabs kept: the
    one rule of :mod:`kimputin_cli.terminal`, for the article's own lines as well as for names and paths."""
    return _visible(text, keep="\n\t")


# ---------------------------------------------------------------------------------------------------------
# styles


def mark_style(mark: mk.Mark) -> Style:
    if not mark.is_claim:
        return ENTITY_STYLES[mark.role]
    if mark.tone == "unattributed":
        colour = UNATTRIBUTED
        base = Style(color=colour, italic=True)
    else:
        colour = SPEAKER_COLOURS[int(mark.tone.rsplit("-", 1)[1])]
        base = Style(color=colour)
    if mark.role == "content":
        return base + Style(underline=True)
    if mark.role == "speaker":
        return base + Style(bold=True)
    if mark.role == "source":
        return base + Style(italic=True)
    return base + Style(italic=True, dim=True)  # cue


def _path_style(path: list[mk.Mark]) -> Style:
    """Entity colours first, then the claim parts over them: inside a claim the text keeps its speaker's
    colour and the entity shows by its background."""
    ordered = sorted(path, key=lambda m: m.is_claim)
    return Style.chain(*(mark_style(m) for m in ordered)) if ordered else Style()


def _claim_numbers(mark: mk.Mark) -> str:
    return ",".join(ref.split(":", 1)[1] for ref in mark.refs)


def _brackets(mark: mk.Mark) -> tuple[str, str]:
    if not mark.is_claim:
        return "[", "]" + KIND_LETTER[mark.role]
    n = _claim_numbers(mark)
    if mark.role == "content":
        return ("‹", "›" + n) if mark.tone == "unattributed" else ("«", "»" + n)
    if mark.role == "speaker":
        return "{", "}" + n
    if mark.role == "source":
        return "{", "}<" + n
    return "", ""  # cues: shown in the legend only


def article_text(record: dict, colour: bool = True) -> Text:
    """The article with its marks: styled spans in colour, bracket marks without."""
    text = record["source"]["text"]
    out = Text()

    def walk(nodes, path):
        for node in nodes:
            if isinstance(node, mk.Run):
                out.append(visible(node.text), _path_style(path) if colour and path else None)
                continue
            if colour:
                walk(node.children, path + [node.mark])
            else:
                opening, closing = _brackets(node.mark)
                out.append(opening)
                walk(node.children, path)
                out.append(closing)

    walk(mk.nest(text, mk.marks_of(record)), [])
    return out


# ---------------------------------------------------------------------------------------------------------
# header and legend


def header(record: dict) -> Text:
    src = record.get("source", {})
    ref = record.get("reference_date") or "unknown"
    line = Text()
    line.append(visible(str(src.get("path"))), Style(bold=True))
    line.append(f"  {src.get('chars')} chars, reference date {ref}")
    return line


def legend(record: dict, colour: bool = True) -> Group:
    rows: list[RenderableType] = []
    kinds = Text("marks: ")
    for role in ("person", "organization", "place", "date"):
        if colour:
            kinds.append(role, ENTITY_STYLES[role])
        else:
            kinds.append(f"[{role}]{KIND_LETTER[role]}")
        kinds.append("  ")
    if not colour:
        kinds.append("«content»N claim N  ‹content›N no speaker  {speaker}N  {source}<N")
    rows.append(kinds)
    claims = record.get("claims") or []
    if claims:
        if colour:
            line = Text("speakers: ")
            for sp in mk.speakers(record):
                style = Style(color=SPEAKER_COLOURS[int(sp.tone.rsplit("-", 1)[1])], bold=True)
                line.append(visible(sp.name), style)
                line.append(f" ({len(sp.claims)})  ")
            line.append("no speaker", Style(color=UNATTRIBUTED, italic=True, underline=True))
            rows.append(line)
        else:
            for claim in claims:
                cls = mk.claim_class(claim)
                row = Text(f"  {claim['id'].split(':', 1)[1]:>3}  ")
                row.append(visible(mk.attribution(claim)))
                row.append(f"  「{visible(claim['cue']['text'])}」")
                if cls != "named":
                    row.append(f"  ({mk.AUDIT_LABELS[cls]})")
                rows.append(row)
        counts = mk.audit(record)
        rows.append(Text(f"claims: {len(claims)} — " + ", ".join(
            f"{mk.AUDIT_LABELS[c]} {counts[c]}" for c in mk.AUDIT_CLASSES)))
    for w in record.get("warnings") or []:
        rows.append(Text("warning: " + visible(w), Style(color="yellow") if colour else None))
    return Group(*rows)


def renderables(record: dict, colour: bool = True) -> list[RenderableType]:
    if "error" in record:
        line = Text()
        line.append(visible(str(record["source"].get("path"))), Style(bold=True))
        line.append(": " + visible(record["error"]["message"]))
        return [line]
    return [header(record), Text(), article_text(record, colour), Text(), legend(record, colour)]


# ---------------------------------------------------------------------------------------------------------
# output


def colour_wanted(choice: str, out: IO[str]) -> bool:
    """``always``/``never``, or for ``auto``: a terminal and no ``NO_COLOR``."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(out, "isatty", None)
    return bool(isatty and isatty())


def make_console(out: IO[str], colour: bool, width: int | None = None) -> Console:
    """A console that prints the text's own lines (the terminal or pager wraps them, so a mark is never
    cut by an inserted line break), with colour or none at all."""
    if colour:
        return Console(file=out, force_terminal=True, no_color=False, highlight=False, markup=False,
                       emoji=False, width=width, soft_wrap=True)
    return Console(file=out, color_system=None, force_terminal=False, highlight=False, markup=False,
                   emoji=False, width=width, soft_wrap=True)


def show(record: dict, console: Console, colour: bool, page: bool = False) -> None:
    """Print one article to ``console``; through a pager (``$PAGER``, else ``less``) when ``page``."""
    items = renderables(record, colour)
    if page:
        os.environ.setdefault("LESS", "FRX")  # -R passes colours; -F quits when it fits on one screen
        with console.pager(styles=colour):
            for item in items:
                console.print(item)
    else:
        for item in items:
            console.print(item)
