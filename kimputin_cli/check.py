"""`kp check`: hold the extraction to human-checked fixtures.

A fixture case is a folder with ``article.txt``, ``meta.json`` (reference date, source, licence, description,
optional per-category ``min_f1``) and ``expected.json`` (the answer written by a person; see README,
"Fixtures").  :func:`compare` scores one extraction (a ``kimputin.extraction/1`` dict) against one
``expected.json``; :func:`gate` turns a comparison into failure messages; :func:`run_check` does both for
every case under some paths, running the extraction once per case with one loaded pipeline.

Matching rules
  people / organizations / places
      an output entity matches an expected one when its name or one of its aliases is among the expected
      accepted ``forms`` (compared after NFKC normalization).  A second output entity that matches an
      expected entity already matched is a *duplicate*: alias merging failed, and it counts as an error
      (against precision).  An output entity matching nothing expected or optional is *unexpected*.
  dates
      an output date matches an expected one when the values are equal and the output span overlaps an
      occurrence of the expected text in the article.  Dates are listed once in ``expected.json``, so
      repeated mentions of a found date are not errors; unexpected dates are counted once per (text, value).
  claims (with a speaker)
      the output speaker text contains or is contained in one of the expected speaker alternatives, or the
      speaker's linked entity has a name/alias equal to one; and the output content span overlaps the
      expected content (located in the article) by at least half of the shorter of the two spans.
      The exact-boundary rate is the share of found claims whose content span is exactly the expected one.
  unattributed claims
      output claims whose speaker is null, matched by content overlap alone.
  forbidden
      entity forms that must never be output in a category, and (speaker, content) pairs that must never be
      claimed; any one present fails the case.

Scores per category: tp = expected items found, fn = expected items missing, fp = unexpected + duplicate
outputs (items matching an ``optional`` entry count neither way).  Precision is 1.0 when nothing was output,
recall is 1.0 when nothing was expected.
"""
from __future__ import annotations

import datetime as dt
import difflib
import json
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .article import Article, load_article
from .errors import KpError

CHECK_FORMAT = "kimputin.check/1"
BASELINE_FORMAT = "kimputin.check-baseline/1"

ENTITY_CATEGORIES = ("people", "organizations", "places")
CATEGORIES = ENTITY_CATEGORIES + ("dates", "claims", "unattributed")

# used when no pyproject.toml with [tool.kp.check] is found above the fixtures
DEFAULT_MIN_F1 = {"people": 0.8, "organizations": 0.6, "places": 0.7, "dates": 0.7, "claims": 0.5, "unattributed": 0.4}

EPSILON = 1e-9


class CheckError(KpError):
    """A fixture or baseline file cannot be used."""

    kind = "check"


# --------------------------------------------------------------------------------------------- helpers


def norm(s: str | None) -> str:
    return unicodedata.normalize("NFKC", s or "").strip()


def locate(text: str, needle: str) -> list[tuple[int, int]]:
    """All (start, end) occurrences of ``needle`` in ``text``; if none, occurrences after NFKC normalization
    of both (offsets still into ``text``)."""
    if not needle:
        return []
    found = _find_all(text, needle)
    if found:
        return found
    normed: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        n = unicodedata.normalize("NFKC", ch)
        normed.extend(n)
        origin.extend([i] * len(n))
    hay = "".join(normed)
    out = []
    for s, e in _find_all(hay, norm(needle)):
        out.append((origin[s], origin[e - 1] + 1))
    return out


def _find_all(hay: str, needle: str) -> list[tuple[int, int]]:
    out, i = [], hay.find(needle)
    while needle and i >= 0:
        out.append((i, i + len(needle)))
        i = hay.find(needle, i + 1)
    return out


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def spans_match(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """True when the spans overlap by at least half of the shorter one."""
    shorter = min(a[1] - a[0], b[1] - b[0])
    ov = overlap(a, b)
    return ov > 0 and 2 * ov >= shorter


def short(s: str, n: int = 40) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r > 0 else 0.0


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, _f1(p, r)


# --------------------------------------------------------------------------------------------- results


@dataclass
class CategoryResult:
    """Found, missing and unexpected items of one category.  Items are dicts with a stable ``key`` (used by
    baselines) and a readable ``label``; unexpected items may carry a ``reason``."""

    category: str
    found: list[dict] = field(default_factory=list)
    missing: list[dict] = field(default_factory=list)
    unexpected: list[dict] = field(default_factory=list)
    optional: list[dict] = field(default_factory=list)  # optional items that were output (not scored)
    exact: int | None = None  # claims: found with exactly the expected content boundaries

    @property
    def tp(self) -> int:
        return len(self.found)

    @property
    def fp(self) -> int:
        return len(self.unexpected)

    @property
    def fn(self) -> int:
        return len(self.missing)

    def scores(self) -> tuple[float, float, float]:
        return prf(self.tp, self.fp, self.fn)

    @property
    def f1(self) -> float:
        return self.scores()[2]

    def to_dict(self) -> dict:
        p, r, f = self.scores()
        out = {
            "tp": self.tp, "fp": self.fp, "fn": self.fn,
            "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
            "found": self.found, "missing": self.missing, "unexpected": self.unexpected,
            "optional": self.optional,
        }
        if self.exact is not None:
            out["exact"] = self.exact
            out["exact_rate"] = round(self.exact / self.tp, 4) if self.tp else None
        return out


@dataclass
class Comparison:
    categories: dict[str, CategoryResult]
    forbidden: list[dict] = field(default_factory=list)  # {"category", "key", "label"}
    warnings: list[str] = field(default_factory=list)  # problems in the fixture itself

    def __getitem__(self, category: str) -> CategoryResult:
        return self.categories[category]

    def to_dict(self) -> dict:
        return {
            "categories": {c: r.to_dict() for c, r in self.categories.items()},
            "forbidden": self.forbidden,
            "warnings": self.warnings,
        }


# --------------------------------------------------------------------------------------------- compare


def compare(result: dict, expected: dict, article_text: str) -> Comparison:
    """Score one extraction (``Extraction.to_dict()``) against one ``expected.json`` for the article text."""
    cats: dict[str, CategoryResult] = {}
    forbidden: list[dict] = []
    warnings: list[str] = []
    optional = expected.get("optional") or {}
    banned = expected.get("forbidden") or {}
    for category in ENTITY_CATEGORIES:
        cats[category] = _compare_entities(
            category, result.get(category) or [], expected.get(category) or [], optional.get(category) or []
        )
        forbidden.extend(_forbidden_entities(category, result.get(category) or [], banned.get(category) or []))
    cats["dates"] = _compare_dates(result.get("dates") or [], expected.get("dates") or [],
                                   optional.get("dates") or [], article_text, warnings)
    claims = result.get("claims") or []
    names = _entity_names(result)
    # the article's own statements are the speakerless hedged ones (…とみられる); a report whose speaker kp
    # did not find ("speaker unresolved") is a claim with the speaker wrong, not a statement of the article's
    anonymous = [c for c in claims if not c.get("speaker") and c.get("hedged")]
    attributed = [c for c in claims if c.get("speaker") or not c.get("hedged")]
    cats["claims"] = _compare_claims("claims", attributed, expected.get("claims") or [],
                                     optional.get("claims") or [], article_text, names, warnings)
    cats["unattributed"] = _compare_claims("unattributed", anonymous, expected.get("unattributed") or [],
                                           optional.get("unattributed") or [], article_text, names, warnings)
    forbidden.extend(_forbidden_claims(attributed, banned.get("claims") or [], article_text, names, warnings))
    return Comparison(categories=cats, forbidden=forbidden, warnings=warnings)


def _entity_forms(ent: dict) -> list[str]:
    return [norm(ent.get("name"))] + [norm(a) for a in ent.get("aliases") or []]


def _entity_label(ent: dict) -> str:
    aliases = [a for a in ent.get("aliases") or [] if a != ent.get("name")]
    return ent.get("name", "?") + (f" ({', '.join(aliases)})" if aliases else "")


def _compare_entities(category: str, output: list[dict], expected: list[dict], optional: list[dict]) -> CategoryResult:
    res = CategoryResult(category)
    exp_forms = [{norm(f) for f in [e.get("name")] + list(e.get("forms") or []) if f} for e in expected]
    opt_forms = [{norm(f) for f in [e.get("name")] + list(e.get("forms") or []) if f} for e in optional]
    taken: dict[int, str] = {}  # expected index -> label of the output entity that matched it
    opt_taken: dict[int, str] = {}
    # candidates per output entity; an output whose *name* is a form beats one matching only by alias
    cands = []
    for o in output:
        forms = _entity_forms(o)
        req = [i for i, fs in enumerate(exp_forms) if fs & set(forms)]
        req.sort(key=lambda i: 0 if forms[0] in exp_forms[i] else 1)
        opt = [i for i, fs in enumerate(opt_forms) if fs & set(forms)]
        cands.append((o, req, opt))
    for pass_ in (0, 1):  # first outputs matched by name, then by alias only
        for k, (o, req, opt) in enumerate(cands):
            if o is None or not req:
                continue
            by_name = _entity_forms(o)[0] in exp_forms[req[0]]
            if pass_ == 0 and not by_name:
                continue
            free = [i for i in req if i not in taken]
            if free:
                i = free[0]
                taken[i] = _entity_label(o)
                res.found.append({"key": expected[i]["name"], "label": expected[i]["name"], "output": _entity_label(o)})
                cands[k] = (None, req, opt)
    for o, req, opt in cands:
        if o is None:
            continue
        label = _entity_label(o)
        if req:
            first = expected[req[0]]["name"]
            res.unexpected.append({"key": o.get("name", ""), "label": label, "reason": f"duplicate of {first} ({taken[req[0]]})"})
        elif opt:
            i = opt[0]
            if i in opt_taken:
                res.unexpected.append({"key": o.get("name", ""), "label": label,
                                       "reason": f"duplicate of optional {optional[i]['name']} ({opt_taken[i]})"})
            else:
                opt_taken[i] = label
                res.optional.append({"key": optional[i]["name"], "label": label})
        else:
            res.unexpected.append({"key": o.get("name", ""), "label": label})
    for i, e in enumerate(expected):
        if i not in taken:
            res.missing.append({"key": e["name"], "label": f"{e['name']} (forms: {', '.join(e.get('forms') or [])})"})
    return res


def _forbidden_entities(category: str, output: list[dict], banned: list[str]) -> list[dict]:
    banned_n = {norm(b): b for b in banned}
    out = []
    for o in output:
        forms = set(_entity_forms(o)) | {norm(m.get("text")) for m in o.get("mentions") or []}
        for b in sorted(forms & set(banned_n)):
            out.append({"category": category, "key": banned_n[b], "label": f"{banned_n[b]} output as {category[:-1] if category != 'people' else 'person'} ({_entity_label(o)})"})
    return out


def _date_key(d: dict) -> str:
    return f"{d.get('text')}={d.get('value')}"


def _compare_dates(output: list[dict], expected: list[dict], optional: list[dict], text: str,
                   warnings: list[str]) -> CategoryResult:
    res = CategoryResult("dates")
    exp = expected + optional
    n_req = len(expected)
    occurrences = []
    for e in exp:
        occ = locate(text, e.get("text") or "")
        if not occ:
            warnings.append(f"dates: expected text {e.get('text')!r} is not in the article")
        occurrences.append(occ)

    def text_match(o: dict, i: int) -> bool:
        span = (o.get("start", -1), o.get("end", -1))
        if occurrences[i]:
            return any(overlap(span, s) > 0 for s in occurrences[i])
        a, b = norm(o.get("text")), norm(exp[i].get("text"))
        return bool(a and b) and (a in b or b in a)

    def exact_text(o: dict, i: int) -> bool:
        return norm(o.get("text")) == norm(exp[i].get("text"))

    matched_by: dict[int, str] = {}
    leftovers: list[dict] = []
    assigned: list[int | None] = [None] * len(output)
    for k, o in enumerate(output):  # pass 1: same text and value
        for i, e in enumerate(exp):
            if exact_text(o, i) and o.get("value") == e.get("value") and text_match(o, i):
                assigned[k] = i
                break
    for k, o in enumerate(output):  # pass 2: overlapping text, same value; prefer one not yet found
        if assigned[k] is not None:
            continue
        cands = [i for i, e in enumerate(exp) if o.get("value") == e.get("value") and text_match(o, i)]
        taken = {i for i in assigned if i is not None}
        cands.sort(key=lambda i: (i in taken, i >= n_req))
        if cands:
            assigned[k] = cands[0]
    for k, o in enumerate(output):
        i = assigned[k]
        if i is None:
            leftovers.append(o)
        elif i not in matched_by:
            matched_by[i] = _date_key(o)
    for i in range(n_req):
        if i in matched_by:
            res.found.append({"key": _date_key(exp[i]), "label": _date_key(exp[i]), "output": matched_by[i]})
        else:
            res.missing.append({"key": _date_key(exp[i]), "label": _date_key(exp[i])})
    for i in range(n_req, len(exp)):
        if i in matched_by:
            res.optional.append({"key": _date_key(exp[i]), "label": matched_by[i]})
    seen = set()
    for o in leftovers:
        key = _date_key(o)
        if key in seen:
            continue
        seen.add(key)
        item = {"key": key, "label": key}
        near = [e for i, e in enumerate(exp) if text_match(o, i)]
        if near:
            item["reason"] = "expected " + ", ".join(_date_key(e) for e in near)
        res.unexpected.append(item)
    return res


def _entity_names(result: dict) -> dict[str, list[str]]:
    """Entity id -> normalized name and aliases."""
    out = {}
    for category in ENTITY_CATEGORIES:
        for ent in result.get(category) or []:
            if ent.get("id"):
                out[ent["id"]] = _entity_forms(ent)
    return out


def speaker_matches(speaker: dict | None, alternatives: list[str], names: dict[str, list[str]]) -> bool:
    """The output speaker text contains or is contained in an alternative, or its entity is named as one."""
    if not speaker:
        return False
    alts = [norm(a) for a in alternatives if norm(a)]
    t = norm(speaker.get("text"))
    if t and any(a in t or t in a for a in alts):
        return True
    ent = names.get(speaker.get("entity") or "", [])
    return any(n and n in alts for n in ent)


def _speaker_alternatives(e: dict) -> list[str]:
    sp = e.get("speaker")
    if sp is None:
        return []
    return [sp] if isinstance(sp, str) else list(sp)


def _claim_key(e: dict) -> str:
    alts = _speaker_alternatives(e)
    return (f"{alts[0]}: " if alts else "") + e.get("content", "")


def _claim_label(e: dict) -> str:
    alts = _speaker_alternatives(e)
    return (f"{alts[0]}: " if alts else "") + "「" + short(e.get("content", "")) + "」"


def _out_claim_label(c: dict) -> str:
    sp = c.get("speaker")
    return (f"{sp.get('text')}: " if sp else "") + "「" + short((c.get("content") or {}).get("text", "")) + "」"


def _content_spans(e: dict, text: str, category: str, warnings: list[str]) -> list[tuple[int, int]]:
    occ = locate(text, e.get("content") or "")
    if not occ:
        warnings.append(f"{category}: expected content {short(e.get('content') or '')!r} is not in the article")
    return occ


def _content_overlap(c: dict, occ: list[tuple[int, int]], content: str) -> tuple[bool, bool, float]:
    """(matches, exact boundaries, overlap ratio) of an output claim against an expected content."""
    span = ((c.get("content") or {}).get("start", -1), (c.get("content") or {}).get("end", -1))
    if not occ:  # content not located: fall back to text containment
        a, b = norm((c.get("content") or {}).get("text")), norm(content)
        ok = bool(a and b) and (a in b or b in a)
        return ok, a == b, (min(len(a), len(b)) / max(len(a), len(b)) if ok else 0.0)
    best = (False, False, 0.0)
    for s in occ:
        if spans_match(span, s):
            ratio = overlap(span, s) / max(span[1] - span[0], s[1] - s[0])
            cand = (True, span == s, ratio)
            if cand[2] > best[2] or (cand[1] and not best[1]):
                best = cand
    return best


def _compare_claims(category: str, output: list[dict], expected: list[dict], optional: list[dict], text: str,
                    names: dict, warnings: list[str]) -> CategoryResult:
    attributed = category == "claims"
    res = CategoryResult(category, exact=0)
    exp = expected + optional
    n_req = len(expected)
    occ = [_content_spans(e, text, category, warnings) for e in exp]

    def match(c: dict, i: int):
        if attributed and not speaker_matches(c.get("speaker"), _speaker_alternatives(exp[i]), names):
            return None
        ok, exact, ratio = _content_overlap(c, occ[i], exp[i].get("content") or "")
        return (exact, ratio) if ok else None

    pairs = []
    for k, c in enumerate(output):
        for i in range(len(exp)):
            m = match(c, i)
            if m is not None:
                pairs.append((m[0], m[1], k, i))
    pairs.sort(key=lambda p: (-p[0], -p[1], p[2], p[3]))
    out_to_exp: dict[int, int] = {}
    exp_to_out: dict[int, int] = {}
    exact_of: dict[int, bool] = {}
    for exact, _ratio, k, i in pairs:  # one to one, best overlaps first
        if k in out_to_exp or i in exp_to_out:
            continue
        out_to_exp[k], exp_to_out[i], exact_of[i] = i, k, bool(exact)
    for i in range(n_req):
        e = exp[i]
        if i in exp_to_out:
            c = output[exp_to_out[i]]
            item = {"key": _claim_key(e), "label": _claim_label(e), "output": _out_claim_label(c), "exact": exact_of[i]}
            diffs = _attribute_differences(c, e) if attributed else []
            if diffs:
                item["differences"] = diffs
            res.found.append(item)
            res.exact += exact_of[i]
        else:
            res.missing.append({"key": _claim_key(e), "label": _claim_label(e)})
    for i in range(n_req, len(exp)):
        if i in exp_to_out:
            res.optional.append({"key": _claim_key(exp[i]), "label": _out_claim_label(output[exp_to_out[i]])})
    for k, c in enumerate(output):
        if k in out_to_exp:
            continue
        item = {"key": _out_claim_key(c), "label": _out_claim_label(c)}
        dup = [i for _, _, kk, i in pairs if kk == k]
        if dup:
            item["reason"] = f"duplicate of {_claim_label(exp[dup[0]])}"
        elif attributed:
            # same content as an expected claim, another speaker: say so
            near = [i for i in range(len(exp)) if _content_overlap(c, occ[i], exp[i].get("content") or "")[0]]
            if near:
                item["reason"] = "wrong speaker; expected one of " + ", ".join(_speaker_alternatives(exp[near[0]]))
        res.unexpected.append(item)
    return res


def _out_claim_key(c: dict) -> str:
    sp = c.get("speaker")
    return (f"{sp.get('text')}: " if sp else "") + (c.get("content") or {}).get("text", "")


def _attribute_differences(c: dict, e: dict) -> list[str]:
    diffs = []
    for flag in ("direct", "hedged"):
        if flag in e and bool(c.get(flag)) != bool(e[flag]):
            diffs.append(f"{flag}: {bool(c.get(flag))}, expected {bool(e[flag])}")
    if "sources" in e:
        want = [norm(s) for s in e.get("sources") or []]
        got = [norm(s.get("text")) for s in c.get("sources") or []]
        if not all(any(w in g or g in w for g in got if g) for w in want) or (got and not want):
            diffs.append(f"sources: {got}, expected {want}")
    return diffs


def _forbidden_claims(output: list[dict], banned: list[dict], text: str, names: dict, warnings: list[str]) -> list[dict]:
    out = []
    for b in banned:
        who = norm(b.get("speaker"))
        occ = locate(text, b.get("content") or "")
        if not occ:
            warnings.append(f"forbidden claim content {short(b.get('content') or '')!r} is not in the article")
        for c in output:
            sp = c.get("speaker") or {}
            by_text = bool(who) and who in norm(sp.get("text"))
            by_entity = who in names.get(sp.get("entity") or "", [])
            if (by_text or by_entity) and _content_overlap(c, occ, b.get("content") or "")[0]:
                out.append({"category": "claims", "key": f"{b.get('speaker')}: {b.get('content')}",
                            "label": f"claim by {sp.get('text')} (forbidden speaker {b.get('speaker')}): "
                                     f"「{short(b.get('content') or '')}」"})
                break
    return out


# --------------------------------------------------------------------------------------------- gates


def gate(comparison: Comparison, min_f1: dict[str, float], require_all: bool = True) -> list[str]:
    """Failure messages for one case: forbidden items, missing required items (unless ``require_all`` is
    false) and categories whose F1 is below their minimum."""
    failures = [f"forbidden: {f['label']}" for f in comparison.forbidden]
    for category, res in comparison.categories.items():
        if require_all:
            for m in res.missing:
                failures.append(f"{category}: missing {m['label']}")
        threshold = min_f1.get(category)
        if threshold is not None and res.f1 + EPSILON < threshold:
            failures.append(f"{category}: F1 {res.f1:.2f} below the minimum {threshold:.2f}")
    return failures


def baseline_entry(comparison: Comparison) -> dict:
    """What a baseline file stores for one case: scores, the keys found, the forbidden keys present."""
    return {
        "scores": {c: {k: v for k, v in r.to_dict().items() if k in ("tp", "fp", "fn", "f1")}
                   for c, r in comparison.categories.items()},
        "found": {c: sorted(i["key"] for i in r.found) for c, r in comparison.categories.items()},
        "forbidden": sorted(f["key"] for f in comparison.forbidden),
    }


def regressions(comparison: Comparison, entry: dict) -> list[str]:
    """Failure messages for what got worse than a baseline entry: an item found then and missing now, a
    forbidden item that is new, a category F1 that dropped."""
    failures = []
    old_forbidden = set(entry.get("forbidden") or [])
    for f in comparison.forbidden:
        if f["key"] not in old_forbidden:
            failures.append(f"forbidden (new): {f['label']}")
    for category, res in comparison.categories.items():
        was = set((entry.get("found") or {}).get(category) or [])
        missing = {m["key"]: m["label"] for m in res.missing}
        for key in sorted(was & set(missing)):
            failures.append(f"{category}: lost {missing[key]}")
        old = ((entry.get("scores") or {}).get(category) or {}).get("f1")
        if old is not None and res.f1 + 1e-4 < old:  # baseline scores are rounded to 4 places
            failures.append(f"{category}: F1 {res.f1:.2f} dropped from {old:.2f}")
    return failures


def load_baseline(path: str | Path) -> dict:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise CheckError(f"unreadable baseline file: {exc}", str(path)) from None
    if not isinstance(data, dict) or data.get("format") != BASELINE_FORMAT or not isinstance(data.get("cases"), dict):
        raise CheckError(f"not a {BASELINE_FORMAT} file", str(path))
    return data


# --------------------------------------------------------------------------------------------- thresholds


def _toml_load(path: Path) -> dict:
    try:
        import tomllib
    except ImportError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]
    with path.open("rb") as fh:
        return tomllib.load(fh)


def project_min_f1(start: str | Path) -> dict[str, float]:
    """``[tool.kp.check] min_f1`` of the nearest pyproject.toml at or above ``start`` that has the table;
    else :data:`DEFAULT_MIN_F1`."""
    p = Path(start).resolve()
    for d in [p] + list(p.parents) if p.is_dir() else list(p.parents):
        candidate = d / "pyproject.toml"
        if candidate.is_file():
            try:
                table = _toml_load(candidate).get("tool", {}).get("kp", {}).get("check")
            except (OSError, ValueError) as exc:
                raise CheckError(f"unreadable pyproject.toml: {exc}", str(candidate)) from None
            if isinstance(table, dict) and isinstance(table.get("min_f1"), dict):
                return {k: float(v) for k, v in table["min_f1"].items()}
    return dict(DEFAULT_MIN_F1)


# --------------------------------------------------------------------------------------------- cases

#: Fixture splits, reported apart so the gap between our own prose and real news stays visible:
#: ``fictional`` (articles written for the fixtures; meta.json has no "split"), ``real-dev`` (real articles
#: that rules may be written from) and ``real-test`` (real articles held out: scored, never tuned on).
SPLITS = ("fictional", "real-dev", "real-test")


def split_of(meta: dict) -> str:
    """A case's split from its meta.json: ``"split": "dev"|"test"`` marks a real article."""
    split = str(meta.get("split") or "").strip().lower()
    if split in ("dev", "test"):
        return f"real-{split}"
    return "fictional"


@dataclass
class Case:
    name: str
    path: Path
    article: Article
    expected: dict
    meta: dict

    @property
    def text(self) -> str:
        return self.article.text

    @property
    def reference_date(self) -> dt.date | None:
        value = self.meta.get("date")
        try:
            return dt.date.fromisoformat(str(value)[:10]) if value else None
        except ValueError:
            return None


def is_case(path: Path) -> bool:
    return (path / "expected.json").is_file() and (path / "article.txt").is_file()


def find_cases(paths: list[str | Path]) -> list[Path]:
    """Case folders: each path is a case folder or a folder of case folders."""
    out: list[Path] = []
    for p in map(Path, paths):
        if is_case(p):
            out.append(p)
        elif p.is_dir():
            found = sorted(d for d in p.iterdir() if d.is_dir() and is_case(d))
            if not found:
                raise CheckError("no fixture cases here (a case is a folder with article.txt and expected.json)", str(p))
            out.extend(found)
        else:
            raise CheckError("not a fixture case or a folder of cases", str(p))
    return out


def load_case(path: str | Path) -> Case:
    path = Path(path)
    article = load_article(str(path / "article.txt"))
    docs = {}
    for name in ("expected.json", "meta.json"):
        f = path / name
        if not f.is_file():
            if name == "meta.json":
                docs[name] = {}
                continue
            raise CheckError(f"{name} is missing", str(path))
        try:
            docs[name] = json.loads(f.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise CheckError(f"unreadable {name}: {exc}", str(path)) from None
    return Case(name=path.name, path=path, article=article, expected=docs["expected.json"], meta=docs["meta.json"])


# --------------------------------------------------------------------------------------------- snapshots

SNAPSHOT_NAME = "snapshot.json"


def snapshot_view(result: dict) -> dict:
    """The output minus what changes without the extraction changing: pipeline versions and the path."""
    out = json.loads(json.dumps(result))
    out.pop("pipeline", None)
    if isinstance(out.get("source"), dict):
        out["source"]["path"] = "article.txt"
    return out


def snapshot_diff(old: dict, new: dict, context: int = 2, limit: int = 60) -> list[str]:
    """A unified diff of the two snapshots as indented JSON (at most ``limit`` lines); empty when equal."""
    if old == new:
        return []
    a = json.dumps(old, ensure_ascii=False, indent=1, sort_keys=True).splitlines()
    b = json.dumps(new, ensure_ascii=False, indent=1, sort_keys=True).splitlines()
    lines = list(difflib.unified_diff(a, b, "snapshot.json", "output", n=context, lineterm=""))
    if len(lines) > limit:
        lines = lines[:limit] + [f"... ({len(lines) - limit} more diff lines)"]
    return lines


# --------------------------------------------------------------------------------------------- running


@dataclass
class CaseReport:
    name: str
    path: str
    comparison: Comparison | None
    min_f1: dict[str, float]
    failures: list[str] = field(default_factory=list)
    error: str | None = None
    snapshot: dict | None = None  # {"status": "same"|"changed"|"missing"|"written", "diff": [...]}
    baseline: bool = False  # gated against a baseline entry (regressions only)
    split: str = "fictional"  # see :func:`split_of`
    known_forbidden: list[str] = field(default_factory=list)  # forbidden keys the baseline records as known

    @property
    def ok(self) -> bool:
        return not self.failures and self.error is None

    def mean_f1(self) -> float:
        if self.comparison is None:
            return 0.0
        vals = [r.f1 for r in self.comparison.categories.values()]
        return sum(vals) / len(vals)

    def to_dict(self) -> dict:
        out = {"case": self.name, "path": self.path, "split": self.split, "ok": self.ok, "failures": self.failures,
               "known_forbidden": self.known_forbidden,
               "min_f1": self.min_f1, "gated_by_baseline": self.baseline}
        if self.error is not None:
            out["error"] = self.error
        if self.comparison is not None:
            out.update(self.comparison.to_dict())
        if self.snapshot is not None:
            out["snapshot"] = self.snapshot
        return out


@dataclass
class CheckReport:
    cases: list[CaseReport]

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.cases)

    def splits(self) -> list[str]:
        """The splits present, in the order of :data:`SPLITS`."""
        present = {c.split for c in self.cases}
        return [s for s in SPLITS if s in present]

    def totals(self, split: str | None = None) -> dict[str, dict]:
        """Micro-averaged scores per category over all cases (or the cases of one split), and the
        exact-boundary rate of claims."""
        out = {}
        for category in CATEGORIES:
            tp = fp = fn = exact = 0
            for c in self.cases:
                if c.comparison is None or (split is not None and c.split != split):
                    continue
                r = c.comparison[category]
                tp, fp, fn = tp + r.tp, fp + r.fp, fn + r.fn
                exact += r.exact or 0
            p, r_, f = prf(tp, fp, fn)
            out[category] = {"tp": tp, "fp": fp, "fn": fn, "precision": round(p, 4), "recall": round(r_, 4), "f1": round(f, 4)}
            if category in ("claims", "unattributed"):
                out[category]["exact_rate"] = round(exact / tp, 4) if tp else None
        return out

    def weakest(self) -> str | None:
        scored = [c for c in self.cases]
        if not scored:
            return None
        return min(scored, key=lambda c: (c.comparison is not None, c.mean_f1())).name

    def to_dict(self) -> dict:
        return {"format": CHECK_FORMAT, "ok": self.ok, "cases": [c.to_dict() for c in self.cases],
                "totals": self.totals(), "totals_by_split": {s: self.totals(s) for s in self.splits()},
                "weakest": self.weakest()}

    def baseline(self) -> dict:
        return {"format": BASELINE_FORMAT,
                "cases": {c.name: baseline_entry(c.comparison) for c in self.cases if c.comparison is not None}}


def check_case(case: Case, result: dict, *, project_defaults: dict[str, float], require_all: bool = True,
               baseline: dict | None = None, snapshot: bool = False, update_snapshots: bool = False) -> CaseReport:
    """Compare one case's extraction result and apply the gates (see :func:`run_check`)."""
    min_f1 = dict(project_defaults)
    min_f1.update({k: float(v) for k, v in (case.meta.get("min_f1") or {}).items()})
    comparison = compare(result, case.expected, case.text)
    report = CaseReport(name=case.name, path=str(case.path), comparison=comparison, min_f1=min_f1,
                        split=split_of(case.meta))
    entry = (baseline or {}).get("cases", {}).get(case.name) if baseline else None
    if entry is not None:
        report.baseline = True
        # a forbidden item fails the case unless the baseline records it as a known error: real articles
        # held out from tuning (split test) keep the errors they had when first scored, and they must be
        # reported, not hidden or fixed from what they show
        report.failures = regressions(comparison, entry)
        report.known_forbidden = sorted(set(entry.get("forbidden") or []) & {f["key"] for f in comparison.forbidden})
    else:
        report.failures = gate(comparison, min_f1, require_all=require_all)
    if snapshot or update_snapshots:
        report.snapshot = _snapshot(case, result, update_snapshots)
        if report.snapshot["status"] == "changed":
            report.failures.append("snapshot: the output differs from snapshot.json")
        elif report.snapshot["status"] == "missing":
            report.failures.append("snapshot: no snapshot.json (write one with --update-snapshots)")
    return report


def _snapshot(case: Case, result: dict, update: bool) -> dict:
    path = case.path / SNAPSHOT_NAME
    view = snapshot_view(result)
    if update:
        old = None
        if path.is_file():
            try:
                old = json.loads(path.read_text(encoding="utf-8"))
            except ValueError:
                old = None
        if old != view:
            path.write_text(json.dumps(view, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
            return {"status": "written", "diff": snapshot_diff(old, view) if old is not None else []}
        return {"status": "same", "diff": []}
    if not path.is_file():
        return {"status": "missing", "diff": []}
    try:
        old = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        return {"status": "changed", "diff": [f"unreadable snapshot.json: {exc}"]}
    diff = snapshot_diff(old, view)
    return {"status": "changed" if diff else "same", "diff": diff}


def run_check(paths: list[str | Path], nlp=None, *, require_all: bool = True, baseline: dict | None = None,
              snapshot: bool = False, update_snapshots: bool = False,
              min_f1: dict[str, float] | None = None, on_case=None) -> CheckReport:
    """Run the extraction on every case under ``paths`` and compare it with the case's expected.json.

    ``nlp`` is the pipeline (default: the shared one, loaded once).  ``min_f1`` overrides the project
    defaults (``[tool.kp.check]`` of the pyproject.toml above the first path).  With ``baseline`` (a loaded
    baseline file) a case listed there fails only on regressions.  ``on_case(report)`` is called after each
    case (for progress output).
    """
    from .extract import extract

    case_dirs = find_cases(paths)
    defaults = min_f1 if min_f1 is not None else project_min_f1(case_dirs[0] if case_dirs else Path("."))
    reports = []
    for d in case_dirs:
        try:
            case = load_case(d)
            result = extract(case.article, nlp=nlp, reference_date=case.reference_date).to_dict()
            report = check_case(case, result, project_defaults=defaults, require_all=require_all,
                                baseline=baseline, snapshot=snapshot, update_snapshots=update_snapshots)
        except KpError as exc:
            if exc.exit_status != 1:
                raise
            report = CaseReport(name=d.name, path=str(d), comparison=None, min_f1=dict(defaults), error=exc.one_line(),
                                split=_split_of_folder(d))
        if on_case is not None:
            on_case(report)
        reports.append(report)
    return CheckReport(cases=reports)


def _split_of_folder(path: Path) -> str:
    try:
        return split_of(json.loads((path / "meta.json").read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return "fictional"


__all__ = [
    "SPLITS", "split_of", "CATEGORIES", "DEFAULT_MIN_F1", "Case", "CaseReport", "CategoryResult", "CheckError", "CheckReport",
    "Comparison", "baseline_entry", "check_case", "compare", "find_cases", "gate", "load_baseline",
    "load_case", "locate", "project_min_f1", "regressions", "run_check", "snapshot_diff", "snapshot_view",
    "speaker_matches", "spans_match",
]
