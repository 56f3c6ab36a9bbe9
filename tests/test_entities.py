"""Entity rules: unit tests on hand-built Docs (no model) and news-style sentences (session model)."""
import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from kimputin_cli import extract
from kimputin_cli.components.entities import EntityRules
from kimputin_cli.entity_merge import merge

PROPN_PERSON = "名詞-固有名詞-人名-一般"
SURNAME = "名詞-固有名詞-人名-姓"
GIVEN = "名詞-固有名詞-人名-名"
COUNTRY = "名詞-固有名詞-地名-国"
NOUN = "名詞-普通名詞-一般"
PROPN = "名詞-固有名詞-一般"
CASE = "助詞-格助詞"
TOPIC = "助詞-係助詞"
COMMA = "補助記号-読点"
OPEN = "補助記号-括弧開"
CLOSE = "補助記号-括弧閉"


def make_doc(tokens, ents=None):
    """A Doc from (text, tag) pairs with no spaces; ``ents`` as GiNZA-style IOB labels per token."""
    words = [t for t, _ in tokens]
    tags = [g for _, g in tokens]
    doc = Doc(Vocab(), words=words, spaces=[False] * len(words), tags=tags, ents=ents)
    return doc


def mentions(doc):
    return [(doc.text[m.start:m.end], m.category, m.kind, m.titles) for m in EntityRules().find(doc)]


def test_name_before_title_is_a_person_even_if_ginza_says_plan():
    doc = make_doc(
        [("ロシア", COUNTRY), ("の", CASE), ("ショイグ", NOUN), ("国防相", NOUN), ("は", TOPIC)],
        ents=["B-Country", "O", "B-Plan", "I-Plan", "O"],
    )
    assert mentions(doc) == [
        ("ロシア", "place", "country", []),
        ("ショイグ", "person", "person", ["国防相"]),
    ]


def test_kanji_surname_before_title_and_title_prefix():
    doc = make_doc([("林", SURNAME), ("官房長官", NOUN), ("と", CASE), ("トランプ", NOUN), ("前", NOUN), ("大統領", NOUN)])
    assert mentions(doc) == [
        ("林", "person", "person", ["官房長官"]),
        ("トランプ", "person", "person", ["前大統領"]),
    ]


def test_country_before_title_is_not_a_person():
    doc = make_doc([("アメリカ", COUNTRY), ("大統領", NOUN), ("は", TOPIC)])
    assert [m[1] for m in mentions(doc)] == ["place"]


def test_bracketed_original_is_the_same_person_and_preferred_name():
    doc = make_doc(
        [("キム・ジョンウン", PROPN_PERSON), ("(", OPEN), ("金正恩", PROPN_PERSON), (")", CLOSE), ("総", "接頭辞"), ("書記", NOUN)]
    )
    found = EntityRules().find(doc)
    assert [(doc.text[m.start:m.end], m.titles) for m in found] == [("キム・ジョンウン", ["総書記"]), ("金正恩", ["総書記"])]
    assert found[1].same_as == 0 and found[1].prefer_name


@pytest.mark.parametrize(
    "tokens, expected",
    [
        ([("朝鮮中央通信", PROPN)], ("朝鮮中央通信", "media")),
        ([("共同", NOUN), ("通信", NOUN)], ("共同通信", "media")),
        ([("ニューヨーク・タイムズ", PROPN)], ("ニューヨーク・タイムズ", "media")),
        ([("アメリカ", COUNTRY), ("政府", NOUN)], ("アメリカ政府", "government")),
        ([("ロシア", COUNTRY), ("軍", "接尾辞-名詞的-一般")], ("ロシア軍", "military")),
        ([("ロシア", COUNTRY), ("大統領", NOUN), ("府", "接尾辞-名詞的-一般")], ("ロシア大統領府", "government")),
    ],
)
def test_organization_by_suffix(tokens, expected):
    doc = make_doc(tokens)
    assert [(t, k) for t, c, k, _ in mentions(doc) if c == "organization"] == [expected]


def test_org_stops_before_role_word():
    doc = make_doc([("韓国", COUNTRY), ("政府", NOUN), ("関係", NOUN), ("者", "接尾辞-名詞的-一般")])
    assert [(t, c) for t, c, _, _ in mentions(doc)] == [("韓国政府", "organization")]


def test_generic_media_word_is_not_an_organization():
    doc = make_doc([("国営", NOUN), ("テレビ", NOUN), ("は", TOPIC)])
    assert mentions(doc) == []


def test_apposition_names_an_organization_whatever_ginza_says():
    doc = make_doc(
        [("民間", NOUN), ("軍事", NOUN), ("会社", NOUN), ("ワグネル", PROPN), ("が", CASE)],
        ents=["O", "O", "O", "B-Person", "O"],
    )
    assert mentions(doc) == [("ワグネル", "organization", "company", [])]


def test_apposition_after_comma():
    doc = make_doc([("有力", NOUN), ("紙", NOUN), ("、", COMMA), ("ガーディアン", PROPN), ("は", TOPIC)])
    assert mentions(doc) == [("ガーディアン", "organization", "media", [])]


def test_ginza_person_needs_a_name_like_token():
    doc = make_doc([("原子力", NOUN), ("潜水艦", NOUN)], ents=["B-Person", "I-Person"])
    assert mentions(doc) == []


def test_place_as_modifier_is_not_a_place():
    doc = make_doc([("アジア", PROPN), ("版", "接尾辞-名詞的-一般")], ents=["B-Continental_Region", "O"])
    assert mentions(doc) == []


# --- merging (pure) ---------------------------------------------------------------------------

def _m(text, sub, category="person", kind="person", occurrence=0, **kw):
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(sub, start + 1)
    return {"start": start, "end": start + len(sub), "category": category, "kind": kind, "rule": "title",
            "titles": kw.get("titles", []), "same_as": kw.get("same_as"), "prefer_name": kw.get("prefer_name", False)}


def test_merge_surname_into_the_single_full_name():
    text = "岸田文雄首相は…岸田首相は"
    out = merge(text, [_m(text, "岸田文雄", titles=["首相"]), _m(text, "岸田", occurrence=1)])
    assert [(e["name"], e["aliases"], len(e["mentions"])) for e in out["person"]] == [("岸田文雄", ["岸田"], 2)]


def test_merge_keeps_two_people_sharing_a_surname_apart():
    text = "林芳正氏と林太郎氏、林氏"
    out = merge(text, [_m(text, "林芳正"), _m(text, "林太郎"), _m(text, "林", occurrence=2)])
    # 林 alone could be either: it is not merged into one of them
    assert sorted(e["name"] for e in out["person"]) == ["林", "林太郎", "林芳正"]


def test_merge_bracket_alias_prefers_original():
    text = "キム・ジョンウン(金正恩)総書記…キム総書記"
    ms = [_m(text, "キム・ジョンウン"), _m(text, "金正恩", same_as=0, prefer_name=True), _m(text, "キム", occurrence=1)]
    out = merge(text, ms)
    assert [(e["id"], e["name"], e["aliases"]) for e in out["person"]] == [("person:1", "金正恩", ["キム・ジョンウン", "キム"])]


@pytest.mark.parametrize("full, short, category", [
    ("東京地方裁判所", "東京地裁", "organization"),
    ("文部科学省", "文科省", "organization"),
    ("埼玉県", "埼玉", "place"),
])
def test_merge_abbreviations(full, short, category):
    text = f"{full}は…{short}は"
    out = merge(text, [_m(text, full, category, "other"), _m(text, short, category, "other")])
    key = {"organization": "organization", "place": "place"}[category]
    assert [(e["name"], e["aliases"]) for e in out[key]] == [(full, [short])]


def test_merge_does_not_read_kyoto_as_tokyo():
    text = "東京都と京都"
    out = merge(text, [_m(text, "東京都", "place", "region"), _m(text, "京都", "place", "city")])
    assert len(out["place"]) == 2


def test_generic_body_word_survives_only_as_short_form():
    text = "ロシア大統領府…大統領府…政府"
    ms = [_m(text, "ロシア大統領府", "organization", "government"),
          dict(_m(text, "大統領府", "organization", "government", occurrence=1), rule="generic"),
          dict(_m(text, "政府", "organization", "government"), rule="generic")]
    out = merge(text, ms)
    assert [(e["name"], e["aliases"]) for e in out["organization"]] == [("ロシア大統領府", ["大統領府"])]


# --- on real parses: news-style sentences of our own ------------------------------------------

SENTENCES = [
    # (sentence, people {name: title}, organizations {name: kind}, places {name})
    ("岸田文雄首相は15日、記者団の取材に応じました。", {"岸田文雄": "首相"}, {}, set()),
    ("林官房長官は午前の記者会見で、北朝鮮に抗議したことを明らかにしました。", {"林": "官房長官"}, {}, {"北朝鮮"}),
    ("国連のグテーレス事務総長は、停戦を改めて求めました。", {"グテーレス": "事務総長"}, {"国連": "international"}, set()),
    ("アメリカのバイデン大統領とフランスのマクロン大統領が電話で会談しました。",
     {"バイデン": "大統領", "マクロン": "大統領"}, {}, {"アメリカ", "フランス"}),
    ("トランプ前大統領は声明を出し、判決を批判しました。", {"トランプ": "前大統領"}, {}, set()),
    ("共同通信によりますと、防衛省は来月にも調査結果を公表する方針です。", {}, {"共同通信": "media", "防衛省": "government"}, set()),
    ("トヨタ自動車株式会社の佐藤恒治社長は、新型車の販売計画を発表しました。",
     {"佐藤恒治": "社長"}, {"トヨタ自動車株式会社": "company"}, set()),
    ("東京地方裁判所は、被告の男に懲役5年の判決を言い渡しました。", {}, {"東京地方裁判所": "agency"}, set()),
    ("ロイター通信は、イスラエル軍が攻撃を続けていると伝えました。", {}, {"ロイター通信": "media", "イスラエル軍": "military"}, set()),
    ("中国外務省の報道官は、日本政府の対応に強い不満を表明しました。", {}, {"中国外務省": "government", "日本政府": "government"}, set()),
    ("韓国の聯合ニュースは、ユン・ソンニョル(尹錫悦)大統領が来週訪米すると伝えました。ユン大統領は…",
     {"尹錫悦": "大統領"}, {"聯合ニュース": "media"}, {"韓国"}),
    ("イギリスの有力紙、ガーディアンは、スナク首相が辞任を否定したと報じました。",
     {"スナク": "首相"}, {"ガーディアン": "media"}, {"イギリス"}),
    ("警視庁によりますと、逮捕されたのは会社員の山田太郎容疑者(45)です。", {"山田太郎": "容疑者"}, {"警視庁": "agency"}, set()),
    ("ドイツのショルツ首相は、ウクライナへの追加の軍事支援を表明しました。", {"ショルツ": "首相"}, {}, {"ドイツ", "ウクライナ"}),
    ("自民党の茂木幹事長は、衆議院の解散について慎重な姿勢を示しました。",
     {"茂木": "幹事長"}, {"自民党": "party", "衆議院": "government"}, set()),
    ("ソフトバンクグループの孫正義会長は株主総会で「AIの時代が来る」と述べました。",
     {"孫正義": "会長"}, {"ソフトバンクグループ": "company"}, set()),
    ("国営のタス通信は、ロシア国防省の発表として、ウクライナ軍の無人機を撃墜したと伝えました。",
     {}, {"タス通信": "media", "ロシア国防省": "government", "ウクライナ軍": "military"}, set()),
    ("民間の調査会社、帝国データバンクによりますと、倒産件数は増加しています。", {}, {"帝国データバンク": "company"}, set()),
    ("アメリカのブリンケン国務長官は、中国の王毅外相と会談しました。",
     {"ブリンケン": "国務長官", "王毅": "外相"}, {}, {"アメリカ", "中国"}),
    ("ゼレンスキー大統領は、ロシア軍の攻撃で市民が犠牲になったと非難しました。", {"ゼレンスキー": "大統領"}, {"ロシア軍": "military"}, set()),
    ("NATO=北大西洋条約機構のストルテンベルグ事務総長は支援の継続を訴えました。",
     {"ストルテンベルグ": "事務総長"}, {"北大西洋条約機構": "international"}, set()),
    ("中国外務省の林剣報道官は会見で、日本側の対応を批判しました。",
     {"林剣": "報道官"}, {"中国外務省": "government"}, {"日本"}),
    ("台湾の頼清徳総統は8日、談話を発表しました。", {"頼清徳": "総統"}, {}, {"台湾"}),
    ("自由民生党の幹部は、選挙協力の見直しを示唆した。", {}, {"自由民生党": "party"}, set()),
    # a headline of two places written apart: both are places
    ("静岡 浜松で事故\n\nきょう午前、住宅街で車が歩道に突っ込む事故がありました。", {}, {}, {"静岡", "浜松"}),
    # a rank, a middle dot, the name; the name found again where it stands alone
    ("大関・霧ノ峰が初優勝を果たしました。霧ノ峰は、けさ、記者会見しました。", {"霧ノ峰": "大関"}, {}, set()),
    ("日本銀行の植田総裁は、金融緩和を続ける考えを示しました。", {"植田": "総裁"}, {"日本銀行": "agency"}, set()),
    ("国営のロシア通信は、大統領府のペスコフ報道官の話として伝えました。ロシア大統領府は否定しました。",
     {"ペスコフ": "報道官"}, {"ロシア通信": "media", "ロシア大統領府": "government"}, set()),
]


@pytest.mark.parametrize("sentence, people, orgs, places", SENTENCES, ids=[s[0][:12] for s in SENTENCES])
def test_entities_on_news_sentences(nlp, sentence, people, orgs, places):
    r = extract(sentence, nlp=nlp).to_dict()
    assert {e["name"]: e["titles"][0] if e["titles"] else None for e in r["people"]} == people
    assert {e["name"]: e["kind"] for e in r["organizations"]} == orgs
    assert {e["name"] for e in r["places"]} == places


def test_a_name_found_once_is_found_again(nlp):
    r = extract("大関・霧ノ峰が初優勝を果たしました。霧ノ峰は、けさ、記者会見しました。", nlp=nlp).to_dict()
    (p,) = r["people"]
    assert [m["text"] for m in p["mentions"]] == ["霧ノ峰", "霧ノ峰"]


# --- titles of politics, business, police, courts, sports and schools; wire-copy name・title --------

TITLE_SENTENCES = [
    # (sentence, {name: first title})
    ("総務部の山本健二課長が会見しました。", {"山本健二": "課長"}),
    ("埼玉県警の山口英樹署長は、事故について説明しました。", {"山口英樹": "署長"}),
    ("立憲民主党の田中一郎政務調査会長は、反対する考えを示しました。", {"田中一郎": "政務調査会長"}),
    ("鈴木太郎共同代表と、佐藤花子代表代行が会談しました。", {"鈴木太郎": "共同代表", "佐藤花子": "代表代行"}),
    ("吉田健最高財務責任者と中村修最高経営責任者は、会見で説明しました。",
     {"吉田健": "最高財務責任者", "中村修": "最高経営責任者"}),
    ("高橋誠チーフエコノミストは、円安が続くとみています。", {"高橋誠": "チーフエコノミスト"}),
    ("小林正校長と、森田浩本部長、岡田進部長が出席しました。", {"小林正": "校長", "森田浩": "本部長", "岡田進": "部長"}),
    ("大谷翔平投手と、山本由伸選手、ロバーツ監督が会見しました。", {"大谷翔平": "投手", "山本由伸": "選手", "ロバーツ": "監督"}),
    ("ウィットコフ中東担当特使と、ケロッグ特使が訪問しました。", {"ウィットコフ": "中東担当特使", "ケロッグ": "特使"}),
    ("新藤経済再生担当相は、会見で述べました。", {"新藤": "経済再生担当相"}),
    ("吉田憲一郎会長兼CEOは述べた。", {"吉田憲一郎": "会長兼CEO"}),
    ("田中浩裁判長は、判決を言い渡しました。", {"田中浩": "裁判長"}),
    # wire copy: name, middle dot, title
    ("山口一郎・官房副長官は、会見で述べた。", {"山口一郎": "官房副長官"}),
    ("大谷翔平・投手は、試合後に語った。", {"大谷翔平": "投手"}),
    ("田中一郎・前衆院議員は、出馬しない考えを示した。", {"田中一郎": "前衆院議員"}),
]


@pytest.mark.parametrize("sentence, people", TITLE_SENTENCES, ids=[s[0][:10] for s in TITLE_SENTENCES])
def test_people_with_titles(nlp, sentence, people):
    r = extract(sentence, nlp=nlp).to_dict()
    assert {e["name"]: e["titles"][0] if e["titles"] else None for e in r["people"]} == people


def test_split_given_name_keeps_its_numeral_and_the_surname_merges(nlp):
    r = extract("山本健二課長が会見しました。山本課長は、謝罪しました。", nlp=nlp).to_dict()
    assert [(e["name"], e["aliases"], e["titles"]) for e in r["people"]] == [("山本健二", ["山本"], ["課長"])]


# --- well-known bodies; a bare Japanese state body is Japan's -------------------------------------

def _orgs(nlp, sentence):
    r = extract(sentence, nlp=nlp).to_dict()
    return [(e["name"], e["kind"], e["aliases"]) for e in r["organizations"]]


@pytest.mark.parametrize("sentence, orgs", [
    ("日銀の植田総裁は、追加の利上げを検討する考えを示しました。", [("日銀", "agency", [])]),
    ("日本銀行は、会合を開きました。日銀は、利上げを決めました。", [("日本銀行", "agency", ["日銀"])]),
    ("ホワイトハウスは声明を発表しました。", [("ホワイトハウス", "government", [])]),
    ("日本維新の会とれいわ新選組は、反対しました。", [("日本維新の会", "party", []), ("れいわ新選組", "party", [])]),
    ("内閣官房と消費者庁が調整しています。", [("内閣官房", "government", []), ("消費者庁", "government", [])]),
])
def test_well_known_bodies(nlp, sentence, orgs):
    assert _orgs(nlp, sentence) == orgs


def test_bare_japanese_ministry_is_not_the_foreign_one(nlp):
    orgs = _orgs(nlp, "中国外務省の報道官は批判しました。これに対し外務省は抗議しました。防衛省と警察庁も対応します。")
    assert orgs == [("中国外務省", "government", []), ("外務省", "government", []), ("防衛省", "government", []),
                    ("警察庁", "government", [])]


def test_bare_body_with_no_japanese_namesake_still_merges(nlp):
    assert _orgs(nlp, "ロシア大統領府は否定しました。大統領府の報道官は述べました。") == [
        ("ロシア大統領府", "government", ["大統領府"])]
    assert _orgs(nlp, "アメリカ国務省は声明を出しました。国務省によりますと") == [
        ("アメリカ国務省", "government", ["国務省"])]


def test_merge_keeps_a_bare_japanese_body_apart():
    text = "中国外務省は…外務省は…日本の防衛省は…防衛省は"
    ms = [_m(text, "中国外務省", "organization", "government"), _m(text, "外務省", "organization", "government", 1),
          _m(text, "日本の防衛省", "organization", "government"), _m(text, "防衛省", "organization", "government", 1)]
    out = merge(text, ms)
    assert [(e["name"], e["aliases"]) for e in out["organization"]] == [
        ("中国外務省", []), ("外務省", []), ("日本の防衛省", ["防衛省"])]


# --- prefecture + city; regions of Japan -----------------------------------------------------------

def _places(nlp, sentence):
    r = extract(sentence, nlp=nlp).to_dict()
    return [(e["name"], e["kind"], len(e["mentions"])) for e in r["places"]]


def test_prefecture_and_city_are_two_places_and_the_city_merges(nlp):
    assert _places(nlp, "熊本県人吉市では大雨となり、人吉市は避難指示を出しました。") == [
        ("熊本県", "region", 1), ("人吉市", "city", 2)]
    assert _places(nlp, "埼玉県川口市と静岡県浜松市で火事がありました。") == [
        ("埼玉県", "region", 1), ("川口市", "city", 1), ("静岡県", "region", 1), ("浜松市", "city", 1)]


def test_regions_of_japan_are_not_countries(nlp):
    assert _places(nlp, "中国地方や九州北部では大雨となりました。") == [("中国地方", "region", 1), ("九州北部", "region", 1)]
    # China's north is China's; the country does not join the region of Japan named after it
    assert _places(nlp, "中国地方で雨です。中国北部でも雨です。") == [("中国地方", "region", 1), ("中国", "country", 1)]


# --- no organization made of a generic word ---------------------------------------------------------

@pytest.mark.parametrize("sentence, orgs", [
    ("経済団体トップは、賃上げを求めました。", []),
    ("特殊詐欺グループのリーダーの男が逮捕されました。グループは、高齢者をねらっていました。", []),
    ("大学の研究グループは、新たな治療法を開発しました。研究グループによりますと、効果が確認されました。", []),
    ("東北大学研究グループが発表した。", [("東北大学", "other", [])]),
    ("日本産水産物は安全だと強調しました。", []),
    ("ソフトバンクグループは、決算を発表しました。", [("ソフトバンクグループ", "company", [])]),
])
def test_no_organization_from_generic_words(nlp, sentence, orgs):
    assert _orgs(nlp, sentence) == orgs


# --- an organization with its abbreviation in brackets ------------------------------------------------

@pytest.mark.parametrize("sentence, orgs", [
    ("北大西洋条約機構（NATO）は、会合を開きました。NATOの事務総長は述べました。",
     [("北大西洋条約機構", "international", ["NATO"])]),
    ("アメリカの戦略国際問題研究所（CSIS）は報告書を公表しました。CSISによりますと、", [("戦略国際問題研究所", "other", ["CSIS"])]),
    ("IAEA（国際原子力機関）は、調査団を派遣しました。", [("国際原子力機関", "international", ["IAEA"])]),
    ("株式会社サクラ電機（東京）は、製品を回収します。", [("株式会社サクラ電機", "company", [])]),
    ("国立保健医療研究所は、調査結果を公表しました。", [("国立保健医療研究所", "agency", [])]),
])
def test_bracketed_abbreviation_is_an_alias(nlp, sentence, orgs):
    assert _orgs(nlp, sentence) == orgs


# --- sports clubs, companies named in hiragana -------------------------------------------------------

def test_club_named_nickname_and_town_is_an_organization_not_the_town(nlp):
    r = extract("ヴィッセル神戸の大迫勇也選手は、神戸市内で会見しました。", nlp=nlp).to_dict()
    assert [(e["name"], e["kind"]) for e in r["organizations"]] == [("ヴィッセル神戸", "other")]
    assert [(e["name"], e["kind"]) for e in r["places"]] == [("神戸市", "city")]


@pytest.mark.parametrize("sentence, orgs", [
    ("みずなみ証券は、新たな投資信託を発表しました。", [("みずなみ証券", "company", [])]),
    ("ひまわりホールディングスは、増収を発表しました。", [("ひまわりホールディングス", "company", [])]),
    ("ほかの銀行も追随しました。", []),
])
def test_company_named_in_hiragana(nlp, sentence, orgs):
    assert _orgs(nlp, sentence) == orgs


def test_another_countrys_body_named_like_japans(nlp):
    assert _orgs(nlp, "中国の外務省は反発しました。外務省は、抗議しました。") == [
        ("中国の外務省", "government", []), ("外務省", "government", [])]
    r = extract("日本の外務省は抗議しました。外務省によりますと", nlp=nlp).to_dict()
    assert [(e["name"], len(e["mentions"])) for e in r["organizations"]] == [("外務省", 2)]
    assert [e["name"] for e in r["places"]] == ["日本"]


# --- country abbreviations before foreign companies and media ------------------------------------------

@pytest.mark.parametrize("sentence, orgs, places", [
    ("米紙ワシントン・ポストは、関係者の話として伝えました。", [("ワシントン・ポスト", "media")], ["米"]),
    ("英紙ガーディアンによりますと、交渉は難航しています。", [("ガーディアン", "media")], ["英"]),
    ("米誌タイムは、特集を組みました。", [("タイム", "media")], ["米"]),
    ("米グーグルは、新たなサービスを発表しました。", [("グーグル", "company")], ["米"]),
    ("米オープンAIや米アップルなど海外大手との競争が激しくなっています。",
     [("オープンAI", "company"), ("アップル", "company")], ["米"]),
    ("中国の通信機器大手ファーウェイは、新製品を発表しました。", [("ファーウェイ", "company")], ["中国"]),
    ("米プロバスケットボールNBAでプレーした経験があります。", [("NBA", "other")], ["米"]),
    # a state body keeps its prefix; a place after the prefix is a place
    ("米国務省は声明を出しました。", [("米国務省", "government")], []),
    ("米ドルに対して円安が進みました。", [], []),
])
def test_country_prefix_is_not_part_of_the_name(nlp, sentence, orgs, places):
    r = extract(sentence, nlp=nlp).to_dict()
    assert [(e["name"], e["kind"]) for e in r["organizations"]] == orgs
    assert [e["name"] for e in r["places"]] == places


# --- national teams, UN bodies, well-known bodies' kinds --------------------------------------------

@pytest.mark.parametrize("sentence, orgs", [
    ("山田選手は日本代表の主力として活躍しました。", [("日本代表", "other", [])]),
    ("サッカーの日本代表は、韓国代表と対戦しました。", [("日本代表", "other", []), ("韓国代表", "other", [])]),
    ("国連人道問題調整事務所（OCHA）によりますと、物資が不足しています。",
     [("国連人道問題調整事務所", "international", ["OCHA"])]),
    ("世界保健機関（WHO）は、警告を出しました。", [("世界保健機関", "international", ["WHO"])]),
    ("Bリーグは方針を示し、Jリーグも続きました。", [("Bリーグ", "other", []), ("Jリーグ", "other", [])]),
])
def test_teams_and_un_bodies(nlp, sentence, orgs):
    assert _orgs(nlp, sentence) == orgs


def test_national_team_is_not_the_country_as_an_organization(nlp):
    r = extract("韓国代表は、決勝に進みました。", nlp=nlp).to_dict()
    assert [e["name"] for e in r["organizations"]] == ["韓国代表"]
    assert r["places"] == []


# --- places after a region and a direction word ----------------------------------------------------

@pytest.mark.parametrize("sentence, places", [
    ("パレスチナ自治区ガザ南部ハンユニスで、空爆がありました。",
     [("パレスチナ自治区", "region"), ("ガザ", "region"), ("ハンユニス", "city")]),
    ("ガザ地区北部のジャバリアで、攻撃が続いています。", [("ガザ地区", "region"), ("ジャバリア", "city")]),
    ("ロシア南部のロストフで、爆発がありました。", [("ロシア", "country"), ("ロストフ", "city")]),
])
def test_place_after_region_and_direction(nlp, sentence, places):
    r = extract(sentence, nlp=nlp).to_dict()
    assert [(e["name"], e["kind"]) for e in r["places"]] == places
    assert r["organizations"] == []


# --- more titles; katakana common nouns are not people --------------------------------------------

@pytest.mark.parametrize("sentence, people", [
    ("気象庁の田中一郎主任予報官は、警戒を呼びかけました。", {"田中一郎": "主任予報官"}),
    ("気象庁の山本予報官は、説明しました。", {"山本": "予報官"}),
    ("気象庁の佐藤健予報課長は会見しました。", {"佐藤健": "予報課長"}),
    ("リーグの島田慎二チェアマンは、会見で述べました。", {"島田慎二": "チェアマン"}),
    ("防衛省の山田花子広報官は述べました。", {"山田花子": "広報官"}),
    ("協会の鈴木一郎理事長と、高橋次郎事務局長が出席しました。", {"鈴木一郎": "理事長", "高橋次郎": "事務局長"}),
    ("NHKの中村太郎報道局長は述べました。", {"中村太郎": "報道局長"}),
    ("プレーオフは来月始まります。", {}),
    ("チームはプレーオフ進出を決め、シーズンを終えました。", {}),
])
def test_more_titles_and_no_katakana_common_noun_person(nlp, sentence, people):
    r = extract(sentence, nlp=nlp).to_dict()
    assert {e["name"]: e["titles"][0] if e["titles"] else None for e in r["people"]} == people


# --- sports clubs named town + nickname -------------------------------------------------------------

def test_town_and_plural_nickname_is_a_club_not_a_place(nlp):
    r = extract("千葉ブレイズは、大阪サンダースに勝ちました。ブレイズは首位です。", nlp=nlp).to_dict()
    assert [(e["name"], e["kind"], e["aliases"]) for e in r["organizations"]] == [
        ("千葉ブレイズ", "other", ["ブレイズ"]), ("大阪サンダース", "other", [])]
    assert r["places"] == [] and r["people"] == []


# --- generic descriptors; a company with its seat in brackets -----------------------------------------

@pytest.mark.parametrize("sentence, orgs", [
    ("ある外資系証券のアナリストは、円安が続くとみています。", []),
    ("大手銀行の幹部は、慎重な姿勢を示しました。", []),
    ("ひだまりケア（東京都品川区）は、新たなサービスを始めました。", [("ひだまりケア", "company", [])]),
    ("施設を運営する「ひだまりケア」（東京都品川区）はコメントを出しました。", [("ひだまりケア", "company", [])]),
    ("運営会社のみどり物産（大阪市）は、製品を回収すると発表しました。", [("みどり物産", "company", [])]),
])
def test_generic_descriptor_and_company_with_seat(nlp, sentence, orgs):
    assert _orgs(nlp, sentence) == orgs


def test_company_seat_in_brackets_is_a_place(nlp):
    r = extract("みどり物産（大阪市）は、製品を回収すると発表しました。", nlp=nlp).to_dict()
    assert [(e["name"], e["kind"]) for e in r["places"]] == [("大阪市", "city")]
    r = extract("ひだまりケア（東京都品川区）は、謝罪しました。", nlp=nlp).to_dict()
    assert [(e["name"], e["kind"]) for e in r["places"]] == [("東京都", "region"), ("品川区", "city")]


def test_country_abbreviation_merges_with_the_country_and_its_bodies(nlp):
    assert _orgs(nlp, "アメリカ国務省は声明を出しました。米国務省の報道官は述べました。") == [
        ("アメリカ国務省", "government", ["米国務省"])]
    r = extract("米グーグルは、アメリカで新サービスを始めました。", nlp=nlp).to_dict()
    assert [(e["name"], e["aliases"]) for e in r["places"]] == [("アメリカ", ["米"])]


# --- weather offices, bare police/fire, factions, media, indices, titles, seas, bare titles ----------------

@pytest.mark.parametrize("sentence, orgs, places", [
    # a place + 地方/管区 + 気象台 (or a regional office) is one body, not the place 前橋地方 / 大阪
    ("前橋地方気象台によりますと、乾燥注意報が出ていました。", [("前橋地方気象台", "agency", [])], set()),
    ("大阪管区気象台と沖縄気象台は、大雨に警戒するよう呼びかけました。",
     [("大阪管区気象台", "agency", []), ("沖縄気象台", "agency", [])], set()),
    ("札幌管区気象台と関東地方整備局、近畿財務局が発表しました。",
     [("札幌管区気象台", "agency", []), ("関東地方整備局", "agency", []), ("近畿財務局", "agency", [])], set()),
    # a bare 警察 / 消防 used as the body; in a compound (警察官, 消防隊員) it is none
    ("警察や消防によりますと、火事がありました。", [("警察", "agency", []), ("消防", "agency", [])], set()),
    ("警察官と消防隊員が駆けつけました。", [], set()),
    # 警察 joins the prefectural police named before it (県警 = 県警察), never 警察庁
    ("埼玉県警によりますと、事件がありました。警察は調べています。警察庁も発表しました。",
     [("埼玉県警", "agency", ["警察"]), ("警察庁", "government", [])], set()),
    ("高崎市消防局によりますと、火事がありました。消防が調べています。",
     [("高崎市消防局", "agency", ["消防"])], set()),
])
def test_weather_offices_and_bare_bodies(nlp, sentence, orgs, places):
    r = extract(sentence, nlp=nlp).to_dict()
    assert [(e["name"], e["kind"], e["aliases"]) for e in r["organizations"]] == orgs
    assert {e["name"] for e in r["places"]} == places
    assert r["people"] == []


def test_party_factions_are_organizations(nlp):
    r = extract("旧安藤派の幹部らは会合を開いた。茂木派と麻生派も集まった。自民党旧岸田派は結束を確認した。"
                "改革派は反発した。", nlp=nlp).to_dict()
    assert r["people"] == []
    assert [(e["name"], e["kind"]) for e in r["organizations"]] == [
        ("旧安藤派", "party"), ("茂木派", "party"), ("麻生派", "party"), ("自民党", "party"), ("旧岸田派", "party")]


@pytest.mark.parametrize("sentence, orgs", [
    ("中国紙の環球時報は社説で主張した。", [("環球時報", "media", [])]),
    ("人民日報系の環球時報は伝えた。", [("人民日報", "media", []), ("環球時報", "media", [])]),
    # 国営 describes the agency and is no part of its name; 新華社 is the short form of 新華社通信
    ("国営新華社通信によると、会談した。新華社は一致したと伝えた。", [("新華社通信", "media", ["新華社"])]),
    # a name with its abbreviation in brackets; the well-known abbreviation gives the kind
    ("米航空宇宙局（NASA）も試料を持ち帰った。NASAは発表した。", [("米航空宇宙局", "agency", ["NASA"])]),
    ("航空宇宙局（NASA）は試料を持ち帰った。", [("航空宇宙局", "agency", ["NASA"])]),
    # JAXA is linked to its full name: it does not also head JAXA宇宙科学研究所, a part of it
    ("宇宙航空研究開発機構（JAXA）は探査機を打ち上げた。JAXA宇宙科学研究所の教授が説明した。JAXAは発表した。",
     [("宇宙航空研究開発機構", "agency", ["JAXA"]), ("JAXA宇宙科学研究所", "other", [])]),
    # an index and its abbreviation are no body
    ("総務省が発表した全国消費者物価指数（CPI、2020年＝100）は上昇した。", [("総務省", "government", [])]),
    ("日経平均株価が反落し、取引を終えた。", []),
])
def test_media_agencies_and_indices(nlp, sentence, orgs):
    assert _orgs(nlp, sentence) == orgs


@pytest.mark.parametrize("sentence, people", [
    ("中国外務省の林海涛副報道局長は批判した。", {"林海涛": "副報道局長"}),
    ("中国外務省の林剣副報道局長は批判した。", {"林剣": "副報道局長"}),
    ("JAXAの川村俊介プロジェクトマネージャは述べた。", {"川村俊介": "プロジェクトマネージャ"}),
    ("JAXAの川村俊介プロジェクトマネジャーは述べた。", {"川村俊介": "プロジェクトマネジャー"}),
    ("東京大学の田中一郎博士は話した。", {"田中一郎": "博士"}),
    ("米カーネギー研究所のエミリー・ローズ博士は話した。", {"エミリー・ローズ": "博士"}),
    ("テック社の田中一郎ディレクターは話した。", {"田中一郎": "ディレクター"}),
    ("東京大学の田中一郎特任研究員と鈴木花子特任教授、佐藤健主任研究員、山田太郎上席研究員が会見した。",
     {"田中一郎": "特任研究員", "鈴木花子": "特任教授", "佐藤健": "主任研究員", "山田太郎": "上席研究員"}),
    # a katakana job word before a title is no name (a title word with の before the name is its title)
    ("アートディレクターの田中氏とファンドマネージャーの鈴木氏が話した。", {"田中": "アートディレクター", "鈴木": "氏"}),
    ("同省の林業課長は述べた。", {}),
])
def test_research_and_deputy_titles(nlp, sentence, people):
    r = extract(sentence, nlp=nlp).to_dict()
    assert {e["name"]: e["titles"][0] for e in r["people"]} == people
    # 副報道局長 is a title: the name before it is no organization
    assert not [e for e in r["organizations"] if e["name"].endswith(("報道局", "副報道局"))]


def test_seas_are_places(nlp):
    r = extract("両外相は南シナ海問題を巡り協議した。東シナ海や日本海、太平洋でも。太平洋セメントは発表した。",
                nlp=nlp).to_dict()
    assert [(e["name"], e["kind"]) for e in r["places"]] == [
        ("南シナ海", "other"), ("東シナ海", "other"), ("日本海", "other"), ("太平洋", "other")]


@pytest.mark.parametrize("sentence, name, title", [
    ("石原誠一首相は19日、記者団の取材に応じた。首相は周囲に「全力を尽くす時だ」と漏らした。", "石原誠一", "首相"),
    ("森本幸太郎幹事長は19日、会見した。幹事長は「首相の専権事項だ」と語った。", "森本幸太郎", "幹事長"),
    ("田中一郎外相は19日、訪米した。外相は記者団に「成果があった」と述べた。", "田中一郎", "外相"),
])
def test_a_bare_title_is_no_entity_of_its_own(nlp, sentence, name, title):
    r = extract(sentence, nlp=nlp).to_dict()
    assert [(e["name"], e["titles"], len(e["mentions"])) for e in r["people"]] == [(name, [title], 1)]
    assert r["organizations"] == []


def _names(r, category):
    return [e["name"] for e in r[category]]


@pytest.mark.parametrize("sentence, name, reading, title", [
    ("韓国大統領府の朴東勲（パク・ドンフン）報道官は会見した。朴報道官は「協議を続ける」と述べた。朴氏は退席した。",
     "朴東勲", "パク・ドンフン", "報道官"),
    ("崔英植（チェ・ヨンシク）元国会議長は11日、ソウルで講演した。", "崔英植", "チェ・ヨンシク", "元国会議長"),
])
def test_kanji_name_with_katakana_reading_after_it(nlp, sentence, name, reading, title):
    r = extract(sentence, nlp=nlp).to_dict()
    assert len(r["people"]) == 1
    person = r["people"][0]
    assert person["name"] == name and reading in person["aliases"] and title in person["titles"]


def test_reading_before_kanji_original_still_works(nlp):
    r = extract("北朝鮮のキム・ヨジョン(金与正)党副部長は談話を発表した。", nlp=nlp).to_dict()
    assert [(e["name"], e["aliases"]) for e in r["people"]] == [("金与正", ["キム・ヨジョン"])]


@pytest.mark.parametrize("sentence", [
    "会社員の山田健一（けんいち）さんは「怖かった」と話した。",
    "山田健一（やまだ・けんいち）さんが通報した。",
])
def test_hiragana_reading_in_brackets_is_no_part_of_the_name(nlp, sentence):
    r = extract(sentence, nlp=nlp).to_dict()
    assert _names(r, "people") == ["山田健一"]


@pytest.mark.parametrize("sentence, name, kind", [
    ("韓国の最大野党「共に未来党」は反発した。", "共に未来党", "party"),
    ("保守系の「国民の声」は声明を出した。", "国民の声", "party"),
    ("政党「日本改革党」は候補者を擁立した。", "日本改革党", "party"),
    ("市民団体「みどりの輪」が集会を開いた。", "みどりの輪", "other"),
])
def test_organization_named_in_corner_brackets(nlp, sentence, name, kind):
    r = extract(sentence, nlp=nlp).to_dict()
    assert [(e["name"], e["kind"]) for e in r["organizations"]] == [(name, kind)]


def test_quotation_after_a_party_word_is_no_organization(nlp):
    r = extract("野党「説明不足」と批判した。", nlp=nlp).to_dict()
    assert r["organizations"] == []


@pytest.mark.parametrize("sentence, name, kind", [
    ("大統領府は声明を出した。", "大統領府", "government"),
    ("同社は第三者委員会を設置し、調査を進めている。", "第三者委員会", "other"),
    ("名古屋証券取引所は取引を停止した。", "名古屋証券取引所", "company"),
    ("電力広域的運営推進機関によると、需給は安定している。", "電力広域的運営推進機関", "agency"),
])
def test_bodies_named_by_a_body_word(nlp, sentence, name, kind):
    r = extract(sentence, nlp=nlp).to_dict()
    assert [(e["name"], e["kind"]) for e in r["organizations"]] == [(name, kind)]


def test_bare_presidential_office_joins_the_country_prefixed_one(nlp):
    r = extract("ロシア大統領府は声明を出した。大統領府は詳細を明らかにしていない。", nlp=nlp).to_dict()
    assert [(e["name"], e["aliases"]) for e in r["organizations"]] == [("ロシア大統領府", ["大統領府"])]


@pytest.mark.parametrize("sentence", [
    "病院などの医療機関や金融機関が対応した。",
    "公共交通機関が止まった。",
])
def test_kinds_of_kikan_are_no_bodies(nlp, sentence):
    assert extract(sentence, nlp=nlp).to_dict()["organizations"] == []


def test_company_and_subsidiary_stay_apart(nlp):
    r = extract("東京電力パワーグリッドは停電の原因を調べている。東京電力は謝罪した。"
                "東京電力ホールディングスも会見した。", nlp=nlp).to_dict()
    assert [(e["name"], e["aliases"]) for e in r["organizations"]] == [
        ("東京電力パワーグリッド", []), ("東京電力", []), ("東京電力ホールディングス", [])]


def test_head_of_a_name_still_joins_it(nlp):
    r = extract("トヨタ自動車は発表した。トヨタは増産する。", nlp=nlp).to_dict()
    assert [(e["name"], e["aliases"]) for e in r["organizations"]] == [("トヨタ自動車", ["トヨタ"])]


@pytest.mark.parametrize("sentence", [
    "この作品は直木賞を受賞し、去年は芥川賞の候補にもなった。",
    "自民党は臨時党大会を開いた。定期党大会もある。党首討論にも臨んだ。",
])
def test_awards_and_party_meetings_are_no_organizations(nlp, sentence):
    assert [n for n in _names(extract(sentence, nlp=nlp).to_dict(), "organizations") if n != "自民党"] == []


@pytest.mark.parametrize("sentence, name, title", [
    ("委員長の佐々木誠氏は「遺憾だ」と述べた。", "佐々木誠", "委員長"),
    ("作家の北原信吾さんは受賞を喜んだ。", "北原信吾", "作家"),
    ("代理人の弁護士ジョン・ベネット氏は会見した。", "ジョン・ベネット", "弁護士"),
])
def test_title_before_the_name_in_apposition(nlp, sentence, name, title):
    r = extract(sentence, nlp=nlp).to_dict()
    assert [e["name"] for e in r["people"]] == [name]
    assert r["people"][0]["titles"][0] == title


def test_title_of_another_person_is_not_taken(nlp):
    r = extract("ロシアのプーチン大統領のペスコフ報道官は述べた。", nlp=nlp).to_dict()
    titles = {e["name"]: e["titles"] for e in r["people"]}
    assert titles["ペスコフ"] == ["報道官"]


@pytest.mark.parametrize("sentence, name", [
    ("埼玉県警の幹部によると、男は容疑を認めている。", "埼玉県警"),
    ("大阪府警は男を逮捕した。", "大阪府警"),
    ("北海道警は男を逮捕した。", "北海道警"),
    ("埼玉県警察本部の幹部が説明した。", "埼玉県警察本部"),
])
def test_prefectural_police(nlp, sentence, name):
    r = extract(sentence, nlp=nlp).to_dict()
    assert [(e["name"], e["kind"]) for e in r["organizations"]] == [(name, "agency")]
