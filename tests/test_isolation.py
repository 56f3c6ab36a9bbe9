"""A batch that never hangs and never loses an article: an injected failing component, a worker that dies."""
import json
import os
import signal

import pytest
from click.testing import CliRunner
from spacy.language import Language

from kimputin_cli import pipeline
from kimputin_cli.batch import extract_many
from kimputin_cli.cli import main

from helpers import BOMB, GOOD, KILL, write_articles as _write

KILL_ONCE = "一度だけ終了試験"  # killed the first time only (a flag file records it)
STALL = "停止試験"         # the component never returns (sleeps far longer than any test)
_kill_once_flag = {"path": None}


@Language.component("kp_test_bomb")
def _bomb(doc):
    if BOMB in doc.text:
        raise RuntimeError("injected failure")
    if STALL in doc.text:
        import time

        time.sleep(3600)
    if KILL in doc.text:
        os.kill(os.getpid(), signal.SIGKILL)
    if KILL_ONCE in doc.text and _kill_once_flag["path"] and not os.path.exists(_kill_once_flag["path"]):
        open(_kill_once_flag["path"], "w").close()
        os.kill(os.getpid(), signal.SIGKILL)
    return doc


@pytest.fixture
def bomb_nlp(nlp, monkeypatch, tmp_path):
    """The session pipeline with the failing component after kp_entities, for this test only."""
    nlp.add_pipe("kp_test_bomb", after="kp_entities")
    monkeypatch.setattr(pipeline, "shared_pipeline", lambda: nlp)
    _kill_once_flag["path"] = str(tmp_path / "killed-once")
    try:
        yield nlp
    finally:
        nlp.remove_pipe("kp_test_bomb")
        _kill_once_flag["path"] = None




@pytest.mark.parametrize("jobs", ["1", "2"])
def test_failing_component_is_one_error_record(tmp_path, bomb_nlp, jobs):
    texts = GOOD[:2] + [f"警察は{BOMB}について調べています。\n"] + GOOD[2:]
    paths = _write(tmp_path, texts)
    res = CliRunner().invoke(main, ["extract", str(tmp_path), "--format", "jsonl", "--jobs", jobs])
    assert res.exit_code == 1
    lines = [json.loads(line) for line in res.stdout.splitlines()]
    assert [rec["source"]["path"] for rec in lines] == paths
    errors = [rec for rec in lines if "error" in rec]
    assert errors == [{"source": {"path": paths[2]},
                       "error": {"type": "RuntimeError", "message": "injected failure", "component": "kp_test_bomb"}}]
    good = [rec for rec in lines if "error" not in rec]
    assert len(good) == 4 and all(rec["source"]["sha256"] for rec in good)
    assert [p["name"] for p in good[0]["people"]] == ["岸田"]
    assert f"{paths[2]}: internal error in kp_test_bomb: RuntimeError: injected failure" in res.stderr


def test_jobs_1_and_2_agree_around_a_failure(tmp_path, bomb_nlp):
    _write(tmp_path, [GOOD[0], f"{BOMB}。\n", GOOD[1]])
    runner = CliRunner()
    one = runner.invoke(main, ["extract", str(tmp_path), "--format", "jsonl", "--jobs", "1"])
    two = runner.invoke(main, ["extract", str(tmp_path), "--format", "jsonl", "--jobs", "2"])
    assert one.exit_code == two.exit_code == 1
    assert one.stdout == two.stdout


def test_a_killed_worker_is_replaced_and_its_article_retried(tmp_path, bomb_nlp):
    texts = [GOOD[0], f"会見で{KILL}がありました。\n", GOOD[1], f"会見で{KILL_ONCE}がありました。\n", GOOD[2], GOOD[3]]
    paths = _write(tmp_path, texts)
    outcomes = list(extract_many(paths, jobs=2))
    assert [o.path for o in outcomes] == paths
    # killed every time: retried once, then reported with the stage it died in
    dead = outcomes[1].record
    assert dead["error"]["type"] == "WorkerDied" and dead["error"]["component"] == "kp_test_bomb"
    assert "killed by signal 9" in dead["error"]["message"] and "2 times" in dead["error"]["message"]
    # killed once: the retry on a fresh worker succeeds
    assert os.path.exists(_kill_once_flag["path"])
    assert outcomes[3].ok and outcomes[3].record["source"]["chars"] == len(texts[3])
    assert [o.ok for o in outcomes] == [True, False, True, True, True, True]


def test_records_larger_than_a_pipe_buffer(tmp_path, bomb_nlp):
    """A worker's result bigger than the OS pipe buffer (64 KiB) while the parent also has work to hand out."""
    big = "".join(GOOD[i % 4] for i in range(400))  # ~14,000 chars; with --include-text the record > 64 KiB
    paths = _write(tmp_path, [big, GOOD[0], big, GOOD[1], GOOD[2]])
    outcomes = list(extract_many(paths, jobs=2, include_text=True))
    assert [o.path for o in outcomes] == paths and all(o.ok for o in outcomes)
    assert len(json.dumps(outcomes[0].record, ensure_ascii=False).encode("utf-8")) > 65536
    assert outcomes[0].record == outcomes[2].record | {"source": outcomes[0].record["source"]}


def test_skip_yields_skipped_outcomes_in_order(tmp_path, bomb_nlp):
    paths = _write(tmp_path, GOOD[:3])
    for jobs in (1, 2):
        outcomes = list(extract_many(paths, jobs=jobs, skip=lambda p: p == paths[1]))
        assert [(o.path, o.skipped, o.record is None) for o in outcomes] == [
            (paths[0], False, False), (paths[1], True, True), (paths[2], False, False)]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_an_article_over_the_time_limit_is_stopped_and_reported(tmp_path, bomb_nlp, jobs):
    # the limit is generous: a short article takes well under a second; only the stalled one reaches it
    paths = _write(tmp_path, [GOOD[0], f"会見で{STALL}がありました。\n", GOOD[1]])
    res = CliRunner().invoke(main, ["extract", str(tmp_path), "--format", "jsonl", "--jobs", jobs, "--timeout", "20"])
    assert res.exit_code == 1
    lines = [json.loads(line) for line in res.stdout.splitlines()]
    assert [rec["source"]["path"] for rec in lines] == paths
    assert lines[1]["error"] == {"type": "ArticleTimeout", "component": "kp_test_bomb",
                                 "message": "no result after 20 s; its worker process was stopped"}
    assert "error" not in lines[0] and "error" not in lines[2]


def test_workers_that_died_idle_or_busy_are_replaced(tmp_path, bomb_nlp):
    from kimputin_cli import batch

    paths = _write(tmp_path, GOOD)
    pool = batch._Pool(bomb_nlp, batch.Settings(), jobs=2, window=8)
    killed = []

    def tasks():
        for i, p in enumerate(paths):
            if i == 2:  # asked for a third article: one worker is idle, waiting for it; kill both (an OOM killer)
                idle = [w for w in pool.workers if w.task is None]
                assert idle
                for w in pool.workers:
                    w.process.kill()
                    w.process.join()
                    killed.append(w.process.pid)
            yield i, (i, p, None)

    outcomes = list(pool.run(tasks()))
    assert len(killed) == 2
    assert [o.path for o in outcomes] == paths and all(o.ok for o in outcomes)
