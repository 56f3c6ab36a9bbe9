"""What one bunsetu is: a topic (Xは / Xも / Xが), a time, a future time, a connective, a clause boundary,
a predicate, a title, a report setting (記者会見で)."""
from __future__ import annotations


from ... import lexicon
from .vocab import vocab
from .sentence import _Bun, _is_punct, _lemma


# --------------------------------------------------------------------------- phrase tests
def _particles(b: _Bun) -> tuple[str, ...]:
    """The function words after the content, skipping a bracketed aside (井上さおりさん(58)は, 若松親方(元関脇)は)."""
    out, depth = [], 0
    for t in b.tail:
        if t.text in ("(", "（"):
            depth += 1
        elif t.text in (")", "）"):
            depth = max(0, depth - 1)
        elif depth == 0 and not _is_punct(t):
            if out and out[-1] in ("は", "も") and t.tag_.startswith("名詞"):
                break  # 事務総長は同日: a time word glued after the topic is not a particle
            out.append(_lemma(t))
    return tuple(out)


def _topic_particle(b: _Bun) -> str | None:
    """'は'/'も'/'が' when the bunsetu is a bare noun phrase marked only by it."""
    c = b.content
    if not c or not (c[-1].pos_ in ("NOUN", "PROPN", "PRON") or c[-1].tag_.startswith("名詞")):
        return None  # (the tag too: GiNZA's POS sometimes calls a katakana name a VERB)
    p = _particles(b)
    if len(p) == 1 and p[0] in ("は", "も", "が"):
        return p[0]
    return None


def _is_time(b: _Bun) -> bool:
    toks = [t for t in b.content]
    if not toks:
        return False
    timey = [
        t.pos_ == "NUM" or "助数詞" in t.tag_ or _lemma(t) in vocab("time_words") or t.text in vocab("time_words")
        or t.ent_type_ in ("Date", "Time", "DATE", "TIME")
        for t in toks
    ]
    if not all(timey):
        return False
    return set(_particles(b)) <= {"に"}


def _is_future(b: _Bun) -> bool:
    first = b.first
    return first is not None and (_lemma(first) in vocab("future_time_words") or first.text in vocab("future_time_words"))


def _is_connective(buns: list[_Bun], k: int) -> int:
    """Number of bunsetu from k that form a sentence-initial connective (0 if none)."""
    conn = vocab("connectives")
    text = ""
    for n in range(k, min(k + 3, len(buns))):
        text += buns[n].text
        if text in conn:
            return n - k + 1
        if buns[n].ends_with_comma:
            break
    first = buns[k].first
    if first is not None and first.pos_ == "CCONJ" and len(buns[k].content) == 1:
        return 1
    return 0


def _pred_lemma(b: _Bun) -> str | None:
    c = b.content
    if not c:
        return None
    return _lemma(c[0]) if len(c) == 1 else "".join(t.text for t in c)


def _starts_with_suru(b: _Bun) -> bool:
    f = b.first
    return f is not None and _lemma(f) == "する" and f.pos_ in ("VERB", "AUX")


def _is_boundary(b: _Bun) -> bool:
    """A clause that ends before a reported content: …が、 …ほか、 …一方で、"""
    if not b.ends_with_comma:
        return False
    if b.tail_lemmas[-2:] == ("いる", "て"):
        return True  # …を呼びかけていて、
    bounds = vocab("clause_boundaries")
    lem = [_lemma(t) for t in b.tokens if not _is_punct(t)]
    while lem and lem[-1] in ("で", "に", "は"):
        lem.pop()
    return bool(lem) and lem[-1] in bounds and len(lem) > 1 or (len(lem) == 1 and lem[0] in bounds and b.content and _lemma(b.content[0]) in bounds)


def _has_setting(b: _Bun) -> bool:
    st = vocab("report_settings")
    return any(_lemma(t) in st or t.text in st for t in b.content[-2:])


def _is_title(text: str) -> bool:
    return text in lexicon.prefixed_titles()
