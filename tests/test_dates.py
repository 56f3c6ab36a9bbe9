"""Dates: the pure normalizer (no model), the dateline finder, and detection on parsed news sentences."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from date_cases import CASES, Case
from kimputin_cli.date_normalize import (DateValue, after_period, find_dateline, in_context, is_comparison, is_date_fragment,
                                kanji_to_arabic, normalize, normalize_range, with_day)

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_c73a4b2870458b57.txt"
REF = dt.date(2023, 9, 11)
REF25 = dt.date(2025, 6, 10)  # a Tuesday
REF_SEP = dt.date(2025, 9, 17)  # a Wednesday
REF_NOV = dt.date(2025, 11, 20)  # the economic wire stories' reference, a Thursday


def _ref(case: Case) -> dt.date | None:
    return dt.date.fromisoformat(case.ref) if case.ref else None


# --------------------------------------------------------------------------- normalize(): the table


def test_table_is_large_enough():
    assert len(CASES) >= 130
    assert len({(c.text, c.ref) for c in CASES}) == len(CASES), "duplicate cases"


@pytest.mark.parametrize("case", CASES, ids=[f"{c.text}@{c.ref}" for c in CASES])
def test_normalize_table(case: Case):
    got = normalize(case.text, _ref(case))
    if case.kind is None:
        assert got is None
        return
    assert got is not None, "a time expression must not normalize to None"
    assert got.value == case.value
    assert got.kind == case.kind
    assert got.relative == case.relative
    assert got.part == case.part


# --------------------------------------------------------------------------- normalize(): details


@pytest.mark.parametrize(
    "text, granularity",
    [("2022", None), ("2023年", "year"), ("去年11月", "month"), ("11日", "day"), ("今週", "week"),
     ("来年度", "fiscal_year"), ("午前10時半", "minute"), ("午後3時", "hour"), ("4年ぶり", "year")],
)
def test_granularity(text, granularity):
    got = normalize(text, REF)
    assert (got.granularity if got else None) == granularity


@pytest.mark.parametrize(
    "text, ref, fragment",
    [
        ("11日(火)", REF, "火"),  # 2023-09-11 is a Monday
        ("2023年9月12日(月)", REF, "月"),  # a Tuesday
        ("31日", REF, "no such day"),
        ("2023年2月29日", REF, "no such day"),
        ("平成31年5月1日", REF, "平成"),  # Heisei ended on 2019-04-30
        ("令和元年4月30日", REF, "令和"),  # Reiwa began on 2019-05-01
        ("きょう12日", REF, "2023-09-11"),  # きょう is the 11th
        ("80年代", REF, "century"),  # 1980s or 2080s: value None
    ],
)
def test_warnings(text, ref, fragment):
    got = normalize(text, ref)
    assert got is not None and got.warning is not None
    assert fragment in got.warning


@pytest.mark.parametrize("text", ["11日(月)", "平成31年4月30日", "令和元年5月1日", "2024年2月29日", "きょう11日"])
def test_no_warning_when_consistent(text):
    got = normalize(text, REF)
    assert got is not None and got.warning is None


@pytest.mark.parametrize("text", ["2019年4月以来", "去年まで", "11日に", "ことし7月には"])
def test_whole_expressions_only(text):
    # trailing words are cut by detection, not swallowed by the grammar
    assert normalize(text, REF) is None


def test_era_boundary_values_still_given_with_warning():
    assert normalize("平成31年5月1日", REF).value == "2019-05-01"


@pytest.mark.parametrize(
    "kanji, number",
    [("二〇二三", 2023), ("十", 10), ("十一", 11), ("二十", 20), ("二十五", 25), ("三十一", 31), ("百", 100),
     ("二千二十三", 2023), ("千九百四十五", 1945), ("〇", 0), ("九", 9)],
)
def test_kanji_to_arabic(kanji, number):
    assert kanji_to_arabic(kanji) == number


def test_datevalue_is_frozen():
    v = normalize("去年", REF)
    assert isinstance(v, DateValue)
    with pytest.raises(AttributeError):
        v.value = "2000"  # type: ignore[misc]


@pytest.mark.parametrize("token, ok", [("2019", True), ("年", True), ("ことし", True), ("今月末", True),
                                       ("一昨", True), ("ぶり", True), ("会談", False), ("ロシア", False)])
def test_is_date_fragment(token, ok):
    assert is_date_fragment(token) is ok


# --------------------------------------------------------------------------- normalize(): anaphors (anchor)

DAY = DateValue("2025-06-09", "date", "day")
MONTH = DateValue("2023-11", "date", "month")  # 去年11月 said on 2024-09-18
YEAR = DateValue("2020", "date", "year")
FISCAL = DateValue("2024", "date", "fiscal_year")  # 2025年3月期


@pytest.mark.parametrize(
    "text, anchor, value, granularity",
    [
        # against a day: 2025-06-09 (a Monday)
        ("同日", DAY, "2025-06-09", "day"),
        ("同日夜", DAY, "2025-06-09", "day"),
        ("当日", DAY, "2025-06-09", "day"),
        ("この日", DAY, "2025-06-09", "day"),
        ("翌日", DAY, "2025-06-10", "day"),
        ("翌朝", DAY, "2025-06-10", "day"),
        ("前日", DAY, "2025-06-08", "day"),
        ("同日午後3時", DAY, "2025-06-09T15:00", "hour"),
        ("同月", DAY, "2025-06", "month"),
        ("翌月", DAY, "2025-07", "month"),
        ("前月", DAY, "2025-05", "month"),
        ("翌月末", DAY, "2025-07", "month"),
        ("同月10日", DAY, "2025-06-10", "day"),
        ("同年", DAY, "2025", "year"),
        ("翌年", DAY, "2026", "year"),
        ("前年", DAY, "2024", "year"),
        ("前の年", DAY, "2024", "year"),
        ("同年4月1日", DAY, "2025-04-01", "day"),
        ("翌年3月", DAY, "2026-03", "month"),
        ("同年秋", DAY, "2025", "year"),
        ("前年同月", DAY, "2024-06", "month"),
        ("前年同日", DAY, "2024-06-09", "day"),
        ("前年同期", DAY, None, None),  # a day names no period
        ("去年の同じ時期", DAY, "2024", "year"),  # 去年 counts from the reference
        # across month and year ends, leap days
        ("翌日", DateValue("2024-12-31", "date", "day"), "2025-01-01", "day"),
        ("翌月", DateValue("2024-12-31", "date", "day"), "2025-01", "month"),
        ("前日", DateValue("2024-03-01", "date", "day"), "2024-02-29", "day"),
        ("前日", DateValue("2023-03-01", "date", "day"), "2023-02-28", "day"),
        ("前年同日", DateValue("2024-02-29", "date", "day"), None, "day"),  # no 2023-02-29
        ("翌日", DateValue("2025-06-09T19:00", "time", "hour"), "2025-06-10", "day"),
        # an anaphor finer than its anchor takes the anchor's value (翌日 after 去年11月: some day in November)
        ("翌日", MONTH, "2023-11", "month"),
        ("同日", MONTH, "2023-11", "month"),
        ("翌月", MONTH, "2023-12", "month"),
        ("同月", MONTH, "2023-11", "month"),
        ("同日午後3時", MONTH, None, "hour"),  # a clock time needs the day
        ("同年", YEAR, "2020", "year"),
        ("翌月", YEAR, "2020", "year"),
        ("同月10日", YEAR, None, "day"),
        ("前年同期", YEAR, "2019", "year"),
        ("前年同期", FISCAL, "2023", "fiscal_year"),
        ("前の年の同じ時期", FISCAL, "2023", "fiscal_year"),
        ("前年同期", DateValue("2024-06", "date", "month"), "2023", "year"),  # 2024年4～6月期 -> in 2023
        # no usable anchor
        ("同日", DateValue("P3Y", "duration", "year"), None, "day"),
        ("同日", DateValue("T10:00", "time", "minute"), None, "day"),
        ("同日", DateValue("2025-W24", "date", "week"), None, "day"),
        ("同日", None, None, "day"),
    ],
)
def test_anaphors(text, anchor, value, granularity):
    got = normalize(text, REF25, anchor)
    assert got is not None
    assert (got.value, got.granularity) == (value, granularity)
    assert got.anaphoric and got.relative


def test_anchor_does_not_touch_other_expressions():
    assert normalize("11日", REF25, DAY).value == "2025-06-11"
    assert normalize("去年", REF25, DAY).value == "2024"
    assert normalize("前年度", REF25, DAY).value == "2024"  # reference-relative, as before
    assert not normalize("11日", REF25, DAY).anaphoric


@pytest.mark.parametrize(
    "text, season",
    [("来春", "spring"), ("今秋", "autumn"), ("去年の夏", "summer"), ("去年秋", "autumn"), ("今冬", "winter"),
     ("2024年夏", "summer"), ("年末", None), ("去年", None)],
)
def test_seasons(text, season):
    got = normalize(text, REF25)
    assert got.season == season
    assert got.granularity in ("year", "month")
    assert got.part in (None, "end")


# --------------------------------------------------------------------------- in_context(), with_day()


@pytest.mark.parametrize(
    "before, text, after, expected",
    [
        # per day: a set P1D (like 毎日); the 1st of the month otherwise
        ("日本人の", "1日", "の平均睡眠時間は", ("P1D", "set")),
        ("", "1日", "あたりの感染者", ("P1D", "set")),
        ("", "1日", "当たり", ("P1D", "set")),
        ("", "１日", "平均3万人", ("P1D", "set")),
        ("薬を", "1日", "に3回飲む", ("P1D", "set")),
        ("", "一日", "に二度", ("P1D", "set")),
        ("介入額は、", "1日", "としては過去最大", ("P1D", "set")),
        ("会議は", "3日", "に1回開く", ("P3D", "set")),  # once every three days
        ("政府は", "1日", "に発表した", ("2025-09-01", "date")),
        ("", "1日", "に30度を超えた", ("2025-09-01", "date")),  # a temperature on the 1st
        ("", "1日", "に3人が死亡", ("2025-09-01", "date")),
        ("", "1日", "の平均株価", ("2025-09-01", "date")),
        ("", "1日", "の会見で", ("2025-09-01", "date")),
        ("9月", "1日", "の平均", ("2025-09-01", "date")),  # part of 9月1日
        # N日 as a length of time
        ("発売から", "2日", "で完売", ("P2D", "duration")),
        ("発売からわずか", "2日", "で完売", ("P2D", "duration")),
        ("わずか", "3日", "の間に", ("P3D", "duration")),
        ("開始から", "2日", "、", ("2025-09-02", "date")),  # から alone: not sure
        ("午後から", "2日", "に", ("2025-09-02", "date")),
        # fiscal periods inside longer words
        ("江戸時代", "前期", "の建物", None),
        ("、", "前期", "高齢者が", None),
        ("、", "前期", "比で2割増えた", ("2024", "date")),
        ("トヨタは", "今期", "の純利益", ("2025", "date")),
        ("", "来期", "も増益", ("2026", "date")),
        # ordinals
        ("就任", "2年", "目の社長", None),
        ("", "3年", "目に入った", None),
        ("大会", "3日", "目の", None),
        ("", "3年", "連続で", ("P3Y", "duration")),
        ("", "2030年", "目標を掲げた", ("2030", "date")),
        ("就任", "3年", "目以降", None),
        # the base year of an index: no date at all
        ("（CPI、", "2020年", "＝100）は", None),
        ("指数（", "2020年", " = 100）", None),
        ("（", "2015年", "平均=100）", None),
        ("", "2020年度", "＝100", None),
        ("指数は", "2020年", "基準で", None),
        ("", "2020年", "を100とした指数", None),
        ("", "2020年", "＝写真", ("2020", "date")),  # a caption, not an index base
        ("", "2020年", "=1000", ("2020", "date")),
        ("", "2020年", "の基準を満たす", ("2020", "date")),
        ("", "去年", "＝100", ("2024", "date")),  # a relative year is no index base
    ],
)
def test_in_context(before, text, after, expected):
    value = normalize(text, REF_SEP)
    got = in_context(text, value, before, after)
    assert (None if got is None else (got.value, got.kind)) == expected


def test_in_context_keeps_the_object_when_nothing_changes():
    value = normalize("17日", REF_SEP)
    assert in_context("17日", value, "政府は", "に発表した") is value


@pytest.mark.parametrize(
    "clock, day, expected",
    [
        ("午前4時", "17日", "2025-09-17T04:00"),
        ("午後5時半", "きのう", "2025-09-16T17:30"),
        ("正午", "17日午前10時", "2025-09-17T12:00"),
        ("午前4時", "去年3月", None),  # not a day
        ("午前4時", "3年間", None),
        ("17日午前4時", "18日", None),  # not a bare clock time
    ],
)
def test_with_day(clock, day, expected):
    got = with_day(normalize(clock, REF_SEP), normalize(day, REF_SEP))
    assert (got.value if got else None) == expected
    if got:
        assert got.kind == "time" and got.relative


# --------------------------------------------------------------------------- is_comparison(), after_period()


@pytest.mark.parametrize(
    "text, anchor, after, expected",
    [
        ("前月", "9月", "比2.1％上昇した", True),
        ("前年同月", "9月", "比では1.2％低下", True),
        ("前年同期", "2025年3月期", "比で増えた", True),
        ("前年比", None, "", False),  # not one expression: the caller passes 前年 and the 比 after it
        ("前年", "9月", "比3％増", True),
        ("前期", None, "比0.4％減", True),
        ("前期", None, "の実績", True),  # 前期 is always a comparison base
        ("前日", "13日", "比312円高", True),
        ("3月末", None, "比で5％増", True),
        ("前年同月", "10月", "を上回った", True),  # the same period a year earlier, with or without 比
        ("前の年の同じ時期", "10月", "を上回った", True),
        ("前月", "10月", "から拡大した", True),
        ("前年", "10月", "を下回った", True),
        ("前月", "10月", "と比べて", True),
        ("前日", "13日", "から降り続いた雨", False),
        ("前月", "10月", "に発表された", False),
        ("前年", "10月", "、社長が辞任", False),
        ("9月", None, "の鉱工業生産", False),
        ("3年ぶり", None, "比", False),  # a duration is never one
    ],
)
def test_is_comparison(text, anchor, after, expected):
    value = normalize(text, REF_NOV, normalize(anchor, REF_NOV) if anchor else None)
    if value is None:
        assert not expected
        return
    assert is_comparison(text, value, after) is expected


@pytest.mark.parametrize(
    "anchor, quarter, value, warning",
    [
        # 7～9月期 ... 前期比: the quarter before, 4～6月期 (two months back from its end month, then three)
        ("9月", True, None, "2025-04..2025-06"),
        ("3月", True, None, "2024-10..2024-12"),  # 1～3月期 -> 10～12月期 of the year before
        ("12月", True, None, "2025-07..2025-09"),
        # 2025年3月期 (fiscal 2024) ... 前期比: fiscal 2023; 2024年度 -> 2023
        ("2025年3月期", False, "2023", None),
        ("2024年度", False, "2023", None),
        # otherwise 前期 from the reference date (fiscal 2024 on 2025-11-20): after a relative 今期/来期,
        # a month that ends no quarter, or nothing
        ("来期", False, "2024", None),
        ("9月", False, "2024", None),
        (None, False, "2024", None),
    ],
)
def test_after_period(anchor, quarter, value, warning):
    own = normalize("前期", REF_NOV)
    got = after_period("前期", own, normalize(anchor, REF_NOV) if anchor else None, quarter)
    assert got.value == value
    if warning:
        assert got.granularity == "month" and warning in got.warning
    else:
        assert got.granularity == "fiscal_year" and got.warning is None


def test_after_period_leaves_other_words_alone():
    own = normalize("来期", REF_NOV)
    assert after_period("来期", own, normalize("9月", REF_NOV), True) is own


# --------------------------------------------------------------------------- normalize_range()


@pytest.mark.parametrize(
    "left, right, quarter, values",
    [
        ("1", "3月", False, ("2025-01", "2025-03")),
        ("１", "３月", False, ("2025-01", "2025-03")),
        ("4", "6月", True, ("2025-04", "2025-06")),
        ("2024年4", "6月", True, ("2024-04", "2024-06")),
        ("24年4", "6月", True, ("2024-04", "2024-06")),
        ("24年4", "6月", False, ("2024-04", "2024-06")),  # 24年4月 is a date now, as 07年3月 is
        ("12", "2月", True, ("2025-12", "2026-02")),  # December to the next February
        ("3月1", "5日", False, ("2025-03-01", "2025-03-05")),
        ("2月28日", "3月5日", False, ("2025-02-28", "2025-03-05")),
        ("28日", "3日", False, ("2025-06-28", "2025-07-03")),
        ("7月", "9月", False, ("2025-07", "2025-09")),
        ("2024年7月", "9月", False, ("2024-07", "2024-09")),  # the right end takes the left end's year
        ("去年11月", "3月", False, ("2024-11", "2025-03")),
        ("2024年7月", "来年3月", False, ("2024-07", "2026-03")),  # not bare: its own year
    ],
)
def test_normalize_range(left, right, quarter, values):
    got = normalize_range(left, right, REF25, quarter)
    assert got is not None
    assert (got[0].value, got[1].value) == values
    assert got[0].granularity == got[1].granularity


@pytest.mark.parametrize(
    "left, right, quarter",
    [("1", "2025年3月", False), ("1", "3年", False), ("24年", "6月", False), ("同月", "5日", False),
     ("2024年", "3月", False), ("1", "同日", False)],
)
def test_normalize_range_rejects(left, right, quarter):
    assert normalize_range(left, right, REF25, quarter) is None


# --------------------------------------------------------------------------- find_dateline()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("キム総書記が訪ロへ\n2023年9月11日 19時05分\n北朝鮮は…", dt.date(2023, 9, 11)),
        ("見出し\n2023/09/11 19:05\n本文", dt.date(2023, 9, 11)),
        ("見出し\n更新 2023-09-11\n本文", dt.date(2023, 9, 11)),
        ("見出し\n（２０２３年９月１１日）\n本文", dt.date(2023, 9, 11)),
        ("見出し 2023年9月11日 19時05分 北朝鮮は、キム総書記が近くロシアを訪問すると発表しました。",
         dt.date(2023, 9, 11)),
        ("本文です。\n" * 30 + "2023年9月11日", dt.date(2023, 9, 11)),  # at the end
        # a date inside a sentence is not a dateline
        ("アメリカ議会で2021年1月6日に起きた襲撃事件をめぐって、当時の大統領が起訴されたことが明らかになりました。", None),
        ("北朝鮮は11日、発表しました。", None),
        ("見出し\n2023年2月30日\n本文", None),  # no such day
    ],
)
def test_find_dateline(text, expected):
    assert find_dateline(text) == expected


def test_seed_has_no_dateline():
    assert find_dateline(SEED.read_text(encoding="utf-8")) is None


# --------------------------------------------------------------------------- find_dates() on parsed text

KEYS = {"start", "end", "text", "value", "kind", "granularity", "part", "relative"}


@pytest.fixture(scope="module")
def seed_dates(nlp):
    from kimputin_cli.date_mentions import find_dates

    text = SEED.read_text(encoding="utf-8")
    doc = nlp(text)
    return text, find_dates(doc, REF)


def _project(mentions):
    return [(m["text"], m["value"], m["kind"]) for m in mentions]


def test_seed_acceptance(seed_dates):
    text, mentions = seed_dates
    got = _project(mentions)
    expected = [
        ("11日", "2023-09-11", "date"),
        ("2019年4月", "2019-04", "date"),
        ("4年ぶり", "P4Y", "duration"),
        ("11日", "2023-09-11", "date"),
        ("11日", "2023-09-11", "date"),
        ("11日", "2023-09-11", "date"),
        ("ことし7月", "2023-07", "date"),
        ("70年", "P70Y", "duration"),
        ("4年ぶり", "P4Y", "duration"),
        ("先月末", "2023-08", "date"),
        ("4年ぶり", "P4Y", "duration"),
        ("おととし1月", "2021-01", "date"),
        ("ことし5月", "2023-05", "date"),
        ("先月", "2023-08", "date"),
        ("今月6日", "2023-09-06", "date"),
        ("去年", "2022", "date"),
        ("3年連続", "P3Y", "duration"),
        ("去年11月", "2022-11", "date"),
        ("ことし7月", "2023-07", "date"),
        ("今月", "2023-09", "date"),
    ]
    assert got == expected
    by_text = {m["text"]: m for m in mentions}
    assert by_text["先月末"]["part"] == "end"
    assert by_text["2019年4月"]["relative"] is False
    assert by_text["去年11月"]["relative"] is True


def test_seed_offsets_and_keys(seed_dates):
    text, mentions = seed_dates
    assert [m["start"] for m in mentions] == sorted(m["start"] for m in mentions)
    for a, b in zip(mentions, mentions[1:]):
        assert a["end"] <= b["start"]
    for m in mentions:
        assert set(m) == KEYS
        assert text[m["start"]:m["end"]] == m["text"]
    # GiNZA's entity is 2019年4月以来; the trailing word is not part of the date
    assert text[mentions[1]["end"]:mentions[1]["end"] + 2] == "以来"


def test_seed_without_reference(nlp, seed_dates):
    from kimputin_cli.date_mentions import find_dates

    text, _ = seed_dates
    got = {(m["text"], m["value"]) for m in find_dates(nlp(text[:130]), None)}
    # relative expressions stay, unresolved; absolute ones still resolve
    assert got == {("11日", None), ("2019年4月", "2019-04"), ("4年ぶり", "P4Y")}


NEWS = [
    (
        "3月期決算は1日あたりの売り上げが伸び、5月号でも特集した。去年12月に公表。",
        [("1日", "P1D", "set"), ("去年12月", "2022-12", "date")],  # 1日あたり: per day, like 毎日
    ),
    (
        "北朝鮮が発表\n2023年9月11日 19時05分\n北朝鮮は11日、発表しました。",
        [("2023年9月11日 19時05分", "2023-09-11T19:05", "time"), ("11日", "2023-09-11", "date")],
    ),
    (
        "1990年代に始まった制度は、年内にも廃止され、一時は混乱も予想される。",
        [("1990年代", "199", "date"), ("年内", "2023", "date")],
    ),
    (
        "政府は令和元年5月1日(水)に新元号を施行し、きのう記者会見を開いた。",
        [("令和元年5月1日(水)", "2019-05-01", "date"), ("きのう", "2023-09-10", "date")],
    ),
    (
        "会議は１１日午前10時半から3日間の日程で開かれ、毎月、報告書をまとめる。",
        [("１１日午前10時半", "2023-09-11T10:30", "time"), ("3日間", "P3D", "duration"), ("毎月", "P1M", "set")],
    ),
    (
        "合同演習は7月から9月にかけて行われ、来月下旬にも再開される見通しだ。",
        [("7月", "2023-07", "date"), ("9月", "2023-09", "date"), ("来月下旬", "2023-10", "date")],
    ),
    (
        "ミサイルは二〇二三年十一月十一日に発射され、先週も2回目の発射があった。",
        [("二〇二三年十一月十一日", "2023-11-11", "date"), ("先週", "2023-W36", "date")],
    ),
    (
        "首脳は一昨年と平成31年4月30日、それに5年前に会談し、1対1の会談も行った。",
        [("一昨年", "2021", "date"), ("平成31年4月30日", "2019-04-30", "date"), ("5年前", "2018", "date")],
    ),
    (
        "来年度予算の概算要求は今月末までにまとめ、あさって閣議に報告する。",
        [("来年度", "2024", "date"), ("今月末", "2023-09", "date"), ("あさって", "2023-09-13", "date")],
    ),
]


@pytest.mark.parametrize("sentence, expected", NEWS, ids=[s[:12] for s, _ in NEWS])
def test_find_dates_news(nlp, sentence, expected):
    from kimputin_cli.date_mentions import find_dates

    doc = nlp(sentence)
    mentions = find_dates(doc, REF)
    assert _project(mentions) == expected
    for m in mentions:
        assert doc.text[m["start"]:m["end"]] == m["text"]


NEWS_2025 = [
    # not dates: an idiom, an ordinal day of a tournament, school years
    ("被災地の一日も早い復興を願い、一日も早く再開したいと述べた。", []),
    ("大会3日目の10日、佐々木蓮選手(3年)が優勝した。5日目には高校2年の選手が出場した。",
     [("10日", "2025-06-10", "date")]),
    ("中学3年の男子生徒と3年生の選手が出場した。", []),
    # anaphors: against the preceding resolved date mention
    ("政府は9日に発表した。同日夜、首相は会見した。翌日、野党は反発した。",
     [("9日", "2025-06-09", "date"), ("同日夜", "2025-06-09", "date"), ("翌日", "2025-06-10", "date")]),
    ("同日、発表した。", [("同日", None, "date")]),
    ("2日に発表された。前日の1日に決まった。",
     [("2日", "2025-06-02", "date"), ("前日", "2025-06-01", "date"), ("1日", "2025-06-01", "date")]),
    ("会社は3月に発表し、同月中に実施した。翌月には撤回した。同年、社長が辞任した。翌年も続いた。",
     [("3月", "2025-03", "date"), ("同月", "2025-03", "date"), ("翌月", "2025-04", "date"),
      ("同年", "2025", "date"), ("翌年", "2026", "date")]),
    ("おととし5月、金融庁が業務停止命令を出し、翌月の6月には破産した。",
     [("おととし5月", "2023-05", "date"), ("翌月", "2023-06", "date"), ("6月", "2023-06", "date")]),
    # fiscal periods, quarters, the same period a year earlier, halves
    ("トヨタの25年3月期決算は増益、2025年3月期の純利益は前年同期比で増えた。",
     [("25年3月期", "2024", "date"), ("2025年3月期", "2024", "date"), ("前年同期", "2023", "date")]),
    ("2024年4〜6月期の実質GDPは、前の年の同じ時期を上回った。",
     [("2024年4", "2024-04", "date"), ("6月", "2024-06", "date"), ("前の年の同じ時期", "2023", "date")]),
    ("4～6月期の決算で、上半期の売上高は、下半期に回復する。",
     [("4", "2025-04", "date"), ("6月", "2025-06", "date"), ("上半期", "2025", "date"),
      ("下半期", "2025", "date")]),
    # ranges: both ends
    # (reported in the past on 10 June 2025: July to September are last year's, both ends moving together)
    ("1～3月の売り上げは、7月から9月にかけて回復した。",
     [("1", "2025-01", "date"), ("3月", "2025-03", "date"), ("7月", "2024-07", "date"), ("9月", "2024-09", "date")]),
    ("1～3月の売り上げは、7月から9月にかけて回復する見通しだ。",
     [("1", "2025-01", "date"), ("3月", "2025-03", "date"), ("7月", "2025-07", "date"), ("9月", "2025-09", "date")]),
    ("調査は2024年7月から9月まで行われた。", [("2024年7月", "2024-07", "date"), ("9月", "2024-09", "date")]),
    # seasons and soft periods
    ("新工場は来春に開業し、今秋から試験運転を始める。", [("来春", "2026", "date"), ("今秋", "2025", "date")]),
    ("去年の夏と去年秋の売り上げを比べた。", [("去年の夏", "2024", "date"), ("去年秋", "2024", "date")]),
    ("年明けに審議し、年末までに結論を出し、年度末までに実施する。",
     [("年明け", "2026-01", "date"), ("年末", "2025-12", "date"), ("年度末", "2025", "date")]),
    # a part of the day keeps the day
    ("首相は10日夜に発表し、9日午後に会見した。", [("10日夜", "2025-06-10", "date"), ("9日午後", "2025-06-09", "date")]),
]


def test_find_dates_parts_and_seasons(nlp):
    from kimputin_cli.date_mentions import find_dates

    by_text = {m["text"]: m for m in find_dates(nlp("来春に開業し、年末までに2025年3月期の上半期を見直す。"), REF25)}
    assert by_text["来春"]["season"] == "spring" and by_text["来春"]["granularity"] == "year"
    assert by_text["年末"]["part"] == "end" and "season" not in by_text["年末"]
    assert by_text["2025年3月期"]["granularity"] == "fiscal_year"
    assert by_text["上半期"]["part"] == "early"


def test_find_dates_anaphor_without_antecedent_in_a_later_sentence(nlp):
    from kimputin_cli.date_mentions import find_dates

    # a duration or a set is no antecedent: 同日 stays unresolved
    got = _project(find_dates(nlp("3年間にわたり毎月開かれた。同日、発表した。"), REF25))
    assert got == [("3年間", "P3Y", "duration"), ("毎月", "P1M", "set"), ("同日", None, "date")]


def test_find_dates_weekday_warning(nlp):
    from kimputin_cli.date_mentions import find_dates

    mentions = find_dates(nlp("政府は11日(火)に発表した。"), REF)
    assert len(mentions) == 1
    assert mentions[0]["value"] == "2023-09-11"
    assert "火" in mentions[0]["warning"]
    ok = find_dates(nlp("政府は11日(月)に発表した。"), REF)
    assert "warning" not in ok[0]


def test_new_mentions_follow_the_schema(nlp):
    import json
    from importlib import resources

    import jsonschema

    from kimputin_cli.date_mentions import find_dates

    schema = json.loads(resources.files("kimputin_cli").joinpath("schema", "extraction.schema.json").read_text("utf-8"))
    date_schema = {"$defs": schema["$defs"], "$ref": "#/$defs/date"}
    text = "来春に開業し、年末までに前年同期を上回る。同日夜、1～3月の売り上げを2025年3月期と比べた。"
    mentions = find_dates(nlp(text), REF25)
    assert {m["text"] for m in mentions} >= {"来春", "年末", "前年同期", "同日夜", "1", "3月", "2025年3月期"}
    for m in mentions:
        jsonschema.validate(m, date_schema)


NEWS_SEP = [
    # per-day quantities and lengths of time are not the 1st or 2nd of the month
    ("日本人の1日の平均睡眠時間は7時間だった。1日あたりの感染者数は減り、薬は1日に3回飲む。",
     [("1日", "P1D", "set"), ("7時間", "PT7H", "duration"), ("1日", "P1D", "set"), ("1日", "P1D", "set")]),
    ("新製品は発売から2日で完売し、政府は1日に発表した。",
     [("2日", "P2D", "duration"), ("1日", "2025-09-01", "date")]),
    # ordinal years
    ("就任2年目の社長は、3年目に入った。", []),
    # relative fiscal periods
    ("トヨタは来年3月期の業績予想を上方修正した。今期の純利益は増える見通しで、来期も増益、前期比で2割増えた。",
     [("来年3月期", "2025", "date"), ("今期", "2025", "date"), ("来期", "2026", "date"), ("前期", "2024", "date")]),
    ("江戸時代前期の建物で、前期高齢者が集まった。", []),
    ("2030年目標を掲げ、就任3年目以降も続ける。", [("2030年", "2030", "date")]),
    # a bare clock time takes the day of the preceding date
    ("17日午前、火災が起きた。消防によると、午前4時ごろ出火した。",
     [("17日午前", "2025-09-17", "date"), ("午前4時", "2025-09-17T04:00", "time")]),
    ("17日、去年3月に開業した店で午前4時ごろ火災があった。",
     [("17日", "2025-09-17", "date"), ("去年3月", "2024-03", "date"), ("午前4時", "2025-09-17T04:00", "time")]),
    # ... not when a coarser date came between, in an earlier sentence, nor without a preceding day
    ("17日に発表した。去年3月に開業した。午前4時ごろ火災があった。",
     [("17日", "2025-09-17", "date"), ("去年3月", "2024-03", "date"), ("午前4時", "T04:00", "time")]),
    ("午前4時ごろ火災があり、17日に発表した。",
     [("午前4時", "T04:00", "time"), ("17日", "2025-09-17", "date")]),
]


NEWS_NOV = [
    # the base year of an index is no date, and no anchor for 前年同月 / 前月
    ("総務省が20日発表した10月の全国消費者物価指数（CPI、2020年＝100）は、前年同月比3.1％上昇した。",
     [("20日", "2025-11-20", "date"), ("10月", "2025-10", "date"), ("前年同月", "2024-10", "date")]),
    ("10月の消費者物価指数（2020年＝100）は110.2だった。上昇率は前月から拡大した。",
     [("10月", "2025-10", "date"), ("前月", "2025-09", "date")]),
    ("指数は2020年基準で、去年12月に改定された。", [("去年12月", "2024-12", "date")]),
    # a comparison base is no anchor: the next one takes the period being reported
    ("総務省が20日発表した10月の全国消費者物価指数は、前年同月比3.1％上昇した。上昇率は前月から拡大した。",
     [("20日", "2025-11-20", "date"), ("10月", "2025-10", "date"), ("前年同月", "2024-10", "date"),
      ("前月", "2025-09", "date")]),
    ("9月の鉱工業生産は前月比2.1％上昇した。前年同月比では1.2％低下した。",
     [("9月", "2025-09", "date"), ("前月", "2025-08", "date"), ("前年同月", "2024-09", "date")]),
    # ... but an anaphor that is no comparison still is one
    ("会社は3月に発表し、前月に決めていた。同月、社長が辞任した。",
     [("3月", "2025-03", "date"), ("前月", "2025-02", "date"), ("同月", "2025-02", "date")]),
    # 前期 after a quarter: the previous quarter (no single value); after a fiscal period: the year before
    ("7～9月期の国内総生産は前期比0.4％減った。",
     [("7", "2025-07", "date"), ("9月", "2025-09", "date"), ("前期", None, "date")]),
    ("2025年3月期の純利益は前期比21.4％減、2026年3月期は前期比15％減を見込む。",
     [("2025年3月期", "2024", "date"), ("前期", "2023", "date"), ("2026年3月期", "2025", "date"),
      ("前期", "2024", "date")]),
    # a part of the day after a day: the day, the text covers it
    ("19日午後、住宅が全焼した。20日夜に会合を開いた。",
     [("19日午後", "2025-11-19", "date"), ("20日夜", "2025-11-20", "date")]),
]


NEWS_BY_REF = ([(s, REF25, e) for s, e in NEWS_2025] + [(s, REF_SEP, e) for s, e in NEWS_SEP]
               + [(s, REF_NOV, e) for s, e in NEWS_NOV])


@pytest.mark.parametrize("sentence, ref, expected", NEWS_BY_REF, ids=[s[:12] for s, _, _ in NEWS_BY_REF])
def test_find_dates_news_by_reference(nlp, sentence, ref, expected):
    from kimputin_cli.date_mentions import find_dates

    doc = nlp(sentence)
    mentions = find_dates(doc, ref)
    assert _project(mentions) == expected
    for m in mentions:
        assert doc.text[m["start"]:m["end"]] == m["text"]


def test_find_dates_across_pieces(nlp):
    """A long article is parsed in pieces: an anaphor or a bare clock time at the start of a piece resolves
    against the mentions of the earlier pieces (``before``)."""
    from kimputin_cli.date_mentions import find_dates

    first = find_dates(nlp("火災は17日に起きた。"), REF_SEP)
    second = nlp("同日夜、警察が調べた。午前4時ごろ出火したとみられる。翌日、発表した。")
    alone = _project(find_dates(second, REF_SEP))
    assert alone == [("同日夜", None, "date"), ("午前4時", "T04:00", "time"), ("翌日", None, "date")]
    joined = _project(find_dates(second, REF_SEP, before=first))
    assert joined == [("同日夜", "2025-09-17", "date"), ("午前4時", "2025-09-17T04:00", "time"),
                      ("翌日", "2025-09-18", "date")]
    # a month last in the earlier piece: 同月 resolves, the clock time has no day
    month = find_dates(nlp("去年3月に開業した。"), REF_SEP)
    got = _project(find_dates(nlp("同月、午前4時ごろ火災があった。"), REF_SEP, before=month))
    assert got == [("同月", "2024-03", "date"), ("午前4時", "T04:00", "time")]


def test_previous_quarter_is_named_in_a_warning(nlp):
    from kimputin_cli.date_mentions import find_dates

    mentions = find_dates(nlp("7～9月期の国内総生産は前期比0.4％減った。"), REF_NOV)
    prev = [m for m in mentions if m["text"] == "前期"][0]
    assert prev["value"] is None and prev["granularity"] == "month"
    assert "2025-04..2025-06" in prev["warning"]


def test_comparison_in_an_earlier_piece_is_no_anchor(nlp):
    from kimputin_cli.date_mentions import find_dates

    first = find_dates(nlp("9月の鉱工業生産は前年同月比1.2％低下した。"), REF_NOV)
    assert [m["value"] for m in first] == ["2025-09", "2024-09"]
    got = _project(find_dates(nlp("前月比では2.1％上昇した。"), REF_NOV, before=first))
    assert got == [("前月", "2025-08", "date")]


def test_same_day_means_the_last_day_named_not_a_coarser_date_after_it(nlp):
    """同日 names a day: after 来月中旬 (a month) it is still the day named before, not next month."""
    from kimputin_cli.date_mentions import find_dates

    doc = nlp("政府は7日、新たな方針を発表した。首脳会談は来月中旬に開かれる予定だ。報道官は同日、会見した。")
    assert _project(find_dates(doc, dt.date(2025, 10, 8))) == [
        ("7日", "2025-10-07", "date"), ("来月中旬", "2025-11", "date"), ("同日", "2025-10-07", "date")]
    doc = nlp("首脳会談は来月中旬に開かれる予定だ。報道官は同日、会見した。")  # no day before: the month's
    assert _project(find_dates(doc, dt.date(2025, 10, 8)))[-1][:2] == ("同日", "2025-11")


# --------------------------------------------------------------------------- bare dates on the timeline
# (real Wikinews articles: a bare day or month is not always in the reference's month or year)


@pytest.mark.parametrize("text, unit", [
    ("25日", "month"), ("25日午後3時", "month"), ("25日(水)", "month"), ("25日夜", "month"),
    ("11月", "year"), ("12月24日", "year"), ("11月末", "year"),
    ("2024年5月", None), ("去年11月", None), ("同日", None), ("きょう", None), ("午前10時", None),
    ("今月6日", None), ("同年4月", None), ("3日間", None),
])
def test_bare_unit(text, unit):
    from kimputin_cli.date_normalize import bare_unit

    assert bare_unit(text) == unit


AUG1 = dt.date(2025, 8, 1)


@pytest.mark.parametrize("text, ref, tense, expected", [
    # a past report of a date after the reference: the previous month (a day) or year (a month)
    ("31日", AUG1, "past", "2025-07-31"),
    ("31日午後3時", AUG1, "past", "2025-07-31T15:00"),
    ("12月", dt.date(2025, 1, 20), "past", "2024-12"),
    ("12月24日", dt.date(2025, 1, 20), "past", "2024-12-24"),
    ("31日", dt.date(2025, 3, 2), "past", "2025-01-31"),  # February has no 31st
    # ... not without the past, nor a date only just ahead (a decision about tomorrow)
    ("31日", AUG1, None, "2025-08-31"),
    ("31日", AUG1, "plan", "2025-08-31"),
    ("2日", AUG1, "past", "2025-08-02"),
    ("10月1日", dt.date(2025, 9, 30), "past", "2025-10-01"),
    ("10月20日", dt.date(2025, 9, 30), "past", "2025-10-20"),
    ("10日", AUG1, "past", "2025-07-10"),
    ("5日", AUG1, "past", "2025-08-05"),  # within a week: a decision about next week (5日から再開することにした)
    # no move forward for a plan
    ("5日", dt.date(2025, 8, 20), "plan", "2025-08-05"),
    # a date not after the reference stays
    ("20日", dt.date(2025, 8, 25), "past", "2025-08-20"),
])
def test_by_tense(text, ref, tense, expected):
    from kimputin_cli.date_normalize import by_tense

    value = normalize(text, ref)
    assert by_tense(text, value, ref, tense)[0].value == expected


def test_by_tense_weekday_chooses_the_month():
    from kimputin_cli.date_normalize import by_tense

    ref = dt.date(2025, 7, 2)  # 2025-07-28 is a Monday, 2025-06-28 a Saturday
    value = normalize("28日(土)", ref)
    assert value.warning
    moved, n = by_tense("28日(土)", value, ref, None)
    assert (moved.value, moved.warning, n) == ("2025-06-28", None, -1)
    still = normalize("28日(月)", ref)  # agrees already: stays, even in the past
    assert by_tense("28日(月)", still, ref, "past")[0].value == "2025-07-28"


@pytest.mark.parametrize("text, anchor, tense, told, placed, expected", [
    # a past narrative told month by month
    ("5月", DateValue("2002-04", "date", "month"), "past", True, False, "2002-05"),
    ("12月24日", DateValue("2002-11", "date", "month", relative=True), "past", True, False, "2002-12-24"),
    ("3月", DateValue("2002-04", "date", "month"), "past", True, False, "2025-03"),  # goes back: not followed
    ("5月", DateValue("2002", "date", "year"), "past", True, False, "2025-05"),  # a year alone
    ("5月", DateValue("2002-04", "date", "month"), None, True, False, "2025-05"),  # not told in the past
    ("5月", DateValue("2002-04", "date", "month"), "past", False, False, "2025-05"),  # background (relative clause)
    # a schedule of a later year
    ("1月5日", DateValue("2026", "date", "year"), None, True, False, "2026-01-05"),
    ("10月1日", DateValue("2026", "date", "year"), None, True, False, "2025-10-01"),  # just past: not in it
    ("11月28日", DateValue("2026", "date", "year"), None, True, False, "2025-11-28"),  # not before the reference
    ("11月28日", DateValue("2026-06-04", "date", "day", relative=True), None, True, True, "2026-11-28"),
    ("1月5日", DateValue("2026", "date", "year"), "past", True, False, "2025-01-05"),
    ("1月5日", DateValue("2026-02-26", "date", "day"), None, True, False, "2025-01-05"),  # one future event
    ("1月5日", DateValue("2027", "date", "year", relative=True), None, True, False, "2025-01-05"),  # 2年後
    # the reference's own year, and no anchor: nothing to do
    ("5月", DateValue("2025-04", "date", "month"), "past", True, False, "2025-05"),
    ("5月", None, "past", True, False, "2025-05"),
])
def test_in_narrative(text, anchor, tense, told, placed, expected):
    from kimputin_cli.date_normalize import in_narrative

    ref = dt.date(2025, 11, 20)
    assert in_narrative(text, normalize(text, ref), anchor, ref, tense, told, placed).value == expected


@pytest.mark.parametrize("text, other, expected", [
    ("28日午前", "2025-10-27", "2025-10-28"),
    ("15日早朝", "2025-02-14", "2025-02-15"),
    ("30日", "2025-07-01", "2025-06-30"),
    ("1日", "2025-06-30T22:00", "2025-07-01"),
    ("5日", "2025-10-27", "2025-12-05"),  # not within a day: the reference's month, as before
])
def test_across_zones(text, other, expected):
    from kimputin_cli.date_normalize import across_zones

    ref = dt.date(2025, 12, 28)
    kind = "time" if "T" in other else "date"
    assert across_zones(text, normalize(text, ref), DateValue(other, kind, "day")).value == expected


@pytest.mark.parametrize("value, unit, n, expected", [
    (DateValue("2025-09-12", "date", "day", relative=True), "year", 1, "2026-09-12"),
    (DateValue("2025-09", "date", "month", relative=True), "month", -1, "2025-08"),
    (DateValue("2025-03-31", "date", "day", relative=True), "month", -1, None),  # no 31 February
    (DateValue("2025-03-31T10:00", "time", "hour", relative=True), "month", 12, "2026-03-31T10:00"),
])
def test_moved(value, unit, n, expected):
    from kimputin_cli.date_normalize import moved

    assert moved(value, unit, n).value == expected


TIMELINE = [
    # a past report of a day after the reference; not a plan, a noun's modifier or a gloss in brackets
    ("知事は31日に都内で開かれた会合で発言した。", AUG1, [("31日", "2025-07-31", "date")]),
    ("知事は31日の会合に出席する意向を示した。", AUG1, [("31日", "2025-08-31", "date")]),
    ("会合は31日に開かれる予定だ。", AUG1, [("31日", "2025-08-31", "date")]),
    ("夏祭り(28日)を前に、準備が進んだ。", dt.date(2025, 8, 20), [("28日", "2025-08-28", "date")]),
    ("政府は10月1日から値上げを実施することにした。", dt.date(2025, 9, 30), [("10月1日", "2025-10-01", "date")]),
    # ... and a month after the reference in the past: last year's, through a clause that goes on (確定し、)
    ("判決は12月に確定し、男性は服役した。", dt.date(2025, 1, 20), [("12月", "2024-12", "date")]),
    # the same bare date again keeps its place
    ("知事は31日に会見を開いた。31日の発言の意図を説明した。", AUG1,
     [("31日", "2025-07-31", "date"), ("31日", "2025-07-31", "date")]),
    # a past narrative in another year, month after month
    ("事件は2019年3月に起きた。同年4月、警察は男を聴取した。5月に男を逮捕した。", dt.date(2025, 6, 10),
     [("2019年3月", "2019-03", "date"), ("同年4月", "2019-04", "date"), ("5月", "2019-05", "date")]),
    # ... not after a date in a relative clause (background)
    ("2019年4月に導入した制度は、5月に廃止された。", dt.date(2025, 6, 10),
     [("2019年4月", "2019-04", "date"), ("5月", "2025-05", "date")]),
    # a schedule for next year
    ("リーグは20日、2026年の日程を発表した。開幕は3月7日で、最終戦は11月29日。", dt.date(2025, 11, 20),
     [("20日", "2025-11-20", "date"), ("2026年", "2026", "date"), ("3月7日", "2026-03-07", "date"),
      ("11月29日", "2026-11-29", "date")]),
    # ... but not after one planned event with a full date, nor in a headline
    ("2026年2月26日に予定される選挙をめぐり、理事会は10月14日に延期を求めた。", dt.date(2025, 10, 15),
     [("2026年2月26日", "2026-02-26", "date"), ("10月14日", "2025-10-14", "date")]),
    ("2019年4月の事件で判決\n\n裁判所は5月に判決を言い渡した。", dt.date(2025, 6, 10),
     [("2019年4月", "2019-04", "date"), ("5月", "2025-05", "date")]),
    # a bare day moved back goes to the month of the day before it, when that was an earlier month's
    ("艦隊は11月21日に寄港を拒否された。政府は22日に寄港を許可した。", dt.date(2026, 1, 10),
     [("11月21日", "2025-11-21", "date"), ("22日", "2025-11-22", "date")]),
    # a schedule's year is not given to a date just past
    ("2026年に開かれる大会の予選は11月16日までに終わった。", dt.date(2025, 11, 17),
     [("2026年", "2026", "date"), ("11月16日", "2025-11-16", "date")]),
    # the year in brackets before a month; a number of days after より
    ("同馬は2001年(平成13年)5月にデビューした。梅雨明けは平年より15日遅い。", dt.date(2014, 2, 26),
     [("2001年", "2001", "date"), ("平成13年", "2001", "date"), ("5月", "2001-05", "date"),
      ("15日", "P15D", "duration")]),
    # a time-zone gloss; a list of days; two days written as one
    ("選手は10月27日夕方(日本時間は28日午前)に会見した。", dt.date(2025, 12, 28),
     [("10月27日夕方", "2025-10-27", "date"), ("28日午前", "2025-10-28", "date")]),
    ("男は「10月の16日、17日、18日に会った」と語った。", dt.date(2025, 12, 14),
     [("10月", "2025-10", "date"), ("16日", "2025-10-16", "date"), ("17日", "2025-10-17", "date"),
      ("18日", "2025-10-18", "date")]),
    ("大会は7月20・21日と8月10・11・12日に開かれる。", dt.date(2025, 6, 10),
     [("7月20", "2025-07-20", "date"), ("21日", "2025-07-21", "date"), ("8月10", "2025-08-10", "date"),
      ("12日", "2025-08-12", "date")]),
    # a bracketed weekday that only the previous month agrees with (2025-06-28 is a Saturday)
    ("式典は28日(土)に開かれた。", dt.date(2025, 7, 2), [("28日(土)", "2025-06-28", "date")]),
    # a bare clock time after a day named in an earlier sentence: the day of the last clock time
    ("16日午前7時過ぎに事件が起きた。大学は17日に会見した。警察によると、7時15分ごろに通報があった。",
     dt.date(2025, 4, 17),
     [("16日午前7時", "2025-04-16T07:00", "time"), ("17日", "2025-04-17", "date"),
      ("7時15分", "2025-04-16T07:15", "time")]),
    ("17日午前10時に会見し、18日は午前9時から再開した。", dt.date(2025, 4, 18),
     [("17日午前10時", "2025-04-17T10:00", "time"), ("18日", "2025-04-18", "date"),
      ("午前9時", "2025-04-18T09:00", "time")]),
    # names and idioms that are no dates: 毎日新聞, Xと同日, 同日選, 前夜祭; 前夜 is an anaphor
    ("毎日新聞によると、毎日運動する人が増えた。", dt.date(2025, 6, 10), [("毎日", "P1D", "set")]),
    ("参院選と同日に行われた。同日選は初めてだ。", dt.date(2025, 6, 10), []),
    ("発売は11日で、前夜から行列ができた。前夜祭も開かれた。", dt.date(2025, 11, 11),
     [("11日", "2025-11-11", "date"), ("前夜", "2025-11-10", "date")]),
    # lengths of time: N日分, 各N日, 1日だけ, から既にN日
    ("各6日と8日分の日程を、1日だけ開催した。事件から既に10日が経った。", dt.date(2025, 6, 10),
     [("6日", "P6D", "duration"), ("8日", "P8D", "duration"), ("1日", "P1D", "duration"),
      ("10日", "P10D", "duration")]),
]


@pytest.mark.parametrize("sentence, ref, expected", TIMELINE, ids=[s[:14] for s, _, _ in TIMELINE])
def test_find_dates_on_the_timeline(nlp, sentence, ref, expected):
    from kimputin_cli.date_mentions import find_dates

    doc = nlp(sentence)
    mentions = find_dates(doc, ref)
    assert _project(mentions) == expected
    for m in mentions:
        assert doc.text[m["start"]:m["end"]] == m["text"]


@pytest.mark.parametrize("text, ref, value, kind", [
    # two-digit years: with a leading zero, before a month, before a season (headline style)
    ("09年", "2010-02-01", "2009", "date"),
    ("07年3月", "2010-02-01", "2007-03", "date"),
    ("07年3月1日", "2010-02-01", "2007-03-01", "date"),
    ("09年春", "2010-02-01", "2009", "date"),
    ("95年3月", "2010-02-01", "1995-03", "date"),  # more than 15 years ahead of 2010: the 1900s
    # ... but two digits and 年 alone stay a length of time
    ("25年", "2010-02-01", "P25Y", "duration"),
    ("10年間", "2010-02-01", "P10Y", "duration"),
])
def test_two_digit_years(text, ref, value, kind):
    got = normalize(text, dt.date.fromisoformat(ref))
    assert (got.value, got.kind) == (value, kind)


@pytest.mark.parametrize("before, text, after, expected", [
    ("JRが", "13年", "にも開始", ("2013", "date")),
    ("テレ東、", "11年", "めど", ("2011", "date")),
    ("交通死:", "70年", "以降最少", ("1970", "date")),
    ("被害は", "3年", "にも及ぶ", ("P3Y", "duration")),
    ("懲役", "15年", "以降", ("P15Y", "duration")),
    ("男に懲役", "10年6月", "の判決", ("P10Y6M", "duration")),
    ("男は", "10年6月", "に入社", ("2010-06", "date")),
])
def test_two_digit_years_in_context(before, text, after, expected):
    ref = dt.date(2009, 5, 1)
    got = in_context(text, normalize(text, ref), before, after, ref)
    assert (got.value, got.kind) == expected


def test_ranges_of_years_and_days_with_a_hyphen(nlp):
    from kimputin_cli.date_mentions import find_dates

    doc = nlp("西鉄は1956-58年に3連覇し、巨人は1965年から73年に9連覇した。試合は9月5-6日に開いた。")
    assert _project(find_dates(doc, dt.date(2008, 11, 13))) == [
        ("1956", "1956", "date"), ("58年", "1958", "date"), ("1965年", "1965", "date"), ("73年", "1973", "date"),
        ("9月5", "2008-09-05", "date"), ("6日", "2008-09-06", "date")]


@pytest.mark.parametrize("text, value", [
    ("2年1か月", "P2Y1M"), ("7年4ヶ月ぶり", "P7Y4M"), ("1年6月", "P1Y6M"), ("2時間1分", "PT2H1M"),
    ("2時間1分10秒", "PT2H1M10S"), ("2年13か月", None),
])
def test_compound_durations(text, value):
    got = normalize(text, REF25)
    assert (got.value if got else None) == value
    if got:
        assert got.kind == "duration"


@pytest.mark.parametrize("before, text, after, expected", [
    ("ロケットの打ち上げを", "二日", "延期した", ("P2D", "duration")),
    ("到着は", "3日", "遅れた", ("P3D", "duration")),
    ("打ち上げは", "10日", "に延期された", ("2025-06-10", "date")),
    ("樹齢", "1000年", "とされる", ("P1000Y", "duration")),
    ("創業は", "1896年", "で", ("1896", "date")),
])
def test_lengths_read_from_the_words_around(before, text, after, expected):
    got = in_context(text, normalize(text, REF25), before, after, REF25)
    assert (got.value, got.kind) == expected


def test_mainichi_is_a_newspaper(nlp):
    from kimputin_cli.date_mentions import find_dates

    doc = nlp("毎日によると、選手は毎日練習した。毎日新聞、2010年9月29日。")
    assert _project(find_dates(doc, REF25)) == [("毎日", "P1D", "set"), ("2010年9月29日", "2010-09-29", "date")]


def test_by_tense_past_on_the_dates_own_predicate_moves_a_date_days_ahead():
    from kimputin_cli.date_normalize import by_tense

    value = normalize("5日", AUG1)
    assert by_tense("5日", value, AUG1, "past")[0].value == "2025-08-05"  # the past may be a main verb's
    assert by_tense("5日", value, AUG1, "past", own=True)[0].value == "2025-07-05"  # 5日に行われた
    assert by_tense("2日", normalize("2日", AUG1), AUG1, "past", own=True)[0].value == "2025-08-02"


def test_find_dates_past_on_its_own_predicate(nlp):
    from kimputin_cli.date_mentions import find_dates

    doc = nlp("ボリビアで18日に行われた大統領選挙で、モラレス氏が勝った。")
    assert _project(find_dates(doc, dt.date(2026, 1, 12))) == [("18日", "2025-12-18", "date")]
