"""Hand-checked date expressions: shared by tests/test_dates.py and bench/dates_vs_ja_timex.py.

Each case: (expression, reference date or None, expected value, expected kind, is it a relative form?, part).
``kind`` None means "not a time expression at all" (normalize must return None).
Expected values were worked out from the calendar by hand (e.g. 2023-09-11 is a Monday in ISO week 37;
2021-01-01 is in 2020-W53; 2024-12-30 is in 2025-W01; 2024 is a leap year, 2023 and 1900 are not, 2000 is).
"""
from __future__ import annotations

from typing import NamedTuple


class Case(NamedTuple):
    text: str
    ref: str | None
    value: str | None
    kind: str | None = "date"
    relative: bool = False
    part: str | None = None


R = "2023-09-11"  # the seed's reference date, a Monday
N = "2025-06-10"  # a later news reference date, a Tuesday (2025-06-11 is a Wednesday)
S = "2025-09-17"  # the reference of the September 2025 articles, a Wednesday

CASES: list[Case] = [
    # --- the seed's expressions (ref 2023-09-11)
    Case("11日", R, "2023-09-11", relative=True),
    Case("2019年4月", R, "2019-04"),
    Case("ことし7月", R, "2023-07", relative=True),
    Case("先月末", R, "2023-08", relative=True, part="end"),
    Case("おととし1月", R, "2021-01", relative=True),
    Case("ことし5月", R, "2023-05", relative=True),
    Case("先月", R, "2023-08", relative=True),
    Case("今月6日", R, "2023-09-06", relative=True),
    Case("去年", R, "2022", relative=True),
    Case("去年11月", R, "2022-11", relative=True),
    Case("今月", R, "2023-09", relative=True),
    Case("4年ぶり", R, "P4Y", "duration"),
    Case("3年連続", R, "P3Y", "duration"),
    Case("70年", R, "P70Y", "duration"),
    # --- relative years
    Case("ことし", R, "2023", relative=True),
    Case("今年", R, "2023", relative=True),
    Case("本年", R, "2023", relative=True),
    Case("昨年", R, "2022", relative=True),
    Case("おととし", R, "2021", relative=True),
    Case("一昨年", R, "2021", relative=True),
    Case("来年", R, "2024", relative=True),
    Case("再来年", R, "2025", relative=True),
    Case("去年", "2024-01-02", "2023", relative=True),
    Case("来年3月", R, "2024-03", relative=True),
    Case("昨年12月", "2024-01-05", "2023-12", relative=True),
    Case("去年11月3日", R, "2022-11-03", relative=True),
    Case("おととし1月", "2024-02-01", "2022-01", relative=True),
    # --- relative months, with and without parts; year boundaries
    Case("来月", R, "2023-10", relative=True),
    Case("先月", "2024-01-15", "2023-12", relative=True),
    Case("来月", "2023-12-05", "2024-01", relative=True),
    Case("再来月", "2023-11-20", "2024-01", relative=True),
    Case("先々月", "2024-02-10", "2023-12", relative=True),
    Case("今月", "2024-02-29", "2024-02", relative=True),
    Case("先月末", "2024-01-10", "2023-12", relative=True, part="end"),
    Case("今月上旬", R, "2023-09", relative=True, part="early"),
    Case("来月中旬", R, "2023-10", relative=True, part="mid"),
    Case("来月下旬", R, "2023-10", relative=True, part="late"),
    Case("先月初め", R, "2023-08", relative=True, part="early"),
    Case("今月末", "2023-12-01", "2023-12", relative=True, part="end"),
    Case("先月25日", R, "2023-08-25", relative=True),
    Case("先月31日", R, "2023-08-31", relative=True),
    Case("来月1日", "2023-12-15", "2024-01-01", relative=True),
    Case("今月30日", R, "2023-09-30", relative=True),
    # --- relative weeks (ISO weeks)
    Case("今週", R, "2023-W37", relative=True),
    Case("先週", R, "2023-W36", relative=True),
    Case("来週", R, "2023-W38", relative=True),
    Case("再来週", R, "2023-W39", relative=True),
    Case("先週", "2024-01-03", "2023-W52", relative=True),
    Case("来週", "2023-12-28", "2024-W01", relative=True),
    Case("今週", "2021-01-01", "2020-W53", relative=True),
    Case("今週", "2024-12-30", "2025-W01", relative=True),
    Case("来週前半", R, "2023-W38", relative=True, part="early"),
    # --- relative days
    Case("きょう", R, "2023-09-11", relative=True),
    Case("今日", R, "2023-09-11", relative=True),
    Case("本日", R, "2023-09-11", relative=True),
    Case("きのう", R, "2023-09-10", relative=True),
    Case("昨日", R, "2023-09-10", relative=True),
    Case("おととい", R, "2023-09-09", relative=True),
    Case("一昨日", R, "2023-09-09", relative=True),
    Case("あす", R, "2023-09-12", relative=True),
    Case("明日", R, "2023-09-12", relative=True),
    Case("あした", R, "2023-09-12", relative=True),
    Case("あさって", R, "2023-09-13", relative=True),
    Case("明後日", R, "2023-09-13", relative=True),
    Case("きのう", "2024-03-01", "2024-02-29", relative=True),
    Case("きのう", "2023-03-01", "2023-02-28", relative=True),
    Case("あす", "2023-12-31", "2024-01-01", relative=True),
    Case("おととい", "2024-01-01", "2023-12-30", relative=True),
    Case("あさって", "2024-02-28", "2024-03-01", relative=True),
    Case("きょう11日", R, "2023-09-11", relative=True),
    Case("きのう10日", R, "2023-09-10", relative=True),
    Case("今夜", R, "2023-09-11", relative=True),
    Case("けさ", "2024-01-01", "2024-01-01", relative=True),
    Case("ゆうべ", "2024-01-01", "2023-12-31", relative=True),
    Case("昨夜", R, "2023-09-10", relative=True),
    # --- bare months and days: the reference's year / month
    Case("7月", R, "2023-07", relative=True),
    Case("12月", "2024-01-05", "2024-12", relative=True),
    Case("9月11日", R, "2023-09-11", relative=True),
    Case("1月1日", "2023-12-20", "2023-01-01", relative=True),
    Case("1日", R, "2023-09-01", relative=True),
    Case("30日", R, "2023-09-30", relative=True),
    Case("31日", "2023-08-11", "2023-08-31", relative=True),
    Case("31日", R, None, relative=True),  # September has 30 days
    Case("31日", "2023-04-05", None, relative=True),
    Case("29日", "2023-02-10", None, relative=True),
    Case("29日", "2024-02-10", "2024-02-29", relative=True),
    Case("2月29日", "2024-06-01", "2024-02-29", relative=True),
    Case("2月29日", "2023-06-01", None, relative=True),
    Case("11月31日", R, None, relative=True),
    # --- absolute dates, Arabic / full-width / kanji numerals
    Case("2023年", R, "2023"),
    Case("2023年9月", R, "2023-09"),
    Case("2023年9月11日", R, "2023-09-11"),
    Case("1945年8月15日", R, "1945-08-15"),
    Case("2024年2月29日", R, "2024-02-29"),
    Case("2023年2月29日", R, None),
    Case("2000年2月29日", R, "2000-02-29"),
    Case("1900年2月29日", R, None),
    Case("２０２３年９月１１日", R, "2023-09-11"),
    Case("１１日", R, "2023-09-11", relative=True),
    Case("１２月", R, "2023-12", relative=True),
    Case("二〇二三年", R, "2023"),
    Case("二〇二三年九月十一日", R, "2023-09-11"),
    Case("二〇一九年四月", R, "2019-04"),
    Case("十一日", R, "2023-09-11", relative=True),
    Case("二十五日", R, "2023-09-25", relative=True),
    Case("三十日", R, "2023-09-30", relative=True),
    Case("十二月二十四日", R, "2023-12-24", relative=True),
    Case("二千二十三年", R, "2023"),
    Case("2023/09/11", R, "2023-09-11"),
    Case("2023-09-11", R, "2023-09-11"),
    Case("2019年4月", None, "2019-04"),
    Case("2019年末", R, "2019", part="end"),
    Case("2022年4月下旬", R, "2022-04", part="late"),
    Case("3月末", R, "2023-03", relative=True, part="end"),
    Case("ことし初め", R, "2023", relative=True, part="early"),
    Case("去年末", R, "2022", relative=True, part="end"),
    Case("来年はじめ", R, "2024", relative=True, part="early"),
    Case("今年前半", R, "2023", relative=True, part="early"),
    Case("年内", R, "2023", relative=True),
    Case("1990年代", R, "199"),
    Case("2010年代後半", R, "201", part="late"),
    Case("2024年度末", R, "2024", part="end"),
    # --- eras, 元年 and era boundaries
    Case("令和5年", R, "2023"),
    Case("令和6年", R, "2024"),
    Case("令和元年", R, "2019"),
    Case("令和元年5月1日", R, "2019-05-01"),
    Case("平成31年4月30日", R, "2019-04-30"),
    Case("平成元年", R, "1989"),
    Case("平成元年1月8日", R, "1989-01-08"),
    Case("昭和64年1月7日", R, "1989-01-07"),
    Case("昭和元年12月25日", R, "1926-12-25"),
    Case("昭和20年8月15日", R, "1945-08-15"),
    Case("平成23年3月11日", R, "2011-03-11"),
    Case("大正元年", R, "1912"),
    Case("大正15年", R, "1926"),
    Case("明治元年", R, "1868"),
    Case("明治45年", R, "1912"),
    Case("令和５年１０月１日", R, "2023-10-01"),
    Case("令和五年", R, "2023"),
    Case("平成三十一年四月三十日", R, "2019-04-30"),
    Case("令和元年5月1日", None, "2019-05-01"),
    # --- weekdays in brackets (agreeing; disagreement is tested separately)
    Case("11日(月)", R, "2023-09-11", relative=True),
    Case("9月12日(火)", R, "2023-09-12", relative=True),
    Case("2024年1月1日(月)", R, "2024-01-01"),
    Case("１１日（月）", R, "2023-09-11", relative=True),
    # --- clock times
    Case("午前10時半", R, "T10:30", "time"),
    Case("11日午前10時半", R, "2023-09-11T10:30", "time", relative=True),
    Case("午後3時", R, "T15:00", "time"),
    Case("午後3時15分", R, "T15:15", "time"),
    Case("午前0時", R, "T00:00", "time"),
    Case("正午", R, "T12:00", "time"),
    Case("きょう午後7時", R, "2023-09-11T19:00", "time", relative=True),
    Case("12日午前9時", R, "2023-09-12T09:00", "time", relative=True),
    Case("午後11時59分", R, "T23:59", "time"),
    Case("午後０時３０分", R, "T12:30", "time"),
    Case("午前十時", R, "T10:00", "time"),
    Case("2023年9月11日午後7時", R, "2023-09-11T19:00", "time"),
    # --- durations and counts
    Case("3日間", R, "P3D", "duration"),
    Case("2週間", R, "P2W", "duration"),
    Case("3か月", R, "P3M", "duration"),
    Case("3カ月ぶり", R, "P3M", "duration"),
    Case("6ヶ月", R, "P6M", "duration"),
    Case("10年間", R, "P10Y", "duration"),
    Case("2時間", R, "PT2H", "duration"),
    Case("30分間", R, "PT30M", "duration"),
    Case("1年半", R, "P1Y6M", "duration"),
    Case("半年", R, "P6M", "duration"),
    Case("5日連続", R, "P5D", "duration"),
    Case("2週連続", R, "P2W", "duration"),
    Case("100年", R, "P100Y", "duration"),
    Case("十年ぶり", R, "P10Y", "duration"),
    Case("４年ぶり", R, "P4Y", "duration"),
    Case("3日ぶり", R, "P3D", "duration"),
    Case("半世紀ぶり", R, "P50Y", "duration"),
    Case("四半世紀", R, "P25Y", "duration"),
    Case("4年半ぶり", R, "P4Y6M", "duration"),
    Case("4年ぶり", None, "P4Y", "duration"),
    # --- offsets from the reference
    Case("3年前", R, "2020", relative=True),
    Case("5日前", R, "2023-09-06", relative=True),
    Case("10日後", R, "2023-09-21", relative=True),
    Case("2か月前", R, "2023-07", relative=True),
    Case("1週間後", R, "2023-W38", relative=True),
    Case("3日後", "2023-12-30", "2024-01-02", relative=True),
    # --- fiscal years (Japanese fiscal year starts in April)
    Case("2023年度", R, "2023"),
    Case("令和5年度", R, "2023"),
    Case("来年度", R, "2024", relative=True),
    Case("今年度", "2024-02-10", "2023", relative=True),
    Case("昨年度", R, "2022", relative=True),
    # --- sets
    Case("毎月", R, "P1M", "set"),
    Case("毎週", R, "P1W", "set"),
    Case("毎年", R, "P1Y", "set"),
    Case("毎日", R, "P1D", "set"),
    Case("毎月15日", R, "XXXX-XX-15", "set"),
    Case("毎年8月15日", R, "XXXX-08-15", "set"),
    Case("毎週月曜日", R, "XXXX-WXX-1", "set"),
    # --- relative forms without a reference date: real expressions, unresolved
    Case("ことし", None, None, relative=True),
    Case("11日", None, None, relative=True),
    Case("7月", None, None, relative=True),
    Case("先月", None, None, relative=True),
    Case("きのう", None, None, relative=True),
    Case("今週", None, None, relative=True),
    # --- business-news periods (ref 2025-06-10, a Tuesday): a fiscal period N年M月期 is the fiscal year ending in
    #     month M of year N, valued like 2024年度 by the calendar year it starts in (3月期: the year before)
    Case("25年3月期", N, "2024"),
    Case("2025年3月期", N, "2024"),
    Case("2026年3月期", N, "2025"),
    Case("2025年12月期", N, "2025"),  # January-December 2025
    Case("99年3月期", N, "1998"),  # 2099 is too far after the reference: 1999
    Case("25年度", N, "2025"),
    Case("上半期", N, "2025", relative=True, part="early"),
    Case("下半期", N, "2025", relative=True, part="late"),
    Case("2024年上半期", N, "2024", part="early"),
    Case("今年度上半期", N, "2025", relative=True, part="early"),
    Case("2024年度下半期", N, "2024", part="late"),
    Case("年度末", N, "2025", relative=True, part="end"),  # fiscal 2025 ends in March 2026
    Case("年度末", "2026-02-10", "2025", relative=True, part="end"),
    Case("年度内", "2024-02-10", "2023", relative=True),
    Case("前年同期", N, None, relative=True),  # relative to the preceding mention: None without one
    Case("前の年の同じ時期", N, None, relative=True),
    Case("3月期", N, None, None),  # no year: 3月期決算 names no period
    # relative fiscal periods (ref 2025-09-17): 来年3月期 is 2026年3月期, April 2025 - March 2026 -> fiscal 2025
    Case("来年3月期", S, "2025", relative=True),
    Case("ことし3月期", S, "2024", relative=True),  # 2025年3月期
    Case("来年12月期", S, "2026", relative=True),  # January-December 2026
    Case("去年3月期", "2026-01-20", "2024", relative=True),  # 2025年3月期
    Case("来年3月期", None, None, relative=True),
    # 今期/来期/前期: from April on, a March year end (2026年3月期) and a December one (2025年12月期) agree
    Case("今期", S, "2025", relative=True),
    Case("来期", S, "2026", relative=True),
    Case("前期", S, "2024", relative=True),
    Case("今期末", S, "2025", relative=True, part="end"),
    Case("今期", "2026-02-10", None, relative=True),  # 2026年3月期 (2025) or 2026年12月期 (2026)
    # --- seasons: the year (the season itself is DateValue.season); soft periods
    Case("来春", N, "2026", relative=True),
    Case("今春", N, "2025", relative=True),
    Case("今秋", N, "2025", relative=True),
    Case("昨秋", N, "2024", relative=True),
    Case("去年の夏", N, "2024", relative=True),
    Case("去年秋", N, "2024", relative=True),
    Case("来年夏", N, "2026", relative=True),
    Case("この夏", N, "2025", relative=True),
    Case("2024年夏", N, "2024"),
    Case("平成30年春", N, "2018"),
    Case("年明け", N, "2026-01", relative=True),  # in June: the coming January
    Case("年明け", "2025-01-20", "2025-01", relative=True),
    Case("年明け", "2025-03-15", "2025-01", relative=True),  # two months back at most
    Case("年末", N, "2025-12", relative=True, part="end"),
    Case("年末", "2026-01-08", "2025-12", relative=True, part="end"),  # the December just past
    # --- a part of the day after a day: the value stays the day
    Case("10日夜", N, "2025-06-10", relative=True),
    Case("9日午後", N, "2025-06-09", relative=True),
    Case("19日未明", N, "2025-06-19", relative=True),
    Case("11日(水)朝", N, "2025-06-11", relative=True),
    Case("6月10日夜", N, "2025-06-10", relative=True),
    # --- anaphors without a preceding date (normalize's anchor): real expressions, unresolved
    Case("同日", N, None, relative=True),
    Case("同日夜", N, None, relative=True),
    Case("翌月", N, None, relative=True),
    Case("同年4月1日", N, None, relative=True),
    Case("翌年3月", N, None, relative=True),
    # --- not time expressions at all
    Case("3日目", N, None, None),  # the third day (of a tournament), not the 3rd
    Case("5日目", N, None, None),
    Case("2年目", S, None, None),  # 就任2年目: an ordinal year, not a duration
    Case("3年目", S, None, None),
    Case("高校2年", N, None, None),  # a school year
    Case("3年生", N, None, None),
    Case("2回目", R, None, None),
    Case("1対1", R, None, None),
    Case("2回", R, None, None),
    Case("5人", R, None, None),
    Case("2023", R, None, None),
    Case("5か年", R, None, None),
    Case("日本", R, None, None),
    Case("一時", R, None, None),  # "for a while" (円相場は一時…), not 1 o'clock
]
