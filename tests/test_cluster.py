"""Dask: a real scheduler and two worker processes on 127.0.0.1; the same records as --jobs, failures as records."""
import json
import sqlite3
import sys

import pytest
from click.testing import CliRunner

distributed = pytest.importorskip("distributed")

import cloudpickle  # noqa: E402

from kimputin_cli.cli import main  # noqa: E402
from kimputin_cli.cluster import extract_on_cluster, open_client  # noqa: E402

import helpers  # noqa: E402
from helpers import BOMB, GOOD, KILL, write_articles as _write  # noqa: E402


# the setup function below travels to the workers by value (they cannot import this test module)
cloudpickle.register_pickle_by_value(sys.modules[__name__])
cloudpickle.register_pickle_by_value(helpers)


def tripwire(word, action, name):
    """A setup function for the workers: a component ``name`` that raises (``action="raise"``) or kills its
    process (``"kill"``) on any doc containing ``word``; it travels to the workers by value."""
    def setup(nlp):
        import os
        import signal

        from spacy.language import Language

        def component(doc):
            if word in doc.text:
                if action == "kill":
                    os.kill(os.getpid(), signal.SIGKILL)
                raise RuntimeError("injected failure")
            return doc

        if not Language.has_factory(name):
            Language.component(name, func=component)
        if name not in nlp.pipe_names:
            nlp.add_pipe(name, after="kp_entities")
    return setup


add_bomb = tripwire(BOMB, "raise", "kp_test_cluster_bomb")
add_killer = tripwire(KILL, "kill", "kp_test_cluster_killer")


@pytest.fixture(scope="module")
def client():
    client, cluster = open_client("local:2")
    try:
        assert len(client.scheduler_info()["workers"]) == 2
        assert all(addr.startswith("tcp://127.0.0.1:") for addr in client.scheduler_info()["workers"])
        yield client
    finally:
        client.close()
        cluster.close()


def test_the_local_cluster_listens_on_the_loopback_address_only(client):
    import os

    psutil = pytest.importorskip("psutil")
    pids = {os.getpid()} | {c.pid for c in psutil.Process().children(recursive=True)}
    try:
        listening = [c.laddr.ip for c in psutil.net_connections("inet") if c.pid in pids and c.status == "LISTEN"]
    except psutil.AccessDenied:  # pragma: no cover - not root on macOS
        pytest.skip("listing sockets needs more rights here")
    assert listening and set(listening) == {"127.0.0.1"}



def test_cli_on_a_scheduler_gives_the_same_records_as_jobs_1(tmp_path, client, cli_nlp):
    folder = tmp_path / "news"
    _write(folder, GOOD + ["会見で話しました。\n"] * 3)
    (folder / "005.meta.json").write_text('{"date": "2023-09-12", "title": "見出し"}', encoding="utf-8")
    (folder / "zz_broken.txt").write_bytes(b"\x00\x01binary")
    runner = CliRunner()
    one = runner.invoke(main, ["extract", str(folder), "--format", "jsonl", "--jobs", "1"])
    dask = runner.invoke(main, ["extract", str(folder), "--format", "jsonl", "--cluster", client.scheduler.address])
    assert one.exit_code == dask.exit_code == 1
    assert dask.stdout == one.stdout
    records = [json.loads(line) for line in dask.stdout.splitlines()]
    assert len(records) == 8 and "error" in records[-1]
    assert records[5]["reference_date"] == "2023-09-12" and records[5]["source"]["title"] == "見出し"  # sidecar sent
    # into a database, through the same writer
    db = tmp_path / "a.db"
    res = runner.invoke(main, ["extract", str(folder), "--format", "sqlite", "-o", str(db),
                               "--cluster", client.scheduler.address])
    assert f"{db}: 7 articles written, 0 unchanged (skipped), 1 failed" in res.stderr
    con = sqlite3.connect(db)
    assert con.execute("select count(*) from claims").fetchone()[0] == sum(len(r.get("claims", [])) for r in records)


def test_a_failing_component_on_the_workers_is_one_error_record(tmp_path, client):
    texts = GOOD[:2] + [f"警察は{BOMB}について調べています。\n"] + GOOD[2:]
    paths = _write(tmp_path / "news", texts)
    # small batches, so the failing article shares a batch with good ones and others run in parallel
    outcomes = list(extract_on_cluster(paths, client=client, setup_nlp=add_bomb, batch_bytes=200))
    assert [o.path for o in outcomes] == paths
    assert [o.ok for o in outcomes] == [True, True, False, True, True]
    assert outcomes[2].record["error"] == {"type": "RuntimeError", "message": "injected failure",
                                           "component": "kp_test_cluster_bomb"}
    assert [p["name"] for p in outcomes[0].record["people"]] == ["岸田"]


def test_an_article_that_kills_its_worker_is_an_error_record(tmp_path, client):
    texts = [GOOD[3], f"会見で{KILL}がありました。\n", GOOD[2], GOOD[1]]
    paths = _write(tmp_path / "news", texts)
    # one batch for all four: it fails as a whole, then each article is sent alone
    outcomes = list(extract_on_cluster(paths, client=client, setup_nlp=add_killer, batch_bytes=10_000))
    assert [o.path for o in outcomes] == paths
    assert [o.ok for o in outcomes] == [True, False, True, True]
    assert outcomes[1].record["error"]["type"] == "KilledWorker"
    assert outcomes[1].record["error"]["component"] == "worker"
    assert [p["name"] for p in outcomes[2].record["places"]] == ["東京都"]


def test_ctrl_c_with_a_local_cluster_stops_cleanly(tmp_path):
    """A real `kp` process starting its own LocalCluster; SIGINT to the process group, as a terminal's Ctrl-C."""
    import os
    import signal
    import subprocess

    texts = GOOD * 30  # 120 articles: the interrupt lands long before the end
    paths = _write(tmp_path / "news", [t.replace("会見", f"第{i}回の会見") for i, t in enumerate(texts)])
    proc = subprocess.Popen([sys.executable, "-m", "kimputin_cli", "extract", str(tmp_path / "news"), "--format",
                             "jsonl", "--cluster", "local:2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True, bufsize=0)  # unbuffered: readline must not read ahead
    try:
        first = proc.stdout.readline()
        os.killpg(proc.pid, signal.SIGINT)
        rest, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 130
    lines = (first + rest).decode("utf-8").splitlines()
    assert 1 <= len(lines) < 120
    assert [json.loads(line)["source"]["path"] for line in lines] == paths[:len(lines)]
    assert err.decode("utf-8").strip().splitlines()[-1] == "kp: interrupted" and b"Traceback" not in err
