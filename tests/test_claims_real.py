"""Claims on real news (issue 10): the report constructions real articles use that the first rules did not see.

Every sentence is our own, written in the style of the real articles; expected values are worked out by hand.
Each expected claim: (speaker or None, [(source, relation), ...], cue, content, direct, hedged).
"""
from __future__ import annotations

import pytest

from kimputin_cli.components import claims as C

from helpers import K
from helpers import claim_summary as _summary


CASES = [
    # --- によると / によれば: a source noun between the source and the phrase (Xの発表によると, Xの調べでは),
    #     several sources (Xなどによれば)
    ("大学の発表によれば、構内の建物で火災が起きたとの通報があった。",
     [K("大学", [], "の発表によれば", "構内の建物で火災が起きたとの通報があった")]),
    ("地元紙などによれば、港の倉庫で大きな爆発があった。",
     [K("地元紙", [], "などによれば", "港の倉庫で大きな爆発があった")]),
    ("警察の調べでは、男は事故の直前に酒を飲んでいた。",
     [K("警察", [], "の調べでは", "男は事故の直前に酒を飲んでいた")]),
    ("警察の調べによると、男は「金に困っていた」と供述している。",
     [K("男", [("警察", "の調べによると")], "と供述している", "金に困っていた", direct=True)]),
    # --- the content is a こと clause with も / など, or ends in もの before と
    ("知事は、新しい庁舎の建設を来年度から始めることも表明した。",
     [K("知事", [], "ことも表明した", "新しい庁舎の建設を来年度から始める")]),
    ("市は、来年にも新しい会社を設立する計画がある事を明らかにした。",
     [K("市", [], "事を明らかにした", "来年にも新しい会社を設立する計画がある")]),
    ("同紙は、両国の関係が大きく変わるものと予測した。",
     [K("同紙", [], "ものと予測した", "両国の関係が大きく変わる", hedged=True)]),
    # --- reporting words the first vocabulary lacked
    ("男は、当初「身に覚えがない」と犯行を否認していた。",
     [K("男", [], "否認していた", "身に覚えがない", direct=True)]),
    ("大統領は「深い悲しみに襲われた」との声明を出した。",
     [K("大統領", [], "との声明を出した", "深い悲しみに襲われた", direct=True)]),
    ("アナリストは、新政権の政策は前政権に似てくると観測している。",
     [K("アナリスト", [], "と観測している", "新政権の政策は前政権に似てくる", hedged=True)]),
    # --- a noun-phrase content: the object of a reporting verb, or a stance noun modified with の
    ("選挙管理委員会は27日、下院選挙の最終結果を発表した。",
     [K("選挙管理委員会", [], "を発表した", "下院選挙の最終結果")]),
    ("市は、来年度の予算案を正式に発表した。",
     [K("市", [], "を正式に発表した", "来年度の予算案")]),
    ("大統領は議会の解散を宣言した。",
     [K("大統領", [], "を宣言した", "議会の解散")]),
    ("首相は、内閣総辞職の意向を表明した。",
     [K("首相", [], "を表明した", "内閣総辞職の意向")]),
    ("党首は連立、連携の可能性を示した。",
     [K("党首", [], "を示した", "連立、連携の可能性", hedged=True)]),
    # ... but not an object that only names the statement, a stance word with a plain verb, nor a headline
    ("同社は声明を発表した。", []),
    ("データは増加傾向を示した。", []),
    ("被告は無罪を主張した。", []),
    ("彼は笑顔を見せた。", []),
    ("人気歌手が引退を表明", []),
    # ... and the speaker is the verb's own subject, not the topic of an earlier clause
    ("与党は増税を主張しているが、野党は減税の方針を示した。",
     [K("野党", [], "を示した", "減税の方針")]),
    # --- who speaks: a body that opens the sentence with では; a が-subject dated with a day and a comma; a
    #     quote that ends in a noun under a finite としている (not 「…」として, a label)
    ("同社では、事故の原因を詳しく調べるとしている。",
     [K("同社", [], "としている", "事故の原因を詳しく調べる")]),
    ("地元紙によると、保健省が18日、野鳥からウイルスが見つかったことを発表した。",
     [K("保健省", [("地元紙", "によると")], "ことを発表した", "野鳥からウイルスが見つかった")]),
    ("通信社によると、運輸省は3空港について「併存が基本」としているという。",
     [K("運輸省", [("通信社", "によると")], "としている", "併存が基本", direct=True)]),
    ("調べに対し、少年は「家に帰りたくなかった」と供述した。",
     [K("少年", [], "と供述した", "家に帰りたくなかった", direct=True)]),
    # a media verb after a by-source: a topic that is no medium is content, the source reports
    ("地元紙の調べでは、大手銀行は地方銀行から株式を取得すると報じている。",
     [K("地元紙", [], "と報じている", "大手銀行は地方銀行から株式を取得する")]),
    ("地元紙によると、米紙は大統領が来週訪日すると報じた。",
     [K("米紙", [("地元紙", "によると")], "と報じた", "大統領が来週訪日する")]),
    # としても is concessive; a とする clause before a stance noun is that noun's report only
    ("選挙が延期されれば、副会長は、さらなる処分を科されるとしても猶予を得る形となる。", []),
    ("米政府は27日、相手が武装路線を捨てなければ、支援を見直すとする方針を示した。",
     [K("米政府", [], "とする方針を示した", "相手が武装路線を捨てなければ、支援を見直す")]),
    # a na-adjective noun before と; a noun before a finite とする when the content has its own subject
    ("知事は、空港の廃止も視野に入れた議論が必要と述べた。",
     [K("知事", [], "と述べた", "空港の廃止も視野に入れた議論が必要")]),
    ("市は、事故の原因は老朽化としている。",
     [K("市", [], "としている", "事故の原因は老朽化")]),
    ("大手の保険会社は対象外としている。", []),
    ("市は、旧町名を「中央町」とした。", []),
    # a place before a possibility is no speaker of it, and …予定であり、 ends a clause before the hedged one
    ("協会では来月に理事会を開く予定であり、会長選の延期も議題に上る可能性もある。",
     [K(None, [], "可能性もある", "会長選の延期も議題に上る", hedged=True)]),
    # a bare hearsay is told by a person or body, not by the place or thing its topic names
    ("一部の観客が歌い出したものの、大きな騒ぎはなかったという。",
     [K(None, [], "という", "一部の観客が歌い出したものの、大きな騒ぎはなかった", hedged=True)]),
    ("地元の祭りは、今年も多くの人でにぎわったという。",
     [K(None, [], "という", "地元の祭りは、今年も多くの人でにぎわった", hedged=True)]),
    # --- the article's own hedged statements: passives and emergences the first vocabulary lacked
    ("合併後の保険料収入は、5兆円規模にまで増えると見積もられている。",
     [K(None, [], "と見積もられている", "合併後の保険料収入は、5兆円規模にまで増える", hedged=True)]),
    ("火災の原因は、たばこの火の不始末と思われる。",
     [K(None, [], "と思われる", "火災の原因は、たばこの火の不始末", hedged=True)]),
    ("新党の党首が首相候補になるとの予測があった。",
     [K(None, [], "との予測があった", "新党の党首が首相候補になる", hedged=True)]),
    # a によると after the hedged clause sources the rest of the sentence, not the hedge
    ("台風は今後、大陸に上陸すると見られ、地元の新聞によると、気象台は警報を出した。",
     [K(None, [], "と見られ", "台風は今後、大陸に上陸する", hedged=True),
      K("地元の新聞", [], "によると", "気象台は警報を出した")]),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_real_news_sentence(nlp, text, expected):
    doc = nlp(text)
    got = C.find_claims(doc)
    assert [_summary(c) for c in got] == expected
    for c in got:
        for p in [c["cue"], c["content"]] + ([c["speaker"]] if c["speaker"] else []) + c["sources"]:
            if "start" in p and p.get("start") is not None:
                assert doc.text[p["start"]:p["end"]] == p["text"], p


def test_multi_line_quotation_is_one_claim(nlp):
    """A quotation printed one sentence a line, as real articles do, stays one direct claim."""
    text = "歌手の山田さんは振り返った。\n「最初は不安でした。\n客席の声援で力が出ました。\nまた来たいです」と語った。"
    got = C.find_claims(nlp(text))
    assert [(_summary(c)[0], _summary(c)[3], _summary(c)[4]) for c in got] == [
        ("山田さん", "最初は不安でした。\n客席の声援で力が出ました。\nまた来たいです", True)]


def test_a_comma_ends_a_bunsetu(nlp):
    """GiNZA may glue the words around a comma into one phrase; the claims' bunsetu never span a comma."""
    from kimputin_cli.components.claims.sentence import _bunsetus
    doc = nlp("毎日新聞によれば、軍が大統領府から大統領を連行した。")
    for b in _bunsetus(doc, 0, len(doc)):
        inner = [doc[k].text for k in range(b.start, b.end)]
        assert "、" not in inner, b.text


def test_source_nouns_make_by_phrases():
    from kimputin_cli.components.claims.vocab import BY, source_class
    for rel in ("の発表によると", "の調べでは", "などによれば", "などの報道によると"):
        assert source_class(rel) == BY, rel
