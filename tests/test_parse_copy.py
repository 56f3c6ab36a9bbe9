"""The parser's normalised copy (issue 11, defect 8): half-width katakana read as full-width, characters outside
the BMP read as a stand-in, and every offset mapped back so that ``text == article[start:end]`` holds."""
import json
import unicodedata

import pytest
from click.testing import CliRunner

from kimputin_cli import pipeline
from kimputin_cli.article import for_parsing, parse_copy, parse_copy_of, split_text
from kimputin_cli.cli import main
from kimputin_cli.extract import extract
from helpers import spans

HALF = "北朝鮮のｷﾑ･ｼﾞｮﾝｳﾝ総書記は、ﾛｼｱのﾌﾟｰﾁﾝ大統領と会談しました。"


@pytest.mark.parametrize("text, parsed", [
    ("ｷﾑ･ｼﾞｮﾝｳﾝ", "キム・ジョンウン"),
    ("ﾌﾟｰﾁﾝ｡｢ﾛｼｱ｣､", "プーチン。「ロシア」、"),
    ("ｳﾞｧ", "ヴァ"),
    ("ｱﾞ", "ア゛"),       # no precomposed form: the spacing mark, not a combining one
    ("𠮷野家", "藤野家"),   # an ideograph outside the BMP: a BMP kanji stand-in
    ("急ぎたい😀」", "急ぎたい☆」"),
    ("ＮＨＫと１２日", None),  # full-width Latin and digits as they are: the parser prefers them
    ("ふつうの文。", None),
])
def test_what_the_parser_reads(text, parsed):
    copy = parse_copy(text)
    assert (copy.text if copy else None) == parsed
    if copy:
        assert len(copy.starts) == len(copy.ends) == len(copy.text) and copy.length == len(text)
        # every character maps to a non-empty, ordered piece of the original, and together they cover it
        assert copy.starts[0] == 0 and copy.ends[-1] == len(text)
        for i in range(len(copy.text)):
            s, e = copy.span(i, i + 1)
            assert 0 <= s < e <= len(text)
            assert copy.text[i] in for_parsing(text[s:e])  # the unit it came from reads as it


def test_pieces_of_a_long_article_map_back():
    text = ("ｷﾑ･ｼﾞｮﾝｳﾝ総書記は、𠮷野家😀で話した。\n" * 900)
    pieces = split_text(text)
    assert len(pieces) > 1
    for offset, piece in pieces:
        copy = parse_copy_of(text, offset, for_parsing(piece))
        assert copy.length == len(piece)
        assert copy.span(0, len(copy.text)) == (0, len(piece))


def check(record, text):
    for span in spans(record):
        assert text[span["start"]:span["end"]] == span["text"]


def test_half_width_katakana_finds_what_full_width_finds(nlp):
    full = unicodedata.normalize("NFKC", HALF)
    got = extract(HALF, nlp=nlp).to_dict()
    want = extract(full, nlp=nlp).to_dict()
    check(got, HALF)
    for key in ("people", "organizations", "places"):
        assert [unicodedata.normalize("NFKC", e["name"]) for e in got[key]] == [e["name"] for e in want[key]], key
    assert "ｷﾑ･ｼﾞｮﾝｳﾝ" in [p["name"] for p in got["people"]]
    assert "ﾛｼｱ" in [p["name"] for p in got["places"]]


def test_emoji_before_the_closing_bracket_keeps_the_claim(nlp):
    text = "林官房長官は「対応を急ぎたい😀」と述べました。"
    rec = extract(text, nlp=nlp).to_dict()
    check(rec, text)
    assert [(c["speaker"]["text"], c["content"]["text"]) for c in rec["claims"]] == [("林官房長官", "対応を急ぎたい😀")]


def test_an_ideograph_outside_the_bmp_is_not_cut(nlp):
    text = "𠮷野家の社長は記者会見で「値上げはしない」と述べました。"
    rec = extract(text, nlp=nlp).to_dict()
    check(rec, text)
    names = [e["name"] for key in ("people", "organizations", "places") for e in rec[key]]
    assert "野家" not in names and not any(n.startswith("野家") for n in names)
    assert [c["speaker"]["text"] for c in rec["claims"]] == ["𠮷野家の社長"]


def test_the_batch_path_reads_the_copy_too(nlp, tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "shared_pipeline", lambda: nlp)
    p = tmp_path / "half.txt"
    p.write_bytes(HALF.encode("cp932"))
    res = CliRunner().invoke(main, ["extract", str(p), "--format", "jsonl", "--date", "2023-09-11"])
    assert res.exit_code == 0, res.output
    rec = json.loads(res.stdout)
    check(rec, HALF)
    assert "ｷﾑ･ｼﾞｮﾝｳﾝ" in [p["name"] for p in rec["people"]]


def test_half_width_and_full_width_forms_are_one_entity(nlp):
    text = "ロシアのプーチン大統領は会見しました。ﾌﾟｰﾁﾝ大統領はﾛｼｱ国内で演説しました。"
    rec = extract(text, nlp=nlp).to_dict()
    check(rec, text)
    assert [(p["name"], p["aliases"], len(p["mentions"])) for p in rec["people"]] == [("プーチン", ["ﾌﾟｰﾁﾝ"], 2)]
    assert [(p["name"], p["aliases"]) for p in rec["places"]] == [("ロシア", ["ﾛｼｱ"])]
