"""The kp command: formats, the JSON contract, exit codes. The model is the session's shared pipeline."""
import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from kimputin_cli import pipeline
from kimputin_cli.cli import main

ROOT = Path(__file__).resolve().parents[1]
SEED = str(ROOT / "seeds" / "000_c73a4b2870458b57.txt")


@pytest.fixture(scope="module")
def runner(nlp):  # nlp: make sure the shared pipeline is loaded once, before any CLI call
    return CliRunner()


@pytest.fixture(scope="module")
def seed_json(runner):
    res = runner.invoke(main, ["extract", SEED, "--format", "json"])
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)


@pytest.fixture(scope="module")
def schema(runner):
    res = runner.invoke(main, ["schema"])
    assert res.exit_code == 0
    return json.loads(res.stdout)


def all_spans(rec):
    for key in ("people", "organizations", "places"):
        for ent in rec[key]:
            for m in ent["mentions"]:
                yield m
    for d in rec["dates"]:
        yield d
    for c in rec["claims"]:
        for part in [c["speaker"], c["cue"], c["content"], *c["sources"]]:
            if part:
                yield part


def test_seed_people_are_the_four(seed_json):
    assert [p["name"] for p in seed_json["people"]] == ["金正恩", "プーチン", "ショイグ", "ペスコフ"]
    kim = seed_json["people"][0]
    assert set(kim["aliases"]) == {"キム・ジョンウン", "キム"} and kim["titles"] == ["総書記"]
    assert {p["name"]: p["titles"] for p in seed_json["people"][1:]} == {
        "プーチン": ["大統領"], "ショイグ": ["国防相"], "ペスコフ": ["報道官"]}


def test_seed_organizations_and_places(seed_json):
    orgs = {o["name"]: o["kind"] for o in seed_json["organizations"]}
    for name, kind in [("朝鮮中央通信", "media"), ("連合ニュース", "media"), ("ロシア通信", "media"),
                       ("ニューヨーク・タイムズ", "media"), ("ロシア大統領府", "government"), ("アメリカ政府", "government"),
                       ("ロシア軍", "military"), ("ワグネル", "company")]:
        assert orgs.get(name) == kind, name
    places = {p["name"]: p["kind"] for p in seed_json["places"]}
    assert places["ウラジオストク"] == "city"
    for country in ["北朝鮮", "ロシア", "韓国", "ウクライナ", "アメリカ", "中国", "日本"]:
        assert places[country] == "country"
    everything = set(orgs) | set(places) | {p["name"] for p in seed_json["people"]}
    for not_an_entity in ["原子力潜水艦", "国防5か年計画", "ICBM", "ロケット弾", "通信社", "当局者", "国営メディア"]:
        assert not_an_entity not in everything


def test_span_invariant_and_unique_ids(seed_json):
    text = Path(SEED).read_text(encoding="utf-8")
    n = 0
    for span in all_spans(seed_json):
        assert text[span["start"]:span["end"]] == span["text"]
        n += 1
    assert n > 50
    ids = [e["id"] for key in ("people", "organizations", "places", "claims") for e in seed_json[key]]
    assert len(ids) == len(set(ids))
    # every mention belongs to exactly one entity
    spans = [(m["start"], m["end"]) for k in ("people", "organizations", "places") for e in seed_json[k] for m in e["mentions"]]
    assert len(spans) == len(set(spans))


def test_ids_are_stable(runner, seed_json):
    again = json.loads(runner.invoke(main, ["extract", SEED, "--format", "json"]).stdout)
    assert again == seed_json


def test_json_validates_against_kp_schema(seed_json, schema):
    jsonschema.validate(seed_json, schema)
    assert seed_json["schema"] == "kimputin.extraction/1"
    assert seed_json["source"]["chars"] == len(Path(SEED).read_text(encoding="utf-8"))


def test_table_format(runner):
    res = runner.invoke(main, ["extract", SEED, "--format", "table"])
    assert res.exit_code == 0
    for heading in ("People", "Organizations", "Places"):
        assert heading in res.stdout
    assert "ペスコフ" in res.stdout and "報道官" in res.stdout


def test_default_format_is_json_when_not_a_terminal(runner, seed_json):
    res = runner.invoke(main, ["extract", SEED])
    assert json.loads(res.stdout)["people"] == seed_json["people"]


def test_jsonl_and_json_array_for_several_inputs(runner, tmp_path, schema):
    a = tmp_path / "a.txt"
    a.write_text("岸田文雄首相は15日、記者団の取材に応じました。", encoding="utf-8")
    b = tmp_path / "b.txt"
    b.write_text("ロイター通信が伝えました。", encoding="utf-8")
    res = runner.invoke(main, ["extract", str(a), str(b), "--format", "jsonl"])
    lines = res.stdout.splitlines()
    assert res.exit_code == 0 and len(lines) == 2
    recs = [json.loads(line) for line in lines]
    assert [r["source"]["path"] for r in recs] == [str(a), str(b)]
    assert recs[0]["people"][0]["name"] == "岸田文雄"
    res = runner.invoke(main, ["extract", str(a), str(b), "--format", "json"])
    arr = json.loads(res.stdout)
    assert isinstance(arr, list) and len(arr) == 2
    for rec in arr:
        jsonschema.validate(rec, schema)


def test_stdin_and_output_file(runner, tmp_path):
    out = tmp_path / "out.json"
    res = runner.invoke(main, ["extract", "-", "--date", "2023-09-11", "-o", str(out)],
                        input="林官房長官は記者会見で述べました。".encode())
    assert res.exit_code == 0 and res.stdout == ""
    rec = json.loads(out.read_text(encoding="utf-8"))
    assert rec["source"]["path"] == "-" and rec["reference_date"] == "2023-09-11"
    assert rec["people"][0]["name"] == "林"


def test_missing_file_is_a_usage_error(runner, tmp_path):
    res = runner.invoke(main, ["extract", str(tmp_path / "nope.txt")])
    assert res.exit_code == 2
    assert "does not exist" in res.stderr


@pytest.mark.parametrize("content", ["", "   \n\n\t  \n"])
def test_empty_file_is_a_valid_empty_result(runner, tmp_path, schema, content):
    p = tmp_path / "empty.txt"
    p.write_text(content, encoding="utf-8")
    res = runner.invoke(main, ["extract", str(p), "--format", "json"])
    assert res.exit_code == 0
    rec = json.loads(res.stdout)
    jsonschema.validate(rec, schema)
    assert rec["people"] == rec["organizations"] == rec["places"] == rec["dates"] == rec["claims"] == []


def test_undecodable_bytes_one_line_error(runner, tmp_path):
    p = tmp_path / "bad.txt"
    p.write_bytes(b"\x80\x81\x00\xff\x00\xfe\x00garbage\x00")
    res = runner.invoke(main, ["extract", str(p), "--format", "json"])
    assert res.exit_code == 1
    assert res.stdout == ""
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and "bad.txt" in lines[0]


def test_one_bad_file_does_not_stop_the_others(runner, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x00\xff\xfe\x00\x80")
    good = tmp_path / "good.txt"
    good.write_text("ロイター通信が伝えました。", encoding="utf-8")
    res = runner.invoke(main, ["extract", str(bad), str(good), "--format", "jsonl"])
    assert res.exit_code == 1
    recs = [json.loads(line) for line in res.stdout.splitlines()]
    assert "error" in recs[0] and recs[0]["source"]["path"] == str(bad)
    assert recs[1]["organizations"][0]["name"] == "ロイター通信"


def test_model_not_installed_has_its_own_exit_code(runner, tmp_path, monkeypatch):
    p = tmp_path / "a.txt"
    p.write_text("ロイター通信が伝えました。", encoding="utf-8")
    monkeypatch.setattr(pipeline, "shared_pipeline", lambda: pipeline.load_pipeline("ja_no_such_model"))
    res = runner.invoke(main, ["extract", str(p)])
    assert res.exit_code == 3
    assert "pip install" in res.stderr and len(res.stderr.strip().splitlines()) == 1


def test_bad_date_option(runner):
    res = runner.invoke(main, ["extract", SEED, "--date", "2023-13-45"])
    assert res.exit_code == 2


def test_help_and_version_do_not_import_spacy():
    code = ("import sys; from click.testing import CliRunner; from kimputin_cli.cli import main; "
            "r = CliRunner().invoke(main, ['--help']); assert r.exit_code == 0, r.output; "
            "r = CliRunner().invoke(main, ['schema']); assert r.exit_code == 0; "
            "print('spacy' in sys.modules, 'rich' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "False"]


def test_library_never_imports_click_or_rich():
    """Only the CLI layer (cli.py, console.py, render.py, show.py, check_cli.py, archive_cli.py) may import click or rich.
    (spaCy itself imports both, so sys.modules cannot tell; the source can.)"""
    import ast

    cli_layer = {"cli.py", "console.py", "render.py", "show.py", "check_cli.py", "archive_cli.py", "__main__.py"}
    offenders = []
    for path in (ROOT / "kimputin_cli").rglob("*.py"):
        if path.name in cli_layer:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] in ("click", "rich")]
    assert offenders == []
