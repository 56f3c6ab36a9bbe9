"""Find time expressions in a parsed Doc and resolve them with :func:`kimputin_cli.date_normalize.normalize`.

Detection: a token may belong to a time expression if a Matcher recognises it as a date
fragment (numerals, counters 年/月/日/時, relative words such as ことし, おととし, 先月末,
きのう, era names, parts 末/上旬, anaphors 同日/翌月, seasons, parts of the day); a の between two candidates is
one too (去年の夏).  Consecutive candidate tokens form runs; each run is cut, left to right, into the longest
token spans the date grammar accepts as a whole (``2019年4月以来`` -> ``2019年4月``; ``去年11月`` stays one
span).  Spans the grammar does not accept (``2回``, ``1対1``) are dropped; real expressions that cannot be
resolved (relative, no reference date) are kept with ``value: None``.

Then, in this order:
  * ranges: ``1～3月``, ``2024年4〜6月期``, ``3月1～5日``, ``7月から9月``, ``9月5-6日`` stay two mentions, one per
    end, valued by :func:`kimputin_cli.date_normalize.normalize_range` (the bare left end ``1`` gets its unit, the right
    end the left one's year); two days written as one (``7月20・21日``, ``8月10・11・12日``) are read the same way,
    the list's first and last day; ``1956-58年``, ``1965年から73年`` give the two-digit end the left one's century.
  * context: each mention not in a range is re-read from the words around it
    (:func:`kimputin_cli.date_normalize.in_context`): 就任2年目 is dropped, 1日あたり / 1日の平均 / 1日に3回 become a set
    ``P1D`` (per day), 発売から2日で a duration ``P2D``, 江戸時代前期 and an index's base year (2020年＝100,
    2020年基準) are dropped.
  * drops: a date directly followed by a word in ``data/dates/blocking_suffixes.txt`` (3月期決算, 5月号,
    3日目) unless it ends a range (4～6月期) or the context explained it; a mention overlapping an idiom of
    ``data/dates/not_dates.txt`` (一日も早く); a school year taken for a duration (高校2年, 選手(3年), 3年生).
  * anaphors (同日, 同日夜, 翌日, 前日, 同月, 翌月, 同年, 翌年, 前年同期) resolve against the most recent
    preceding mention with a calendar value (``value: None`` when there is none) that is no comparison base:
    前月比, 前年同月(比), 前期比, 前月から拡大 resolve but anchor nothing (9月の生産は前月比…。前年同月比では…:
    前年同月 is 2024-09, see :func:`kimputin_cli.date_normalize.is_comparison`); 前期 after a quarter (7～9月期) or a
    fiscal period (2025年3月期) is read against it (:func:`kimputin_cli.date_normalize.after_period`); a bare date right after
    another one and の takes its year or month from it (翌月の6月, 前日の1日, 先月の25日); a bare clock time
    (午前4時ごろ) takes the day of the most recent mention naming a day (17日 -> ``2025-09-17T04:00``), unless a
    coarser date (去年3月) came after that day in an earlier sentence; with none it stays ``T04:00``.  In an
    article split into pieces (very long ones) the anchor crosses a piece boundary only when the caller passes
    the earlier pieces' mentions (``find_dates(doc, ref, before=...)``).

  * the timeline: a bare date (25日, 11月, 12月24日) that no rule above resolved is placed by
    :func:`kimputin_cli.date_normalize.across_zones` (a day in a time-zone gloss of the date just before it:
    ``10月27日夕方(日本時間は28日午前)``; zone words in ``data/dates/time_zones.txt``),
    :func:`kimputin_cli.date_normalize.in_narrative` (a past narrative's or a coming schedule's year) and
    :func:`kimputin_cli.date_normalize.by_tense` (the previous month or year in a clause in the past), reading the clause
    from GiNZA's dependency tree (:func:`_clause`: the tense, ``data/dates/plan_words.txt`` for plans, whether the
    date is the clause's time or a noun's modifier, whether the clause is a relative one); a repeated bare date
    keeps the place it was given, a list of days (16日、17日) shares a month, and the right end of a range moves
    with its left end.  Headline dates (the first line, before a blank line) anchor nothing.

Not done here: bare weekdays (``月曜日``) are not resolved.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.matcher import Matcher
from spacy.tokens import Doc

from . import lexicon
from .date_normalize import (DateValue, across_zones, after_period, bare_unit, by_tense, fragment_pattern,
                                 in_context, in_narrative, is_comparison, moved, normalize, normalize_range, with_day,
                                 year_in_century)

__all__ = ["find_dates", "MAX_SPAN_TOKENS"]

# the longest expression we try, in tokens (平成 31 年 4 月 30 日 ( 月 ) 午前 10 時 半 = 14)
MAX_SPAN_TOKENS = 16


@lru_cache(maxsize=None)
def _blocking_suffixes() -> frozenset[str]:
    return frozenset(lexicon.words("dates/blocking_suffixes.txt"))


_MATCHERS: dict[int, Matcher] = {}


def _matcher(doc: Doc) -> Matcher:
    key = id(doc.vocab)
    if key not in _MATCHERS:
        m = Matcher(doc.vocab)
        m.add("KP_DATE_FRAGMENT", [[{"TEXT": {"REGEX": fragment_pattern()}}]])
        _MATCHERS[key] = m
    return _MATCHERS[key]


def _candidate_mask(doc: Doc) -> list[bool]:
    mask = [False] * len(doc)
    for _, start, end in _matcher(doc)(doc):
        for i in range(start, end):
            mask[i] = True
    for tok in doc:  # a space may sit inside an expression (2023年 9月11日 19時05分); a line break may not
        if tok.is_space:
            inner = 0 < tok.i < len(doc) - 1 and mask[tok.i - 1] and mask[tok.i + 1]
            mask[tok.i] = inner and "\n" not in tok.text
    for tok in doc:  # so may の (去年の夏, 前の年の同じ時期); the grammar decides
        if tok.text == "の" and 0 < tok.i < len(doc) - 1 and mask[tok.i - 1] and mask[tok.i + 1]:
            mask[tok.i] = True
    return mask


def _runs(doc: Doc, mask: list[bool]) -> list[tuple[int, int]]:
    """Maximal runs of candidate tokens, split at line breaks."""
    runs: list[tuple[int, int]] = []
    start: int | None = None
    for i, on in enumerate(mask):
        if start is not None and (not on or "\n" in doc[i - 1].whitespace_):
            runs.append((start, i))
            start = None
        if on and start is None:
            start = i
    if start is not None:
        runs.append((start, len(doc)))
    return runs


@lru_cache(maxsize=None)
def _not_dates() -> re.Pattern[str] | None:
    pats = list(lexicon.words("dates/not_dates.txt"))
    return re.compile("|".join(f"(?:{p})" for p in pats)) if pats else None


@lru_cache(maxsize=None)
def _grade_prefixes() -> tuple[str, ...]:
    return tuple(lexicon.words("dates/school_grades.txt"))


@dataclass
class _Found:
    start: int
    end: int
    text: str
    value: DateValue
    blocked: str | None = None  # the blocking word after it (3月期, 5日目): dropped unless a range takes it
    ranged: bool = False  # an end of a range: its value came from normalize_range
    quarter: bool = False  # the last month of a quarter (7～9月期): 前期 after it is the previous quarter
    partner: "_Found | None" = None  # the other end of the range this mention is an end of
    side: str | None = None  # "left" or "right": which end of a range


_RANGE_SEP = "～〜~\\-－–"
# a bare number before a separator: 1～3月, 3月1～5日; and before ・ (two days written as one: 7月20・21日)
_BARE_LEFT = re.compile(rf"([0-9０-９]{{1,2}})[{_RANGE_SEP}・]$")
_CENTURY_LEFT = re.compile(rf"(?<![0-9])([0-9]{{4}})年?(?:[{_RANGE_SEP}]|から)$")
_DAY_LIST = re.compile(r"([0-9０-９]{1,2})(?:・[0-9０-９]{1,2})*・$")
_FULL_LEFT = re.compile(rf"(?:[{_RANGE_SEP}]|から)$")
_ANCHOR = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?(?:T[\d:]+)?$")
_RANK = {"decade": 0, "year": 1, "fiscal_year": 1, "month": 2, "week": 3, "day": 4, "hour": 5, "minute": 5}


def _detect(doc: Doc, ref: dt.date | None) -> list[_Found]:
    """Every span the grammar accepts, left to right, longest first (anaphors still unresolved)."""
    found: list[_Found] = []
    for run_start, run_end in _runs(doc, _candidate_mask(doc)):
        i = run_start
        while i < run_end:
            hit = None
            for j in range(min(run_end, i + MAX_SPAN_TOKENS), i, -1):
                span = doc[i:j]
                if span[0].is_space or span[-1].is_space:
                    continue
                value = normalize(span.text, ref)
                if value is not None:
                    hit = (span, value)
                    break
            if hit is None:
                i += 1
                continue
            span, value = hit
            blocked = None
            if span.end < len(doc) and doc[span.end].text in _blocking_suffixes() and value.kind == "date":
                blocked = doc[span.end].text  # 3月期, 5月号, 1日あたり, 3日目: not a calendar date
            found.append(_Found(span.start_char, span.end_char, span.text, value, blocked))  # (not doc.text:
            # spaCy rebuilds the whole text on each access)
            i = span.end
    return sorted(found, key=lambda f: f.start)


def _join_ranges(found: list[_Found], text: str, ref: dt.date | None) -> list[_Found]:
    """Give both ends of ``1～3月``, ``2024年4〜6月期``, ``7月から9月`` their values (a range is two mentions)."""
    by_end = {f.end: f for f in found}
    removed: set[int] = set()
    added: list[_Found] = []
    for right in found:
        if right.value.kind != "date" or right.value.granularity not in ("month", "day") or id(right) in removed:
            continue
        if right.blocked not in (None, "期"):
            continue
        quarter = right.blocked == "期"
        before = text[:right.start]
        m = _BARE_LEFT.search(before)
        if m and before.endswith("・"):  # 8月10・11・12日: the list's first day and its last are its two ends
            m = _DAY_LIST.search(before)
        if m:  # 1～3月, 2024年4～6月期, 3月1～5日: the left end is a number, maybe after a year or month
            num_start, num_end = m.start(1), m.end(1)
            prev = by_end.get(num_start)
            tries = []
            if prev is not None and id(prev) not in removed:
                tries.append((prev.start, prev))
            if num_start == 0 or not text[num_start - 1].isdigit():
                tries.append((num_start, None))
            for left_start, merged in tries:
                pair = normalize_range(text[left_start:num_end], right.text, ref, quarter)
                if pair is None:
                    continue
                if merged is not None:
                    removed.add(id(merged))
                left_end = _Found(left_start, num_end, text[left_start:num_end], pair[0], ranged=True,
                                  partner=right, side="left")
                added.append(left_end)
                right.value, right.ranged, right.blocked, right.quarter = pair[1], True, None, quarter
                right.partner, right.side = left_end, "right"
                break
            continue
        m = _FULL_LEFT.search(before)
        left = by_end.get(m.start()) if m else None
        if left is not None and id(left) not in removed and left.blocked is None:
            pair = normalize_range(left.text, right.text, ref, quarter)
            if pair is not None:
                right.value, right.ranged, right.blocked, right.quarter = pair[1], True, None, quarter
                right.partner, right.side = left, "right"
                left.partner, left.side = right, "left"
    for right in found:  # 1956-58年, 1965年から73年: a two-digit right end in the left one's century
        if right.value.kind == "duration" and id(right) not in removed:
            m = _CENTURY_LEFT.search(text[:right.start])
            if m:
                end = year_in_century(right.text, int(m[1]))
                if end is not None:
                    right.value, right.ranged = end, True
                    if m[0][4:5] != "年":  # 1956-58年: the left end has no 年 of its own and was no mention
                        added.append(_Found(m.start(1), m.end(1), m[1], DateValue(m[1], "date", "year"),
                                            ranged=True))
    out = [f for f in found if id(f) not in removed] + added
    return sorted(out, key=lambda f: f.start)


def _school_grade(f: _Found, doc: Doc) -> bool:
    """高校2年, 中学3年の生徒, 佐々木蓮選手(3年), 3年生: a school year, not a duration."""
    if f.value.kind != "duration":
        return False
    m = re.fullmatch(r"([0-9０-９]{1,2})年", f.text)
    if not m:
        return False
    text = doc.text
    if text[:f.start].endswith(_grade_prefixes()) or text[f.end:f.end + 1] == "生":
        return True
    if text[f.start - 1:f.start] in ("(", "（") and text[f.end:f.end + 1] in (")", "）", "、", ","):
        return int(m.group(1).translate(str.maketrans("０１２３４５６７８９", "0123456789"))) <= 6
    return False


def _anchor_date(value: DateValue) -> dt.date | None:
    """The first day of a calendar value (2022-06 -> 2022-06-01), for a bare date in apposition."""
    if value.value is None or value.kind not in ("date", "time") or not _ANCHOR.match(value.value):
        return None
    v = value.value
    return dt.date(int(v[:4]), int(v[5:7]) if len(v) >= 7 else 1, int(v[8:10]) if len(v) >= 10 else 1)


def _from_mention(m: dict[str, Any]) -> DateValue:
    return DateValue(m.get("value"), m.get("kind", "date"), m.get("granularity"), m.get("part"),
                     bool(m.get("relative")))


def _is_day(v: DateValue) -> bool:
    """Does ``v`` name one day (2025-09-17, 2025-09-17T10:00)?"""
    a = _anchor_date(v)
    return a is not None and v.value is not None and len(v.value) >= 10


_SAME_DAY = ("同日", "当日", "この日")


# between two days of one list (16日、17日、18日; 5日と6日)
_LIST_SEPARATORS = frozenset({"、", ",", "，", "・", "と", "や", "及び", "および"})


def _headline_end(text: str) -> int:
    """Where the headline ends: the first line, when a blank line follows it (the layout of kp's articles), else 0."""
    m = re.match(r"[^\n]{1,200}\n[ \t\u3000]*\n", text)
    return m.end() if m else 0


def _rule_text(f: _Found) -> str:
    """The text the timeline rules read: a range's bare left end gets its unit (``7月20`` of 7月20・21日 ->
    ``7月20日``, ``1`` of 1～3月 -> ``1月``)."""
    if f.side == "left" and f.text[-1:].isdigit() and f.partner is not None:
        return f.text + ("月" if f.partner.value.granularity == "month" else "日")
    return f.text


def _on_timeline(f: _Found, v: DateValue, prev: _Found | None, anchor: DateValue | None,
                 anchor_found: _Found | None, text: str, ref: dt.date, clause, placed: dict,
                 in_story: set[int]) -> DateValue:
    """A bare date (25日, 11月, 12月24日) placed on the article's timeline: in a time-zone gloss of the date just
    before it (:func:`kimputin_cli.date_normalize.across_zones`), in the year of a narrative or schedule
    (:func:`kimputin_cli.date_normalize.in_narrative`), else by the tense of its clause
    (:func:`kimputin_cli.date_normalize.by_tense`); when none of these moves it, where the same bare date was placed
    earlier in the article (31日に表明した … 31日の発言 -> the same 31st).  ``placed`` records the moves;
    ``in_story`` the mentions placed in a narrative's or schedule's year (and the anaphors resolved against them),
    which carry that year on."""
    rule_text = _rule_text(f)
    unit = bare_unit(rule_text)
    if unit is None:
        return v
    if (unit == "month" and prev is not None and _is_day(prev.value) and f.start - prev.end <= 40
            and any(w in text[prev.end:f.start] for w in _time_zones())):
        return across_zones(rule_text, v, prev.value)
    c = clause(f)
    told = anchor_found is not None and not clause(anchor_found).relative
    placed_anchor = anchor_found is not None and id(anchor_found) in in_story
    tense = c.tense if c.direct else None  # 2月4日の決勝に駒を進めた: the final is not what happened
    near = anchor_found is not None and len(_SENTENCE_END.findall(text[anchor_found.end:f.start])) <= 5
    out = in_narrative(rule_text, v, anchor, ref, tense, told, placed_anchor, near)
    if out is not v:
        in_story.add(id(f))
    else:
        out = by_tense(rule_text, v, ref, tense, c.own)[0]
        if out is not v and unit == "month" and anchor is not None:
            out = _in_anchor_month(rule_text, out, anchor, ref)
    key = (_bare_key(rule_text), v.value)
    if out is not v:
        placed[key] = out
    elif key in placed and c.tense != "plan":  # (not a plan: 31日に開く予定 is a 31st still to come)
        out = placed[key]
    return out


_SENTENCE_END = re.compile(r"[。！？!?]\n?|\n")


def _in_anchor_month(text: str, moved_value: DateValue, anchor: DateValue, ref: dt.date) -> DateValue:
    """A bare day moved back by the past tense goes to the month of the preceding date when that is a day of an
    earlier month no later than it (11月21日に拒否した。…22日に許可した, in January: 22 November, not 22 December)."""
    a = _anchor_date(anchor)
    if a is None or not _is_day(anchor) or (a.year, a.month) >= (ref.year, ref.month):
        return moved_value
    other = normalize(text, dt.date(a.year, a.month, 1))
    if other is None or other.value is None or other.warning:
        return moved_value
    day = _anchor_date(other)
    return other if day is not None and day >= a else moved_value


def _moved_by(old: DateValue, new: DateValue) -> tuple[str, int]:
    """How many months a value moved (a range's left end), for its right end to follow."""
    a, b = _ANCHOR.match(old.value or ""), _ANCHOR.match(new.value or "")
    if not a or not b or len(old.value) < 7 or len(new.value) < 7:
        return "month", 0
    n = (int(new.value[:4]) - int(old.value[:4])) * 12 + int(new.value[5:7]) - int(old.value[5:7])
    return "month", n


def _bare_key(text: str) -> str:
    """The digits and units of a bare date, for telling a repeated one (３１日 and 31日 are the same)."""
    return unicodedata.normalize("NFKC", re.sub(r"\s+", "", text))


@lru_cache(maxsize=None)
def _plan_words() -> frozenset[str]:
    return frozenset(lexicon.words("dates/plan_words.txt"))


@lru_cache(maxsize=None)
def _time_zones() -> tuple[str, ...]:
    return tuple(lexicon.words("dates/time_zones.txt"))


_PREDICATE_POS = frozenset({"VERB", "ADJ"})


@dataclass(frozen=True)
class _Clause:
    """How a date sits in its sentence (read from GiNZA's dependency tree)."""

    tense: str | None  # "past", "plan" or None (see _clause)
    direct: bool  # the time of its clause (31日に, 12月、), not a noun's modifier (2月4日の決勝) or a gloss (巡行(17日))
    relative: bool  # its clause is a relative clause on a noun (2004年4月に導入した「…」): background
    own: bool = False  # the past auxiliary is on the first predicate above the date (18日に行われた選挙)


_NO_CLAUSE = _Clause(None, False, False)


def _clause(doc: Doc, f: _Found) -> _Clause:
    """Read up the dependency tree from the date to its clause's predicate.  The tense is ``"plan"`` when a word of
    ``data/dates/plan_words.txt`` comes first (25日に開かれる予定だ, 開催される予定だった), ``"past"`` when a
    predicate with the past auxiliary た does (31日に開かれた会合, 12月に確定し、…服役した), None when a clause
    ends in the non-past first (「25日に会う」と, 25日に開かれる会合), the sentence has no predicate (体言止め) or
    the tree crosses a line (a headline parsed with the first sentence)."""
    span = doc.char_span(f.start, f.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return _NO_CLAUSE
    text = doc.text
    after = text[f.end:f.end + 1]
    direct = after not in ("の", ")", "）") and text[max(0, f.start - 1):f.start] not in ("(", "（")
    tok = span.root
    plan = _plan_words()
    relative: bool | None = None
    for _ in range(24):
        if tok.i >= span.end or tok.i < span.start:
            lo, hi = sorted((tok.idx, f.start))
            if "\n" in text[lo:hi]:
                return _Clause(None, direct, bool(relative))
            if tok.lemma_ in plan or tok.text in plan:
                return _Clause("plan", direct, bool(relative))
            helpers = [c for c in tok.children if c.i > tok.i and c.dep_ in ("aux", "cop")]
            if tok.pos_ in _PREDICATE_POS or helpers:
                first = relative is None
                if first:
                    relative = tok.dep_ == "acl"
                if any(c.lemma_ == "た" for c in helpers):
                    return _Clause("past", direct, bool(relative), first)
                last = max(helpers, key=lambda c: c.i) if helpers else tok
                if "連用形" not in "".join(last.morph.get("Inflection")):
                    return _Clause(None, direct, relative)  # the clause ends here, in the non-past
        if tok.head.i == tok.i:
            break
        tok = tok.head
    return _Clause(None, direct, bool(relative))


def _resolve(found: list[_Found], text: str, ref: dt.date | None, before: list[dict[str, Any]] | None = None,
             clause=lambda f: _NO_CLAUSE) -> None:
    """Anaphors against the preceding resolved date (同日, 翌月, 同年4月, 前年同期), a bare date in apposition after
    a relative one taking its year/month (翌月の6月, 前日の1日, 先月の25日, 去年の11月), and a bare clock time
    (午前4時ごろ) put on the day of the preceding date when that names a day (17日 ... 午前4時 -> 17日の4時).

    ``before``: the mentions of the article's earlier pieces (a long article is parsed in pieces), whose last
    calendar value is the first anchor here.
    """
    anchor: DateValue | None = None
    quarter = False  # the anchor is the last month of a quarter (7～9月期)
    day: DateValue | None = None  # the most recent mention naming a day, for a bare clock time
    day_blocked_at: int | None = None  # a coarser mention after it (去年3月), in an earlier sentence, blocks it
    day_at: int | None = None  # where that mention ends
    for m in before or []:
        v = _from_mention(m)
        if _anchor_date(v) is not None and not is_comparison(m.get("text", ""), v, ""):
            anchor, quarter = v, False
            day = v if _is_day(v) else None
    headline = 0 if before else _headline_end(text)
    anchor_found: _Found | None = None  # the mention the anchor came from (None: from an earlier piece)
    clocked: DateValue | None = None  # the day of the most recent mention with a clock time (16日午前7時)
    prev: _Found | None = None
    moves: dict[int, tuple[str, int]] = {}  # id(left end of a range) -> the (unit, n) its value was moved by
    placed: dict[tuple[str, str | None], DateValue] = {}  # a bare date moved off the reference's month or year
    in_story: set[int] = set()  # ids of mentions placed in a narrative's year, or anaphors of one
    for f in found:
        v = f.value
        if f.side == "right" and f.partner is not None and id(f.partner) in moves:
            if v.relative:  # 7月3日から9月12日: the right end follows its left end's year
                v = moved(v, *moves[id(f.partner)])
                if id(f.partner) in in_story:
                    in_story.add(id(f))
        elif v.anaphoric and not f.ranged:
            # 同日 / 当日 / この日 name a day: after a coarser mention (来月中旬, 2025年3月期) they still mean the
            # last day named, not that month or year
            a = day if f.text.startswith(_SAME_DAY) and day is not None and not _is_day(anchor) else anchor
            v = normalize(f.text, ref, a) or v
            if a is anchor and anchor_found is not None and id(anchor_found) in in_story:
                in_story.add(id(f))  # 当日 after 1月5日 placed in next year's schedule: in that schedule too
        elif v.granularity == "fiscal_year" and not f.ranged and v.relative:
            v = after_period(f.text, v, anchor, quarter)  # 前期 after 7～9月期 or 2025年3月期
        elif (prev is not None and not f.ranged and v.relative and f.text[:1].isdigit()
              and (text[prev.end:f.start] == "の"
                   or text[prev.end:f.start] in (")", "）") and prev.value.granularity == "year")):
            # 翌月の6月, 先月の25日; 2001年(平成13年)5月: the year in brackets before it
            base = _anchor_date(prev.value)
            rank_f, rank_p = _RANK.get(v.granularity or "", -1), _RANK.get(prev.value.granularity or "", 9)
            coarser = rank_p < rank_f or (rank_p == rank_f and not prev.text[:1].isdigit())
            if base is not None and coarser:
                v = normalize(f.text, base) or v
        elif (prev is not None and not f.ranged and bare_unit(f.text) == "month" and _is_day(prev.value)
              and text[prev.end:f.start] in _LIST_SEPARATORS):
            v = normalize(f.text, _anchor_date(prev.value)) or v  # 10月の16日、17日、18日: a list of days
        elif v.kind == "time" and v.value is not None and v.value.startswith("T") and day is not None:
            blocked = day_blocked_at is not None and re.search(r"[。！？!?\n]", text[day_blocked_at:f.start])
            if not blocked:
                # a day named in an earlier sentence gives way to the day of the last clock time: the clock
                # times of an article tell one timeline (16日午前7時過ぎ…17日に会見…7時15分頃 -> the 16th)
                earlier = day_at is not None and re.search(r"[。！？!?\n]", text[day_at:f.start])
                v = with_day(v, clocked if earlier and clocked is not None else day) or v
        elif f.side != "right" and ref is not None:
            v = _on_timeline(f, v, prev, anchor, anchor_found, text, ref, clause, placed, in_story)
            if f.side == "left":
                moves[id(f)] = _moved_by(f.value, v)
        f.value = v
        prev = f
        if is_comparison(f.text, v, text[f.end:f.end + 12]):
            continue  # 前月比, 前年同月, 前月から拡大: the base of a comparison is no anchor
        if f.end <= headline:
            continue  # a date in the headline anchors nothing: the body tells the story again
        if _anchor_date(v) is not None:
            anchor, quarter, anchor_found = v, f.quarter, f
            if v.kind == "time" and _is_day(v):
                clocked = v
            if _is_day(v):
                day, day_blocked_at, day_at = v, None, f.end
            elif day is not None and day_blocked_at is None:
                day_blocked_at = f.end


def _in_context(found: list[_Found], text: str, ref: dt.date | None = None) -> list[_Found]:
    """Each (non-range) mention re-read from the words around it (:func:`kimputin_cli.date_normalize.in_context`):
    就任2年目 dropped, 1日あたり/1日の平均 a set P1D, 発売から2日で a duration P2D, 江戸時代前期 dropped."""
    out: list[_Found] = []
    for f in found:
        if f.ranged:
            out.append(f)
            continue
        v = in_context(f.text, f.value, text[max(0, f.start - 8):f.start], text[f.end:f.end + 12], ref)
        if v is None:
            continue
        if v is not f.value:
            f.value, f.blocked = v, None  # the words after it are explained (1日あたり)
        out.append(f)
    return out


def find_dates(doc: Doc, ref: dt.date | None, before: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """DateMention dicts for every time expression in ``doc``, sorted by start, non-overlapping.

    ``before``: the date mentions already found in the article's earlier pieces (for an article parsed in
    pieces), so that an anaphor (同日) or a bare clock time at the start of this piece resolves against them.

    Each is ``{"start", "end", "text", "value", "kind", "granularity", "part", "relative"}`` with character
    offsets into ``doc.text`` (``text == doc.text[start:end]``), plus ``"warning"`` when the value is doubtful
    (a bracketed weekday disagreeing with the date, a day the month does not have, a date outside its era) and
    ``"season"`` for a season (来春 -> "spring", value the year).
    """
    text = doc.text
    found = _in_context(_join_ranges(_detect(doc, ref), text, ref), text, ref)
    not_dates = _not_dates()
    idioms = [m.span() for m in not_dates.finditer(text)] if not_dates else []
    found = [f for f in found
             if f.blocked is None and not _school_grade(f, doc)
             and not any(a < f.end and f.start < b for a, b in idioms)]
    clauses: dict[int, _Clause] = {}

    def clause(f: _Found) -> _Clause:
        if id(f) not in clauses:
            clauses[id(f)] = _clause(doc, f)
        return clauses[id(f)]

    _resolve(found, text, ref, before, clause)
    mentions: list[dict[str, Any]] = []
    for f in found:
        value = f.value
        mention: dict[str, Any] = {
            "start": f.start,
            "end": f.end,
            "text": f.text,
            "value": value.value,
            "kind": value.kind,
            "granularity": value.granularity,
            "part": value.part,
            "relative": value.relative,
        }
        if value.warning:
            mention["warning"] = value.warning
        if value.season:
            mention["season"] = value.season
        mentions.append(mention)
    return mentions
