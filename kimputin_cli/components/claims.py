"""Attributed claims: who said what, through whom, and how sure.

``find_claims(doc)`` reads a GiNZA-parsed ``Doc`` and returns one dict per reported
proposition (issue 3's Claim shape without ``id``; ``entity`` is left ``None`` for the
assembler to link by offsets).

The rules work on bunsetu (GiNZA's phrase units) and token attributes:

1. *Cues*: a reporting predicate (``report_verbs.txt``), a stance or feeling noun with a light
   verb (見方を示す, と胸を張った, ``cue_nouns.txt`` + ``light_verbs.txt``), ``とする``, an
   agentless passive (とみられる, とされる, と指摘され), an agentless emergence (見方が出ている,
   見方が大勢だ), a finding (ことが分かった), an investigators' view (とみて調べている, とみている),
   or an allegation (…したとして逮捕された: とする under a passive main verb).
2. *Quotative*: the cue must be preceded by a quotative complement ending in と, という,
   との, ことを, 「…」と, or よう for appeals (``directive_verbs.txt``: 警戒するよう呼びかけた),
   possibly separated from the cue by frame phrases (time, を通じて, a subject placed after
   the quote). A quote that continues a clause (日本が協力すれば「…」と) is a partial quote: the
   content is indirect and runs back to the speaker.
3. *Content*: scanning backwards from the quotative over bunsetu until the speaker,
   a source phrase (の話として, によると), the previous report of the same sentence or,
   for unattributed claims, a clause boundary (…が、 …ほか、). Past times and the addressee
   (記者団に対し) after the speaker belong to the report; future times (あすにかけて) to the content.
4. *Speaker*: the first agent-like subject (proper noun, organization/title head, named
   entity, people counted, the topic the parser makes subject of the report) of the clause,
   joined conjuncts (警察や消防), a subject placed between the quote and the cue, X of
   「Xによると」 / 「Xへの取材で」 / 「Xの調査で」, the agent of a passive report (Xから…と言われ),
   an agent locus (専門家からは / 関係者の間では…との声), the previous report's speaker for a
   second report of the same subject or for a following sentence with no subject (そのうえで
   「…」と述べました), or the topic of the previous sentence of the paragraph.

Sentences are split by us (after 。！？ outside brackets, and at line breaks), so a
quotation of several sentences stays one claim. Across sentences: 「…」。Xはこう述べました takes
the quote of the previous sentence; …。関係者が明らかにした sources the sentence before;
…ということです goes on reporting the last 「Xによりますと」 of the paragraph; a quote credited
in brackets (「…」（政府関係者）) is that speaker's. Vocabularies live in
``kimputin_cli/data/claims/*.txt``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Token

from .. import lexicon

__all__ = ["find_claims", "make_claims_component", "vocab"]

_PUNCT_TAG_PREFIX = "補助記号"
_WS_TAG = "空白"
_AGENT_ENT_LABELS = {
    "Person", "Country", "Government", "Company", "Company_Group", "Organization_Other",
    "International_Organization", "Political_Organization_Other", "Political_Party",
    "Military", "Corporation_Other", "Show_Organization", "Position_Vocation", "Nationality",
    "Ethnic_Group_Other", "Province", "City", "GPE_Other", "PERSON", "ORG", "GPE", "NORP",
}


# --------------------------------------------------------------------------- vocabularies
@lru_cache(maxsize=None)
def vocab(name: str) -> frozenset[str]:
    """One-item-a-line vocabulary ``kimputin_cli/data/claims/<name>.txt`` ('#' comments)."""
    return frozenset(lexicon.words(f"claims/{name}.txt"))


@lru_cache(maxsize=None)
def _source_phrases() -> tuple[tuple[str, tuple[str, ...]], ...]:
    rows = []
    for relation, lemmas in lexicon.table("claims/source_phrases.txt"):
        rows.append((relation, tuple(lemmas.split())))
    # longest first so that によりますと wins over による
    return tuple(sorted(rows, key=lambda r: -len(r[1])))


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

    @property
    def tokens(self) -> list[Token]:
        return [self.doc[k] for k in range(self.start, self.end)]

    @property
    def text(self) -> str:
        return self.doc[self.start:self.end].text if self.end > self.start else ""

    @property
    def ends_with_comma(self) -> bool:
        return any(_is_comma(self.doc[k]) for k in range(self.end, self.full_end))

    @property
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
_BY_PHRASES = ("によると", "によりますと", "によれば")
_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n")


def _closes_soon(doc: Doc, k: int) -> bool:
    """A closing 」 on the line starting at token k, before any opening 「."""
    for x in range(k, min(len(doc), k + 300)):
        t = doc[x]
        if _is_ws(t) and "\n" in t.text:
            return False
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


def _bunsetus(doc: Doc, s: int, e: int) -> list[_Bun]:
    import ginza

    try:
        labels = ginza.bunsetu_bi_labels(doc)
    except Exception:  # no bunsetu recognizer: one bunsetu per token
        labels = ["B"] * len(doc)
    # an opening quote always starts a bunsetu (GiNZA sometimes glues 山田さん(45)は「驚いた」と into one)
    starts = [k for k in range(s, e) if k == s or labels[k] == "B" or doc[k].text in ("「", "『")]
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


_PERSON_COUNT = re.compile(r"[0-9０-９一二三四五六七八九十]+人|ひとり|ふたり")


def _is_agent(np: list[Token]) -> bool:
    if not np:
        return False
    head = np[-1]
    if _PERSON_COUNT.fullmatch(head.text) or _PERSON_COUNT.fullmatch("".join(t.text for t in np[-2:])):
        return True  # 住民の一人は, 2人は, 元社員ら12人が: people counted
    if _is_title(head.text):
        return True  # ストランド事務総長は: a title word heads a person
    if _lemma(head) in vocab("agent_nouns") or head.text in vocab("agent_nouns"):
        return True
    if any(head.text.endswith(w) for w in vocab("agent_nouns") if len(w) >= 2):
        return True
    if len(head.text) >= 2 and head.text[-1] in vocab("agent_suffixes") and head.pos_ in ("NOUN", "PROPN") \
            and "副詞" not in head.tag_:
        return True
    if any(_is_proper(t) for t in np):
        return True
    if head.ent_type_ in _AGENT_ENT_LABELS:
        return True
    # a person or organization the entity rules found (kp_entities runs before kp_claims)
    mentions = head.doc._.kp_mentions if head.doc.has_extension("kp_mentions") else None
    if mentions:
        end = head.idx + len(head.text)
        return any(m["category"] in ("person", "organization") and m["start"] < end and head.idx < m["end"]
                   for m in mentions)
    return False


def _subject_of_cue(buns: list[_Bun], b: _Bun, cue: "_Cue") -> bool:
    """The parser makes this は-topic the subject of the reporting verb itself (メルカリは…と発表した,
    長男は「…」と話した): a speaker even when no vocabulary or entity knows it. (Not が: a が-subject of
    the content is often misattached to the report.)"""
    if _topic_particle(b) != "は" or _is_time(b) or not any(t.dep_ == "nsubj" for t in b.tokens):
        return False
    if buns.index(b) > _is_connective(buns, 0):
        return False  # only the topic the sentence opens with (not 会談は in …としたうえで会談は…)
    head = b.head_bun
    if 0 <= head < len(buns) and head < cue.first and _is_time(buns[head]):
        head = buns[head].head_bun  # メルカリは16日、…と発表した: parsed as the subject of 16日
    return cue.first <= head <= cue.last


def _is_body(np: list[Token]) -> bool:
    """An organization, not a person (市, 厚生労働省, 警察, the company kp found): bodies announce through
    …ということです, while 男は…ということです is an event the article reports."""
    if not np:
        return False
    head = np[-1]
    if _lemma(head) in vocab("body_heads") or (len(head.text) >= 2 and head.text[-1] in vocab("agent_suffixes")):
        return True
    mentions = head.doc._.kp_mentions if head.doc.has_extension("kp_mentions") else None
    end = head.idx + len(head.text)
    return bool(mentions) and any(m["category"] == "organization" and m["end"] == end for m in mentions)


def _is_agent_head(t: Token) -> bool:
    agents = vocab("agent_nouns")
    return _lemma(t) in agents or t.text in agents or any(t.text.endswith(w) for w in agents if len(w) >= 2)


def _is_agent_text(text: str) -> bool:
    return any(text.endswith(w) for w in vocab("agent_nouns") if len(w) >= 2 or w == text)


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
    for relation, pat in phrases:
        n = len(pat)
        if len(lemmas) > n and tuple(lemmas[-n:]) == pat:
            start = toks[-n]
            before = toks[-n - 1]
            if before.pos_ in ("NOUN", "PROPN", "PRON", "NUM") or _is_punct(before):
                return relation, start.i
    return None


# --------------------------------------------------------------------------- noun phrase text
def _np_tokens(buns: list[_Bun], k: int, stop_at: int | None = None) -> tuple[int, int]:
    """Token range [s, e) of the noun phrase headed in bunsetu k (before its particles)."""
    b = buns[k]
    c = b.content
    s, e = c[0].i, c[-1].i + 1
    # bare nominal bunsetu directly before (キム・ジョンウン(金正恩) + 総書記が)
    j = k - 1
    while j >= 0 and (stop_at is None or j >= stop_at):
        pb = buns[j]
        if pb.ends_with_comma or not pb.content or any(
            t.pos_ in ("ADP", "AUX", "SCONJ", "PART", "VERB", "ADJ") and not t.tag_.startswith("名詞")
            for t in pb.tokens  # (a katakana name GiNZA calls a VERB is still a noun by its tag)
        ):
            break
        depth, ok = 0, True
        for t in pb.tokens:  # anything inside (…) is a reading or an alias: キム・ヨジョン(金与正)
            if t.text in ("(", "（"):
                depth += 1
            elif t.text in (")", "）"):
                depth -= 1
            elif depth == 0 and not (t.tag_.startswith("名詞") or t.pos_ in ("NOUN", "PROPN", "NUM", "SYM")
                                     or _is_punct(t)):
                ok = False
        if not ok:
            break
        s = pb.start
        j -= 1
    opens = [x for x in range(s, e) if b.doc[x].text in ("「", "『")]
    if opens:
        s = opens[-1] + 1
        toks = [b.doc[x] for x in range(s, e)]
        return s, e
    toks = [b.doc[x] for x in range(s, e)]
    named = (len(toks) >= 2 and _lemma(toks[-1]) in vocab("media_heads")) or any(_is_proper(t) for t in toks) or (
        len(toks) >= 2 and _is_katakana_word(toks[0]) and toks[0].pos_ in ("NOUN", "PROPN")
    )
    if not named and j >= 1 and (stop_at is None or j - 1 >= stop_at) and buns[j].text in ("詳しい", "くわしい") \
            and buns[j - 1].tail_lemmas == ("に",) and not buns[j - 1].ends_with_comma:
        return buns[j - 1].start, e  # 交渉に詳しい関係者, 会社法に詳しい専門家: the expertise names the source
    if not named:
        # generic head (当局者, 中央銀行): keep one preceding "Xの" modifier; people counted keep what they
        # are counted among (立憲民主党の幹部の一人, 若者の3人に1人)
        steps = 3 if _PERSON_COUNT.fullmatch(toks[-1].text) else 1
        while steps and j >= 0 and (stop_at is None or j >= stop_at):
            pb = buns[j]
            counted = steps > 1 and pb.tail_lemmas == ("に",) and \
                _PERSON_COUNT.fullmatch("".join(t.text for t in pb.content))
            if not (pb.tail_lemmas in (("の",), ("など", "の")) or counted) or pb.ends_with_comma:
                break
            s = pb.start
            steps -= 1
            j -= 1
    return s, e


def _phrase(doc: Doc, s: int, e: int) -> dict:
    span = doc[s:e]
    return {"text": span.text, "start": span.start_char, "end": span.end_char}


def _np_dict(doc: Doc, s: int, e: int) -> dict:
    d = _phrase(doc, s, e)
    head = doc[e - 1]
    anon = vocab("anonymous")
    d["entity"] = None
    d["anonymous"] = _lemma(head) in anon or head.text in anon or any(
        head.text.endswith(w) for w in anon if len(w) >= 2
    ) or head.text == "筋" or bool(_PERSON_COUNT.fullmatch(head.text)) or (
        s > 0 and doc[s - 1].text == "ある" and doc[s - 1].pos_ == "DET"  # ある外資系証券のアナリスト
    )
    return d


# --------------------------------------------------------------------------- cues
@dataclass
class _Cue:
    first: int  # first bunsetu of the cue group
    last: int  # last bunsetu of the cue group
    kind: str  # "verb" | "noun" | "suru" | "passive" | "emerge"
    hedged: bool = False
    adnominal: bool = False
    q: int = -1  # bunsetu holding the quotative marker
    marker_start: int = -1  # token index where the quotative marker starts
    direct_open: int = -1  # token index of 「 for a direct quote
    frame: list[int] = field(default_factory=list)
    inline: bool = False  # quotative and cue in one bunsetu (…必要だ」として)
    allegation: bool = False  # …したとして + a passive main verb (逮捕された, 罪に問われている)


def _inline_suru(b: _Bun) -> int | None:
    """Token index of と when a bunsetu holds …と + する (「…」として, …だとした) after a predicate."""
    toks = [t for t in b.tokens if not _is_punct(t) or t.text in ("」", "』")]
    for n in range(1, len(toks) - 1):
        t, nx = toks[n], toks[n + 1]
        if _lemma(t) == "と" and t.pos_ in ("ADP", "SCONJ") and _lemma(nx) == "する":
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


def _pred_lemma(b: _Bun) -> str | None:
    c = b.content
    if not c:
        return None
    return _lemma(c[0]) if len(c) == 1 else "".join(t.text for t in c)


def _starts_with_suru(b: _Bun) -> bool:
    f = b.first
    return f is not None and _lemma(f) == "する" and f.pos_ in ("VERB", "AUX")


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


def _is_predicate_end(t: Token) -> bool:
    if t.tag_.startswith(("動詞", "形容詞", "助動詞")):
        return True  # by the tag too: GiNZA's POS sometimes calls a verb a NOUN (踏み切る)
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
    # ことを (…したことを明らかにした)
    if len(toks) >= 2 and lem[-2:] == ["こと", "を"]:
        return toks[-2].i
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
            if _is_predicate_end(prev):
                return toks[-n].i
            if allow_noun and n == 1 and prev.pos_ in ("NOUN", "PROPN") and _lemma(prev) != "など":
                return toks[-n].i  # …する構えとみられ / …沿ったものとみられます
            return None
    return None


def _find_cues(buns: list[_Bun]) -> list[_Cue]:
    reports = vocab("report_verbs")
    cue_nouns = vocab("cue_nouns")
    emerge_n, emerge_v = vocab("emerge_nouns"), vocab("emerge_verbs")
    hedge_v = vocab("hedge_verbs")
    cues: list[_Cue] = []
    used: set[int] = set()
    for k, b in enumerate(buns):
        if k in used or not b.content:
            continue
        lem = _pred_lemma(b)
        c0 = b.content[0]
        nxt = buns[k + 1] if k + 1 < len(buns) else None
        cue = None
        m_inline = _inline_suru(b)
        if m_inline is not None:
            cue = _Cue(k, k, "suru", inline=True, marker_start=m_inline)
        # stance noun + light verb: 見方を示す, 懸念を表明する, 考えを明らかにする
        elif lem in cue_nouns and _particles(b) in (("を",), ("も",)) and nxt is not None \
                and _light_after(buns, k) is not None:
            v = _light_after(buns, k)
            last = v
            if _pred_lemma(buns[v]) in ("明らか", "口") and v + 1 < len(buns) and _starts_with_suru(buns[v + 1]):
                last = v + 1
            cue = _Cue(k, last, "noun")
        # …との声も。: an emergence with its verb left out at the end of the sentence
        elif lem in emerge_n and _particles(b) == ("も",) and nxt is None:
            cue = _Cue(k, k, "emerge")
        # agentless emergence: 見方が出ている, 声が上がっている
        elif (lem in emerge_n or lem in vocab("final_hedges")) and _particles(b) in (("が",), ("も",)) \
                and nxt is not None:
            # …との見方が出ています / …おそれも指摘されています
            if _pred_lemma(nxt) in emerge_v or (
                (_pred_lemma(nxt) in reports or _pred_lemma(nxt) in hedge_v) and _passive(nxt)
            ):
                cue = _Cue(k, k + 1, "emerge")
        # …ことが関係者への取材でわかりました
        elif lem in ("わかる", "分かる", "判明") and c0.pos_ in ("VERB", "NOUN"):
            cue = _Cue(k, k, "finding")
        # 明らかにする
        elif lem == "明らか" and nxt is not None and _starts_with_suru(nxt):
            cue = _Cue(k, k + 1, "verb")
        # とする (としています, としたうえで), とされる
        elif _starts_with_suru(b) and k > 0 and _quotative(buns[k - 1]) is not None \
                and _lemma(buns[k - 1].tokens[-1]) == "と":
            cue = _Cue(k, k, "suru")
        # 警察は、…とみている: an active みる after a quotative is the subject's hedged view
        elif _lemma(c0) in ("みる", "見る") and not _passive(b) and k > 0 and _quotative(buns[k - 1]) is not None \
                and "て" in b.tail_lemmas and "いる" in b.tail_lemmas:
            cue = _Cue(k, k, "verb", hedged=True)
        # …とみて調べています: the investigators' hedged view
        elif _lemma(c0) in ("みる", "見る") and b.tail_lemmas == ("て",) and k < b.head_bun < len(buns) \
                and _pred_lemma(buns[b.head_bun]) in vocab("inquiry_verbs") and k > 0 \
                and _quotative(buns[k - 1], allow_noun=True) is not None:
            cue = _Cue(k, b.head_bun, "verb", hedged=True)  # (…とみて身元の確認を進めています)
        elif (c0.pos_ in ("VERB", "NOUN") or c0.tag_.startswith("動詞")) \
                and (lem in reports or _lemma(c0) in reports or lem in hedge_v):
            if c0.pos_ == "NOUN" and not any(_lemma(t) == "する" for t in b.tail):
                # 体言止め: 泉氏は「…」と指摘。
                if not (k == len(buns) - 1 and not b.tail_lemmas and len(b.content) == 1):
                    continue
            if lem not in reports and _lemma(c0) not in reports and not _passive(b):
                continue  # みる / 考える only count in the passive
            cue = _Cue(k, k, "verb")
            if b.tail_lemmas == ("に",) and nxt is not None and _pred_lemma(nxt) in ("とどめる", "留める"):
                cue.last = k + 1  # …と述べるにとどめました
        if cue is None:
            continue
        last_b = buns[cue.last]
        if _negated(last_b, after=cue.marker_start if cue.inline else -1):
            continue
        if cue.kind in ("verb", "suru") and _passive(last_b, after=cue.marker_start if cue.inline else -1):
            cue.kind = "passive"
        elif cue.kind == "suru" and 0 <= last_b.head_bun < len(buns) and _passive(buns[last_b.head_bun]) \
                and not _adnominal(buns[last_b.head_bun], buns):
            # …を着服したとして罪に問われています / …として逮捕されました: an allegation whose agent is unnamed
            cue.kind, cue.allegation = "passive", True
        # …と容疑を認めているということです: という + こと closing the sentence is hearsay, not a noun modified
        cue.adnominal = _adnominal(last_b, buns) and not (cue.kind != "verb" and _hearsay_koto(buns, cue.last))
        cues.append(cue)
        used.update(range(cue.first, cue.last + 1))
    return cues


def _attach_quotative(cue: _Cue, buns: list[_Bun], lower: int) -> bool:
    """Find the bunsetu with the quotative marker before the cue; record frame bunsetu between."""
    j = cue.first - 1 if not cue.inline else cue.first
    frame: list[int] = []
    directive = cue.kind == "verb" and _pred_lemma(buns[cue.first]) in vocab("directive_verbs")
    max_gap = 0 if cue.kind in ("noun", "emerge", "suru") else 4
    if (cue.kind == "noun" or (cue.kind == "emerge" and _pred_lemma(buns[cue.first]) in vocab("final_hedges"))) \
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
        return False
    if cue.kind == "finding":
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
        m = _quotative(b, allow_noun=cue.kind == "passive" or cue.hedged, directive=directive) \
            if not cue.inline else cue.marker_start  # (…男性とみて: a view may end in a noun)
        if cue.inline:
            j = b.i
        if m is not None:
            doc = b.doc
            if cue.kind in ("noun", "emerge") and _lemma(doc[m]) == "こと":
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
            return False
        frame.append(j)
        j -= 1
    return False


# --------------------------------------------------------------------------- claims
def _speaker_from_bun(buns: list[_Bun], k: int, stop_at: int | None = None) -> dict:
    s, e = _np_tokens(buns, k, stop_at)
    s = _coordinated_start(buns, s, stop_at)
    return _np_dict(buns[k].doc, s, e)


def _coordinated_start(buns: list[_Bun], s: int, stop_at: int | None = None) -> int:
    """Speakers joined by や / と share the report (警察や消防によりますと, 外相と防衛相は): the phrase starts at
    the first conjunct."""
    k = _bun_of(buns, s)
    while k > 0 and (stop_at is None or k - 1 >= stop_at):
        pb = buns[k - 1]
        c = pb.content
        if pb.ends_with_comma or pb.tail_lemmas not in (("や",), ("と",)) or not c \
                or not (c[-1].pos_ in ("NOUN", "PROPN") or c[-1].tag_.startswith("名詞")) or not _is_agent(c):
            break
        s, k = _np_tokens(buns, k - 1, stop_at)[0], k - 1
    return s


def _bun_of(buns: list[_Bun], tok: int) -> int:
    for b in buns:
        if b.full_start <= tok < b.full_end:
            return b.i
    return -1


def _source_from_bun(buns: list[_Bun], k: int, relation: str, phrase_start: int) -> dict | None:
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
    s, e = _np_tokens(sub, kb)
    d = _np_dict(doc, _coordinated_start(sub, s), e)
    d["relation"] = relation
    return {k2: d[k2] for k2 in ("text", "start", "end", "entity", "relation", "anonymous")}


def _publishes(buns: list[_Bun], cue: _Cue, j: int) -> bool:
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


def _pro_quote_claim(doc: Doc, buns: list[_Bun], cue: _Cue, quote: tuple[int, int], sent: dict) -> dict | None:
    """「…」。Xはこう述べました: the quote of the previous sentence is the content."""
    j = cue.first - 1
    if j < 0 or buns[j].first is None or _lemma(buns[j].first) not in ("こう", "このように"):
        return None
    speaker, sources = None, []
    for x in range(j - 1, -1, -1):
        b = buns[x]
        sm = _source_match(b, buns)
        if sm is not None and sm[0] not in ("を通じて", "を通して"):
            src = _source_from_bun(buns, x, *sm)
            if src is not None:
                sources.insert(0, src)
            continue
        if speaker is None and _topic_particle(b) and _is_agent(b.content):
            speaker = _speaker_from_bun(buns, x)
    if speaker is None:
        return None
    o, c = quote
    return {
        "speaker": speaker,
        "sources": sources,
        "cue": _phrase(doc, buns[j].start, buns[cue.last].end),
        "content": _phrase(doc, o + 1, c),
        "direct": True,
        "hedged": _hedge_in([doc[x] for x in range(max(o + 1, c - 6), c)]),
        "sentence": {"start": doc[o].idx, "end": sent["end"]},
    }


def _post_attribution(doc: Doc, buns: list[_Bun], cue: _Cue, prev: tuple[int, int], sent: dict) -> dict | None:
    """…最終調整に入った。複数の政府関係者が19日、明らかにした。: a sentence that is only a speaker, a time
    and a report names the source of the sentence before it."""
    subj = [k for k in range(cue.first) if _topic_particle(buns[k]) in ("が", "は") and _is_agent(buns[k].content)]
    if len(subj) != 1:
        return None
    speaker = _speaker_from_bun(buns, subj[0])
    for k in range(cue.first):
        b = buns[k]
        inside = doc[b.start].idx >= speaker["start"] and doc[b.end - 1].idx < speaker["end"] + 1
        if not (k == subj[0] or inside or _is_time(b) or _is_connective(buns, k)):
            return None
    o, c = prev
    while c > o and _is_punct(doc[c - 1]):
        c -= 1
    if c <= o:
        return None
    return {
        "speaker": speaker,
        "sources": [],
        "cue": _phrase(doc, buns[cue.first].start, buns[cue.last].end),
        "content": _phrase(doc, o, c),
        "direct": False,
        "hedged": _hedge_in([doc[x] for x in range(max(o, c - 6), c)]),
        "sentence": {"start": doc[o].idx, "end": sent["end"]},
    }


def _sentence_claims(doc: Doc, s: int, e: int, prev_quote: tuple[int, int] | None = None,
                     prev_sentence_claim: dict | None = None, hearsay: dict | None = None,
                     prev_plain: tuple[int, int] | None = None) -> list[dict]:
    buns = _bunsetus(doc, s, e)
    if not buns:
        return []
    sent = {"start": doc[s].idx, "end": doc[e - 1].idx + len(doc[e - 1].text)}
    cues = _find_cues(buns)
    claims: list[dict] = []
    prev_main: _Cue | None = None
    prev_claim: dict | None = None
    depth = _bracket_depths(doc, s, e)
    cues = [  # not a report quoted inside 「」
        c for c in cues if depth[(c.marker_start if c.inline else buns[c.first].start) - s] == 0
    ]
    by_source = _has_by_source(buns)
    floor = 0
    if by_source:
        # 関係者によると、会社は…方針だという: a bare hearsay いう after Xによると reports X, not the topic
        cues = [c for c in cues if not _bare_hearsay(buns[c.last])]
        h = _mid_hearsay(buns)
        if h is not None:
            # Xによりますと、…ということで、…: X's report ends there; the rest of the sentence goes on
            c = _by_source_only(doc, buns[:h + 1])
            if c is not None:
                c["sentence"] = dict(sent)
                claims.append(c)
                floor = h + 1
                cues = [c for c in cues if c.first > h]
    prev_lower = floor
    for cue in cues:
        lower = prev_main.last + 1 if prev_main is not None else floor
        # …首相が「…」と語っていると明かす: the previous report, closed by a quotative right before this cue,
        # is inside this one's content
        nested = prev_main is not None and not prev_main.adnominal and cue.first - 1 == prev_main.last \
            and _quotative(buns[prev_main.last]) is not None and cue.kind in ("verb", "noun")
        if nested:
            lower = prev_lower
        attached = _attach_quotative(cue, buns, lower)
        if attached and depth[cue.marker_start - s] > 0 and not cue.inline \
                and depth[buns[cue.first].start - s] == 0:
            continue  # 「…見極めたいとの雰囲気が強い」（中堅証券）という: the との belongs to the quote
        if not attached:
            c = None
            if prev_quote is not None and cue.kind == "verb":
                c = _pro_quote_claim(doc, buns, cue, prev_quote, sent)
                if c is not None:
                    prev_quote = None
            elif prev_plain is not None and cue.kind == "verb" and cue.last == len(buns) - 1:
                c = _post_attribution(doc, buns, cue, prev_plain, sent)
            if c is not None:
                claims.append(c)
            continue
        if cue.kind in ("passive", "emerge") and (cue.adnominal or _quotative(buns[cue.last]) is not None):
            if _hearsay_koto(buns, cue.last) and not by_source:  # …という声も出ているということです
                cue.adnominal = False
            else:
                continue  # …とみられる専用列車 / …とみられると説明: a hedge inside another statement
        claim = _build_claim(doc, buns, cue, lower, prev_main, prev_claim or prev_sentence_claim, hearsay, floor)
        if claim is None:
            continue
        claim["sentence"] = dict(sent)
        same = _restated(claims, claim)
        if same is not None:
            # 「…」とするコメントを出しました: the noun cue restates the とする report; one claim, the fuller cue
            if same["cue"]["start"] >= claim["cue"]["start"] and same["cue"]["end"] <= claim["cue"]["end"]:
                same["cue"] = claim["cue"]
            continue
        if nested and claim["speaker"] is not None and prev_claim is not None and prev_claim["speaker"] is not None \
                and claim["content"]["start"] <= prev_claim["content"]["start"] \
                and claim["speaker"]["text"] != prev_claim["speaker"]["text"]:
            # the inner report came through the outer speaker (党幹部の一人 ← 首相 …と語っている)
            prev_claim["sources"] = [dict(claim["speaker"], relation=claim["cue"]["text"])] + prev_claim["sources"]
        claims.append(claim)
        if not cue.adnominal:
            prev_main, prev_claim, prev_lower = cue, claim, lower
    claims.extend(_bracket_credits(doc, s, e, claims, sent))
    if hearsay is not None and not by_source and _hearsay_sentence(buns):
        # 警察によりますと、…。調べに対し、男は「…」と話しているということです: the man's words came through
        # the source the paragraph goes on reporting
        relation = _by_relation(doc, hearsay)
        for c in claims:
            if c["speaker"] is not None and c["speaker"]["text"] != hearsay["text"] and not c["sources"] and relation:
                c["sources"] = [dict(hearsay, relation=relation)]
    if not any(_tok_end(doc, c["cue"]) >= buns[-1].start for c in claims):
        # no report ends the sentence: Xによりますと、男は「…」などとうそを言って、…疑いが持たれています
        # (unless a report ends right before the hearsay: 関係者によると、社長は「…」と述べたという)
        before_hearsay = len(buns) >= 2 and _hearsay_sentence(buns) and any(
            _tok_end(doc, c["cue"]) >= buns[-2].start for c in claims)
        c = _by_source_only(doc, buns) if by_source and not before_hearsay and not any(
            c["speaker"] and _by_relation(doc, c["speaker"]) for c in claims
        ) else None
        if c is None and not claims and hearsay is not None and _hearsay_sentence(buns):
            # 警察によりますと、…ということです。…ということです。: the source goes on reporting
            c = _hearsay_claim(doc, buns, _is_connective(buns, 0), hearsay, None)
        elif c is None and not claims and _hearsay_sentence(buns):
            # 市は、…を始めるということです: the body the sentence opens with is the one reported
            k = _is_connective(buns, 0)
            while k < len(buns) - 2 and _is_time(buns[k]):
                k += 1
            if k < len(buns) - 2 and _topic_particle(buns[k]) == "は" and _is_body(buns[k].content) \
                    and buns[k].ends_with_comma:
                c = _hearsay_claim(doc, buns, k + 1, _speaker_from_bun(buns, k), None)
        if c is not None:
            c["sentence"] = dict(sent)
            claims.append(c)
    if not claims and depth[buns[-1].start - s] == 0:
        c = _final_hedge(doc, buns)
        if c is not None:
            c["sentence"] = dict(sent)
            claims.append(c)
    return claims


def _restated(claims: list[dict], claim: dict) -> dict | None:
    """An earlier claim of the sentence with the same speaker whose content overlaps this one's."""
    c = claim["content"]
    for other in claims:
        o = other["content"]
        if (other["speaker"] or {}).get("text") == (claim["speaker"] or {}).get("text") \
                and min(o["end"], c["end"]) - max(o["start"], c["start"]) > 0.5 * min(o["end"] - o["start"],
                                                                                    c["end"] - c["start"]):
            return other
    return None


def _by_relation(doc: Doc, part: dict) -> str | None:
    """The source phrase (によりますと, によると, によれば) right after ``part``, if any."""
    span = doc.char_span(part["end"], part["end"], alignment_mode="expand")
    i = span.start if span is not None else len(doc)
    text = doc[i:i + 4].text
    return next((r for r in _BY_PHRASES if text.startswith(r)), None)


def _has_by_source(buns: list[_Bun]) -> bool:
    return any(_by_match(buns, b) is not None for b in buns)


def _by_match(buns: list[_Bun], b: _Bun) -> tuple[str, int] | None:
    sm = _source_match(b, buns)
    return sm if sm is not None and sm[0] in _BY_PHRASES else None


def _by_source(buns: list[_Bun]) -> dict | None:
    """The X of the sentence's first 「Xによりますと」, as a source dict."""
    for k, b in enumerate(buns):
        sm = _by_match(buns, b)
        if sm is not None:
            return _source_from_bun(buns, k, *sm)
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
    return nxt if nxt[:1] == ["こと"] else None


def _hearsay_koto(buns: list[_Bun], k: int) -> bool:
    """Bunsetu k ends in と + いう/の and only こと + です/だ follows (…という声も出ているということです)."""
    koto = _koto_after(buns, k) if k == len(buns) - 2 else None
    return koto is not None and set(koto[1:]) <= {"だ", "です", "た", "ます"}


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


def _final_hedge(doc: Doc, buns: list[_Bun]) -> dict | None:
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
        return {
            "speaker": None,
            "sources": [],
            "cue": _phrase(doc, end_tok, cue_end),
            "content": _phrase(doc, buns[first].start, end_tok),
            "direct": False,
            "hedged": True,
        }
    return _conjecture(doc, buns)


def _conjecture(doc: Doc, buns: list[_Bun]) -> dict | None:
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
    return {
        "speaker": None,
        "sources": [],
        "cue": _phrase(doc, end_tok, toks[-1].i + 1),
        "content": _phrase(doc, buns[first].start, end_tok),
        "direct": False,
        "hedged": True,
    }


def _subject_or_source_left(buns: list[_Bun], lower: int, j: int) -> bool:
    """An agent subject (Xは / Xも / Xが、) or a source phrase in the same clause left of bunsetu j."""
    for x in range(j - 1, lower - 1, -1):
        sm = _source_match(buns[x], buns)
        # Xの話として、Yは… : Y is content.  (Xによると、Yは…と述べた : Y speaks, X is a source)
        if sm is not None and sm[0] in ("の話として", "の話では"):
            return True
    for x in range(j - 1, lower - 1, -1):
        b = buns[x]
        if _is_boundary(b):
            return False
        tp = _topic_particle(b)
        if tp and _is_agent(b.content) and (tp in ("は", "も") or b.ends_with_comma):
            return True
    return False


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


_LOCUS_TAILS = {("に", "は"), ("から", "は"), ("から", "も"), ("に", "も"), ("で", "は"), ("で", "も")}
_OBLIQUE_TAILS = {("で",), ("に",), ("から",), ("に", "対する"), ("に", "対して"), ("で", "は"), ("に", "は"),
                  ("から", "は"), ("に", "おく", "て"), ("を", "めぐる"), ("に", "つく", "て"),
                  ("に", "つく", "て", "は"), ("を", "めぐる", "て"), ("を", "めぐる", "て", "は")}


def _has_setting(b: _Bun) -> bool:
    st = vocab("report_settings")
    return any(_lemma(t) in st or t.text in st for t in b.content[-2:])


def _skip_report_oblique(buns: list[_Bun], k: int, q: int, cue: _Cue, setting_only: bool = False) -> int | None:
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


def _tok_end(doc: Doc, d: dict) -> int:
    return doc.char_span(d["start"], d["end"], alignment_mode="expand").end


def _build_claim(doc, buns, cue: _Cue, lower: int, prev_main, prev_claim, hearsay: dict | None = None,
                 floor: int = 0) -> dict | None:
    unattributed = cue.kind in ("passive", "emerge")
    q = cue.q
    speaker: dict | None = None
    sources: list[dict] = []
    if cue.kind == "finding":
        # …ことが [Xへの] [取材で] わかりました: X is the speaker; otherwise the article's own finding
        # (or, sentence-first, 関係者への取材で、…ことがわかりました)
        # (…ことが、厚生労働省の調査で分かりました: a body's survey or study is the speaker too)
        for j in cue.frame + list(range(lower + 1, q)):
            lead = _lemma(buns[j].content[0]) if buns[j].content else None
            if j > 0 and (
                (lead == "取材" and buns[j - 1].tail_lemmas in (("へ", "の"), ("に", "よる")))
                or (lead in vocab("finding_nouns") and buns[j - 1].tail_lemmas in (("の",), ("に", "よる"))
                    and _is_agent(buns[j - 1].content))
            ):
                speaker = _speaker_from_bun(buns, j - 1)
                if j < q:
                    lower = j + 1
                break
        if speaker is None:
            return None
    if cue.kind == "passive" and not cue.allegation:
        # 信者から「…」と言われ / 「…」と専門家から指摘され: the agent of a passive report speaks
        near = cue.frame[:]
        if cue.direct_open >= 0:
            kq = _bun_of(buns, cue.direct_open)
            near.append(kq - 1 if buns[kq].start >= cue.direct_open else kq)
        for j in near:
            c = buns[j].content if lower <= j < len(buns) else []
            if c and _particles(buns[j]) == ("から",) and c[-1].pos_ in ("NOUN", "PROPN", "PRON") \
                    and not _is_time(buns[j]):
                speaker, unattributed = _speaker_from_bun(buns, j), False
                break
    # --- frame between the quotative and the cue: a subject placed after the quote, を通じて
    for j in cue.frame:
        b = buns[j]
        sm = _source_match(b, buns)
        if sm is not None:
            src = _source_from_bun(buns, j, *sm)
            if src is not None:
                sources.append(src)
            continue
        if not unattributed and speaker is None and _topic_particle(b) and _is_agent(b.content):
            speaker = _speaker_from_bun(buns, j, stop_at=q + 1)
    # --- content: backwards from the quotative
    direct = cue.direct_open >= 0 and not _partial_quote(buns, cue.direct_open)
    if direct:
        c_start_tok, c_end_tok = cue.direct_open + 1, cue.marker_start - 1
        kq = _bun_of(buns, cue.direct_open)
        j = kq if buns[kq].start < cue.direct_open else kq - 1
        mode, first = "frame", kq
    else:
        c_end_tok = cue.marker_start
        j, mode, first = q - 1, "content", q
    outer: list[dict] = []
    while j >= lower:
        b = buns[j]
        sm = _source_match(b, buns)
        if sm is not None and sm[0] in ("を通じて", "を通して") and mode == "content":
            src = _source_from_bun(buns, j, *sm)
            if src is None or not _is_agent_head(doc[_tok_end(doc, src) - 1]):
                sm = None
        if sm is not None:
            src = _source_from_bun(buns, j, *sm)
            if src is not None:
                outer.insert(0, src)
            if mode == "content":
                first = j + 1
                mode = "frame"
            if unattributed:
                break
            j = min(j, _bun_of(buns, sm[1])) - 1
            continue
        tp = _topic_particle(b)
        agent = tp is not None and (_is_agent(b.content) or _subject_of_cue(buns, b, cue))
        if mode == "frame":
            # a が-subject of a clause inside the frame (Xは、Yが逮捕された翌日の会見で「…」と) does not report
            if agent and not (tp == "が" and not b.ends_with_comma and j < b.head_bun < first
                              and _adnominal(buns[b.head_bun], buns)):
                speaker = speaker or _speaker_from_bun(buns, j)
                break
            if cue.kind == "emerge" and b.tail_lemmas[-2:] in _LOCUS_TAILS and _is_agent(b.content):
                speaker, unattributed = _speaker_from_bun(buns, j), False  # 若手議員からは「…」との声も
                break
            if direct and b.end <= cue.direct_open and not any(
                not _is_punct(doc[x]) for x in range(b.end, cue.direct_open)
            ) and not _particles(b) and not b.ends_with_comma and not _is_time(b) and _is_agent(b.content):
                speaker = speaker or _speaker_from_bun(buns, j)  # headline style: 総統府「挑発行為」と非難
                break
            j -= 1
            continue
        if unattributed or cue.kind == "finding":
            if _is_boundary(b):
                break
        elif cue.adnominal:
            if agent and tp == "が":
                speaker = speaker or _speaker_from_bun(buns, j)
                break
            if agent and tp in ("は", "も") and _publishes(buns, cue, j):
                speaker = speaker or _speaker_from_bun(buns, j)  # Xは、…とする研究結果を…に発表した
                break
            if (agent and tp in ("は", "も")) or _is_boundary(b) or (b.ends_with_comma and b.head_bun > cue.last):
                break
        else:
            if speaker is None and b.tail_lemmas == ("で", "は") and b.content \
                    and _lemma(b.content[-1]) in vocab("document_nouns") and not _subject_or_source_left(buns, lower, j):
                speaker = _speaker_from_bun(buns, j)  # 論文では、…と指摘しています: the paper says so
                break
            if agent and tp in ("は", "も"):
                # the first subject of a clause reports; a later topic (Xは、Yは…) belongs to the content,
                # and so does a topic after a source phrase (Xの話として、Yは…)
                if not _subject_or_source_left(buns, lower, j):
                    speaker = speaker or _speaker_from_bun(buns, j)
                    break
            if agent and tp == "が" and (b.head_bun >= cue.first or (
                b.ends_with_comma and not any(
                    _topic_particle(buns[x]) in ("は", "も") and _is_agent(buns[x].content) for x in range(lower, j)
                )
            )):
                speaker = speaker or _speaker_from_bun(buns, j)
                break
            if _is_boundary(b) and prev_main is not None and j <= prev_main.last + 1:
                break
        first = j
        j -= 1
    if speaker is not None and not direct or mode == "frame":
        # a source phrase before the speaker (捜査関係者によると、男は…)
        x = j - 1
        while x >= lower:
            sm = _source_match(buns[x], buns)
            if sm is not None and sm[0] not in ("を通じて", "を通して"):
                src = _source_from_bun(buns, x, *sm)
                if src is not None and all(src["start"] != o["start"] for o in outer):
                    outer.insert(0, src)
                x = min(x, _bun_of(buns, sm[1])) - 1
                continue
            if buns[x].ends_with_comma and not _is_connective(buns, x) and _topic_particle(buns[x]):
                break
            x -= 1
    sources = outer + sources
    if cue.adnominal and speaker is None:
        return None
    # --- trim the left edge of an indirect content
    if not direct:
        k = first
        n0 = _is_connective(buns, lower) if lower < len(buns) else 0
        if k < lower + n0:
            k = lower + n0
        if speaker is None and not unattributed and k < q:
            b = buns[k]
            tp = _topic_particle(b)
            if tp and (_is_agent(b.content) or _subject_of_cue(buns, b, cue)) and (
                tp in ("は", "も") or b.head_bun >= cue.first or b.ends_with_comma
            ):
                speaker = _speaker_from_bun(buns, k)
                k += 1
        # 市場では、…との見方が出ています: the place where a view emerges is not part of it
        if cue.kind == "emerge" and k + 1 < q and buns[k].tail_lemmas == ("の",) and _is_agent(buns[k].content) \
                and buns[k + 1].tail_lemmas[-2:] in _LOCUS_TAILS \
                and [_lemma(x) for x in buns[k + 1].content] in (["間"], ["中"], ["内"]):
            # 関係者の間では / 与党の中からは …との見方: the people named before 間/中 are the speaker
            speaker = _speaker_from_bun(buns, k)
            unattributed = False
            k += 2
        elif cue.kind == "emerge" and k < q and buns[k].tail_lemmas[-2:] in _LOCUS_TAILS:
            # 財務省内には / 専門家からは …との声: an agent locus is the speaker (still hedged)
            np = [t for t in buns[k].content if _lemma(t) not in ("内", "側", "間", "中")]
            if np and (_is_agent(np) or _is_agent_text(np[-1].text.rstrip("内側"))):
                speaker = _speaker_from_bun(buns, k)
                unattributed = False
                k += 1
            elif buns[k].ends_with_comma and buns[k].tail_lemmas[-2:] == ("で", "は"):
                k += 1
        # time expressions (after a speaker) and obliques of the report (記者会見で、) at the left edge
        while k < q:
            if speaker is not None and _is_time(buns[k]) and not _is_future(buns[k]):
                k += 1  # the time of the report (林長官は12日、…と述べました); a report is never dated
                continue  # in the future, so あすにかけて / 来週 belong to the content
            nk = _skip_report_oblique(buns, k, q, cue, setting_only=speaker is None)
            if nk is None:
                break
            k = nk
        c_start_tok = buns[k].start
    if speaker is None and not unattributed:
        if sources and sources[0]["relation"] in ("によると", "によりますと", "によれば"):
            first_src = sources.pop(0)
            speaker = {k2: first_src[k2] for k2 in ("text", "start", "end", "entity", "anonymous")}
        elif prev_claim is not None and prev_claim["speaker"] is not None and not (
            prev_claim.get("topic_end") is not None and _bare_hearsay(buns[cue.last])
        ):
            speaker = dict(prev_claim["speaker"])
            if not sources:
                sources = [dict(x) for x in prev_claim["sources"]]
        elif _bare_hearsay(buns[cue.last]):
            unattributed = True  # …完売したという。: hearsay with no source named, the article's own (hedged)
    if c_end_tok <= c_start_tok:
        return None
    if direct and (cue.kind == "suru" or cue.allegation) and not _is_predicate_end(doc[c_end_tok - 1]):
        return None  # 「建設中」として / 「見守り隊」として: a label (a noun phrase), not a statement
    content = _phrase(doc, c_start_tok, c_end_tok)
    # --- cue span: the quotative particle joins the cue when nothing stands between them
    last_b = buns[cue.last]
    cue_start_tok = cue.marker_start if cue.q == cue.first - 1 or cue.kind == "finding" or cue.inline or (
        cue.kind == "noun" and cue.q == cue.first - 2 and _starts_with_suru(buns[cue.first - 1])
    ) else buns[cue.first].start
    cue_end_tok = last_b.end
    while cue_end_tok - 1 > cue_start_tok and (
        (_lemma(doc[cue_end_tok - 1]) == "と" and doc[cue_end_tok - 1].pos_ in ("ADP", "SCONJ"))
        or (doc[cue_end_tok - 1].pos_ == "SCONJ" and _lemma(doc[cue_end_tok - 1]) in vocab("clause_boundaries"))
    ):
        cue_end_tok -= 1  # …と供述していると(いう) / …と主張していますが
    cue_d = _phrase(doc, cue_start_tok, cue_end_tok)
    cue_tokens = [doc[x] for x in range(cue_start_tok, cue_end_tok)]
    content_tail = [doc[x] for x in range(max(c_start_tok, c_end_tok - 6), c_end_tok)]
    hedged = unattributed or cue.hedged or _hedge_in(cue_tokens, cue=True) or _hedge_in(content_tail)
    if unattributed:
        speaker, sources = None, []
        if cue.kind in ("passive", "emerge"):
            # 起訴状によりますと、…とされています / 警察によりますと、…とみられます / …したとして罪に問われて
            # います: the source of the sentence states it (still hedged)
            by = _by_source(buns)
            if by is not None and by["start"] >= doc[buns[floor].full_start].idx:  # not one a hearsay used up
                speaker = {k2: by[k2] for k2 in ("text", "start", "end", "entity", "anonymous")}
            elif hearsay is not None and cue.allegation:
                speaker = dict(hearsay)
    hedged = hedged or cue.kind == "emerge"
    return {
        "speaker": speaker,
        "sources": sources,
        "cue": cue_d,
        "content": content,
        "direct": direct,
        "hedged": bool(hedged),
    }


def _by_source_only(doc: Doc, buns: list[_Bun]) -> dict | None:
    """「Xによりますと、…ということです」: a report whose only attribution is the source phrase."""
    for k, b in enumerate(buns):
        sm = _by_match(buns, b)
        if sm is None:
            continue
        src = _source_from_bun(buns, k, *sm)
        if src is None or k + 1 >= len(buns):
            return None
        speaker = {k2: src[k2] for k2 in ("text", "start", "end", "entity", "anonymous")}
        return _hearsay_claim(doc, buns, k + 1, speaker, _phrase(doc, doc[sm[1]].i, b.end))
    return None


def _hearsay_claim(doc: Doc, buns: list[_Bun], first: int, speaker: dict, cue: dict | None) -> dict | None:
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
    return {
        "speaker": dict(speaker),
        "sources": [],
        "cue": cue,
        "content": _phrase(doc, start_tok, end_tok),
        "direct": False,
        "hedged": hedged or _hedge_in(tail),
    }


def _bracket_credits(doc: Doc, s: int, e: int, claims: list[dict], sent: dict) -> list[dict]:
    """Newspaper style 「…」（国内証券アナリスト）: a quote credited to the speaker in brackets right after it."""
    out = []
    depth = 0
    for k in range(s, e):
        t = doc[k].text
        if t in ("「", "『"):
            depth += 1
            if depth == 1:
                open_k = k
            continue
        if t not in ("」", "』"):
            continue
        depth = max(0, depth - 1)
        if depth or k + 2 >= e or doc[k + 1].text not in ("（", "("):
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
        if not content["text"].strip() or any(
            c["content"]["start"] <= content["start"] < c["content"]["end"] for c in claims
        ):
            continue
        speaker = _np_dict(doc, k + 2, close)
        # a credit that names no one (閣僚経験者, 大手証券エコノミスト, 首相周辺) keeps its source unnamed
        speaker["anonymous"] = speaker["anonymous"] or not any(_is_proper(x) for x in inside)
        out.append({
            "speaker": speaker,
            "sources": [],
            "cue": _phrase(doc, k + 1, close + 1),
            "content": content,
            "direct": True,
            "hedged": _hedge_in([doc[x] for x in range(max(open_k + 1, k - 6), k)]),
            "sentence": dict(sent),
        })
    return out


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


def find_claims(doc: Doc) -> list[dict]:
    """All attributed and unattributed claims in ``doc`` (Claim dicts without ``id``)."""
    out: list[dict] = []
    prev_quote = None
    prev_claim = None
    hearsay = None  # the X of the last 「Xによりますと」, while later sentences go on with …ということです
    hearsay_end = 0
    prev_plain = None
    text = doc.text
    for s, e in _sentences(doc):
        if prev_claim is not None and prev_claim.get("topic_end") is not None \
                and _PARAGRAPH_BREAK.search(text, prev_claim["topic_end"], doc[s].idx):
            prev_claim = None  # a topic carries over within its paragraph only (not from a headline)
        if hearsay is not None and _PARAGRAPH_BREAK.search(text, hearsay_end, doc[s].idx):
            hearsay = None  # hearsay goes on within its paragraph
        found = _sentence_claims(doc, s, e, prev_quote, prev_claim, hearsay,
                                 prev_plain if prev_plain and not _PARAGRAPH_BREAK.search(
                                     text, doc[prev_plain[1] - 1].idx, doc[s].idx) else None)
        out.extend(found)
        prev_quote = _bare_quote(doc, s, e)
        # a sentence that reports nothing and ends in 。 may be sourced by the next one (…。関係者が明らかにした)
        prev_plain = (s, e) if not found and doc[e - 1].text in _FINAL else None
        # a following sentence with no subject (そのうえで「…」と述べました) continues the last speaker,
        # or the person or body the last sentence was about (霧ノ峰は…。インタビューでは「…」と語りました)
        attributed = [c for c in found if c["speaker"] is not None]
        if attributed:
            prev_claim = attributed[-1]
            sp = prev_claim["speaker"]
            hearsay = sp if _by_relation(doc, sp) else None
        else:
            topic = None if found else _sentence_topic(doc, s, e)
            end = doc[e - 1].idx + len(doc[e - 1].text)
            prev_claim = {"speaker": topic, "sources": [], "topic_end": end} if topic else None
        hearsay_end = doc[e - 1].idx + len(doc[e - 1].text)
    return out


def _sentence_topic(doc: Doc, s: int, e: int) -> dict | None:
    """The agent a sentence opens with (Xは / Xが, a person or a body), as a speaker dict."""
    buns = _bunsetus(doc, s, e)
    for k, b in enumerate(buns[:4]):
        tp = _topic_particle(b)
        if tp in ("は", "が") and _is_agent(b.content) and (
            _mentioned_agent(b.content[-1]) or _is_title(b.content[-1].text)  # 外相は…。「…」と語った
        ):
            return _speaker_from_bun(buns, k)
        if b.ends_with_comma and tp is None and not _is_time(b) and _is_connective(buns, k) == 0:
            return None
    return None


def _mentioned_agent(head: Token) -> bool:
    """A person or organization found by the entity rules heads the phrase ending at this token:
    it ends there, or only a title follows it (高森被告, 鈴木前社長: the mention covers the name only)."""
    doc = head.doc
    mentions = doc._.kp_mentions if doc.has_extension("kp_mentions") else None
    if not mentions:
        return False
    end = head.idx + len(head.text)
    text = doc[max(0, head.i - 12):head.i + 1].text[-12:]  # (a span: Doc.text rebuilds the whole string)
    return any(
        m["category"] in ("person", "organization") and m["end"] <= end
        and (m["end"] == end or (end - m["end"] <= len(text) and _is_title(text[len(text) - (end - m["end"]):])))
        for m in mentions
    )


def _is_title(text: str) -> bool:
    return text in lexicon.prefixed_titles()


Doc.set_extension("kp_claims", default=None, force=True)


@Language.factory("kp_claims")
def make_claims_component(nlp: Language, name: str):
    def kp_claims(doc: Doc) -> Doc:
        doc._.kp_claims = find_claims(doc)
        return doc

    return kp_claims
