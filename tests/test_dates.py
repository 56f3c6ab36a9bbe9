"""Dates: the pure normalizer (no model), the dateline finder, and detection on parsed news sentences."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from date_cases import CASES, Case
from kimputin_cli.dates import DateValue, find_dateline, is_date_fragment, kanji_to_arabic, normalize

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_c73a4b2870458b57.txt"
REF = dt.date(2023, 9, 11)


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
    from kimputin_cli.components.dates import find_dates

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
    from kimputin_cli.components.dates import find_dates

    text, _ = seed_dates
    got = {(m["text"], m["value"]) for m in find_dates(nlp(text[:130]), None)}
    # relative expressions stay, unresolved; absolute ones still resolve
    assert got == {("11日", None), ("2019年4月", "2019-04"), ("4年ぶり", "P4Y")}


NEWS = [
    (
        "3月期決算は1日あたりの売り上げが伸び、5月号でも特集した。去年12月に公表。",
        [("去年12月", "2022-12", "date")],
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
    from kimputin_cli.components.dates import find_dates

    doc = nlp(sentence)
    mentions = find_dates(doc, REF)
    assert _project(mentions) == expected
    for m in mentions:
        assert doc.text[m["start"]:m["end"]] == m["text"]


def test_find_dates_weekday_warning(nlp):
    from kimputin_cli.components.dates import find_dates

    mentions = find_dates(nlp("政府は11日(火)に発表した。"), REF)
    assert len(mentions) == 1
    assert mentions[0]["value"] == "2023-09-11"
    assert "火" in mentions[0]["warning"]
    ok = find_dates(nlp("政府は11日(月)に発表した。"), REF)
    assert "warning" not in ok[0]
