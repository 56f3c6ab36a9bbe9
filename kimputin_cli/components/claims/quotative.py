"""Quotative markers (と, という, との, とも, ことを, などと; よう for appeals) and the hearsay endings
…ということです / …とのことで、 / …という。"""
from __future__ import annotations

from spacy.tokens import Token

from .sentence import _Bun, _is_punct, _lemma
from .phrases import _pred_lemma


_KOTO_TAILS = {("を",), ("も",), ("など", "を"), ("など", "も")}


def _is_predicate_end(t: Token) -> bool:
    if t.tag_.startswith(("動詞", "形容詞", "助動詞", "形状詞-一般")):
        return True  # by the tag too: GiNZA's POS sometimes calls a verb a NOUN (踏み切る); a na-adjective
        # stem predicates with its copula dropped (…議論が必要と述べた)
    return t.text in ("」", "』") or (
        t.pos_ in ("VERB", "AUX", "ADJ", "PART") and not t.tag_.startswith("名詞")
    ) or (t.pos_ == "SCONJ" and _lemma(t) != "と")


def _quotative(b: _Bun, allow_noun: bool = False, directive: bool = False) -> int | None:
    """Token index where a quotative marker (と, という, との, とも, ことを, などと) starts, if b ends with one;
    with ``directive``, also よう / ように after a predicate (…警戒するよう呼びかけています)."""
    toks = [t for t in b.tokens if not _is_punct(t) or t.text in ("」", "』")]
    if not toks:
        return None
    lem = [_lemma(t) for t in toks]
    if directive:
        n = 2 if lem[-2:] == ["よう", "に"] else 1 if lem[-1] == "よう" else 0
        if n and len(toks) > n and _is_predicate_end(toks[-n - 1]):
            return toks[-n].i
    # the と of によると / によりますと opens a source, it does not close a quotation
    if any(lem[i] in ("よる", "依る", "因る") and lem[i - 1] == "に" for i in range(1, len(lem))):
        return None
    # ことを (…したことを明らかにした), 事を, ことも (…することも表明した), ことなどを
    for n in (3, 2):
        if len(toks) >= n and lem[-n] in ("こと", "事") and tuple(lem[-n + 1:]) in _KOTO_TAILS:
            return toks[-n].i
    for n in (2, 1):
        if len(toks) <= n:
            continue
        tail = lem[-n:]
        if tail in (["と", "いう"], ["と", "言う"], ["と", "の"], ["と", "も"]) or (n == 1 and tail == ["と"]):
            prev = toks[-n - 1]
            # 「…」などと / …するなどと: the marker starts at など
            if _lemma(prev) == "など":
                before = b.doc[prev.i - 1] if prev.i > 0 else None
                return prev.i if before is not None and _is_predicate_end(before) else None
            if _is_predicate_end(prev) or (n == 1 and "形状詞可能" in prev.tag_):
                return toks[-n].i  # (…議論が必要と述べた: a na-adjective noun, its copula dropped)
            # …変化するものと予測した: the marker starts at もの
            if n == 1 and _lemma(prev) in ("もの", "物") and prev.i > 0 and _is_predicate_end(b.doc[prev.i - 1]) \
                    and not _is_punct(b.doc[prev.i - 1]):
                return prev.i
            if allow_noun and n == 1 and prev.pos_ in ("NOUN", "PROPN") and _lemma(prev) != "など":
                return toks[-n].i  # …する構えとみられ / …沿ったものとみられます
            return None
    return None


def _bare_hearsay(b: _Bun) -> bool:
    """The cue is いう alone (…という。 / …ということです), a hearsay ending rather than a report verb."""
    return bool(b.content) and b.content[0].text in ("いう", "言う") and _pred_lemma(b) in ("言う", "いう")


def _koto_after(buns: list[_Bun], k: int) -> list[str] | None:
    """The lemmas of the bunsetu after k when k ends in と + いう/の and that one starts with こと
    (…ということです, …とのことで、), else None."""
    if not 0 <= k < len(buns) - 1 or buns[k].tail_lemmas[-2:] not in (("と", "いう"), ("と", "の")):
        return None
    nxt = [_lemma(t) for t in buns[k + 1].tokens if not _is_punct(t)]
    if nxt[:1] == ["事"]:
        nxt[0] = "こと"  # …方針との事。
    return nxt if nxt[:1] == ["こと"] else None


def _hearsay_koto(buns: list[_Bun], k: int) -> bool:
    """Bunsetu k ends in と + いう/の and only こと + です/だ follows (…という声も出ているということです)."""
    koto = _koto_after(buns, k) if k == len(buns) - 2 else None
    return koto is not None and set(koto[1:]) <= {"だ", "です", "た", "ます"}


def _mid_hearsay(buns: list[_Bun]) -> int | None:
    """Index of the こと of a hearsay that ends a clause inside the sentence (…ということで、 / …とのことで、)."""
    for j in range(len(buns) - 2):
        koto = _koto_after(buns, j)
        if koto is not None and koto[1:2] in (["で"], ["だ"]) and buns[j + 1].ends_with_comma \
                and _quotative(buns[j]) is not None:
            return j + 1
    return None


def _hearsay_sentence(buns: list[_Bun]) -> bool:
    """The sentence ends in a bare hearsay: …ということです / …とのことです / …という。"""
    if not buns:
        return False
    if _hearsay_koto(buns, len(buns) - 2):
        return True
    return _bare_hearsay(buns[-1]) and len(buns) >= 2 and buns[-2].tail_lemmas[-1:] == ("と",)
