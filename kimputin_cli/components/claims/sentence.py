"""Sentences and their bunsetu (GiNZA's phrase units), with the token tests everything else uses.

Sentences are split by us (after 。！？ outside brackets, and at line breaks), so a quotation of several
sentences stays one claim; GiNZA's own boundaries split inside quotes."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from spacy.tokens import Doc, Token


_PUNCT_TAG_PREFIX = "補助記号"


_WS_TAG = "空白"


# --------------------------------------------------------------------------- token helpers
def _is_ws(t: Token) -> bool:
    return t.tag_.startswith(_WS_TAG) or t.text.isspace()


def _is_punct(t: Token) -> bool:
    return t.tag_.startswith(_PUNCT_TAG_PREFIX) or _is_ws(t)


def _is_comma(t: Token) -> bool:
    return t.text in ("、", ",", "，")


def _is_function(t: Token) -> bool:
    if t.tag_ == "補助記号-一般" and t.text in ("・", "＝", "=", "＆", "&", "-", "－"):
        return False  # ワシントン・ポスト, GDP=国内総生産: part of a name
    return t.pos_ in ("ADP", "AUX", "SCONJ", "PART", "PUNCT") or _is_punct(t)


def _is_proper(t: Token) -> bool:
    return "固有名詞" in t.tag_


def _is_katakana_word(t: Token) -> bool:
    s = t.text.replace("・", "").replace("ー", "")
    return bool(s) and all("\u30a0" <= c <= "\u30ff" for c in s)


def _lemma(t: Token) -> str:
    return t.lemma_ or t.text


# --------------------------------------------------------------------------- bunsetu model
@dataclass
class _Bun:
    """A bunsetu restricted to one sentence, with punctuation trimmed from its edges."""

    i: int  # index within the sentence
    start: int  # token index (inclusive), first non-punct token
    end: int  # token index (exclusive), after last non-punct token
    full_start: int
    full_end: int
    doc: Doc
    head_bun: int = -1  # index of the bunsetu its head token points into (-1: outside/root)

    @cached_property  # (read after _bunsetus has settled start and end)
    def tokens(self) -> list[Token]:
        return [self.doc[k] for k in range(self.start, self.end)]

    @property
    def text(self) -> str:
        return self.doc[self.start:self.end].text if self.end > self.start else ""

    @property
    def ends_with_comma(self) -> bool:
        return any(_is_comma(self.doc[k]) for k in range(self.end, self.full_end))

    @cached_property
    def content(self) -> list[Token]:
        """Leading content tokens (up to the first function word after a content word)."""
        out: list[Token] = []
        toks = self.tokens
        n = 0
        while n < len(toks):
            t = toks[n]
            if out and t.text in ("(", "（"):
                # 大リーグ機構（MLB）関係者: a bracketed alias inside a noun phrase that goes on after it
                close = next((x for x in range(n + 1, len(toks)) if toks[x].text in (")", "）")), None)
                if close is not None and close + 1 < len(toks) and toks[close + 1].tag_.startswith("名詞") \
                        and not _is_function(toks[close + 1]):
                    n = close + 1
                    continue
            if _is_function(t) and out:
                break
            if _is_function(t) and t.pos_ != "PUNCT":
                n += 1
                continue
            out.append(t)
            n += 1
        return out

    @property
    def tail(self) -> list[Token]:
        """Function tokens after the content."""
        c = self.content
        if not c:
            return self.tokens
        return [t for t in self.tokens if t.i > c[-1].i]

    @property
    def tail_lemmas(self) -> tuple[str, ...]:
        return tuple(_lemma(t) for t in self.tail if not _is_punct(t))

    @property
    def first(self) -> Token | None:
        for t in self.tokens:
            if not _is_punct(t):
                return t
        return None


_OPEN = "「『（(“"


_CLOSE = "」』）)”"


_FINAL = "。！？!?"


_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n")


def _closes_soon(doc: Doc, k: int, lines: int = 6) -> bool:
    """A closing 」 within the next few lines from token k (a quotation of several sentences, one a line, as
    real articles print it), before any opening 「 or a paragraph break."""
    for x in range(k, min(len(doc), k + 600)):
        t = doc[x]
        if _is_ws(t) and "\n" in t.text:
            lines -= t.text.count("\n")
            if lines <= 0 or _PARAGRAPH_BREAK.search(t.text):
                return False
            continue
        if t.text in ("「", "『"):
            return False
        if t.text in ("」", "』"):
            return True
    return False


def _sentences(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of sentences: split after 。！？ outside brackets and at line breaks.

    GiNZA's own sentence boundaries are not used: they split inside quotes (「…。…」) and
    occasionally inside a name (木原稔 | 防衛大臣は…)."""
    out = []
    s, depth = 0, 0
    for k, t in enumerate(doc):
        if _is_ws(t):
            # line breaks end a sentence (unless a quotation closes on the next line);
            # so do the spaces that separate headline phrases
            if "\n" in t.text and depth > 0 and _closes_soon(doc, k + 1):
                continue
            if "\n" in t.text or depth == 0:
                if k > s:
                    out.append((s, k))
                s, depth = k + 1, (0 if "\n" in t.text else depth)
            continue
        if t.whitespace_ and depth == 0 and k + 1 < len(doc):
            out.append((s, k + 1))
            s = k + 1
            continue
        if t.text in _OPEN:
            depth += 1
        elif t.text in _CLOSE:
            depth = max(0, depth - 1)
        elif t.text in _FINAL and depth == 0:
            nxt = k + 1
            while nxt < len(doc) and doc[nxt].text in _CLOSE:
                nxt += 1
            out.append((s, nxt))
            s = nxt
    if s < len(doc):
        out.append((s, len(doc)))
    res = []
    for a, b in out:
        while a < b and _is_ws(doc[a]):
            a += 1
        if a < b and doc[a].text == "【":  # a dateline (【ワシントン共同】) is no part of the sentence
            close = next((x for x in range(a, min(b, a + 15)) if doc[x].text == "】"), None)
            if close is not None:
                a = close + 1
        while b > a and _is_ws(doc[b - 1]):
            b -= 1
        if b > a:
            res.append((a, b))
    return res


_LABELS_KEY = ("kp_claims", "bunsetu_bi_labels")


def _bunsetus(doc: Doc, s: int, e: int) -> list[_Bun]:
    import ginza

    labels = doc.user_data.get(_LABELS_KEY)
    if labels is None:  # once per doc, not per sentence
        try:
            labels = ginza.bunsetu_bi_labels(doc)
        except Exception:  # no bunsetu recognizer: one bunsetu per token
            labels = ["B"] * len(doc)
        doc.user_data[_LABELS_KEY] = labels
    # an opening quote always starts a bunsetu (GiNZA sometimes glues 山田さん(45)は「驚いた」と into one)
    # and so does the word after a comma (a parse that glues 新聞によれば、軍が into one phrase), unless it is a
    # particle (…得ない、としている: と goes on) or the comma is inside round brackets (10日(現地時間、UTC)までに)
    paren, after_comma = 0, set()
    for k in range(s, e):
        paren = paren + 1 if doc[k].text in ("(", "（") else max(0, paren - 1) if doc[k].text in (")", "）") else paren
        if k + 1 < e and doc[k].text in ("、", "，") and not paren and not _is_punct(doc[k + 1]) \
                and doc[k + 1].pos_ not in ("ADP", "AUX", "SCONJ", "PART"):
            after_comma.add(k + 1)
    starts = [k for k in range(s, e) if k == s or labels[k] == "B" or doc[k].text in ("「", "『") or k in after_comma]
    buns = []
    for n, bs in enumerate(starts):
        be = starts[n + 1] if n + 1 < len(starts) else e
        a, b = bs, be
        while a < b and _is_punct(doc[a]):
            a += 1
        while b > a and _is_punct(doc[b - 1]) and doc[b - 1].text not in ("」", "』"):
            b -= 1
        buns.append(_Bun(i=0, start=a, end=b, full_start=bs, full_end=be, doc=doc))
    buns = [b for b in buns if b.end > b.start or b.full_end > b.full_start]
    # keep bunsetu that are only punctuation (e.g. a lone 、) merged into the previous one
    merged: list[_Bun] = []
    for b in buns:
        if b.end <= b.start and merged:
            merged[-1].full_end = b.full_end
            continue
        if merged and all(doc[x].pos_ == "ADP" for x in range(b.start, b.end)) \
                and doc[merged[-1].end - 1].text in ("」", "』"):
            merged[-1].end, merged[-1].full_end = b.end, b.full_end  # 「…」 + a lone と: one bunsetu
            continue
        if b.end <= b.start:
            continue
        merged.append(b)
    tok2bun = {}
    for n, b in enumerate(merged):
        b.i = n
        for k in range(b.full_start, b.full_end):
            tok2bun[k] = n
    for b in merged:
        hb = -1
        for t in b.tokens:
            if t.head.i not in range(b.full_start, b.full_end) or t.head.i == t.i:
                hb = tok2bun.get(t.head.i, -1) if t.head.i != t.i else -1
                break
        b.head_bun = hb
    return merged


def _bun_of(buns: list[_Bun], tok: int) -> int:
    for b in buns:
        if b.full_start <= tok < b.full_end:
            return b.i
    return -1


def _bare_quote(doc: Doc, s: int, e: int) -> tuple[int, int] | None:
    """(open, close) token indices if the sentence is only a quotation 「…」(。)"""
    toks = [k for k in range(s, e) if not (doc[k].text in _FINAL or _is_ws(doc[k]))]
    if len(toks) < 3 or doc[toks[0]].text not in ("「", "『") or doc[toks[-1]].text not in ("」", "』"):
        return None
    depth = 0
    for k in toks:
        if doc[k].text in _OPEN:
            depth += 1
        elif doc[k].text in _CLOSE:
            depth -= 1
            if depth == 0 and k != toks[-1]:
                return None
    return toks[0], toks[-1]


def _bracket_depths(doc: Doc, s: int, e: int) -> list[int]:
    out, d = [], 0
    for k in range(s, e):
        if doc[k].text in ("「", "『"):
            out.append(d)
            d += 1
        elif doc[k].text in ("」", "』"):
            d = max(0, d - 1)
            out.append(d)
        else:
            out.append(d)
    return out


def _tok_end(doc: Doc, d) -> int:
    """The token index after a Span or Part."""
    return doc.char_span(d.start, d.end, alignment_mode="expand").end
