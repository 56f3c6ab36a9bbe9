"""The table format: text from outside is shown as plain text, control characters visibly, nothing cut.

Records are built by hand (no model): the table must show any string a record can hold.
"""
import io
import json

import pytest

from kimputin_cli.render import _flags, write_json, write_tables


def record(**over):
    rec = {
        "source": {"path": "a.txt", "chars": 100}, "reference_date": "2023-09-11",
        "people": [], "organizations": [], "places": [], "dates": [], "claims": [], "warnings": [],
    }
    rec.update(over)
    return rec


def person(name, titles=(), aliases=()):
    return {"id": "person:1", "name": name, "kind": "person", "titles": list(titles), "aliases": list(aliases),
            "mentions": [{"start": 0, "end": len(name), "text": name}]}


def claim(speaker="外相", cue="と述べました", content="協力する", direct=False, hedged=False, sources=()):
    return {"id": "claim:1", "speaker": {"text": speaker, "anonymous": False} if speaker else None,
            "sources": list(sources), "cue": {"text": cue}, "content": {"text": content},
            "direct": direct, "hedged": hedged}


def table(rec, width=100) -> str:
    out = io.StringIO()
    write_tables([rec], out, width=width)
    return out.getvalue()


def column(text: str, index: int) -> str:
    """The cells of one column of the box tables, joined over wrapped lines (box borders and padding dropped)."""
    out = []
    for line in text.splitlines():
        if line.startswith("│"):
            cells = line.split("│")[1:-1]
            if index < len(cells):
                out.append(cells[index].strip())
    return "".join(out)


# 1. markup -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("evil", ["[/b]", "[bold]", "red]外相", "[link=http://x]y[/link]", ":smile:", "[/]"])
def test_text_that_looks_like_markup_is_shown_as_it_is(evil):
    rec = record(source={"path": f"path{evil}.txt", "chars": 5},
                 people=[person(f"岸田{evil}", titles=[evil], aliases=[evil])],
                 claims=[claim(speaker=evil, cue=evil, content=evil)], warnings=[f"w{evil}"],
                 dates=[{"text": evil, "value": None, "kind": "date", "start": 0, "end": 1}])
    shown = table(rec, width=200)
    assert f"path{evil}.txt" in shown
    assert f"岸田{evil}" in shown
    assert f"w{evil}" in shown
    assert shown.count(evil) >= 8


def test_an_error_record_with_markup_in_its_path():
    rec = {"source": {"path": "bad[/b].txt"}, "error": {"type": "input", "message": "[bold]nope"}}
    assert table(rec) == "bad[/b].txt: [bold]nope\n"


# 2. control characters ------------------------------------------------------------------------------------

@pytest.mark.parametrize("ctrl, shown", [("\x1b[31m", "\\x1b[31m"), ("\x1b]0;title\x07", "\\x1b]0;title\\x07"),
                                         ("\x9b2J", "\\x9b2J"), ("\x08\x08", "\\x08\\x08"), ("\u202e", "\\u202e")])
def test_control_characters_reach_the_table_visibly(ctrl, shown):
    rec = record(source={"path": f"p{ctrl}.txt", "chars": 5}, people=[person(f"林{ctrl}")],
                 claims=[claim(content=f"内容{ctrl}です")], warnings=[ctrl])
    out = table(rec, width=200)
    assert ctrl not in out
    assert not any(0x80 <= ord(c) <= 0x9f or (ord(c) < 0x20 and c != "\n") for c in out)
    assert f"林{shown}" in out and f"p{shown}.txt" in out and f"内容{shown}です" in out


def test_json_keeps_control_characters():
    rec = record(people=[person("林\x1b[31m")])
    out = io.StringIO()
    write_json([rec], out)
    assert "\x1b" not in out.getvalue()  # JSON escapes it...
    assert json.loads(out.getvalue())["people"][0]["name"] == "林\x1b[31m"  # ...and keeps it


# 10. tables people can read --------------------------------------------------------------------------------

@pytest.mark.parametrize("width", [80, 120])
def test_long_names_and_cues_wrap_rather_than_being_cut(width):
    name = "アブドゥルラフマン・ビン・アブドゥルアジズ・アール・サウード"
    cue = "との認識を改めて強調する考えを明らかにしました"
    rec = record(people=[person(name, titles=["国務大臣兼首相補佐官"], aliases=["アブドゥルラフマン"])],
                 claims=[claim(speaker="サウジアラビア外務省の報道官", cue=cue, content="交渉を続ける" * 8)])
    out = table(rec, width=width)
    assert "…" not in out
    assert name in column(out, 1)
    assert "国務大臣兼首相補佐官" in column(out, 3)
    assert cue in column(out.split("Claims")[1], 1)
    assert max(len(line) for line in out.splitlines()) <= width


def test_a_long_path_is_shown_whole():
    path = "/very/long/folder/" * 8 + "記事[bold].txt"
    out = table(record(source={"path": path, "chars": 5}), width=60)
    assert path in "".join(line for line in out.splitlines() if not line.startswith(("─", "┏", "┃", "┡", "└")))


def test_dates_table_shows_no_character_offset():
    rec = record(dates=[{"text": "ことし7月", "value": "2023-07", "kind": "date", "start": 98765, "end": 98770}])
    out = table(rec)
    assert "ことし7月" in out and "2023-07" in out and "98765" not in out


@pytest.mark.parametrize("c, flags", [
    (claim(), ""),  # the common case (indirect, a named speaker, no hedge) has no flag
    (claim(direct=True), "direct"),
    (claim(sources=[{"text": "政府関係者", "anonymous": True}]), "anonymous"),
    (claim(speaker=None, hedged=True), "hedged, unattributed"),
    (claim(speaker=None, direct=True), "direct, speaker unresolved"),
])
def test_flags_show_what_is_rare(c, flags):
    assert _flags(c) == flags


@pytest.mark.parametrize("width", range(6, 30))  # three wide characters and up
def test_folded_lines_never_begin_with_closing_punctuation(width):
    from kimputin_cli.render import _fold

    line = "政府は、「安全保障上の懸念がある」と述べ、対応を、検討する。（関係者）、と。"
    pieces = _fold(line, width)
    assert "".join(pieces) == line
    for piece in pieces[1:]:
        assert piece[0] not in "、。」）"
    for piece in pieces[:-1]:
        assert piece[-1] not in "「（"


def test_wrapped_table_lines_do_not_begin_with_a_comma():
    rec = record(people=[person("林", aliases=["林芳正", "林官房長官", "林氏", "芳正", "林大臣"])],
                 claims=[claim(content="、".join(["日本政府の方針"] * 12))])
    for width in range(60, 101, 5):
        out = table(rec, width=width)
        for line in out.splitlines():
            for cell in line.split("│")[1:-1]:
                assert not cell.strip().startswith("、"), (width, line)


@pytest.mark.parametrize("raw", ["\x9b2J", "\x7f", "\u202e", "\u2028", "\x1b[31m", "\ud800"])
def test_json_escapes_every_control_character_and_keeps_the_string(raw):
    from kimputin_cli.render import dumps

    rec = record(people=[person(f"林{raw}")])
    out = dumps(rec)
    assert raw not in out and "林" in out
    assert json.loads(out)["people"][0]["name"] == f"林{raw}"
    out.encode("utf-8")  # nothing UTF-8 cannot carry
