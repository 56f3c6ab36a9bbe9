"""Benchmark: kimputin's date normalizer against ja-timex on the same hand-checked expressions.

Install the comparison tool first (it is NOT a dependency of kimputin_cli; only this script uses it):

    pip install ja-timex

Run from the repository root:

    python bench/dates_vs_ja_timex.py            # accuracies
    python bench/dates_vs_ja_timex.py --verbose  # plus every case where either system is wrong

The cases are tests/date_cases.py (the same table tests/test_dates.py checks).  Each expression is given
alone, with its reference date; a system is right when its value equals the hand-checked value (ISO 8601;
``None`` when the expression names no real date, e.g. 31日 in September, or is not a time expression).
A half-year written as a decimal (``P1.5Y``, valid ISO 8601) counts as equal to ``P1Y6M``.
Cases without a reference date are left out: ja-timex always resolves against one (it defaults to now).

How ja-timex's output becomes one value (as generously as we could, without adding resolution it lacks):
  * DATE: its ``to_datetime()`` (ja-timex fills missing fields from the reference), cut to the granularity
    its value shows (``XXXX-11-XX`` -> year and month);
  * TIME: ``THH:MM`` read from its value (``T15-XX-XX``; its ``to_datetime()`` drops 午後), joined to a
    preceding DATE (``11日午前10時半``); DATE ``FY2023`` is the fiscal year 2023;
  * DURATION with mod BEFORE / AFTER / NOW (its way of writing 去年, 先月, 今週): the reference moved by
    that amount, at that unit (``P1Y BEFORE`` -> the previous year);
  * DURATION without mod and SET: its ISO value (``P4Y``, ``P1M``);
  * several timexes for one expression (去年 + 11月): the finest-grained one is its answer, which is what
    a ja-timex user reads for 11月.
"""
from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from date_cases import CASES, Case  # noqa: E402

from kimputin_cli.date_normalize import normalize  # noqa: E402

_GRAN_ORDER = {"year": 0, "month": 1, "week": 1, "day": 2, "time": 3}


def ours(case: Case) -> str | None:
    got = normalize(case.text, dt.date.fromisoformat(case.ref))
    return got.value if got else None


def _shift(ref: dt.date, amount: int, unit: str) -> tuple[str, str]:
    if unit == "Y":
        return f"{ref.year + amount:04d}", "year"
    if unit == "M":
        k = ref.year * 12 + ref.month - 1 + amount
        return f"{k // 12:04d}-{k % 12 + 1:02d}", "month"
    if unit == "W":
        iso = (ref + dt.timedelta(weeks=amount)).isocalendar()
        return f"{iso[0]:04d}-W{iso[1]:02d}", "week"
    return (ref + dt.timedelta(days=amount)).isoformat(), "day"


def _convert(timex, ref: dt.date) -> tuple[str, str] | None:
    """One ja-timex Timex -> (value, granularity), or None when it carries no usable value."""
    kind, value = timex.type, timex.value or ""
    if kind == "DATE" and re.match(r"^FY\d{4}$", value):  # fiscal year, our granularity fiscal_year
        return value[2:], "year"
    if kind == "DATE":
        try:
            d = timex.to_datetime()
        except Exception:  # noqa: BLE001 - ja-timex raises on values it cannot resolve
            d = None
        parts = value.split("-")
        if value.startswith("XXXX-W") or d is None or len(parts) != 3:
            return None
        y, m, day = parts
        if day != "XX":
            return f"{d.year:04d}-{d.month:02d}-{d.day:02d}", "day"
        if m != "XX":
            return f"{d.year:04d}-{d.month:02d}", "month"
        if y != "XXXX":
            return f"{d.year:04d}", "year"
        return None
    if kind == "TIME":
        # its value (T15-30-XX) is right where to_datetime() loses 午後, so read the value
        m = re.match(r"^T(\d{2})-(\d{2}|XX)", value)
        if not m:
            return None
        return f"T{m[1]}:{'00' if m[2] == 'XX' else m[2]}", "time"
    if kind == "DURATION" and timex.mod in ("BEFORE", "AFTER", "NOW") and value.startswith("P"):
        body = value[1:]
        unit = body[-1:]
        try:
            amount = int(float(body[:-1]))
        except ValueError:
            return None
        if timex.mod == "BEFORE":
            amount = -amount
        elif timex.mod == "NOW":
            amount = 0
        return _shift(ref, amount, unit)
    if kind in ("DURATION", "SET") and value:
        return value, "duration"
    return None


def ja_timex(case: Case, parser_cls, pendulum) -> str | None:
    ref = dt.date.fromisoformat(case.ref)
    parser = parser_cls(reference=pendulum.datetime(ref.year, ref.month, ref.day, tz="Asia/Tokyo"))
    converted = []
    for timex in parser.parse(case.text):
        c = _convert(timex, ref)
        if c:
            converted.append(c)
    if not converted:
        return None
    # a DATE followed by a TIME is one date-time
    for (v1, g1), (v2, g2) in zip(converted, converted[1:]):
        if g1 == "day" and g2 == "time":
            return v1 + v2
    durations = [v for v, g in converted if g == "duration"]
    calendar = [(v, g) for v, g in converted if g != "duration"]
    if calendar:
        return max(calendar, key=lambda vg: _GRAN_ORDER[vg[1]])[0]
    return durations[0]


_YEARS_FRACTION = re.compile(r"^P(\d+)\.5Y$")


def same(got: str | None, expected: str | None) -> bool:
    """Equal values; a half-year written as a decimal (ISO 8601 allows P1.5Y) equals P1Y6M."""
    if got is not None and (m := _YEARS_FRACTION.match(got)):
        got = f"P{m[1]}Y6M" if m[1] != "0" else "P6M"
    return got == expected


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--verbose", action="store_true", help="list every case where either system is wrong")
    args = ap.parse_args()
    try:
        import pendulum
        from ja_timex import TimexParser
    except ImportError:
        print("ja-timex is not installed: pip install ja-timex", file=sys.stderr)
        return 1

    cases = [c for c in CASES if c.ref is not None]
    rows = []
    for c in cases:
        a, b = ours(c), ja_timex(c, TimexParser, pendulum)
        rows.append((c, a, b))

    def acc(subset, idx):
        right = sum(1 for r in subset if same(r[idx], r[0].value))
        return right, len(subset)

    groups = {
        "all": rows,
        "relative forms": [r for r in rows if r[0].relative],
        "absolute forms": [r for r in rows if not r[0].relative and r[0].kind in ("date", "time")],
        "durations and sets": [r for r in rows if r[0].kind in ("duration", "set")],
        "not time expressions": [r for r in rows if r[0].kind is None],
    }
    print(f"{'cases':<22}{'n':>5}  {'kimputin':>14}  {'ja-timex':>14}")
    for name, subset in groups.items():
        (ra, n), (rb, _) = acc(subset, 1), acc(subset, 2)
        print(f"{name:<22}{n:>5}  {ra:>4}/{n:<3} {ra / n:5.1%}  {rb:>4}/{n:<3} {rb / n:5.1%}")
    if args.verbose:
        print("\ncases where either is wrong: text @ reference: expected | kimputin | ja-timex")
        for c, a, b in rows:
            if not same(a, c.value) or not same(b, c.value):
                print(f"  {c.text} @ {c.ref}: {c.value} | {a}{'' if same(a, c.value) else ' ✗'} | "
                      f"{b}{'' if same(b, c.value) else ' ✗'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
