"""Hedges: the words that make a claim uncertain, and the article's own hedged statements
(…する見通しです, …しそうだ) that no one is said to make."""
from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc, Token

from .model import Claim
from .vocab import vocab
from .sentence import _Bun, _is_punct, _lemma
from .phrases import _is_boundary, _is_connective
from .speaker import _phrase
from .cues import _negated


@lru_cache(maxsize=None)
def _content_hedges() -> frozenset[str]:
    return vocab("hedges") - vocab("content_stance_words")


def _hedge_in(tokens: list[Token], cue: bool = False) -> bool:
    """A hedge among ``tokens``: for a cue any hedge word (懸念を示した, 見方を示した); for the end of a content
    only the modal ones (…する可能性がある, …かもしれない, …とみられる), since 国務省が摩擦を懸念している states a
    concern as a fact (``content_stance_words.txt`` lists the words that hedge a cue only)."""
    h = vocab("hedges") if cue else _content_hedges()
    for t in tokens:
        if _lemma(t) in h and t.pos_ != "AUX" or (_lemma(t) in ("よう", "模様") and t.i == tokens[-1].i):
            return True
        if _lemma(t) == "か" and t.pos_ == "PART":
            return True
    return False


def _final_hedge(doc: Doc, buns: list[_Bun]) -> Claim | None:
    """…する見通しです / …した模様です / …可能性があります: the article's own hedged statement."""
    hedges = vocab("final_hedges")
    for k in range(len(buns) - 1, max(-1, len(buns) - 3), -1):
        b = buns[k]
        if not b.content or _lemma(b.content[0]) not in hedges or len(b.content) != 1:
            continue
        rest = buns[k + 1:]
        tail = b.tail_lemmas
        if k == len(buns) - 1:
            ok = set(tail) <= {"だ", "です", "た", "ます"}
        else:
            ok = tail in (("が",), ("も",)) and len(rest) == 1 and rest[0].content and \
                _lemma(rest[0].content[0]) in ("ある", "高い", "大きい", "強い", "出る", "高まる", "強まる")
            ok = ok and not _negated(rest[0])
        if not ok or k == 0:
            continue
        prev = buns[k - 1]
        last = [t for t in prev.tokens if not _is_punct(t)]
        if prev.ends_with_comma or not last or last[-1].pos_ not in ("VERB", "AUX", "ADJ"):
            continue  # the hedge noun must be modified by a clause (…する見通し)
        j, first = k - 1, k - 1
        while j >= 0:
            if _is_boundary(buns[j]) and j < k - 1:
                break
            first = j
            j -= 1
        n0 = _is_connective(buns, 0)
        first = max(first, n0)
        if first >= k:
            return None
        end_tok = b.content[0].i
        cue_end = max(t.i for t in buns[-1].tokens if not _is_punct(t)) + 1
        return Claim(None, [], _phrase(doc, end_tok, cue_end), _phrase(doc, buns[first].start, end_tok),
                     direct=False, hedged=True)
    return _conjecture(doc, buns)


def _conjecture(doc: Doc, buns: list[_Bun]) -> Claim | None:
    """…ねらいもありそうです / …難航しそうだ: a sentence-final conjecture そう (after the 連用形; the hearsay
    そう of …するそうです follows the 終止形 and is tagged apart), the article's own hedged statement."""
    toks = [t for t in buns[-1].tokens if not _is_punct(t)]
    for n, t in enumerate(toks):
        if t.text == "そう" and t.tag_ == "形状詞-助動詞語幹" and n > 0 \
                and set(_lemma(x) for x in toks[n + 1:]) <= {"だ", "です"}:
            break
    else:
        return None
    j, first = len(buns) - 1, len(buns) - 1
    while j >= 0:
        if _is_boundary(buns[j]) and j < len(buns) - 1:
            break
        first = j
        j -= 1
    first = max(first, _is_connective(buns, 0))
    end_tok = t.i
    if buns[first].start >= end_tok:
        return None
    return Claim(None, [], _phrase(doc, end_tok, toks[-1].i + 1), _phrase(doc, buns[first].start, end_tok),
                 direct=False, hedged=True)
