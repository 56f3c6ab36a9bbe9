"""The marks a reader sees on an article: one per entity mention, date and claim part, and how they nest.

Built from an extraction's JSON object (``Extraction.to_dict(include_text=True)``), never by parsing again.
Shared by ``kp show`` (:mod:`kimputin_cli.show`, the terminal) and the HTML report
(:mod:`kimputin_cli.report`); this module itself renders nothing and imports neither rich nor Jinja2.

:func:`marks_of` lists the marks; :func:`nest` turns them into a tree of text runs in which every mark
encloses what lies inside it.  A mark that crosses the end of an enclosing one is cut in two pieces there,
so the tree is always well formed (HTML elements, brackets) and the pieces of one mark, read in order,
give back exactly its text.
"""
from __future__ import annotations

import heapq
import os
from dataclasses import dataclass, field
from typing import Iterable, Union

ENTITY_KEYS = (("people", "person"), ("organizations", "organization"), ("places", "place"))
ENTITY_ROLES = ("person", "organization", "place", "date")
CLAIM_ROLES = ("content", "speaker", "source", "cue")
# which mark is outside when two have the same span: a claim's content encloses its speaker's mention
_RANK = {"content": 0, "speaker": 1, "source": 2, "cue": 3, "person": 4, "organization": 4, "place": 4, "date": 5}

SPEAKER_COLOURS = 8  # renderers give this many colours to speakers, in order of first appearance


@dataclass(frozen=True)
class Mark:
    """One marked span.  ``refs`` are the items it belongs to (``person:1``, ``date:3``, ``claim:2``; a
    speaker span that several claims share belongs to all of them); ``tone`` is the colour class:
    the entity kind for entities and dates, ``speaker-N`` or ``unattributed`` for claim parts."""

    start: int
    end: int
    role: str
    refs: tuple[str, ...]
    tone: str
    tip: str = ""

    @property
    def is_claim(self) -> bool:
        return self.role in CLAIM_ROLES


@dataclass
class Node:
    """A piece of a mark in the nesting tree: ``start``/``end`` of this piece, children in text order."""

    mark: Mark
    start: int
    end: int
    children: list[Union["Node", "Run"]] = field(default_factory=list)

    @property
    def first(self) -> bool:
        """Is this the first piece of its mark?"""
        return self.start == self.mark.start


@dataclass(frozen=True)
class Run:
    """Unmarked text inside a node (or at the top level)."""

    start: int
    end: int
    text: str


# ---------------------------------------------------------------------------------------------------------
# claims: who speaks, and how the source audit counts them


def claim_class(claim: dict) -> str:
    """``named``, ``anonymous``, ``unattributed`` (no speaker, hedged: the article's own statement) or
    ``unresolved`` (no speaker, not hedged: a speaker kp could not find).  As the Claims table's flags."""
    speaker = claim.get("speaker")
    if speaker is None:
        return "unattributed" if claim.get("hedged") else "unresolved"
    if speaker.get("anonymous") or any(s.get("anonymous") for s in claim.get("sources") or []):
        return "anonymous"
    return "named"


AUDIT_CLASSES = ("named", "anonymous", "unattributed", "unresolved")
AUDIT_LABELS = {"named": "named source", "anonymous": "anonymous source",
                "unattributed": "no source (the article's own statement)",
                "unresolved": "speaker not resolved"}


def audit(record: dict) -> dict[str, int]:
    """How many claims are attributed to named, anonymous or no sources."""
    counts = dict.fromkeys(AUDIT_CLASSES, 0)
    for claim in record.get("claims") or []:
        counts[claim_class(claim)] += 1
    return counts


def speaker_key(claim: dict) -> str | None:
    """One key per speaker: the entity it links to, else its text; None for a claim without a speaker."""
    speaker = claim.get("speaker")
    if speaker is None:
        return None
    return speaker.get("entity") or "text:" + speaker["text"]


@dataclass(frozen=True)
class Speaker:
    key: str
    name: str  # the entity's name, else the speaker text as written
    tone: str  # speaker-N
    claims: tuple[str, ...]


def speakers(record: dict) -> list[Speaker]:
    """The claims' speakers in order of first appearance, each with its colour class."""
    names = {ent["id"]: ent["name"] for key, _ in ENTITY_KEYS for ent in record.get(key) or []}
    order: dict[str, list[str]] = {}
    first_text: dict[str, str] = {}
    for claim in record.get("claims") or []:
        key = speaker_key(claim)
        if key is None:
            continue
        order.setdefault(key, []).append(claim["id"])
        first_text.setdefault(key, claim["speaker"]["text"])
    return [Speaker(key, names.get(key, first_text[key]), f"speaker-{i % SPEAKER_COLOURS}", tuple(ids))
            for i, (key, ids) in enumerate(order.items())]


def claim_tone(claim: dict, tones: dict[str, str]) -> str:
    key = speaker_key(claim)
    return tones[key] if key is not None else "unattributed"


# ---------------------------------------------------------------------------------------------------------
# details shown on hover / focus


def attribution(claim: dict) -> str:
    """``speaker ← source (relation) ← …``, with — for no speaker."""
    speaker = claim.get("speaker")
    parts = [speaker["text"] if speaker else "—"]
    for src in claim.get("sources") or []:
        parts.append(f"{src['text']} ({src['relation']})" if src.get("relation") else src["text"])
    return " ← ".join(parts)


def flags(claim: dict) -> list[str]:
    out = ["direct" if claim.get("direct") else "indirect"]
    if claim.get("hedged"):
        out.append("hedged")
    cls = claim_class(claim)
    if cls != "named":
        out.append({"unresolved": "speaker unresolved"}.get(cls, cls))
    return out


def entity_tip(ent: dict) -> str:
    lines = [f"{ent['name']}  ({ent['kind']}, {ent['id']})"]
    if ent.get("aliases"):
        lines.append("also: " + "、".join(ent["aliases"]))
    if ent.get("titles"):
        lines.append("titles: " + "、".join(ent["titles"]))
    lines.append(f"{len(ent.get('mentions') or [])} mentions")
    return "\n".join(lines)


def date_tip(date: dict) -> str:
    value = date.get("value") or "unresolved"
    details = [date.get("kind"), date.get("granularity")]
    if date.get("part"):
        details.append(date["part"])
    if date.get("season"):
        details.append(date["season"])
    if date.get("relative"):
        details.append("relative")
    return f"{date['text']} → {value}  ({', '.join(d for d in details if d)})"


def claim_tip(claim: dict, role: str) -> str:
    head = {"content": "", "speaker": "speaker of ", "source": "source of ", "cue": "cue of "}[role]
    return (f"{head}{claim['id']}: {attribution(claim)}\n"
            f"cue: {claim['cue']['text']}  ({', '.join(flags(claim))})")


# ---------------------------------------------------------------------------------------------------------
# the marks


def marks_of(record: dict) -> list[Mark]:
    """Every entity mention, date and claim part of ``record`` as a :class:`Mark`, sorted by position.

    Claim parts with the same span and role (one speaker phrase carried over to several claims) become one
    mark with several refs.  Spans outside the text or empty are left out (none should be)."""
    text = record.get("source", {}).get("text")
    limit = len(text) if text is not None else None
    out: list[Mark] = []
    for key, role in ENTITY_KEYS:
        for ent in record.get(key) or []:
            tip = entity_tip(ent)
            for m in ent.get("mentions") or []:
                out.append(Mark(m["start"], m["end"], role, (ent["id"],), role, tip))
    for i, date in enumerate(record.get("dates") or [], 1):
        out.append(Mark(date["start"], date["end"], "date", (f"date:{i}",), "date", date_tip(date)))
    tones = {s.key: s.tone for s in speakers(record)}
    shared: dict[tuple[int, int, str], list] = {}
    for claim in record.get("claims") or []:
        tone = claim_tone(claim, tones)
        parts = [("content", claim["content"]), ("cue", claim["cue"]), ("speaker", claim.get("speaker"))]
        parts += [("source", s) for s in claim.get("sources") or []]
        for role, part in parts:
            if part is None or part.get("start") is None:  # carried over from an earlier sentence: no span
                continue
            slot = shared.setdefault((part["start"], part["end"], role), [[], tone, []])
            slot[0].append(claim["id"])
            slot[2].append(claim_tip(claim, role))
    for (start, end, role), (refs, tone, tips) in shared.items():
        out.append(Mark(start, end, role, tuple(refs), tone, "\n".join(tips)))
    out = [m for m in out if 0 <= m.start < m.end and (limit is None or m.end <= limit)]
    return sorted(out, key=_order)


def _order(m: Mark) -> tuple:
    return (m.start, -m.end, _RANK[m.role])


def nest(text: str, marks: Iterable[Mark]) -> list[Node | Run]:
    """The text as a tree: runs of plain text and nodes (pieces of marks), in text order.

    One pass over the marks in order (start, longest first, then :data:`_RANK`) with a stack of open
    nodes; a mark that runs past the end of the node it starts in is cut there, and its remainder goes
    back into the queue.  O(n log n) in the number of marks."""
    heap = [(m.start, -m.end, _RANK[m.role], k, m.start, m.end, m) for k, m in enumerate(marks)]
    heapq.heapify(heap)
    seq = len(heap)
    root = _Open([], len(text), 0)
    stack = [root]

    def close_to(pos: int) -> None:
        while len(stack) > 1 and stack[-1].end <= pos:
            node = stack.pop()
            node.finish(text)
            stack[-1].pos = node.end

    while heap:
        start, _, rank, _, _, end, mark = heapq.heappop(heap)
        close_to(start)
        top = stack[-1]
        if end > top.end:  # crosses the end of the node it starts in: cut it there
            heapq.heappush(heap, (top.end, -end, rank, seq, top.end, end, mark))
            seq += 1
            end = top.end
        if start > top.pos:
            top.children.append(Run(top.pos, start, text[top.pos:start]))
        node = Node(mark, start, end)
        top.children.append(node)
        stack.append(_Open(node.children, end, start))
    close_to(len(text) + 1)
    root.finish(text)
    return root.children


@dataclass
class _Open:
    """A node being filled: its children, where it ends, and how far its children reach."""

    children: list
    end: int
    pos: int

    def finish(self, text: str) -> None:
        if self.pos < self.end:
            self.children.append(Run(self.pos, self.end, text[self.pos:self.end]))


# ---------------------------------------------------------------------------------------------------------
# a headline and a name for each article


def headline(record: dict) -> str:
    """An HTML page's title; else the article's first line when it reads as a headline (short, more text
    after it, not a sentence ending in 。); else the file name."""
    source = record.get("source") or {}
    if source.get("title"):
        return " ".join(source["title"].split())
    text = source.get("text") or ""
    first, _, rest = text.strip().partition("\n")
    first = first.strip()
    if first and rest.strip() and len(first) <= 80 and not first.endswith(("。", ".")):
        return first
    return os.path.basename(source.get("path") or "") or "article"
