"""Claims across sentences: a :class:`Discourse` record carries what earlier sentences established.

Sentences are split by us (after 。！？ outside brackets, and at line breaks), so a quotation of several
sentences stays one claim. The record holds the salient speakers of the text read so far and resolves, with
one mechanism, every speaker the sentence itself does not name:

* a report with no subject (そのうえで「…」と述べました) continues the last speaker (across paragraphs too:
  news prints a sentence a paragraph), or the person or body the paragraph's last sentence was about (its
  topic, which lasts its paragraph);
* a paragraph that opens with 「Xによりますと」 goes on reporting X in its hearsay sentences (…ということです);
* 「…」。Xはこう述べました takes the quote of the previous sentence; …。関係者が明らかにした sources it;
* a word that refers back (同氏, 同社, 同省, 同相, 彼女: ``data/claims/anaphors.txt``) names the nearest
  compatible person or body: the last speaker or the topic if they fit, else the nearest earlier mention;
* a title alone (知事は, 首相は) names the one person of the article who holds it (none when several do).

A speaker carried over from an earlier sentence has no span of its own (``start``/``end`` None) and says
where it was named (``resolved_from``); a word that refers back keeps its own span and gains
``resolved_from``. Where nothing fits the speaker stays as written, or null: a guess is worse than a gap.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.tokens import Doc

from ... import lexicon
from .model import Antecedent, Claim, Part, Span
from .reports import _sentence_claims
from .sentence import _FINAL, _PARAGRAPH_BREAK, _bare_quote, _sentences
from .sources import _by_relation
from .speaker import _sentence_topic, anaphor_rules
from .vocab import vocab

_HEARSAY = ("という", "ということ", "とのこと", "とされ")  # cues that leave a newspaper's report its own
_MEDIA_ENDS = ("紙", "誌")


@dataclass(frozen=True)
class Referent:
    """A person, body or place the entity rules found (``kp_mentions``), with the titles written after it."""

    start: int
    end: int
    text: str
    category: str
    kind: str
    titles: frozenset[str] = frozenset()

    @property
    def span(self) -> Span:
        return Span(self.text, self.start, self.end)


def fits(r: Referent, categories: str, constraint: str) -> bool:
    """Whether referent ``r`` is something an anaphor of this category and constraint can name."""
    if r.category not in categories.split(","):
        return False
    key, _, value = constraint.partition("=")
    if key == "kind":
        return r.kind == value
    if key == "ends":
        return r.text.endswith(value)
    if key == "title":
        return any(t.endswith(value) for t in r.titles)
    return True


def _titles() -> frozenset[str]:
    """Title words (entities/titles.txt with their prefixes) and the roles of claims/roles.txt (機長)."""
    return lexicon.prefixed_titles() | frozenset(lexicon.words("claims/roles.txt"))


def referents(doc: Doc) -> list[Referent]:
    """The people, bodies and places of ``doc`` in text order, each with the titles written right after it
    (橋下徹 + 知事) or given by the entity rules."""
    mentions = doc._.kp_mentions if doc.has_extension("kp_mentions") else None
    titles = _titles()
    longest = max((len(t) for t in titles), default=0)
    out = []
    for m in mentions or []:
        if m.get("category") not in ("person", "organization", "place"):
            continue
        after = doc.text[m["end"]:m["end"] + longest].lstrip("・ ")
        written = {after[:n] for n in range(1, len(after) + 1) if after[:n] in titles}
        out.append(Referent(m["start"], m["end"], doc.text[m["start"]:m["end"]], m["category"],
                            m.get("kind") or "", frozenset(written | set(m.get("titles") or ()))))
    return sorted(out, key=lambda r: (r.start, -r.end))


@dataclass
class Discourse:
    """What the sentences read so far leave for the next one: the record of salient speakers."""

    doc: Doc
    prev_quote: tuple[int, int] | None = None  # the last sentence when it was only a quotation 「…」
    carried: Antecedent | None = None  # whom a subjectless report continues (the last reporter, or the topic)
    carried_end: int = 0  # where the sentence that set ``carried`` ends (a topic lasts its paragraph)
    hearsay: Part | None = None  # the X of the paragraph's 「Xによりますと」 (a source Part), while …という goes on
    hearsay_end: int = 0
    prev_plain: tuple[int, int] | None = None  # the last sentence when it reported nothing
    seen: list[Referent] = field(default_factory=list)  # every person, body and place of the text
    salient: list[Span] = field(default_factory=list)  # the latest speakers and topics, the latest last

    def __post_init__(self) -> None:
        self.seen = referents(self.doc)

    def _new_paragraph_since(self, end: int, start: int) -> bool:
        return bool(_PARAGRAPH_BREAK.search(self.doc.text, end, start))

    def before(self, s: int) -> None:
        """Forget what does not reach the sentence starting at token s: the topic and the hearsay source last
        their paragraph; the last reporter goes on until another speaks."""
        start = self.doc[s].idx
        if self.carried is not None and self.carried.topic and self._new_paragraph_since(self.carried_end, start):
            self.carried = None
        if self.hearsay is not None and self._new_paragraph_since(self.hearsay_end, start):
            self.hearsay = None
        if self.prev_plain and self._new_paragraph_since(self.doc[self.prev_plain[1] - 1].idx, start):
            self.prev_plain = None

    def after(self, s: int, e: int, found: list[Claim]) -> None:
        """Record what the sentence doc[s:e] established."""
        doc = self.doc
        end = doc[e - 1].idx + len(doc[e - 1].text)
        self.prev_quote = _bare_quote(doc, s, e)
        # a sentence that reports nothing and ends in 。 may be sourced by the next one (…。関係者が明らかにした)
        self.prev_plain = (s, e) if not found and doc[e - 1].text in _FINAL else None
        # a following sentence with no subject (そのうえで「…」と述べました) continues the last speaker,
        # or the person or body the last sentence was about (霧ノ峰は…。インタビューでは「…」と語りました)
        attributed = [c for c in found if c.speaker is not None]
        if attributed:
            last = attributed[-1]
            sp = last.speaker
            assert sp is not None
            self.carried = Antecedent(sp.carried(), tuple(x.carried() for x in last.sources))
            relation = _by_relation(doc, sp)
            if relation:
                self.hearsay = sp.carried().as_source(relation)
            elif sp.written or self.hearsay is None or sp.text != self.hearsay.text:
                self.hearsay = None
            self._note(sp)
        else:
            topic = None if found else _sentence_topic(doc, s, e)
            if topic is not None:
                topic = self.resolve(topic)
                self._note(topic)
            self.carried = Antecedent(topic.carried(), topic=True) if topic else None
        self.carried_end = end
        self.hearsay_end = end

    def _note(self, part: Part) -> None:
        span = part.resolved_from or (Span(part.text, part.start, part.end) if part.written else None)
        if span is not None:
            self.salient = [x for x in self.salient if x != span][-4:] + [span]

    def media_source(self, claim: Claim) -> None:
        """産経新聞によると、…としており / 共同通信によれば、…と述べた with no subject: a newspaper reports
        what the paragraph's last speaker said; it is the source, that speaker the speaker. (Hearsay, …という,
        stays the newspaper's own report.)"""
        sp, carried = claim.speaker, self.carried
        if sp is None or not sp.written or carried is None or carried.topic or carried.speaker is None:
            return
        relation = _by_relation(self.doc, sp)
        cue = claim.cue.text.lstrip("」")
        if not relation or cue.startswith("によ") or cue.startswith(_HEARSAY) or cue.endswith("として") \
                or not self._is_media(sp):  # (…発見されたとして閉鎖された: a reason, not a report)
            return
        if carried.speaker.text == sp.text or self._is_media(carried.speaker):
            return
        claim.sources = [sp.as_source(relation)] + claim.sources
        claim.speaker = carried.speaker

    def _is_media(self, part: Part) -> bool:
        span = part.resolved_from or Span(part.text, part.start or 0, part.end or 0)
        r = self._head_referent(span)
        return (r is not None and r.kind == "media") or part.text.endswith(_MEDIA_ENDS) \
            or any(part.text.endswith(h) for h in vocab("media_heads"))

    # --- references back
    def resolve(self, part: Part) -> Part:
        """``part`` with ``resolved_from`` when it refers back (同氏, 同社, a title alone) and its antecedent
        is found; unchanged otherwise."""
        if not part.written or part.resolved_from is not None:
            return part
        assert part.start is not None
        rules = anaphor_rules(part.text)
        found = self._antecedent(rules, part.start) if rules else self._title_holder(part.text, part.start)
        return replace(part, resolved_from=found) if found is not None else part

    def _head_referent(self, span: Span) -> Referent | None:
        """The referent heading a speaker phrase: the last one inside it."""
        inside = [r for r in self.seen if span.start <= r.start and r.end <= span.end]
        return inside[-1] if inside else None

    def _antecedent(self, rules: tuple[tuple[str, str], ...], at: int) -> Span | None:
        """The latest salient speaker or topic that fits, else the nearest earlier mention that fits."""
        if any(c == "pair" for _, c in rules):
            return self._pair(at)
        for span in reversed(self.salient):
            r = self._head_referent(span)
            if span.end <= at and r is not None and any(fits(r, cats, c) for cats, c in rules):
                return span
        for r in reversed(self.seen):
            if r.end <= at and any(fits(r, cats, c) for cats, c in rules):
                return r.span
        return None

    def _pair(self, at: int) -> Span | None:
        """両氏, 両首脳: the latest speaker phrase naming two people (岸田首相とバイデン大統領は), else the
        last two people named before ``at`` when they stand close together (in one phrase or clause)."""
        for span in reversed(self.salient):
            inside = {r.text for r in self.seen if r.category == "person" and span.start <= r.start
                      and r.end <= span.end}
            if span.end <= at and len(inside) == 2:
                return span
        people = [r for r in self.seen if r.category == "person" and r.end <= at]
        if len(people) >= 2 and people[-2].text != people[-1].text and people[-1].start - people[-2].end <= 12:
            a, b = people[-2], people[-1]
            return Span(self.doc.text[a.start:b.end], a.start, b.end)
        return None

    def _title_holder(self, text: str, at: int) -> Span | None:
        """A title alone (知事, 首相): the one person of the article who holds it, at their latest mention
        before ``at`` (or their first, when named only later)."""
        if text not in _titles():
            return None
        holders = [r for r in self.seen if r.category == "person" and text in r.titles]
        if len({r.text for r in holders}) != 1:
            return None
        before = [r for r in holders if r.end <= at]
        return (before[-1] if before else holders[0]).span


def find_claims_typed(doc: Doc) -> list[Claim]:
    """All attributed and unattributed claims in ``doc``, in sentence order."""
    out: list[Claim] = []
    record = Discourse(doc)
    for s, e in _sentences(doc):
        record.before(s)
        found = _sentence_claims(doc, s, e, record.prev_quote, record.carried, record.hearsay, record.prev_plain)
        for c in found:
            record.media_source(c)
            if c.speaker is not None:
                c.speaker = record.resolve(c.speaker)
            c.sources = [record.resolve(x) for x in c.sources]
        out.extend(found)
        record.after(s, e, found)
    return out


def find_claims(doc: Doc) -> list[dict]:
    """All attributed and unattributed claims in ``doc`` (Claim dicts without ``id``)."""
    return [c.to_dict() for c in find_claims_typed(doc)]
