"""Pure date normalization for Japanese news: (surface text, reference date) -> calendar value.

What it does
  * ``normalize(text, ref)`` turns ONE time expression (``去年11月``, ``令和元年5月1日``, ``先月末``,
    ``二〇二三年十一月十一日``, ``午前10時半``, ``4年ぶり``, ``毎月``) into a :class:`DateValue` whose ``value`` is an
    ISO 8601 calendar value at the expression's own granularity (``2022-11``, ``2019-05-01``, ``2023-W37``,
    ``2023-09-11T10:30``), an ISO 8601 duration (``P4Y``) or, for sets, a period (``P1M``) / a pattern
    (``XXXX-XX-15``).  Relative expressions resolve against ``ref``; without one their ``value`` is ``None``.
  * ``normalize(text, ref, anchor)`` resolves anaphors (``同日``, ``翌月``, ``同年4月1日``, ``前年同期``; words in
    ``data/dates/anaphoric.txt``) against ``anchor``, the value of the article's preceding date mention.
  * ``normalize_range(left, right, ref)`` gives both ends of a range (``1～3月``, ``2024年4～6月期``,
    ``2024年7月から9月``) their values: a range stays two expressions, the left end may lack its unit.
  * ``in_context(text, value, before, after)`` re-reads an expression from the words around it: ``就任2年目`` is
    no duration, ``1日あたり``/``1日の平均``/``1日に3回`` a set ``P1D`` (per day), ``発売から2日で`` a duration
    ``P2D``, ``江戸時代前期`` no fiscal period, ``2020年＝100`` / ``2020年基準`` (an index's base year) no date.
    ``with_day(clock, day)`` puts a bare clock time (``午前4時``) on the day of an earlier mention (``17日`` ->
    ``2025-09-17T04:00``).
  * ``is_comparison(text, value, after)`` tells a comparison base (``前月比``, ``前年同月``, ``前月から拡大``,
    ``前期``) from the period being reported: the caller resolves it but does not anchor later anaphors on it.
    ``after_period(text, value, anchor, quarter)`` reads ``前期`` against the reported period: after a quarter
    (``7～9月期``) the previous quarter (no single value: ``None``, named in the warning), after a fiscal period
    (``2025年3月期``) the fiscal year before.
  * ``bare_unit``, ``by_tense``, ``in_narrative``, ``across_zones``, ``moved``: a bare date (``25日``, ``11月``,
    ``12月24日``) moved off the reference's month or year by what the article says around it (a clause in the
    past, a narrative of another year, a time-zone gloss, a bracketed weekday); the caller reads the clause.
    ``year_in_century`` gives ``58年`` after ``1956-`` its century.
  * ``find_dateline(text)`` finds an article's dateline (``2023年9月11日 19時05分``, ``2023/09/11``) to use as
    the reference date.

What it does not do
  * Find expressions in running text, or choose the anchor (that is :mod:`kimputin_cli.date_mentions`, on
    a parsed Doc).
  * Guess direction for bare weekdays (``月曜日``).
  * It never imports spaCy.  The grammar only accepts whole expressions: ``normalize("2019年4月以来")`` is
    ``None``; callers cut trailing words themselves.

Conventions (a reader's, as in NHK copy): a bare month (``7月``) is in the reference's year, a bare day
(``11日``) in the reference's month; an impossible date (``31日`` in September, ``2月29日`` in 2023) has
``value None`` and a ``warning``.  ``N年`` with fewer than four digits and no era (``休戦から70年``) is a
duration; a two-digit year counts only in business and headline forms (``25年度``, ``25年3月期``, ``07年3月``,
``09年``, and ``13年にも`` / ``11年めど`` read in context).  Fiscal years
(``来年度``) have granularity ``fiscal_year`` and the value of the calendar year they start in (Japanese
fiscal years start in April); a fiscal period ``2025年3月期`` (the year ending March 2025) is fiscal 2024, and
``来年3月期`` said in 2025 is ``2026年3月期``, fiscal 2025.  ``今期``/``来期``/``前期`` (a company's current, next,
previous fiscal period) are valued the same way from April to December, when a March year end and a December
one agree; from January to March they do not, and the value is None with a warning.
A part of the day after a day (``10日夜``, ``9日午後``) keeps the day.  Seasons (``来春``, ``去年の夏``) have the
year as value and the season apart (``DateValue.season``); ``年末`` is December (part ``end``), ``年明け`` January,
each in the nearest year at most two months back; ``上半期``/``下半期`` are parts (``early``/``late``).
"""
from __future__ import annotations

import calendar
import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from . import lexicon

__all__ = ["DateValue", "normalize", "normalize_range", "in_context", "is_comparison", "after_period", "with_day",
           "bare_unit", "by_tense", "in_narrative", "across_zones", "moved", "year_in_century",
           "find_dateline", "is_date_fragment", "fragment_pattern", "kanji_to_arabic"]


@dataclass(frozen=True)
class DateValue:
    """The meaning of one time expression.

    value: ISO 8601 value, or None when it cannot be resolved (relative without a reference, impossible date).
    kind: "date" | "duration" | "set" | "time".
    granularity: "decade" | "year" | "fiscal_year" | "month" | "week" | "day" | "hour" | "minute".
    part: "end" | "early" | "mid" | "late" | None (先月末 -> "end", 来月上旬 -> "early").
    relative: True when the value depends on the reference date (or, for anaphors, on the preceding mention).
    warning: why the value is doubtful or missing (weekday disagreeing with the date, no such day, era overrun).
    season: "spring" | "summer" | "autumn" | "winter" | None (来春 -> "spring"; the value stays the year).
    anaphoric: True when the value depends on the preceding date mention (同日, 翌月, 同年4月, 前年同期): the
        ``anchor`` argument of :func:`normalize`.
    """

    value: str | None
    kind: str
    granularity: str | None
    part: str | None = None
    relative: bool = False
    warning: str | None = None
    season: str | None = None
    anaphoric: bool = False


# --------------------------------------------------------------------------- data


def _data_text(name: str) -> str:
    return lexicon.text(f"dates/{name}")


def _data_lines(name: str) -> list[list[str]]:
    return [list(row) for row in lexicon.table(f"dates/{name}")]


@lru_cache(maxsize=None)
def _eras() -> tuple[tuple[str, dt.date], ...]:
    data = json.loads(_data_text("eras.json"))
    return tuple((e["name"], dt.date.fromisoformat(e["start"])) for e in data["eras"])


@lru_cache(maxsize=None)
def _relative() -> dict[str, tuple[str, int]]:
    return {w: (unit, int(off)) for w, unit, off in _data_lines("relative.txt")}


@lru_cache(maxsize=None)
def _parts() -> dict[str, str]:
    return {w: part for w, part in _data_lines("parts.txt")}


@lru_cache(maxsize=None)
def _anaphoric() -> dict[str, tuple[str, int]]:
    return {w: (unit, int(off)) for w, unit, off in _data_lines("anaphoric.txt")}


@lru_cache(maxsize=None)
def _dayparts() -> tuple[str, ...]:
    return tuple(row[0] for row in _data_lines("dayparts.txt"))


@lru_cache(maxsize=None)
def _seasons() -> dict[str, str]:
    return {w: season for w, season in _data_lines("seasons.txt")}


@lru_cache(maxsize=None)
def _soft_periods() -> dict[str, tuple[int, str | None]]:
    return {w: (int(month), None if part == "-" else part) for w, month, part in _data_lines("soft_periods.txt")}


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# --------------------------------------------------------------------------- numerals

_KANJI_DIGIT = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_KANJI_UNIT = {"十": 10, "百": 100, "千": 1000}
_KANJI_NUM_RE = re.compile("[〇零一二三四五六七八九十百千]+")


def kanji_to_arabic(num: str) -> int:
    """二〇二三 -> 2023 (digit by digit), 十一 -> 11, 二十五 -> 25, 二千二十三 -> 2023 (positional)."""
    if not any(c in _KANJI_UNIT for c in num):
        return int("".join(str(_KANJI_DIGIT[c]) for c in num))
    total, digit = 0, None
    for c in num:
        if c in _KANJI_DIGIT:
            digit = _KANJI_DIGIT[c]
        else:
            total += (1 if digit is None else digit) * _KANJI_UNIT[c]
            digit = None
    return total + (digit or 0)


# a kanji numeral counts as a number only before a counter; 一昨年/一昨日 stay words.  Before 時 only after
# 午前/午後: 一時 alone is "for a while" (円相場は一時156円台に), not one o'clock.
_KANJI_BEFORE_COUNTER = re.compile("([〇零一二三四五六七八九十百千]+)(?=[年月日分週かカヶケ箇])")
_KANJI_CLOCK = re.compile("(午前|午後)([〇零一二三四五六七八九十]+)(?=時)")


def _kanji_numbers(s: str) -> str:
    s = _KANJI_CLOCK.sub(lambda m: m.group(1) + str(kanji_to_arabic(m.group(2))), s)
    return _KANJI_BEFORE_COUNTER.sub(lambda m: str(kanji_to_arabic(m.group(1))), s)


def _prepare(text: str) -> str:
    s = unicodedata.normalize("NFKC", text)
    s = re.sub(r"\s+", "", s)
    return _kanji_numbers(s)


# --------------------------------------------------------------------------- grammar

_WEEKDAYS = "月火水木金土日"
_MONTHS_WORD = r"(?:か|カ|ヶ|ケ|箇|ヵ)月"


@lru_cache(maxsize=None)
def _patterns() -> dict[str, re.Pattern[str]]:
    rel = _relative()
    by_unit = {u: [w for w, (uu, _) in rel.items() if uu == u]
               for u in ("year", "fiscal_year", "fiscal_period", "month", "week", "day")}
    ana = {u: [w for w, (uu, _) in _anaphoric().items() if uu == u] for u in ("year", "month", "day")}
    eras = _alt(name for name, _ in _eras())
    parts = _alt(_parts())
    # a two-digit year (25年度: business-news style) only before 度 or a month (07年3月), or with its leading zero
    # (09年) here (and in 25年3月期, ranges 24年4～6月期): 25年 alone is a duration; 懲役10年6月, a prison term, is
    # read in in_context
    year = (
        rf"(?:(?P<era>{eras})(?P<eray>元|\d{{1,2}})年|(?P<year>\d{{4}})年"
        rf"|(?P<yy>0\d|\d{{2}}(?=年(?:度|\d{{1,2}}月)))年"
        rf"|(?P<relyear>{_alt(by_unit['year'])})|(?P<anayear>{_alt(ana['year'])}))"
        rf"(?P<fiscal>度)?"
    )
    month = (rf"(?:(?P<month>\d{{1,2}})月|(?P<relmonth>{_alt(by_unit['month'])})"
             rf"|(?P<anamonth>{_alt(ana['month'])}))")
    day = (rf"(?:(?P<relday>{_alt(by_unit['day'])})?(?P<day>\d{{1,2}})日|(?P<relday2>{_alt(by_unit['day'])})"
           rf"|(?P<anaday>{_alt(ana['day'])}))")
    weekday = rf"(?:\((?P<wd>[{_WEEKDAYS}])(?:曜日?)?(?:・祝|・休)?\))"
    time = r"(?:(?P<ampm>午前|午後)?(?P<hour>\d{1,2})時(?:(?P<half>半)|(?P<minute>\d{1,2})分)?|(?P<noon>正午))"
    daypart = rf"(?P<daypart>{_alt(_dayparts())})"
    part = rf"(?P<part>{parts})"
    season_year = (
        rf"(?:(?:(?P<era>{eras})(?P<eray>元|\d{{1,2}})年|(?P<year>\d{{4}})年|(?P<yy>\d{{2}})年"
        rf"|(?P<relyear>{_alt(by_unit['year'])})"
        rf"|(?P<anayear>{_alt(ana['year'])}))の?|(?P<prefix>{_alt(_SEASON_PREFIX)}))"
    )
    return {
        "calendar": re.compile(
            rf"^(?:{year})?(?:{month})?(?:{day})?{weekday}?(?:{time}|{daypart})?{part}?$"
        ),
        "decade": re.compile(rf"^(?P<decade>\d{{2,4}})年代{part}?$"),
        "relfiscal": re.compile(
            rf"^(?:(?P<relfy>{_alt(by_unit['fiscal_year'])})(?P<part>{parts})?|年度(?P<part2>{parts}))$"
        ),
        "fperiod": re.compile(
            rf"^(?:(?:(?P<era>{eras})(?P<eray>元|\d{{1,2}})|(?P<year>\d{{4}})|(?P<yy>\d{{2}}))年"
            rf"|(?P<relyear>{_alt(w for w in by_unit['year'] if w not in _NOT_FPERIOD_YEAR)}))"
            rf"(?P<month>\d{{1,2}})月期$"
        ),
        # 今期, 来期, 前期 (a company's current, next, previous fiscal period), 今期末
        "relperiod": re.compile(rf"^(?P<relfp>{_alt(by_unit['fiscal_period'])})(?P<part>{parts})?$"),
        "season": re.compile(rf"^{season_year}(?P<season>{_alt(_seasons())})$"),
        "soft": re.compile(rf"^(?P<soft>{_alt(_soft_periods())})$"),
        "halfyear": re.compile(r"^(?P<part>上半期|下半期)$"),
        # the same period a year earlier (前年同期, 前の年の同じ時期, 去年の同じ時期): relative to the preceding mention
        "sameperiod": re.compile(r"^(?P<prev>前年の?|前の年の|去年の?|昨年の?)(?P<same>同期|同じ時期|同月|同日)$"),
        "week": re.compile(rf"^(?P<relweek>{_alt(by_unit['week'])}){part}?$"),
        "slash": re.compile(r"^(?P<y>\d{4})[/.\-](?P<m>\d{1,2})[/.\-](?P<d>\d{1,2})$"),
        "offset": re.compile(rf"^(?P<n>\d+)(?P<unit>年|{_MONTHS_WORD}|週間?|日)(?P<dir>前|後)$"),
        # two units in one length of time: 2年1か月, 7年4ヶ月ぶり, 1年6月 (a prison term: no one-digit year is a
        # calendar year), 2時間1分, 2時間1分10秒
        "compound": re.compile(
            rf"^(?:(?P<y>\d+)年(?P<mo>\d{{1,2}}){_MONTHS_WORD}|(?P<y1>\d)年(?P<mo1>\d{{1,2}})月"
            r"|(?P<h>\d+)時間(?P<mi>\d{1,2})分(?:(?P<sec>\d{1,2})秒)?)"
            r"(?P<kan>間)?(?P<suffix>ぶり|連続|余り|あまり|近く|以上|以内)?$"
        ),
        "duration": re.compile(
            rf"^(?:(?P<n>\d+(?:\.\d+)?)(?P<unit>年|{_MONTHS_WORD}|週|日|時間|分)(?P<half>半)?|(?P<halfyear>半年)"
            r"|(?P<century>四半世紀|半世紀))"
            r"(?P<kan>間)?(?P<suffix>ぶり|連続|余り|あまり|近く|以上|以内)?$"
        ),
        "set": re.compile(
            r"^毎(?:(?P<unit>年|月|週|日|朝|晩|夜)|年(?P<sm>\d{1,2})月(?P<sd>\d{1,2})日|月(?P<md>\d{1,2})日"
            rf"|週(?P<wd>[{_WEEKDAYS}])曜日?)$"
        ),
    }


# 年内3月期 is no fiscal period
_NOT_FPERIOD_YEAR = frozenset({"年内"})

# 今春 (this spring), 来春, 昨秋, この夏: a season after one of these is in the year they name
_SEASON_PREFIX = {"今": 0, "この": 0, "来": 1, "昨": -1}


# --------------------------------------------------------------------------- calendar helpers


def _add_months(year: int, month: int, n: int) -> tuple[int, int]:
    k = year * 12 + (month - 1) + n
    return k // 12, k % 12 + 1


def _valid_day(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def _fiscal_year(d: dt.date) -> int:
    return d.year if d.month >= 4 else d.year - 1


def _era_year(name: str, n_text: str) -> tuple[int, dt.date, dt.date | None]:
    eras = _eras()
    idx = [e[0] for e in eras].index(name)
    start = eras[idx][1]
    end = eras[idx + 1][1] if idx + 1 < len(eras) else None
    n = 1 if n_text == "元" else int(n_text)
    return start.year + n - 1, start, end


# --------------------------------------------------------------------------- normalize


def normalize(text: str, ref: dt.date | None, anchor: DateValue | None = None) -> DateValue | None:
    """The meaning of one whole time expression, or None if ``text`` is not one (``2回目``, ``1対1``).

    ``ref`` is the article's date; relative expressions get ``value=None`` without it.  ``anchor`` is the value
    of the preceding date mention in the article, for anaphors (同日, 翌月, 同年4月, 前年同期): they get
    ``value=None`` without one.  An anaphor finer than its anchor takes the anchor's own value (翌日 after
    去年11月 -> the month), except with a clock time or an explicit day.
    """
    s = _prepare(text)
    if not s:
        return None
    pats = _patterns()
    for name in ("slash", "set", "offset", "week", "decade", "relfiscal", "relperiod", "fperiod", "season", "soft",
                 "halfyear",
                 "sameperiod", "compound", "duration", "calendar"):
        m = pats[name].match(s)
        if m:
            result = _HANDLERS[name](m, ref, anchor)
            if result is not None:
                return result
    return None


_ANCHOR_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T[\d:]+)?$")


def _anchor_fields(anchor: DateValue | None) -> tuple[int, int | None, int | None] | None:
    """(year, month, day) of an anchor whose value is a calendar date, month or year; None otherwise."""
    if anchor is None or anchor.value is None or anchor.kind not in ("date", "time"):
        return None
    m = _ANCHOR_RE.match(anchor.value)
    if not m:
        return None
    return int(m[1]), int(m[2]) if m[2] else None, int(m[3]) if m[3] else None


def _two_digit_year(yy: str, ref: dt.date | None) -> int:
    """25 -> 2025: the century that puts the year at most 15 years after the reference (2049 without one)."""
    n = int(yy)
    limit = ref.year + 15 if ref else 2049
    return 2000 + n if 2000 + n <= limit else 1900 + n


def _slash(m: re.Match[str], ref: dt.date | None, anchor: DateValue | None = None) -> DateValue | None:
    y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    if not _valid_day(y, mo, d):
        return DateValue(None, "date", "day", warning=f"no such day: {y}-{mo:02d}-{d:02d}")
    return DateValue(f"{y:04d}-{mo:02d}-{d:02d}", "date", "day")


_SET_UNITS = {"年": ("P1Y", "year"), "月": ("P1M", "month"), "週": ("P1W", "week"), "日": ("P1D", "day"),
              "朝": ("P1D", "day"), "晩": ("P1D", "day"), "夜": ("P1D", "day")}


def _set(m: re.Match[str], ref: dt.date | None, anchor: DateValue | None = None) -> DateValue | None:
    if m["unit"]:
        value, gran = _SET_UNITS[m["unit"]]
        return DateValue(value, "set", gran)
    if m["sm"]:
        return DateValue(f"XXXX-{int(m['sm']):02d}-{int(m['sd']):02d}", "set", "day")
    if m["md"]:
        return DateValue(f"XXXX-XX-{int(m['md']):02d}", "set", "day")
    return DateValue(f"XXXX-WXX-{_WEEKDAYS.index(m['wd']) + 1}", "set", "day")


def _offset(m: re.Match[str], ref: dt.date | None, anchor: DateValue | None = None) -> DateValue | None:
    n = int(m["n"]) * (-1 if m["dir"] == "前" else 1)
    unit = m["unit"]
    gran = "year" if unit == "年" else "day" if unit == "日" else "week" if unit.startswith("週") else "month"
    if ref is None:
        return DateValue(None, "date", gran, relative=True)
    if gran == "year":
        return DateValue(f"{ref.year + n:04d}", "date", gran, relative=True)
    if gran == "month":
        y, mo = _add_months(ref.year, ref.month, n)
        return DateValue(f"{y:04d}-{mo:02d}", "date", gran, relative=True)
    if gran == "week":
        iso = (ref + dt.timedelta(weeks=n)).isocalendar()
        return DateValue(f"{iso[0]:04d}-W{iso[1]:02d}", "date", gran, relative=True)
    return DateValue((ref + dt.timedelta(days=n)).isoformat(), "date", gran, relative=True)


def _week(m: re.Match[str], ref: dt.date | None, anchor: DateValue | None = None) -> DateValue | None:
    part = _parts()[m["part"]] if m["part"] else None
    if ref is None:
        return DateValue(None, "date", "week", part, relative=True)
    iso = (ref + dt.timedelta(weeks=_relative()[m["relweek"]][1])).isocalendar()
    return DateValue(f"{iso[0]:04d}-W{iso[1]:02d}", "date", "week", part, relative=True)


def _decade(m: re.Match[str], ref: dt.date | None, anchor: DateValue | None = None) -> DateValue | None:
    """1990年代 -> "199" (ISO 8601 decade); 80年代 names no century, so its value is None."""
    digits = m["decade"]
    part = _parts()[m["part"]] if m["part"] else None
    if len(digits) == 4 and digits.endswith("0"):
        return DateValue(digits[:3], "date", "decade", part)
    if len(digits) == 2 and digits.endswith("0"):
        return DateValue(None, "date", "decade", part, warning=f"{digits}年代: century not given")
    return None


def _relfiscal(m: re.Match[str], ref: dt.date | None, anchor: DateValue | None = None) -> DateValue | None:
    """来年度, 今年度末, and 年度末 / 年度内 alone (the reference's fiscal year)."""
    part_word = m["part"] or m["part2"]
    part = _parts()[part_word] if part_word else None
    if ref is None:
        return DateValue(None, "date", "fiscal_year", part, relative=True)
    offset = _relative()[m["relfy"]][1] if m["relfy"] else 0
    return DateValue(f"{_fiscal_year(ref) + offset:04d}", "date", "fiscal_year", part, relative=True)


def _fperiod(m: re.Match[str], ref: dt.date | None, anchor: DateValue | None = None) -> DateValue | None:
    """2025年3月期 / 25年3月期: the fiscal year ending in that month, valued as the calendar year it starts in
    (like 2024年度: 2025年3月期 -> 2024; 2025年12月期 -> 2025)."""
    month = int(m["month"])
    if not 1 <= month <= 12:
        return None
    if m["relyear"]:  # 来年3月期: the period ending in March of next year
        if ref is None:
            return DateValue(None, "date", "fiscal_year", relative=True)
        year = ref.year + _relative()[m["relyear"]][1]
        return DateValue(f"{year if month == 12 else year - 1:04d}", "date", "fiscal_year", relative=True)
    if m["era"]:
        year = _era_year(m["era"], m["eray"])[0]
    elif m["year"]:
        year = int(m["year"])
    else:
        year = _two_digit_year(m["yy"], ref)
    return DateValue(f"{year if month == 12 else year - 1:04d}", "date", "fiscal_year")


def _relperiod(m: re.Match[str], ref: dt.date | None, anchor: DateValue | None = None) -> DateValue | None:
    """今期, 来期, 前期: a company's current, next or previous fiscal period, valued like 2026年3月期.

    The company's year end is not given.  From April to December the two usual ones agree (on 2025-09-17 今期
    is 2026年3月期 or 2025年12月期: fiscal 2025 both ways); from January to March they do not (on 2026-02-10
    2026年3月期 is fiscal 2025, 2026年12月期 fiscal 2026), so the value is None, with a warning.
    """
    part = _parts()[m["part"]] if m["part"] else None
    if ref is None:
        return DateValue(None, "date", "fiscal_year", part, relative=True)
    offset = _relative()[m["relfp"]][1]
    if ref.month < 4:
        return DateValue(None, "date", "fiscal_year", part, relative=True,
                         warning=f"{m['relfp']}: fiscal {ref.year - 1 + offset} for a March year end, "
                                 f"{ref.year + offset} for a December one")
    return DateValue(f"{ref.year + offset:04d}", "date", "fiscal_year", part, relative=True)


def _season(m: re.Match[str], ref: dt.date | None, anchor: DateValue | None = None) -> DateValue | None:
    """来春, 今秋, 去年の夏, 2024年秋, 同年秋: the year, with the season apart."""
    season = _seasons()[m["season"]]
    relative = anaphoric = False
    year: int | None
    if m["era"]:
        year = _era_year(m["era"], m["eray"])[0]
    elif m["year"]:
        year = int(m["year"])
    elif m["yy"]:  # 09年春
        year = _two_digit_year(m["yy"], ref)
    elif m["anayear"]:
        relative = anaphoric = True
        fields = _anchor_fields(anchor)
        year = fields[0] + _anaphoric()[m["anayear"]][1] if fields else None
    else:
        relative = True
        offset = _relative()[m["relyear"]][1] if m["relyear"] else _SEASON_PREFIX[m["prefix"]]
        year = ref.year + offset if ref else None
    return DateValue(f"{year:04d}" if year is not None else None, "date", "year", None, relative,
                     season=season, anaphoric=anaphoric)


def _soft(m: re.Match[str], ref: dt.date | None, anchor: DateValue | None = None) -> DateValue | None:
    """年末, 年明け: that month in the nearest year, at most two months back (see data/dates/soft_periods.txt)."""
    month, part = _soft_periods()[m["soft"]]
    if ref is None:
        return DateValue(None, "date", "month", part, relative=True)
    now = ref.year * 12 + ref.month - 1
    year = next(y for y in (ref.year - 1, ref.year, ref.year + 1) if y * 12 + month - 1 >= now - 2)
    return DateValue(f"{year:04d}-{month:02d}", "date", "month", part, relative=True)


def _halfyear(m: re.Match[str], ref: dt.date | None, anchor: DateValue | None = None) -> DateValue | None:
    """上半期 / 下半期 alone: like a bare month, in the reference's year."""
    part = _parts()[m["part"]]
    return DateValue(f"{ref.year:04d}" if ref else None, "date", "year", part, relative=True)


def _sameperiod(m: re.Match[str], ref: dt.date | None, anchor: DateValue | None = None) -> DateValue | None:
    """前年同期, 前の年の同じ時期, 前年同月, 去年の同じ時期: the anchor's period one year earlier.

    The year is the anchor's minus one (前年, 前の年) or the reference's minus one (去年, 昨年).  同期 /
    同じ時期 keep the anchor's granularity only when it is a year or fiscal year (2025年3月期 ... 前年同期 ->
    fiscal 2023); after a month, or after 去年, the value is that year; after a day, with no anchor, None.
    """
    fields = _anchor_fields(anchor)
    last_year = m["prev"].rstrip("の") in ("去年", "昨年")
    if last_year:
        base = ref.year - 1 if ref else None
    else:
        base = fields[0] - 1 if fields else None
    anchor_gran = anchor.granularity if fields and anchor is not None else None
    same = m["same"]
    value: str | None = None
    gran: str | None = None
    if base is None:
        pass
    elif same == "同月" and fields and fields[1]:
        value, gran = f"{base:04d}-{fields[1]:02d}", "month"
    elif same == "同日" and fields and fields[1] and fields[2]:
        gran = "day"
        if _valid_day(base, fields[1], fields[2]):
            value = f"{base:04d}-{fields[1]:02d}-{fields[2]:02d}"
    elif same in ("同期", "同じ時期") and not last_year and anchor_gran in ("year", "fiscal_year"):
        value, gran = f"{base:04d}", anchor_gran
    elif last_year or anchor_gran in ("year", "fiscal_year", "month"):
        value, gran = f"{base:04d}", "year"
    return DateValue(value, "date", gran, None, True, anaphoric=True)


_DUR_UNITS = {"年": ("Y", "year"), "週": ("W", "week"), "日": ("D", "day"), "時間": ("H", "hour"), "分": ("M", "minute")}


def _compound(m: re.Match[str], ref: dt.date | None, anchor: DateValue | None = None) -> DateValue | None:
    """2年1か月 -> P2Y1M, 1年6月 -> P1Y6M, 2時間1分 -> PT2H1M, 2時間1分10秒 -> PT2H1M10S."""
    if m["h"]:
        sec = f"{int(m['sec'])}S" if m["sec"] is not None else ""
        return DateValue(f"PT{int(m['h'])}H{int(m['mi'])}M{sec}", "duration", "minute")
    years, months = (m["y"], m["mo"]) if m["y"] else (m["y1"], m["mo1"])
    if int(months) > 11:
        return None
    return DateValue(f"P{int(years)}Y{int(months)}M", "duration", "month")


def _duration(m: re.Match[str], ref: dt.date | None, anchor: DateValue | None = None) -> DateValue | None:
    if m["halfyear"]:
        return DateValue("P6M", "duration", "month")
    if m["century"]:
        return DateValue("P25Y" if m["century"] == "四半世紀" else "P50Y", "duration", "year")
    unit = m["unit"]
    if unit.endswith("月"):
        unit = "月"
    explicit = bool(m["kan"] or m["suffix"])
    n_text = m["n"]
    if unit == "年" and not explicit and (len(n_text) >= 4 or n_text.startswith("0")) and not m["half"]:
        return None  # 2019年 is a calendar year, and so is 09年 (no length of time has a leading zero)
    if unit in ("日", "週", "分") and not explicit:
        return None  # 11日 is a day of the month; 週/分 alone are not durations
    if m["half"] and unit not in ("年", "日", "時間"):
        return None
    if unit == "月":
        code, gran = "M", "month"
    else:
        code, gran = _DUR_UNITS[unit]
    n = float(n_text) if "." in n_text else int(n_text)
    if m["half"]:
        if unit == "年":
            value = f"P{n}Y6M"
        elif unit == "日":
            value = f"P{n}DT12H"
        else:
            value = f"PT{n}H30M"
    elif code in ("H",) or unit == "分":
        value = f"PT{n}{code}"
    else:
        value = f"P{n}{code}"
    return DateValue(value, "duration", gran)


def _calendar(m: re.Match[str], ref: dt.date | None, anchor: DateValue | None = None) -> DateValue | None:
    g = m.groupdict()
    has_year = any(g[k] for k in ("era", "year", "yy", "relyear", "anayear"))
    has_month = bool(g["month"] or g["relmonth"] or g["anamonth"])
    has_day = bool(g["day"] or g["relday2"] or g["anaday"])
    has_time = bool(g["hour"] or g["noon"])
    if not (has_year or has_month or has_day or has_time):
        return None
    # shapes that are not dates: a year then a day with no month (2023年11日), a weekday with no day,
    # a part together with a day or time, a fiscal year with more than a year, a part of the day with no day
    if has_year and has_day and not has_month:
        return None
    if g["wd"] and not has_day:
        return None
    if g["daypart"] and not (g["day"] or g["anaday"]):
        return None  # 10日夜, 同日午後; きょう午後 stays きょう (NHK's きょう is the expression) and 午後
    if g["part"] and (has_day or has_time):
        return None
    if g["fiscal"] and (has_month or has_day or has_time):
        return None
    if has_time and (has_year or has_month) and not has_day:
        return None
    if (g["relday2"] or g["anaday"]) and (has_year or has_month):
        return None
    if g["relday"] and (has_year or has_month):
        return None
    if g["anamonth"] and has_year:
        return None

    relative = False
    anaphoric = bool(g["anayear"] or g["anamonth"] or g["anaday"])
    warning = None
    part = _parts()[g["part"]] if g["part"] else None
    rel = _relative()
    ana = _anaphoric()
    fields = _anchor_fields(anchor) if anaphoric else None
    if anaphoric:
        relative = True
        coarse = _coarse_anaphor(g, fields, has_time, part)
        if coarse is not None:
            return coarse

    # ----- the year
    year: int | None = None
    if g["era"]:
        year, era_start, era_end = _era_year(g["era"], g["eray"])
    elif g["year"]:
        year = int(g["year"])
    elif g["yy"]:
        year = _two_digit_year(g["yy"], ref)
    elif g["relyear"]:
        relative = True
        year = ref.year + rel[g["relyear"]][1] if ref else None
    elif g["anayear"]:
        year = fields[0] + ana[g["anayear"]][1] if fields else None
    if g["fiscal"]:
        if g["relyear"]:
            year = _fiscal_year(ref) + rel[g["relyear"]][1] if ref else None
        return DateValue(f"{year:04d}" if year is not None else None, "date", "fiscal_year", part, relative,
                         anaphoric=anaphoric)

    # ----- the month
    month: int | None = None
    if g["month"]:
        month = int(g["month"])
        if not 1 <= month <= 12:
            return None
        if not has_year:
            relative = True
            year = ref.year if ref else None
    elif g["relmonth"]:
        relative = True
        if ref:
            year, month = _add_months(ref.year, ref.month, rel[g["relmonth"]][1])
    elif g["anamonth"]:
        if fields and fields[1]:
            year, month = _add_months(fields[0], fields[1], ana[g["anamonth"]][1])
        else:
            year = None

    # ----- the day
    day: int | None = None
    anchor_day: dt.date | None = None  # きょう/きのう... (from the reference), 同日/翌日 (from the anchor)
    if g["relday"] or g["relday2"]:
        relative = True
        word = g["relday"] or g["relday2"]
        if ref:
            anchor_day = ref + dt.timedelta(days=rel[word][1])
    elif g["anaday"] and fields and fields[1] and fields[2]:
        anchor_day = dt.date(fields[0], fields[1], fields[2]) + dt.timedelta(days=ana[g["anaday"]][1])
    if g["day"]:
        day = int(g["day"])
        if not 1 <= day <= 31:
            return None
        if anchor_day is not None:  # きょう11日: the word fixes the month, the number must agree
            year, month = anchor_day.year, anchor_day.month
            if anchor_day.day != day:
                warning = f"{g['relday']} is {anchor_day.isoformat()}, not day {day}"
        elif not has_month:
            relative = True
            if ref:
                year, month = ref.year, ref.month
            if g["relday"]:
                year = month = None
    elif anchor_day is not None:
        year, month, day = anchor_day.year, anchor_day.month, anchor_day.day
    elif g["relday2"] or g["anaday"]:
        year = month = None
        day = -1  # relative day word without a reference, anaphor without an anchor

    # ----- the clock
    hour = minute = None
    if g["noon"]:
        hour, minute = 12, 0
    elif g["hour"]:
        hour = int(g["hour"])
        minute = 30 if g["half"] else int(g["minute"]) if g["minute"] else 0
        if g["ampm"] == "午後" and hour < 12:
            hour += 12
        elif g["ampm"] == "午前" and hour == 12:
            hour = 0
        if hour > 24 or minute > 59 or (g["ampm"] and hour > 23):
            return None
    time_gran = None
    if hour is not None:
        time_gran = "minute" if (g["minute"] or g["half"]) else "hour"
    clock = f"T{hour:02d}:{minute:02d}" if hour is not None else ""

    # ----- assemble
    if has_day:
        gran = "day"
        if year is None or month is None or day is None or day < 0:
            value = None
        elif not _valid_day(year, month, day):
            value = None
            warning = f"no such day: {year:04d}-{month:02d}-{day:02d}"
        else:
            date = dt.date(year, month, day)
            value = date.isoformat()
            if g["wd"] and date.weekday() != _WEEKDAYS.index(g["wd"]):
                warning = (f"weekday ({g['wd']}) disagrees with {value}, "
                           f"a {_WEEKDAYS[date.weekday()]}曜日")
    elif has_month:
        gran = "month"
        value = f"{year:04d}-{month:02d}" if year is not None and month is not None else None
    elif has_year:
        gran = "year"
        value = f"{year:04d}" if year is not None else None
    else:  # a clock time alone
        return DateValue(clock, "time", time_gran or "hour")

    if g["era"] and value is not None and warning is None:
        warning = _era_warning(g["era"], g["eray"], era_start, era_end, year, month, day if has_day else None)

    if hour is not None:
        return DateValue(value + clock if value else None, "time", time_gran or "hour", None, relative, warning,
                         anaphoric=anaphoric)
    return DateValue(value, "date", gran, part, relative, warning, anaphoric=anaphoric)


def _coarse_anaphor(g: dict, fields: tuple[int, int | None, int | None] | None, has_time: bool,
                    part: str | None) -> DateValue | None:
    """An anaphor finer than its anchor (翌日 after 去年11月, 翌月 after 2019年): the anchor's own value, at its
    granularity.  None when the anchor is fine enough, or missing (the caller then gives value None)."""
    if fields is None:
        return None
    year, month, day = fields
    if g["anaday"] and day is None and not has_time:
        if month is None:
            return DateValue(f"{year:04d}", "date", "year", None, True, anaphoric=True)
        return DateValue(f"{year:04d}-{month:02d}", "date", "month", None, True, anaphoric=True)
    if g["anamonth"] and month is None and not g["day"] and not has_time:
        return DateValue(f"{year:04d}", "date", "year", part, True, anaphoric=True)
    return None


def _era_warning(era: str, n: str, start: dt.date, end: dt.date | None,
                 year: int | None, month: int | None, day: int | None) -> str | None:
    """A date written in an era it does not belong to (平成31年5月1日, 令和元年4月30日)."""
    if year is None:
        return None
    first = dt.date(year, month or 12, day or calendar.monthrange(year, month or 12)[1])
    last = dt.date(year, month or 1, day or 1)
    if first < start:
        return f"{era}{n}年 begins on {start.isoformat()}"
    if end is not None and last >= end:
        return f"{era} ended on {(end - dt.timedelta(days=1)).isoformat()}"
    return None


_HANDLERS = {
    "slash": _slash,
    "set": _set,
    "offset": _offset,
    "week": _week,
    "decade": _decade,
    "relfiscal": _relfiscal,
    "fperiod": _fperiod,
    "relperiod": _relperiod,
    "season": _season,
    "soft": _soft,
    "halfyear": _halfyear,
    "sameperiod": _sameperiod,
    "compound": _compound,
    "duration": _duration,
    "calendar": _calendar,
}


# --------------------------------------------------------------------------- ranges


_BARE_RE = re.compile(r"^\d{1,2}(?:月|日)$")


def normalize_range(left: str, right: str, ref: dt.date | None,
                    quarter: bool = False) -> tuple[DateValue, DateValue] | None:
    """Both ends of a range written ``left～right`` or ``leftからright``, or None if it is not one.

    A range stays two mentions (its two ends); this gives each end its value.  ``left`` may lack its unit, which
    the right end gives (``1～3月``: ``1`` -> January; ``2024年4～6月期``: ``2024年4`` -> 2024-04;
    ``3月1～5日``: ``3月1`` -> March 1st).  A bare right end takes the left end's year (and month):
    ``2024年7月から9月`` -> 2024-09, and the next year or month when it would come before the left end
    (``11～2月`` -> February of the next year, ``28～3日`` -> the 3rd of the next month).  ``quarter`` (the range
    is followed by 期: ``24年4～6月期``) lets a two-digit year stand for its century, as in ``25年3月期``.
    """
    r = normalize(right, ref)
    if r is None or r.kind != "date" or r.granularity not in ("month", "day") or r.anaphoric:
        return None
    rp = _prepare(right)
    lp = _prepare(left)
    if quarter:
        lp = re.sub(r"^(\d{2})年", lambda m: f"{_two_digit_year(m[1], ref)}年", lp)
    if lp and lp[-1].isdigit():  # 1～3月: the left end borrows the unit of the right one
        if not _BARE_RE.match(rp):
            return None
        lp += "月" if r.granularity == "month" else "日"
    lv = normalize(lp, ref)
    if lv is None or lv.kind != "date" or lv.granularity != r.granularity or lv.anaphoric:
        return None
    fields = _anchor_fields(lv)
    if fields and rp[:1].isdigit() and r.relative:
        year, month, _ = fields
        if r.granularity == "month" or not _BARE_RE.match(rp):  # 9月, 3月5日: the left end's year
            firsts = [dt.date(year, 1, 1), dt.date(year + 1, 1, 1)]
        else:  # 5日: the left end's month
            y2, m2 = _add_months(year, month, 1)
            firsts = [dt.date(year, month, 1), dt.date(y2, m2, 1)]
        candidates = [normalize(right, first) for first in firsts]
        chosen = candidates[0]
        if chosen.value is None or lv.value is None or chosen.value < lv.value:
            if candidates[1].value is not None:
                chosen = candidates[1]
        r = DateValue(chosen.value, chosen.kind, chosen.granularity, chosen.part, lv.relative, chosen.warning)
    return lv, r


def year_in_century(text: str, left_year: int) -> DateValue | None:
    """The right end of a range of years written with two digits after a full left end (``1956-58年``,
    ``1965年から73年``): ``58年`` after 1956 is 1958, ``03年`` after 1998 is 2003.  None unless ``text`` is two
    digits and 年."""
    m = re.fullmatch(r"(\d{2})年", _prepare(text))
    if not m:
        return None
    year = left_year // 100 * 100 + int(m[1])
    if year <= left_year:
        year += 100
    return DateValue(f"{year:04d}", "date", "year")


# --------------------------------------------------------------------------- the words around an expression

# 1日 read as "per day": 1日あたり, 1日当たり, 1日につき, 1日の平均, 1日平均, 1日としては (過去最大), 1日に3回,
# 1日に2度, 1日に3食 (not 1日に30度を超えた, 1日の平均株価: "on the 1st")
_PER_DAY_AFTER = re.compile(
    r"^(?:あたり|当たり|につき|の?平均(?!株価)|としては|としての"
    r"|に(?:[1-9一二三四五六七八九]|数)(?:回|度)(?!目)|に(?:[0-9]+|[一二三四五六七八九十]+|数)(?:回|食|錠|杯)(?!目))"
)
# N日で after から (発売から2日で完売), and N日 after わずか/たった: a length of time, not the Nth
_DURATION_BEFORE = re.compile(r"(?:から(?:わずか|たった|約|およそ|最短|既に|すでに)?|わずか|たった"
                              r"|(?:平年|例年|予定|当初|前年|昨年|通常|計画)より)$")
# a prison term (懲役10年6月, 禁錮1年6月), not June 2010
_TERM_BEFORE = re.compile(r"(?:懲役|禁錮|禁固|禁錮刑|懲役刑|実刑|求刑)$")
# two digits and 年 before these are a year, as headlines write it (JRが13年にも開始, 11年めど, 70年以降最少),
# not a length of time (3年にも及ぶ, 10年にわたり); after these they stay one (懲役15年以降, 任期4年以降)
_YEAR_AFTER = re.compile(r"^(?:めど|メド|目途|目処|にも(?!及|わた|達|上|な)|以降|以来)")
_DURATION_BEFORE_YEAR = re.compile(r"(?:懲役|禁錮|禁固|任期|から|約|およそ|過去|この|ここ|最長|最短)$")
# an age written with a year count (樹齢1000年)
_AGE_BEFORE = re.compile(r"(?:樹齢|推定樹齢)(?:約|およそ)?$")
# N日 right before a shift in time is its amount (打ち上げを二日延期, 3日遅れ), not the day it moved to (10日に延期)
_SHIFT_AFTER = re.compile(r"^(?:延期|遅れ|遅く|早く|早ま|早め|前倒し|順延|繰り上げ|繰り下げ)")
# N日分 (8日分の日程: eight days' worth), not N日分かった (13日分かった: "it became known on the 13th")
_DAYS_WORTH = re.compile(r"^分(?!か|っ|から)")
# 2年目, 3日目 (ordinals), not 2030年目標, 3年目安, 5年目指す
_ORDINAL_AFTER = re.compile(r"^目(?![標的安指処途前玉撃線下立])")
# 今期, 来期, 前期 are fiscal periods only standing alone: not 江戸時代前期, 前期高齢者, 前期日程
_PERIOD_WORD = re.compile(r"^(?:今期|来期|前期)")
_PERIOD_AFTER_OK = re.compile(r"^(?:[^\u4e00-\u9fff\u30a0-\u30ff]|比|決算|末|中|見通し|予想|業績)")


# the base year of an index (消費者物価指数（2020年＝100）, 2015年平均=100, 2020年基準, 2020年を100とした)
_INDEX_BASE_AFTER = re.compile(r"^(?:平均)?(?:=100(?![0-9.])|基準(?!を満|に満|日)|を(?:基準|100)と)")


def in_context(text: str, value: DateValue, before: str, after: str, ref: dt.date | None = None) -> DateValue | None:
    """``value`` (the value of the expression ``text``) re-read from the words just ``before`` and ``after`` it
    in the article: the value to keep (the same object when nothing changes), or None when the words show that
    ``text`` is no time expression at all.

    * ``N年目``, ``N日目``, ``Nか月目`` (就任2年目, 大会3日目): an ordinal count -> None.
    * ``1日`` per day (1日あたり, 1日の平均睡眠時間, 1日に3回, 1日としては過去最大) -> a set ``P1D`` (like 毎日);
      ``N日に1回`` (once every N days) -> a set ``PND``.
    * ``N日`` as a length of time (発売から2日で完売, わずか3日で; 8日分の日程, 各6日, 1日だけ開催, 二日延期,
      3日遅れ) -> a duration ``PND``.
    * ``樹齢1000年`` (an age) -> a duration ``P1000Y``.
    * ``今期``/``来期``/``前期`` inside a longer word (江戸時代前期, 前期高齢者, 前期日程) -> None.
    * the base year of an index (``2020年＝100``, ``2015年平均=100``, ``2020年基準``) -> None.
    * ``懲役10年6月`` (a prison term, not June 2010) -> a duration ``P10Y6M``.
    * two digits and 年 that a headline uses for a year (``13年にも開始``, ``11年めど``, ``70年以降``) -> that year
      (``2013``, ``2011``, ``1970``: the century that puts it at most 15 years after ``ref``, the article's date).
    """
    s = _prepare(text)
    b = _prepare(before)
    a = unicodedata.normalize("NFKC", after).lstrip()
    if _ORDINAL_AFTER.match(a) and value.kind in ("date", "duration"):
        return None
    age = re.fullmatch(r"(\d{4})年", s)
    if age and _AGE_BEFORE.search(b):  # 樹齢1000年: an age, not the year 1000
        return DateValue(f"P{int(age[1])}Y", "duration", "year")
    term = re.fullmatch(r"(\d{1,2})年(\d{1,2})月", s)
    if term and _TERM_BEFORE.search(b):  # 懲役10年6月: a prison term
        return DateValue(f"P{int(term[1])}Y{int(term[2])}M", "duration", "month")
    yy = re.fullmatch(r"(\d{2})年", s)
    if yy and value.kind == "duration" and _YEAR_AFTER.match(a) and not _DURATION_BEFORE_YEAR.search(b):
        return DateValue(f"{_two_digit_year(yy[1], ref):04d}", "date", "year")  # 13年にも開始, 70年以降
    if (value.kind == "date" and value.granularity in ("year", "fiscal_year") and not value.relative
            and _INDEX_BASE_AFTER.match(re.sub(r"\s+", "", a))):
        return None  # 2020年＝100, 2015年平均=100, 2020年基準: the base of an index, no date of an event
    if _PERIOD_WORD.match(s) and value.granularity == "fiscal_year":
        if re.search(r"[\u4e00-\u9fff\u30a0-\u30ffー]$", b) or (a and not _PERIOD_AFTER_OK.match(a)):
            return None
        return value
    if value.kind != "date" or value.granularity != "day":
        return value
    m = re.fullmatch(r"(\d{1,2})日", s)
    if not m or re.search(r"[0-9月年]$", b):  # 9月1日 split in two is still the 1st
        return value
    if m[1] == "1" and _PER_DAY_AFTER.match(a):
        return DateValue("P1D", "set", "day")
    if re.match(r"^に(?:1|一)(?:回|度)(?!目)", a):  # 3日に1回: once every three days
        return DateValue(f"P{int(m[1])}D", "set", "day")
    if _DAYS_WORTH.match(a) or b.endswith("各") or (m[1] == "1" and a.startswith("だけ")) or _SHIFT_AFTER.match(a):
        return DateValue(f"P{int(m[1])}D", "duration", "day")  # 8日分, 各6日, 1日だけ開催, 二日延期
    if _DURATION_BEFORE.search(b) and (a.startswith("で") or not b.endswith("から")
                                       and not b.endswith(("約", "およそ", "最短"))):
        return DateValue(f"P{int(m[1])}D", "duration", "day")
    return value


# words that, right after a previous-period word, make it the base of a comparison (前月から拡大, 前年を下回った)
_COMPARISON_AFTER = re.compile(r"^(?:比|を(?:上回|下回)|より|に比べ|と比べ|と比較|並み|の水準|実績|から)")
_COMPARISON_WORDS = frozenset({"前月", "前年", "前の年", "前年度", "前週", "前日", "前期"})


def is_comparison(text: str, value: DateValue, after: str) -> bool:
    """Is ``text`` (valued ``value``) the base of a comparison rather than the period being reported, judging
    by the words just ``after`` it?  Such a mention resolves against the preceding date but is no anchor for
    the next anaphor (9月の生産は前月比…上昇。前年同月比では…: 前年同月 is September's, not August's).

    * anything followed by 比 (前月比, 前年同月比, 前年比, 前期比, 前日比, 前年度比, 3月末比);
    * the same period a year earlier (前年同期, 前年同月, 前の年の同じ時期): always a comparison base;
    * 前期 (the previous period): always;
    * 前月, 前年, 前年度, 前週, 前日 before から / を上回る / を下回る / より / に比べ / と比べ / 並み / の水準 / 実績
      (前月から拡大した, 前年を下回った); 前日から (前日から降り続いた雨) is no comparison.
    """
    if value.kind not in ("date", "time"):
        return False
    s = _prepare(text)
    a = re.sub(r"\s+", "", unicodedata.normalize("NFKC", after))
    if a.startswith("比"):
        return True
    if _patterns()["sameperiod"].match(s) or s == "前期":
        return True
    if s in _COMPARISON_WORDS:
        m = _COMPARISON_AFTER.match(a)
        return bool(m) and not (s == "前日" and m.group(0) == "から")
    return False


def after_period(text: str, value: DateValue, anchor: DateValue | None, quarter: bool = False) -> DateValue:
    """``前期`` (the previous period) read against the period being reported, ``anchor`` (the preceding
    non-comparison mention), instead of the reference date.

    * After a quarter (7～9月期: ``anchor`` is its last month, ``2025-09``, and ``quarter`` is True) it is the
      previous quarter, 4～6月期.  A quarter is written as two mentions (its first and last month), which one
      mention cannot be: the value is None, granularity ``month``, and the ``warning`` names the quarter
      (``2025-04..2025-06``).
    * After a fiscal period written out (2025年3月期, 2024年度: fiscal 2024) it is the fiscal year before
      (``2023``).
    * Otherwise (no anchor; a day, month or year; a relative 今期/来期, which 前期 is relative to the same way)
      ``value`` itself: a company's previous fiscal period from the reference date.
    """
    if _prepare(text) != "前期" or value.granularity != "fiscal_year" or anchor is None or anchor.value is None:
        return value
    if quarter and anchor.granularity == "month":
        fields = _anchor_fields(anchor)
        if fields is None or fields[1] is None:
            return value
        y1, m1 = _add_months(fields[0], fields[1], -5)
        y2, m2 = _add_months(fields[0], fields[1], -3)
        return DateValue(None, "date", "month", None, True,
                         warning=f"前期 after a quarter: the previous quarter, {y1:04d}-{m1:02d}..{y2:04d}-{m2:02d}"
                                 " (a quarter has no single value)", anaphoric=True)
    if (anchor.granularity == "fiscal_year" and not anchor.relative and anchor.part is None
            and re.fullmatch(r"\d{4}", anchor.value)):
        return DateValue(f"{int(anchor.value) - 1:04d}", "date", "fiscal_year", None, True, anaphoric=True)
    return value


# --------------------------------------------------------------------------- bare dates on the article's timeline


def bare_unit(text: str) -> str | None:
    """The unit a date written without its year or month leaves to the reader: ``"month"`` for a bare day
    (``25日``, ``25日午後3時``, ``25日(水)``: month and year are the reference's), ``"year"`` for a bare month or
    month and day (``11月``, ``12月24日``, ``11月末``); None for anything else (``2024年5月``, ``去年11月``,
    ``同日``, ``きょう``, ``午前10時``)."""
    m = _patterns()["calendar"].match(_prepare(text))
    if not m:
        return None
    g = m.groupdict()
    if any(g[k] for k in ("era", "year", "yy", "relyear", "anayear", "relmonth", "anamonth", "relday", "relday2",
                          "anaday")):
        return None
    if g["month"]:
        return "year"
    if g["day"]:
        return "month"
    return None


_VALUE_RE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?")


def _position(value: DateValue) -> tuple[int, int, int | None] | None:
    """(year, month, day or None) of a date or time value that names at least a month."""
    if value.value is None or value.kind not in ("date", "time"):
        return None
    m = _VALUE_RE.match(value.value)
    return (int(m[1]), int(m[2]), int(m[3]) if m[3] else None) if m else None


def _compare(value: DateValue, ref: dt.date) -> int | None:
    """-1, 0 or 1 as ``value`` lies before, on or after ``ref`` at its own granularity (a month: its month)."""
    pos = _position(value)
    if pos is None:
        return None
    y, m, d = pos
    a = (y, m, d if d is not None else 0)
    b = (ref.year, ref.month, ref.day if d is not None else 0)
    return (a > b) - (a < b)


def _rebased(text: str, unit: str, ref: dt.date, n: int) -> DateValue | None:
    """``text`` (a bare date) read as if the reference were ``n`` of its ``unit`` (month, year) away."""
    if unit == "year":
        base = dt.date(ref.year + n, 1, 1)
    else:
        y, m = _add_months(ref.year, ref.month, n)
        base = dt.date(y, m, 1)
    return normalize(text, base)


def moved(value: DateValue, unit: str, n: int) -> DateValue:
    """``value`` moved by ``n`` months (``unit`` "month") or years ("year"), its granularity kept: the other end of
    a range whose first end was moved.  A day the new month lacks gives value None and a warning."""
    pos = _position(value)
    if pos is None or n == 0:
        return value
    y, m, d = pos
    y, m = (y + n, m) if unit == "year" else _add_months(y, m, n)
    rest = value.value[10:] if d is not None else ""
    if d is None:
        new, warning = f"{y:04d}-{m:02d}", value.warning
    elif _valid_day(y, m, d):
        new, warning = f"{y:04d}-{m:02d}-{d:02d}{rest}", value.warning
    else:
        new, warning = None, f"no such day: {y:04d}-{m:02d}-{d:02d}"
    return DateValue(new, value.kind, value.granularity, value.part, True, warning, value.season, value.anaphoric)


def by_tense(text: str, value: DateValue, ref: dt.date | None, tense: str | None,
             own: bool = False) -> tuple[DateValue, int]:
    """A bare date (``25日``, ``11月``, ``12月24日``), valued in the reference's month or year, re-read from the
    clause it belongs to.  ``tense`` is ``"past"`` when the clause reports what happened and the date is its time
    (``31日に表明した``: the caller decides, see :mod:`kimputin_cli.date_mentions`), anything else otherwise;
    ``own`` when the past auxiliary is on the date's own predicate (``18日に行われた選挙``).

    * In a report of the past, a date after the reference is the previous month's (a bare day: ``31日に表明した``
      in an article of 1 August is 31 July) or the previous year's (a bare month: ``12月に確定した`` in January).
      Not a date just ahead: a bare day at most a week after the reference (two days when the past is on its own
      predicate), a month and day at most 31 days after it, stay (``10月1日から実施することにした`` on 30
      September is a decision about tomorrow, and ``23日から再開することを決めた`` on the 20th one about next week,
      when the parse gives the date to 決めた; an article's date is often a day or two off).
    * No move forward: a date before the reference in a plan (``8月5日から2週間の予定で``) is as often this
      month's as the next one's.
    * Whatever the tense, a bracketed weekday that disagrees with the reference's month or year but agrees with
      the previous or next one chooses that one (``28日(土)`` in an article of 2 July 2025 is 28 June).

    Returns the value to keep and the number of units (months for a bare day, years for a bare month) it moved.
    """
    unit = bare_unit(text)
    if unit is None or ref is None or value.kind not in ("date", "time"):
        return value, 0
    if value.warning and value.warning.startswith("weekday"):
        for n in (-1, 1):
            other = _rebased(text, unit, ref, n)
            if other is not None and other.value is not None and not other.warning:
                return other, n
        return value, 0
    if tense != "past" or _compare(value, ref) != 1:
        return value, 0
    pos = _position(value)
    margin = 31 if unit == "year" else 2 if own else 7
    if pos is not None and pos[2] is not None and (dt.date(*pos) - ref).days <= margin:
        return value, 0
    for k in (-1, -2) if unit == "month" else (-1,):  # 31日 in a past report of 2 March: 31 January
        other = _rebased(text, unit, ref, k)
        if other is not None and other.value is not None and not (other.warning and not value.warning):
            return other, k
    return value, 0


def _long_past(value: DateValue, ref: dt.date) -> bool:
    """Does the whole of ``value`` (a day, or a month to its last day) lie more than 60 days before ``ref``?"""
    pos = _position(value)
    if pos is None:
        return False
    y, m, d = pos
    last = dt.date(y, m, d if d is not None else calendar.monthrange(y, m)[1])
    return (ref - last).days > 60


def in_narrative(text: str, value: DateValue, anchor: DateValue | None, ref: dt.date | None,
                 tense: str | None = None, anchor_told: bool = True, anchor_placed: bool = False,
                 anchor_near: bool = True) -> DateValue:
    """A bare month (``5月``, ``12月24日``) in a narrative of another year than the reference's takes that year
    from ``anchor``, the preceding date mention.

    * A past narrative: after a past month told as the time of a main clause (``anchor_told``: ``婦女暴行事件は
      同年3月に発生した。同年4月、同署は聴取を行った。``), a bare month that does not come before it, in a clause
      in the past (``tense`` "past": ``5月に再逮捕した`` -> 2002-05).  Not after a year alone (``2002年に起きた``),
      nor after a date inside a relative clause (``2004年4月に導入した「…」``: background, not the story told).
    * A schedule: after a later year than the reference's named alone (``2010年の日程を発表した。開幕は1月5日``,
      said in November 2009), a bare date that would otherwise lie more than two months before the reference
      (1月5日, 9月: a date just past is more likely told as past, ``11月16日までに終了した``); after a
      bare date already placed in that year (``anchor_placed``), any (``11月28日`` after ``1月5日`` there).
      The year must be near (``anchor_near``: the caller says; five sentences at most).
      Never a clause in the
      past (``7月31日に会見した``), nor after a full future date (``2016年2月26日に予定される選挙``: one planned
      event, the article goes on in the present).
    """
    if bare_unit(text) != "year" or ref is None:
        return value
    fields = _anchor_fields(anchor)
    pos = _position(value)
    if fields is None or anchor is None or pos is None or fields[0] == pos[0] or fields[0] == ref.year:
        return value
    year, month, _ = fields
    if year < ref.year:
        if month is None or pos[1] < month or tense != "past" or not anchor_told:
            return value
    else:
        if tense == "past":
            return value
        if not anchor_placed and (month is not None or anchor.relative or not anchor_near
                                  or not _long_past(value, ref)):
            return value
    other = normalize(text, dt.date(year, 1, 1))
    return other if other is not None and other.value is not None else value


def across_zones(text: str, value: DateValue, other: DateValue | None) -> DateValue:
    """A bare day in a time-zone gloss of the date ``other`` just before it (``10月27日夕方(日本時間は28日午前)``,
    ``2月14日午後(現地。日本時間15日早朝)``): the same moment on another clock, so the day at most one from
    ``other``'s, in its month or the next or previous one (28 October, 15 February)."""
    if bare_unit(text) != "month":
        return value
    fields = _anchor_fields(other)
    if fields is None or fields[1] is None or fields[2] is None:
        return value
    there = dt.date(*fields)
    for n in (0, 1, -1):
        y, m = _add_months(fields[0], fields[1], n)
        cand = normalize(text, dt.date(y, m, 1))
        pos = _position(cand) if cand is not None else None
        if pos is not None and pos[2] is not None and abs((dt.date(*pos) - there).days) <= 1:
            return cand
    return value


def with_day(clock: DateValue, day: DateValue) -> DateValue | None:
    """A clock time alone (午前4時ごろ: ``T04:00``) put on the day of an earlier mention (17日: ``2025-09-17``):
    ``2025-09-17T04:00``, relative.  None when ``clock`` is not a bare clock time or ``day`` names no day."""
    if clock.kind != "time" or clock.value is None or not clock.value.startswith("T"):
        return None
    fields = _anchor_fields(day)
    if fields is None or fields[2] is None:
        return None
    year, month, d = fields
    return DateValue(f"{year:04d}-{month:02d}-{d:02d}{clock.value}", "time", clock.granularity, None, True)


# --------------------------------------------------------------------------- fragments (for detection)


@lru_cache(maxsize=None)
def _fragment_re() -> re.Pattern[str]:
    vocab = set(_relative()) | set(_parts())
    # the tokenizer may split a vocabulary word (一昨|年, あさっ|て): accept its prefixes and suffixes too
    words = {w[:k] for w in vocab for k in range(1, len(w) + 1)} | {w[k:] for w in vocab for k in range(len(w))}
    ana = set(_anaphoric())
    words |= {w[:k] for w in ana for k in range(1, len(w) + 1)} | {w[k:] for w in ana for k in range(len(w))}
    words |= {name for name, _ in _eras()}
    words |= set(_dayparts()) | set(_seasons()) | set(_SEASON_PREFIX) | set(_soft_periods())
    words |= {"期", "月期", "同期", "同じ", "時期"}  # 3月期, 前年同期, 前の年の同じ時期
    words |= {"元年", "年度", "午前", "午後", "正午", "曜日", "曜", "ぶり", "連続", "余り", "あまり", "間", "前", "後",
              "半", "毎", "度", "代", "世紀", "四半", "か", "カ", "ヶ", "ケ", "箇", "ヵ", "時間", "週間", "秒"}
    atoms = _alt(words) + r"|[0-9０-９〇零一二三四五六七八九十百千]+|[年月日時分週()（）・祝]|[" + _WEEKDAYS + "]"
    return re.compile(rf"^(?:{atoms})+$")


def fragment_pattern() -> str:
    """The regular expression (a string, for spaCy's Matcher ``REGEX``) of :func:`is_date_fragment`."""
    return _fragment_re().pattern


def is_date_fragment(text: str) -> bool:
    """Can ``text`` (one token) be a piece of a time expression? (``2019``, ``年``, ``ことし``, ``今月末``, ``ぶり``).

    Detection groups runs of such tokens and lets :func:`normalize` choose the exact span.
    """
    return bool(text) and bool(_fragment_re().match(text))


# --------------------------------------------------------------------------- datelines

_DATE_RE = re.compile(
    r"(?P<y>\d{4})(?:年(?P<m1>\d{1,2})月(?P<d1>\d{1,2})日|(?P<sep>[/.\-])(?P<m2>\d{1,2})(?P=sep)(?P<d2>\d{1,2}))"
)
_CLOCK_AFTER = re.compile(r"^\s*(?:\([月火水木金土日]\)\s*)?(?:午前|午後)?\s*\d{1,2}(?:時|:)\d{0,2}")


def find_dateline(text: str) -> dt.date | None:
    """The date an article was published, from its dateline, or None.

    Looks at the lines that start in the first ~300 characters and at the last three non-empty lines.
    A short line that is mostly a full date (``2023年9月11日 19時05分``, ``更新 2023/09/11``) wins; otherwise a
    full date followed by a clock time in the first 300 characters.  A date inside a sentence
    (``2021年1月6日の議会襲撃``) is not a dateline.
    """
    s = _kanji_numbers(unicodedata.normalize("NFKC", text))
    lines = s.splitlines()
    head, pos = [], 0
    for line in lines:
        if pos > 300:
            break
        head.append(line)
        pos += len(line) + 1
    tail = [ln for ln in lines if ln.strip()][-3:]
    for line in head + tail[::-1]:
        stripped = line.strip()
        m = _DATE_RE.search(stripped)
        if m and len(stripped) <= 40 and len(stripped) - len(m.group(0)) <= 24:
            d = _to_date(m)
            if d:
                return d
    for m in _DATE_RE.finditer(s[:300]):
        if _CLOCK_AFTER.match(s[m.end():]):
            d = _to_date(m)
            if d:
                return d
    return None


def _to_date(m: re.Match[str]) -> dt.date | None:
    y = int(m["y"])
    mo = int(m["m1"] or m["m2"])
    d = int(m["d1"] or m["d2"])
    return dt.date(y, mo, d) if _valid_day(y, mo, d) else None
