"""One claim from one cue: its speaker and sources, the content it reports, the cue's own span.

The content is found by scanning backwards from the quotative over bunsetu until the speaker, a
source phrase (の話として, によると), the previous report of the same sentence or, for unattributed claims,
a clause boundary (…が、 …ほか、). Past times and the addressee (記者団に対し) after the speaker belong to
the report; future times (あすにかけて) to the content.
"""
from __future__ import annotations

from spacy.tokens import Doc

from .cues import _adnominal, _light_after
from .frame import (_LOCUS_TAILS, _partial_quote, _publishes, _skip_report_oblique,
                    _subject_or_source_left)
from .hedges import _hedge_in
from .model import Antecedent, Claim, Cue, CueKind, Part
from .phrases import (_is_boundary, _is_connective, _is_future, _is_time, _particles, _pred_lemma,
                      _starts_with_suru, _topic_particle)
from .quotative import _bare_hearsay, _is_predicate_end
from .sentence import _Bun, _bun_of, _is_punct, _lemma, _tok_end
from .sources import _by_match, _by_source, _source_from_bun, _source_match
from .speaker import _is_agent, _is_agent_head, _is_body, _is_agent_text, _phrase, _speaker_from_bun, _subject_of_cue
from .vocab import BY, THROUGH, source_class, vocab

_BREAK, _NEXT = "break", "next"


class _ClaimBuilder:
    """The state of building one claim: the speaker and sources found so far, and the content's edges."""

    def __init__(self, doc: Doc, buns: list[_Bun], cue: Cue, lower: int, prev_main: Cue | None,
                 prev: Antecedent | None, hearsay: Part | None, floor: int):
        self.doc, self.buns, self.cue, self.lower = doc, buns, cue, lower
        self.prev_main, self.prev, self.hearsay, self.floor = prev_main, prev, hearsay, floor
        self.unattributed = cue.kind in (CueKind.PASSIVE, CueKind.EMERGE)
        self.q = cue.q
        self.speaker: Part | None = None
        self.sources: list[Part] = []
        self.outer: list[Part] = []
        self.direct = False
        self.c_start_tok = self.c_end_tok = 0
        self.j = self.first = 0
        self.mode = "content"

    def build(self) -> Claim | None:
        cue = self.cue
        if cue.kind == CueKind.SURU and cue.adnominal and cue.direct_open < 0 and self._before_stance_report():
            return None  # …見直すとする方針を示した: the stance noun's report (方針を示した) is the claim
        if cue.kind == CueKind.FINDING and not self._finding_speaker():
            return None
        if cue.kind == CueKind.PASSIVE and not cue.allegation:
            self._passive_agent()
        self._frame_between()
        self._content_edges()
        self._scan()
        if self.speaker is not None and not self.direct or self.mode == "frame":
            self._sources_before_speaker()
        self.sources = self.outer + self.sources
        if cue.adnominal and self.speaker is None:
            return None
        if not self.direct:
            self.c_start_tok = self.buns[self._trim_left()].start
        if cue.np_first >= 0:  # a noun-phrase content is the object's phrase only
            self.c_start_tok = max(self.c_start_tok, self.buns[cue.np_first].start)
        self._fallback_speaker()
        if cue.np_first >= 0 and (self.speaker is None or not self._subject_of_verb()):
            return None
        return self._finish()

    # --- speakers outside the content
    def _finding_speaker(self) -> bool:
        """…ことが [Xへの] [取材で] わかりました: X is the speaker; otherwise the article's own finding
        (or, sentence-first, 関係者への取材で、…ことがわかりました); …ことが、厚生労働省の調査で分かりました: a
        body's survey or study is the speaker too."""
        buns, q = self.buns, self.q
        for j in self.cue.frame + list(range(self.lower + 1, q)):
            lead = _lemma(buns[j].content[0]) if buns[j].content else None
            if j > 0 and (
                (lead == "取材" and buns[j - 1].tail_lemmas in (("へ", "の"), ("に", "よる")))
                or (lead in vocab("finding_nouns") and buns[j - 1].tail_lemmas in (("の",), ("に", "よる"))
                    and _is_agent(buns[j - 1].content))
            ):
                self.speaker = _speaker_from_bun(buns, j - 1)
                if j < q:
                    self.lower = j + 1
                break
        return self.speaker is not None

    def _passive_agent(self) -> None:
        """信者から「…」と言われ / 「…」と専門家から指摘され: the agent of a passive report speaks."""
        buns, cue = self.buns, self.cue
        near = cue.frame[:]
        if cue.direct_open >= 0:
            kq = _bun_of(buns, cue.direct_open)
            near.append(kq - 1 if buns[kq].start >= cue.direct_open else kq)
        for j in near:
            c = buns[j].content if self.lower <= j < len(buns) else []
            if c and _particles(buns[j]) == ("から",) and c[-1].pos_ in ("NOUN", "PROPN", "PRON") \
                    and not _is_time(buns[j]):
                self.speaker, self.unattributed = _speaker_from_bun(buns, j), False
                break

    def _frame_between(self) -> None:
        """Between the quotative and the cue: a subject placed after the quote, を通じて."""
        buns = self.buns
        for j in self.cue.frame:
            b = buns[j]
            sm = _source_match(b, buns)
            if sm is not None:
                src = _source_from_bun(buns, j, *sm)
                if src is not None:
                    self.sources.append(src)
                continue
            if not self.unattributed and self.speaker is None and _topic_particle(b) and _is_agent(b.content):
                self.speaker = _speaker_from_bun(buns, j, stop_at=self.q + 1)

    # --- the content, backwards from the quotative
    def _content_edges(self) -> None:
        cue, buns = self.cue, self.buns
        self.direct = cue.direct_open >= 0 and not _partial_quote(buns, cue.direct_open)
        if self.direct:
            self.c_start_tok, self.c_end_tok = cue.direct_open + 1, cue.marker_start - 1
            kq = _bun_of(buns, cue.direct_open)
            self.j = kq if buns[kq].start < cue.direct_open else kq - 1
            self.mode, self.first = "frame", kq
        else:
            self.c_end_tok = cue.marker_start
            self.j, self.mode, self.first = self.q - 1, "content", self.q

    def _scan(self) -> None:
        """Walk left from the content over bunsetu until the speaker or the content's left edge. On a break,
        ``j`` is the bunsetu where the walk stopped; otherwise ``lower - 1``."""
        while self.j >= self.lower:
            b = self.buns[self.j]
            step = self._scan_source(b)
            if step == _BREAK:
                break
            if step == _NEXT:
                continue
            tp = _topic_particle(b)
            agent = tp is not None and (_is_agent(b.content) or _subject_of_cue(self.buns, b, self.cue)) \
                and self._may_tell(b)
            if self.mode == "frame":
                if self._frame_speaker(b, tp, agent):
                    break
                self.j -= 1
                continue
            if self._content_stops(b, tp, agent):
                break
            self.first = self.j
            self.j -= 1

    def _scan_source(self, b: _Bun) -> str | None:
        """A source phrase ends the content (Xによると、…); を通じて only after an agent (弁護士を通じて)."""
        buns, doc, j = self.buns, self.doc, self.j
        sm = _source_match(b, buns)
        if sm is not None and source_class(sm[0]) == THROUGH and self.mode == "content":
            src = _source_from_bun(buns, j, *sm)
            if src is None or not _is_agent_head(doc[_tok_end(doc, src) - 1]):
                sm = None
        if sm is None:
            return None
        src = _source_from_bun(buns, j, *sm)
        if src is not None:
            self.outer.insert(0, src)
        if self.mode == "content":
            self.first = j + 1
            self.mode = "frame"
        if self.unattributed:
            return _BREAK
        self.j = min(j, _bun_of(buns, sm[1])) - 1
        return _NEXT

    def _frame_speaker(self, b: _Bun, tp: str | None, agent: bool) -> bool:
        """In the frame before a direct quote or a source phrase: the speaker, if this bunsetu is it."""
        buns, cue, j, doc = self.buns, self.cue, self.j, self.doc
        # a が-subject of a clause inside the frame (Xは、Yが逮捕された翌日の会見で「…」と) does not report
        if agent and not (tp == "が" and not b.ends_with_comma and j < b.head_bun < self.first
                          and _adnominal(buns[b.head_bun], buns)):
            self.speaker = self.speaker or _speaker_from_bun(buns, j)
            return True
        if cue.kind == CueKind.EMERGE and b.tail_lemmas[-2:] in _LOCUS_TAILS and _is_agent(b.content):
            self.speaker, self.unattributed = _speaker_from_bun(buns, j), False  # 若手議員からは「…」との声も
            return True
        if self.direct and b.end <= cue.direct_open and not any(
            not _is_punct(doc[x]) for x in range(b.end, cue.direct_open)
        ) and not _particles(b) and not b.ends_with_comma and not _is_time(b) and _is_agent(b.content):
            self.speaker = self.speaker or _speaker_from_bun(buns, j)  # headline style: 総統府「挑発行為」と非難
            return True
        return False

    def _content_stops(self, b: _Bun, tp: str | None, agent: bool) -> bool:
        """Inside an indirect content: does it stop at this bunsetu (a speaker, a boundary)?"""
        buns, cue, j = self.buns, self.cue, self.j
        if self.unattributed or cue.kind == CueKind.FINDING:
            return _is_boundary(b)
        if cue.adnominal:
            if agent and tp == "が":
                self.speaker = self.speaker or _speaker_from_bun(buns, j)
                return True
            if agent and tp in ("は", "も") and _publishes(buns, cue, j):
                self.speaker = self.speaker or _speaker_from_bun(buns, j)  # Xは、…とする研究結果を…に発表した
                return True
            return (agent and tp in ("は", "も")) or _is_boundary(b) or (b.ends_with_comma and b.head_bun > cue.last)
        if self.speaker is None and b.tail_lemmas == ("で", "は") and b.content and (
            _lemma(b.content[-1]) in vocab("document_nouns")
            or (_is_body(b.content) and cue.kind in (CueKind.VERB, CueKind.SURU) and self._opens_clause(j))
        ) and not _subject_or_source_left(buns, self.lower, j):
            # 論文では、…と指摘しています: the paper says so; 警視庁では…としている / 同社では…と説明している: a body
            # that opens the sentence speaks (not 日本では, a place)
            self.speaker = _speaker_from_bun(buns, j)
            return True
        if agent and tp in ("は", "も"):
            # the first subject of a clause reports; a later topic (Xは、Yは…) belongs to the content,
            # and so does a topic after a source phrase (Xの話として、Yは…)
            if not _subject_or_source_left(buns, self.lower, j) and not self._media_report_by_source(b, j):
                self.speaker = self.speaker or _speaker_from_bun(buns, j)
                return True
        if agent and tp == "が" and self._dated(j):
            self.speaker = self.speaker or _speaker_from_bun(buns, j)  # 農業省が18日、…ことを発表した
            return True
        # (…少なくとも12人が、…亡くなったことも明らかにした: a が-subject inside a こと clause is its own)
        koto = _lemma(self.doc[cue.marker_start]) in ("こと", "事")
        if agent and tp == "が" and (b.head_bun >= cue.first or (
            b.ends_with_comma and not koto and not any(
                _topic_particle(buns[x]) in ("は", "も") and _is_agent(buns[x].content) for x in range(self.lower, j)
            )
        )):
            self.speaker = self.speaker or _speaker_from_bun(buns, j)
            return True
        return _is_boundary(b) and self.prev_main is not None and j <= self.prev_main.last + 1

    def _sources_before_speaker(self) -> None:
        """A source phrase before the speaker (捜査関係者によると、男は…)."""
        buns = self.buns
        x = self.j - 1
        while x >= self.lower:
            sm = _source_match(buns[x], buns)
            if sm is not None and source_class(sm[0]) != THROUGH:
                src = _source_from_bun(buns, x, *sm)
                if src is not None and all(src.start != o.start for o in self.outer):
                    self.outer.insert(0, src)
                x = min(x, _bun_of(buns, sm[1])) - 1
                continue
            if buns[x].ends_with_comma and not _is_connective(buns, x) and _topic_particle(buns[x]):
                break
            x -= 1

    def _trim_left(self) -> int:
        """The first bunsetu of an indirect content: after a connective, the speaker, an agent locus, the
        time of the report and its obliques (記者会見で、)."""
        buns, cue, q, lower = self.buns, self.cue, self.q, self.lower
        k = self.first
        n0 = _is_connective(buns, lower) if lower < len(buns) else 0
        if k < lower + n0:
            k = lower + n0
        if self.speaker is None and not self.unattributed and k < q:
            b = buns[k]
            tp = _topic_particle(b)
            koto = _lemma(self.doc[cue.marker_start]) in ("こと", "事")
            if tp and (_is_agent(b.content) or _subject_of_cue(buns, b, cue)) and (
                tp in ("は", "も") or b.head_bun >= cue.first or (b.ends_with_comma and not koto)
            ) and not self._media_report_by_source(b, k) and self._may_tell(b):
                self.speaker = _speaker_from_bun(buns, k)
                k += 1
        if cue.kind == CueKind.EMERGE:
            k = self._emerge_locus(k)
        while k < q:
            if self.speaker is not None and _is_time(buns[k]) and not _is_future(buns[k]):
                k += 1  # the time of the report (林長官は12日、…と述べました); a report is never dated
                continue  # in the future, so あすにかけて / 来週 belong to the content
            nk = _skip_report_oblique(buns, k, q, cue, setting_only=self.speaker is None)
            if nk is None:
                break
            k = nk
        return k

    def _emerge_locus(self, k: int) -> int:
        """市場では、…との見方が出ています: the place where a view emerges is not part of it."""
        buns, q = self.buns, self.q
        if _pred_lemma(buns[self.cue.first]) in vocab("modal_hedges"):
            return k  # FIFAでは…議題に上る可能性もある: a place where something may happen, no speaker
        if k + 1 < q and buns[k].tail_lemmas == ("の",) and _is_agent(buns[k].content) \
                and buns[k + 1].tail_lemmas[-2:] in _LOCUS_TAILS \
                and [_lemma(x) for x in buns[k + 1].content] in (["間"], ["中"], ["内"]):
            # 関係者の間では / 与党の中からは …との見方: the people named before 間/中 are the speaker
            self.speaker = _speaker_from_bun(buns, k)
            self.unattributed = False
            return k + 2
        if k < q and buns[k].tail_lemmas[-2:] in _LOCUS_TAILS:
            # 財務省内には / 専門家からは …との声: an agent locus is the speaker (still hedged)
            np = [t for t in buns[k].content if _lemma(t) not in ("内", "側", "間", "中")]
            if np and (_is_agent(np) or _is_agent_text(np[-1].text.rstrip("内側"))):
                self.speaker = _speaker_from_bun(buns, k)
                self.unattributed = False
                return k + 1
            if buns[k].ends_with_comma and buns[k].tail_lemmas[-2:] == ("で", "は"):
                return k + 1
        return k

    def _fallback_speaker(self) -> None:
        """No speaker in the sentence: the X of Xによると, the previous report's speaker or the topic it
        continues, else (…完売したという。) hearsay with no source named, the article's own."""
        if self.speaker is not None or self.unattributed:
            return
        prev, cue = self.prev, self.cue
        if self.sources and source_class(self.sources[0].relation) == BY:
            self.speaker = self.sources.pop(0).as_speaker()
        elif prev is not None and prev.speaker is not None and not (
            prev.topic and _bare_hearsay(self.buns[cue.last])
        ):
            self.speaker = prev.speaker
            if not self.sources:
                self.sources = list(prev.sources)
        elif _bare_hearsay(self.buns[cue.last]):
            self.unattributed = True  # …完売したという。: hearsay with no source named, the article's own (hedged)

    def _may_tell(self, b: _Bun) -> bool:
        """A bare hearsay (…という。) is told by a person or body, never by a place or a thing the topic names
        (戎橋は…飛び込んだという / ハイタッチはなかったという: the article's own hearsay)."""
        if not _bare_hearsay(self.buns[self.cue.last]) or not b.content:
            return True
        head = b.content[-1]
        if _lemma(head) in vocab("agent_nouns") or any(head.text.endswith(w) for w in vocab("agent_nouns") if len(w) >= 2):
            return True
        mentions = head.doc._.kp_mentions if head.doc.has_extension("kp_mentions") else None
        end = head.idx + len(head.text)
        return bool(mentions) and any(m["category"] in ("person", "organization") and m["start"] < end
                                      and head.idx < m["end"] for m in mentions)

    def _before_stance_report(self) -> bool:
        """The とする clause modifies a stance noun that reports with a light verb (…とする方針を示した)."""
        buns, cue = self.buns, self.cue
        k = buns[cue.last].head_bun
        return 0 <= k < len(buns) and _pred_lemma(buns[k]) in vocab("cue_nouns") and _light_after(buns, k) is not None

    def _media_report_by_source(self, b: _Bun, j: int) -> bool:
        """朝日新聞の調べでは、日本生命は…と報じている: after a by-source, a topic that is no medium is not the
        subject of a media verb (報じる, 報道); it belongs to the content and the source reports."""
        buns, cue = self.buns, self.cue
        if _pred_lemma(buns[cue.first]) not in vocab("media_verbs"):
            return False
        if any(_lemma(t) in vocab("media_heads") or t.text.endswith(("紙", "誌")) for t in b.content[-2:]):
            return False
        return any(_by_match(buns, buns[x]) is not None for x in range(self.lower, j))

    def _dated(self, j: int) -> bool:
        """Xが18日、…: a が-subject followed by the day of the report and a comma is the reporter."""
        buns = self.buns
        if not (j + 1 < self.q and not buns[j].ends_with_comma and _is_time(buns[j + 1])
                and buns[j + 1].ends_with_comma and not _is_future(buns[j + 1])):
            return False
        # a day (18日、 / 同日、), the date news gives a report; not ことし7月、 (when an event happened)
        return buns[j + 1].content[-1].text.endswith("日")

    def _opens_clause(self, j: int) -> bool:
        """Only a connective, times and source phrases stand before bunsetu j in its clause (from the sentence
        start or after a predicate and a comma: …容疑を認めており、同庁では…とみている)."""
        buns = self.buns
        start = self.lower
        for x in range(j - 1, self.lower - 1, -1):
            last = [t for t in buns[x].tokens if not _is_punct(t)][-1:]
            if buns[x].ends_with_comma and last and _is_predicate_end(last[0]) and _source_match(buns[x], buns) is None:
                start = x + 1
                break
        k = start + _is_connective(buns, start) if start < len(buns) else start
        while k < j and (_is_time(buns[k]) or _source_match(buns[k], buns) is not None):
            k += 1
        return k >= j

    def _as_label(self) -> bool:
        """The とする cue is として (…「見守り隊」として活動), modifies a noun (「…」とする計画) or names an object
        (柳町を「武生柳町」とした), not a finite view."""
        cue, buns = self.cue, self.buns
        toks = [t for t in buns[cue.last].tokens if not _is_punct(t)]
        named = any(_particles(b) == ("を",) and b.head_bun in range(cue.first, cue.last + 1)
                    for b in buns[self.lower:cue.first])
        return cue.adnominal or named or not toks or _lemma(toks[-1]) == "て" or buns[cue.last].ends_with_comma

    def _subject_of_verb(self) -> bool:
        """The speaker of a noun-phrase content, when the sentence names it, is the reporting verb's own
        subject (AはYを持っているが、BはZを主張している: B, not A)."""
        doc, buns, cue = self.doc, self.buns, self.cue
        if self.speaker.start is None:
            return True  # carried from an earlier sentence (resolved_from): no phrase of this one to check
        k = next((b.i for b in buns if doc[b.start].idx <= self.speaker.start < doc[b.end - 1].idx + len(doc[b.end - 1])), None)
        if k is None:
            return True  # carried from an earlier sentence, or the X of Xによると
        while 0 <= k < len(buns) and buns[k].head_bun not in range(cue.first, cue.last + 1) \
                and buns[k].tail_lemmas[-1:] == ("の",):
            k = buns[k].head_bun  # 政府の報道官は…: the head of the speaker's noun phrase
        return 0 <= k < len(buns) and (buns[k].head_bun in range(cue.first, cue.last + 1)
                                       or _source_match(buns[k], buns) is not None)

    # --- the claim
    def _finish(self) -> Claim | None:
        doc, cue, buns = self.doc, self.cue, self.buns
        c_start_tok, c_end_tok = self.c_start_tok, self.c_end_tok
        while not self.direct and c_end_tok > c_start_tok and doc[c_end_tok - 1].text in ("、", ",", "，"):
            c_end_tok -= 1  # …不明である、と報じている: the comma before と is no part of the content
        if c_end_tok <= c_start_tok:
            return None
        if self.direct and (cue.kind == CueKind.SURU or cue.allegation) and not _is_predicate_end(doc[c_end_tok - 1]) \
                and (self._as_label() or cue.allegation):
            return None  # 「建設中」として / 「見守り隊」として: a label (a noun phrase), not a statement
            # (a finite 「併存が基本」としている / 「遺憾」とした states a view, noun-final or not)
        if cue.kind == CueKind.SURU and not self.direct and not _is_predicate_end(doc[c_end_tok - 1]) and not any(
            _topic_particle(b) for b in buns if c_start_tok <= b.start and b.end <= c_end_tok
        ):
            return None  # …生命保険会社は対象外としている: a noun that only sets what something counts as; a view
            # ending in a noun states its own subject (名称変更は意識改革のためとしている)
        content = _phrase(doc, c_start_tok, c_end_tok)
        cue_start_tok, cue_end_tok = self._cue_span()
        cue_tokens = [doc[x] for x in range(cue_start_tok, cue_end_tok)]
        content_tail = [doc[x] for x in range(max(c_start_tok, c_end_tok - 6), c_end_tok)]
        hedged = self.unattributed or cue.hedged or _hedge_in(cue_tokens, cue=True) or _hedge_in(content_tail)
        speaker, sources = self.speaker, self.sources
        if self.unattributed:
            speaker, sources = None, []
            if cue.kind in (CueKind.PASSIVE, CueKind.EMERGE):
                # 起訴状によりますと、…とされています / 警察によりますと、…とみられます / …したとして罪に問われて
                # います: the source of the sentence states it (still hedged)
                by = _by_source(buns)
                # (not one a hearsay used up, nor one after the statement: …と見られ、Xによると、…)
                if by is not None and by.start >= doc[buns[self.floor].full_start].idx and by.end <= doc[c_start_tok].idx:
                    speaker = by.as_speaker()
                elif self.hearsay is not None and cue.allegation:
                    speaker = self.hearsay
        hedged = hedged or cue.kind == CueKind.EMERGE
        return Claim(speaker, sources, _phrase(doc, cue_start_tok, cue_end_tok), content, direct=self.direct,
                     hedged=bool(hedged))

    def _cue_span(self) -> tuple[int, int]:
        """The quotative particle joins the cue when nothing stands between them."""
        doc, cue, buns = self.doc, self.cue, self.buns
        cue_start_tok = cue.marker_start if cue.q == cue.first - 1 or cue.kind == CueKind.FINDING or cue.inline \
            or cue.np_first >= 0 or (
            cue.kind == CueKind.NOUN and cue.q == cue.first - 2 and _starts_with_suru(buns[cue.first - 1])
        ) else buns[cue.first].start
        cue_end_tok = buns[cue.last].end
        while cue_end_tok - 1 > cue_start_tok and (
            (_lemma(doc[cue_end_tok - 1]) == "と" and doc[cue_end_tok - 1].pos_ in ("ADP", "SCONJ"))
            or (doc[cue_end_tok - 1].pos_ == "SCONJ" and _lemma(doc[cue_end_tok - 1]) in vocab("clause_boundaries"))
        ):
            cue_end_tok -= 1  # …と供述していると(いう) / …と主張していますが
        return cue_start_tok, cue_end_tok


def _build_claim(doc: Doc, buns: list[_Bun], cue: Cue, lower: int, prev_main: Cue | None,
                 prev: Antecedent | None, hearsay: Part | None = None, floor: int = 0) -> Claim | None:
    """The claim of ``cue`` (its quotative attached), or None when it reports nothing."""
    return _ClaimBuilder(doc, buns, cue, lower, prev_main, prev, hearsay, floor).build()
