"""The kp command on hostile and odd input (issue 11): output files, empty runs, markup and controls in paths.

CLI tests run through CliRunner with the session's shared pipeline; short texts only.
"""
import json
import os

import pytest
from click.testing import CliRunner

from kimputin_cli import batch
from kimputin_cli.cli import main

TEXT = "林官房長官は15日、記者会見で「協力を続ける」と述べました。"


@pytest.fixture(scope="module")
def runner(nlp):
    return CliRunner()


def article(tmp_path, name="a.txt", text=TEXT):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


# 1, 2. markup and control characters from the file system, through the whole command ---------------------

def test_table_with_markup_in_path_and_text(runner, tmp_path):
    p = article(tmp_path, "path[bold].txt", "[/b]" + TEXT.replace("林", "[red]林"))
    res = runner.invoke(main, ["extract", str(p), "--format", "table", "--date", "2023-09-11"])
    assert res.exit_code == 0, res.output
    assert "path[bold].txt" in res.stdout


def test_control_characters_in_a_path_reach_stderr_visibly(runner, tmp_path):
    p = article(tmp_path, "evil\x1b]0;owned\x07.txt", "")
    p.write_bytes(b"\x89PNG\r\n\x1a\n....")
    res = runner.invoke(main, ["extract", str(p), "--format", "table"])
    assert res.exit_code == 1
    assert "\x1b" not in res.stderr and "\x07" not in res.stderr
    assert "evil\\x1b]0;owned\\x07.txt" in res.stderr


# 3. output files --------------------------------------------------------------------------------------------

def interrupted_after_first(monkeypatch):
    real = batch.extract_many

    def extract_many(*args, **kwargs):
        it = real(*args, **kwargs)
        yield next(it)
        raise KeyboardInterrupt

    monkeypatch.setattr(batch, "extract_many", extract_many)


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_ctrl_c_leaves_an_existing_output_file_as_it_was(runner, tmp_path, monkeypatch, fmt):
    a, b = article(tmp_path, "a.txt"), article(tmp_path, "b.txt")
    out = tmp_path / "out.json"
    out.write_text('{"old": "results"}\n', encoding="utf-8")
    interrupted_after_first(monkeypatch)
    res = runner.invoke(main, ["extract", str(a), str(b), "--format", fmt, "-o", str(out)])
    assert res.exit_code == 130
    assert out.read_text(encoding="utf-8") == '{"old": "results"}\n'
    left = [p for p in os.listdir(tmp_path) if p.endswith(".partial")]
    if fmt == "json":
        assert left == []
    else:  # the line already written is kept, and the message says where
        assert len(left) == 1 and left[0] in res.stderr
        assert json.loads((tmp_path / left[0]).read_text(encoding="utf-8"))["source"]["path"] == str(a)


def test_output_file_replaced_when_complete_and_keeps_its_mode(runner, tmp_path):
    out = tmp_path / "out.json"
    out.write_text("old\n", encoding="utf-8")
    out.chmod(0o640)
    res = runner.invoke(main, ["extract", str(article(tmp_path)), "-o", str(out), "--date", "2023-09-11"])
    assert res.exit_code == 0 and res.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["people"][0]["name"] == "林"
    assert out.stat().st_mode & 0o777 == 0o640
    assert sorted(os.listdir(tmp_path)) == ["a.txt", "out.json"]


def test_failed_single_input_does_not_touch_the_output_file(runner, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02\x00binary")
    out = tmp_path / "out.json"
    out.write_text("old\n", encoding="utf-8")
    res = runner.invoke(main, ["extract", str(bad), "-o", str(out)])
    assert res.exit_code == 1
    assert out.read_text(encoding="utf-8") == "old\n"
    assert sorted(os.listdir(tmp_path)) == ["bad.txt", "out.json"]


@pytest.mark.parametrize("target", ["missing/out.json", "."])
def test_bad_output_path_is_a_usage_error_before_parsing(runner, tmp_path, monkeypatch, target):
    def no_parsing(*args, **kwargs):
        raise AssertionError("parsed before checking -o")

    monkeypatch.setattr(batch, "extract_many", no_parsing)
    monkeypatch.chdir(tmp_path)
    res = runner.invoke(main, ["extract", str(article(tmp_path)), "-o", target])
    assert res.exit_code == 2, res.output
    assert "-o" in res.stderr or "--output" in res.stderr


def test_unwritable_output_folder_is_a_usage_error(runner, tmp_path, monkeypatch):
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    if os.geteuid() == 0:  # root may write anywhere: let the folder say no as it would to anyone else
        real = os.access
        monkeypatch.setattr(os, "access", lambda path, mode: False if str(path) == str(ro) else real(path, mode))
    try:
        res = runner.invoke(main, ["extract", str(article(tmp_path)), "-o", str(ro / "out.json")])
    finally:
        ro.chmod(0o700)
    assert res.exit_code == 2 and "permission denied" in res.stderr


# 7. silent empty runs -----------------------------------------------------------------------------------------

def test_a_folder_with_no_articles_warns_and_exits_1(runner, tmp_path):
    (tmp_path / "notes.md").write_text("x", encoding="utf-8")
    res = runner.invoke(main, ["extract", str(tmp_path), "--format", "json"])
    assert res.exit_code == 1
    assert json.loads(res.stdout) == []
    assert "no files matching *.txt, *.html, *.htm" in res.stderr and str(tmp_path) in res.stderr
    assert "nothing extracted" in res.stderr


def test_extension_patterns_match_any_case(runner, tmp_path):
    article(tmp_path, "ARTICLE.TXT")
    article(tmp_path, "Other.Txt")
    res = runner.invoke(main, ["extract", str(tmp_path), "--format", "jsonl", "--date", "2023-09-11"])
    assert res.exit_code == 0, res.output
    paths = [json.loads(line)["source"]["path"] for line in res.stdout.splitlines()]
    assert [os.path.basename(p) for p in paths] == ["ARTICLE.TXT", "Other.Txt"]


def test_an_empty_folder_beside_articles_is_named(runner, tmp_path):
    (tmp_path / "empty").mkdir()
    a = article(tmp_path, "a.txt")
    res = runner.invoke(main, ["extract", str(tmp_path / "empty"), str(a), "--format", "jsonl",
                               "--date", "2023-09-11"])
    assert res.exit_code == 0 and len(res.stdout.splitlines()) == 1
    assert f"{tmp_path / 'empty'}: no files matching" in res.stderr


def test_no_reference_date_is_said_once_with_the_hint(runner, tmp_path):
    a = article(tmp_path, "a.txt", "先月、林官房長官が述べました。")
    b = article(tmp_path, "b.txt", "去年、岸田首相が述べました。")
    res = runner.invoke(main, ["extract", str(a), str(b), "--format", "jsonl"])
    assert res.exit_code == 0
    assert res.stderr.count("no reference date") == 1 and "--date" in res.stderr
    for line in res.stdout.splitlines():
        rec = json.loads(line)
        assert rec["reference_date"] is None
        assert any(w.startswith("no reference date") and "--date" in w for w in rec["warnings"])
    res = runner.invoke(main, ["extract", str(a), "--format", "json", "--date", "2023-09-11"])
    assert "no reference date" not in res.stderr
    assert not any("no reference date" in w for w in json.loads(res.stdout)["warnings"])


# 10. kp check outside the project root ----------------------------------------------------------------------

def test_check_outside_the_project_says_where_it_looked(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    res = runner.invoke(main, ["check"])
    assert res.exit_code == 2
    assert str(tmp_path) in res.stderr and "kp check PATH/TO/fixtures" in res.stderr
    assert len(res.stderr.splitlines()) == 1


def test_readme_exit_code_table_matches_the_code():
    """Every exit status kp uses is in README's table, and the table names no other."""
    import re
    from pathlib import Path

    from kimputin_cli.errors import ExitStatus

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Exit codes", 1)[1].split("\n## ", 1)[0]
    documented = {int(code) for code in re.findall(r"^\| (\d+) \|", section, re.M)}
    assert documented == {int(s) for s in ExitStatus}


def test_a_full_disk_is_one_line_and_leaves_the_file(runner, tmp_path, monkeypatch):
    import errno

    from kimputin_cli import render

    out = tmp_path / "out.json"
    out.write_text("old\n", encoding="utf-8")

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(render, "write_json", full)
    res = runner.invoke(main, ["extract", str(article(tmp_path)), "-o", str(out), "--date", "2023-09-11"])
    assert res.exit_code == 1 and res.stderr.strip().endswith("No space left on device")
    assert out.read_text(encoding="utf-8") == "old\n"
    assert sorted(os.listdir(tmp_path)) == ["a.txt", "out.json"]
