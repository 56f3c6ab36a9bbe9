"""kp show: the article in the terminal, through rich's recording console, in colour and plain."""
import io
import os
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.console import Console
from rich.style import Style

from kimputin_cli import marks as mk
from kimputin_cli import show
from kimputin_cli.cli import main
from handmade import TEXT, at, record, sample

ROOT = Path(__file__).resolve().parents[1]
SEED = str(ROOT / "seeds" / "000_c73a4b2870458b57.txt")


def recording(colour: bool, width: int = 200) -> Console:
    if colour:
        return Console(file=io.StringIO(), record=True, force_terminal=True, color_system="truecolor",
                       width=width, highlight=False, markup=False)
    return Console(file=io.StringIO(), record=True, color_system=None, width=width, highlight=False, markup=False)


def shown(rec: dict, colour: bool) -> tuple[Console, str]:
    console = recording(colour)
    show.show(rec, console, colour)
    return console, console.file.getvalue()


def test_plain_marks_are_brackets_with_a_legend():
    console, out = shown(sample(), colour=False)
    assert "\x1b" not in out
    assert "{[田中太郎]P首相}1は[1日]D、[東京都]L内で«「景気は回復している」»1と述べました。" in out
    assert "{関係者}<2によりますと、{[政府]O}2は«[来月]Dにも対策をまとめる方針だ»2ということです。" in out
    assert "‹物価はさらに上がる›3とみられます。" in out
    # the legend explains the notation and lists each claim with its attribution and cue
    assert "[person]P" in out and "«content»N" in out
    assert "2  政府 ← 関係者 (によりますと)  「ということです」  (anonymous source)" in out
    assert "3  —  「とみられます」  (no source (the article's own statement))" in out
    assert "claims: 3 — named source 1, anonymous source 1" in out


def style_at(text, offset: int) -> Style:
    return text.get_style_at_offset(recording(True), offset)


def test_colour_styles_follow_kind_and_speaker():
    rec = sample()
    text = show.article_text(rec, colour=True)
    assert text.plain == TEXT
    person = at(TEXT, "田中太郎")["start"]
    assert style_at(text, person).bgcolor == show.ENTITY_STYLES["person"].bgcolor
    assert style_at(text, person).bold  # the speaker's own name: bold, in the speaker's colour
    assert style_at(text, person).color.name == show.SPEAKER_COLOURS[0].lower()
    place = at(TEXT, "東京都")["start"]
    assert style_at(text, place) == show.ENTITY_STYLES["place"]
    for claim, colour in (("「景気は回復している」", show.SPEAKER_COLOURS[0]),
                          ("にも対策をまとめる", show.SPEAKER_COLOURS[1])):
        s = style_at(text, at(TEXT, claim)["start"] + 1)
        assert s.underline and s.color.name == colour.lower()
    # a date inside a claim keeps the claim's colour and shows its kind by its background
    inside = style_at(text, at(TEXT, "来月")["start"])
    assert inside.bgcolor == show.ENTITY_STYLES["date"].bgcolor and inside.underline
    assert inside.color.name == show.SPEAKER_COLOURS[1].lower()
    none = style_at(text, at(TEXT, "物価は")["start"])
    assert none.italic and none.underline and none.color.name == show.UNATTRIBUTED
    plain = style_at(text, at(TEXT, "述べました")["start"] + 1)
    assert not plain.underline and plain.bgcolor is None


def test_colour_output_has_escapes_and_the_same_text():
    console, out = shown(sample(), colour=True)
    assert "\x1b[" in out
    assert TEXT.split("\n")[0] in console.export_text(styles=False)
    assert "«" not in out and "[田中太郎]P" not in out  # colour replaces the brackets


def test_speaker_colours_are_one_per_palette_slot():
    assert len(show.SPEAKER_COLOURS) == mk.SPEAKER_COLOURS == len(set(show.SPEAKER_COLOURS))


HOSTILE = "見出し\x1b]0;owned\x07と[/b][bold]太字[/bold]\x1b[31m赤\x9b1m\u202eأ\x00。"


@pytest.mark.parametrize("colour", [False, True])
def test_article_text_cannot_drive_the_terminal_or_rich_markup(colour):
    t = HOSTILE
    rec = record(t, path="a\x1b[2Jb.txt",
                 people=[{"id": "person:1", "name": "太字", "aliases": [], "kind": "person", "titles": [],
                          "mentions": [at(t, "太字")]}],
                 warnings=["odd \x1b[5m warning"])
    console, out = shown(rec, colour)
    for raw in ("\x1b]0;", "\x07", "\x1b[31m", "\x9b", "\u202e", "\x00", "\x1b[2J", "\x1b[5m"):
        assert raw not in out
    visible = console.export_text(styles=False)
    name = "太字" if colour else "[太字]P"
    assert f"見出し\\x1b]0;owned\\x07と[/b][bold]{name}[/bold]\\x1b[31m赤\\x9b1m\\u202eأ\\x00。" in visible
    assert "a\\x1b[2Jb.txt" in visible and "odd \\x1b[5m warning" in visible


def test_visible_keeps_newlines_and_tabs():
    assert show.visible("a\tb\nc\rd\x7f") == "a\tb\nc\\x0dd\\x7f"


@pytest.mark.parametrize("env, choice, tty, expected", [
    ({}, "auto", True, True),
    ({"NO_COLOR": "1"}, "auto", True, False),
    ({}, "auto", False, False),
    ({"NO_COLOR": "1"}, "always", False, True),
    ({}, "never", True, False),
])
def test_colour_choice(monkeypatch, env, choice, tty, expected):
    monkeypatch.delenv("NO_COLOR", raising=False)
    for k, v in env.items():
        monkeypatch.setenv(k, v)

    class Out(io.StringIO):
        def isatty(self):
            return tty

    assert show.colour_wanted(choice, Out()) is expected


# ---------------------------------------------------------------------------------------------------------
# the command, on the seed (model)


@pytest.fixture(scope="module")
def seed_record(nlp):
    res = CliRunner().invoke(main, ["extract", SEED, "--format", "json", "--include-text"])
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)


def test_kp_show_plain_marks_every_entity_of_the_seed(seed_record):
    res = CliRunner().invoke(main, ["show", SEED])  # not a terminal: plain
    assert res.exit_code == 0, res.stderr
    out = res.stdout
    assert "\x1b" not in out
    for key, role in mk.ENTITY_KEYS:
        letter = show.KIND_LETTER[role]
        for ent in seed_record[key]:
            for m in ent["mentions"]:
                assert f"[{m['text']}]{letter}" in out, (ent["id"], m)
    for c in seed_record["claims"]:
        n = c["id"].split(":")[1]
        assert (f"»{n}" in out) or (f"›{n}" in out)
    assert f"claims: {len(seed_record['claims'])} — " in out


def test_kp_show_colour_always(seed_record):
    res = CliRunner().invoke(main, ["show", SEED, "--color", "always"])
    assert res.exit_code == 0
    assert "\x1b[" in res.stdout and "]P" not in res.stdout


def test_kp_show_refuses_binary_input(tmp_path, nlp):
    f = tmp_path / "x.txt"
    f.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    res = CliRunner().invoke(main, ["show", str(f)])
    assert res.exit_code == 1 and res.stdout == ""
    assert res.stderr.startswith("kp: ") and "PNG" in res.stderr


def test_paging_sends_the_coloured_article_through_the_pager(monkeypatch):
    import pydoc

    paged = []
    monkeypatch.setattr(pydoc, "pager", paged.append)
    monkeypatch.delenv("LESS", raising=False)
    console = recording(True)
    show.show(sample(), console, colour=True, page=True)
    assert len(paged) == 1 and "\x1b[" in paged[0] and "景気は回復している" in paged[0]
    assert "R" in os.environ["LESS"]  # less shows the colours instead of escape codes
