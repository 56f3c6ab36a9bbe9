"""Scale: long articles split into pieces and stitched back, batches of files, --jobs, error records."""
import json

import pytest
import spacy
from click.testing import CliRunner
from spacy.language import Language
from spacy.matcher import PhraseMatcher

from kimputin_cli import extract as _unused  # noqa: F401  (the package's function, not the module)
from kimputin_cli.article import MAX_PIECE_BYTES, from_text, split_text
from kimputin_cli.batch import expand_paths, extract_many, parse_globs
from kimputin_cli.cli import main
from kimputin_cli.components import entities as _entities  # noqa: F401  (registers doc._.kp_mentions)
from kimputin_cli.extract import extract
from kimputin_cli.extract import assemble, prepare
from helpers import spans

SUDACHI_LIMIT = 49_149

PARAGRAPHS = [
    "岸田文雄首相は{n}日、首相官邸で記者団の取材に応じ、物価高への対策を急ぐ考えを示しました。",
    "日本銀行は金融政策決定会合を開き、現在の大規模な金融緩和策を維持することを決めました。市場では円安が進んでいます。",
    "岸田首相は「国民生活を守るため、あらゆる手段を講じる」と述べました。政府は来月にも経済対策をまとめる方針です。",
    "気象庁によりますと、東京都心では午後から雨が降り、週末にかけて気温が下がる見込みです。",
    "アメリカのバイデン大統領は声明を発表し、同盟国との連携を強化する考えを強調しました。",
]


def long_article(min_bytes: int = SUDACHI_LIMIT + 2_000) -> str:
    paras, n = [], 0
    while len("\n\n".join(paras).encode("utf-8")) < min_bytes:
        paras.append(PARAGRAPHS[n % len(PARAGRAPHS)].format(n=n % 28 + 1))
        n += 1
    return "\n\n".join(paras) + "\n"


@Language.component("kp_test_mentions")
def _mentions(doc):
    """A stand-in for kp_entities: fixed names as mentions, so the long-text test needs no neural parse."""
    matcher = PhraseMatcher(doc.vocab)
    names = {"岸田文雄": ("person", "person"), "岸田": ("person", "person"), "バイデン": ("person", "person"),
             "日本銀行": ("organization", "agency"), "気象庁": ("organization", "agency"),
             "東京都": ("place", "region"), "アメリカ": ("place", "country")}
    for name in names:
        matcher.add(name, [doc.vocab.make_doc(name) if False else spacy.blank("ja").make_doc(name)])
    found = []
    taken = set()
    for match_id, s, e in sorted(matcher(doc), key=lambda m: (m[1], -(m[2] - m[1]))):
        if any(i in taken for i in range(s, e)):
            continue
        taken.update(range(s, e))
        span = doc[s:e]
        cat, kind = names[doc.vocab.strings[match_id]]
        found.append({"start": span.start_char, "end": span.end_char, "category": cat, "kind": kind,
                      "rule": "test", "titles": [], "same_as": None, "prefer_name": False})
    doc._.kp_mentions = found
    return doc


@pytest.fixture(scope="module")
def light_nlp():
    """SudachiPy's tokenizer (which refuses over 49,149 bytes) plus the stand-in mention component."""
    nlp = spacy.blank("ja")
    nlp.add_pipe("kp_test_mentions")
    return nlp



def test_sudachi_really_refuses_long_text(light_nlp):
    text = long_article()
    assert len(text.encode("utf-8")) > SUDACHI_LIMIT
    with pytest.raises(Exception):
        light_nlp(text)


def test_split_text_pieces_fit_and_cover():
    text = long_article(3 * MAX_PIECE_BYTES)
    pieces = split_text(text)
    assert len(pieces) >= 3
    assert "".join(p for _, p in pieces) == text
    for offset, piece in pieces:
        assert text[offset:offset + len(piece)] == piece
        assert len(piece.encode("utf-8")) <= MAX_PIECE_BYTES
    for offset, piece in pieces[:-1]:
        assert piece.endswith("\n\n")  # cut at a paragraph end
    # a text with no paragraph breaks is cut after sentences
    flat = "。".join(["政府は対策を発表しました"] * 6000) + "。"
    for offset, piece in split_text(flat):
        assert piece.endswith("。") and len(piece.encode("utf-8")) <= MAX_PIECE_BYTES


def test_long_article_offsets_across_seams_and_merge(light_nlp):
    text = long_article()
    pieces = split_text(text)
    assert len(pieces) >= 2
    seam = pieces[1][0]
    result = extract(from_text(text), nlp=light_nlp).to_dict()
    people = {p["name"]: p for p in result["people"]}
    # 岸田文雄 (first paragraph of each cycle) and 岸田 (third) are one person across both pieces
    assert set(people) == {"岸田文雄", "バイデン"}
    kishida = people["岸田文雄"]
    assert "岸田" in kishida["aliases"]
    starts = [m["start"] for m in kishida["mentions"]]
    expected = [i for i in range(len(text)) if text.startswith("岸田", i)]
    assert starts == expected
    assert any(s > seam for s in starts) and any(s < seam for s in starts)
    assert len({o["name"] for o in result["organizations"]}) == 2  # 日本銀行, 気象庁: one entity each
    boj = next(o for o in result["organizations"] if o["name"] == "日本銀行")
    assert [m["start"] for m in boj["mentions"]] == [i for i in range(len(text)) if text.startswith("日本銀行", i)]
    for span in spans(result):
        assert text[span["start"]:span["end"]] == span["text"]


def test_real_pipeline_stitches_pieces_exactly(nlp):
    """The same article twice, parsed as two pieces: every entity has its mentions twice, shifted."""
    one = open("fixtures/007_ekiden_no_claims/article.txt", encoding="utf-8").read()
    single = extract(from_text(one), nlp=nlp).to_dict()
    text = one + "\n\n" + one
    pieces = split_text(text, max_bytes=len(one.encode("utf-8")) + 10)
    assert [o for o, _ in pieces] == [0, len(one) + 2]
    result = prepare(from_text(text))
    result = assemble(result, [(off, doc) for (off, _), doc in zip(pieces, nlp.pipe(p for _, p in pieces))])
    doubled = result.to_dict()
    assert single["places"]  # 京都市, 長野県, 鹿児島県... something to compare
    for key in ("people", "organizations", "places"):
        assert [e["name"] for e in doubled[key]] == [e["name"] for e in single[key]]
        for a, b in zip(single[key], doubled[key]):
            shifted = [(m["start"] + len(one) + 2, m["end"] + len(one) + 2) for m in a["mentions"]]
            assert [(m["start"], m["end"]) for m in b["mentions"]] == [(m["start"], m["end"]) for m in a["mentions"]] + shifted
    for span in spans(doubled):
        assert text[span["start"]:span["end"]] == span["text"]


def test_expand_paths(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("x")
    (tmp_path / "b" / "page.html").write_text("x")
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "a.meta.json").write_text("{}")
    (tmp_path / "notes.md").write_text("x")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "h.txt").write_text("x")
    got = expand_paths([str(tmp_path)])
    assert got == [str(tmp_path / "a.txt"), str(tmp_path / "b" / "page.html"), str(tmp_path / "b" / "z.txt")]
    assert expand_paths([str(tmp_path)], parse_globs("*.md")) == [str(tmp_path / "notes.md")]
    assert expand_paths([str(tmp_path / "notes.md"), "-"]) == [str(tmp_path / "notes.md"), "-"]


def _batch_dir(tmp_path):
    good1 = "政府は１２日、臨時閣議を開き、補正予算案を決定しました。岸田首相は「迅速に執行したい」と述べました。\n"
    good2 = "気象庁によりますと、台風１０号は鹿児島県に上陸しました。\n"
    (tmp_path / "1_good.txt").write_text(good1, encoding="utf-8")
    (tmp_path / "2_broken.txt").write_bytes(b"\x00\x01\x02binary\x00")
    (tmp_path / "3_good.txt").write_bytes(good2.encode("cp932"))
    (tmp_path / "4_empty.txt").write_text("  \n", encoding="utf-8")
    return good1, good2


def test_batch_with_broken_file(tmp_path, cli_nlp):
    good1, good2 = _batch_dir(tmp_path)
    res = CliRunner().invoke(main, ["extract", str(tmp_path), "--format", "jsonl"])
    assert res.exit_code == 1
    lines = [json.loads(line) for line in res.stdout.splitlines()]
    assert [rec["source"]["path"].rsplit("/", 1)[1] for rec in lines] == [
        "1_good.txt", "2_broken.txt", "3_good.txt", "4_empty.txt"]
    assert lines[1] == {"source": {"path": str(tmp_path / "2_broken.txt")},
                        "error": {"type": "input", "message": "binary data (NUL bytes), not a text or HTML article",
                                  "component": "read"}}
    assert lines[0]["source"]["chars"] == len(good1) and [p["name"] for p in lines[0]["people"]] == ["岸田"]
    assert lines[2]["source"]["encoding"] == "cp932"
    assert any(p["name"] == "鹿児島県" for p in lines[2]["places"])
    assert lines[3]["people"] == [] and "error" not in lines[3]
    errors = [line for line in res.stderr.splitlines() if ": warning: " not in line]
    assert len(errors) == 1 and "2_broken.txt" in errors[0]
    assert "3_good.txt: warning: decoded as Shift_JIS" in res.stderr  # a guessed encoding is named
    # json: one array with the same records
    res2 = CliRunner().invoke(main, ["extract", str(tmp_path), "--format", "json"])
    assert res2.exit_code == 1 and json.loads(res2.stdout) == lines


def test_jobs_2_gives_the_same_records(tmp_path, cli_nlp):
    _batch_dir(tmp_path)
    runner = CliRunner()
    one = runner.invoke(main, ["extract", str(tmp_path), "--format", "jsonl", "--jobs", "1"])
    two = runner.invoke(main, ["extract", str(tmp_path), "--format", "jsonl", "--jobs", "2"])
    assert two.exit_code == one.exit_code == 1
    assert two.stdout == one.stdout


def test_extract_many_streams_in_order_with_stdin(tmp_path, nlp):
    (tmp_path / "a.txt").write_text("東京都で会見がありました。\n", encoding="utf-8")
    outcomes = extract_many([str(tmp_path / "a.txt"), "-", str(tmp_path / "a.txt")], nlp=nlp,
                            stdin="大阪府で会見がありました。\n".encode("euc_jp"))
    got = [(o.path, o.ok, [p["name"] for p in o.record["places"]]) for o in outcomes]
    assert got == [(str(tmp_path / "a.txt"), True, ["東京都"]), ("-", True, ["大阪府"]),
                   (str(tmp_path / "a.txt"), True, ["東京都"])]


def test_missing_path_is_still_a_usage_error(tmp_path):
    res = CliRunner().invoke(main, ["extract", str(tmp_path / "nope.txt")])
    assert res.exit_code == 2


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_stops_cleanly_with_valid_jsonl(tmp_path, jobs):
    """A real `kp` process (loads the model once more): SIGINT to its process group, as a terminal's Ctrl-C."""
    import os
    import signal
    import subprocess
    import sys

    for i in range(12):
        (tmp_path / f"{i:02d}.txt").write_text(PARAGRAPHS[i % len(PARAGRAPHS)].format(n=i + 1) * 3, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "kimputin_cli", "extract", str(tmp_path), "--format", "jsonl",
                             "--jobs", jobs], stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
                            bufsize=0)  # unbuffered: readline must not read ahead what communicate() reads next
    try:
        first = proc.stdout.readline()
        os.killpg(proc.pid, signal.SIGINT)
        rest, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 130
    lines = (first + rest).decode("utf-8").splitlines()
    assert 1 <= len(lines) < 12
    assert [json.loads(line)["source"]["path"] for line in lines] == [str(tmp_path / f"{i:02d}.txt")
                                                                      for i in range(len(lines))]
    assert err.decode("utf-8").strip().splitlines()[-1] == "kp: interrupted" and b"Traceback" not in err
