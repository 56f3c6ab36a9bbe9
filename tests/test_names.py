"""kp_names: entity spans from Sudachi's proper-noun classes and kp's gazetteers (issue 14).

Rules that need no parse run on hand-built Docs (words and tags set by hand); a few short sentences of our own
go through the model (the session pipeline, --ner kp by default).
"""
import pytest
from spacy.lang.ja import Japanese
from spacy.tokens import Doc

from kimputin_cli.components.names import NameRules

PERSON_SURNAME = "名詞-固有名詞-人名-姓"
PERSON_GIVEN = "名詞-固有名詞-人名-名"
PERSON = "名詞-固有名詞-人名-一般"
PLACE = "名詞-固有名詞-地名-一般"
COUNTRY = "名詞-固有名詞-地名-国"
NOUN = "名詞-普通名詞-一般"
PROPER = "名詞-固有名詞-一般"
PARTICLE = "助詞-格助詞"
SUFFIX = "接尾辞-名詞的-一般"


@pytest.fixture(scope="module")
def rules():
    return NameRules()


def make(words, tags, spaces=None):
    vocab = Japanese().vocab
    doc = Doc(vocab, words=words, spaces=spaces or [False] * len(words))
    for tok, tag in zip(doc, tags):
        tok.tag_ = tag
    return doc


def ents(rules, words, tags):
    doc = make(words, tags)
    return [(e.text, e.label_) for e in rules.spans(doc) if e.label_ != "Position_Vocation"]


@pytest.mark.parametrize("words,tags,expected", [
    # a surname and a given name: one person
    (["小林", "勉", "さん", "は"], [PERSON_SURNAME, PERSON_GIVEN, SUFFIX, PARTICLE], [("小林勉", "Person")]),
    # katakana names across ・, the second part a common word in the dictionary
    (["トム", "・", "ダックス", "ベリー", "氏"], [PERSON, "補助記号-一般", NOUN, NOUN, SUFFIX],
     [("トム・ダックスベリー", "Person")]),
    # a place-tagged surname before a given name
    (["盛山", "正仁", "は"], [PLACE, PERSON_GIVEN, PARTICLE], [("盛山正仁", "Person")]),
    # a given name alone is no person; before an honorific it is
    (["陽子", "が"], [PERSON_GIVEN, PARTICLE], []),
    (["陽子", "さん"], [PERSON_GIVEN, SUFFIX], [("陽子", "Person")]),
    # a surname alone (見方 tagged as one) needs its full name in the text, an honorific or a title
    (["見方", "が"], [PERSON_SURNAME, PARTICLE], []),
    (["三浦", "知良", "と", "三浦", "が"], [PERSON_SURNAME, PERSON_GIVEN, PARTICLE, PERSON_SURNAME, PARTICLE],
     [("三浦知良", "Person"), ("三浦", "Person")]),
    # a name inside a facility's name is none
    (["ジョンソン", "宇宙", "センター"], [PERSON, NOUN, NOUN], []),
])
def test_people(rules, words, tags, expected):
    assert ents(rules, words, tags) == expected


@pytest.mark.parametrize("words,tags,expected", [
    (["ケルン", "で"], [PLACE, PARTICLE], [("ケルン", "City")]),
    (["ソ連", "の"], [COUNTRY, PARTICLE], [("ソ連", "Country")]),
    (["花蓮", "県"], [PLACE, SUFFIX], [("花蓮県", "Province")]),
    # a station, an airport: places
    (["用賀駅", "で"], [PROPER, PARTICLE], [("用賀駅", "GPE_Other")]),
    # a place that names a base or a line is no place mention
    (["百里", "基地"], [PLACE, NOUN], []),
    (["東武", "伊勢崎線"], [PLACE, PROPER], []),
    # Latin glosses are no mentions
    (["Poland", "の"], [PLACE, PARTICLE], []),
])
def test_places(rules, words, tags, expected):
    assert ents(rules, words, tags) == expected


@pytest.mark.parametrize("words,tags,expected", [
    # media whose first word is an everyday word
    (["毎日", "新聞", "に", "よる"], ["名詞-普通名詞-副詞可能", NOUN, PARTICLE, "動詞-一般"], [("毎日新聞", "Newspaper")]),
    # a club by its nickname
    (["ヤンキース", "の"], [PROPER, PARTICLE], [("ヤンキース", "Organization_Other")]),
    # one-token company and club names ending in an organization word
    (["日本生命保険", "は"], [PROPER, PARTICLE], [("日本生命保険", "Company")]),
    # a time zone is never a body
    (["UTC", "で"], [PROPER, PARTICLE], []),
    # a body word standing alone is a body span (the claims read it as an agent); a legal form alone is not
    (["労働組合", "の", "連合会", "は"], [NOUN, PARTICLE, NOUN, "助詞-係助詞"], [("連合会", "Organization_Other")]),
    (["株式会社", "は"], [NOUN, "助詞-係助詞"], []),
    # a company of the gazetteer with a katakana name after ・ is a company of its group
    (["ソニー", "・", "コンピュータエンターテインメント"], [PROPER, "補助記号-一般", PROPER],
     [("ソニー・コンピュータエンターテインメント", "Company")]),
    # a list of clubs joined by ・ is a list
    (["エンゼルス", "・", "アスレチックス"], [PROPER, "補助記号-一般", PROPER],
     [("エンゼルス", "Organization_Other"), ("アスレチックス", "Organization_Other")]),
])
def test_organizations(rules, words, tags, expected):
    assert ents(rules, words, tags) == expected


@pytest.mark.parametrize("words,tags,expected", [
    (["経理部", "長", "の", "男性"], [NOUN, SUFFIX, PARTICLE, NOUN], ["経理部長"]),
    (["主任", "研究", "官", "は"], [NOUN, NOUN, SUFFIX, "助詞-係助詞"], ["主任研究官"]),
    (["弁護士", "の"], [NOUN, PARTICLE], ["弁護士"]),
    (["元役員", "は"], [NOUN, "助詞-係助詞"], ["元役員"]),
    # a club in the compound is no part of the title after it
    (["カープ", "前", "監督"], [NOUN, "名詞-普通名詞-副詞可能", NOUN], ["前監督"]),
])
def test_titles_are_positions(rules, words, tags, expected):
    doc = make(words, tags)
    assert [e.text for e in rules.spans(doc) if e.label_ == "Position_Vocation"] == expected


def _mentions(nlp, text):
    doc = nlp(text)
    return {(m["category"], text[m["start"]:m["end"]]) for m in doc._.kp_mentions}


def test_through_the_model(nlp):
    assert "ner" not in nlp.pipe_names and "kp_names" in nlp.pipe_names
    got = _mentions(nlp, "毎日新聞によると、小林勉さんは用賀駅でトム・ダックスベリー氏と会った。")
    assert {("organization", "毎日新聞"), ("person", "小林勉"), ("place", "用賀駅"),
            ("person", "トム・ダックスベリー")} <= got
    got = _mentions(nlp, "全日本教職員組合は、国民生活センターと協議した。")
    assert {("organization", "全日本教職員組合"), ("organization", "国民生活センター")} <= got
    got = _mentions(nlp, "上川外務大臣は会見で述べた。")
    assert ("person", "上川") in got


def test_ginza_switch():
    from kimputin_cli import pipeline

    with pytest.raises(ValueError):
        pipeline.load_pipeline(ner="spacy")
