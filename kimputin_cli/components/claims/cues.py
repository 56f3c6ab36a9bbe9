"""Cues: the words that report a claim, one detector per kind in a table (``_DETECTORS``), and the quotative
each cue takes.

Kinds: a reporting predicate (``report_verbs.txt``), a stance or feeling noun with a light verb (見方を示す,
``cue_nouns.txt`` + ``light_verbs.txt``), とする, an agentless passive (とみられる, とされる), an agentless
emergence (見方が出ている), a finding (ことが分かった), an investigators' view (とみて調べている), or an
allegation (…したとして逮捕された: とする under a passive main verb).
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from .model import Cue, CueKind
from .vocab import vocab
from .sentence import _Bun, _is_punct, _lemma
from .phrases import _particles, _pred_lemma, _starts_with_suru
from .quotative import _hearsay_koto, _quotative


def _inline_suru(b: _Bun) -> int | None:
    """Token index of と when a bunsetu holds …と + する (「…」として, …だとした) after a predicate."""
    toks = [t for t in b.tokens if not _is_punct(t) or t.text in ("」", "』")]
    for n in range(1, len(toks) - 1):
        t, nx = toks[n], toks[n + 1]
        if _lemma(t) == "と" and t.pos_ in ("ADP", "SCONJ") and _lemma(nx) == "する":
            if [_lemma(x) for x in toks[n + 2:n + 4]] == ["て", "も"]:
                return None  # …だとしても: concessive
            prev = toks[n - 1]
            if prev.text in ("」", "』") or (prev.pos_ in ("VERB", "AUX") and not prev.tag_.startswith("名詞")) or (
                prev.pos_ == "ADJ" and prev.tag_.startswith("形容詞")
            ):
                return t.i  # not 判決を不服として (a noun stem + として)
    return None


def _light_after(buns: list[_Bun], k: int) -> int | None:
    """Index of the light verb after stance noun k, allowing one adverb between (立場を 改めて 示した)."""
    light = vocab("light_verbs")
    for v in (k + 1, k + 2):
        if v >= len(buns):
            return None
        if _pred_lemma(buns[v]) in light:
            return v
        f = buns[v].first
        if f is None or f.pos_ != "ADV" or buns[v].tail_lemmas:
            return None
    return None


def _negated(b: _Bun, after: int = -1) -> bool:
    """Negated (発表していません) or an instruction/purpose (…と説明するよう) rather than a report.
    ``after``: only tokens after this index count (「容認できない」として: the quote's ない is not the cue's)."""
    return any(
        ((_lemma(t) in ("ない", "ぬ", "ず") and t.pos_ == "AUX") or (_lemma(t) == "よう" and t.pos_ == "AUX"))
        and t.i > after
        for t in b.tail
    )


def _passive(b: _Bun, after: int = -1) -> bool:
    return any(_lemma(t) in ("れる", "られる") and t.i > after for t in b.tail)


def _adnominal(b: _Bun, buns: list[_Bun]) -> bool:
    """The cue predicate modifies a following noun (relative clause)."""
    last = [t for t in b.tokens if not _is_punct(t)][-1]
    if b.ends_with_comma or last.text in ("。",):
        return False
    for t in b.tokens:
        if t.dep_ == "acl" and t.head.i not in range(b.start, b.end):
            if _lemma(t.head) in vocab("clause_boundaries"):
                return False  # …示しているほか、
            return t.head.pos_ in ("NOUN", "PROPN", "PRON") and t.head.i > t.i
    return False


@dataclass
class _At:
    """The bunsetu a detector looks at."""

    buns: list[_Bun]
    k: int

    @property
    def b(self) -> _Bun:
        return self.buns[self.k]

    @property
    def lem(self) -> str | None:
        return _pred_lemma(self.b)

    @property
    def c0(self) -> Token:
        return self.b.content[0]

    @property
    def nxt(self) -> _Bun | None:
        return self.buns[self.k + 1] if self.k + 1 < len(self.buns) else None

    def quotative_before(self, allow_noun: bool = False) -> bool:
        return self.k > 0 and _quotative(self.buns[self.k - 1], allow_noun=allow_noun) is not None


# A detector returns a Cue, None when the bunsetu is not its kind (the next detector tries), or _TAKEN when the
# bunsetu is its kind but gives no cue (no later detector tries).
_TAKEN = object()


def _inline_cue(at: _At):
    """…必要だ」として / …だとした: と + する inside one bunsetu after a predicate."""
    m = _inline_suru(at.b)
    return Cue(at.k, at.k, CueKind.SURU, inline=True, marker_start=m) if m is not None else None


def _stance_noun(at: _At):
    """A stance noun + light verb: 見方を示す, 懸念を表明する, 考えを明らかにする."""
    buns, k = at.buns, at.k
    if not (at.lem in vocab("cue_nouns") and _particles(at.b) in (("を",), ("も",)) and at.nxt is not None
            and _light_after(buns, k) is not None):
        return None
    v = _light_after(buns, k)
    last = v
    if _pred_lemma(buns[v]) in ("明らか", "口") and v + 1 < len(buns) and _starts_with_suru(buns[v + 1]):
        last = v + 1
    return Cue(k, last, CueKind.NOUN)


def _emergence(at: _At):
    """An agentless emergence: 見方が出ている, 声が上がっている, …おそれも指摘されています; …との声も。 with its verb
    left out at the end of the sentence."""
    lem, nxt, p = at.lem, at.nxt, _particles(at.b)
    if lem in vocab("emerge_nouns") and p == ("も",) and nxt is None:
        return Cue(at.k, at.k, CueKind.EMERGE)
    if not ((lem in vocab("emerge_nouns") or lem in vocab("final_hedges")) and p in (("が",), ("も",))
            and nxt is not None):
        return None
    after = at.buns[at.k + 2] if at.k + 2 < len(at.buns) else None
    hearsay = nxt.tail_lemmas[-2:] in (("と", "いう"), ("と", "の"))  # (…声も出ているということです)
    if not hearsay and (any(_lemma(t) in ("こと", "事") for t in nxt.tail) or (
        after is not None and not nxt.ends_with_comma and after.content and _lemma(after.content[0]) in ("こと", "事")
    )):
        return _TAKEN  # …可能性があったことも見落としていた: a possibility named inside a clause, not stated
    if _pred_lemma(nxt) in vocab("emerge_verbs") or (
        (_pred_lemma(nxt) in vocab("report_verbs") or _pred_lemma(nxt) in vocab("hedge_verbs")) and _passive(nxt)
    ):
        return Cue(at.k, at.k + 1, CueKind.EMERGE)
    return _TAKEN


def _finding(at: _At):
    """…ことが関係者への取材でわかりました."""
    if at.lem in ("わかる", "分かる", "判明") and at.c0.pos_ in ("VERB", "NOUN"):
        return Cue(at.k, at.k, CueKind.FINDING)
    return None


def _akiraka(at: _At):
    """明らかにする."""
    if at.lem == "明らか" and at.nxt is not None and _starts_with_suru(at.nxt):
        return Cue(at.k, at.k + 1, CueKind.VERB)
    return None


def _to_suru(at: _At):
    """とする (としています, としたうえで), とされる; after a noun only when finite and no object is set as it
    (名称変更は意識改革のためとしている, not 本社を東京としている nor 判決を不服として)."""
    if not (_starts_with_suru(at.b) and at.k > 0 and _lemma(at.buns[at.k - 1].tokens[-1]) == "と"):
        return None
    if at.b.tail_lemmas[-2:] == ("て", "も"):
        return _TAKEN  # …科されるとしても: concessive (even if), no report
    if at.quotative_before():
        return Cue(at.k, at.k, CueKind.SURU)
    if at.quotative_before(allow_noun=True) and _finite(at.b) and not _adnominal(at.b, at.buns) and not any(
        _particles(x) == ("を",) and x.head_bun in (at.k - 1, at.k) for x in at.buns[:at.k - 1]
    ):
        return Cue(at.k, at.k, CueKind.SURU)
    return None


def _finite(b: _Bun) -> bool:
    """The predicate is finite or goes on (している, した, しており), not て alone (として) nor a noun's modifier."""
    tail = b.tail_lemmas
    return bool(set(tail) & {"いる", "おる", "た", "ます", "だ", "です"})


def _view(at: _At):
    """警察は、…とみている: an active みる after a quotative is the subject's hedged view; …とみて調べています:
    the investigators' (…とみて身元の確認を進めています)."""
    b, k = at.b, at.k
    if _lemma(at.c0) not in ("みる", "見る"):
        return None
    if not _passive(b) and at.quotative_before() and "て" in b.tail_lemmas and "いる" in b.tail_lemmas:
        return Cue(k, k, CueKind.VERB, hedged=True)
    if b.tail_lemmas == ("て",) and k < b.head_bun < len(at.buns) \
            and _pred_lemma(at.buns[b.head_bun]) in vocab("inquiry_verbs") and at.quotative_before(allow_noun=True):
        return Cue(k, b.head_bun, CueKind.VERB, hedged=True)
    return None


def _report_verb(at: _At):
    """A reporting verb (述べた, 発表した; 体言止め 泉氏は「…」と指摘。), or a hedge verb in the passive."""
    b, k, c0, lem = at.b, at.k, at.c0, at.lem
    reports = vocab("report_verbs")
    if not ((c0.pos_ in ("VERB", "NOUN") or c0.tag_.startswith("動詞"))
            and (lem in reports or _lemma(c0) in reports or lem in vocab("hedge_verbs"))):
        return None
    if c0.pos_ == "NOUN" and not any(_lemma(t) == "する" for t in b.tail):
        if not (k == len(at.buns) - 1 and not b.tail_lemmas and len(b.content) == 1):
            return _TAKEN
    if lem not in reports and _lemma(c0) not in reports and not _passive(b):
        return _TAKEN  # みる / 考える only count in the passive
    cue = Cue(k, k, CueKind.VERB)
    if b.tail_lemmas == ("に",) and at.nxt is not None and _pred_lemma(at.nxt) in ("とどめる", "留める"):
        cue.last = k + 1  # …と述べるにとどめました
    return cue


# tried in this order; the first that claims a bunsetu decides
_DETECTORS = (_inline_cue, _stance_noun, _emergence, _finding, _akiraka, _to_suru, _view, _report_verb)


def _detect(buns: list[_Bun], k: int) -> Cue | None:
    at = _At(buns, k)
    for detector in _DETECTORS:
        cue = detector(at)
        if cue is _TAKEN:
            return None
        if cue is not None:
            return cue
    return None


def _settle(cue: Cue, buns: list[_Bun]) -> Cue | None:
    """A detected cue, its kind settled by what follows it; None when negated (発表していません)."""
    last_b = buns[cue.last]
    after = cue.marker_start if cue.inline else -1
    if _negated(last_b, after=after):
        return None
    if cue.kind in (CueKind.VERB, CueKind.SURU) and _passive(last_b, after=after):
        cue.kind = CueKind.PASSIVE
    elif cue.kind == CueKind.SURU and 0 <= last_b.head_bun < len(buns) and _passive(buns[last_b.head_bun]) \
            and not _adnominal(buns[last_b.head_bun], buns):
        # …を着服したとして罪に問われています / …として逮捕されました: an allegation whose agent is unnamed
        cue.kind, cue.allegation = CueKind.PASSIVE, True
    # …と容疑を認めているということです: という + こと closing the sentence is hearsay, not a noun modified
    cue.adnominal = _adnominal(last_b, buns) and not (cue.kind != CueKind.VERB and _hearsay_koto(buns, cue.last))
    return cue


def _find_cues(buns: list[_Bun]) -> list[Cue]:
    """The cues of a sentence, left to right; a bunsetu belongs to one cue at most."""
    cues: list[Cue] = []
    used: set[int] = set()
    for k, b in enumerate(buns):
        if k in used or not b.content:
            continue
        cue = _detect(buns, k)
        cue = _settle(cue, buns) if cue is not None else None
        if cue is not None:
            cues.append(cue)
            used.update(range(cue.first, cue.last + 1))
    return cues


def _attach_quotative(cue: Cue, buns: list[_Bun], lower: int) -> bool:
    """Find the bunsetu with the quotative marker before the cue; record frame bunsetu between."""
    j = cue.first - 1 if not cue.inline else cue.first
    frame: list[int] = []
    directive = cue.kind == CueKind.VERB and _pred_lemma(buns[cue.first]) in vocab("directive_verbs")
    max_gap = 0 if cue.kind in (CueKind.NOUN, CueKind.EMERGE, CueKind.SURU) else 4
    if (cue.kind == CueKind.NOUN or (cue.kind == CueKind.EMERGE and _pred_lemma(buns[cue.first]) in vocab("final_hedges"))) \
            and j >= lower and _quotative(buns[j]) is None:
        # …拡充する方針を示しました: an adnominal clause directly before the stance noun
        b = buns[j]
        last = [t for t in b.tokens if not _is_punct(t)]
        if last and not b.ends_with_comma and last[-1].pos_ in ("VERB", "AUX", "ADJ") and any(
            t.head.i in range(buns[cue.first].start, buns[cue.first].end) for t in b.tokens
        ) and (not all(x.pos_ == "ADJ" for x in b.content) or any(x.head_bun == j for x in buns[lower:j])):
            # (a bare adjective, 慎重な姿勢を示す / 強い懸念を示す, states no proposition)
            cue.q, cue.marker_start, cue.frame = j, buns[cue.first].start, []
            m = _inline_suru(b)  # …判断すべきだとする判断を示した: the content stops before とする
            if m is not None:
                cue.marker_start = m
            elif _starts_with_suru(b) and j - 1 >= lower and _quotative(buns[j - 1]) is not None:
                cue.q, cue.marker_start = j - 1, _quotative(buns[j - 1])  # …だと | する | 判断を示した
            return True
        return cue.kind == CueKind.NOUN and _np_stance(cue, buns, lower)
    if cue.kind == CueKind.FINDING:
        while j >= lower and len(frame) <= 3:
            toks = [t for t in buns[j].tokens if not _is_punct(t)]
            if len(toks) >= 2 and [_lemma(t) for t in toks[-2:]] == ["こと", "が"]:
                cue.q, cue.marker_start, cue.frame = j, toks[-2].i, list(reversed(frame))
                return True
            frame.append(j)
            j -= 1
        return False
    while j >= lower:
        b = buns[j]
        # (…男性とみて: a view may end in a noun; so may a とする that _to_suru let through: 原因は老朽化としている)
        m = _quotative(b, allow_noun=cue.kind in (CueKind.PASSIVE, CueKind.SURU) or cue.hedged, directive=directive) \
            if not cue.inline else cue.marker_start
        if cue.inline:
            j = b.i
        if m is not None:
            doc = b.doc
            if cue.kind in (CueKind.NOUN, CueKind.EMERGE) and _lemma(doc[m]) == "こと":
                return False
            cue.q, cue.marker_start, cue.frame = j, m, list(reversed(frame))
            prev = doc[m - 1] if m - 1 >= b.start else None
            if prev is not None and prev.text in ("」", "』"):
                depth, x = 0, prev.i
                sent_start = buns[0].full_start
                while x >= sent_start:
                    if doc[x].text in ("」", "』"):
                        depth += 1
                    elif doc[x].text in ("「", "『"):
                        depth -= 1
                        if depth == 0:
                            cue.direct_open = x
                            break
                    x -= 1
            return True
        if len(frame) >= max_gap:
            break
        frame.append(j)
        j -= 1
    return cue.kind == CueKind.VERB and not cue.inline and _np_object(cue, buns, lower)


def _reaches(buns: list[_Bun], x: int, j: int) -> bool:
    """Bunsetu x depends, directly or through bunsetu between them, on bunsetu j (x < j)."""
    h = x
    while h != j:
        h = buns[h].head_bun
        if h <= x - 1 or h > j or h < 0:
            return False
    return True


def _np_start(buns: list[_Bun], j: int, lower: int) -> int:
    """The first bunsetu of the noun phrase that ends at bunsetu j: its modifiers, contiguous on its left."""
    x = j
    while x - 1 >= lower and _reaches(buns, x - 1, j) and buns[x - 1].content and not _case_on_noun(buns, x - 1):
        x -= 1
    return x


def _case_on_noun(buns: list[_Bun], x: int) -> bool:
    """Bunsetu x ends in a case particle (に, で, から) yet the parse hangs it on a noun: a misparse of a phrase
    that belongs to the verb (ウェブページ上に…進捗状況を発表した), not a modifier of the noun phrase."""
    tail = buns[x].tail_lemmas
    h = buns[x].head_bun
    if not tail or tail[-1] in ("の",) or not 0 <= h < len(buns):
        return False
    head_last = [t for t in buns[h].content][-1:]
    return tail[-1] in ("に", "で", "から", "へ", "と", "を", "が", "は", "も") and bool(head_last) \
        and head_last[0].pos_ in ("NOUN", "PROPN", "NUM") and not buns[h].tail_lemmas[-1:] == ("だ",)


def _object_marker(b: _Bun) -> int | None:
    """Token index of the を ending bunsetu b when b is a noun phrase + を (最終結果を, 「…」を)."""
    c = b.content
    if not c or _particles(b) != ("を",) or not (c[-1].pos_ in ("NOUN", "PROPN", "NUM") or c[-1].tag_.startswith("名詞")):
        return None
    return next((t.i for t in b.tail if _lemma(t) == "を"), None)


def _bare_statement_noun(buns: list[_Bun], first: int, j: int) -> bool:
    """声明を発表した / これを明らかにした / 対策を発表した: an object that only names the statement or its
    topic, not what it says."""
    c = buns[j].content
    if _lemma(c[-1]) in vocab("document_nouns"):
        return True  # …人権侵害に関する報告書を明らかにした: a document, not what it says
    if first < j:
        return False
    # (首相は対策を発表した: one bare word says what was announced about, not what was announced)
    return len(c) == 1 or c[-1].pos_ == "PRON" or _lemma(c[-1]) in vocab("document_nouns") \
        or _lemma(c[-1]) in vocab("statement_nouns")


def _np_object(cue: Cue, buns: list[_Bun], lower: int) -> bool:
    """政府は新たな制裁措置を発表した: no quotative, and the object noun phrase of a reporting verb
    (``np_report_verbs.txt``) is the content; the cue starts at を (を発表した), the claim is indirect."""
    v = buns[cue.first]
    if _pred_lemma(v) not in vocab("np_report_verbs") or (v.content[0].pos_ == "NOUN" and not v.tail_lemmas):
        return False  # (松井選手が現役引退を表明: a headline's 体言止め names an event, it reports nothing)
    cue_range = range(cue.first, cue.last + 1)
    j, frame = cue.first - 1, []
    while j >= lower and len(frame) <= 2:
        b = buns[j]
        if b.head_bun not in cue_range:
            return False
        m = _object_marker(b)
        if m is not None and not b.ends_with_comma:
            first = _np_start(buns, j, lower)
            if _bare_statement_noun(buns, first, j):
                return False
            cue.q, cue.marker_start, cue.frame, cue.np_first = j, m, list(reversed(frame)), first
            return True
        if _particles(b) == ("を",) or _quotative(b) is not None:
            return False
        frame.append(j)  # 計画を正式に発表した / 計画を27日、発表した
        j -= 1
    return False


def _np_stance(cue: Cue, buns: list[_Bun], lower: int) -> bool:
    """総辞職の意向を表明した: a stance noun (``np_cue_nouns.txt``) modified by a noun phrase with の; the
    whole noun phrase is the content and the cue starts at を (を表明した)."""
    k, j = cue.first, cue.first - 1
    b = buns[k]
    if _pred_lemma(b) not in vocab("np_cue_nouns") or j < lower or cue.last <= k:
        return False
    mod = buns[j]
    if mod.ends_with_comma or mod.head_bun != k or not mod.tail_lemmas or mod.tail_lemmas[-1] != "の" \
            or mod.tail_lemmas[-2:] == ("と", "の") or _object_marker(b) is None:
        return False
    cue.q, cue.marker_start, cue.frame = k, _object_marker(b), []
    cue.np_first, cue.first = _np_start(buns, k, lower), k + 1
    return True
