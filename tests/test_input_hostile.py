"""Odd and hostile input bytes (issue 11): garbage refused, the encoding chosen by how well it decodes,
UTF-16 without a BOM, control-character entities in HTML pages."""
import random

import pytest

from kimputin_cli.article import decode, from_bytes
from kimputin_cli.errors import InputError

HALF_WIDTH = "ｷﾑ･ｼﾞｮﾝｳﾝ総書記は、ﾛｼｱのﾌﾟｰﾁﾝ大統領と会談しました。ｷﾑ氏は「ﾛｼｱとの協力を強める」と述べました。\n"


def random_bytes(seed: int, n: int, low: int = 1) -> bytes:
    rng = random.Random(seed)
    return bytes(rng.randrange(low, 256) for _ in range(n))


# 4. garbage ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("n", [40, 400, 4000])
def test_random_bytes_without_nul_are_refused(seed, n):
    data = random_bytes(seed, n)
    assert b"\x00" not in data
    with pytest.raises(InputError) as err:
        from_bytes(data, "scrape/x.txt")
    line = err.value.one_line()
    assert line.startswith("scrape/x.txt: ") and "\n" not in line


def test_seven_bit_control_soup_is_refused():
    with pytest.raises(InputError, match="control characters"):
        decode(bytes(random.Random(1).randrange(1, 128) for _ in range(300)), "x")


@pytest.mark.parametrize("text", [HALF_WIDTH * 3, "ｷﾑ･ｼﾞｮﾝｳﾝ ﾛｼｱ ﾌﾟｰﾁﾝ ｶｲﾀﾞﾝ\n" * 3])
def test_shift_jis_heavy_in_half_width_katakana(text):
    got = decode(text.encode("cp932"), "x")
    assert got.text == text and got.encoding == "cp932"
    assert len(got.warnings) == 1 and "Shift_JIS" in got.warnings[0]


def test_a_few_controls_in_real_text_are_kept():
    text = "政府は\x1b[31m発表\x1b[0mしました。\x07\n"
    assert decode(text.encode("utf-8"), "x").text == text


def test_the_refusal_goes_through_the_cli_as_one_line(tmp_path, nlp, monkeypatch):
    from click.testing import CliRunner

    from kimputin_cli import pipeline
    from kimputin_cli.cli import main

    monkeypatch.setattr(pipeline, "shared_pipeline", lambda: nlp)
    p = tmp_path / "junk.txt"
    p.write_bytes(random_bytes(7, 2000))
    res = CliRunner().invoke(main, ["extract", str(p), "--format", "json"])
    assert res.exit_code == 1 and res.stdout == ""
    assert len(res.stderr.splitlines()) == 1 and "junk.txt" in res.stderr


# 5. UTF-16 without a BOM ------------------------------------------------------------------------------------

@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", ["政府は12日、臨時閣議を開きました。\n", "ひらがなだけ", "ロシア外務省は「協議する」と発表した。",
                                  "2023年9月11日", "Tokyo 2023 政府\n", "Plain English, too.\n"])
def test_utf16_without_bom(codec, text):
    got = from_bytes(text.encode(codec), "a.txt")
    assert got.text == text and got.encoding == codec
    assert "UTF-16" in got.warnings[0]


@pytest.mark.parametrize("data", [b"This is an English text of even length..", b"2023-09-11 12:00 ok",
                                  "東京".encode("utf-8") + b"ab"])
def test_even_length_ascii_or_utf8_is_not_taken_for_utf16(data):
    assert decode(data, "x").encoding == "utf-8"


# 6. HTML pages --------------------------------------------------------------------------------------------

BODY = "政府は12日、臨時閣議を開き、補正予算案を決定しました。岸田首相は「迅速に執行したい」と述べました。"


def page(extra: str) -> bytes:
    return (f"<html><head><title>見出し</title></head><body><article><h1>見出し</h1><p>{BODY}</p>"
            f"<p>続報{extra}です。</p></article></body></html>").encode("utf-8")


@pytest.mark.parametrize("entity", ["&#27;", "&#7;", "&#x1b;[31m", "&#x1B", "&#0;", "&#xD800;", "&#1114112;",
                                    "\x1b", "\x08"])
def test_a_control_character_entity_does_not_drop_the_body(entity):
    art = from_bytes(page(entity), "a.html")
    assert BODY in art.text and "続報" in art.text
    assert art.warnings == ()
    assert not any(ord(c) < 0x20 and c != "\n" for c in art.text)


def test_references_html_maps_are_kept():
    art = from_bytes(page("&#128;&#12354;&amp;"), "a.html")
    assert "続報€あ&です" in art.text


@pytest.mark.parametrize("html", [b"<html><body></body></html>", b"<html><body><script>var x = 1;</script></body></html>",
                                  b"<html><head><title>Only a title</title></head><body></body></html>"])
def test_a_page_without_article_text_is_an_error(html):
    with pytest.raises(InputError, match="no article text"):
        from_bytes(html, "page.html")


def test_an_empty_html_file_is_still_an_empty_result():
    assert from_bytes(b"  \n", "page.html").text == ""
