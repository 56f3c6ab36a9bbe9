"""kp_entities: people, organizations and places on top of the named-entity spans in ``doc.ents``.

The spans come from :mod:`kimputin_cli.components.names` (``kp_names``: Sudachi's proper-noun classes and
kp's gazetteers; the default) or, with ``--ner ginza``, from GiNZA's NER, in GiNZA's label set either way
(``data/entities/ginza_labels.tsv``). This component reads the doc with general rules of Japanese news
writing, kept as data in ``kimputin_cli/data/entities``:

1. a name directly before a title word (ショイグ国防相, 林官房長官, トランプ前大統領, 会長兼CEO, 中東担当特使)
   is a person, and the title is recorded apart from the name; so is a name before ・ and a title in wire
   copy (山口一郎・官房副長官); a reading with the original in brackets (キム・ジョンウン(金正恩)総書記)
   makes both forms one person, and so does a kanji name with its katakana reading after it (李在勲（イ・ジェフン）
   報道官: named by the kanji form); a reading in hiragana (佐藤健一（けんいち）さん) is no part of the name; a title
   or occupation word with の or glued right before a name (委員長の佐々木誠氏, 弁護士ジョン・ベネット氏:
   titles.txt, occupations.txt) is that person's title; a title may carry a prefix (前, 元, 副: 林海涛副報道局長), and an organization
   word inside such a title (報道局 of 副報道局長) never makes the name before it an organization; a one-kanji
   Chinese or Korean surname from a list, then a short given name, before a title is a person even when the
   dictionary reads them as common nouns (林剣副報道局長);
2. a compound noun ending in an organization word (…通信, …新聞, …政府, …省, …軍, 株式会社) is an
   organization of that kind, and so is a name in apposition to a descriptor (民間軍事会社ワグネル) or after
   国営の; a body word right after "<place>の" (韓国の中央銀行) names that place's body; well-known bodies
   come from a gazetteer (日銀, ホワイトハウス, 日本維新の会); an abbreviation in brackets after a name
   (北大西洋条約機構（NATO）) is linked to it, and makes the compound before it an organization even with no
   proper noun in it (航空宇宙局（NASA）); a bare generic word (グループ, トップ) is never an entity;
   a place + 地方/管区 + office (前橋地方気象台, 大阪管区気象台, 関東地方整備局) is one body, not a place;
   a body word standing alone (警察, 消防, 検察: 警察や消防によりますと) is the local body; a kanji surname
   + 派, with 旧 when dissolved (岸田派, 旧安藤派), is a party faction; a describing word before a name is
   no part of it (国営新華社通信 -> 新華社通信); an index or figure (日経平均株価, 消費者物価指数（CPI）) and
   its abbreviation are never a body; a name in corner brackets after a descriptor (最大野党「共に民主党」,
   保守系の「国民の力」) is that organization; a long compound of common nouns ending in 機関 is a body unless
   it ends in a kind of 機関 (電力広域的運営推進機関, not 医療機関); a company's name with a katakana name after
   it (東京電力パワーグリッド) is a company; …賞 is an award, and 臨時党大会 holds no party called 臨時党;
3. the named-entity spans fill the rest, once checked for shape (a person needs a
   name-like token, a place a proper noun or place word); prefecture + city (熊本県人吉市) is split into two
   places, and a region of Japan with 地方 or a direction word (中国地方, 九州北部) is one region; seas and
   straits (南シナ海, 太平洋, 台湾海峡) come from a gazetteer over several tokens, as places of kind other.

A bare title (首相は, 外相は) is never a mention: it makes no person or organization of its own.

The result is a list of plain dicts in ``doc._.kp_mentions`` (character offsets into ``doc.text``), merged
into entities across the whole article by :mod:`kimputin_cli.entity_merge`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Token

from .. import lexicon

KATAKANA = re.compile(r"^[\u30A0-\u30FF\uFF65-\uFF9F・ー＝=]+$")
HAS_KATAKANA = re.compile(r"[\u30A1-\u30FA]")
HAS_KANJI = re.compile(r"[\u4E00-\u9FFF\u3005]")
LATIN = re.compile(r"^[A-Za-zＡ-Ｚａ-ｚ][A-Za-zＡ-Ｚａ-ｚ0-9０-９&\.\-]*$")
NAME_SEP = "・"
OPEN_PARENS = "(（"
CLOSE_PARENS = ")）"
EQUALS = "=＝"
HIRAGANA = re.compile(r"^[\u3041-\u309F]+$")
HIRAGANA_COMPANY_WORDS = ("証券", "銀行", "ホールディングス", "生命", "信託", "損保", "保険")
BRACKETED = re.compile(r"^([^（(]{2,})[（(]([^）)]+)[）)]$")
KANJI_NUMERALS = set("一二三四五六七八九十")
DIRECTIONS = ("北部", "南部", "東部", "西部", "中部", "北東部", "北西部", "南東部", "南西部")
MUNICIPAL_UNITS = ("市", "区", "町", "村", "郡")
PLACE_UNITS = "市区町村郡県都府道州省"
MINISTRY_DETERMINERS = ("同", "各", "本", "当", "両", "他", "旧", "新")
CITATION_TAIL = re.compile(r"^\s*[、,，]\s*[0-9０-９]{4}年[0-9０-９]{1,2}月[0-9０-９]{1,2}日\S{0,12}\s*$")


@dataclass
class Mention:
    start: int
    end: int
    category: str  # person | organization | place
    kind: str
    rule: str
    titles: list[str] = field(default_factory=list)
    same_as: int | None = None  # index of another mention naming the same entity (bracket/= aliases)
    prefer_name: bool = False  # the canonical form of its entity (kanji original in brackets)
    link: "Mention | None" = field(default=None, repr=False, compare=False)

    def to_dict(self) -> dict:
        return {
            "start": self.start,
            "end": self.end,
            "category": self.category,
            "kind": self.kind,
            "rule": self.rule,
            "titles": list(self.titles),
            "same_as": self.same_as,
            "prefer_name": self.prefer_name,
        }


class Lexicon:
    """The entity vocabularies, loaded once per component."""

    def __init__(self) -> None:
        self.titles = sorted(lexicon.words("entities/titles.txt"), key=len, reverse=True)
        self.title_prefixes = lexicon.words("entities/title_prefixes.txt")
        self.org_suffixes = sorted(lexicon.table("entities/org_suffixes.tsv"), key=lambda r: -len(r[0]))
        self.descriptors = sorted(lexicon.table("entities/org_descriptors.tsv"), key=lambda r: -len(r[0]))
        self.bare = set(lexicon.words("entities/bare_words.txt"))
        self.generic = set(lexicon.words("entities/generic_orgs.txt")) | self.bare
        self.non_org_heads = lexicon.words("entities/non_org_heads.txt")
        self.not_bodies = {"当局", "当局者", "関係者", "政府関係者", "メディア", "国営メディア"}
        self.generic_media_prefixes = set(lexicon.words("entities/generic_media_prefixes.txt"))
        self.countries = set(lexicon.words("entities/countries.txt"))
        self.place_suffixes = sorted(lexicon.table("entities/place_suffixes.tsv"), key=lambda r: -len(r[0]))
        self.place_descriptors = set(lexicon.words("entities/place_descriptors.txt"))
        self.event_heads = set(lexicon.words("entities/event_heads.txt"))
        self.japan_bodies = lexicon.mapping("entities/japan_bodies.tsv")
        self.known_orgs = {**{w: "media" for w in lexicon.words("entities/known_media.txt")},
                           **{w: "other" for w in lexicon.words("entities/teams.txt")},
                           **lexicon.mapping("entities/known_orgs.tsv"), **self.japan_bodies}
        self.name_heads = lexicon.words("entities/name_heads.txt")
        self.teams = set(lexicon.words("entities/teams.txt"))
        self.known_longest = max(len(k) for k in self.known_orgs)
        self.cities = set(lexicon.words("entities/cities.txt"))
        self.prefectures = lexicon.words("entities/prefectures.txt")
        self.japan_regions = set(lexicon.words("entities/japan_regions.txt"))
        self.place_modifiers = set(lexicon.words("entities/place_modifiers.txt"))
        self.labels = {row[0]: (row[1], row[2]) for row in lexicon.table("entities/ginza_labels.tsv")}
        self.non_person = set(lexicon.words("entities/non_person_katakana.txt"))
        self.country_prefixes = lexicon.mapping("entities/country_prefixes.tsv")
        self.regions = set(lexicon.words("entities/regions.txt"))
        self.generic_org_prefixes = set(lexicon.words("entities/org_prefixes_generic.txt"))
        self.single_kanji_surnames = set(lexicon.words("entities/single_kanji_surnames.txt"))
        self.bare_bodies = {row[0]: row[1] for row in lexicon.table("entities/bare_bodies.tsv")}
        factions = lexicon.table("entities/factions.tsv")
        self.faction_suffixes = {row[0] for row in factions if row[1] == "suffix"}
        self.faction_prefixes = {row[0] for row in factions if row[1] == "prefix"}
        self.seas = set(lexicon.words("entities/seas.txt"))
        self.non_org_abbreviations = set(lexicon.words("entities/non_org_abbreviations.txt"))
        self.org_leading_modifiers = set(lexicon.words("entities/org_leading_modifiers.txt"))
        self.quoted_descriptors = lexicon.mapping("entities/quoted_org_descriptors.tsv")
        self.party_event_modifiers = set(lexicon.words("entities/party_event_modifiers.txt"))
        self.occupations = set(lexicon.words("entities/occupations.txt"))
        self.body_heads = {row[0]: (row[1], int(row[2])) for row in lexicon.table("entities/body_heads.tsv")}

    def title_at_end(self, text: str) -> tuple[str, str] | None:
        """(prefix, title) if ``text`` ends in a title word, e.g. 'トランプ前大統領' -> ('前', '大統領')."""
        for title in self.titles:
            if text.endswith(title):
                rest = text[: -len(title)]
                for pre in self.title_prefixes:
                    if rest.endswith(pre) and len(rest) > len(pre):
                        return pre, title
                return "", title
        return None

    def title_at_start(self, text: str) -> str | None:
        """``text`` itself if it is a title word, with or without a prefix (前首相, 副報道局長)."""
        return text if text in lexicon.prefixed_titles() else None

    def org_suffix(self, text: str) -> tuple[str, str] | None:
        for suffix, kind in self.org_suffixes:
            if text.endswith(suffix):
                return suffix, kind
        return None

    def place_suffix(self, text: str) -> tuple[str, str] | None:
        for suffix, kind in self.place_suffixes:
            if text.endswith(suffix) and len(text) > len(suffix):
                return suffix, kind
        return None

    def descriptor_end(self, text: str) -> tuple[str, str] | None:
        for word, kind in self.descriptors:
            if text.endswith(word):
                return word, kind
        return None


# --- token predicates -------------------------------------------------------------------------

def is_nominal(tok: Token) -> bool:
    tag = tok.tag_
    if tag.startswith("名詞") or tag.startswith("接頭辞") or tag.startswith("接尾辞-名詞的"):
        return not tag.startswith("名詞-普通名詞-副詞可能") or tok.ent_type_ not in ("", "Date")
    if tok.text == NAME_SEP and tok.i > 0:
        return True
    return False


def is_name_like(tok: Token, lex: Lexicon) -> bool:
    """Could this token be (part of) a person's name?"""
    if tok.text in lex.non_person:
        return False
    if tok.text in lex.countries or tok.tag_.endswith("地名-国") or "組織" in tok.tag_ or tok.text in lex.teams:
        return False  # カープ前監督: a club, not a person
    if "人名" in tok.tag_:
        return True
    if KATAKANA.match(tok.text) and tok.text not in lex.generic and tok.text not in lex.non_person:
        return True
    # a proper noun in a person span (茂木 is also a town: tagged 地名; kp_names reads it as a surname before a
    # given name or a title)
    return tok.ent_type_ == "Person" and "固有名詞" in tok.tag_


def mixed_script(name: str) -> bool:
    """Personal names are written in kanji or in katakana, not both (青葉エナジー is a company)."""
    name = name.replace("ノ", "").replace("ヶ", "").replace("ケ", "")  # 霧ノ峰, 霞ヶ関: particles, not script
    return bool(HAS_KATAKANA.search(name) and HAS_KANJI.search(name))


def is_proper(tok: Token, lex: Lexicon) -> bool:
    return (
        "固有名詞" in tok.tag_
        or bool(KATAKANA.match(tok.text))
        or bool(LATIN.match(tok.text))
        or tok.text in lex.countries
    )


def nominal_runs(doc: Doc) -> list[list[Token]]:
    """Maximal runs of adjacent nominal tokens (no space or punctuation between them)."""
    runs: list[list[Token]] = []
    cur: list[Token] = []
    for tok in doc:
        joined = cur and cur[-1].idx + len(cur[-1].text) == tok.idx
        if tok.text == NAME_SEP and not (
            cur and KATAKANA.match(cur[-1].text) and tok.i + 1 < len(doc) and KATAKANA.match(doc[tok.i + 1].text)
        ):
            joined = False
        if is_nominal(tok) and (not cur or joined):
            cur.append(tok)
            continue
        if cur:
            runs.append(cur)
        cur = [tok] if is_nominal(tok) else []
    if cur:
        runs.append(cur)
    # a run never starts or ends with a separator
    out = []
    for run in runs:
        while run and run[0].text == NAME_SEP:
            run = run[1:]
        while run and run[-1].text == NAME_SEP:
            run = run[:-1]
        if run:
            out.append(run)
    return out


def strip_leading_dates(run: list[Token]) -> list[Token]:
    """Drop time words and numbers at the start of a run (11日ロシア政府 -> ロシア政府)."""
    i = 0
    while i < len(run) and (run[i].ent_type_ in ("Date", "Time", "Period_Day") or run[i].like_num
                            or (i and run[i - 1].like_num and "助数詞" in run[i].tag_)):
        i += 1  # 2007 + 年 + ポーランド議会: a number with its counter
    return run[i:]


# --- the component ------------------------------------------------------------------------------

class EntityRules:
    def __init__(self, lex: Lexicon | None = None) -> None:
        self.lex = lex or Lexicon()

    def __call__(self, doc: Doc) -> Doc:
        doc._.kp_mentions = [m.to_dict() for m in self.find(doc)]
        return doc

    _text = ""  # doc.text of the doc being read (Doc.text rebuilds the string on every access)

    # Each finder appends to ``found``; a character already claimed by a mention is not claimed again.
    def find(self, doc: Doc) -> list[Mention]:
        self._text = doc.text
        self._nicknames: set[str] = set()
        found: list[Mention] = []
        claimed = [False] * (len(self._text) + 1)
        runs = nominal_runs(doc)

        def free(start: int, end: int) -> bool:
            return start < end and not any(claimed[start:end])

        def add(m: Mention) -> Mention | None:
            if not free(m.start, m.end):
                return None
            for i in range(m.start, m.end):
                claimed[i] = True
            found.append(m)
            return m

        self._kanji_name_with_reading(doc, add)
        self._people_by_title(doc, runs, add)
        self._bracket_aliases(doc, add, found)
        self._quoted_orgs(doc, runs, add)
        self._long_bodies(doc, add)
        self._organizations(doc, runs, add)
        self._seas(doc, add)
        self._japan_region(doc, add)
        self._place_after_direction(doc, add)
        self._named_spans(doc, add, free)
        self._place_by_suffix(doc, runs, add)
        self._gazetteer(doc, runs, add)
        for m in list(found):
            if m.category == "organization" and m.link is None:
                self._equals_alias(doc, m, add, found)
                self._bracket_org_alias(doc, m, add, found)
        self._repeat_mentions(doc, found, add)
        for tok in doc:  # ブレイズ after 千葉ブレイズ: the club's nickname alone
            if tok.text in self._nicknames:
                add(Mention(tok.idx, tok.idx + len(tok.text), "organization", "other", "team-nickname"))
        found = [m for m in found if not self._modifier_place(doc, m)
                 and self._text[m.start:m.end] not in self.lex.bare and not self._citation(m)
                 and not self._anaphor(m)]
        found = [part for m in found for part in self._split_prefecture(m)]
        for m in found:
            if m.category == "person":
                self._trim_reading(doc, m, claimed)
        found = [m for m in found if not (  # けんいち of 山田健一（やまだ・けんいち）: a reading, no name
            m.category == "person" and HIRAGANA.match(self._text[m.start:m.end].replace(NAME_SEP, ""))
            and m.start > 0 and self._text[m.start - 1] in OPEN_PARENS + NAME_SEP)]
        for m in found:
            if m.category == "person":
                self._title_before_name(doc, m, found)
        for m in found:  # タイムズ + 紙, ニューズウィーク + 誌: a paper's or magazine's name takes its 紙 / 誌
            if m.category == "organization" and self._text[m.end : m.end + 1] in ("紙", "誌") \
                    and not any(claimed[m.end : m.end + 1]):
                span = doc.char_span(m.end, m.end + 1)
                if span is not None and span[0].tag_.startswith("接尾辞"):
                    m.end += 1
                    m.kind = "media"
        for m in found:  # a body of the Japanese state has its kind wherever it was found (消費者庁: government)
            if m.category == "organization" and self._text[m.start:m.end] in self.lex.japan_bodies:
                m.kind = self.lex.japan_bodies[self._text[m.start:m.end]]
        found.sort(key=lambda m: m.start)
        position = {id(m): i for i, m in enumerate(found)}
        for m in found:
            if m.link is not None:
                m.same_as = position[id(m.link)]
        return found

    # 1. people before title words
    def _people_by_title(self, doc: Doc, runs, add) -> None:
        lex = self.lex
        for run in runs:
            start, end = run[0].idx, run[-1].idx + len(run[-1].text)
            text = self._text[start:end]
            hit = lex.title_at_end(text)
            if not hit:
                continue
            pre, title = hit
            name_end = self._title_start(run, start, end - len(title) - len(pre))
            if title[0] in PLACE_UNITS and not pre:  # ワルシャワ + 市長, 大阪 + 府知事: the place is the title's
                place = next((t for t in run if t.idx + len(t.text) == name_end and "地名" in t.tag_), None)
                if place is not None and place.i > run[0].i and doc[place.i - 1].text == NAME_SEP:
                    name_end = place.idx - 1  # レフ・カチンスキ・ワルシャワ市長: the name ends at the ・
            full_title = self._text[name_end:end].lstrip(NAME_SEP)
            # the name: trailing name-like tokens before the title (a title may start inside a token)
            name_start = name_end
            for tok in reversed(run):
                tok_end = tok.idx + len(tok.text)
                if tok.idx >= name_end:
                    continue
                part = self._text[tok.idx:min(tok_end, name_end)]
                if tok_end > name_end:  # a token holding the name's end and the title's start
                    ok = bool(KATAKANA.match(part)) and part not in lex.countries and part not in lex.generic \
                        and part not in lex.non_person
                else:
                    ok = is_name_like(tok, lex) or (
                        # a kanji numeral closing a given name the dictionary split: 山本健二課長 (健 + 二)
                        tok_end == name_end and tok.text in KANJI_NUMERALS and tok.i > 0
                        and "人名" in doc[tok.i - 1].tag_ and doc[tok.i - 1].idx + len(doc[tok.i - 1].text) == tok.idx
                    ) or (
                        # a given name the dictionary reads as a common noun, after a surname: 吉田栄光社長, 林剣報道官
                        tok.i > 0 and doc[tok.i - 1].tag_.endswith("人名-姓")
                        and tok.idx == doc[tok.i - 1].idx + len(doc[tok.i - 1].text)
                        and len(tok.text) <= 2 and bool(HAS_KANJI.search(tok.text)) and not HAS_KATAKANA.search(tok.text)
                        and (tok.ent_type_ == "Person" or tok.idx + len(tok.text) == name_end)
                    ) or (
                        # short kanji tokens in a person span, right before a title: 林剣報道官
                        tok.ent_type_ == "Person" and len(tok.text) <= 2 and name_end - tok.idx <= 4
                        and all(HAS_KANJI.search(ch) for ch in tok.text)
                    ) or self._chinese_name_part(doc, run, tok, name_end)
                if not ok:
                    break
                name_start = tok.idx
            if name_start < name_end:
                name = self._text[name_start:name_end]
                if _is_place_or_org_word(name, lex) or mixed_script(name):
                    continue
                add(Mention(name_start, name_end, "person", "person", "title", [full_title]))
            elif name_start == name_end == start and start > 0:
                self._bracketed_name_before(doc, run[0], full_title, add)
            if name_start == name_end == start:
                self._title_dot_name(doc, run, full_title, add)
            if name_start == name_end:
                self._name_dot_title(doc, run, add)

    def _chinese_name_part(self, doc: Doc, run: list[Token], tok: Token, name_end: int) -> bool:
        """林剣副報道局長 read as 林 (forest) + 剣 (sword): a one-kanji surname from the list at the start of the
        compound, then a one- or two-kanji given name right before the title."""
        lex = self.lex
        surnames = lex.single_kanji_surnames

        def given(t: Token) -> bool:
            return (1 <= len(t.text) <= 2 and all(HAS_KANJI.search(ch) for ch in t.text)
                    and t.text not in lex.generic and t.text not in lex.countries and not lex.title_at_start(t.text))

        first = run[0]
        if first.text in surnames and tok.i > first.i and tok.idx + len(tok.text) <= name_end \
                and first.idx + len(first.text) < name_end <= first.idx + 3:
            between = self._text[first.idx + 1 : name_end]  # 呂 + 月 + 庭容疑者: a given name read as two words
            if all(HAS_KANJI.match(ch) for ch in between) and between not in lex.generic \
                    and not lex.title_at_start(between) and "地名" not in tok.tag_:
                return True
        if tok.text in surnames and tok.i == run[0].i and tok.i + 1 < len(doc):
            nxt = doc[tok.i + 1]
            return (nxt.idx == tok.idx + 1 and nxt.idx + len(nxt.text) == name_end and given(nxt))
        if tok.idx + len(tok.text) != name_end or tok.i == 0 or tok.i == run[0].i or not given(tok):
            return False
        prev = doc[tok.i - 1]
        return prev.i == run[0].i and prev.text in surnames and prev.idx + 1 == tok.idx

    def _title_start(self, run: list[Token], start: int, title_start: int) -> int:
        """Where the title begins, taking in the words it is built from: 会長兼社長 (two titles joined by 兼),
        中東担当特使 / 経済再生担当相 (a field of duty before 担当)."""
        lex = self.lex
        text = self._text
        for _ in range(3):
            rest = text[start:title_start]
            if rest.endswith("兼") and len(rest) > 1:
                hit = lex.title_at_end(rest[:-1])
                if hit:
                    title_start -= 1 + len(hit[0]) + len(hit[1])
                    continue
            break
        if text[title_start:].startswith("担当") or text[start:title_start].endswith("担当"):
            for tok in reversed(run):
                if tok.idx >= title_start:
                    continue
                if tok.idx + len(tok.text) != title_start:
                    break
                field = not is_name_like(tok, lex) or tok.text in lex.cities or (
                    "地名" in tok.tag_ and tok.ent_type_ != "Person")
                if not field or tok.like_num:
                    break
                title_start = tok.idx
        return title_start

    def _name_dot_title(self, doc: Doc, run: list[Token], add) -> None:
        """山口一郎・官房副長官, 大谷翔平・投手: wire copy puts a middle dot between the name and the title."""
        lex = self.lex
        first = run[0]
        title = self._text[first.idx : run[-1].idx + len(run[-1].text)]
        if first.i < 2 or doc[first.i - 1].text != NAME_SEP or doc[first.i - 1].idx + 1 != first.idx:
            return
        if not lex.title_at_start(title):
            return
        k = first.i - 2
        toks: list[Token] = []
        while k >= 0 and is_name_like(doc[k], lex) and not lex.title_at_start(doc[k].text) and len(toks) < 4:
            if toks and doc[k].idx + len(doc[k].text) != toks[0].idx:
                break
            toks.insert(0, doc[k])
            k -= 1
        if not toks or doc[first.i - 1].idx != toks[-1].idx + len(toks[-1].text):
            return
        if not any("人名" in t.tag_ for t in toks) and not all(KATAKANA.match(t.text) for t in toks):
            return
        if k >= 0 and doc[k].text == NAME_SEP and doc[k].idx + 1 == toks[0].idx:
            return  # the name is itself after a dot (大関・霧ノ峰): not this form
        name = self._text[toks[0].idx : toks[-1].idx + len(toks[-1].text)]
        if _is_place_or_org_word(name, lex) or mixed_script(name):
            return
        add(Mention(toks[0].idx, toks[-1].idx + len(toks[-1].text), "person", "person", "name-dot", [title]))

    def _repeat_mentions(self, doc: Doc, found: list, add) -> None:
        """A name the rules found once (霧ノ峰 after 大関・霧ノ峰) is found again where it stands alone."""
        text = self._text
        for m in list(found):
            if m.category not in ("person", "organization") or m.rule == "generic" or m.end - m.start < 2:
                continue
            name = text[m.start : m.end]
            at = text.find(name)
            while at >= 0:
                if at != m.start and doc.char_span(at, at + len(name)) is not None:
                    add(Mention(at, at + len(name), m.category, m.kind, "repeat"))
                at = text.find(name, at + 1)

    def _title_dot_name(self, doc: Doc, run: list[Token], title: str, add) -> None:
        """横綱・北天山, 元関脇・若ノ海: a rank or title, a middle dot, then the name."""
        last = run[-1]
        i = last.i + 1
        if i + 1 >= len(doc) or doc[i].text != NAME_SEP or doc[i].idx != last.idx + len(last.text):
            return
        j = i + 1
        while j < len(doc) and (is_nominal(doc[j]) or doc[j].text == "ノ") and not self.lex.title_at_start(doc[j].text) \
                and j - i <= 4:
            j += 1
        if j == i + 1:
            return
        name = doc[i + 1 : j]
        if name.text in self.lex.countries or name.text in self.lex.generic or mixed_script(name.text):
            return
        add(Mention(name.start_char, name.end_char, "person", "person", "title-dot", [title]))

    def _bracketed_name_before(self, doc: Doc, first: Token, title: str, add) -> None:
        """キム・ジョンウン(金正恩)総書記: a reading, the original in brackets, then the title."""
        i = first.i
        if i < 3 or doc[i - 1].text not in CLOSE_PARENS:
            return
        j = i - 2
        while j >= 0 and doc[j].text not in OPEN_PARENS and i - j < 8:
            j -= 1
        if j <= 0 or doc[j].text not in OPEN_PARENS:
            return
        inner = doc[j + 1 : i - 1]
        outer_end = doc[j - 1]
        k = j - 1
        while k >= 0 and is_name_like(doc[k], self.lex) and outer_end.idx + len(outer_end.text) == doc[j].idx:
            k -= 1
        outer = doc[k + 1 : j]
        if not len(outer) or not len(inner) or not all(is_name_like(t, self.lex) or "名詞" in t.tag_ for t in inner):
            return
        if HIRAGANA.match(inner.text.replace(NAME_SEP, "")):
            return  # a reading in hiragana: the name before it is found with its title elsewhere
        a = add(Mention(outer.start_char, outer.end_char, "person", "person", "title+brackets", [title]))
        b = add(Mention(inner.start_char, inner.end_char, "person", "person", "brackets", [title], prefer_name=True))
        if a is not None and b is not None:
            b.link = a

    def _kanji_name_with_reading(self, doc: Doc, add) -> None:
        """李在勲（イ・ジェフン）報道官, 崔容植（チェ・ヨンシク）元国会議長: a name in kanji (from a surname on, 2 to 4
        characters, whatever the dictionary makes of the given name) with its katakana reading in brackets after
        it is one person, named by the kanji form; a title right after the brackets is recorded on both forms."""
        lex = self.lex
        kanji_only = re.compile(r"^[\u4E00-\u9FFF\u3005]+$")
        for tok in doc:
            if tok.text not in OPEN_PARENS or tok.i == 0:
                continue
            close = next((t for t in doc[tok.i + 1 : tok.i + 6] if t.text in CLOSE_PARENS), None)
            if close is None or close.i == tok.i + 1:
                continue
            inner = doc[tok.i + 1 : close.i]
            reading = inner.text
            if not KATAKANA.match(reading) or len(reading.replace(NAME_SEP, "")) < 2 or reading in lex.generic \
                    or reading in lex.non_person or reading in lex.countries:
                continue
            k = tok.i
            while k > 0 and doc[k - 1].idx + len(doc[k - 1].text) == doc[k].idx and kanji_only.match(doc[k - 1].text) \
                    and tok.idx - doc[k - 1].idx <= 4:
                k -= 1
            first = next((j for j in range(k, tok.i) if 2 <= tok.idx - doc[j].idx <= 4
                          and (doc[j].tag_.endswith("人名-姓") or doc[j].text[0] in lex.single_kanji_surnames)), None)
            if first is None:
                continue
            name_toks = doc[first : tok.i]
            name = name_toks.text
            if any("地名" in t.tag_ or "組織" in t.tag_ for t in name_toks) or name in lex.countries \
                    or name in lex.cities or lex.org_suffix(name) or lex.place_suffix(name) or lex.title_at_end(name):
                continue
            # a title right after the brackets (報道官, 元国会議長, 氏)
            titles: list[str] = []
            j = close.i + 1
            if j < len(doc) and doc[j].idx == close.idx + len(close.text) and is_nominal(doc[j]):
                e = j
                while e + 1 < len(doc) and is_nominal(doc[e + 1]) and doc[e + 1].idx == doc[e].idx + len(doc[e].text):
                    e += 1
                title_text = self._text[doc[j].idx : doc[e].idx + len(doc[e].text)]
                if lex.title_at_end(title_text) and not any("固有名詞" in t.tag_ for t in doc[j : e + 1]):
                    titles = [title_text]
            if not titles and not any("人名" in t.tag_ or t.ent_type_ == "Person" for t in name_toks):
                continue
            a = add(Mention(name_toks.start_char, name_toks.end_char, "person", "person", "kanji+reading",
                            list(titles), prefer_name=True))
            b = add(Mention(inner.start_char, inner.end_char, "person", "person", "brackets", list(titles)))
            if a is not None and b is not None:
                b.link = a

    def _trim_reading(self, doc: Doc, m: Mention, claimed: list) -> None:
        """佐藤健一（けんいち）さん: a reading in hiragana in brackets is no part of the name; a surname right
        before a given name read alone (佐藤 + 健一（けんいち）) is."""
        hit = re.search(r"[（(][\u3041-\u309F・ー]+[）)]$", self._text[m.start : m.end])
        if not hit or hit.start() == 0:
            return
        m.end = m.start + hit.start()
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None and span.start > 0:
            prev = doc[span.start - 1]
            if prev.tag_.endswith("人名-姓") and prev.idx + len(prev.text) == m.start \
                    and not any(claimed[prev.idx : m.start]):
                m.start = prev.idx

    def _title_before_name(self, doc: Doc, m: Mention, found: list) -> None:
        """委員長の佐々木誠氏, 作家の北原信吾さん, 弁護士ジョン・ベネット氏: a title word (titles.txt) or an
        occupation (occupations.txt), with の or glued, right before a person's name is that person's title. The
        words before の must be the title alone (with a field or prefix: 外交委員長の), not a name and its title
        (プーチン大統領のペスコフ報道官: 大統領 is Putin's)."""
        lex = self.lex
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or span.start == 0:
            return
        prev = doc[span.start - 1]
        if prev.idx + len(prev.text) != m.start:
            return
        glued = prev.text != "の"
        end_i = prev.i if glued else prev.i - 1
        if end_i < 0 or (not glued and doc[end_i].idx + len(doc[end_i].text) != prev.idx) or not is_nominal(doc[end_i]):
            return
        j = end_i
        while j > 0 and is_nominal(doc[j - 1]) and doc[j - 1].idx + len(doc[j - 1].text) == doc[j].idx:
            j -= 1
        s, e = doc[j].idx, doc[end_i].idx + len(doc[end_i].text)
        text = self._text[s:e]
        if any(f is not m and f.category == "person" and f.start < e and s < f.end for f in found):
            return
        title = None
        for pre in ("",) + tuple(lex.title_prefixes):
            rest = text[len(pre):] if text.startswith(pre) else None
            if rest and (rest in lex.occupations or lex.title_at_start(rest) == rest):
                title = text
                break
        if title is None and not glued:
            hit = lex.title_at_end(text)
            occupation = max((o for o in lex.occupations if text.endswith(o)), key=len, default=None)
            if hit and not any("固有名詞" in t.tag_ for t in doc[j : end_i + 1]):
                title = text  # the whole title: 外交委員長, アートディレクター
            elif hit:
                title = hit[0] + hit[1]
            elif occupation:
                title = occupation
        if title and title not in m.titles:
            m.titles.insert(0, title)

    def _quoted_orgs(self, doc: Doc, runs, add) -> None:
        """最大野党「共に民主党」, 政党「日本保守党」, 市民団体「みどりの会」, 保守系の「国民の力」: a name in corner
        brackets right after a descriptor (org_descriptors.tsv), or after a word of leaning and の
        (quoted_org_descriptors.tsv), is that organization, named by what is inside the brackets."""
        lex = self.lex
        for tok in doc:
            if tok.text not in ("「", "『") or tok.i < 1:
                continue
            close = next((t for t in doc[tok.i + 1 : tok.i + 12] if t.text in ("」", "』")), None)
            if close is None or close.i == tok.i + 1:
                continue
            inner = doc[tok.i + 1 : close.i]
            name = inner.text
            if not 2 <= len(name) <= 20 or name in lex.generic or name in lex.countries:
                continue
            if any(not (is_nominal(t) or t.text in ("の", "に", "ノ", NAME_SEP)) for t in inner):
                continue  # a quotation (野党「審議拒否も」), not a name
            if close.i + 1 < len(doc) and doc[close.i + 1].text == "と":
                continue  # 野党「説明不足」と批判: a quotation in a headline
            prev = doc[tok.i - 1]
            if prev.idx + len(prev.text) != tok.idx:
                continue
            kind = None
            if prev.text == "の" and tok.i >= 2:
                end_i = tok.i - 2
                j = end_i
                while j > 0 and is_nominal(doc[j - 1]) and doc[j - 1].idx + len(doc[j - 1].text) == doc[j].idx:
                    j -= 1
                before = self._text[doc[j].idx : doc[end_i].idx + len(doc[end_i].text)]
                kind = next((k for w, k in lex.quoted_descriptors.items() if before.endswith(w)), None)
            elif is_nominal(prev):
                j = prev.i
                while j > 0 and is_nominal(doc[j - 1]) and doc[j - 1].idx + len(doc[j - 1].text) == doc[j].idx:
                    j -= 1
                before = self._text[doc[j].idx : prev.idx + len(prev.text)]
                hit = lex.descriptor_end(before) or next(
                    ((w, k) for w, k in lex.quoted_descriptors.items() if before.endswith(w)), None)
                if hit and (len(hit[0]) >= 2 or before == hit[0]):
                    kind = hit[1]
            if kind is None:
                continue
            suffix = lex.org_suffix(name)
            if suffix and kind == "other":
                kind = suffix[1]
            add(Mention(inner.start_char, inner.end_char, "organization", kind, "quoted"))

    def _long_bodies(self, doc: Doc, add) -> None:
        """電力広域的運営推進機関, 衆院予算委員会, 全日本教職員組合, 国民生活センター: a long compound of common nouns
        ending in a body head (body_heads.tsv: 機関, 委員会, 組合, センター, 研究所, 機構...) is a body, unless it
        ends in a kind of body (金融機関, 医療機関, 労働組合: generic_orgs.txt)."""
        lex = self.lex
        for tok in doc:
            if tok.text not in lex.body_heads or tok.i < 2:
                continue
            kind, least = lex.body_heads[tok.text]
            generic_tails = [g for g in lex.generic if g.endswith(tok.text) and len(g) > len(tok.text)]
            k = tok.i
            while k > 0 and doc[k - 1].idx + len(doc[k - 1].text) == doc[k].idx \
                    and (is_nominal(doc[k - 1]) or doc[k - 1].text == "的") and not doc[k - 1].like_num \
                    and doc[k - 1].ent_type_ not in ("Date", "Time") and doc[k - 1].text != NAME_SEP:
                k -= 1
            while k < tok.i and (doc[k].text == "的" or doc[k].tag_.startswith("接尾辞")):
                k += 1
            toks = doc[k : tok.i + 1]
            text = self._text[toks.start_char : toks.end_char]
            after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            if after is not None and after.idx == toks.end_char and (after.text in lex.body_heads or lex.org_suffix(
                    after.text)):
                continue  # ジェット推進委員会 + 研究所: the longer name is the body
            if len(toks) < 3 or len(text) - len(tok.text) < least or text in lex.generic or text in lex.known_orgs:
                continue  # 北大西洋条約機構: the well-known body, with its own kind
            if text.startswith("国立"):
                kind = "agency"  # 国立保健医療研究所: a national institute
            elif text.startswith("国連") or text.startswith("国際連合"):
                kind = "international"
            if any(text.endswith(g) for g in generic_tails):
                continue
            add(Mention(toks.start_char, toks.end_char, "organization", kind, "long-body"))

    def _company_with_tail(self, run: list[Token], add) -> None:
        """東京電力パワーグリッド, 東京電力エナジーパートナー: a company's name (ending in a company word) with a
        katakana name after it, as a proper noun, is another company (a subsidiary), not a person."""
        lex = self.lex
        start, end = run[0].idx, run[-1].idx + len(run[-1].text)
        text = self._text[start:end]
        for p in range(2, len(text) - 2):
            head, tail = text[:p], text[p:]
            suffix = lex.org_suffix(head)
            if not suffix or suffix[1] != "company" or len(head) <= len(suffix[0]) or not KATAKANA.match(tail):
                continue
            if len(tail) < 3 or tail in lex.generic or tail in lex.non_person:
                continue
            if lex.title_at_start(tail) or tail in lex.occupations:
                continue
            name_end = start + p - len(suffix[0])  # the tokens of the name and of the tail are proper nouns
            if not all("固有名詞" in t.tag_ for t in run if t.idx + len(t.text) > start + p or t.idx < name_end):
                continue
            if head[: -len(suffix[0])] in lex.generic_org_prefixes:
                continue
            add(Mention(start, end, "organization", "company", "company-tail"))
            return

    # 2. organizations by their shape
    def _organizations(self, doc: Doc, runs, add) -> None:
        for idx, run in enumerate(runs):
            run = self._strip_leading_modifier(strip_leading_dates(run))
            if not run:
                continue
            self._faction(run, add)
            self._bare_body(run, add)
            self._country_prefixed(doc, run, add)
            self._national_team(run, add)
            self._known_org(doc, run, add)
            self._bracketed_token(run, add)
            self._team(run, add)
            self._company_with_tail(run, add)
            self._org_in_run(doc, run, add)
            self._located_company(doc, run, add)
            self._apposition(doc, run, runs[idx + 1] if idx + 1 < len(runs) else None, add)
            self._state_media(doc, run, add)

    def _strip_leading_modifier(self, run: list[Token]) -> list[Token]:
        """国営新華社通信 -> 新華社通信, 中国国営中央テレビ -> 中央テレビ: a word describing the body (国営) is no part
        of its name; a country before it is left to the place rules."""
        for k, tok in enumerate(run[:-1]):
            if tok.text in self.lex.org_leading_modifiers:
                rest = self._text[run[k + 1].idx : run[-1].idx + len(run[-1].text)]
                if rest not in self.lex.generic and all(
                        t.text in self.lex.countries or "地名" in t.tag_ for t in run[:k]):
                    return run[k + 1 :]
                break
        return run

    def _faction(self, run: list[Token], add) -> None:
        """岸田派, 茂木派, 旧安藤派 (自民党旧安藤派): a surname (in kanji) then 派 names a party faction, an
        organization; 派 after a common noun (改革派, 強硬派) names a stance and is left alone."""
        lex = self.lex
        for j, tok in enumerate(run):
            if j == 0 or tok.text not in lex.faction_suffixes:
                continue
            k = j
            while k > 0 and j - k < 2:
                t = run[k - 1]
                if not (("人名" in t.tag_ or (t.ent_type_ == "Person" and "固有名詞" in t.tag_))
                        and HAS_KANJI.search(t.text) and not HAS_KATAKANA.search(t.text)
                        and t.text not in lex.countries and t.text not in lex.generic):
                    break
                k -= 1
            if k == j:
                continue
            if k > 0 and run[k - 1].text in lex.faction_prefixes:
                k -= 1
            add(Mention(run[k].idx, tok.idx + len(tok.text), "organization", "party", "faction"))

    def _bare_body(self, run: list[Token], add) -> None:
        """警察によりますと, 警察や消防によりますと: a body word standing alone (not 警察官, 消防隊員) names the
        local body, an organization."""
        start, end = run[0].idx, run[-1].idx + len(run[-1].text)
        kind = self.lex.bare_bodies.get(self._text[start:end])
        if kind:
            add(Mention(start, end, "organization", kind, "bare-body"))

    def _seas(self, doc: Doc, add) -> None:
        """南シナ海, 太平洋, 台湾海峡: seas and straits from a gazetteer, over as many tokens as the dictionary
        splits them into (南 + シナ + 海)."""
        seas = self.lex.seas
        if not seas:
            return
        longest = max(len(s) for s in seas)
        for tok in doc:
            for j in range(min(len(doc), tok.i + 4), tok.i, -1):
                span = doc[tok.i : j]
                if span.end_char - span.start_char > longest:
                    continue
                if self._text[span.start_char : span.end_char] in seas:
                    if j < len(doc) and doc[j].idx == span.end_char and is_proper(doc[j], self.lex):
                        break  # 太平洋セメント: the sea begins a longer name
                    add(Mention(span.start_char, span.end_char, "place", "other", "sea"))
                    break

    def _abbreviation_follows(self, doc: Doc, tok: Token) -> bool:
        """航空宇宙局（NASA）: a Latin abbreviation in brackets right after the compound."""
        i = tok.i + 1
        if i + 2 >= len(doc) or doc[i].text not in OPEN_PARENS or doc[i].idx != tok.idx + len(tok.text):
            return False
        inner, close = doc[i + 1], doc[i + 2]
        return (close.text in CLOSE_PARENS and bool(LATIN.match(inner.text)) and len(inner.text) >= 2
                and inner.text.upper() == inner.text and inner.text not in self.lex.non_org_abbreviations)

    def _inside_prefixed_title(self, run: list[Token], end: int) -> bool:
        """林剣副報道局長: the organization word (報道局) is part of a title with a prefix (副) at the end of the
        run, so the words before it are no organization's name."""
        run_end = run[-1].idx + len(run[-1].text)
        hit = self.lex.title_at_end(self._text[run[0].idx : run_end])
        if not hit or not hit[0]:
            return False
        return end > run_end - len(hit[1]) - len(hit[0])

    def _country_prefixed(self, doc: Doc, run: list[Token], add) -> None:
        """米グーグル, 米オープンAI, 英紙ガーディアン, 米誌タイム, 韓国紙ハンギョレ: a country abbreviation (or a
        country with a media word) before a foreign company's or medium's name. The organization is the name
        without the prefix; the prefix names the country."""
        lex = self.lex
        for n in (1, 2):
            if len(run) <= n:
                return
            head_start, head_end = run[0].idx, run[n - 1].idx + len(run[n - 1].text)
            head = self._text[head_start:head_end]
            hit = self._country_head(head)
            if hit is None:
                continue
            country_len, kind = hit
            name_toks = run[n:]
            for k in range(1, len(name_toks)):  # 米プロバスケットボールNBA: the league, not the sport word before it
                if self._text[name_toks[k].idx : name_toks[-1].idx + len(name_toks[-1].text)] in lex.known_orgs:
                    name_toks = name_toks[k:]
                    break
            s, e = name_toks[0].idx, name_toks[-1].idx + len(name_toks[-1].text)
            name = self._text[s:e]
            suffix = lex.org_suffix(name)
            if suffix and suffix[1] in ("government", "agency", "military", "party"):
                return  # 米国務省, 米エネルギー省: the prefix is part of a state body's name
            if not (all(is_proper(t, lex) or t.text == NAME_SEP for t in name_toks)
                    or (suffix and is_proper(name_toks[0], lex))):
                return
            if all("地名" in t.tag_ or t.text in lex.countries or t.text in lex.cities or t.text == NAME_SEP
                   for t in name_toks):
                return  # 米ニューヨーク: a place (米紙ワシントン・ポスト is a newspaper)
            if len(name) < 2 or name in lex.generic or name in lex.non_person or name in lex.not_bodies \
                    or lex.place_suffix(name) or lex.title_at_start(name) or all(t.like_num for t in name_toks):
                return
            if kind is None:
                kind = lex.known_orgs.get(name) or (suffix[1] if suffix else "company")
            if add(Mention(s, e, "organization", kind, "country-prefix")) is not None:
                add(Mention(head_start, head_start + country_len, "place", "country", "country-prefix"))
            return

    def _country_head(self, head: str) -> tuple[int, str | None] | None:
        """(length of the country part, kind) for 米 / 米紙 / 英誌 / 韓国紙; kind None for a bare abbreviation."""
        lex = self.lex
        for country in sorted(list(lex.country_prefixes) + list(lex.countries), key=len, reverse=True):
            if not head.startswith(country):
                continue
            rest = head[len(country):]
            if not rest:
                return (len(country), None) if country in lex.country_prefixes else None
            hit = lex.descriptor_end(rest)
            if hit and hit[0] == rest and hit[1] == "media":
                return len(country), "media"
            return None
        return None

    def _national_team(self, run: list[Token], add) -> None:
        """日本代表, サッカー韓国代表: a country's national team is one organization, not the country."""
        lex = self.lex
        for k in range(len(run) - 1):
            if run[k].text in lex.countries and run[k + 1].text == "代表" and k + 1 == len(run) - 1:
                add(Mention(run[k].idx, run[k + 1].idx + len(run[k + 1].text), "organization", "other", "national-team"))
                return

    def _located_company(self, doc: Doc, run: list[Token], add) -> None:
        """ひだまりケア（東京都品川区）, 「東和精工」（名古屋市）: a name with its seat in brackets is a company
        (or the body its last word names); the place in brackets stays a place."""
        lex = self.lex
        last = run[-1]
        end = last.idx + len(last.text)
        i = last.i + 1
        quoted = False
        if i < len(doc) and doc[i].text in ("」", "』") and doc[i].idx == end and run[0].i > 0 \
                and doc[run[0].i - 1].text in ("「", "『"):
            quoted = True
            i += 1
        if i + 2 >= len(doc) or doc[i].text not in OPEN_PARENS:
            return
        close = next((t for t in doc[i + 1 : i + 6] if t.text in CLOSE_PARENS), None)
        if close is None or close.i == i + 1:
            return
        inner = doc[i + 1 : close.i]
        inner_text = inner.text
        if not all("地名" in t.tag_ or t.text in lex.cities or t.text in lex.countries
                   or lex.place_suffix(t.text) or t.text in MUNICIPAL_UNITS for t in inner):
            return
        start = run[0].idx
        name = self._text[start:end]
        if len(name) < 2 or name in lex.generic or name in lex.non_person or any(t.text in lex.generic for t in run):
            return
        if any(t.like_num for t in run) or "地名" in last.tag_ or lex.place_suffix(name) or name in lex.countries \
                or lex.title_at_end(name) or inner_text == name:
            return
        if all("人名" in t.tag_ for t in run) and not quoted:
            return  # a person with a home town
        suffix = lex.org_suffix(name)
        kind = suffix[1] if suffix else "company"
        add(Mention(start, end, "organization", kind, "located"))

    def _team(self, run: list[Token], add) -> None:
        """ヴィッセル神戸: a katakana nickname then the home town names a sports club, not the town; so does the
        town then a nickname in the plural (千葉ブレイズ, 大阪サンダース, 横浜マリナーズ)."""
        if len(run) != 2:
            return
        lex = self.lex
        town, nick = run
        if (KATAKANA.match(nick.text) and len(nick.text) >= 4 and nick.text[-1] in "スズツ"
                and nick.text not in lex.generic and nick.text not in lex.non_person and "地名" not in nick.tag_
                and nick.text not in lex.countries and nick.text not in lex.cities
                and ("地名" in town.tag_ and not town.tag_.endswith("国") or town.text in lex.cities)
                and town.text not in lex.countries):
            if add(Mention(town.idx, nick.idx + len(nick.text), "organization", "other", "team")) is not None:
                self._nicknames.add(nick.text)
            return
        nick, town = run
        if not (KATAKANA.match(nick.text) and "固有名詞" in nick.tag_ and "地名" not in nick.tag_ and "人名" not in nick.tag_
                and nick.text not in lex.generic and nick.text not in lex.countries and nick.text not in lex.cities):
            return
        if not ("地名" in town.tag_ and not town.tag_.endswith("国") or town.text in lex.cities):
            return
        add(Mention(nick.idx, town.idx + len(town.text), "organization", "other", "team"))

    def _bracketed_token(self, run: list[Token], add) -> None:
        """日本貿易振興機構（ジェトロ）read as one word: the name and, linked to it, the form in brackets."""
        for tok in run:
            hit = BRACKETED.match(tok.text)
            if not hit or not self.lex.org_suffix(hit.group(1)):
                continue
            kind = self.lex.org_suffix(hit.group(1))[1]
            full = add(Mention(tok.idx, tok.idx + hit.end(1), "organization", kind, "suffix"))
            short = add(Mention(tok.idx + hit.start(2), tok.idx + hit.end(2), "organization", kind, "bracket-alias"))
            if full is not None and short is not None:
                short.link = full

    def _known_org(self, doc: Doc, run: list[Token], add) -> None:
        """Names with no organization word in them (NHK, ロイター, G7, 日銀), from a short gazetteer of
        well-known bodies; a name may span several tokens (内閣/官房)."""
        lex = self.lex
        run_end = run[-1].idx + len(run[-1].text)
        k = 0
        while k < len(run):
            tok = run[k]
            for j in range(len(run) - 1, k - 1, -1):
                end = run[j].idx + len(run[j].text)
                if end - tok.idx > lex.known_longest:
                    continue
                name = self._text[tok.idx:end]
                kind = lex.known_orgs.get(name)
                if kind and name in lex.japan_bodies and k > 0:
                    continue  # 中国外務省: a foreign body, found by its suffix
                if kind and k > 0 and self._text[run[0].idx : tok.idx] in lex.title_prefixes \
                        and lex.title_at_start(self._text[run[0].idx : run_end]):
                    continue  # 前 + 衆院議員: a title
                nxt = doc[run[j].i + 1] if run[j].i + 1 < len(doc) else None
                if kind and nxt is not None and nxt.text == NAME_SEP and nxt.idx == end and nxt.i + 1 < len(doc) \
                        and KATAKANA.match(doc[nxt.i + 1].text) and doc[nxt.i + 1].text not in lex.known_orgs:
                    continue  # ソニー・コンピュータエンターテインメント: the name goes on (kp_names takes it whole)
                if kind and k > 0 and lex.org_suffix(name) and is_proper(run[k - 1], lex) \
                        and lex.org_suffix(self._text[run[0].idx:end]) == lex.org_suffix(name):
                    continue  # 北陸 + 中日新聞: a longer name with the same organization word, found by its suffix
                if kind and name in lex.teams and k > 0 and "地名" in run[k - 1].tag_ \
                        and run[k - 1].idx + len(run[k - 1].text) == tok.idx:
                    add(Mention(run[k - 1].idx, end, "organization", kind, "known"))  # 広島 + カープ
                    k = j
                    break
                if kind and (j == len(run) - 1 or not lex.org_suffix(self._text[tok.idx:run_end])):
                    foreign = tok.i >= 2 and doc[tok.i - 2].text not in ("日本", "わが国", "我が国")
                    if name not in lex.japan_bodies or not foreign or not self._place_body(doc, run, end, kind, add):
                        add(Mention(tok.idx, end, "organization", kind, "known"))
                    k = j
                    break
            k += 1

    def _org_in_run(self, doc: Doc, run: list[Token], add) -> None:
        """The longest prefix of the run that ends in an organization word (韓国政府関係者 -> 韓国政府)."""
        lex = self.lex
        start = run[0].idx
        for tok in reversed(run):
            end = tok.idx + len(tok.text)
            text = self._text[start:end]
            hit = lex.org_suffix(text)
            if not hit:
                continue
            suffix, kind = hit
            prefix = text[: -len(suffix)]
            if self._inside_prefixed_title(run, end):
                continue
            trimmed = self._from_country(run, end, suffix)
            if trimmed is not None:  # 解散 + ドイツ憲法裁判所, 見直し + 米政府: the body's name starts at its country
                add(Mention(trimmed, end, "organization", kind, "suffix"))
                return
            if self._person_before_body(run, start, end, suffix):
                return  # マフムード・アッバース + 自治政府議長: the person and the body they head
            if text in lex.generic:
                if kind in ("government", "agency", "military") and self._place_body(doc, run, end, kind, add):
                    return
                if tok is run[-1]:
                    add(Mention(start, end, "organization", kind, "generic"))
                    return
                continue
            if not prefix:  # the suffix word is itself a name: 警視庁, 自民党, 最高裁判所
                if kind in ("government", "agency", "party", "military"):
                    add(Mention(start, end, "organization", kind, "suffix"))
                    return
                continue
            if self._text[end - len(suffix) - 2 : end] in lex.generic and lex.org_suffix(text[: -len(suffix) - 2]):
                continue  # 東北大学研究グループ: the university is the body, the group a part of it
            if prefix in lex.generic_org_prefixes or prefix.rstrip("の") in lex.generic_org_prefixes:
                continue  # 外資系証券, 大手銀行: a kind of company, not a name
            toks = [t for t in run if t.idx < end]
            # the tokens that carry the name, not the organization word (詐欺/グループ: katakana is no name)
            name_toks = [t for t in toks if t.idx < start + len(prefix)]
            if lex.place_suffix(text) and ("地名" in tok.tag_ and not tok.tag_.endswith("国")
                                           or len(toks) > 1 and "地名" in toks[-2].tag_ and not toks[-2].tag_.endswith("国")):
                continue  # 広東省, 大阪府: a place, not a body
            if kind == "media":
                ok = prefix not in lex.generic_media_prefixes and not all(t.like_num for t in toks)
            elif suffix == "党":
                ok = len(prefix) >= 2 and not any(t.like_num for t in toks) and not (
                    "固有名詞" not in tok.tag_
                    and any(len(g) >= 2 and g.endswith("党") and tok.text.endswith(g) for g in lex.generic))
                if tok.text == "党" and tok is not run[-1] and len(toks) >= 2 \
                        and toks[-2].text in lex.party_event_modifiers:
                    ok = False  # 臨時党大会: a meeting of the party, not a party called 臨時党
            else:
                ok = (
                    any(is_proper(t, lex) for t in name_toks)
                    # a company named in hiragana: みずなみ証券, あおぞら銀行
                    or (kind == "company" and suffix in HIRAGANA_COMPANY_WORDS and len(prefix) >= 2
                        and bool(HIRAGANA.match(prefix)))
                    or _overlaps_org_or_place(doc, start, end, lex)
                    # a ministry or agency the dictionary knows as one word: 財務省, 消費者庁; or as a field and
                    # 省 / 庁: 国務 + 省 (not 同省, 各省, 中央省庁)
                    or (len(toks) == 1 and suffix in ("省", "庁") and len(text) > 2)
                    or (suffix in ("省", "庁") and 3 <= len(text) <= 6 and len(toks) <= 3
                        and not any(t.like_num for t in toks) and not text.endswith("省庁")
                        and not text.startswith(MINISTRY_DETERMINERS))
                    # a name with its abbreviation in brackets: 航空宇宙局（NASA）
                    or (tok is run[-1] and self._abbreviation_follows(doc, tok))
                )
            if ok:
                if kind == "other" and text.startswith("国立"):
                    kind = "agency"  # 国立保健医療研究所: a national institute
                if text.startswith("国連") or text.startswith("国際連合"):
                    kind = "international"  # 国連人道問題調整事務所: a body of the United Nations
                add(Mention(start, end, "organization", kind, "suffix"))
                return

    def _from_country(self, run: list[Token], end: int, suffix: str) -> int | None:
        """Where a body's name starts when common nouns of the sentence are glued before its country
        (解散ドイツ憲法裁判所 -> ドイツ憲法裁判所, 年ポーランド議会 -> ポーランド議会): the last country (or country
        prefix: 米) before the organization word, with only common nouns before it."""
        lex = self.lex
        toks = [t for t in run if t.idx + len(t.text) <= end - len(suffix)]
        for k in range(len(toks) - 1, 0, -1):
            t = toks[k]
            if t.text in lex.countries or t.text in lex.country_prefixes or t.tag_.endswith("地名-国"):
                b = toks[k - 1]  # the word right before the country: a common noun of the sentence
                if any(c.isdigit() for c in self._text[t.idx:end]):
                    return None  # ドイツ2大政党: a count of bodies, no name
                if not is_proper(b, lex) and not b.tag_.startswith("接頭辞") and "地名" not in b.tag_ \
                        and b.text not in lex.org_leading_modifiers and not lex.org_suffix(b.text) \
                        and not lex.place_suffix(b.text) and not b.like_num and len(b.text) >= 2:
                    return t.idx
                return None
        return None

    def _person_before_body(self, run: list[Token], start: int, end: int, suffix: str) -> bool:
        """A full name (tagged as name parts: given name and surname, or katakana names across ・) at the start of
        the run, then a body word: the person heads the body (アッバース自治政府議長), no body is named by them."""
        parts = []
        for t in run:
            if t.idx + len(t.text) > end - len(suffix):
                break
            if "人名" in t.tag_ or t.text == NAME_SEP:
                parts.append(t)
            else:
                break
        if not parts or parts[0].idx != start:
            return False
        names = [t for t in parts if t.text != NAME_SEP]
        full = any(t.text == NAME_SEP for t in parts) or (
            any(t.tag_.endswith("人名-姓") for t in names) and any(t.tag_.endswith("人名-名") for t in names))
        rest = self._text[parts[-1].idx + len(parts[-1].text) : end]
        after = self._text[end : run[-1].idx + len(run[-1].text)]
        titled = bool(after) and self.lex.title_at_end(after) is not None  # …自治政府 + 議長
        return full and titled and len(names) >= 2 and (rest in self.lex.generic or lex_org_word(rest, self.lex))

    def _place_body(self, doc: Doc, run: list[Token], end: int, kind: str, add) -> bool:
        """<place>の<body word>: 韓国の中央銀行, 中国の外務省 -> one organization (a body word, or the name
        of a Japanese state body used for another country's)."""
        first = run[0]
        if first.i < 2 or doc[first.i - 1].text != "の":
            return False
        place = doc[first.i - 2]
        if not (place.text in self.lex.countries or "地名" in place.tag_):
            return False
        if self._text[first.idx:end] in self.lex.not_bodies:
            return False
        return add(Mention(place.idx, end, "organization", kind, "place-body")) is not None

    def _apposition(self, doc: Doc, run: list[Token], next_run, add) -> None:
        """民間軍事会社ワグネル / 通信社、連合ニュース: a descriptor then the organization's name."""
        lex = self.lex
        for k, tok in enumerate(run[:-1]):
            text = self._text[run[0].idx : tok.idx + len(tok.text)]
            hit = lex.descriptor_end(text)
            if hit and all(is_proper(t, lex) for t in run[k + 1 :]) \
                    and self._text[run[k + 1].idx : run[-1].idx + len(run[-1].text)] not in lex.generic:
                name = run[k + 1 :]
                add(Mention(name[0].idx, name[-1].idx + len(name[-1].text), "organization", hit[1], "apposition"))
                return
        last = run[-1]
        end = last.idx + len(last.text)
        hit = lex.descriptor_end(self._text[run[0].idx : end])
        if hit and next_run and last.i + 1 < len(doc) and doc[last.i + 1].text in ("、", "，") \
                and next_run[0].i == last.i + 2 and any(is_proper(t, lex) for t in next_run):
            s, e = next_run[0].idx, next_run[-1].idx + len(next_run[-1].text)
            if lex.org_suffix(self._text[s:e]) is None:
                add(Mention(s, e, "organization", hit[1], "apposition"))

    def _state_media(self, doc: Doc, run: list[Token], add) -> None:
        """国営の<name>: state media (国営のタス通信, 国営の朝鮮中央テレビ)."""
        first = run[0]
        if first.i >= 2 and doc[first.i - 1].text == "の" and doc[first.i - 2].text == "国営":
            if all(is_proper(t, self.lex) or t.text in ("通信", "テレビ", "放送") for t in run):
                add(Mention(first.idx, run[-1].idx + len(run[-1].text), "organization", "media", "state-media"))

    # 3. the named-entity spans, checked for shape
    def _named_spans(self, doc: Doc, add, free) -> None:
        """The named-entity spans of ``doc.ents`` (kp_names', or GiNZA's with ``--ner ginza``), checked for shape."""
        lex = self.lex
        for ent in doc.ents:
            mapped = lex.labels.get(ent.label_)
            if not mapped:
                continue
            category, kind = mapped
            toks = list(ent)
            # a span never ends in a title word or starts or ends in a particle
            while toks and (lex.title_at_start(toks[-1].text) or not is_nominal(toks[-1])):
                toks.pop()
            while toks and (not is_nominal(toks[0]) or (category == "place" and toks[0].text in lex.place_descriptors)):
                toks.pop(0)
            if not toks or any(t.is_space or t.text.strip() != t.text for t in toks):
                continue
            start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
            text = self._text[start:end]
            if text in lex.generic or any(ch.isspace() for ch in text):
                continue
            if category == "person":
                if not all(is_name_like(t, lex) or t.text == NAME_SEP for t in toks):
                    continue
                if not any("人名" in t.tag_ for t in toks) and not all(KATAKANA.match(t.text) for t in toks):
                    continue
                if _is_place_or_org_word(text, lex) or (
                        mixed_script(text) and not all("人名" in t.tag_ for t in toks if t.text != NAME_SEP)):
                    continue  # テリー伊藤: both parts tagged as name parts, mixed scripts and all
            elif category == "place":
                trimmed = False
                while len(toks) > 1 and not is_proper(toks[-1], lex) and not lex.place_suffix(
                        self._text[toks[0].idx : toks[-1].idx + len(toks[-1].text)]):
                    toks.pop()
                    trimmed = True
                start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
                text = self._text[start:end]
                if trimmed and not (lex.place_suffix(text) or "地名" in toks[-1].tag_ or text in lex.countries):
                    continue
                if not (is_proper(toks[-1], lex) or (lex.place_suffix(text) and is_proper(toks[0], lex))):
                    continue
                if self._inside_event_name(doc, toks[-1]) or self._inside_named_thing(doc, toks[-1]):
                    continue
                if text in lex.countries:
                    kind = "country"
                elif text in lex.cities:
                    kind = "city"
                elif "地名" in toks[-1].tag_ and lex.place_suffix(text) and lex.place_suffix(text)[0] in ("市", "区", "町", "村"):
                    kind = "city"  # 神戸市: a municipality is a city
            elif category == "organization":
                if not any(is_proper(t, lex) for t in toks) and not lex.org_suffix(text) and text not in lex.known_orgs:
                    continue
                if text in lex.countries or text in lex.cities or text in lex.regions:
                    continue  # 日本 of 日本代表 once the title word is trimmed: the place, not a body
                hit = lex.org_suffix(text)
                if hit and text[: -len(hit[0])] in lex.generic_org_prefixes:
                    continue  # 外資系証券: a kind of company
                if any(t.text in lex.place_modifiers and k and (toks[k - 1].text in lex.countries or "地名" in toks[k - 1].tag_)
                       for k, t in enumerate(toks)):
                    continue  # 日本産水産物, 中国製部品: goods from a place, not a body
                if any(text.endswith(h) for h in lex.non_org_heads):
                    continue
                if text in lex.non_org_abbreviations or self._names_a_figure(doc, toks):
                    continue
            add(Mention(start, end, category, kind, "names"))

    def _names_a_figure(self, doc: Doc, toks: list[Token]) -> bool:
        """日経平均株価 (日経 + 平均), 消費者物価指数（CPI、…）: a name that goes on into a word for a figure or
        index, or stands in brackets right after one, is that figure's name, not a body."""
        heads = self.lex.non_org_heads
        first, last = toks[0], toks[-1]
        k = last.i + 1
        while k < len(doc) and k - last.i <= 3 and is_nominal(doc[k]) \
                and doc[k].idx == doc[k - 1].idx + len(doc[k - 1].text):
            if any(self._text[first.idx : doc[k].idx + len(doc[k].text)].endswith(h) for h in heads):
                return True
            k += 1
        if first.i >= 2 and doc[first.i - 1].text in OPEN_PARENS:
            before = doc[first.i - 2]
            return any(before.text.endswith(h) for h in heads)
        return False

    def _equals_alias(self, doc: Doc, m: Mention, add, found: list) -> None:
        """NATO=北大西洋条約機構: the form on the other side of '=' names the same organization."""
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or not len(span):
            return
        first, last = span[0], span[-1]
        other = None
        if first.i >= 2 and doc[first.i - 1].text in EQUALS:
            other = doc[first.i - 2]
        elif last.i + 2 < len(doc) and doc[last.i + 1].text in EQUALS:
            other = doc[last.i + 2]
        if other is not None and is_proper(other, self.lex) and not other.like_num:
            alias = add(Mention(other.idx, other.idx + len(other.text), "organization", m.kind, "equals"))
            if alias is None:  # already found by another rule (NATO is in the gazetteer)
                alias = next((f for f in found if f.start == other.idx and f.category == "organization"), None)
            if alias is not None and alias is not m and alias.link is not m and m.link is not alias:
                alias.link = m

    def _bracket_org_alias(self, doc: Doc, m: Mention, add, found: list) -> None:
        """北大西洋条約機構（NATO）, IAEA（国際原子力機関）: the form in brackets right after an organization
        names the same organization."""
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or span.end + 2 >= len(doc):
            return
        open_ = doc[span.end]
        if open_.text not in OPEN_PARENS or open_.idx != m.end:
            return
        close = next((t for t in doc[open_.i + 1 : open_.i + 8] if t.text in CLOSE_PARENS), None)
        if close is None or close.i == open_.i + 1:
            return
        inner = doc[open_.i + 1 : close.i]
        s, e = inner.start_char, inner.end_char
        other = next((f for f in found if f.start == s and f.end == e), None)
        if other is None:
            if any(f.start < e and s < f.end for f in found):
                return  # part of the brackets is something else (a place, a person)
            if not all(is_proper(t, self.lex) and not t.like_num for t in inner) or inner.text in self.lex.generic:
                return
            other = add(Mention(s, e, "organization", m.kind, "bracket-alias"))
        if other is None or other.category != "organization" or other is m or other.link is not None or m.link is other:
            return
        known = self.lex.known_orgs.get(self._text[other.start:other.end]) or self.lex.known_orgs.get(
            self._text[m.start:m.end])
        if known:  # 世界保健機関（WHO）: the well-known body's kind, whatever the word it ends in says
            m.kind = other.kind = known
        other.link = m

    def _inside_event_name(self, doc: Doc, last: Token) -> bool:
        """大阪・関西万博, 朝鮮戦争: the place is part of an event's name."""
        i = last.i + 1
        while i < len(doc) and (is_nominal(doc[i]) or doc[i].text == NAME_SEP) and i - last.i < 6:
            if doc[i].text in self.lex.event_heads or any(doc[i].text.endswith(h) for h in self.lex.event_heads):
                return True
            i += 1
        return False

    def _inside_named_thing(self, doc: Doc, tok: Token) -> bool:
        """日本学士院賞, 日本シリーズ杯: the nouns glued after the place end in a name head (name_heads.txt: 賞, 杯,
        線, 基地...), so the place is part of a prize's, a line's or a base's name."""
        k = tok.i + 1
        while k < len(doc) and k - tok.i <= 4 and doc[k].idx == doc[k - 1].idx + len(doc[k - 1].text) \
                and is_nominal(doc[k]):
            if any(self._text[tok.idx + len(tok.text) : doc[k].idx + len(doc[k].text)].endswith(h)
                   for h in self.lex.name_heads):
                return True
            k += 1
        return False

    def _place_by_suffix(self, doc: Doc, runs, add) -> None:
        """A proper name plus a place word no span covers: ドネツク州, 江東区."""
        for run in runs:
            toks = [t for t in run if t.text not in self.lex.place_descriptors]
            if len(toks) < 2:
                continue
            start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
            hit = self.lex.place_suffix(self._text[start:end])
            if hit and toks[-1].text == hit[0] and all(is_proper(t, self.lex) or "地名" in t.tag_ for t in toks[:-1]):
                if not self._inside_event_name(doc, toks[-1]):
                    add(Mention(start, end, "place", hit[1], "place-suffix"))
                continue
            # inside a longer run: パレスチナ自治区ガザ南部 -> パレスチナ自治区 (a place name, then its place word)
            for k in range(1, len(toks) - 1):
                word = self.lex.place_suffix("x" + toks[k].text)
                if not word or word[0] != toks[k].text or toks[k].text == "国" or "地名" not in toks[k - 1].tag_:
                    continue
                j = k - 1
                while j > 0 and "地名" in toks[j - 1].tag_ and toks[j - 1].idx + len(toks[j - 1].text) == toks[j].idx:
                    j -= 1
                if not self._inside_event_name(doc, toks[k]):
                    add(Mention(toks[j].idx, toks[k].idx + len(toks[k].text), "place", word[1], "place-suffix"))

    def _bracket_aliases(self, doc: Doc, add, found: list) -> None:
        """A name with its original in brackets, wherever it stands: キム・ヨジョン(金与正)党副部長."""
        for tok in doc:
            if tok.text not in OPEN_PARENS or tok.i == 0 or tok.i + 2 >= len(doc):
                continue
            close = next((t for t in doc[tok.i + 1 : tok.i + 5] if t.text in CLOSE_PARENS), None)
            if close is None or close.i == tok.i + 1:
                continue
            inner = doc[tok.i + 1 : close.i]
            k = tok.i - 1
            while k >= 0 and "人名" in doc[k].tag_ or (k >= 0 and doc[k].ent_type_ == "Person" and KATAKANA.match(doc[k].text)):
                k -= 1
            outer = doc[k + 1 : tok.i]
            if not len(outer) or not all("人名" in t.tag_ or t.ent_type_ == "Person" for t in inner):
                continue
            if any(t.like_num for t in inner):
                continue
            if HIRAGANA.match(inner.text.replace(NAME_SEP, "")):
                # 佐藤健一（さとう・けんいち）: a reading in hiragana, not another form of the name
                if all("人名" in t.tag_ for t in outer):
                    after = doc[close.i + 1] if close.i + 1 < len(doc) else None
                    title = after.text if after is not None and self.lex.title_at_start(after.text) \
                        and after.idx == close.idx + len(close.text) else None
                    add(Mention(outer.start_char, outer.end_char, "person", "person", "brackets",
                                [title] if title else []))
                continue
            a = add(Mention(outer.start_char, outer.end_char, "person", "person", "brackets"))
            b = add(Mention(inner.start_char, inner.end_char, "person", "person", "brackets", prefer_name=True))
            if a is not None and b is not None:
                b.link = a

    def _anaphor(self, m: Mention) -> bool:
        """同県警, 同省, 両政府: a body named before (the claims resolve it), no mention of its own."""
        text = self._text[m.start : m.end]
        hit = self.lex.org_suffix(text)
        return m.category == "organization" and text[:1] in ("同", "両") and hit is not None and hit[0] == text[1:]

    def _citation(self, m: Mention) -> bool:
        """日本経済新聞、2010年3月27日。: a line naming only a source and its date is a citation of the article's
        sources, not a mention in the story."""
        if m.category != "organization":
            return False
        line_start = self._text.rfind("\n", 0, m.start) + 1
        line_end = self._text.find("\n", m.end)
        line_end = len(self._text) if line_end < 0 else line_end
        return self._text[line_start:m.start].strip() == "" and bool(CITATION_TAIL.match(self._text[m.end:line_end]))

    def _modifier_place(self, doc: Doc, m: Mention) -> bool:
        """アジア版, 中国製, ロシア系: a place name turned into a modifier is not a place mention."""
        if m.category != "place":
            return False
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or span.end >= len(doc):
            return False
        nxt = doc[span.end]
        return nxt.idx == m.end and nxt.text in self.lex.place_modifiers

    def _japan_region(self, doc: Doc, add) -> None:
        """中国地方, 九州北部, 関東甲信地方: a region of Japan with 地方 or a direction word is one region
        (中国地方 is not the country 中国; 中国北部 is China's, so 中国 takes only 地方)."""
        lex = self.lex
        for tok in doc[:-1]:
            nxt = doc[tok.i + 1]
            if tok.text not in lex.japan_regions or nxt.idx != tok.idx + len(tok.text):
                continue
            if nxt.text == "地方" or (nxt.text in DIRECTIONS and tok.text not in lex.countries):
                add(Mention(tok.idx, nxt.idx + len(nxt.text), "place", "region", "japan-region"))

    def _place_after_direction(self, doc: Doc, add) -> None:
        """ガザ南部ハンユニス, ガザ地区北部のジャバリア: a katakana name right after a place and a direction
        word is a place in that part of it: a city (a country only if it is one); so is a katakana name right
        after a word that introduces a place (首都キーウ, 要衝アウディーイウカ)."""
        lex = self.lex
        for tok in doc[1:-1]:
            prev = doc[tok.i - 1]
            descriptor = tok.text in lex.place_descriptors and tok.text not in DIRECTIONS  # 要衝アウディーイウカ
            if not descriptor and (tok.text not in DIRECTIONS or prev.idx + len(prev.text) != tok.idx):
                continue
            if not descriptor and not ("地名" in prev.tag_ or prev.text in lex.countries or prev.text in lex.regions
                    or prev.text in lex.cities or lex.place_suffix(prev.text)
                    or (prev.i > 0 and "地名" in doc[prev.i - 1].tag_ and lex.place_suffix(doc[prev.i - 1].text + prev.text))):
                continue
            j = tok.i + 1
            if doc[j].text == "の" and j + 1 < len(doc) and not descriptor:
                j += 1
            elif doc[j].idx != tok.idx + len(tok.text):
                continue
            k = j
            while k < len(doc) and (KATAKANA.match(doc[k].text)) and (k == j or doc[k].idx == doc[k - 1].idx + len(doc[k - 1].text)):
                k += 1
            if k == j:
                continue
            if k < len(doc) and is_nominal(doc[k]) and doc[k].idx == doc[k - 1].idx + len(doc[k - 1].text):
                continue  # ガザ北部のジャバリア難民キャンプ: the name goes on
            span = doc[j:k]
            name = span.text
            if len(name) < 2 or name in lex.generic or name in lex.non_person or doc[k - 1].text == NAME_SEP:
                continue
            kind = "country" if name in lex.countries else "region" if name in lex.regions else "city"
            add(Mention(span.start_char, span.end_char, "place", kind, "after-direction"))

    def _split_prefecture(self, m: Mention) -> list[Mention]:
        """埼玉県川口市 -> 埼玉県 (region) + 川口市 (city): the city then merges with a later bare 川口市."""
        if m.category != "place" or m.link is not None:
            return [m]
        text = self._text[m.start : m.end]
        for country in sorted(self.lex.countries, key=len, reverse=True):  # アメリカ合衆国 + バージニア州
            rest = text[len(country):]
            if text.startswith(country) and len(rest) >= 2:
                hit = self.lex.place_suffix(rest)
                if hit and hit[0] in ("州", "省", "県"):
                    cut = m.start + len(country)
                    return [Mention(m.start, cut, "place", "country", m.rule + "+country"),
                            Mention(cut, m.end, "place", hit[1], m.rule + "+state")]
                break
        for pref in self.lex.prefectures:
            rest = text[len(pref):]
            if text.startswith(pref) and rest:
                hit = self.lex.place_suffix(rest)
                if hit and rest.endswith(MUNICIPAL_UNITS) and hit[0] in MUNICIPAL_UNITS:
                    cut = m.start + len(pref)
                    return [Mention(m.start, cut, "place", "region", m.rule + "+prefecture"),
                            Mention(cut, m.end, "place", hit[1], m.rule + "+municipality")]
                break
        return [m]

    # 4. countries, cities and regions from the gazetteers where no span covers them
    def _gazetteer(self, doc: Doc, runs, add) -> None:
        for tok in doc:
            if tok.text in self.lex.countries:
                if not self._inside_named_thing(doc, tok):
                    add(Mention(tok.idx, tok.idx + len(tok.text), "place", "country", "gazetteer"))
            elif tok.text in self.lex.cities and not self._inside_event_name(doc, tok):
                add(Mention(tok.idx, tok.idx + len(tok.text), "place", "city", "gazetteer"))
            elif tok.text in self.lex.regions and not self._inside_event_name(doc, tok):
                add(Mention(tok.idx, tok.idx + len(tok.text), "place", "region", "gazetteer"))
            elif "地名" in tok.tag_ and self.lex.place_suffix(tok.text) and not self._inside_event_name(doc, tok):
                add(Mention(tok.idx, tok.idx + len(tok.text), "place", self.lex.place_suffix(tok.text)[1], "place-word"))


def _overlaps_org_or_place(doc: Doc, start: int, end: int, lex: Lexicon) -> bool:
    for ent in doc.ents:
        if ent.start_char < end and start < ent.end_char:
            mapped = lex.labels.get(ent.label_)
            if mapped and mapped[0] in ("organization", "place"):
                return True
    return False


def lex_org_word(text: str, lex: Lexicon) -> bool:
    """``text`` is an organization word alone, or common words ending in one (自治政府)."""
    hit = lex.org_suffix(text)
    return hit is not None and (text == hit[0] or text in lex.generic or not HAS_KATAKANA.search(text))


def _is_place_or_org_word(text: str, lex: Lexicon) -> bool:
    return text in lex.countries or text in lex.generic or lex.org_suffix(text) is not None


@Language.factory(
    "kp_entities",
    requires=["doc.ents", "token.tag"],
    assigns=["doc._.kp_mentions"],
)
def make_entity_rules(nlp: Language, name: str) -> EntityRules:
    return EntityRules()


if not Doc.has_extension("kp_mentions"):
    Doc.set_extension("kp_mentions", default=None)
