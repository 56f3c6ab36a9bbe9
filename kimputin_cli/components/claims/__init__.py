"""Attributed claims: who said what, through whom, and how sure (the ``kp_claims`` component).

``find_claims(doc)`` reads a GiNZA-parsed ``Doc`` and returns one dict per reported proposition (issue 3's
Claim shape without ``id``; ``entity`` is left ``None`` for the assembler to link by offsets).

The package, in the order a claim is found:

    vocab.py       the language knowledge (data/claims/*.txt), source phrases with their class
    model.py       the typed results: Claim, Part, Span, Cue, CueKind; to_dict() at the edge
    sentence.py    sentences and their bunsetu
    phrases.py     what a bunsetu is: a topic, a time, a connective, a clause boundary
    speaker.py     who can speak: agents, their noun phrases, a sentence's topic
    quotative.py   quotative markers (と, という, との, ことを) and hearsay endings (…ということです)
    cues.py        the cues, one detector per kind, and the quotative each takes
    hedges.py      hedge words; the article's own hedged statements
    sources.py     source phrases (Xによると, Xの話として, Xを通じて)
    frame.py       what belongs to the report rather than to its content
    content.py     one claim from one cue
    reports.py     the claims of one sentence
    discourse.py   the claims of a text: what earlier sentences established
    component.py   the spaCy component kp_claims
"""
from __future__ import annotations

from .component import make_claims_component
from .cues import _find_cues
from .discourse import find_claims
from .phrases import _topic_particle
from .quotative import _quotative
from .sentence import _Bun, _bunsetus, _sentences
from .sources import _source_match
from .sources import _source_from_bun as _source_part
from .speaker import _np_tokens
from .vocab import vocab

__all__ = ["find_claims", "make_claims_component", "vocab"]


def _source_from_bun(buns, k, relation, phrase_start):  # the dict view the unit tests read
    part = _source_part(buns, k, relation, phrase_start)
    return part.to_dict(source=True) if part is not None else None
