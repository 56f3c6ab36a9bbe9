"""What belongs to a report rather than to its content: the frame around a quotative (time, place,
addressee, 記者会見で), subjects and sources left of the content, partial quotes."""
from __future__ import annotations

from .model import Cue
from .vocab import STORY, source_class, vocab
from .sentence import _Bun, _bun_of, _is_punct, _lemma
from .phrases import _has_setting, _is_boundary, _pred_lemma, _topic_particle
from .speaker import _is_agent
from .sources import _source_match


def _publishes(buns: list[_Bun], cue: Cue, j: int) -> bool:
    """…とする研究結果を…に発表した: the noun the とする clause modifies is the object of a report verb whose
    subject is bunsetu j."""
    noun = buns[cue.last].head_bun
    verb = buns[noun].head_bun if 0 <= noun < len(buns) else -1
    if verb < 0 or buns[j].head_bun != verb or not buns[noun].tail_lemmas[-1:] == ("を",):
        return False
    return _pred_lemma(buns[verb]) in vocab("report_verbs")


def _partial_quote(buns: list[_Bun], open_tok: int) -> bool:
    """「 continues a clause (日本が協力すれば「大きな成果が得られる」と / …をにらんだ「二面作戦」との): the quote
    is only the end of an indirect content, not the whole of a direct one."""
    doc = buns[0].doc
    if open_tok <= buns[0].full_start:
        return False
    prev = doc[open_tok - 1]
    if _is_punct(prev):
        return False
    k = _bun_of(buns, open_tok - 1)
    if k >= 0 and (buns[k].tail_lemmas in _OBLIQUE_TAILS or _source_match(buns[k], buns) is not None):
        return False  # 記者団に対し「…」と / 弁護士を通じ「…」と
    return prev.pos_ in ("VERB", "AUX", "ADJ", "SCONJ") or (prev.pos_ == "ADP" and _lemma(prev) == "の")


def _subject_or_source_left(buns: list[_Bun], lower: int, j: int) -> bool:
    """An agent subject (Xは / Xも / Xが、) or a source phrase in the same clause left of bunsetu j."""
    for x in range(j - 1, lower - 1, -1):
        sm = _source_match(buns[x], buns)
        # Xの話として、Yは… : Y is content.  (Xによると、Yは…と述べた : Y speaks, X is a source)
        if sm is not None and source_class(sm[0]) == STORY:
            return True
    for x in range(j - 1, lower - 1, -1):
        b = buns[x]
        if _is_boundary(b):
            return False
        tp = _topic_particle(b)
        if tp and _is_agent(b.content) and (tp in ("は", "も") or b.ends_with_comma):
            return True
    return False


_LOCUS_TAILS = {("に", "は"), ("から", "は"), ("から", "も"), ("に", "も"), ("で", "は"), ("で", "も")}


_OBLIQUE_TAILS = {("で",), ("に",), ("から",), ("に", "対する"), ("に", "対して"), ("で", "は"), ("に", "は"),
                  ("から", "は"), ("に", "おく", "て"), ("を", "めぐる"), ("に", "つく", "て"),
                  ("に", "つく", "て", "は"), ("を", "めぐる", "て"), ("を", "めぐる", "て", "は")}


def _skip_report_oblique(buns: list[_Bun], k: int, q: int, cue: Cue, setting_only: bool = False) -> int | None:
    """If the phrase starting at bunsetu k belongs to the report rather than to its content
    (記者会見で、 / 声明を発表し、 / 記者団に対し、), the index of the bunsetu after it."""
    b = buns[k]
    if _has_setting(b):
        tail = b.tail_lemmas
        if tail[-1:] in (("で",), ("に",), ("対する",), ("て",)) or tail[-2:] in (("で", "は"), ("に", "は")):
            return k + 1
        if tail == ("を",) and k + 1 < q and buns[k + 1].content and buns[k + 1].content[0].pos_ == "VERB" \
                and buns[k + 1].ends_with_comma:
            return k + 2
    if b.ends_with_comma and b.tail_lemmas in (("に", "対する"), ("に", "対する", "て")) and _is_agent(b.content):
        return k + 1  # 関係筋は共同通信に対し、…と明らかにした: the addressee of the report
    for m in range(k, min(q, k + 6)):
        if buns[m].ends_with_comma and _pred_lemma(buns[m]) in ("応じる", "応ずる", "応える"):
            return m + 1  # 匿名を条件に共同通信の取材に応じ、…: how the report was given
        if buns[m].ends_with_comma:
            break
    if b.tail_lemmas == ("の",) and k + 1 < q:
        r = _skip_report_oblique(buns, k + 1, q, cue, setting_only=True)
        if r is not None:
            return r
    if setting_only:
        return None
    m = k
    while m < buns[m].head_bun < q:
        m = buns[m].head_bun
    if m >= q or buns[m].head_bun < cue.first or not buns[m].ends_with_comma:
        return None
    tail = buns[m].tail_lemmas
    if any(tail[-len(t):] == t for t in _OBLIQUE_TAILS if len(tail) >= len(t)):
        return m + 1
    return None
