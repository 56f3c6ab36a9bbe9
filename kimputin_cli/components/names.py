"""kp_names: named-entity spans (``doc.ents``) from Sudachi's proper-noun classes and kp's gazetteers,
in place of GiNZA's ``ner`` (``load_pipeline(ner="kp")``).

SudachiDict tags proper nouns by class in ``token.tag_``: 名詞-固有名詞-人名-姓 / -名 / -一般 (people),
名詞-固有名詞-地名-国 / -一般 (places), 名詞-固有名詞-一般 (any other name: no organization class). This
component turns them into entity spans, with labels from GiNZA's label set (``data/entities/name_labels.tsv``)
so the entity layer (:mod:`kimputin_cli.components.entities`) and the claims read them as they read GiNZA's:

1. gazetteers, longest first, wherever they stand on token boundaries: well-known bodies
   (``known_orgs.tsv``, ``japan_bodies.tsv``), media (``known_media.txt``: 毎日新聞, whose 毎日 the dictionary
   reads as "every day"), sports clubs (``teams.txt``), countries, cities, regions;
2. a place name (地名 tokens) with a facility word after it (用賀駅, 大阪国際空港: ``facility_heads.tsv``) is a
   place; with a place word (花蓮県, ガザ地区: ``place_suffixes.tsv``) a place of that word's kind;
   a run of 地名 tokens alone is a place (ケルン, アフリカ: a country when tagged 地名-国);
3. a run of 人名 tokens (小林 + 勉, テリー + 伊藤), katakana names joined by ・ (トム・ダックスベリー) when a
   part of them is tagged 人名, is a person; a given name alone (人名-名) only before an honorific
   (さん, ちゃん, 君); a run that goes on into an organization or place word (鳩山 + 会館, ヤマト運輸) is left
   to the entity layer.

Not done here: organizations without a gazetteer entry; the entity layer finds them by their shape
(…新聞, …大学, 民間軍事会社ワグネル) and takes these spans as one more source.  Time zones and units
(UTC, GMT: ``time_zones.txt``) are never a name.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from .. import lexicon

KATAKANA = re.compile(r"^[\u30A0-\u30FF\uFF65-\uFF9F・ー＝=]+$")
LATIN = re.compile(r"^[A-Za-zＡ-Ｚａ-ｚ][A-Za-zＡ-Ｚａ-ｚ0-9０-９&\.\-]*$")
NAME_SEP = "・"
HAS_KANJI = re.compile(r"[\u4E00-\u9FFF\u3005]")
ANAPHOR_PREFIXES = ("同", "両")
HONORIFICS = ("さん", "ちゃん", "君", "くん", "様")


def _tag(tok: Token) -> str:
    return tok.tag_


def is_person_tag(tok: Token) -> bool:
    return "人名" in tok.tag_


def is_place_tag(tok: Token) -> bool:
    return "地名" in tok.tag_


def _glued(a: Token, b: Token) -> bool:
    return a.idx + len(a.text) == b.idx


class NameRules:
    """The rules of the module docstring, with their vocabularies loaded once."""

    def __init__(self) -> None:
        labels = lexicon.mapping("entities/name_labels.tsv")
        self.label = labels
        gaz: dict[str, str] = {}
        for name in lexicon.words("entities/countries.txt"):
            gaz[name] = labels["country"]
        for name in lexicon.words("entities/regions.txt"):
            gaz[name] = labels["region"]
        for name in lexicon.words("entities/cities.txt"):
            gaz[name] = labels["city"]
        self.teams = set(lexicon.words("entities/teams.txt"))
        for name in self.teams:
            gaz[name] = labels["other"]
        for name, kind in lexicon.table("entities/known_orgs.tsv"):
            gaz[name] = labels.get(kind, labels["other"])
        for name, kind in lexicon.table("entities/japan_bodies.tsv"):
            gaz[name] = labels.get(kind, labels["other"])
        for name in lexicon.words("entities/known_media.txt"):
            gaz[name] = labels["media"]
        self.gazetteer = gaz
        names = sorted(gaz, key=len, reverse=True)
        self.gaz_re = re.compile("|".join(re.escape(n) for n in names))
        self.countries = set(lexicon.words("entities/countries.txt"))
        self.cities = set(lexicon.words("entities/cities.txt"))
        self.regions = set(lexicon.words("entities/regions.txt"))
        self.place_suffixes = {row[0]: row[1] for row in lexicon.table("entities/place_suffixes.tsv")}
        self.facilities = {row[0]: row[1] for row in lexicon.table("entities/facility_heads.tsv")}
        self.org_kinds = sorted(((row[0], row[1]) for row in lexicon.table("entities/org_suffixes.tsv")),
                                key=lambda r: -len(r[0]))
        self.org_suffixes = [s for s, _ in self.org_kinds]
        self.legal_forms = set(lexicon.words("entities/legal_forms.txt"))
        self.org_exact = {s: k for s, k in self.org_kinds if len(s) >= 2}
        self.place_labels = {labels["country"], labels["city"], labels["region"], labels["place_other"]}
        self.non_person = set(lexicon.words("entities/non_person_katakana.txt"))
        self.not_names = set(lexicon.words("entities/time_zones.txt")) | set(
            lexicon.words("entities/non_org_abbreviations.txt"))
        self.prefectures = {p.rstrip("都道府県") for p in lexicon.words("entities/prefectures.txt")} | set(
            lexicon.words("entities/prefectures.txt"))
        self.titles = lexicon.words("entities/titles.txt")
        self.title_prefixes = set(lexicon.words("entities/title_prefixes.txt"))
        self.faction_suffixes = {row[0] for row in lexicon.table("entities/factions.tsv") if row[1] == "suffix"}
        self.place_modifiers = set(lexicon.words("entities/place_modifiers.txt"))
        self.occupations = set(lexicon.words("entities/occupations.txt"))
        self.surnames = set(lexicon.words("entities/single_kanji_surnames.txt"))
        self.heads = sorted(lexicon.words("entities/name_heads.txt"), key=len, reverse=True)
        self.generic = set(lexicon.words("entities/generic_orgs.txt")) | set(lexicon.words("entities/bare_words.txt"))

    def __call__(self, doc: Doc) -> Doc:
        doc.ents = self.spans(doc)
        return doc

    def spans(self, doc: Doc) -> list[Span]:
        text = doc.text
        found: list[Span] = []
        taken = [False] * len(doc)

        def add(span: Span | None, label: str) -> None:
            if span is None or not len(span) or any(taken[span.start:span.end]):
                return
            for i in range(span.start, span.end):
                taken[i] = True
            found.append(Span(doc, span.start, span.end, label=label))

        self._positions(doc, add)  # first: 前衆院議員 is a title, 衆院 no body there
        self._gazetteer(doc, text, add)
        self._places(doc, add)
        self._people(doc, add)
        self._whole_names(doc, add)
        self._body_words(doc, add)
        return filter_spans(found)

    # 1. gazetteers
    def _gazetteer(self, doc: Doc, text: str, add) -> None:
        matches = list(self.gaz_re.finditer(text))
        for m in matches:  # 広島 + カープ first: the club with its home town, before the town alone
            if m.group() in self.teams:
                span = doc.char_span(m.start(), m.end())
                if span is not None and span.start and _glued(doc[span.start - 1], span[0]) \
                        and doc[span.start - 1].tag_.endswith("地名-一般"):
                    add(doc[span.start - 1 : span.end], self.label["other"])
        for m in matches:
            span = doc.char_span(m.start(), m.end())
            if span is None:
                continue
            after = doc[span.end] if span.end < len(doc) else None
            if after is not None and _glued(span[-1], after) and (
                    (KATAKANA.match(after.text) and KATAKANA.match(span[-1].text))
                    or (after.text == NAME_SEP and span.end + 1 < len(doc)
                        and KATAKANA.match(doc[span.end + 1].text))):
                if not (after.text == NAME_SEP and self.gaz_re.fullmatch(doc[span.end + 1].text)):
                    label = self.gazetteer[m.group()]
                    if label == self.label["company"] and after.text == NAME_SEP:
                        k = span.end + 1  # ソニー + ・コンピュータエンターテインメント: a company of the group
                        while k < len(doc) and _glued(doc[k - 1], doc[k]) and KATAKANA.match(doc[k].text) \
                                and doc[k].text != NAME_SEP:
                            k += 1
                        add(doc[span.start : k], label)
                    continue  # the name goes on (not a list: エンゼルス・アスレチックス)
            before = doc[span.start - 1] if span.start else None
            label = self.gazetteer[m.group()]
            if before is not None and _glued(before, span[0]) and before.tag_.endswith("地名-一般"):
                continue  # 東北 + 楽天: a club's name, not the company (広島カープ is taken above)
            if label in self.place_labels and (self._inside_longer_name(doc, span.end) or (
                    after is not None and _glued(span[-1], after) and after.text in self.place_modifiers)):
                continue  # 日本学士院賞, 日本時間: a prize, a time zone
            if label in self.place_labels and after is not None and _glued(span[-1], after) \
                    and after.text in self.place_suffixes and after.text != "国":
                kind = self.place_suffixes[after.text]  # ガザ + 地区, 新疆ウイグル + 自治区
                span = doc[span.start : span.end + 1]
                label = self.label[kind if kind in ("city", "region", "country") else "place_other"]
            add(span, label)

    # 5. titles and occupations (元経理部長, 主任研究官, 弁護士): GiNZA's Position_Vocation, which the claims read as
    # a speaker's head; the entity layer takes no entity from them
    def _positions(self, doc: Doc, add) -> None:
        """The tokens that spell a title word at the end of a compound of common nouns (主任 + 研究 + 官,
        経理部 + 長, 弁護士), or an occupation: Position_Vocation."""
        titles = set(self.titles) | self.occupations | set(lexicon.words("entities/position_words.txt"))
        long_titles = tuple(t for t in titles if len(t) >= 2)
        longest = 12
        i = 0
        n = len(doc)
        while i < n:
            if not self._common(doc[i]):
                i += 1
                continue
            j = i + 1
            while j < n and _glued(doc[j - 1], doc[j]) and self._common(doc[j]):
                j += 1
            # from each token end in the run, the longest title ending there that starts on a token boundary
            k = i
            while k < j:
                best = None
                for e in range(j, k, -1):
                    text = doc[k:e].text
                    if len(text) > longest:
                        continue
                    if len(text) >= 2 and (text in titles or text.endswith(long_titles)):
                        best = e
                        break
                if best is not None:
                    start = k  # カープ + 前監督: a name in the compound (not after a title prefix) is no part of it
                    for g in range(k, best):
                        if doc[g].text in self.gazetteer and doc[k:g].text not in self.title_prefixes:
                            start = g + 1
                    if start < best:
                        add(doc[start:best], self.label["position"])
                    k = best
                else:
                    k += 1
            i = j

    @staticmethod
    def _common(tok: Token) -> bool:
        return (tok.tag_.startswith("名詞-普通名詞") or tok.tag_.startswith("接尾辞") or tok.tag_.startswith("接頭辞")) \
            and tok.text != NAME_SEP

    # 6. a body word standing alone (労働組合の連合会, 協会は): an organization span, as GiNZA gives one; the entity
    # layer keeps it unless it is a generic word, and the claims read it as an agent
    def _body_words(self, doc: Doc, add) -> None:
        for tok in doc:
            before = doc[tok.i - 1] if tok.i else None
            if before is not None and _glued(before, tok) and before.text[:1] in ANAPHOR_PREFIXES \
                    and (before.text + tok.text)[1:] in self.org_exact:
                add(doc[before.i : tok.i + 1], self.label["other"])  # 同県 + 警: read as 同 + 県警
                continue
            if not tok.tag_.startswith("名詞-普通名詞") or len(tok.text) < 2 or tok.text in self.not_names:
                continue
            kind = self.org_exact.get(tok.text)
            if kind is None or kind == "company" or tok.text in self.legal_forms:
                continue  # 株式会社, 物産 alone: the rest of a company's name, written apart
            before = doc[tok.i - 1] if tok.i else None
            after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            start = tok.i
            if before is not None and _glued(before, tok) and before.text in ANAPHOR_PREFIXES:
                start = before.i  # 同 + 県警: a body named before (the claims' speaker; no entity of its own)
            elif before is not None and _glued(before, tok) and before.tag_.startswith(("名詞", "接頭辞", "接尾辞")):
                continue  # part of a compound: the entity layer reads it whole
            if after is not None and _glued(tok, after) and after.tag_.startswith(("名詞", "接尾辞")):
                continue
            add(doc[start : tok.i + 1], self.label.get(kind, self.label["other"]))

    # 4. one-token names the dictionary knows (用賀駅, 大阪国際空港, 日本生命保険, 横浜FC: 名詞-固有名詞-一般)
    def _whole_names(self, doc: Doc, add) -> None:
        for tok in doc:
            if not tok.tag_.startswith("名詞-固有名詞-一般") or tok.text in self.not_names:
                continue
            text = tok.text
            facility = next((f for f in self.facilities if text.endswith(f) and len(text) > len(f)), None)
            if facility:
                add(doc[tok.i : tok.i + 1], self.label["place_other"])
                continue
            suffix = next(((s, k) for s, k in self.org_kinds if text.endswith(s) and len(text) > len(s)), None)
            if suffix:
                add(doc[tok.i : tok.i + 1], self.label.get(suffix[1], self.label["other"]))

    # 2. places
    def _places(self, doc: Doc, add) -> None:
        i = 0
        while i < len(doc):
            tok = doc[i]
            if not is_place_tag(tok) or tok.text in self.not_names or self._surname_read_as_place(tok):
                i += 1
                continue
            j = i + 1
            while j < len(doc) and is_place_tag(doc[j]) and _glued(doc[j - 1], doc[j]):
                j += 1
            nxt = doc[j] if j < len(doc) and _glued(doc[j - 1], doc[j]) else None
            if nxt is not None and nxt.text in self.facilities:
                add(doc[i : j + 1], self.label["place_other"])
            elif nxt is not None and nxt.text in self.place_suffixes and nxt.text != "国":
                kind = self.place_suffixes[nxt.text]
                add(doc[i : j + 1], self.label[kind if kind in ("city", "region", "country") else "place_other"])
            elif nxt is not None and (any(nxt.text.startswith(s) for s in self.org_suffixes)
                                      or "固有名詞" in nxt.tag_ and not is_place_tag(nxt)
                                      or (KATAKANA.match(nxt.text) and nxt.text != NAME_SEP)
                                      or self._inside_longer_name(doc, j)):
                pass  # 大阪府警, 横浜FC, 百里基地: the place names a body or a facility (the entity layer's)
            elif nxt is not None and nxt.text in self.place_modifiers:
                pass  # 日本時間, 中国製: a time zone, a modifier
            elif LATIN.match(tok.text):
                pass  # Poland, in a gloss: the Japanese name is the mention
            else:
                span = doc[i:j]
                name = span.text
                if name in self.countries or (j - i == 1 and tok.tag_.endswith("地名-国")):
                    label = self.label["country"]
                elif name in self.regions:
                    label = self.label["region"]
                else:
                    suffix = next((s for s in sorted(self.place_suffixes, key=len, reverse=True)
                                   if name.endswith(s) and len(name) > len(s)), None)
                    kind = self.place_suffixes.get(suffix, "city") if suffix else "city"
                    label = self.label[kind if kind in ("city", "region", "country") else "place_other"]
                add(span, label)
            i = j

    # 3. people
    def _people(self, doc: Doc, add) -> None:
        i = 0
        n = len(doc)
        candidates: list[Span] = []
        while i < n:
            tok = doc[i]
            if not self._name_part(tok):
                i += 1
                continue
            j = i + 1
            while j < n and _glued(doc[j - 1], doc[j]):
                if self._name_part(doc[j]):
                    j += 1
                elif (doc[j].text == NAME_SEP and j + 1 < n and _glued(doc[j], doc[j + 1])
                      and KATAKANA.match(doc[j - 1].text) and KATAKANA.match(doc[j + 1].text)
                      and doc[j + 1].text not in self.non_person):
                    k = j + 2  # トム・ダックス + ベリー: every katakana word of the part after ・
                    while k < n and _glued(doc[k - 1], doc[k]) and doc[k].text != NAME_SEP \
                            and KATAKANA.match(doc[k].text) and doc[k].text not in self.non_person:
                        k += 1
                    if not any(is_person_tag(t) for t in doc[j + 1 : k]) and (
                            any(t.text == NAME_SEP for t in doc[i:j]) or not is_person_tag(doc[j - 1])):
                        break  # トム・ダックスベリー, but not …・スターダスト・プロジェクト・マネージャー: a part
                        # after the first ・ may be a common word, the parts after it must be tagged as names
                    j = k
                else:
                    break
            span = doc[i:j]
            i = j
            parts = [t for t in span if t.text != NAME_SEP]
            if not any(is_person_tag(t) or self._surname_read_as_place(t) for t in parts):
                continue
            if any(t.text == NAME_SEP for t in span) and span[-1].text in self.heads:
                continue  # ノリス・ホール, …・センター: a building
            if len(parts) == 1 and parts[0].tag_.endswith("人名-名"):
                after = doc[span.end] if span.end < n else None
                if after is None or after.text not in HONORIFICS:
                    continue  # a given name alone: only before an honorific
            if len(parts) == 1 and (len(parts[0].text) < 2 and parts[0].text not in self.surnames
                                    or LATIN.match(parts[0].text)):
                continue  # 登, 迫: one kanji alone is too often a word; Clinton: a gloss of the Japanese name
            nxt = doc[span.end] if span.end < n and _glued(span[-1], doc[span.end]) else None
            if nxt is not None and (any(nxt.text.startswith(s) for s in self.org_suffixes)
                                    or nxt.text in self.place_suffixes or nxt.text in self.facilities
                                    or self._inside_longer_name(doc, span.end)):
                continue  # 鳩山会館, 酒井市, ジョンソン宇宙センター: a name inside a longer one
            if any(span.text.endswith(s) for s in self.org_suffixes):
                continue  # ヤマト運輸, tagged as a person's name: a company
            if span.start > 0 and doc[span.start - 1].text in self.surnames and _glued(doc[span.start - 1], span[0]) \
                    and "人名" not in doc[span.start - 1].tag_ and len(span.text) <= 2 \
                    and all(HAS_KANJI.match(ch) for ch in span.text):
                span = doc[span.start - 1 : span.end]  # 金 + 与正: a one-kanji surname the dictionary read as a word
            candidates.append(span)
        # a name part alone (見方 tagged as a surname, ボンズ) is a person when the article writes it with the other
        # part too (三浦 after 三浦知良), or when an honorific or a title follows (the entity layer reads titles)
        full = [c for c in candidates if len([t for t in c if t.text != NAME_SEP]) > 1]
        for span in candidates:
            if len([t for t in span if t.text != NAME_SEP]) == 1:
                word = span.text
                after = doc[span.end] if span.end < n and _glued(span[-1], doc[span.end]) else None
                titled = after is not None and (after.text in HONORIFICS or after.text == "氏"
                                                or after.text in self.faction_suffixes
                                                or any(after.text.endswith(t) for t in self.titles))
                joined = any(c.text.startswith(word) or c.text.endswith(word) for c in full)
                if not (titled or joined):
                    continue
            add(span, self.label["person"])

    def _surname_read_as_place(self, tok: Token) -> bool:
        """盛山 + 正仁, 上川 + 外相: a place name (地名-一般, in no gazetteer) glued before a given name, a title
        (not one of a place: 都知事, 市長) or an honorific is a surname."""
        if not tok.tag_.endswith("地名-一般") or tok.text in self.cities or tok.text in self.regions \
                or tok.text in self.prefectures or tok.i + 1 >= len(tok.doc):
            return False
        nxt = tok.doc[tok.i + 1]
        if not _glued(tok, nxt):
            return False
        if nxt.tag_.endswith("人名-名"):
            return True
        if nxt.text in HONORIFICS or nxt.text == "氏" or nxt.text in self.faction_suffixes:
            return True  # 茂木 + 派: a party faction is named by a surname
        return nxt.text[0] not in "都道府県市区町村州省" and any(nxt.text.endswith(t) for t in self.titles)

    def _inside_longer_name(self, doc: Doc, end: int) -> bool:
        """ジョンソン宇宙センター, 東武伊勢崎線, 鳩山会館, 大阪府警: the nouns glued after the name (up to four)
        end in an organization, facility or name-head word, so the name is part of a longer one."""
        k = end
        found = False
        while k < len(doc) and k - end < 5 and _glued(doc[k - 1], doc[k]) and (
                doc[k].tag_.startswith("名詞") or doc[k].tag_.startswith("接尾辞")):
            compound = doc[end : k + 1].text
            if found and any(compound.endswith(t) for t in self.titles if len(t) >= 2):
                return False  # アッバース + 自治政府 + 議長: the person who heads the body
            if any(compound.endswith(h) for h in self.heads) or any(compound.endswith(s) for s in self.org_suffixes) \
                    or any(compound.endswith(f) for f in self.facilities):
                found = True
            k += 1
        return found

    def _name_part(self, tok: Token) -> bool:
        if tok.text in self.non_person or tok.text in self.countries or tok.text in self.generic:
            return False
        # a katakana word right next to a tagged name part (ダックスベリー of トム・ダックスベリー) is checked by
        # the caller through ・; on its own, katakana is no name part
        return is_person_tag(tok) or self._surname_read_as_place(tok)


@Language.factory("kp_names", requires=["token.tag"], assigns=["doc.ents"])
def make_name_rules(nlp: Language, name: str) -> NameRules:
    return NameRules()
