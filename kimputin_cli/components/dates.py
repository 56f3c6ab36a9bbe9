"""Find time expressions in a parsed Doc and resolve them with :func:`kimputin_cli.dates.normalize`.

Detection: a token may belong to a time expression if GiNZA put it in a date-like entity (labels listed in
``data/dates/ginza_labels.txt``: Date, Time, Period_*, ...) or if a Matcher recognises it as a date
fragment (numerals, counters 年/月/日/時, the relative words GiNZA misses such as ことし, おととし, 先月末,
きのう, era names, parts 末/上旬).  Consecutive candidate tokens form runs; each run is cut, left to right, into
the longest token spans the date grammar accepts as a whole (``2019年4月以来`` -> ``2019年4月``;
``去年11月`` stays one span).  Spans the grammar does not accept (``2回``, ``1対1``) are dropped; real
expressions that cannot be resolved (relative, no reference date) are kept with ``value: None``.

A date directly followed by a word in ``data/dates/blocking_suffixes.txt`` (3月期決算, 5月号, 1日あたり) is dropped.

Not done here: ranges are two mentions (``7月から9月``); bare weekdays (``月曜日``) are not resolved.
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache
from importlib import resources
from typing import Any

from spacy.matcher import Matcher
from spacy.tokens import Doc

from kimputin_cli.dates import fragment_pattern, normalize

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


def find_dates(doc: Doc, ref: dt.date | None) -> list[dict[str, Any]]:
    """DateMention dicts for every time expression in ``doc``, sorted by start, non-overlapping.

    Each is ``{"start", "end", "text", "value", "kind", "granularity", "part", "relative"}`` with character
    offsets into ``doc.text`` (``text == doc.text[start:end]``), plus ``"warning"`` when the value is doubtful
    (a bracketed weekday disagreeing with the date, a day the month does not have, a date outside its era).
    """
    mentions: list[dict[str, Any]] = []
    for run_start, run_end in _runs(doc, _candidate_mask(doc)):
        i = run_start
        while i < run_end:
            found = None
            for j in range(min(run_end, i + MAX_SPAN_TOKENS), i, -1):
                span = doc[i:j]
                if span[0].is_space or span[-1].is_space:
                    continue
                value = normalize(span.text, ref)
                if value is not None:
                    found = (span, value)
                    break
            if found is None:
                i += 1
                continue
            span, value = found
            if span.end < len(doc) and doc[span.end].text in _blocking_suffixes() and value.kind == "date":
                i = span.end  # 3月期, 5月号, 1日あたり: not a calendar date
                continue
            mention: dict[str, Any] = {
                "start": span.start_char,
                "end": span.end_char,
                "text": doc.text[span.start_char:span.end_char],
                "value": value.value,
                "kind": value.kind,
                "granularity": value.granularity,
                "part": value.part,
                "relative": value.relative,
            }
            if value.warning:
                mention["warning"] = value.warning
            mentions.append(mention)
            i = span.end
    return sorted(mentions, key=lambda m: m["start"])
