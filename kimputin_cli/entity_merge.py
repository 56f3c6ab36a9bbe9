"""Merge mentions (from every parsed piece of an article) into entities with aliases.

Merging rules, all within one category:
- identical surface forms are one entity;
- forms linked in the text (キム・ジョンウン(金正恩), NATO=北大西洋条約機構) are one entity;
- a short form joins the one longer form it abbreviates, and only if exactly one fits: a surname
  (キム → キム・ジョンウン, 岸田 → 岸田文雄), the tail or head of an organization's name
  (大統領府 → ロシア大統領府, トヨタ → トヨタ自動車). Two people who share a surname stay apart; a name complete
  in itself (東京電力, ending in an organization word) is not the head of the same name with a katakana name or
  a company word after it (東京電力パワーグリッド, 東京電力ホールディングス: a subsidiary or parent), unless only
  the legal form follows (株式会社); 神村学園 → 神村学園高校 still joins;
  a bare name of a Japanese state body (外務省, 警察庁) means Japan's and never joins a foreign-prefixed
  name (中国外務省);
- a bare body word (警察, 消防: ``bare_bodies.tsv``) joins only a name ending in one of the words it is short
  for (埼玉県警 → 警察, 高崎市消防局 → 消防), never a national body that starts with it (警察庁);
- a form the text already links to its full name (JAXA in 宇宙航空研究開発機構（JAXA）) is that body's short
  form, not also the head of a longer name (JAXA宇宙科学研究所 is a part of it, another organization);
- a bare title (首相は, 外相は) is never a mention, so it never makes an entity of its own; a bare body word
  (政府, 大統領府) makes none either, except the offices of ``standalone_bodies.txt`` (大統領府は声明で).
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

CATEGORY_ORDER = ("person", "organization", "place")
ID_PREFIX = {"person": "person", "organization": "organization", "place": "place"}


class _Union:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


@lru_cache(maxsize=4096)
def _expansions(form: str) -> tuple[str, ...]:
    """Every reading of ``form`` with one abbreviation written out, longest abbreviation first
    (米国務省 -> アメリカ務省 and アメリカ国務省: 米国 or 米 + 国務省)."""
    from . import lexicon

    out = []
    for short, full in sorted(lexicon.table("entities/abbreviations.tsv"), key=lambda r: -len(r[0])):
        if short in form and full not in form:
            out.append(form.replace(short, full, 1))
    return tuple(out)


@lru_cache(maxsize=None)
def _country_prefixes() -> dict[str, str]:
    from . import lexicon

    return lexicon.mapping("entities/country_prefixes.tsv")


PLACE_UNITS = ("県", "都", "府", "道", "市", "区", "州", "省", "地区", "地方")


def _abbreviates(short: str, full: str, category: str) -> bool:
    if short == full:
        return False
    if category in ("organization", "place") and len(short) >= 2 and full in _expansions(short):
        return True
    if category == "place" and _country_prefixes().get(short) == full:
        return True  # 米 (of 米グーグル) -> アメリカ
    if len(short) >= len(full):
        return False
    if category == "place":
        # 埼玉 -> 埼玉県, but not 京都 -> 東京都
        return any(full == short + unit for unit in PLACE_UNITS)
    if category == "person":
        parts = full.split("・")
        if len(parts) > 1:
            return short == parts[0] or short == parts[-1]
        # kanji names: family name first (岸田 → 岸田文雄)
        return full.startswith(short) and len(short) >= 1
    if category == "organization":
        heads = _bare_bodies().get(short)
        if heads is not None:  # 警察 -> 埼玉県警 (read 埼玉県警察), not 警察庁
            return any(f.endswith(h) for f in (full,) + _expansions(full) for h in heads)
        if short in _japan_bodies() and full.endswith(short) and full[: -len(short)].rstrip("の") not in JAPAN:
            return False  # a bare 外務省 is Japan's, not the 中国外務省 named before it
        if len(short) < 2:
            return False
        if full.endswith(short):
            return True
        if full.startswith(short):
            # 東京電力 and 東京電力パワーグリッド, 東京電力ホールディングス: a name that is complete in itself (it ends in
            # an organization word) and the same name with more after it are two bodies (a parent and its
            # subsidiary), unless what follows is only the legal form (トヨタ自動車株式会社)
            rest = full[len(short):].lstrip("・")
            if _ends_in_org_word(short) and rest not in _legal_forms() and (
                    _KATAKANA.match(rest) or _company_word(rest) or _ends_in_org_word(rest)):
                return False  # … and 警視庁 + 渋谷警察署: a part of the body, named with its own word, is another
            return True
    return False


_KATAKANA = re.compile(r"^[\u30A0-\u30FF・ー]+$")


@lru_cache(maxsize=4096)
def _company_word(rest: str) -> bool:
    """ホールディングス, 銀行, 証券: what follows is itself a company word (org_suffixes.tsv, kind company)."""
    from . import lexicon

    return any(rest.endswith(row[0]) for row in lexicon.table("entities/org_suffixes.tsv") if row[1] == "company")


@lru_cache(maxsize=None)
def _org_words() -> tuple[str, ...]:
    from . import lexicon

    return tuple(row[0] for row in lexicon.table("entities/org_suffixes.tsv"))


@lru_cache(maxsize=4096)
def _ends_in_org_word(name: str) -> bool:
    return any(name.endswith(w) and len(name) > len(w) for w in _org_words())


@lru_cache(maxsize=None)
def _legal_forms() -> frozenset[str]:
    from . import lexicon

    return frozenset(lexicon.words("entities/legal_forms.txt"))


@lru_cache(maxsize=None)
def _standalone_bodies() -> frozenset[str]:
    from . import lexicon

    return frozenset(lexicon.words("entities/standalone_bodies.txt"))


JAPAN = ("日本", "日本政府", "政府")


@lru_cache(maxsize=None)
def _bare_bodies() -> dict[str, tuple[str, ...]]:
    """警察 -> (警察, 県警, …): a bare body word and the endings of the names it is short for."""
    from . import lexicon

    return {row[0]: tuple(row[2].split(",")) for row in lexicon.table("entities/bare_bodies.tsv") if len(row) > 2}


@lru_cache(maxsize=None)
def _japan_bodies() -> dict[str, str]:
    """Bodies of the Japanese state (外務省, 防衛省, 警察庁 …): a bare one means Japan's."""
    from . import lexicon

    return lexicon.mapping("entities/japan_bodies.tsv")


def merge(text: str, mentions: list[dict]) -> dict[str, list[dict]]:
    """Group mention dicts (``start``, ``end``, ``category``, ``kind``, ``titles``, ``same_as``,
    ``prefer_name``; ``same_as`` indexes into ``mentions``) into entity dicts per category."""
    n = len(mentions)
    uf = _Union(n)
    for i, m in enumerate(mentions):
        if m.get("same_as") is not None:
            uf.union(i, m["same_as"])
    forms = [text[m["start"] : m["end"]] for m in mentions]
    # names are compared with half-width katakana as full-width: ﾛｼｱ and ロシア are one place
    from .article import fold_width

    keys = [fold_width(f) for f in forms]
    by_form: dict[tuple[str, str], int] = {}
    for i, m in enumerate(mentions):
        key = (m["category"], keys[i])
        if key in by_form:
            uf.union(i, by_form[key])
        else:
            by_form[key] = i

    # a form linked in the text to a longer one (JAXA of 宇宙航空研究開発機構（JAXA）) is already its short form
    longest_linked: dict[int, int] = {}
    for i in range(n):
        root = uf.find(i)
        longest_linked[root] = max(longest_linked.get(root, 0), len(forms[i]))
    linked_longer = {i for i in range(n) if len(forms[i]) < longest_linked[uf.find(i)]}

    # short forms join the single longer cluster they abbreviate
    for category in CATEGORY_ORDER:
        idx = [i for i, m in enumerate(mentions) if m["category"] == category]
        for i in idx:
            short = keys[i]
            if i in linked_longer and category == "organization":
                continue
            targets = {
                uf.find(j)
                for j in idx
                if _abbreviates(short, keys[j], category)
                # a country is not the short form of a region named after it (中国 and 中国地方)
                and not (category == "place" and mentions[i]["kind"] == "country" != mentions[j]["kind"])
            }
            targets.discard(uf.find(i))
            if len(targets) == 1:
                uf.union(i, targets.pop())

    # a bare katakana "person" with no title that is part of an organization's name in the same
    # article is that organization's short form (エナジー after 青葉エナジー株式会社)
    org_forms = {forms[i] for i, m in enumerate(mentions) if m["category"] == "organization"}
    for i, m in enumerate(mentions):
        if m["category"] == "person" and not m.get("titles") and m.get("rule") == "names":
            if any(forms[i] in f and forms[i] != f for f in org_forms):
                mentions[i] = dict(m, category="organization", kind="other", rule="generic")
    for category in ("organization",):
        idx = [i for i, m in enumerate(mentions) if m["category"] == category]
        for i in idx:
            if mentions[i].get("rule") == "generic" and mentions[i]["kind"] == "other":
                targets = {uf.find(j) for j in idx if forms[i] in forms[j] and forms[i] != forms[j]}
                if len(targets) == 1:
                    uf.union(i, targets.pop())

    clusters: dict[int, list[int]] = {}
    for i in range(n):
        clusters.setdefault(uf.find(i), []).append(i)
    # a bare body word (政府, 大統領府) counts only as the short form of an organization named in full; a few
    # (大統領府, 首相府: standalone_bodies.txt) name the one office even when no fuller name is in the article
    clusters = {
        root: members
        for root, members in clusters.items()
        if any(mentions[i].get("rule") != "generic" or forms[i] in _standalone_bodies() for i in members)
    }

    result: dict[str, list[dict]] = {c: [] for c in CATEGORY_ORDER}
    ordered = sorted(clusters.values(), key=lambda members: min(mentions[i]["start"] for i in members))
    for members in ordered:
        members.sort(key=lambda i: mentions[i]["start"])
        category = mentions[members[0]]["category"]
        names = [forms[i] for i in members]
        preferred = [forms[i] for i in members if mentions[i].get("prefer_name")]
        if preferred:
            name = preferred[0]
        else:
            # the fullest form; on a tie, the first to appear
            name = max(names, key=lambda f: (len(fold_width(f)), -names.index(f)))
        aliases = []
        for f in names:
            if f != name and f not in aliases:
                aliases.append(f)
        titles: list[str] = []
        for i in members:
            for t in mentions[i].get("titles") or []:
                if t not in titles:
                    titles.append(t)
        # the kind of the canonical form's mentions, else of all; rule-based kinds outrank a span's label
        named = [i for i in members if forms[i] == name] or members
        kinds = Counter(mentions[i]["kind"] for i in named)
        rule_kinds = Counter(mentions[i]["kind"] for i in named if mentions[i].get("rule") not in ("names", "generic"))
        kind = (rule_kinds or kinds).most_common(1)[0][0]
        result[category].append(
            {
                "name": name,
                "aliases": aliases,
                "kind": kind,
                "titles": titles,
                "mentions": [
                    {"start": mentions[i]["start"], "end": mentions[i]["end"], "text": forms[i]} for i in members
                ],
            }
        )
    for category, ents in result.items():
        result[category] = [{"id": f"{ID_PREFIX[category]}:{k}", **ent} for k, ent in enumerate(ents, 1)]
    return result
