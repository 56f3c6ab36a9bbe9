"""Acceptance of issue 11: arbitrary Unicode, arbitrary bytes, and text full of markup-like brackets and control
characters go through every output format (table, json, jsonl) without raising past the CLI, with the
documented exit codes (0, or 1 for an input that cannot be read), the span invariant in the JSON, and
nothing on the terminal that a terminal would act on."""
import json
import os
import tempfile

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kimputin_cli import pipeline
from kimputin_cli.cli import main
from helpers import spans

SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

HOSTILE = ["[bold]", "[/b]", "[/]", "[red]", "]", "[", "[link=http://x]", ":smile:", "\x1b[31m", "\x1b]0;t\x07",
           "\x9b2J", "\x00", "\x07", "\x08", "\x7f", "\u202e", "\r", "\r\n", "\t", "\ufeff", "&#27;", "<p>",
           "ｷﾑ･ｼﾞｮﾝｳﾝ", "ﾛｼｱ", "😀」", "𠮷野家", "「", "」と述べました。", "林外相は", "政府関係者によると", "、", "\n\n"]
NEWS = list("政府は日本銀行の岸田首相ロシア東京都「」、。（）・＝12３年月日が述べたと\n ")
NAMES = ["a.txt", "path[bold].txt", "x[/b].txt", "evil\x1b]0;t\x07.txt", "記事.TXT", "p\u202e.txt"]

texts = st.one_of(
    st.text(max_size=40),
    st.lists(st.one_of(st.sampled_from(HOSTILE), st.sampled_from(NEWS), st.characters()), max_size=24).map("".join),
)
inputs = st.one_of(
    st.binary(max_size=80),
    texts.map(lambda s: s.encode("utf-8", "surrogatepass")),
    texts.map(lambda s: s.encode("utf-16-le", "surrogatepass")),
    texts.map(lambda s: s.encode("cp932", "ignore")),
)


def unsafe(out: str) -> list[str]:
    """Characters a terminal would act on: C0 controls but the line feed, DEL, C1 controls, bidi overrides."""
    return [c for c in out if (ord(c) < 0x20 and c != "\n") or 0x7f <= ord(c) <= 0x9f or c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"]


@pytest.fixture(scope="module")
def runner(nlp):
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(pipeline, "shared_pipeline", lambda: nlp)
        yield CliRunner()


@SETTINGS
@given(data=inputs, name=st.sampled_from(NAMES + ["-"]))
def test_hostile_input_through_every_format(runner, data, name):
    with tempfile.TemporaryDirectory() as folder:
        path = "-" if name == "-" else os.path.join(folder, name)
        if path != "-":
            os.makedirs(os.path.dirname(path), exist_ok=True)  # x[/b].txt is the file b].txt in a folder x[
            with open(path, "wb") as fh:
                fh.write(data)
        stdin = data if path == "-" else None
        results = {}
        for fmt in ("json", "jsonl", "table"):
            res = runner.invoke(main, ["extract", path, "--format", fmt, "--include-text", "--date", "2023-09-11"],
                                input=stdin)
            assert res.exception is None or isinstance(res.exception, SystemExit), repr(res.exception)
            assert res.exit_code in (0, 1), (fmt, res.exit_code, res.stderr)
            assert unsafe(res.stderr) == [], (fmt, res.stderr)
            if res.exit_code == 1:  # the one input could not be read: one line says why, nothing on stdout
                assert res.stdout == "" and len(res.stderr.splitlines()) == 1 and res.stderr.startswith("kp: ")
            results[fmt] = res
        assert len({r.exit_code for r in results.values()}) == 1  # the format does not change the outcome
        if results["json"].exit_code == 0:
            record = json.loads(results["json"].stdout)
            assert json.loads(results["jsonl"].stdout) == record
            text = record["source"]["text"]
            for span in spans(record):
                assert 0 <= span["start"] <= span["end"] <= len(text)
                assert text[span["start"]:span["end"]] == span["text"]
            for fmt in ("table", "json", "jsonl"):  # JSON escapes what it keeps
                assert unsafe(results[fmt].stdout) == [], fmt


@SETTINGS
@given(text=texts)
def test_hostile_text_in_a_table_never_reaches_the_terminal(text):
    """The table alone, on records built from the text (no parsing): any string a record holds is shown safely."""
    import io

    from kimputin_cli.render import write_tables

    ent = {"id": "person:1", "name": text, "kind": "person", "titles": [text], "aliases": [text],
           "mentions": [{"start": 0, "end": len(text), "text": text}]}
    claim = {"id": "claim:1", "speaker": {"text": text, "anonymous": False}, "sources": [],
             "cue": {"text": text}, "content": {"text": text}, "direct": True, "hedged": False}
    rec = {"source": {"path": text, "chars": len(text)}, "reference_date": None, "people": [ent],
           "organizations": [], "places": [], "dates": [{"text": text, "value": None, "kind": "date"}],
           "claims": [claim], "warnings": [text]}
    for width in (40, 80):
        out = io.StringIO()
        write_tables([rec, {"source": {"path": text}, "error": {"type": "input", "message": text}}], out, width=width)
        assert unsafe(out.getvalue()) == []
