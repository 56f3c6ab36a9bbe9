"""Input: encodings, binary data, HTML pages (kimputin_cli.article, kimputin_cli.html)."""
import datetime as dt
import json

import pytest
from click.testing import CliRunner

from kimputin_cli.article import decode, from_bytes, japanese_score, load_article, looks_like_html
from kimputin_cli.cli import main
from kimputin_cli.errors import InputError
from kimputin_cli.extract import extract
from kimputin_cli.html import parse_timestamp

ARTICLE = (
    "政府は１２日、臨時閣議を開き、物価高への対策として総額２兆円の補正予算案を決定しました。\n\n"
    "岸田首相は記者団に対し「国民の暮らしを守るため、迅速に執行したい」と述べました。"
    "日本銀行の植田総裁も、物価の動向を注視する考えを示しています。\n"
)

ENCODINGS = [
    # (how to encode, the codec kp must report)
    (lambda s: s.encode("utf-8"), "utf-8"),
    (lambda s: b"\xef\xbb\xbf" + s.encode("utf-8"), "utf-8-sig"),
    (lambda s: s.encode("utf-16"), "utf-16"),  # with BOM
    (lambda s: s.encode("utf-16-be").join([b"\xfe\xff", b""]), "utf-16"),
    (lambda s: s.encode("shift_jis"), "cp932"),
    (lambda s: s.encode("cp932"), "cp932"),
    (lambda s: s.encode("euc_jp"), "euc_jp"),
    (lambda s: s.encode("iso2022_jp"), "iso2022_jp"),
    (lambda s: s.encode("utf-16-le"), "utf-16-le"),  # no BOM
    (lambda s: s.encode("utf-16-be"), "utf-16-be"),  # no BOM
]
CERTAIN = ("utf-8", "utf-8-sig", "utf-16")  # UTF-8, or a BOM: no guess, so no warning



@pytest.mark.parametrize("encode,codec", ENCODINGS)
def test_decoding_each_encoding(encode, codec):
    art = from_bytes(encode(ARTICLE), "a.txt")
    assert art.text == ARTICLE
    assert art.encoding == codec
    if codec in CERTAIN:
        assert art.warnings == ()
    else:  # a guess other than UTF-8 says which encoding it chose
        name = {"cp932": "Shift_JIS", "euc_jp": "EUC-JP", "iso2022_jp": "ISO-2022-JP",
                "utf-16-le": "UTF-16LE", "utf-16-be": "UTF-16BE"}[codec]
        assert len(art.warnings) == 1 and "not UTF-8" in art.warnings[0] and name in art.warnings[0]


@pytest.mark.parametrize(
    "text,codec",
    [
        ("東京", "euc_jp"),  # two kanji: valid in both cp932 and EUC-JP; EUC-JP read as cp932 is half-width junk
        ("東京都", "cp932"),
        ("きょうは晴れ。", "cp932"),
        ("きょうは晴れ。", "euc_jp"),
        ("アメリカ大統領", "euc_jp"),
        ("ロシア", "cp932"),
    ],
)
def test_short_japanese_texts_are_not_misdetected(text, codec):
    assert decode(text.encode(codec), "x").text == text


def test_same_result_in_every_encoding(nlp):
    base = extract(from_bytes(ARTICLE.encode("utf-8"), "a.txt"), nlp=nlp).to_dict()
    assert [p["name"] for p in base["people"]]  # the article has people to compare
    for encode, codec in ENCODINGS[1:]:
        got = extract(from_bytes(encode(ARTICLE), "a.txt"), nlp=nlp).to_dict()
        assert got["source"]["encoding"] == codec
        for key in ("people", "organizations", "places", "dates", "claims", "reference_date"):
            assert got[key] == base[key], (codec, key)
        assert [w for w in got["warnings"] if "not UTF-8" not in w] == base["warnings"]


def test_crlf_is_normalised_and_sha_is_of_the_bytes():
    data = "一行目\r\n二行目\r\n".encode("cp932")
    art = from_bytes(data, "a.txt")
    assert art.text == "一行目\n二行目\n"
    import hashlib

    assert art.sha256 == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize(
    "data,kind",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG image"),
        (b"GIF89a\x01\x00", "GIF image"),
        (b"%PDF-1.7\n", "PDF"),
        ("本文".encode("utf-8") + b"\x00\x00\x01" + "です".encode("utf-8"), "NUL bytes"),
    ],
)
def test_binary_input_is_refused_in_one_line_naming_the_file(data, kind):
    with pytest.raises(InputError) as err:
        from_bytes(data, "photos/cat.txt")
    line = err.value.one_line()
    assert line.startswith("photos/cat.txt: ") and kind in line and "\n" not in line


def test_forced_encoding_with_bad_bytes_warns(nlp):
    data = "東京で会見".encode("cp932") + b"\xff\xfe\xfd"
    art = from_bytes(data, "a.txt", encoding="utf-8")
    assert "\ufffd" in art.text
    assert len(art.warnings) == 1 and "U+FFFD" in art.warnings[0]
    result = extract(art, nlp=nlp, reference_date=dt.date(2023, 9, 11)).to_dict()
    assert result["warnings"] == list(art.warnings)


def test_forced_encoding_overrides_detection():
    data = "東京".encode("cp932")
    assert from_bytes(data, "a.txt").encoding == "cp932"
    art = from_bytes(data, "a.txt", encoding="latin-1")
    assert art.encoding == "iso8859-1" and art.text == data.decode("latin-1")


def test_undetectable_bytes_decode_with_a_warning():
    art = from_bytes(b"\xff\xfe\xfd\xfc\x81\x82" * 3 + b"\x80", "a.txt")
    assert art.text  # something came out, and it says so
    assert art.warnings or art.encoding != "utf-8"


def test_japanese_score_prefers_right_decoding():
    data = "政府は補正予算案を決定しました。".encode("euc_jp")
    assert japanese_score(data.decode("euc_jp")) > japanese_score(data.decode("cp932", errors="replace"))


def test_cli_encoding_option(tmp_path, cli_nlp):
    f = tmp_path / "a.txt"
    f.write_bytes(ARTICLE.encode("euc_jp"))
    runner = CliRunner()
    res = runner.invoke(main, ["extract", str(f), "--format", "json", "--encoding", "EUC-JP"])
    assert res.exit_code == 0, res.stderr
    assert json.loads(res.stdout)["source"]["encoding"] == "euc_jp"
    res = runner.invoke(main, ["extract", str(f), "--format", "json", "--encoding", "no-such-codec"])
    assert res.exit_code == 2 and "no-such-codec" in res.stderr


def test_cli_binary_file_exit_1_one_line(tmp_path, cli_nlp):
    f = tmp_path / "img.txt"
    f.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    res = CliRunner().invoke(main, ["extract", str(f), "--format", "json"])
    assert res.exit_code == 1
    assert res.stdout == ""
    assert res.stderr.strip().count("\n") == 0 and str(f) in res.stderr and "PNG" in res.stderr


# ---------------------------------------------------------------------------------------------------------
# HTML

PAGE = """<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="{charset}">
<title>台風10号 九州に上陸 | 毎朝ニュース</title>
<meta property="og:title" content="台風10号 九州に上陸">
<meta property="article:published_time" content="2024-08-28T23:10:00Z">
<script type="application/ld+json">{{"@type":"NewsArticle","datePublished":"2024-08-29T08:10:00+09:00"}}</script>
<script>window.dataLayer = window.dataLayer || []; function gtag(){{dataLayer.push(arguments);}}</script>
<style>.ad {{ display: block; }}</style>
</head>
<body>
<header class="site-header"><a class="logo" href="/">毎朝ニュース</a>
<nav><ul><li><a href="/">トップ</a></li><li><a href="/national">社会</a></li><li><a href="/politics">政治</a></li>
<li><a href="/business">経済</a></li><li><a href="/world">国際</a></li><li><a href="/weather">天気</a></li></ul></nav></header>
<div class="ad ad-top"><a href="https://ads.example.com/x">【PR】今だけ半額！話題の美容液を試してみませんか</a></div>
<main>
<article>
<h1>台風10号 九州に上陸</h1>
<div class="article-meta"><span class="dateline">2024年8月29日 8時10分</span> <a href="/weather">天気</a></div>
<p>気象庁によりますと、強い台風10号は29日朝、鹿児島県薩摩川内市付近に上陸しました。台風は今後、九州を縦断するおそれがあります。</p>
<p>気象庁は鹿児島県に暴風と高潮の特別警報を発表し、命を守るための行動をとるよう呼びかけています。</p>
<p>岸田首相は首相官邸で記者団に対し「自治体と緊密に連携し、被害の防止に全力を挙げる」と述べました。</p>
<p>九州電力によりますと、鹿児島県と宮崎県では合わせて20万戸あまりが停電しています。</p>
</article>
<section class="related"><h2>関連記事</h2><ul><li><a href="/r1">台風接近で交通機関に影響</a></li>
<li><a href="/r2">新幹線 計画運休を発表</a></li></ul></section>
</main>
<aside class="ranking"><h2>アクセスランキング</h2><ol><li><a href="/p1">人気俳優が結婚を発表</a></li>
<li><a href="/p2">円相場 一時140円台に</a></li><li><a href="/p3">今週末の天気</a></li></ol></aside>
<div class="ad ad-bottom">広告 おトクな保険の見直しはこちら</div>
<footer><p>Copyright 2024 毎朝ニュース All rights reserved.</p><a href="/privacy">プライバシーポリシー</a></footer>
</body>
</html>
"""


def test_html_page_to_article(nlp):
    art = from_bytes(PAGE.format(charset="utf-8").encode("utf-8"), "news/typhoon.html")
    assert art.title == "台風10号 九州に上陸"
    # 23:10 UTC on the 28th is 8:10 on the 29th in Japan
    assert art.published == dt.date(2024, 8, 29)
    assert art.text.startswith("台風10号 九州に上陸\n\n気象庁によりますと、強い台風10号は29日朝")
    assert "被害の防止に全力を挙げる" in art.text and "20万戸あまりが停電しています。" in art.text
    for junk in ("トップ", "半額", "アクセスランキング", "保険", "Copyright", "関連記事", "dataLayer", "display"):
        assert junk not in art.text
    result = extract(art, nlp=nlp).to_dict(include_text=True)
    assert result["reference_date"] == "2024-08-29" and result["reference_date_source"] == "html"
    assert result["source"]["title"] == "台風10号 九州に上陸"
    assert result["source"]["text"] == art.text
    # 29日 resolves against the page's date
    assert any(d["text"].startswith("29日") and d.get("value") == "2024-08-29" for d in result["dates"])
    for ent in result["people"] + result["organizations"] + result["places"]:
        for m in ent["mentions"]:
            assert art.text[m["start"]:m["end"]] == m["text"]


def test_html_in_shift_jis_declared_charset():
    page = PAGE.format(charset="Shift_JIS")
    art = from_bytes(page.encode("cp932"), "news/typhoon.htm")
    assert art.encoding == "cp932" and art.title == "台風10号 九州に上陸"


def test_html_detected_by_content_and_option_date_wins(cli_nlp, tmp_path):
    f = tmp_path / "saved_page.txt"
    f.write_text(PAGE.format(charset="utf-8"), encoding="utf-8")
    runner = CliRunner()
    res = runner.invoke(main, ["extract", str(f), "--format", "json", "--include-text"])
    assert res.exit_code == 0, res.stderr
    out = json.loads(res.stdout)
    assert out["reference_date_source"] == "html" and out["source"]["title"] == "台風10号 九州に上陸"
    assert "<p>" not in out["source"]["text"]
    res = runner.invoke(main, ["extract", str(f), "--format", "json", "--date", "2024-09-01"])
    out = json.loads(res.stdout)
    assert out["reference_date"] == "2024-09-01" and out["reference_date_source"] == "option"


def test_html_date_from_dateline_element_only():
    page = ("<html><head><title>t</title></head><body><article><h1>見出し</h1>"
            "<p class=\"posted-date\">2023年9月11日 19時05分</p>"
            "<p>" + "政府は11日、閣議を開きました。" * 20 + "</p></article></body></html>")
    art = from_bytes(page.encode("utf-8"), "p.html")
    assert art.published == dt.date(2023, 9, 11) and art.title == "見出し"


@pytest.mark.parametrize(
    "value,expected",
    [
        ("2023-09-11T05:30:00+09:00", dt.date(2023, 9, 11)),
        ("2023-09-10T20:30:00Z", dt.date(2023, 9, 11)),
        ("2023-09-10T14:00:00+00:00", dt.date(2023, 9, 10)),
        ("2023-09-10", dt.date(2023, 9, 10)),
        ("２０２３年９月１１日 １９時０５分", dt.date(2023, 9, 11)),
        ("2023/9/11", dt.date(2023, 9, 11)),
        ("2023-02-30", None),
        ("yesterday", None),
    ],
)
def test_parse_timestamp(value, expected):
    assert parse_timestamp(value) == expected


def test_looks_like_html():
    assert looks_like_html("<!DOCTYPE html><html><body>x</body></html>")
    assert looks_like_html("  <html lang='ja'><head></head></html>")
    assert not looks_like_html("政府は<仮称>新法案を提出した。")
    assert not looks_like_html("<注>この記事は…")


def test_load_article_reads_stdin_data_argument():
    art = load_article("-", data=ARTICLE.encode("euc_jp"))
    assert art.text == ARTICLE and art.path == "-"


def test_lone_surrogates_from_python_become_replacement_characters():
    from kimputin_cli.article import from_text

    article = from_text("政府は\ud800発表した")
    assert article.text == "政府は\ufffd発表した"  # one for one: offsets are those of the string given
    assert len(article.text) == len("政府は\ud800発表した")
    assert article.warnings and "surrogate" in article.warnings[0]
    assert from_text("政府は発表した").warnings == ()
