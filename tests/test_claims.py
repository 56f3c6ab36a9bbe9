"""Tests for kimputin_cli.components.claims (issue 3: attributed claims)."""
from __future__ import annotations

from pathlib import Path

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from kimputin_cli.components import claims as C

from helpers import K
from helpers import claim_summary as _summary

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_c73a4b2870458b57.txt"


# ---------------------------------------------------------------------------------------------
# (a) sentences of our own, news style. Each expected claim:
#     (speaker or None, [(source, relation), ...], cue, content, direct, hedged)
# ---------------------------------------------------------------------------------------------
XF = pytest.mark.xfail

CASES = [
    # --- subject は, time expression between subject and content
    ("日本政府は12日、中国の海洋調査船が排他的経済水域で無許可の調査を行ったと発表しました。",
     [K("日本政府", [], "と発表しました", "中国の海洋調査船が排他的経済水域で無許可の調査を行った")]),
    ("気象庁は、今後1週間は平年より気温が高くなる見込みだと説明しています。",
     [K("気象庁", [], "と説明しています", "今後1週間は平年より気温が高くなる見込みだ", hedged=True)]),
    ("フランスのマクロン大統領は、欧州の防衛力を強化する必要があると強調しました。",
     [K("マクロン大統領", [], "と強調しました", "欧州の防衛力を強化する必要がある")]),
    ("東京電力は、処理水の放出作業を来月再開すると明らかにしました。",
     [K("東京電力", [], "と明らかにしました", "処理水の放出作業を来月再開する")]),
    ("財務省は、先月の貿易収支が3か月ぶりに赤字になったと発表しました。",
     [K("財務省", [], "と発表しました", "先月の貿易収支が3か月ぶりに赤字になった")]),
    ("韓国の外務省は、日本の教科書検定の結果について遺憾だと批判しました。",
     [K("韓国の外務省", [], "と批判しました", "日本の教科書検定の結果について遺憾だ")]),
    ("会社側は、事故の原因はまだ分かっていないと話しています。",
     [K("会社側", [], "と話しています", "事故の原因はまだ分かっていない")]),
    # --- appositive: the last conjunct names the speaker
    ("イギリスの公共放送、BBCは、首相官邸の職員が規則に違反していたと報じました。",
     [K("BBC", [], "と報じました", "首相官邸の職員が規則に違反していた")]),
    ("韓国の通信社、聯合ニュースは、北朝鮮が日本海に向けて弾道ミサイル1発を発射したと伝えました。",
     [K("聯合ニュース", [], "と伝えました", "北朝鮮が日本海に向けて弾道ミサイル1発を発射した")]),
    # --- subject も, time after the subject
    ("中国外務省も13日、日本の対応は受け入れられないと反発しました。",
     [K("中国外務省", [], "と反発しました", "日本の対応は受け入れられない")]),
    # --- main-clause subject が; an embedded とみられる hedges the claim but is not a claim itself
    ("防衛省の担当者が、ミサイルは日本の排他的経済水域の外に落下したとみられると説明しました。",
     [K("防衛省の担当者", [], "と説明しました", "ミサイルは日本の排他的経済水域の外に落下したとみられる",
        hedged=True)]),
    # --- によると / によりますと with no subject: X is the speaker
    ("関係者によりますと、火災は倉庫の2階付近から出たということです。",
     [K("関係者", [], "ということです", "火災は倉庫の2階付近から出た")]),
    ("警察によりますと、けが人はいないということです。",
     [K("警察", [], "ということです", "けが人はいない")]),
    # a bracketed age or former title between the speaker and は; a quote glued to the subject's bunsetu
    ("応援団の代表を務める井上さおりさん(58)は「15年間応援してきた」と笑顔で話していました。",
     [K("井上さおりさん", [], "話していました", "15年間応援してきた", direct=True)]),
    ("会社員の山田太郎さん(45)は「驚いた」と話していました。",
     [K("山田太郎さん", [], "と話していました", "驚いた", direct=True)]),
    # a speaker the entity rules know as a person, with a clause between it and the quote
    ("大関・霧ノ峰は、けさ、福岡市で記者会見し、「次は横綱を目指す」と意気込みを語りました。",
     [K("大関・霧ノ峰", [], "と意気込みを語りました", "次は横綱を目指す", direct=True)]),
    # zero subject: the person the previous sentence of the paragraph was about
    ("大関・霧ノ峰が初優勝を果たしました。霧ノ峰は、けがに苦しみながらも力をつけてきました。"
     "取組後のインタビューでは、「夢のようです」と涙ながらに語りました。",
     [K("霧ノ峰", [], "語りました", "夢のようです", direct=True)]),
    ("首相周辺は「解散は当面ない」と語った。",
     [K("首相周辺", [], "と語った", "解散は当面ない", direct=True)]),
    # after Xによると, a bare hearsay という reports X; the topic belongs to the content
    ("関係者によると、会社は来月にも新たな計画を発表する方針だという。",
     [K("関係者", [], "という", "会社は来月にも新たな計画を発表する方針だ")]),
    # a report verb inside the content (認める) must not take the と of によりますと as its quotative
    ("警察によりますと、男は容疑を認めているということです。",
     [K("警察", [], "ということです", "男は容疑を認めている")]),
    ("捜査関係者によりますと、男は調べに対し、容疑を否認しているということです。",
     [K("捜査関係者", [], "ということです", "男は調べに対し、容疑を否認している")]),
    ("消防によりますと、火は約3時間後に消し止められました。",
     [K("消防", [], "によりますと", "火は約3時間後に消し止められました")]),
    # --- によると before a subject that speaks in a direct quote
    ("捜査関係者によると、男は「金に困っていた」と供述しているという。",
     [K("男", [("捜査関係者", "によると")], "と供述している", "金に困っていた", direct=True)]),
    # --- nested sources
    ("ロイター通信は、複数の政府関係者の話として、両国が近く停戦交渉を再開する見通しだと伝えました。",
     [K("ロイター通信", [("複数の政府関係者", "の話として")], "と伝えました",
        "両国が近く停戦交渉を再開する見通しだ", hedged=True)]),
    ("共同通信は、外交筋の話として、首脳会談は来月上旬に開かれる方向で調整が進んでいると報じました。",
     [K("共同通信", [("外交筋", "の話として")], "と報じました",
        "首脳会談は来月上旬に開かれる方向で調整が進んでいる")]),
    ("地元メディアは、警察の話として、爆発によって少なくとも5人が死亡したと伝えています。",
     [K("地元メディア", [("警察", "の話として")], "と伝えています", "爆発によって少なくとも5人が死亡した")]),
    ("AP通信は、地元当局によると、洪水で数千人が避難を余儀なくされていると伝えました。",
     [K("AP通信", [("地元当局", "によると")], "と伝えました", "洪水で数千人が避難を余儀なくされている")]),
    # --- を通じて before the content and between content and cue
    ("イランは、国営テレビを通じて、新たな核施設の建設を始めたと発表しました。",
     [K("イラン", [("国営テレビ", "を通じて")], "と発表しました", "新たな核施設の建設を始めた")]),
    ("経済産業省は15日、去年1年間の国内の半導体生産額が過去最高を更新したと、ホームページで公表しました。",
     [K("経済産業省", [], "公表しました", "去年1年間の国内の半導体生産額が過去最高を更新した")]),
    # --- one subject, two coordinated reports
    ("文部科学省は、教員の負担を減らすため部活動の地域移行を進めるとしたうえで、自治体への財政支援を拡充する方針を示しました。",
     [K("文部科学省", [], "としたうえで", "教員の負担を減らすため部活動の地域移行を進める"),
      K("文部科学省", [], "方針を示しました", "自治体への財政支援を拡充する")]),
    ("首相は、賃上げの流れを地方にも広げたいと述べ、経済対策を月内にまとめる考えを示しました。",
     [K("首相", [], "と述べ", "賃上げの流れを地方にも広げたい"),
      K("首相", [], "考えを示しました", "経済対策を月内にまとめる")]),
    ("労働組合は、賃上げの実現は不十分だと主張しているほか、交渉を続けると訴えています。",
     [K("労働組合", [], "と主張している", "賃上げの実現は不十分だ"),
      K("労働組合", [], "と訴えています", "交渉を続ける")]),
    # --- a report in a relative clause
    ("市長が先月、来年度から導入すると表明した新たな補助制度について、議会で異論が相次いでいます。",
     [K("市長", [], "と表明した", "来年度から導入する")]),
    ("政府が安全性に問題はないと説明してきた新型の検査機器で、不具合が見つかりました。",
     [K("政府", [], "と説明してきた", "安全性に問題はない")]),
    # --- direct quotes, speaker before and after
    ("岸田総理大臣は記者団に対し「物価高への対策に全力で取り組む」と述べました。",
     [K("岸田総理大臣", [], "と述べました", "物価高への対策に全力で取り組む", direct=True)]),
    ("「地域の医療を守るため、あらゆる手段を尽くしたい」と、県の担当者は話しています。",
     [K("県の担当者", [], "話しています", "地域の医療を守るため、あらゆる手段を尽くしたい", direct=True)]),
    ("大会を終えた選手は「最後まで全力を出し切ることができた」と笑顔で語りました。",
     [K("選手", [], "語りました", "最後まで全力を出し切ることができた", direct=True)]),
    ("国連のグテーレス事務総長は声明で「民間人への攻撃は決して容認できない」と非難しました。",
     [K("グテーレス事務総長", [], "と非難しました", "民間人への攻撃は決して容認できない", direct=True)]),
    ("外務省関係者は、「現時点で邦人が被害を受けたという情報はない」と話しています。",
     [K("外務省関係者", [], "と話しています", "現時点で邦人が被害を受けたという情報はない", direct=True)]),
    # --- 「」 for names and scare quotes, negated and passive non-reports: no claim
    ("政府は新たな経済対策を「総合経済対策」と名付けました。", []),
    ("専門家の間では、今回の措置を「事実上の輸出規制」と呼ぶ声もあります。", []),
    ("「ふるさと納税」の利用者は、昨年度、過去最多となりました。", []),
    ("事故の詳しい原因は明らかになっていません。", []),
    ("政府は、具体的な支援策についてはまだ発表していません。", []),
    ("会談の内容は公表されていません。", []),
    # --- unattributed hedged statements
    ("円安の進行で、輸入物価はさらに上昇するとみられます。",
     [K(None, [], "とみられます", "円安の進行で、輸入物価はさらに上昇する", hedged=True)]),
    ("新たな変異ウイルスは感染力が強いとみられています。",
     [K(None, [], "とみられています", "新たな変異ウイルスは感染力が強い", hedged=True)]),
    ("今回の人事には、党内の結束を固めるねらいがあるとみられます。",
     [K(None, [], "とみられます", "今回の人事には、党内の結束を固めるねらいがある", hedged=True)]),
    ("市場では、日銀が年内に追加の利上げに踏み切るのではないかとの見方が出ています。",
     [K(None, [], "との見方が出ています", "日銀が年内に追加の利上げに踏み切るのではないか", hedged=True)]),
    ("被害額は数十億円に上るとされています。",
     [K(None, [], "とされています", "被害額は数十億円に上る", hedged=True)]),
    ("この判断が経営に影響を及ぼしたと指摘されています。",
     [K(None, [], "と指摘されています", "この判断が経営に影響を及ぼした", hedged=True)]),
    ("両国の関係は今後さらに冷え込む可能性があるとみられます。",
     [K(None, [], "とみられます", "両国の関係は今後さらに冷え込む可能性がある", hedged=True)]),
    # --- setting of the report (定例会見で、) is not part of the content
    ("中国国防省の報道官は、28日の定例会見で、アメリカ軍の偵察活動が地域の緊張を高めていると批判しました。",
     [K("中国国防省の報道官", [], "と批判しました", "アメリカ軍の偵察活動が地域の緊張を高めている")]),
    ("インドの首相府は声明で、両国の首脳が経済協力の拡大で合意したと発表しました。",
     [K("インドの首相府", [], "と発表しました", "両国の首脳が経済協力の拡大で合意した")]),
    # --- only the quoted report is a claim; a plain denial of "これ" is not
    ("ロシア側は、ウクライナ軍が国境付近の村を砲撃したと主張していますが、ウクライナ側はこれを否定しています。",
     [K("ロシア側", [], "と主張しています", "ウクライナ軍が国境付近の村を砲撃した")]),
    # --- stance nouns: との認識を示す, という見方を示す
    ("日銀の植田総裁は、物価目標の実現が見通せる状況にはまだ至っていないとの認識を示しました。",
     [K("植田総裁", [], "との認識を示しました", "物価目標の実現が見通せる状況にはまだ至っていない")]),
    ("与党の幹部は、法案の今国会での成立は難しいという見方を示しました。",
     [K("与党の幹部", [], "という見方を示しました", "法案の今国会での成立は難しい", hedged=True)]),
    # --- …として (reason claimed for an action)
    ("野党側は、政府の説明は不十分だとして、審議の中断を求めています。",
     [K("野党側", [], "として", "政府の説明は不十分だ")]),
    # --- a sentence with no subject continues the previous speaker (そのうえで「…」と述べました)
    ("環境相は、温室効果ガスの削減目標を引き上げると表明しました。そのうえで「産業界の協力が欠かせない」と述べました。",
     [K("環境相", [], "と表明しました", "温室効果ガスの削減目標を引き上げる"),
      K("環境相", [], "と述べました", "産業界の協力が欠かせない", direct=True)]),
    # --- 「…」として in one bunsetu; the statement it comes with (声明を発表し、) is not content
    ("赤十字国際委員会は声明を発表し、「人道支援の車列が攻撃されたことは極めて遺憾だ」として、双方に自制を求めました。",
     [K("赤十字国際委員会", [], "として", "人道支援の車列が攻撃されたことは極めて遺憾だ", direct=True)]),
    ("労働組合の連合会は声明を出し、最低賃金の引き上げ幅は物価の上昇に追いついていないと批判しています。",
     [K("労働組合の連合会", [], "と批判しています", "最低賃金の引き上げ幅は物価の上昇に追いついていない")]),
    # --- a が-subject outlet with a source, and a topic inside the content
    ("アメリカのワシントン・ポストが複数の当局者の話として、北朝鮮は新たな発射台を建設していると報じました。",
     [K("ワシントン・ポスト", [("複数の当局者", "の話として")], "と報じました", "北朝鮮は新たな発射台を建設している")]),
    # --- two topics: the first reports, the second belongs to the content
    ("検察側は、被告は当初から返済する意思がなかったと指摘しました。",
     [K("検察側", [], "と指摘しました", "被告は当初から返済する意思がなかった")]),
    # --- a clause boundary (…が、) separates an earlier topic from the reporting subject
    ("北朝鮮は新型ミサイルの開発を進めていますが、韓国政府は実戦配備にはなお時間がかかると分析しています。",
     [K("韓国政府", [], "と分析しています", "実戦配備にはなお時間がかかる")]),
    # --- an instruction (…と説明するよう) and a quoted label (「建設中」として) are not reports
    ("会社は社員に対し、商品は安全だと説明するよう指示していました。", []),
    ("市は、工事が遅れている施設を「建設中」として公開しています。", []),
    # --- 体言止め (…と指摘。) and an adverb inside a stance cue (立場を改めて示した)
    ("野党の代表は「説明責任を果たしていない」と指摘。",
     [K("野党の代表", [], "と指摘", "説明責任を果たしていない", direct=True)]),
    ("官房長官は、現時点で制度を見直す必要はないとの立場を改めて示しました。",
     [K("官房長官", [], "との立場を改めて示しました", "現時点で制度を見直す必要はない")]),
    # --- …ていて、 closes the clause before an unattributed view
    ("県は先月から注意を呼びかけていて、被害はさらに広がるおそれがあるとの見方も出ています。",
     [K(None, [], "との見方も出ています", "被害はさらに広がるおそれがある", hedged=True)]),
    # --- an alias in parentheses stays in the name; the statement (談話を発表し、) is not content
    ("北朝鮮ではきのう、キム・ヨジョン(金与正)党副部長が談話を発表し、「演習は露骨な挑発だ」と非難しました。",
     [K("キム・ヨジョン(金与正)党副部長", [], "と非難しました", "演習は露骨な挑発だ", direct=True)]),
    # --- によると with a media outlet: the name, not "韓国の" + name
    ("韓国の聯合ニュースによると、両国の外相は来週ソウルで会談するということです。",
     [K("聯合ニュース", [], "ということです", "両国の外相は来週ソウルで会談する")]),
    # --- a forecast reported by an organization is hedged; 不服として is not a quotative
    ("国際通貨基金は、日本の今年の成長率が0.9%にとどまるという予測を公表しました。",
     [K("国際通貨基金", [], "という予測を公表しました", "日本の今年の成長率が0.9%にとどまる", hedged=True)]),
    ("被告の弁護士は、判決を不服として控訴する方針を明らかにしました。",
     [K("被告の弁護士", [], "方針を明らかにしました", "判決を不服として控訴する")]),
    # --- a sentence-final hedge with no quotative: the article's own hedged statement
    ("政府は来週にも新たな経済対策を決定する見通しです。",
     [K(None, [], "見通しです", "政府は来週にも新たな経済対策を決定する", hedged=True)]),
    ("この影響で、週末にかけて交通機関が乱れる可能性があります。",
     [K(None, [], "可能性があります", "この影響で、週末にかけて交通機関が乱れる", hedged=True)]),
    # --- a report verb quoted inside someone's words is not a claim of its own
    ("男性は「主張が認められて、ほっとしている」と話しました。",
     [K("男性", [], "と話しました", "主張が認められて、ほっとしている", direct=True)]),
    # --- Xによると、Yは…: Y speaks and X is the outer source; …について、 is the topic of the report
    ("聯合ニュースによると、韓国軍の合同参謀本部は、北朝鮮が発射したのは中距離級の弾道ミサイルだと明らかにしました。",
     [K("韓国軍の合同参謀本部", [("聯合ニュース", "によると")], "と明らかにしました",
        "北朝鮮が発射したのは中距離級の弾道ミサイルだ")]),
    ("岸田首相は、定額減税について、ことし6月から確実に実施する考えを示した。",
     [K("岸田首相", [], "考えを示した", "ことし6月から確実に実施する")]),
    # --- …とも述べました, 「…」などと述べました
    ("知事は、対策が遅れたことは遺憾だとも述べました。",
     [K("知事", [], "とも述べました", "対策が遅れたことは遺憾だ")]),
    ("首相は「全力で取り組む」などと述べました。",
     [K("首相", [], "などと述べました", "全力で取り組む", direct=True)]),
    # --- …だとする判断を示しました: the content stops before とする
    ("最高裁判所は、管理監督者にあたるかどうかは実際の権限で判断すべきだとする判断を示しました。",
     [K("最高裁判所", [], "とする判断を示しました", "管理監督者にあたるかどうかは実際の権限で判断すべきだ")]),
    # --- a quotation that continues on the next line stays one claim
    ("男性は「会社に裏切られた。\n主張が認められてほっとしている」と話しました。",
     [K("男性", [], "と話しました", "会社に裏切られた。\n主張が認められてほっとしている", direct=True)]),
    # --- a noun before とみられ (…構えとみられます), but not an attributive (…とみられる人物)
    ("野党側は、今後も追及を強める構えとみられます。",
     [K(None, [], "とみられます", "野党側は、今後も追及を強める構え", hedged=True)]),
    ("首相とプーチン大統領とみられる人物が写っています。", []),
    # --- a hedge noun with an agentless passive report: …おそれも指摘されています
    ("開幕に間に合わない施設が出るおそれも指摘されています。",
     [K(None, [], "おそれも指摘されています", "開幕に間に合わない施設が出る", hedged=True)]),
    # --- known limitations
    # --- an emergence cue with an agent locus: 専門家からは…との声 (attributed, hedged)
    ("専門家からは、規制の強化が必要だとの声が上がっています。",
     [K("専門家", [], "との声が上がっています", "規制の強化が必要だ", hedged=True)]),
    ("与党内には、増税の議論は選挙の後に先送りすべきだとの意見もあります。",
     [K("与党内", [], "との意見もあります", "増税の議論は選挙の後に先送りすべきだ", hedged=True)]),
    # --- …ことが Xへの取材でわかりました: X is the speaker; with no 取材 it is the article's own finding
    ("警察庁は、運転免許の更新手続きをオンライン化する方針を固めたことが関係者への取材でわかりました。",
     [K("関係者", [], "ことが関係者への取材でわかりました",
        "警察庁は、運転免許の更新手続きをオンライン化する方針を固めた")]),
    ("新たな制度が来年4月から始まることがわかりました。", []),
    # --- a quotation of several sentences, and a quote picked up by こう in the next sentence
    ("市の担当者は「予想を上回る応募があった。今後は対象を広げたい」と話しています。",
     [K("市の担当者", [], "と話しています", "予想を上回る応募があった。今後は対象を広げたい", direct=True)]),
    ("「安全対策が十分だったとは言えない」。事故を調べている専門家はこう指摘しました。",
     [K("専門家", [], "こう指摘しました", "安全対策が十分だったとは言えない", direct=True)]),
    # --- a feeling noun voiced with a quote (と笑顔を見せました, と手応えを口にしました)
    ("田中選手は「チームのために点を取れてうれしい」と笑顔を見せました。",
     [K("田中選手", [], "と笑顔を見せました", "チームのために点を取れてうれしい", direct=True)]),
    ("監督は「守り勝つ野球ができた」と手応えを口にしました。",
     [K("監督", [], "と手応えを口にしました", "守り勝つ野球ができた", direct=True)]),
    # --- a bare adjective before a stance noun states nothing
    ("政府は慎重な姿勢を示しています。", []),
    # --- people counted (住民の一人は, 2人は) speak
    ("参加した住民の一人は「怖かった」と話していました。",
     [K("住民の一人", [], "と話していました", "怖かった", direct=True)]),
    # --- a が-subject inside a relative clause of the frame does not report
    ("鈴木大臣は、容疑者らが逮捕された翌日の記者会見で、「断じて許されない」と述べました。",
     [K("鈴木大臣", [], "と述べました", "断じて許されない", direct=True)]),
    # --- the people before 間/中 of a locus are the speaker of an emerging view
    ("関係者の間では、開幕に間に合わないとの見方も出ています。",
     [K("関係者", [], "との見方も出ています", "開幕に間に合わない", hedged=True)]),
    # --- a view reported as hearsay (…という声も出ているということです) is still the article's hedge
    ("党内からは「説明が足りない」という声も出ているということです。",
     [K(None, [], "という声も出ているという", "説明が足りない", direct=True, hedged=True)]),
    # --- after Xによりますと, the following …ということです sentences go on reporting X
    ("警察によりますと、男は店の前で刃物を振り回したということです。"
     "男はその場で取り押さえられ、けが人はいなかったということです。",
     [K("警察", [], "ということです", "男は店の前で刃物を振り回した"),
      K("警察", [], "ということです", "男はその場で取り押さえられ、けが人はいなかった")]),
    # --- but not after a heading, and not without a source
    ("けが人はいなかったということです。", []),
    # --- the topic of the previous sentence, across a line break within a paragraph, with a title
    ("高森被告は、各地で開いたセミナーにたびたび登場していました。\n"
     "平成29年のセミナーでは、「太陽の光は枯れることのない資源だ」と語っていました。",
     [K("高森被告", [], "と語っていました", "太陽の光は枯れることのない資源だ", direct=True)]),
    # --- but not across a blank line (a new paragraph)
    ("高森被告は、各地で開いたセミナーにたびたび登場していました。\n\n"
     "平成29年のセミナーでは、「太陽の光は枯れることのない資源だ」と語っていました。",
     [K(None, [], "と語っていました", "太陽の光は枯れることのない資源だ", direct=True)]),
    # --- appeals, apologies, plans; directives ending in よう
    ("署長は、「家族を名乗る電話があったら確認してほしい」と呼びかけています。",
     [K("署長", [], "と呼びかけています", "家族を名乗る電話があったら確認してほしい", direct=True)]),
    ("気象庁は、あすにかけて土砂災害に警戒するよう呼びかけています。",
     [K("気象庁", [], "よう呼びかけています", "あすにかけて土砂災害に警戒する")]),
    ("社長は記者会見で「ご迷惑をおかけした」と謝罪しました。",
     [K("社長", [], "と謝罪しました", "ご迷惑をおかけした", direct=True)]),
    ("会社は、来年度までに新たな工場を建設する計画も明らかにしました。",
     [K("会社", [], "計画も明らかにしました", "来年度までに新たな工場を建設する")]),
    ("林田氏は「予備費の活用も含めて検討する」と述べるにとどめました。",
     [K("林田氏", [], "と述べるにとどめました", "予備費の活用も含めて検討する", direct=True)]),
    # --- a negation inside the quote is not the cue's (「容認できない」として)
    ("事務総長は「容認できない」として、即時停戦を求めました。",
     [K("事務総長", [], "として", "容認できない", direct=True)]),
    # --- investigators' view: …とみて調べています
    ("警視庁は、男が同様の手口で犯行を繰り返していたとみて調べています。",
     [K("警視庁", [], "とみて調べています", "男が同様の手口で犯行を繰り返していた", hedged=True)]),
    # --- Xへの取材で at the head of the sentence
    ("捜査関係者への取材で、男が事件の前に現場を下見していたことがわかりました。",
     [K("捜査関係者", [], "ことがわかりました", "男が事件の前に現場を下見していた")]),
    # --- an allegation: …したとして + a passive main verb; the source of the sentence alleges it
    ("容疑者は、会社の金を着服したとして逮捕されました。",
     [K(None, [], "として", "容疑者は、会社の金を着服した", hedged=True)]),
    ("起訴状によりますと、被告は、会社の金を着服したとして、業務上横領の罪に問われています。",
     [K("起訴状", [], "として", "被告は、会社の金を着服した", hedged=True)]),
    # --- によりますと with a quote inside: the source's own report is kept too
    ("警察によりますと、男は「金を使い込んだ」などとうそを言って、現金をだまし取った疑いが持たれています。",
     [K("男", [("警察", "によりますと")], "言って", "金を使い込んだ", direct=True),
      K("警察", [], "によりますと",
        "男は「金を使い込んだ」などとうそを言って、現金をだまし取った疑いが持たれています")]),
    # --- the agent of a passive report speaks (信者から「…」と言われ); the source's report stays beside it
    ("判決によりますと、女性は信者から「献金すれば救われる」などと言われ、多額の献金をしたということです。",
     [K("信者", [("判決", "によりますと")], "などと言われ", "献金すれば救われる", direct=True),
      K("判決", [], "ということです", "女性は信者から「献金すれば救われる」などと言われ、多額の献金をした")]),
    # --- a prevailing view; a hedge noun after Xによりますと is no content
    ("市場関係者の間では、追加の利上げは見送られるという見方が大勢です。",
     [K("市場関係者", [], "という見方が大勢です", "追加の利上げは見送られる", hedged=True)]),
    ("外務省によりますと、会談は来月開かれる見通しです。",
     [K("外務省", [], "によりますと", "会談は来月開かれる", hedged=True)]),
    # --- Xによりますと、…ということで、…: the hearsay ends mid-sentence, the rest goes on
    ("関係者によりますと、一部の国は方式の切り替えを検討しているということで、開幕に間に合わないおそれも指摘されています。",
     [K("関係者", [], "ということで", "一部の国は方式の切り替えを検討している"),
      K(None, [], "おそれも指摘されています", "開幕に間に合わない", hedged=True)]),
    # --- newspaper style: the speaker credited in brackets after the quote; an age in brackets is no credit
    ("市場では「株価の本格的な回復は難しい」（国内証券アナリスト）との声が出ている。",
     [K("国内証券アナリスト", [], "（国内証券アナリスト）", "株価の本格的な回復は難しい", direct=True)]),
    ("「驚いた」(45)。", []),
    # --- a label in quotes before として is no statement
    ("地元の住民が毎朝「見守り隊」として子どもたちの登校を見守っています。", []),
    # --- a finding compiled by a body named after it; praise as a report
    ("高齢者の半数以上が室内で発症していたとする分析結果を、東北医科大学などの研究グループがまとめました。",
     [K("東北医科大学などの研究グループ", [], "まとめました", "高齢者の半数以上が室内で発症していた")]),
    ("親方は「一番遅くまで残る努力家だ」と弟子をたたえました。",
     [K("親方", [], "たたえました", "一番遅くまで残る努力家だ", direct=True)]),
    # --- the passive of a quoted clause is the content's, not the cue's (…支払われなかったとして)
    ("元社員ら12人が、残業代が支払われなかったとして、会社を訴えました。",
     [K("元社員ら12人", [], "として", "残業代が支払われなかった")]),
    # --- a conjecture そう (after the 連用形) hedges; the hearsay そう after Xによると is no content
    ("交渉は難航しそうだ。", [K(None, [], "そうだ", "交渉は難航し", hedged=True)]),
    ("関係者によると、来月には再開するそうです。", [K("関係者", [], "によると", "来月には再開する")]),
    ("雨が降りそうな天気です。", []),
    # --- the topic a sentence opens with, parsed as the subject of the report, speaks (no vocabulary needed)
    ("メルカリは16日、新サービスを始めると発表した。",
     [K("メルカリ", [], "と発表した", "新サービスを始める")]),
    ("長男は「判決に納得できない」と話した。",
     [K("長男", [], "と話した", "判決に納得できない", direct=True)]),
    # --- gestures and rulings that voice a quote
    ("山本裁判長は「供述は信用できない」と退けた。",
     [K("山本裁判長", [], "と退けた", "供述は信用できない", direct=True)]),
    ("監督は「次は優勝だ」と胸を張った。", [K("監督", [], "と胸を張った", "次は優勝だ", direct=True)]),
    ("選手は「うれしい」と声を弾ませた。", [K("選手", [], "と声を弾ませた", "うれしい", direct=True)]),
    # --- 「…」とするコメントを出しました: one claim, the fuller cue
    ("元役員は、「情報が知らされていなかった」とするコメントを出しました。",
     [K("元役員", [], "とするコメントを出しました", "情報が知らされていなかった", direct=True)]),
    # --- a company and its address in brackets: the address is no credit
    ("運営する「ひだまりケア」（東京都品川区）は「再発防止に努める」とコメントした。",
     [K("ひだまりケア", [], "とコメントした", "再発防止に努める", direct=True)]),
    # --- Xによりますと + a hedge: X states it, hedged
    ("警察によりますと、男は酒に酔っていたとみられます。",
     [K("警察", [], "とみられます", "男は酒に酔っていた", hedged=True)]),
    # --- a finding from a body's survey; a body's …ということです; but not a person's event
    ("高齢者の3割が運動不足の状態にあることが、厚生労働省の調査で分かりました。",
     [K("厚生労働省", [], "ことが、厚生労働省の調査で分かりました", "高齢者の3割が運動不足の状態にある")]),
    ("市は、来月から支援金の申請受け付けを始めるということです。",
     [K("市", [], "ということです", "来月から支援金の申請受け付けを始める")]),
    ("男は、その場で取り押さえられたということです。", []),
    # --- を通じ as a source
    ("俳優は、弁護士を通じ「深くおわびする」とコメントした。",
     [K("俳優", [("弁護士", "を通じ")], "とコメントした", "深くおわびする", direct=True)]),
    # --- a bare hearsay という names no source: not the previous sentence's topic, the article's hedge
    ("ブレイズは10月4日、開幕戦に臨む。チケットは発売から2日で完売したという。",
     [K(None, [], "という", "チケットは発売から2日で完売した", hedged=True)]),
    # --- speakers joined by や / と share the report
    ("警察や消防によりますと、住宅から火が出ていると通報がありました。",
     [K("警察や消防", [], "によりますと", "住宅から火が出ていると通報がありました")]),
    ("田中外相と山田防衛相は「連携を強化する」と述べた。",
     [K("田中外相と山田防衛相", [], "と述べた", "連携を強化する", direct=True)]),
    # --- a partial quote ends an indirect content: the speaker is the clause's, not a が inside it
    ("田中外相は、日本が協力すれば「大きな成果が得られる」と述べた。",
     [K("田中外相", [], "と述べた", "日本が協力すれば「大きな成果が得られる」")]),
    ("外交筋の間では、来年の選挙をにらんだ「二面作戦」との見方が出ている。",
     [K("外交筋", [], "との見方が出ている", "来年の選挙をにらんだ「二面作戦」", hedged=True)]),
    ("首相は記者団に対し「全力を尽くす」と述べた。",
     [K("首相", [], "と述べた", "全力を尽くす", direct=True)]),
    # --- several bracket credits in a row
    ("「負担が大きすぎる」（閣僚経験者）、「説明が足りない」（中堅議員）など、懸念の声が相次ぐ。",
     [K("閣僚経験者", [], "（閣僚経験者）", "負担が大きすぎる", direct=True),
      K("中堅議員", [], "（中堅議員）", "説明が足りない", direct=True)]),
    # --- an active とみている is the subject's hedged view
    ("警察は、男が事件に関与したとみている。",
     [K("警察", [], "とみている", "男が事件に関与した", hedged=True)]),
    # --- a sentence that is only a source and a report names the source of the sentence before
    ("政府は新たな経済対策の最終調整に入った。複数の政府・与党関係者が19日、明らかにした。",
     [K("複数の政府・与党関係者", [], "明らかにした", "政府は新たな経済対策の最終調整に入った")]),
    ("首相は会見を開いた。首相は対策を発表した。", []),
    # --- the addressee of a report is no content
    ("関係筋は共同通信に対し、首相が訪米する意向だと明らかにした。",
     [K("関係筋", [], "と明らかにした", "首相が訪米する意向だ")]),
    # --- a named speaker of its own is not replaced by the previous sentence's (事務総長は同日 glued by GiNZA)
    ("AP通信によると、報道官は「検討している」と述べた。\n\n"
     "NATOのストランド事務総長は同日、本部で「決めてはならない」と強調した。",
     [K("報道官", [("AP通信", "によると")], "と述べた", "検討している", direct=True),
      K("ストランド事務総長", [], "と強調した", "決めてはならない", direct=True)]),
    # --- Xは、…とする研究結果を、…に発表した: X publishes what its finding says (however far the verb)
    ("研究チームは、睡眠不足が続くとリスクが高まるとする研究結果を、ことし7月、アメリカの医学雑誌に発表しました。",
     [K("研究チーム", [], "とする", "睡眠不足が続くとリスクが高まる")]),
    ("政府は、景気は緩やかに回復しているとする月例経済報告を、関係閣僚会議に提出しました。",
     [K("政府", [], "とする", "景気は緩やかに回復している")]),
    # --- headline style: the bare noun phrase right before the quote speaks (not a time before it)
    ("総統府「挑発行為」と非難", [K("総統府", [], "と非難", "挑発行為", direct=True)]),
    ("村瀬被告が令和2年3月、「資金が尽きます」と報告しました。",
     [K("村瀬被告", [], "と報告しました", "資金が尽きます", direct=True)]),
    # --- Xによると + a hedge noun: X's, hedged
    ("球団関係者によると、譲渡金は20億円を超える可能性がある。",
     [K("球団関係者", [], "可能性がある", "譲渡金は20億円を超える", hedged=True)]),
    # --- a suspect's answer, and the hearsay という + こと that closes it is no noun modified
    ("男は調べに対し「金に困っていた」と容疑を認めているということです。",
     [K("男", [], "と容疑を認めているという", "金に困っていた", direct=True)]),
    ("作家の北原さんは「言葉に厳しい人だった」としのんだ。",
     [K("北原さん", [], "としのんだ", "言葉に厳しい人だった", direct=True)]),
    # --- warnings, emerging guesses, suggestions, investigators' identification
    ("野党幹部は「解散すれば理解は得られない」とくぎを刺す。",
     [K("野党幹部", [], "とくぎを刺す", "解散すれば理解は得られない", direct=True)]),
    ("首相が会期末に解散に踏み切るとの観測もくすぶる。",
     [K(None, [], "との観測もくすぶる", "首相が会期末に解散に踏み切る", hedged=True)]),
    ("報道官は、対抗措置を取る可能性を示唆した。",
     [K("報道官", [], "可能性を示唆した", "対抗措置を取る", hedged=True)]),
    ("警察は、この家に住む80代の男性とみて身元の確認を進めています。",
     [K("警察", [], "とみて身元の確認を進めています", "この家に住む80代の男性", hedged=True)]),
    # --- plain people and selves; a document states what a sentence with no subject reports
    ("近所の人は「あっという間だった」と話していました。",
     [K("近所の人", [], "と話していました", "あっという間だった", direct=True)]),
    ("論文では、睡眠不足が学力の低下につながる可能性があると指摘しています。",
     [K("論文", [], "と指摘しています", "睡眠不足が学力の低下につながる可能性がある", hedged=True)]),
    # --- a dateline is no part of the speaker; how the report was given is no part of the content
    ("【ワシントン共同】米政府高官は19日、匿名を条件に共同通信の取材に応じ、輸出規制を年内にも拡大する方針を明らかにした。",
     [K("米政府高官", [], "方針を明らかにした", "輸出規制を年内にも拡大する")]),
    # --- a credit that names only a kind of firm; Xによると … もようだ
    ("市場では「買い戻しが続くかは不透明だ」（大手証券）との声も聞かれた。",
     [K("大手証券", [], "（大手証券）", "買い戻しが続くかは不透明だ", direct=True, hedged=True)]),
    ("別の市場関係者によると、海外勢が売りを出したもようだ。",
     [K("別の市場関係者", [], "によると", "海外勢が売りを出した", hedged=True)]),
    # --- an emergence with its verb left out; the people it comes from
    ("若手議員からは「準備が間に合わない」との声も。",
     [K("若手議員", [], "との声も", "準備が間に合わない", direct=True, hedged=True)]),
    # --- a quotative inside a quote does not close a report outside it; the bracket credit does
    ("「行方を見極めたいとの雰囲気が強い」（中堅証券）という。",
     [K("中堅証券", [], "（中堅証券）", "行方を見極めたいとの雰囲気が強い", direct=True)]),
    # --- 「…」 and a lone と parsed apart; a title as the topic of the sentence before
    ("外相は19日、記者会見した。「安全保障上のリスクは高まっている」と語った。",
     [K("外相", [], "と語った", "安全保障上のリスクは高まっている", direct=True)]),
    # --- a report inside a report: the inner one came through the outer speaker
    ("党幹部の一人は、首相が周囲に「年内も選択肢の一つ」と語っていると明かす。",
     [K("首相", [("党幹部の一人", "と明かす")], "と語っている", "年内も選択肢の一つ", direct=True),
      K("党幹部の一人", [], "と明かす", "首相が周囲に「年内も選択肢の一つ」と語っている")]),
    # --- within a paragraph that goes on reporting Xによりますと, a quoted person's words came through X
    ("警察によりますと、男は店に火をつけたということです。調べに対し男は「火はつけていない」と話しているということです。",
     [K("警察", [], "ということです", "男は店に火をつけた"),
      K("男", [("警察", "によりますと")], "と話しているという", "火はつけていない", direct=True)]),
    # --- a concern stated as a fact in the content is no hedge (the cue 懸念を示した still is)
    ("同紙は複数の当局者の話として、国務省が中国との摩擦を懸念していると伝えた。",
     [K("同紙", [("複数の当局者", "の話として")], "と伝えた", "国務省が中国との摩擦を懸念している")]),
    # --- a report whose content is the object noun phrase (issue 10): indirect, the cue starts at を
    ("政府は、新たな制裁措置を発表しました。",
     [K("政府", [], "を発表しました", "新たな制裁措置")]),
]


def _check_spans(doc: Doc, c: dict) -> None:
    parts = [c["cue"], c["content"]] + ([c["speaker"]] if c["speaker"] else []) + c["sources"]
    # a speaker or source carried over from an earlier sentence has no span of its own: its antecedent has
    parts = [p if p.get("start") is not None else p["resolved_from"] for p in parts]
    for p in parts:
        assert doc.text[p["start"]:p["end"]] == p["text"], p
        if p.get("resolved_from"):  # 同氏, 知事: the antecedent is an earlier mention
            r = p["resolved_from"]
            assert doc.text[r["start"]:r["end"]] == r["text"] and r["end"] <= p["start"], p
    s = c["sentence"]
    assert 0 <= s["start"] < s["end"] <= len(doc.text)
    assert doc.text[s["start"]:s["end"]].strip() == doc.text[s["start"]:s["end"]]
    # cue and content lie in the sentence; a speaker carried over from the previous sentence may precede it
    for p in (c["cue"], c["content"]):
        assert s["start"] <= p["start"] < p["end"] <= s["end"], (p, s)
    for p in parts:
        assert p["end"] <= s["end"], (p, s)


@pytest.mark.parametrize("text,expected", CASES)
def test_sentence(nlp, text, expected):
    doc = nlp(text)
    got = C.find_claims(doc)
    assert [_summary(c) for c in got] == expected
    for c in got:
        _check_spans(doc, c)


def test_at_least_45_own_sentences():
    assert len(CASES) >= 45


def test_anonymous_flags(nlp):
    doc = nlp("ロイター通信は、複数の政府関係者の話として、両国が近く停戦交渉を再開する見通しだと伝えました。")
    (c,) = C.find_claims(doc)
    assert c["speaker"]["anonymous"] is False
    assert c["sources"][0]["anonymous"] is True
    doc = nlp("関係者によりますと、火災は倉庫の2階付近から出たということです。")
    (c,) = C.find_claims(doc)
    assert c["speaker"]["anonymous"] is True and c["speaker"]["entity"] is None

@pytest.mark.parametrize("text,speaker,anonymous", [
    ("市の担当者は「対応を急ぐ」と話しています。", "市の担当者", True),
    ("会社員の男性は「怖かった」と話していました。", "会社員の男性", True),
    ("立憲民主党の幹部の一人は、党の方針を見直す考えを明らかにしました。", "立憲民主党の幹部の一人", True),
    ("別の調査では、若者の3人に1人が、将来に不安を感じていると回答しました。", "若者の3人に1人", True),
    ("佐藤由美子さんは「怖かった」と話しました。", "佐藤由美子さん", False),
    ("ある外資系証券のアナリストは「株価は割安だ」と話す。", "外資系証券のアナリスト", True),
    ("交渉に詳しい関係者は「合意は近い」と話している。", "交渉に詳しい関係者", True),
    ("「負担が大きすぎる」（閣僚経験者）との声が出ている。", "閣僚経験者", True),
    ("大リーグ機構（MLB）関係者は「契約は近くまとまる」と話した。", "大リーグ機構（MLB）関係者", True),
])
def test_unnamed_people_are_anonymous(nlp, text, speaker, anonymous):
    (c,) = C.find_claims(nlp(text))
    assert c["speaker"]["text"] == speaker
    assert c["speaker"]["anonymous"] is anonymous


def test_content_never_holds_speaker_or_cue(nlp):
    doc = nlp("日本政府は12日、中国の海洋調査船が排他的経済水域で無許可の調査を行ったと発表しました。")
    (c,) = C.find_claims(doc)
    assert c["content"]["end"] <= c["cue"]["start"]
    assert c["speaker"]["end"] <= c["content"]["start"]
    assert not c["content"]["text"].endswith("と")


# ---------------------------------------------------------------------------------------------
# (b) unit tests of helper logic on hand-built Docs
# ---------------------------------------------------------------------------------------------
def _doc(rows, bunsetu_starts):
    """rows: (text, lemma, pos, tag, head offset, dep). bunsetu_starts: token indices starting a bunsetu."""
    words = [r[0] for r in rows]
    doc = Doc(
        Vocab(),
        words=words,
        spaces=[False] * len(words),
        lemmas=[r[1] for r in rows],
        pos=[r[2] for r in rows],
        tags=[r[3] for r in rows],
        heads=[i + r[4] for i, r in enumerate(rows)],
        deps=[r[5] for r in rows],
        sent_starts=[True] + [False] * (len(words) - 1),
    )
    doc.user_data["bunsetu_bi_labels"] = ["B" if i in bunsetu_starts else "I" for i in range(len(words))]
    return doc


# 政府 は 、 増税 する と 発表 し た 。
GOV = [
    ("政府", "政府", "NOUN", "名詞-普通名詞-一般", 6, "nsubj"),
    ("は", "は", "ADP", "助詞-係助詞", -1, "case"),
    ("、", "、", "PUNCT", "補助記号-読点", -2, "punct"),
    ("増税", "増税", "VERB", "名詞-普通名詞-サ変可能", 3, "advcl"),
    ("する", "する", "AUX", "動詞-非自立可能", -1, "aux"),
    ("と", "と", "ADP", "助詞-格助詞", -2, "case"),
    ("発表", "発表", "VERB", "名詞-普通名詞-サ変可能", 0, "ROOT"),
    ("し", "する", "AUX", "動詞-非自立可能", -1, "aux"),
    ("た", "た", "AUX", "助動詞", -2, "aux"),
    ("。", "。", "PUNCT", "補助記号-句点", -3, "punct"),
]


def test_bunsetus_trim_punctuation_and_link_heads():
    doc = _doc(GOV, {0, 3, 6})
    buns = C._bunsetus(doc, 0, len(doc))
    assert [b.text for b in buns] == ["政府は", "増税すると", "発表した"]
    assert [b.head_bun for b in buns] == [2, 2, -1]
    assert buns[0].ends_with_comma and not buns[1].ends_with_comma
    assert C._topic_particle(buns[0]) == "は"
    assert C._topic_particle(buns[1]) is None


def test_quotative_marker_needs_a_predicate_before_to():
    doc = _doc(GOV, {0, 3, 6})
    buns = C._bunsetus(doc, 0, len(doc))
    assert C._quotative(buns[1]) == 5  # 増税する|と
    # 大統領 と (comitative) is not a quotative
    doc2 = _doc([
        ("大統領", "大統領", "NOUN", "名詞-普通名詞-一般", 2, "obl"),
        ("と", "と", "ADP", "助詞-格助詞", -1, "case"),
        ("会談", "会談", "VERB", "名詞-普通名詞-サ変可能", 0, "ROOT"),
        ("し", "する", "AUX", "動詞-非自立可能", -1, "aux"),
        ("た", "た", "AUX", "助動詞", -2, "aux"),
    ], {0, 2})
    assert C._quotative(C._bunsetus(doc2, 0, len(doc2))[0]) is None


def test_find_claims_on_hand_built_doc():
    doc = _doc(GOV, {0, 3, 6})
    (c,) = C.find_claims(doc)
    assert c["speaker"]["text"] == "政府"
    assert c["content"]["text"] == "増税する"
    assert c["cue"]["text"] == "と発表した"
    assert c["sentence"] == {"start": 0, "end": len(doc.text)}


def test_negated_report_is_not_a_cue():
    rows = GOV[:7] + [
        ("し", "する", "AUX", "動詞-非自立可能", -1, "aux"),
        ("て", "て", "SCONJ", "助詞-接続助詞", -2, "mark"),
        ("い", "いる", "VERB", "動詞-非自立可能", -1, "fixed"),
        ("ませ", "ます", "AUX", "助動詞", -4, "aux"),
        ("ん", "ぬ", "AUX", "助動詞", -5, "aux"),
        ("。", "。", "PUNCT", "補助記号-句点", -6, "punct"),
    ]
    doc = _doc(rows, {0, 3, 6})
    assert C.find_claims(doc) == []


def test_source_phrase_spans_bunsetu():
    # 報道官 の | 話 と し て 、 | …
    rows = [
        ("報道官", "報道官", "NOUN", "名詞-普通名詞-一般", 2, "nmod"),
        ("の", "の", "ADP", "助詞-格助詞", -1, "case"),
        ("話", "話", "NOUN", "名詞-普通名詞-サ変可能", 0, "ROOT"),
        ("と", "と", "ADP", "助詞-格助詞", -1, "case"),
        ("し", "する", "AUX", "動詞-非自立可能", -2, "fixed"),
        ("て", "て", "SCONJ", "助詞-接続助詞", -3, "fixed"),
        ("、", "、", "PUNCT", "補助記号-読点", -4, "punct"),
    ]
    doc = _doc(rows, {0, 2})
    buns = C._bunsetus(doc, 0, len(doc))
    rel, start = C._source_match(buns[1], buns)
    assert rel == "の話として" and start == 1
    src = C._source_from_bun(buns, 1, rel, start)
    assert src["text"] == "報道官" and src["relation"] == "の話として"


def test_np_keeps_place_modifier_only_for_generic_heads():
    rows = [
        ("韓国", "韓国", "PROPN", "名詞-固有名詞-地名-国", 2, "nmod"),
        ("の", "の", "ADP", "助詞-格助詞", -1, "case"),
        ("中央", "中央", "NOUN", "名詞-普通名詞-一般", 1, "compound"),
        ("銀行", "銀行", "NOUN", "名詞-普通名詞-一般", 0, "ROOT"),
        ("が", "が", "ADP", "助詞-格助詞", -1, "case"),
    ]
    doc = _doc(rows, {0, 2})
    buns = C._bunsetus(doc, 0, len(doc))
    s, e = C._np_tokens(buns, 1)
    assert doc[s:e].text == "韓国の中央銀行"
    rows[2] = ("ショイグ", "ショイグ", "NOUN", "名詞-普通名詞-一般", 1, "compound")
    rows[3] = ("国防相", "国防相", "NOUN", "名詞-普通名詞-一般", 0, "ROOT")
    doc = _doc(rows, {0, 2})
    buns = C._bunsetus(doc, 0, len(doc))
    s, e = C._np_tokens(buns, 1)
    assert doc[s:e].text == "ショイグ国防相"


def test_sentences_split_at_line_breaks():
    rows = [
        ("見出し", "見出し", "NOUN", "名詞-普通名詞-一般", 0, "ROOT"),
        ("\n\n", "\n\n", "SPACE", "空白", -1, "dep"),
        ("本文", "本文", "NOUN", "名詞-普通名詞-一般", -2, "dep"),
    ]
    doc = _doc(rows, {0, 1, 2})
    assert C._sentences(doc) == [(0, 1), (2, 3)]


def test_sentences_keep_quotes_whole_and_split_headline_spaces():
    words = ["「", "A", "だ", "。", "B", "だ", "」", "と", "述べ", "た", "。", "X", "Y"]
    doc = Doc(Vocab(), words=words, spaces=[False] * 11 + [True, False])
    # 。 inside 「」 does not end the sentence; a space between headline phrases does
    assert C._sentences(doc) == [(0, 11), (11, 12), (12, 13)]


def test_vocabularies_load():
    assert {"発表", "指摘", "伝える", "述べる", "強調", "明かす"} <= C.vocab("report_verbs")
    assert {"関係者", "当局者", "筋", "幹部", "消息筋"} <= C.vocab("anonymous")
    assert {"見方", "懸念", "考え", "方針", "見通し"} <= C.vocab("cue_nouns")
    assert all(not w.startswith("#") for w in C.vocab("hedges"))


def test_component_sets_extension(nlp):
    from spacy.language import Language

    assert Language.has_factory("kp_claims")
    assert Doc.has_extension("kp_claims")
    name = "kp_claims_test"
    if name not in nlp.pipe_names:
        nlp.add_pipe("kp_claims", name=name, last=True)
    try:
        doc = nlp("財務省は、先月の貿易収支が3か月ぶりに赤字になったと発表しました。")
        assert [c["speaker"]["text"] for c in doc._.kp_claims] == ["財務省"]
    finally:
        nlp.remove_pipe(name)


# ---------------------------------------------------------------------------------------------
# (c) the seed article
# ---------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def seed(nlp):
    doc = nlp(SEED.read_text(encoding="utf-8"))
    return doc, C.find_claims(doc)


def _find(claims, content_part, speaker="ANY"):
    hits = [c for c in claims if content_part in c["content"]["text"]]
    if speaker != "ANY":
        hits = [c for c in hits if (c["speaker"]["text"] if c["speaker"] else None) == speaker]
    assert hits, f"no claim with {content_part!r} / {speaker!r}"
    return hits[0]


SEED_SOURCED = [
    # speaker, sources, a phrase of the content, exact content
    ("北朝鮮", [("国営メディア", "を通じて")], "会談を行う",
     "キム・ジョンウン(金正恩)総書記が近くロシアを訪問し、プーチン大統領と会談を行う"),
    ("北朝鮮", [("朝鮮中央通信", "を通じて")], "招きで近くロシアを訪問",
     "キム・ジョンウン総書記がロシアのプーチン大統領の招きで近くロシアを訪問し、プーチン大統領と会談を行う"),
    ("ロシア大統領府", [], "公式訪問する",
     "プーチン大統領の招きで、北朝鮮のキム総書記が近く、ロシアを公式訪問する"),
    ("連合ニュース", [("韓国政府関係者", "の話として")], "専用列車",
     "キム総書記を乗せたとみられる専用列車がロシア極東のウラジオストクに向けて出発したことを情報当局が把握している"),
    ("ロシア通信", [("ペスコフ報道官", "の話として")], "首脳会談を行う",
     "プーチン大統領とキム総書記が首脳会談を行う"),
    ("ロシア通信", [("ペスコフ報道官", "の話として")], "1対1の会談も行われる",
     "会談は、代表団を含めた形式以外にも必要に応じて、通訳だけを交えた1対1の会談も行われる"),
    ("韓国の中央銀行", [], "マイナス成長だった",
     "北朝鮮のGDP=国内総生産は、長引く経済制裁や新型コロナウイルスの影響などで去年まで3年連続でマイナス成長だった"),
    ("アメリカ政府", [], "ワグネル",
     "ロシアの民間軍事会社ワグネルが、北朝鮮からロケット弾やミサイルを調達していた"),
    ("アメリカ政府", [], "働きかけていた",
     "ロシアのショイグ国防相がことし7月、北朝鮮を訪問した際に武器を売却するよう働きかけていた"),
    ("アメリカ政府", [], "書簡を交換",
     "プーチン大統領とキム総書記が両国の関係強化を約束する書簡を交換し、武器売却の交渉が進められている"),
    ("ニューヨーク・タイムズ", [("アメリカの当局者", "の話として")], "対戦車ミサイル",
     "プーチン大統領が北朝鮮に対しウクライナへの軍事侵攻のための砲弾や対戦車ミサイルを求めている一方で、"
     "キム総書記はロシアに対し人工衛星や原子力潜水艦に使われる先端技術や、食料の提供を求めている"),
    ("ショイグ国防相", [], "合同の軍事演習",
     "北朝鮮との間で合同の軍事演習が検討されている"),
    ("キム総書記", [], "拍車をかける", "さらに拍車をかける"),
]


@pytest.mark.parametrize("speaker,sources,part,content", SEED_SOURCED, ids=[r[2] for r in SEED_SOURCED])
def test_seed_sourced_claims(seed, speaker, sources, part, content):
    doc, claims = seed
    c = _find(claims, part, speaker)
    assert c["content"]["text"] == content
    assert [(s["text"], s["relation"]) for s in c["sources"]] == sources


def test_seed_hedged_sourced(seed):
    _, claims = seed
    assert _find(claims, "働きかけていた", "アメリカ政府")["hedged"] is True  # 見方も示している
    assert _find(claims, "書簡を交換", "アメリカ政府")["hedged"] is True  # 懸念を示していました
    assert _find(claims, "1対1の会談", "ロシア通信")["hedged"] is True  # 見通しを示しました
    assert _find(claims, "ワグネル", "アメリカ政府")["hedged"] is False


SEED_UNATTRIBUTED = [
    ("とみられます", "取りつけるねらいがある"),
    ("とみられています", "技術力だけでは容易でない"),
    ("という見方が出ています", "求めるのではないか"),
    ("とみられています", "強化したい思惑がある"),
    ("と指摘され", "弾薬不足が深刻化している"),
    ("とみられています", "北朝鮮に接近している"),
    ("とみられます", "けん制するねらいもある"),
]


@pytest.mark.parametrize("cue,part", SEED_UNATTRIBUTED, ids=[r[1] for r in SEED_UNATTRIBUTED])
def test_seed_unattributed(seed, cue, part):
    _, claims = seed
    c = _find(claims, part)
    assert c["speaker"] is None and c["sources"] == []
    assert c["hedged"] is True
    assert c["cue"]["text"] == cue
    assert c["content"]["text"].endswith(part)


def test_seed_unattributed_contents(seed):
    _, claims = seed
    assert _find(claims, "求めるのではないか")["content"]["text"] == (
        "キム総書記がプーチン大統領に対し、砲弾などの提供と引き換えに、"
        "人工衛星や原子力潜水艦に使われる先端技術の支援を求めるのではないか"
    )
    assert _find(claims, "北朝鮮に接近している")["content"]["text"] == "ロシアが弾薬や兵器不足解消のため北朝鮮に接近している"
    assert _find(claims, "弾薬不足が深刻化している")["content"]["text"] == (
        "ロシア軍は、ウクライナへの軍事侵攻の長期化で、砲弾など弾薬不足が深刻化している"
    )


def test_seed_no_claim_for_sentences_reporting_nothing(seed):
    doc, claims = seed
    silent = [
        "具体的な日程や場所は明らかにされていません",
        "2019年4月以来4年ぶり、2回目です",
        "これが初めてです",
        "代表団が訪朝していました",
        "「アジア版NATO=北大西洋条約機構」と呼んで",
        "両国の結束を誇示したい考えです",
        "双方のねらいは",
    ]
    for phrase in silent:
        start = doc.text.index(phrase)
        end = start + len(phrase)
        for c in claims:
            s = c["sentence"]
            assert not (s["start"] <= start and end <= s["end"]), (phrase, c["cue"]["text"])


def test_seed_claim_count(seed):
    _, claims = seed
    # 13 sourced + 7 unattributed; the attributive …とみられる専用列車 is not a separate claim
    assert len(claims) == 20
    assert sum(c["speaker"] is None for c in claims) == 7


# ---------------------------------------------------------------------------------------------
# (d) span invariant on every claim
# ---------------------------------------------------------------------------------------------
def test_seed_span_invariant(seed):
    doc, claims = seed
    assert claims
    for c in claims:
        _check_spans(doc, c)
        assert c["content"]["end"] <= c["cue"]["end"]
        assert set(c) == {"speaker", "sources", "cue", "content", "direct", "hedged", "sentence"}
        if c["speaker"] is not None:
            assert set(c["speaker"]) == {"text", "start", "end", "entity", "anonymous"}
        for s in c["sources"]:
            assert set(s) == {"text", "start", "end", "entity", "relation", "anonymous"}


@pytest.mark.parametrize("text", ["", "\n\n", "「」", "と述べました。", "「『』」と話した。", "。"])
def test_degenerate_inputs_give_no_claims(nlp, text):
    assert C.find_claims(nlp(text)) == []


# ---------------------------------------------------------------------------------------------
# a closing 」 whose 「 is not in the sentence (real text: a quote split by a line break upstream)
# used to raise UnboundLocalError in the bracket-credit rule
# ---------------------------------------------------------------------------------------------
def test_stray_closing_bracket_with_credit_on_hand_built_doc():
    rows = [
        ("伸び", "伸びる", "VERB", "動詞-一般", 1, "ROOT"),
        ("た", "た", "AUX", "助動詞", -1, "aux"),
        ("」", "」", "PUNCT", "補助記号-括弧閉", -2, "punct"),
        ("（", "（", "PUNCT", "補助記号-括弧開", 1, "punct"),
        ("広報", "広報", "NOUN", "名詞-普通名詞-一般", -4, "obl"),
        ("）", "）", "PUNCT", "補助記号-括弧閉", -1, "punct"),
        ("。", "。", "PUNCT", "補助記号-句点", -6, "punct"),
    ]
    doc = _doc(rows, {0, 3})
    assert C.find_claims(doc) == []  # no 「 to credit: nothing, and no crash


@pytest.mark.parametrize("text", [
    "売り上げは伸びた」（同社広報）。",
    "社長は、責任を取ると語った」（共同通信）と伝えた。",
])
def test_stray_closing_bracket_does_not_crash(nlp, text):
    claims = C.find_claims(nlp(text))
    # whatever else is found, no quote is credited to the bracket: there is no 「 before the 」
    assert all(not c["cue"]["text"].startswith("（") for c in claims)
