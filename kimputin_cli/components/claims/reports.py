"""The claims of one sentence: each cue with its quotative, speaker and content; quotes credited in brackets;
hearsay that ends a sentence; the article's own hedged statements."""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from .model import Antecedent, Bounds, Claim, Cue, CueKind, Part
from .vocab import THROUGH, source_class
from .sentence import _Bun, _bracket_depths, _bunsetus, _is_proper, _is_punct, _lemma, _tok_end
from .phrases import _is_connective, _is_time, _topic_particle
from .speaker import _is_agent, _is_body, _np_dict, _phrase, _speaker_from_bun
from .quotative import _bare_hearsay, _hearsay_koto, _hearsay_sentence, _mid_hearsay, _quotative
from .cues import _attach_quotative, _find_cues
from .hedges import _final_hedge, _hedge_in
from .sources import _by_relation, _by_source_only, _has_by_source, _hearsay_claim, _source_from_bun, _source_match
from .content import _build_claim


def _pro_quote_claim(doc: Doc, buns: list[_Bun], cue: Cue, quote: tuple[int, int], sent: Bounds) -> Claim | None:
    """「…」。Xはこう述べました: the quote of the previous sentence is the content."""
    j = cue.first - 1
    if j < 0 or buns[j].first is None or _lemma(buns[j].first) not in ("こう", "このように"):
        return None
    speaker, sources = None, []
    for x in range(j - 1, -1, -1):
        b = buns[x]
        sm = _source_match(b, buns)
        if sm is not None and source_class(sm[0]) != THROUGH:
            src = _source_from_bun(buns, x, *sm)
            if src is not None:
                sources.insert(0, src)
            continue
        if speaker is None and _topic_particle(b) and _is_agent(b.content):
            speaker = _speaker_from_bun(buns, x)
    if speaker is None:
        return None
    o, c = quote
    return Claim(speaker, sources, _phrase(doc, buns[j].start, buns[cue.last].end), _phrase(doc, o + 1, c),
                 direct=True, hedged=_hedge_in([doc[x] for x in range(max(o + 1, c - 6), c)]),
                 sentence=Bounds(doc[o].idx, sent.end))


def _post_attribution(doc: Doc, buns: list[_Bun], cue: Cue, prev: tuple[int, int], sent: Bounds) -> Claim | None:
    """…最終調整に入った。複数の政府関係者が19日、明らかにした。: a sentence that is only a speaker, a time
    and a report names the source of the sentence before it."""
    subj = [k for k in range(cue.first) if _topic_particle(buns[k]) in ("が", "は") and _is_agent(buns[k].content)]
    if len(subj) != 1:
        return None
    speaker = _speaker_from_bun(buns, subj[0])
    for k in range(cue.first):
        b = buns[k]
        inside = doc[b.start].idx >= speaker.start and doc[b.end - 1].idx < speaker.end + 1
        if not (k == subj[0] or inside or _is_time(b) or _is_connective(buns, k)):
            return None
    o, c = prev
    while c > o and _is_punct(doc[c - 1]):
        c -= 1
    if c <= o:
        return None
    return Claim(speaker, [], _phrase(doc, buns[cue.first].start, buns[cue.last].end), _phrase(doc, o, c),
                 direct=False, hedged=_hedge_in([doc[x] for x in range(max(o, c - 6), c)]),
                 sentence=Bounds(doc[o].idx, sent.end))


class _SentenceReader:
    """The claims of one sentence, given what earlier sentences established.

    ``prev_quote``: a bare 「…」 sentence just before (for 「…」。Xはこう述べました); ``carried``: the claim or
    topic a subjectless report continues; ``hearsay``: the X of the paragraph's 「Xによりますと」 while it goes
    on with …ということです; ``prev_plain``: the sentence before when it reported nothing (…。関係者が明らかにした).
    """

    def __init__(self, doc: Doc, s: int, e: int, buns: list[_Bun], prev_quote: tuple[int, int] | None,
                 carried: Antecedent | None, hearsay: Part | None, prev_plain: tuple[int, int] | None):
        self.doc, self.s, self.e, self.buns = doc, s, e, buns
        self.prev_quote, self.carried, self.hearsay, self.prev_plain = prev_quote, carried, hearsay, prev_plain
        self.sent = Bounds(doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text))
        self.depth = _bracket_depths(doc, s, e)
        self.by_source = _has_by_source(buns)
        self.claims: list[Claim] = []
        self.floor = 0

    def read(self) -> list[Claim]:
        doc, buns, s = self.doc, self.buns, self.s
        cues = [  # not a report quoted inside 「」
            c for c in _find_cues(buns) if self.depth[(c.marker_start if c.inline else buns[c.first].start) - s] == 0
        ]
        if self.by_source:
            cues = self._leading_hearsay(cues)
        self._cue_claims(cues)
        self.claims.extend(_bracket_credits(doc, s, self.e, self.claims, self.sent))
        if self.hearsay is not None and not self.by_source and _hearsay_sentence(buns):
            # 警察によりますと、…。調べに対し、男は「…」と話しているということです: the man's words came through
            # the source the paragraph goes on reporting
            relation = _by_relation(doc, self.hearsay)
            for c in self.claims:
                if c.speaker is not None and c.speaker.text != self.hearsay.text and not c.sources and relation:
                    c.sources = [self.hearsay.as_source(relation)]
        if not any(_tok_end(doc, c.cue) >= buns[-1].start for c in self.claims):
            self._add(self._closing_report())
        if not self.claims and self.depth[buns[-1].start - s] == 0:
            self._add(_final_hedge(doc, buns))
        return self.claims

    def _add(self, claim: Claim | None) -> None:
        if claim is not None:
            claim.sentence = self.sent
            self.claims.append(claim)

    def _leading_hearsay(self, cues: list[Cue]) -> list[Cue]:
        """関係者によると、会社は…方針だという: a bare hearsay いう after Xによると reports X, not the topic;
        Xによりますと、…ということで、…: X's report ends there and the rest of the sentence goes on."""
        buns = self.buns
        cues = [c for c in cues if not _bare_hearsay(buns[c.last])]
        h = _mid_hearsay(buns)
        if h is not None:
            c = _by_source_only(self.doc, buns[:h + 1])
            if c is not None:
                self._add(c)
                self.floor = h + 1
                cues = [c for c in cues if c.first > h]
        return cues

    def _cue_claims(self, cues: list[Cue]) -> None:
        doc, buns, s, depth = self.doc, self.buns, self.s, self.depth
        prev_main: Cue | None = None
        prev_claim: Claim | None = None
        prev_lower = self.floor
        for cue in cues:
            lower = prev_main.last + 1 if prev_main is not None else self.floor
            # …首相が「…」と語っていると明かす: the previous report, closed by a quotative right before this cue,
            # is inside this one's content
            nested = prev_main is not None and not prev_main.adnominal and cue.first - 1 == prev_main.last \
                and _quotative(buns[prev_main.last]) is not None and cue.kind in (CueKind.VERB, CueKind.NOUN)
            if nested:
                lower = prev_lower
            attached = _attach_quotative(cue, buns, lower)
            if attached and depth[cue.marker_start - s] > 0 and not cue.inline \
                    and depth[buns[cue.first].start - s] == 0:
                continue  # 「…見極めたいとの雰囲気が強い」（中堅証券）という: the との belongs to the quote
            if not attached:
                self._unattached(cue)
                continue
            if cue.kind in (CueKind.PASSIVE, CueKind.EMERGE) and (
                    cue.adnominal or _quotative(buns[cue.last]) is not None):
                if _hearsay_koto(buns, cue.last) and not self.by_source:  # …という声も出ているということです
                    cue.adnominal = False
                else:
                    continue  # …とみられる専用列車 / …とみられると説明: a hedge inside another statement
            prev = Antecedent.of(prev_claim) if prev_claim is not None else self.carried
            claim = _build_claim(doc, buns, cue, lower, prev_main, prev, self.hearsay, self.floor)
            if claim is None:
                continue
            claim.sentence = self.sent
            if self._restates(claim):
                continue
            if nested:
                _nest(prev_claim, claim)
            self.claims.append(claim)
            if not cue.adnominal:
                prev_main, prev_claim, prev_lower = cue, claim, lower

    def _unattached(self, cue: Cue) -> None:
        """A report with no quotative of its own: 「…」。Xはこう述べました, or …。関係者が明らかにした."""
        c = None
        if self.prev_quote is not None and cue.kind == CueKind.VERB:
            c = _pro_quote_claim(self.doc, self.buns, cue, self.prev_quote, self.sent)
            if c is not None:
                self.prev_quote = None
        elif self.prev_plain is not None and cue.kind == CueKind.VERB and cue.last == len(self.buns) - 1:
            c = _post_attribution(self.doc, self.buns, cue, self.prev_plain, self.sent)
        if c is not None:
            self.claims.append(c)

    def _restates(self, claim: Claim) -> bool:
        """「…」とするコメントを出しました: the noun cue restates the とする report; one claim, the fuller cue."""
        same = _restated(self.claims, claim)
        if same is None:
            return False
        if same.cue.start >= claim.cue.start and same.cue.end <= claim.cue.end:
            same.cue = claim.cue
        return True

    def _closing_report(self) -> Claim | None:
        """No report ends the sentence: Xによりますと、男は「…」などとうそを言って、…疑いが持たれています
        (unless a report ends right before the hearsay: 関係者によると、社長は「…」と述べたという)."""
        doc, buns, claims, hearsay = self.doc, self.buns, self.claims, self.hearsay
        before_hearsay = len(buns) >= 2 and _hearsay_sentence(buns) and any(
            _tok_end(doc, c.cue) >= buns[-2].start for c in claims)
        c = _by_source_only(doc, buns) if self.by_source and not before_hearsay and not any(
            c.speaker and _by_relation(doc, c.speaker) for c in claims
        ) else None
        if c is None and not claims and hearsay is not None and _hearsay_sentence(buns):
            # 警察によりますと、…ということです。…ということです。: the source goes on reporting
            c = _hearsay_claim(doc, buns, _is_connective(buns, 0), hearsay.as_speaker(), None)
        elif c is None and not claims and _hearsay_sentence(buns):
            # 市は、…を始めるということです: the body the sentence opens with is the one reported
            k = _is_connective(buns, 0)
            while k < len(buns) - 2 and _is_time(buns[k]):
                k += 1
            if k < len(buns) - 2 and _topic_particle(buns[k]) == "は" and _is_body(buns[k].content) \
                    and buns[k].ends_with_comma:
                c = _hearsay_claim(doc, buns, k + 1, _speaker_from_bun(buns, k), None)
        return c


def _nest(outer: Claim | None, inner: Claim) -> None:
    """The inner report came through the outer speaker (党幹部の一人 ← 首相 …と語っている)."""
    if inner.speaker is not None and outer is not None and outer.speaker is not None \
            and inner.content.start <= outer.content.start and inner.speaker.text != outer.speaker.text:
        outer.sources = [inner.speaker.as_source(inner.cue.text)] + outer.sources


def _sentence_claims(doc: Doc, s: int, e: int, prev_quote: tuple[int, int] | None = None,
                     prev_sentence_claim: Antecedent | None = None, hearsay: Part | None = None,
                     prev_plain: tuple[int, int] | None = None) -> list[Claim]:
    """The claims of the sentence doc[s:e] (see :class:`_SentenceReader`)."""
    buns = _bunsetus(doc, s, e)
    if not buns:
        return []
    return _SentenceReader(doc, s, e, buns, prev_quote, prev_sentence_claim, hearsay, prev_plain).read()


def _restated(claims: list[Claim], claim: Claim) -> Claim | None:
    """An earlier claim of the sentence with the same speaker whose content overlaps this one's."""
    c = claim.content
    for other in claims:
        o = other.content
        if _speaker_text(other) == _speaker_text(claim) \
                and min(o.end, c.end) - max(o.start, c.start) > 0.5 * min(o.end - o.start, c.end - c.start):
            return other
    return None


def _bracket_credits(doc: Doc, s: int, e: int, claims: list[Claim], sent: Bounds) -> list[Claim]:
    """Newspaper style 「…」（国内証券アナリスト）: a quote credited to the speaker in brackets right after it."""
    out = []
    depth = 0
    open_k: int | None = None
    for k in range(s, e):
        t = doc[k].text
        if t in ("「", "『"):
            depth += 1
            if depth == 1:
                open_k = k
            continue
        if t not in ("」", "』"):
            continue
        if depth == 0:
            continue  # a 」 whose 「 is not in this sentence (a stray bracket, a quote split upstream)
        depth -= 1
        if depth or open_k is None or k + 2 >= e or doc[k + 1].text not in ("（", "("):
            continue
        close = next((x for x in range(k + 2, min(e, k + 12)) if doc[x].text in ("）", ")")), None)
        if close is None or close == k + 2:
            continue
        inside = doc[k + 2:close]
        if any(c.isdigit() for c in inside.text) or not doc[close - 1].tag_.startswith("名詞"):
            continue  # (45), (笑): an age or an aside, not a credit
        if close + 1 < e and doc[close + 1].pos_ == "ADP" and _lemma(doc[close + 1]) not in ("と", "など"):
            continue  # 「ひだまりケア」（東京都品川区）は: a name and its address, not a credit
        content = _phrase(doc, open_k + 1, k)
        if not content.text.strip() or any(c.content.start <= content.start < c.content.end for c in claims):
            continue
        speaker = _np_dict(doc, k + 2, close)
        # a credit that names no one (閣僚経験者, 大手証券エコノミスト, 首相周辺) keeps its source unnamed
        speaker = replace(speaker, anonymous=speaker.anonymous or not any(_is_proper(x) for x in inside))
        out.append(Claim(speaker, [], _phrase(doc, k + 1, close + 1), content, direct=True,
                         hedged=_hedge_in([doc[x] for x in range(max(open_k + 1, k - 6), k)]), sentence=sent))
    return out


def _speaker_text(claim: Claim) -> str | None:
    return claim.speaker.text if claim.speaker is not None else None
