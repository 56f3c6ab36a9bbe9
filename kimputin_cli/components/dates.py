"""Find time expressions in a parsed Doc and resolve them with :func:`kimputin_cli.dates.normalize`.

Detection: a token may belong to a time expression if GiNZA put it in a date-like entity (labels listed in
``data/dates/ginza_labels.txt``: Date, Time, Period_*, ...) or if a Matcher recognises it as a date
fragment (numerals, counters 年/月/日/時, the relative words GiNZA misses such as ことし, おととし, 先月末,
きのう, era names, parts 末/上旬, anaphors 同日/翌月, seasons, parts of the day); a の between two candidates is
one too (去年の夏).  Consecutive candidate tokens form runs; each run is cut, left to right, into the longest
token spans the date grammar accepts as a whole (``2019年4月以来`` -> ``2019年4月``; ``去年11月`` stays one
span).  Spans the grammar does not accept (``2回``, ``1対1``) are dropped; real expressions that cannot be
resolved (relative, no reference date) are kept with ``value: None``.

Then, in this order:
  * ranges: ``1～3月``, ``2024年4〜6月期``, ``3月1～5日``, ``7月から9月`` stay two mentions, one per end, valued by
    :func:`kimputin_cli.dates.normalize_range` (the bare left end ``1`` gets its unit, the right end the left
    one's year).
  * context: each mention not in a range is re-read from the words around it
    (:func:`kimputin_cli.dates.in_context`): 就任2年目 is dropped, 1日あたり / 1日の平均 / 1日に3回 become a set
    ``P1D`` (per day), 発売から2日で a duration ``P2D``, 江戸時代前期 and an index's base year (2020年＝100,
    2020年基準) are dropped.
  * drops: a date directly followed by a word in ``data/dates/blocking_suffixes.txt`` (3月期決算, 5月号,
    3日目) unless it ends a range (4～6月期) or the context explained it; a mention overlapping an idiom of
    ``data/dates/not_dates.txt`` (一日も早く); a school year taken for a duration (高校2年, 選手(3年), 3年生).
  * anaphors (同日, 同日夜, 翌日, 前日, 同月, 翌月, 同年, 翌年, 前年同期) resolve against the most recent
    preceding mention with a calendar value (``value: None`` when there is none) that is no comparison base:
    前月比, 前年同月(比), 前期比, 前月から拡大 resolve but anchor nothing (9月の生産は前月比…。前年同月比では…:
    前年同月 is 2024-09, see :func:`kimputin_cli.dates.is_comparison`); 前期 after a quarter (7～9月期) or a
    fiscal period (2025年3月期) is read against it (:func:`kimputin_cli.dates.after_period`); a bare date right after
    another one and の takes its year or month from it (翌月の6月, 前日の1日, 先月の25日); a bare clock time
    (午前4時ごろ) takes the day of the most recent mention naming a day (17日 -> ``2025-09-17T04:00``), unless a
    coarser date (去年3月) came after that day in an earlier sentence; with none it stays ``T04:00``.  In an
    article split into pieces (very long ones) the anchor crosses a piece boundary only when the caller passes
    the earlier pieces' mentions (``find_dates(doc, ref, before=...)``).

Not done here: bare weekdays (``月曜日``) are not resolved.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from spacy.matcher import Matcher
from spacy.tokens import Doc

from kimputin_cli.dates import (DateValue, after_period, fragment_pattern, in_context, is_comparison, normalize,
                                 normalize_range, with_day)

__all__ = ["find_dates", "MAX_SPAN_TOKENS"]

# the longest expression we try, in tokens (平成 31 年 4 月 30 日 ( 月 ) 午前 10 時 半 = 14)
MAX_SPAN_TOKENS = 16


@lru_cache(maxsize=None)
def _date_labels() -> frozenset[str]:
    text = resources.files("kimputin_cli").joinpath("data", "dates", "ginza_labels.txt").read_text("utf-8")
    return frozenset(ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#"))


@lru_cache(maxsize=None)
def _blocking_suffixes() -> frozenset[str]:
    text = resources.files("kimputin_cli").joinpath("data", "dates", "blocking_suffixes.txt").read_text("utf-8")
    return frozenset(ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#"))


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
    labels = _date_labels()
    for ent in doc.ents:
        if ent.label_ in labels:
            for i in range(ent.start, ent.end):
                mask[i] = True
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
    text = resources.files("kimputin_cli").joinpath("data", "dates", "not_dates.txt").read_text("utf-8")
    pats = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return re.compile("|".join(f"(?:{p})" for p in pats)) if pats else None


@lru_cache(maxsize=None)
def _grade_prefixes() -> tuple[str, ...]:
    text = resources.files("kimputin_cli").joinpath("data", "dates", "school_grades.txt").read_text("utf-8")
    return tuple(ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#"))


@dataclass
class _Found:
    start: int
    end: int
    text: str
    value: DateValue
    blocked: str | None = None  # the blocking word after it (3月期, 5日目): dropped unless a range takes it
    ranged: bool = False  # an end of a range: its value came from normalize_range
    quarter: bool = False  # the last month of a quarter (7～9月期): 前期 after it is the previous quarter


_RANGE_SEP = "～〜~"
_BARE_LEFT = re.compile(rf"([0-9０-９]{{1,2}})[{_RANGE_SEP}]$")
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
                added.append(_Found(left_start, num_end, text[left_start:num_end], pair[0], ranged=True))
                right.value, right.ranged, right.blocked, right.quarter = pair[1], True, None, quarter
                break
            continue
        m = _FULL_LEFT.search(before)
        left = by_end.get(m.start()) if m else None
        if left is not None and id(left) not in removed and left.blocked is None:
            pair = normalize_range(left.text, right.text, ref, quarter)
            if pair is not None:
                right.value, right.ranged, right.blocked, right.quarter = pair[1], True, None, quarter
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
    return any(ent.label_ == "School_Age" and ent.start_char <= f.start and f.end <= ent.end_char
               for ent in doc.ents)


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


def _resolve(found: list[_Found], text: str, ref: dt.date | None, before: list[dict[str, Any]] | None = None) -> None:
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
    for m in before or []:
        v = _from_mention(m)
        if _anchor_date(v) is not None and not is_comparison(m.get("text", ""), v, ""):
            anchor, quarter = v, False
            day = v if _is_day(v) else None
    prev: _Found | None = None
    for f in found:
        v = f.value
        if v.anaphoric and not f.ranged:
            # 同日 / 当日 / この日 name a day: after a coarser mention (来月中旬, 2025年3月期) they still mean the
            # last day named, not that month or year
            a = day if f.text.startswith(_SAME_DAY) and day is not None and not _is_day(anchor) else anchor
            v = normalize(f.text, ref, a) or v
        elif v.granularity == "fiscal_year" and not f.ranged and v.relative:
            v = after_period(f.text, v, anchor, quarter)  # 前期 after 7～9月期 or 2025年3月期
        elif (prev is not None and not f.ranged and v.relative and f.text[:1].isdigit()
              and text[prev.end:f.start] == "の"):
            base = _anchor_date(prev.value)
            rank_f, rank_p = _RANK.get(v.granularity or "", -1), _RANK.get(prev.value.granularity or "", 9)
            coarser = rank_p < rank_f or (rank_p == rank_f and not prev.text[:1].isdigit())
            if base is not None and coarser:
                v = normalize(f.text, base) or v
        elif v.kind == "time" and v.value is not None and v.value.startswith("T") and day is not None:
            blocked = day_blocked_at is not None and re.search(r"[。！？!?\n]", text[day_blocked_at:f.start])
            if not blocked:
                v = with_day(v, day) or v
        f.value = v
        prev = f
        if is_comparison(f.text, v, text[f.end:f.end + 12]):
            continue  # 前月比, 前年同月, 前月から拡大: the base of a comparison is no anchor
        if _anchor_date(v) is not None:
            anchor, quarter = v, f.quarter
            if _is_day(v):
                day, day_blocked_at = v, None
            elif day is not None and day_blocked_at is None:
                day_blocked_at = f.end


def _in_context(found: list[_Found], text: str) -> list[_Found]:
    """Each (non-range) mention re-read from the words around it (:func:`kimputin_cli.dates.in_context`):
    就任2年目 dropped, 1日あたり/1日の平均 a set P1D, 発売から2日で a duration P2D, 江戸時代前期 dropped."""
    out: list[_Found] = []
    for f in found:
        if f.ranged:
            out.append(f)
            continue
        v = in_context(f.text, f.value, text[max(0, f.start - 8):f.start], text[f.end:f.end + 12])
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
    found = _in_context(_join_ranges(_detect(doc, ref), text, ref), text)
    not_dates = _not_dates()
    idioms = [m.span() for m in not_dates.finditer(text)] if not_dates else []
    found = [f for f in found
             if f.blocked is None and not _school_grade(f, doc)
             and not any(a < f.end and f.start < b for a, b in idioms)]
    _resolve(found, text, ref, before)
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
