"""The typed results of claim finding: a :class:`Claim` of :class:`Part` s, and the :class:`Cue` it rests on.

Everything inside the package works on these; :meth:`Claim.to_dict` is called once, where the
component hands its findings to the rest of kp (``doc._.kp_claims``).
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import Enum


class CueKind(str, Enum):
    """What kind of expression reports the claim."""

    VERB = "verb"  # a reporting verb (述べた, 発表した)
    NOUN = "noun"  # a stance noun with a light verb (見方を示した)
    SURU = "suru"  # とする / として
    PASSIVE = "passive"  # an agentless passive (とみられる, とされる)
    EMERGE = "emerge"  # a view that emerges with no agent (見方が出ている)
    FINDING = "finding"  # ことが分かった


@dataclass
class Cue:
    """A cue found in a sentence's bunsetu, and where its quotative marker is."""

    first: int  # first bunsetu of the cue group
    last: int  # last bunsetu of the cue group
    kind: CueKind
    hedged: bool = False
    adnominal: bool = False
    q: int = -1  # bunsetu holding the quotative marker
    marker_start: int = -1  # token index where the quotative marker starts
    direct_open: int = -1  # token index of 「 for a direct quote
    frame: list[int] = field(default_factory=list)
    inline: bool = False  # quotative and cue in one bunsetu (…必要だ」として)
    allegation: bool = False  # …したとして + a passive main verb (逮捕された, 罪に問われている)
    np_first: int = -1  # a noun-phrase content (…最終結果を発表した): its first bunsetu (q is its last)


@dataclass(frozen=True)
class Bounds:
    """Character offsets of a sentence."""

    start: int
    end: int

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end}


@dataclass(frozen=True)
class Span:
    """A piece of the text: the cue or the content of a claim."""

    text: str
    start: int
    end: int

    def to_dict(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Part:
    """A speaker or a source: the noun phrase where the text names it.

    ``relation`` is the source phrase (によると, を通じて) for a source and ``None`` for a speaker.
    ``resolved_from`` is the earlier mention a Part refers back to: for 同氏 / 知事 / 同社 (the Part keeps
    its own span, the word as written) and for a report with no subject (the Part has no span of its own,
    ``start``/``end`` None, and takes the antecedent's text).
    """

    text: str
    start: int | None
    end: int | None
    entity: str | None = None
    anonymous: bool = False
    relation: str | None = None
    resolved_from: Span | None = None

    @property
    def written(self) -> bool:
        """The Part has a span of its own in its sentence (not only carried over from an earlier one)."""
        return self.start is not None

    def carried(self) -> Part:
        """The Part as a later sentence with no subject of its own refers to it: no span, the text and
        offsets of the mention it names (its antecedent's, when it is itself a reference back)."""
        if not self.written:
            return self
        antecedent = self.resolved_from or Span(self.text, self.start, self.end)  # type: ignore[arg-type]
        return replace(self, text=antecedent.text, start=None, end=None, resolved_from=antecedent)

    def as_speaker(self) -> Part:
        return replace(self, relation=None)

    def as_source(self, relation: str | None) -> Part:
        return replace(self, relation=relation)

    def to_dict(self, source: bool = False) -> dict:
        d: dict = {"text": self.text, "start": self.start, "end": self.end, "entity": self.entity}
        if source:
            d["relation"] = self.relation
        d["anonymous"] = self.anonymous
        if self.resolved_from is not None:
            d["resolved_from"] = self.resolved_from.to_dict()
        return d


@dataclass
class Claim:
    """One reported proposition: who (speaker), through whom (sources), by which words (cue), what."""

    speaker: Part | None
    sources: list[Part]
    cue: Span
    content: Span
    direct: bool
    hedged: bool
    sentence: Bounds | None = None

    def to_dict(self) -> dict:
        return {
            "speaker": self.speaker.to_dict() if self.speaker is not None else None,
            "sources": [s.to_dict(source=True) for s in self.sources],
            "cue": self.cue.to_dict(),
            "content": self.content.to_dict(),
            "direct": self.direct,
            "hedged": bool(self.hedged),
            "sentence": self.sentence.to_dict() if self.sentence is not None else None,
        }


@dataclass(frozen=True)
class Antecedent:
    """Whom a report with no subject of its own continues: an earlier report's speaker (with its sources), or
    the person or body an earlier sentence was about (``topic``)."""

    speaker: Part | None
    sources: tuple[Part, ...] = ()
    topic: bool = False

    @classmethod
    def of(cls, claim: Claim) -> Antecedent:
        return cls(claim.speaker, tuple(claim.sources))
