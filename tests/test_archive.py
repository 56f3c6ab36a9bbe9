"""`kp extract --format sqlite`: the database holds what the JSON says, resumes, and links entities across articles."""
import json
import sqlite3

import pytest
from click.testing import CliRunner

from kimputin_cli import pipeline
from kimputin_cli.archive import sqlite as archive_sqlite
from kimputin_cli.archive.tables import EntityIndex, entity_keys, normalize
from kimputin_cli.cli import main

ARTICLES = {
    "a.txt": "岸田文雄首相は12日、官邸で記者団に「経済対策を急ぐ」と述べました。岸田首相は来月にも対策をまとめる方針です。\n",
    "b.txt": "関係者によりますと、岸田翔太郎社長は13日、「責任を取りたい」と話しているということです。岸田社長は辞職しました。\n",
    "c.txt": "防衛省によりますと、岸田文雄首相は14日、自衛隊の基地を視察しました。首相は「万全の態勢をとる」と強調しました。\n",
    "d.txt": "気象庁によりますと、台風10号は15日、鹿児島県に上陸しました。今後、大雨になるとみられます。\n",
}



def _folder(tmp_path, articles=ARTICLES, broken=True):
    folder = tmp_path / "news"
    folder.mkdir()
    for name, text in articles.items():
        (folder / name).write_text(text, encoding="utf-8")
    if broken:
        (folder / "x_broken.txt").write_bytes(b"\x00\x01binary")
    return folder


def _counts(db_path) -> dict:
    con = sqlite3.connect(db_path)
    tables = ("articles", "entities", "mentions", "dates", "claims", "claim_sources", "errors", "archive_entities")
    out = {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in tables}
    con.close()
    return out


def _json_counts(records) -> dict:
    ok = [r for r in records if "error" not in r]
    ents = [e for r in ok for k in ("people", "organizations", "places") for e in r[k]]
    return {"articles": len(ok), "entities": len(ents), "mentions": sum(len(e["mentions"]) for e in ents),
            "dates": sum(len(r["dates"]) for r in ok), "claims": sum(len(r["claims"]) for r in ok),
            "claim_sources": sum(len(c["sources"]) for r in ok for c in r["claims"]),
            "errors": sum(1 for r in records if "error" in r)}


def _extract(*args):
    return CliRunner().invoke(main, ["extract", *map(str, args)])


def test_row_counts_equal_the_json_and_a_second_run_adds_nothing(tmp_path, cli_nlp):
    folder = _folder(tmp_path)
    res = _extract(folder, "--format", "jsonl")
    records = [json.loads(line) for line in res.stdout.splitlines()]
    expected = _json_counts(records)
    assert expected["claims"] >= 4 and expected["claim_sources"] >= 1 and expected["errors"] == 1  # something to count
    db = tmp_path / "archive.db"
    first = _extract(folder, "--format", "sqlite", "-o", db)
    assert first.exit_code == 1  # the broken file
    assert first.stdout == ""
    assert f"{db}: 4 articles written, 0 unchanged (skipped), 1 failed" in first.stderr
    counts = _counts(db)
    assert {k: counts[k] for k in expected} == expected
    con = sqlite3.connect(db)
    assert con.execute("select path, type, component from errors").fetchall() == [
        (str(folder / "x_broken.txt"), "input", "read")]
    # the article rows say what the JSON says
    by_path = {r["source"]["path"]: r for r in records if "error" not in r}
    for path, sha, ref, text in con.execute("select path, sha256, reference_date, text from articles"):
        assert sha == by_path[path]["source"]["sha256"] and ref == by_path[path]["reference_date"]
        assert text == (folder / path.rsplit("/", 1)[1]).read_text(encoding="utf-8")
    # every mention's text is the article's text at its offsets
    for text, start, end, mention in con.execute(
            "select a.text, m.start, m.end, m.text from mentions m join articles a on a.id = m.article_id"):
        assert text[start:end] == mention
    assert con.execute("pragma foreign_key_check").fetchall() == []
    ids_before = con.execute("select max(id) from entities").fetchone()
    con.close()
    second = _extract(folder, "--format", "sqlite", "-o", db)
    assert f"{db}: 0 articles written, 4 unchanged (skipped), 1 failed" in second.stderr  # errors are retried
    assert _counts(db) == counts
    assert sqlite3.connect(db).execute("select max(id) from entities").fetchone() == ids_before
    assert (tmp_path / "archive.metadata.json").is_file()


def test_a_changed_article_replaces_its_rows(tmp_path, cli_nlp):
    folder = _folder(tmp_path, broken=False)
    db = tmp_path / "archive.db"
    _extract(folder, "--format", "sqlite", "-o", db)
    (folder / "d.txt").write_text("東京都の小池知事は「対策を急ぐ」と述べました。\n", encoding="utf-8")
    res = _extract(folder, "--format", "sqlite", "-o", db, "--jobs", "2")
    assert f"{db}: 1 articles written, 3 unchanged (skipped), 0 failed" in res.stderr
    records = [json.loads(line) for line in _extract(folder, "--format", "jsonl").stdout.splitlines()]
    counts = _counts(db)
    assert {k: counts[k] for k in _json_counts(records)} == _json_counts(records)
    con = sqlite3.connect(db)
    assert con.execute("select count(*) from articles where path like '%d.txt'").fetchone() == (1,)
    assert con.execute("select count(*) from claims where content_text like '%台風%'").fetchone() == (0,)


def test_a_crash_mid_article_leaves_the_database_as_before_and_the_next_run_resumes(tmp_path, cli_nlp, monkeypatch):
    folder = _folder(tmp_path, broken=False)
    db = tmp_path / "archive.db"
    real_insert = archive_sqlite.SqliteArchive._insert
    calls = {"claims": 0}

    def crashing_insert(self, table, rows):
        if table == "claims" and rows:
            calls["claims"] += 1
            if calls["claims"] == 3:  # the third article with claims: its articles/entities rows are in already
                raise KeyboardInterrupt
        return real_insert(self, table, rows)

    monkeypatch.setattr(archive_sqlite.SqliteArchive, "_insert", crashing_insert)
    res = _extract(folder, "--format", "sqlite", "-o", db)
    assert res.exit_code == 130 and calls["claims"] == 3
    con = sqlite3.connect(db)
    paths = [p for (p,) in con.execute("select path from articles order by id")]
    assert paths == [str(folder / "a.txt"), str(folder / "b.txt")]
    # nothing of the third article: no orphan entity, mention or date rows
    assert con.execute("select count(*) from entities where article_id not in (select id from articles)").fetchone() == (0,)
    assert con.execute("select count(*) from mentions where article_id not in (select id from articles)").fetchone() == (0,)
    assert con.execute("select count(*) from dates where article_id not in (select id from articles)").fetchone() == (0,)
    con.close()
    monkeypatch.setattr(archive_sqlite.SqliteArchive, "_insert", real_insert)
    res = _extract(folder, "--format", "sqlite", "-o", db)
    assert res.exit_code == 0
    assert f"{db}: 2 articles written, 2 unchanged (skipped), 0 failed" in res.stderr
    records = [json.loads(line) for line in _extract(folder, "--format", "jsonl").stdout.splitlines()]
    counts = _counts(db)
    assert {k: counts[k] for k in _json_counts(records)} == _json_counts(records)


def test_same_person_shares_one_archive_id_and_namesakes_do_not(tmp_path, cli_nlp):
    folder = _folder(tmp_path, broken=False)
    db = tmp_path / "archive.db"
    _extract(folder, "--format", "sqlite", "-o", db)
    con = sqlite3.connect(db)
    rows = con.execute("select a.path, e.name, e.archive_entity_id from entities e join articles a on a.id = e.article_id "
                       "where e.category = 'person'").fetchall()
    ids = {(path.rsplit("/", 1)[1], name): aid for path, name, aid in rows}
    assert ids[("a.txt", "岸田文雄")] == ids[("c.txt", "岸田文雄")]
    assert ids[("b.txt", "岸田翔太郎")] != ids[("a.txt", "岸田文雄")]
    # "every claim made by X" is one query over the archive id
    said = con.execute("select path from claims_text where speaker_archive_id = ? order by path",
                       [ids[("a.txt", "岸田文雄")]]).fetchall()
    assert [p.rsplit("/", 1)[1] for (p,) in said] == ["a.txt", "c.txt"]


def test_entity_keys_are_conservative():
    assert normalize("ウラジーミル・プーチン") == normalize("ウラジーミル プーチン") == "ウラジーミルプーチン"
    index = EntityIndex()
    kishida = index.assign({"name": "岸田文雄", "aliases": ["岸田"], "kind": "person"}, "person")[0]
    shotaro = index.assign({"name": "岸田翔太郎", "aliases": ["岸田"], "kind": "person"}, "person")[0]
    kishida_again = index.assign({"name": "岸田文雄", "aliases": [], "kind": "person"}, "person")[0]
    assert kishida == kishida_again != shotaro
    kim = index.assign({"name": "金正恩", "aliases": ["キム", "キム・ジョンウン"], "kind": "person"}, "person")[0]
    assert index.assign({"name": "キム・ジョンウン", "aliases": [], "kind": "person"}, "person")[0] == kim
    assert index.assign({"name": "キム", "aliases": [], "kind": "person"}, "person")[0] != kim  # a short form
    assert entity_keys({"name": "ロシア大統領府", "aliases": ["大統領府"]}) == ["ロシア大統領府"]
    # same name, another kind: another entity
    assert index.assign({"name": "岸田文雄", "aliases": [], "kind": "organization"}, "organization")[0] != kishida


def test_sqlite_needs_an_output_file(tmp_path, cli_nlp):
    folder = _folder(tmp_path, broken=False)
    res = _extract(folder, "--format", "sqlite")
    assert res.exit_code == 2 and "-o archive.db" in res.stderr
    (tmp_path / "not.db").write_text("plain text, not a database\n" * 100)
    res = _extract(folder, "--format", "sqlite", "-o", tmp_path / "not.db")
    assert res.exit_code == 2 and "cannot be opened as a kp archive" in res.stderr


@pytest.fixture
def built(tmp_path, cli_nlp):
    folder = _folder(tmp_path, broken=False)
    db = tmp_path / "archive.db"
    (folder / "a.meta.json").write_text('{"date": "2023-09-12", "title": "首相、経済対策を指示"}', encoding="utf-8")
    (folder / "c.meta.json").write_text('{"date": "2023-09-01"}', encoding="utf-8")
    assert _extract(folder, "--format", "sqlite", "-o", db).exit_code == 0
    con = sqlite3.connect(db)
    assert con.execute("select headline from articles where path like '%a.txt'").fetchone() == ("首相、経済対策を指示",)
    assert con.execute("select headline from articles where path like '%c.txt'").fetchone() == (None,)
    con.close()
    return folder, db


def _ask(*args):
    res = CliRunner().invoke(main, ["archive", *map(str, args)])
    return res, (json.loads(res.stdout) if res.exit_code == 0 and res.stdout.startswith("[") else None)


def test_archive_who_said(built):
    folder, db = built
    res, rows = _ask("who-said", db, "岸田文雄", "-f", "json")
    assert res.exit_code == 0
    assert [(r["path"].rsplit("/", 1)[1], r["speaker"], r["date"]) for r in rows] == [
        ("c.txt", "岸田文雄 (首相)", "2023-09-01"), ("a.txt", "岸田文雄 (岸田文雄首相)", "2023-09-12")]  # by date
    assert rows[1]["content"] == "経済対策を急ぐ" and rows[0]["sources"] is None
    # the namesake is someone else
    res, rows = _ask("who-said", db, "岸田翔太郎", "-f", "json")
    assert [r["path"].rsplit("/", 1)[1] for r in rows] == ["b.txt"] and rows[0]["sources"] == "関係者 (によりますと)"
    # a surname alone names both
    res, rows = _ask("who-said", db, "岸田", "-f", "json")
    assert sorted(r["path"].rsplit("/", 1)[1] for r in rows) == ["a.txt", "b.txt", "c.txt"]
    res = CliRunner(env={"COLUMNS": "160"}).invoke(main, ["archive", "who-said", str(db), "岸田文雄", "-f", "table"])
    assert res.exit_code == 0 and "経済対策を急ぐ" in res.stdout


def test_archive_search_sources_and_sql(built):
    folder, db = built
    res, rows = _ask("search", db, "責任を取", "-f", "json")
    assert [(r["path"].rsplit("/", 1)[1], r["content"]) for r in rows] == [("b.txt", "【責任を取】りたい")]
    res, rows = _ask("search", db, "対策", "-f", "json")  # two characters: below the trigram index
    assert sorted(r["path"].rsplit("/", 1)[1] for r in rows) == ["a.txt"]
    res, rows = _ask("search", db, "鹿児島県", "--in", "articles", "-f", "json")
    assert [r["path"].rsplit("/", 1)[1] for r in rows] == ["d.txt"] and "【鹿児島県】" in rows[0]["excerpt"]
    res, rows = _ask("sources", db, "-f", "json")
    by_who = {r["who"]: r for r in rows}
    assert by_who["関係者"]["as_source"] == 1 and by_who["関係者"]["anonymous_share"] == 1.0
    assert by_who["関係者"]["kind"] == "anonymous"
    assert by_who["岸田文雄"]["as_speaker"] == 2 and by_who["岸田文雄"]["articles"] == 2
    res, rows = _ask("sql", db, "select count(*) as n from articles", "-f", "json")
    assert rows == [{"n": 4}]
    res, _ = _ask("sql", db, "delete from articles")
    assert res.exit_code == 1 and "readonly" in res.stderr
    assert _ask("sql", db, "select count(*) as n from articles", "-f", "json")[1] == [{"n": 4}]
    res, _ = _ask("sql", db, "select * from nowhere")
    assert res.exit_code == 1 and res.stderr.startswith("kp: query failed: no such table")
    (folder / "plain.db").write_text("not a database\n" * 50)
    res, _ = _ask("sources", folder / "plain.db")
    assert res.exit_code == 1 and "not a kp archive" in res.stderr


def test_parquet_holds_the_same_tables_as_sqlite(tmp_path, cli_nlp):
    pq = pytest.importorskip("pyarrow.parquet")
    folder = _folder(tmp_path)
    db, out = tmp_path / "archive.db", tmp_path / "tables"
    _extract(folder, "--format", "sqlite", "-o", db)
    res = _extract(folder, "--format", "parquet", "-o", out)
    assert res.exit_code == 1 and f"{out}: 4 articles written, 1 failed" in res.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{t}.parquet" for t in (
        "articles", "archive_entities", "archive_entity_keys", "entities", "mentions", "dates", "claims",
        "claim_sources", "errors"))
    con = sqlite3.connect(db)
    for table in ("articles", "entities", "mentions", "dates", "claims", "claim_sources", "archive_entities"):
        rows = pq.read_table(out / f"{table}.parquet").to_pylist()
        cols = list(rows[0])
        assert [tuple(r.values()) for r in rows] == con.execute(
            f"select {', '.join(f'[{c}]' for c in cols)} from {table} order by id").fetchall(), table
    assert pq.read_table(out / "errors.parquet").column("component").to_pylist() == ["read"]


def test_entity_index_pending_keys_are_dropped_when_the_article_is_not_written():
    index = EntityIndex()
    first = index.assign({"name": "岸田文雄", "aliases": [], "kind": "person"}, "person")[0]
    index.done(False)  # rolled back: its keys must not point at an archive entity that was never written
    second = index.assign({"name": "岸田文雄", "aliases": [], "kind": "person"}, "person")
    assert second[0] != first and second[1] == [{"id": second[0], "kind": "person", "category": "person", "name": "岸田文雄"}]
    index.done(True)
    assert index.assign({"name": "岸田文雄", "aliases": [], "kind": "person"}, "person")[:2] == (second[0], [])
    # within one article, a key given to one entity is known to the next before anything is written
    a = index.assign({"name": "ウラジーミル・プーチン", "aliases": [], "kind": "person"}, "person")[0]
    assert index.assign({"name": "ウラジーミル プーチン", "aliases": [], "kind": "person"}, "person")[0] == a


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_an_unchanged_folder_needs_no_model(tmp_path, cli_nlp, monkeypatch, jobs):
    folder = _folder(tmp_path, broken=False)
    db = tmp_path / "archive.db"
    assert _extract(folder, "--format", "sqlite", "-o", db).exit_code == 0

    def no_model():
        raise AssertionError("the model was loaded for a folder with nothing new")

    monkeypatch.setattr(pipeline, "shared_pipeline", no_model)
    res = _extract(folder, "--format", "sqlite", "-o", db, "--jobs", jobs)
    assert res.exit_code == 0 and f"{db}: 0 articles written, 4 unchanged (skipped), 0 failed" in res.stderr


def test_ctrl_c_on_a_real_build_leaves_a_valid_database_that_resumes(tmp_path, cli_nlp):
    """A real `kp` process (loads the model once more), SIGINT to its process group once it has written."""
    import os
    import signal
    import subprocess
    import sys
    import time

    texts = list(ARTICLES.values())
    folder = tmp_path / "news"
    folder.mkdir()
    for i in range(40):
        (folder / f"{i:02d}.txt").write_text(texts[i % len(texts)].replace("12日", f"{i + 1}日"), encoding="utf-8")
    db = tmp_path / "archive.db"
    proc = subprocess.Popen([sys.executable, "-m", "kimputin_cli", "extract", str(folder), "--format", "sqlite",
                             "-o", str(db), "--jobs", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)
    try:
        written = 0
        while proc.poll() is None and written == 0:
            time.sleep(0.2)
            try:
                con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.1)
                written = con.execute("select count(*) from articles").fetchone()[0]
                con.close()
            except sqlite3.Error:
                pass
        os.killpg(proc.pid, signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    con = sqlite3.connect(db)
    assert con.execute("pragma integrity_check").fetchone() == ("ok",)
    assert con.execute("pragma foreign_key_check").fetchall() == []
    kept = con.execute("select count(*) from articles").fetchone()[0]
    con.close()
    assert proc.returncode == 130
    assert err.decode("utf-8").strip().splitlines()[-1] == "kp: interrupted" and b"Traceback" not in err
    assert 1 <= kept < 40
    res = _extract(folder, "--format", "sqlite", "-o", db)
    assert res.exit_code == 0 and f"{40 - kept} articles written, {kept} unchanged (skipped)" in res.stderr
    records = [json.loads(line) for line in _extract(folder, "--format", "jsonl").stdout.splitlines()]
    counts = _counts(db)
    assert {k: counts[k] for k in _json_counts(records)} == _json_counts(records)
