"""Claims across sentences: a :class:`Discourse` carries what earlier sentences established.

Sentences are split by us (after 。！？ outside brackets, and at line breaks), so a quotation of several
sentences stays one claim. Across sentences: 「…」。Xはこう述べました takes the quote of the previous
sentence; …。関係者が明らかにした sources the sentence before; …ということです goes on reporting the last
「Xによりますと」 of the paragraph; a following sentence with no subject (そのうえで「…」と述べました)
continues the last speaker, or the person or body the last sentence was about.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from .model import Antecedent, Claim, Part
from .reports import _sentence_claims
from .sentence import _FINAL, _PARAGRAPH_BREAK, _bare_quote, _sentences
from .sources import _by_relation
from .speaker import _sentence_topic


@dataclass
class Discourse:
    """What the sentences read so far leave for the next one."""

    doc: Doc
    prev_quote: tuple[int, int] | None = None  # the last sentence when it was only a quotation 「…」
    carried: Antecedent | None = None  # whom a subjectless report continues
    carried_end: int = 0  # where the sentence that set ``carried`` ends (a topic lasts its paragraph)
    hearsay: Part | None = None  # the X of the last 「Xによりますと」, while …ということです goes on
    hearsay_end: int = 0
    prev_plain: tuple[int, int] | None = None  # the last sentence when it reported nothing

    def _new_paragraph_since(self, end: int, start: int) -> bool:
        return bool(_PARAGRAPH_BREAK.search(self.doc.text, end, start))

    def before(self, s: int) -> None:
        """Forget what does not reach the sentence starting at token s."""
        start = self.doc[s].idx
        if self.carried is not None and self.carried.topic and self._new_paragraph_since(self.carried_end, start):
            self.carried = None  # a topic carries over within its paragraph only (not from a headline)
        if self.hearsay is not None and self._new_paragraph_since(self.hearsay_end, start):
            self.hearsay = None  # hearsay goes on within its paragraph
        if self.prev_plain and self._new_paragraph_since(self.doc[self.prev_plain[1] - 1].idx, start):
            self.prev_plain = None

    def after(self, s: int, e: int, found: list[Claim]) -> None:
        """Record what the sentence doc[s:e] established."""
        doc = self.doc
        end = doc[e - 1].idx + len(doc[e - 1].text)
        self.prev_quote = _bare_quote(doc, s, e)
        # a sentence that reports nothing and ends in 。 may be sourced by the next one (…。関係者が明らかにした)
        self.prev_plain = (s, e) if not found and doc[e - 1].text in _FINAL else None
        # a following sentence with no subject (そのうえで「…」と述べました) continues the last speaker,
        # or the person or body the last sentence was about (霧ノ峰は…。インタビューでは「…」と語りました)
        attributed = [c for c in found if c.speaker is not None]
        if attributed:
            self.carried = Antecedent.of(attributed[-1])
            sp = attributed[-1].speaker
            self.hearsay = sp if _by_relation(doc, sp) else None
        else:
            topic = None if found else _sentence_topic(doc, s, e)
            self.carried = Antecedent(topic, topic=True) if topic else None
        self.carried_end = end
        self.hearsay_end = end


def find_claims_typed(doc: Doc) -> list[Claim]:
    """All attributed and unattributed claims in ``doc``, in sentence order."""
    out: list[Claim] = []
    record = Discourse(doc)
    for s, e in _sentences(doc):
        record.before(s)
        found = _sentence_claims(doc, s, e, record.prev_quote, record.carried, record.hearsay, record.prev_plain)
        out.extend(found)
        record.after(s, e, found)
    return out


def find_claims(doc: Doc) -> list[dict]:
    """All attributed and unattributed claims in ``doc`` (Claim dicts without ``id``)."""
    return [c.to_dict() for c in find_claims_typed(doc)]
