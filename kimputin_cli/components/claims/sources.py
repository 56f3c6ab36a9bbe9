"""Source phrases: the X of Xによると, Xの話として, Xを通じて, and the hearsay a によると source reports.

What a phrase does is its class in ``source_phrases.txt`` (by, story, through, quote); the code reads the
class, never the phrase.
"""
from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc, Token

from .model import Claim, Part, Span
from .vocab import BY, _source_phrases, by_phrases, source_class, vocab
from .sentence import _Bun, _bun_of, _is_punct, _lemma
from .speaker import _coordinated_start, _np_dict, _np_tokens, _phrase, _report_agent, _report_noun
from .quotative import _quotative
from .hedges import _hedge_in



@lru_cache(maxsize=None)
def _phrases_ending_in() -> dict[str, tuple[tuple[str, tuple[str, ...]], ...]]:
    """The source phrases by their last lemma, longest first within each (one lookup, not a scan)."""
    out: dict[str, list] = {}
    for relation, pat in _source_phrases():
        out.setdefault(pat[-1], []).append((relation, pat))
    return {last: tuple(rows) for last, rows in out.items()}


def _source_match(b: _Bun, buns: list[_Bun]) -> tuple[str, int] | None:
    """(relation, token index where the phrase starts) if bunsetu b ends a source phrase.

    The phrase is matched on token lemmas and may begin in an earlier bunsetu
    (報道官の + 話として)."""
    doc = b.doc
    lo = buns[0].start
    phrases = _source_phrases()
    need = len(phrases[0][1]) + 1  # the longest phrase and the word before it are all that can match
    toks: list[Token] = []
    x = b.end - 1
    while x >= lo and len(toks) < need:
        if not _is_punct(doc[x]):
            toks.append(doc[x])
        x -= 1
    toks.reverse()
    lemmas = [_lemma(t) for t in toks]
    for relation, pat in (_phrases_ending_in().get(lemmas[-1], ()) if lemmas else ()):
        n = len(pat)
        if len(lemmas) > n and tuple(lemmas[-n:]) == pat:
            start = toks[-n]
            before = toks[-n - 1]
            if before.pos_ in ("NOUN", "PROPN", "PRON", "NUM") or _is_punct(before):
                return relation, start.i
    return None


def _source_from_bun(buns: list[_Bun], k: int, relation: str, phrase_start: int) -> Part | None:
    """The noun phrase before a source phrase (関係者 + によると, ペスコフ報道官 + の話として)."""
    doc = buns[k].doc
    kb = _bun_of(buns, phrase_start)
    b = buns[kb]
    if not any(not _is_punct(doc[x]) for x in range(b.start, phrase_start)):
        return None
    fake = _Bun(i=kb, start=b.start, end=phrase_start, full_start=b.full_start, full_end=phrase_start, doc=doc)
    sub = list(buns)
    sub[kb] = fake
    if not fake.content:
        return None
    kind = _report_noun(fake)
    if kind is not None:  # Xの発表によると, Xが伝えたところによると: X is the source
        agent = _report_agent(sub, kb)
        if agent is not None:
            s, e = _np_tokens(sub, agent)
            return _np_dict(doc, _coordinated_start(sub, s), e).as_source(relation)
        if kind == "never":
            return None
    s, e = _np_tokens(sub, kb)
    return _np_dict(doc, _coordinated_start(sub, s), e).as_source(relation)


def _by_relation(doc: Doc, part: Part) -> str | None:
    """The ``by`` source phrase (によりますと, によると, によれば) right after ``part``, if any (none for a
    Part carried over from an earlier sentence, which has no span here)."""
    if part.end is None:
        return part.relation if source_class(part.relation) == BY else None
    span = doc.char_span(part.end, part.end, alignment_mode="expand")
    i = span.start if span is not None else len(doc)
    text = doc[i:i + 4].text
    return next((r for r in by_phrases() if text.startswith(r)), None)


def _has_by_source(buns: list[_Bun]) -> bool:
    return any(_by_match(buns, b) is not None for b in buns)


def _by_match(buns: list[_Bun], b: _Bun) -> tuple[str, int] | None:
    sm = _source_match(b, buns)
    return sm if sm is not None and source_class(sm[0]) == BY else None


def _by_source(buns: list[_Bun]) -> Part | None:
    """The X of the sentence's first 「Xによりますと」, as a source Part."""
    for k, b in enumerate(buns):
        sm = _by_match(buns, b)
        if sm is not None:
            return _source_from_bun(buns, k, *sm)
    return None


def _by_source_only(doc: Doc, buns: list[_Bun]) -> Claim | None:
    """「Xによりますと、…ということです」: a report whose only attribution is the source phrase."""
    for k, b in enumerate(buns):
        sm = _by_match(buns, b)
        if sm is None:
            continue
        src = _source_from_bun(buns, k, *sm)
        if src is None or k + 1 >= len(buns):
            return None
        return _hearsay_claim(doc, buns, k + 1, src.as_speaker(), _phrase(doc, doc[sm[1]].i, b.end))
    return None


def _hearsay_claim(doc: Doc, buns: list[_Bun], first: int, speaker: Part, cue: Span | None) -> Claim | None:
    """The claim of a sentence that reports ``speaker`` from bunsetu ``first`` on: the content ends at a
    final quotative (…ということです / …とのことです / …という。), else at the sentence end with ``cue``
    (None: a final quotative is required)."""
    start_tok = buns[first].start
    last = buns[-1]
    toks = [t for t in last.tokens if not _is_punct(t)]
    end_tok = toks[-1].i + 1 if toks else last.end
    found = False
    for j in range(len(buns) - 1, first, -1):
        m = _quotative(buns[j])
        if m is not None and j >= len(buns) - 2 and m > start_tok:
            end_tok, found = m, True
            cue = _phrase(doc, m, toks[-1].i + 1 if toks else last.end)
            break
    hedged = False
    if not found and len(buns) - 1 > first and last.content and len(last.content) == 1 \
            and _lemma(last.content[0]) in vocab("final_hedges") and set(last.tail_lemmas) <= {"だ", "です"}:
        end_tok, hedged = last.start, True  # Xによりますと、…開かれる見通しです: the hedge noun is not content
    elif not found:
        soo = [t for t in toks if t.text == "そう" and t.tag_ == "名詞-助動詞語幹"]
        if soo and set(_lemma(x) for x in toks if x.i > soo[-1].i) <= {"だ", "です"} and soo[-1].i > start_tok:
            end_tok = soo[-1].i  # Xによると、…再開するそうです: the hearsay そう is not content
    if cue is None or end_tok <= start_tok:
        return None
    tail = [doc[x] for x in range(max(start_tok, end_tok - 6), end_tok)]
    return Claim(speaker, [], cue, _phrase(doc, start_tok, end_tok), direct=False,
                 hedged=hedged or _hedge_in(tail))
