"""Who can speak, and where the text names them.

A speaker is an agent-like noun phrase: a proper noun, an organization or title head, a named entity, people
counted, or the topic the parser makes subject of the report. Its extent takes in a bare name before it
(キム・ジョンウン(金正恩) + 総書記), a generic head's one modifier (韓国の + 中央銀行) and joined conjuncts
(警察や消防)."""
from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc, Token

from ... import lexicon

from .model import Cue, Part, Span
from .vocab import _AGENT_ENT_LABELS, _PERSON_COUNT, vocab
from .sentence import _Bun, _bun_of, _bunsetus, _is_katakana_word, _is_proper, _is_punct, _lemma
from .phrases import _is_connective, _is_time, _is_title, _topic_particle


@lru_cache(maxsize=None)
def _anaphor_table() -> dict[str, tuple[tuple[str, str], ...]]:
    """anaphor -> ((categories, constraint), …) from ``claims/anaphors.txt``."""
    out: dict[str, list[tuple[str, str]]] = {}
    for row in lexicon.table("claims/anaphors.txt"):
        out.setdefault(row[0], []).append((row[1], row[2] if len(row) > 2 else ""))
    return {k: tuple(v) for k, v in out.items()}


def anaphor_rules(text: str) -> tuple[tuple[str, str], ...]:
    """What the word ``text`` may refer back to: (categories, constraint) pairs; () when it is no anaphor."""
    table = _anaphor_table()
    if text in table:
        return table[text]
    if len(text) >= 2 and text[0] == "同" and text[1:] in lexicon.prefixed_titles():
        return tuple((cats, c.replace("*", text[1:])) for cats, c in table.get("同*", ()))
    return ()


def _is_anaphor(np: list[Token]) -> bool:
    """The phrase is a word that refers back (同社 may be one token or 同 + 社)."""
    return bool(np) and bool(anaphor_rules(np[-1].text) or anaphor_rules("".join(t.text for t in np[-2:])))


def _plain_head(head: Token) -> bool:
    """A common noun of things (政策, 問題) heading the phrase: no person or body, unless kp found one there."""
    return head.pos_ == "NOUN" and head.tag_ == "名詞-普通名詞-一般" and len(head.text) >= 2 \
        and not _is_proper(head) and not _mentioned_agent(head) and _lemma(head) not in vocab("media_heads")


def _is_agent(np: list[Token]) -> bool:
    if not np:
        return False
    head = np[-1]
    if _PERSON_COUNT.fullmatch(head.text) or _PERSON_COUNT.fullmatch("".join(t.text for t in np[-2:])):
        return True  # 住民の一人は, 2人は, 元社員ら12人が: people counted
    if _is_title(head.text):
        return True  # ストランド事務総長は: a title word heads a person
    if _is_anaphor(np):
        return True  # 同氏, 同社, 同紙, 彼女: a person or body named earlier (discourse.py resolves it)
    if _lemma(head) in vocab("agent_nouns") or head.text in vocab("agent_nouns"):
        return True
    if any(head.text.endswith(w) for w in vocab("agent_nouns") if len(w) >= 2):
        return True
    if len(head.text) >= 2 and head.text[-1] in vocab("agent_suffixes") and head.pos_ in ("NOUN", "PROPN") \
            and "副詞" not in head.tag_:
        return True
    if any(_is_proper(t) for t in np) and not _plain_head(head):
        return True  # (対EU政策: a proper modifier of a plain noun names no one)
    if head.ent_type_ in _AGENT_ENT_LABELS:
        return True
    # a person or organization the entity rules found (kp_entities runs before kp_claims)
    mentions = head.doc._.kp_mentions if head.doc.has_extension("kp_mentions") else None
    if mentions:
        end = head.idx + len(head.text)
        return any(m["category"] in ("person", "organization") and m["start"] < end and head.idx < m["end"]
                   for m in mentions)
    return False


def _subject_of_cue(buns: list[_Bun], b: _Bun, cue: "Cue") -> bool:
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


def _phrase(doc: Doc, s: int, e: int) -> Span:
    span = doc[s:e]
    return Span(span.text, span.start_char, span.end_char)


def _np_dict(doc: Doc, s: int, e: int) -> Part:
    """The speaker Part of the noun phrase doc[s:e], anonymous when it names no one (関係者, 2人)."""
    span = doc[s:e]
    head = doc[e - 1]
    anon = vocab("anonymous")
    anonymous = _lemma(head) in anon or head.text in anon or any(
        head.text.endswith(w) for w in anon if len(w) >= 2
    ) or head.text == "筋" or bool(_PERSON_COUNT.fullmatch(head.text)) or (
        s > 0 and doc[s - 1].text == "ある" and doc[s - 1].pos_ == "DET"  # ある外資系証券のアナリスト
    )
    return Part(span.text, span.start_char, span.end_char, anonymous=bool(anonymous))


# --------------------------------------------------------------------------- claims
def _report_noun(b: _Bun) -> str | None:
    """``alone`` or ``never`` when bunsetu b is headed by a noun naming a report (発表, 声明, ところ), else None."""
    if not b.content:
        return None
    head = b.content[-1]
    table = _report_nouns()
    return table.get(_lemma(head)) or table.get(head.text)


@lru_cache(maxsize=None)
def _report_nouns() -> dict[str, str]:
    """noun -> ``alone`` | ``never``: source_nouns.txt (all ``alone``) and report_nouns.txt."""
    table = {noun: "alone" for noun in lexicon.words("claims/source_nouns.txt")}
    table.update(lexicon.mapping("claims/report_nouns.txt"))
    return table


def _report_agent(buns: list[_Bun], k: int, stop_at: int | None = None) -> int | None:
    """The bunsetu of X when bunsetu k is a report noun: Xの + 発表, Xが + 伝えた + ところ, Xが + 出した + 声明."""
    lo = 0 if stop_at is None else stop_at
    j = k - 1
    if j < lo or buns[j].ends_with_comma:
        return None
    if buns[j].tail_lemmas == ("の",) and _is_agent(buns[j].content):
        return j
    last = buns[j].content[-1] if buns[j].content else None
    if last is None or last.pos_ not in ("VERB", "AUX"):
        return None
    for x in range(j - 1, max(lo, j - 4) - 1, -1):  # the subject of the clause that qualifies the noun
        if _topic_particle(buns[x]) in ("が", "の") and _is_agent(buns[x].content):
            return x
        if buns[x].ends_with_comma:
            break
    return None


def _speaker_from_bun(buns: list[_Bun], k: int, stop_at: int | None = None) -> Part:
    """The speaker Part of the noun phrase headed in bunsetu k; the author X of a report noun (Xの発表)."""
    if _report_noun(buns[k]) is not None:
        agent = _report_agent(buns, k, stop_at)
        if agent is not None:
            return _speaker_from_bun(buns, agent, stop_at)
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


def _sentence_topic(doc: Doc, s: int, e: int) -> Part | None:
    """The agent a sentence opens with (Xは / Xが, a person or a body), as a speaker Part."""
    buns = _bunsetus(doc, s, e)
    for k, b in enumerate(buns[:4]):
        tp = _topic_particle(b)
        if tp in ("は", "が") and _is_agent(b.content) and (
            _mentioned_agent(b.content[-1]) or _is_title(b.content[-1].text)  # 外相は…。「…」と語った
            or _is_anaphor(b.content)  # 同社は…。「…」と話した
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
