"""Speakers across sentences (issue 9): the Discourse record of components/claims/discourse.py.

(a) the rules on hand-built Docs (no parse needed: a Doc's text and the entity mentions), the Part shape,
    linking by offsets and the per-entity counts; (b) sentence pairs and short paragraphs of our own through
    the model (the session ``nlp``). Expected values are worked out by hand.
"""
from __future__ import annotations

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from kimputin_cli.components.claims.discourse import (
    Discourse,
    Referent,
    anaphor_rules,
    fits,
)
from kimputin_cli.components.claims.model import Part, Span
from kimputin_cli.extract import _link_claims
from kimputin_cli.render import claim_counts

if not Doc.has_extension("kp_mentions"):
    Doc.set_extension("kp_mentions", default=None)


# ---------------------------------------------------------------------------------------------
# (a) hand-built
# ---------------------------------------------------------------------------------------------
def _doc(pieces: list[str], mentions: list[tuple[str, str, str, list[str]]]) -> Doc:
    """A Doc of ``pieces`` (one token each) whose kp_mentions are (surface, category, kind, titles), each
    at the first occurrence of the surface not yet used."""
    doc = Doc(Vocab(), words=pieces, spaces=[False] * len(pieces))
    text, out, used = doc.text, [], set()
    for surface, category, kind, titles in mentions:
        start = text.index(surface)
        while start in used:
            start = text.index(surface, start + 1)
        used.add(start)
        out.append({"start": start, "end": start + len(surface), "category": category, "kind": kind,
                    "titles": titles})
    doc._.kp_mentions = out
    return doc


def _part(doc: Doc, surface: str, nth: int = 1) -> Part:
    start = -1
    for _ in range(nth):
        start = doc.text.index(surface, start + 1)
    return Part(surface, start, start + len(surface))


@pytest.mark.parametrize("word,expected", [
    ("同氏", (("person", ""),)),
    ("同社", (("organization", "kind=company"),)),
    ("同省", (("organization", "ends=省"),)),
    ("同国", (("place", "kind=country"),)),
    ("同相", (("person", "title=相"),)),
    ("同知事", (("person", "title=知事"),)),  # 同 + a title word: the data file's 同* row
    ("政府", ()),
    ("同", ()),
])
def test_anaphor_rules_come_from_the_data_file(word, expected):
    assert anaphor_rules(word) == expected


def test_fits_checks_category_kind_name_and_title():
    ministry = Referent(0, 5, "経済産業省", "organization", "government")
    company = Referent(0, 4, "東西電機", "organization", "company")
    minister = Referent(0, 4, "山田花子", "person", "person", frozenset({"外相"}))
    assert fits(ministry, "organization", "ends=省") and not fits(company, "organization", "ends=省")
    assert fits(company, "organization", "kind=company") and not fits(ministry, "organization", "kind=company")
    assert fits(minister, "person", "title=相") and not fits(minister, "person", "title=知事")
    assert not fits(minister, "organization", "")


ARTICLE = ["経済産業省", "と", "東西電機", "は", "協定", "を", "結ん", "だ", "。",
           "同社", "は", "「", "歓迎", "する", "」", "と", "述べ", "た", "。",
           "同省", "は", "「", "支援", "する", "」", "と", "し", "た", "。"]


def test_same_x_names_the_nearest_compatible_body():
    doc = _doc(ARTICLE, [("経済産業省", "organization", "government", []),
                         ("東西電機", "organization", "company", [])])
    record = Discourse(doc)
    company = record.resolve(_part(doc, "同社"))
    ministry = record.resolve(_part(doc, "同省"))
    assert company.resolved_from == Span("東西電機", 6, 10)
    assert ministry.resolved_from == Span("経済産業省", 0, 5)
    # the word as written keeps its own span and text
    assert (company.text, company.start, company.end) == ("同社", 18, 20)


def test_same_x_with_nothing_compatible_stays_unresolved():
    doc = _doc(ARTICLE, [("東西電機", "organization", "company", [])])
    assert Discourse(doc).resolve(_part(doc, "同省")).resolved_from is None


def test_salient_speaker_wins_over_a_nearer_mention():
    # 田中氏は、鈴木氏について「…」と述べた。同氏は…: 同氏 is the speaker 田中, not the nearer 鈴木
    pieces = ["田中", "氏", "は", "、", "鈴木", "氏", "に", "つい", "て", "「", "残念", "だ", "」", "と", "述べ", "た",
              "。", "同氏", "は", "「", "続ける", "」", "と", "話し", "た", "。"]
    doc = _doc(pieces, [("田中", "person", "person", []), ("鈴木", "person", "person", [])])
    record = Discourse(doc)
    assert record.resolve(_part(doc, "同氏")).resolved_from == Span("鈴木", 5, 7)  # nothing salient yet
    record._note(_part(doc, "田中氏"))
    assert record.resolve(_part(doc, "同氏")).resolved_from == Span("田中氏", 0, 3)


def test_title_alone_names_its_one_holder():
    pieces = ["大阪府", "の", "橋下徹", "知事", "は", "表明", "し", "た", "。", "知事", "は", "語っ", "た", "。"]
    doc = _doc(pieces, [("大阪府", "place", "city", []), ("橋下徹", "person", "person", [])])
    part = Discourse(doc).resolve(_part(doc, "知事", nth=2))
    assert part.resolved_from == Span("橋下徹", 4, 7)  # the title written after the name counts


def test_title_alone_held_by_two_stays_unresolved():
    pieces = ["山田", "知事", "と", "川上", "知事", "が", "会談", "し", "た", "。", "知事", "は", "語っ", "た", "。"]
    doc = _doc(pieces, [("山田", "person", "person", []), ("川上", "person", "person", [])])
    assert Discourse(doc).resolve(_part(doc, "知事", nth=3)).resolved_from is None


def test_a_carried_part_has_no_span_and_names_its_antecedent():
    named = Part("山本一郎社長", 5, 11, anonymous=False)
    carried = named.carried()
    assert (carried.text, carried.start, carried.end) == ("山本一郎社長", None, None)
    assert carried.resolved_from == Span("山本一郎社長", 5, 11)
    assert carried.carried() == carried
    # a word that refers back carries its antecedent on: 同氏 (-> 田中一郎氏) continued in a later sentence
    same = Part("同氏", 40, 42, resolved_from=Span("田中一郎氏", 0, 5)).carried()
    assert (same.text, same.start, same.resolved_from) == ("田中一郎氏", None, Span("田中一郎氏", 0, 5))


def test_to_dict_adds_resolved_from_only_when_set():
    assert "resolved_from" not in Part("政府", 0, 2).to_dict()
    d = Part("政府", 0, 2).carried().to_dict()
    assert d["start"] is None and d["end"] is None
    assert d["resolved_from"] == {"text": "政府", "start": 0, "end": 2}


def test_link_claims_goes_through_the_antecedent():
    merged = {
        "person": [{"id": "person:1", "name": "田中一郎", "titles": [], "mentions": [{"start": 0, "end": 4}]}],
        "organization": [], "place": [],
    }
    span = {"text": "t", "start": 20, "end": 22}
    claims = [
        {"speaker": {"text": "同氏", "start": 30, "end": 32, "entity": None, "anonymous": False,
                     "resolved_from": {"text": "田中一郎氏", "start": 0, "end": 5}},
         "sources": [], "cue": span, "content": span},
        {"speaker": {"text": "田中一郎氏", "start": None, "end": None, "entity": None, "anonymous": False,
                     "resolved_from": {"text": "田中一郎氏", "start": 0, "end": 5}},
         "sources": [], "cue": dict(span, start=40), "content": span},
        {"speaker": {"text": "同氏", "start": 50, "end": 52, "entity": None, "anonymous": False},
         "sources": [], "cue": dict(span, start=50), "content": span},
    ]
    out = _link_claims(claims, merged)
    assert [c["speaker"]["entity"] for c in out] == ["person:1", "person:1", None]


def test_claim_counts_said_and_via():
    claims = [
        {"speaker": {"entity": "person:1"}, "sources": [{"entity": "organization:2"}]},
        {"speaker": {"entity": "person:1"}, "sources": []},
        {"speaker": {"entity": "organization:2"}, "sources": []},
        {"speaker": None, "sources": [{"entity": "organization:2"}, {"entity": "organization:2"}]},
    ]
    said, via = claim_counts(claims)
    assert said == {"person:1": 2, "organization:2": 1}
    assert via == {"organization:2": 2}  # a claim counts once however often the body is among its sources


# ---------------------------------------------------------------------------------------------
# (b) through the model: our own sentences
# ---------------------------------------------------------------------------------------------
def _claims(nlp, text):
    from kimputin_cli.extract import extract

    result = extract(text, nlp).to_dict()
    ents = {e["id"]: e["name"] for k in ("people", "organizations", "places") for e in result[k]}
    return result, ents


def _who(claim, ents):
    """(speaker text, start is None, antecedent text, entity name) of a claim."""
    sp = claim["speaker"]
    if sp is None:
        return None
    rf = sp.get("resolved_from")
    return sp["text"], sp["start"] is None, rf["text"] if rf else None, ents.get(sp["entity"])


def _find(result, part):
    return next(c for c in result["claims"] if part in c["content"]["text"])


def test_subjectless_report_continues_the_speaker(nlp):
    text = "東西電機の山本一郎社長は10日、記者会見で「来年度は増益を見込む」と述べた。また、「海外事業を拡大する」と話した。"
    result, ents = _claims(nlp, text)
    first, second = _find(result, "増益"), _find(result, "海外事業")
    assert _who(first, ents) == ("山本一郎社長", False, None, "山本一郎")
    assert _who(second, ents) == ("山本一郎社長", True, "山本一郎社長", "山本一郎")
    assert second["speaker"]["resolved_from"]["start"] == text.index("山本一郎社長")


def test_subjectless_report_in_a_new_paragraph_continues_the_last_speaker(nlp):
    # news prints a sentence a paragraph: a report with no subject goes on with the last one who spoke
    # (fixtures/011 has a dozen), while a sentence's topic lasts its paragraph only (next test)
    text = "東西電機の山本一郎社長は10日、「来年度は増益を見込む」と述べた。\n\nまた、「海外事業を拡大する」と話した。"
    result, ents = _claims(nlp, text)
    assert _who(_find(result, "海外事業"), ents)[:2] == ("山本一郎社長", True)


def test_a_topic_does_not_carry_into_a_new_paragraph(nlp):
    text = "東西電機の山本一郎社長は10日、新しい工場を視察した。\n\n「海外事業を拡大する」と話した。"
    result, _ = _claims(nlp, text)
    assert _find(result, "海外事業")["speaker"] is None


def test_same_ministry_and_company(nlp):
    text = ("経済産業省は5日、新たな支援策を発表した。同省は「中小企業を支える」としている。"
            "トヨタ自動車は同日、新型車を公開した。同社は「来年には量産を始めたい」と話した。")
    result, ents = _claims(nlp, text)
    assert _who(_find(result, "中小企業"), ents) == ("同省", False, "経済産業省", "経済産業省")
    assert _who(_find(result, "量産"), ents) == ("同社", False, "トヨタ自動車", "トヨタ自動車")


def test_same_minister_and_pronoun(nlp):
    text = ("山田花子外相は記者会見で「対話を続ける」と述べた。同相はまた、制裁の強化も検討すると語った。"
            "田中一郎氏は取材に対し「納得できない」と話した。彼は「控訴する」とも述べた。")
    result, ents = _claims(nlp, text)
    assert _who(_find(result, "制裁"), ents) == ("同相", False, "山田花子外相", "山田花子")
    assert _who(_find(result, "控訴"), ents) == ("彼", False, "田中一郎氏", "田中一郎")


def test_title_alone_resolves_to_its_one_holder(nlp):
    text = "大阪府の橋下徹知事は会見で、空港の廃止も検討すると表明した。知事は「関西全体の問題だ」と語った。"
    result, ents = _claims(nlp, text)
    c = _find(result, "関西全体")
    assert c["speaker"]["text"] == "知事" and c["speaker"]["start"] == text.rindex("知事は")
    assert ents.get(c["speaker"]["entity"]) == "橋下徹"


def test_title_alone_with_two_holders_has_no_entity(nlp):
    text = "山田太郎知事と川上次郎知事は1日、会談した。知事は「協力していく」と語った。"
    result, _ = _claims(nlp, text)
    c = _find(result, "協力していく")
    assert c["speaker"]["text"] == "知事" and c["speaker"]["entity"] is None
    assert "resolved_from" not in c["speaker"]


def test_agent_inside_a_source_phrase(nlp):
    text = "産経新聞が伝えたところによると、寄宿舎で2人が死亡したという。\nスティーガー学長の発表によれば、午前7時ごろに通報があったという。"
    result, _ = _claims(nlp, text)
    speakers = [c["speaker"]["text"] for c in result["claims"]]
    assert speakers == ["産経新聞", "スティーガー学長"]


def test_paragraph_opening_by_source_goes_on_reporting(nlp):
    text = "警察によりますと、男は午後3時ごろ店に押し入ったということです。男はその場で逮捕されたということです。"
    result, _ = _claims(nlp, text)
    second = _find(result, "逮捕された")
    assert second["speaker"]["text"] == "警察" and second["speaker"]["start"] is None
    assert second["speaker"]["resolved_from"] == {"text": "警察", "start": 0, "end": 2}


def test_quotation_over_several_lines_is_one_claim(nlp):
    text = "佐藤次郎監督は試合後「残念だ。\nいい試合だった。\n次は勝ちたい」と述べた。"
    result, _ = _claims(nlp, text)
    (c,) = result["claims"]
    assert c["content"]["text"] == "残念だ。\nいい試合だった。\n次は勝ちたい"
    assert c["speaker"]["text"] == "佐藤次郎監督"


def test_pair_names_two_people_named_together():
    pieces = ["山田", "外相", "と", "川上", "国防相", "は", "会談", "し", "た", "。", "両氏", "は", "「", "協力", "する", "」",
              "と", "述べ", "た", "。"]
    doc = _doc(pieces, [("山田", "person", "person", []), ("川上", "person", "person", [])])
    assert Discourse(doc).resolve(_part(doc, "両氏")).resolved_from == Span("山田外相と川上", 0, 7)


def test_role_alone_names_its_one_holder(nlp):
    text = "日本航空の山田一郎機長は会見に応じた。機長は「乗客の安全を最優先にした」と話した。"
    result, ents = _claims(nlp, text)
    c = _find(result, "乗客の安全")
    assert c["speaker"]["text"] == "機長" and ents.get(c["speaker"]["entity"]) == "山田一郎"


def test_both_leaders_resolve_without_one_entity(nlp):
    text = "岸田文雄首相とバイデン大統領は10日、ワシントンで会談した。両首脳は「同盟をさらに強化する」と確認した。"
    result, _ = _claims(nlp, text)
    c = _find(result, "同盟")
    assert c["speaker"]["text"] == "両首脳" and c["speaker"]["entity"] is None
    assert c["speaker"]["resolved_from"]["text"] == "岸田文雄首相とバイデン大統領"


def test_newspaper_with_no_subject_is_the_source_of_the_last_speaker(nlp):
    text = ("大阪府の橋下徹知事は1日、空港戦略室を新設すると表明した。"
            "産経新聞によると、新設は職員の意識改革のためだと述べた。"
            "毎日新聞によると、関西空港の負債は1兆円を超えるという。")
    result, ents = _claims(nlp, text)
    c = _find(result, "意識改革")
    assert _who(c, ents) == ("橋下徹知事", True, "橋下徹知事", "橋下徹")
    assert [s["text"] for s in c["sources"]] == ["産経新聞"]
    # hearsay (…という) stays the newspaper's own report
    assert _find(result, "負債")["speaker"]["text"] == "毎日新聞"


def test_noun_phrase_report_with_a_carried_speaker(nlp):
    # the corpus sweep found this crash: a report whose content is a noun phrase, its speaker carried from the
    # sentence before (no span of its own in this sentence)
    text = "東西電機の山本一郎社長は10日、記者会見を開いた。そのうえで、新しい工場の建設計画を明らかにした。"
    result, ents = _claims(nlp, text)
    claim = _find(result, "建設計画")
    assert claim["content"]["text"] == "新しい工場の建設計画" and claim["cue"]["text"] == "を明らかにした"
    assert claim["speaker"]["start"] is None
    assert claim["speaker"]["resolved_from"]["start"] == text.index("山本一郎社長")
