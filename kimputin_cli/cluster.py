"""Articles on a Dask cluster (``kp extract --cluster local[:N] | tcp://HOST:8786``).

The parent reads each article's bytes (and its sidecar), so workers need no shared file system; articles
go in batches of about ``batch_bytes`` of input, a bounded number of batches in flight, and the outcomes
come back in input order to the same writers as ``--jobs``.  Each worker loads the model once, through a
worker plugin (:class:`LoadModel`), and processes a batch with :func:`kimputin_cli.batch.run_article`, so
an exception in one article is that article's error record, as everywhere.  A batch whose task fails as a
whole (its worker died more often than the scheduler allows) is split and its articles sent again one by
one; an article whose own task fails twice is reported as an error record.

Needs the ``archive`` extra (dask, distributed) on the parent and on every worker, with kimputin_cli and
ja_ginza installed at the same versions.
"""
from __future__ import annotations

import signal
from pathlib import Path
from typing import Callable, Iterator

from distributed import WorkerPlugin

from .batch import Outcome, Settings, error_record, run_article
from .errors import InputError

DEFAULT_BATCH_BYTES = 60_000  # about 20,000 Japanese characters: a few seconds of parsing per task


class LoadModel(WorkerPlugin):
    """Worker plugin: load the pipeline once when the worker starts; ``setup_nlp(nlp)``, if given, may
    change it (add a component) on every worker."""

    name = "kp-load-model"

    def __init__(self, setup_nlp: Callable | None = None) -> None:
        super().__init__()
        self.setup_nlp = setup_nlp

    def setup(self, worker=None) -> None:
        from . import pipeline

        nlp = pipeline.shared_pipeline()
        if self.setup_nlp is not None:
            self.setup_nlp(nlp)

    def teardown(self, worker=None) -> None:
        pass


def _worker_nlp():
    from . import pipeline

    return pipeline.shared_pipeline()


def process_batch(items: list[tuple], settings: Settings) -> list[tuple]:
    """On a worker: (index, path, data, meta) items -> (index, record, error, warnings) results."""
    from .batch import ArticleError
    from .errors import KpError

    out = []
    for index, path, data, meta in items:
        outcome = run_article(path, _worker_nlp, settings, data, meta=meta)
        error = outcome.error
        if error is not None and not isinstance(error, KpError):
            rec = outcome.record["error"]
            error = ArticleError(rec["type"], rec["message"], rec["component"])
        out.append((index, outcome.record, error, outcome.warnings))
    return out


def _read(path: str, stdin: bytes | None) -> tuple[bytes, dict]:
    """The bytes and sidecar of an article, read here so that workers anywhere can process it."""
    from .article import read_sidecar

    if path == "-":
        return stdin or b"", {}
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(exc.strerror or str(exc), path) from None
    return data, read_sidecar(p)


def _main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


def open_client(address: str):
    """A distributed Client for ``local``, ``local:N`` (a LocalCluster of N one-thread worker processes on
    127.0.0.1) or a scheduler address (``tcp://HOST:8786``); returns (client, cluster or None)."""
    import logging

    import dask
    from distributed import Client, LocalCluster

    if address == "local" or address.startswith("local:"):
        n = int(address.split(":", 1)[1]) if ":" in address else 2
        # a worker that dies is restarted by its nanny; its task is tried once more, then fails (split below)
        # Ctrl-C is kp's to handle (it closes the cluster): the worker processes start with SIGINT ignored
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if _main_thread() else None
        try:
            # a worker runs one task at a time, and none waits on it: a worker's death then counts against
            # the task it was running only
            with dask.config.set({"distributed.scheduler.allowed-failures": 1,
                                  "distributed.scheduler.worker-saturation": 1.0}):
                # everything on the loopback address, the scheduler's HTTP endpoint too (no dashboard)
                cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, host="127.0.0.1",
                                       dashboard_address=None, silence_logs=logging.CRITICAL,
                                       scheduler_kwargs={"dashboard_address": "127.0.0.1:0"})
        finally:
            if previous is not None:
                signal.signal(signal.SIGINT, previous)
        return Client(cluster), cluster
    return Client(address), None


def extract_on_cluster(
    paths: list[str],
    address: str | None = None,
    *,
    client=None,
    settings: Settings = Settings(),
    stdin: bytes | None = None,
    skip: Callable[[str], bool] | None = None,
    batch_bytes: int = DEFAULT_BATCH_BYTES,
    setup_nlp: Callable | None = None,
) -> Iterator[Outcome]:
    """Like :func:`kimputin_cli.batch.extract_many`, on a Dask cluster (``address``, or a ``client``)."""
    from distributed import as_completed

    done: dict[int, Outcome] = {}
    next_out = 0

    def batches_of() -> Iterator[list[tuple]]:
        batch, size = [], 0
        for index, path in enumerate(paths):
            if skip is not None and skip(path):
                done[index] = Outcome(path, None, skipped=True)
                continue
            try:
                data, meta = _read(path, stdin)
            except InputError as exc:
                done[index] = Outcome(path, error_record(path, exc, "read"), exc)
                continue
            batch.append((index, path, data, meta))
            size += len(data)
            if size >= batch_bytes:
                yield batch
                batch, size = [], 0
        if batch:
            yield batch

    source = batches_of()
    first = next(source, None)
    if first is None:  # nothing to process (all skipped or unreadable): no cluster needed
        for index in sorted(done):
            yield done[index]
        return
    own_client = client is None
    cluster = None
    if client is None:
        client, cluster = open_client(address)
    try:
        client.register_plugin(LoadModel(setup_nlp), name=LoadModel.name)
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        in_flight_max = 2 * workers
        pending = as_completed()
        batches: dict = {}  # future -> items
        singles: set = set()  # futures of articles sent again alone
        lone_failures: dict[int, int] = {}  # index -> failed tasks of that article alone
        exhausted = False

        def submit(items: list[tuple], alone: bool = False) -> None:
            future = client.submit(process_batch, items, settings, pure=False)
            batches[future] = items
            if alone:
                singles.add(future)
            pending.add(future)

        submit(first)
        while True:
            while not exhausted and len(batches) < in_flight_max:
                items = next(source, None)
                if items is None:
                    exhausted = True
                else:
                    submit(items)
            while next_out in done:
                yield done.pop(next_out)
                next_out += 1
            if not batches:
                if exhausted:
                    break
                continue
            future = next(pending)
            items = batches.pop(future)
            alone = future in singles
            singles.discard(future)
            if future.status == "finished":
                for index, record, error, warnings in future.result():
                    done[index] = Outcome(record["source"]["path"], record, error, list(warnings or []))
            elif len(items) > 1 or not alone:
                for item in items:  # the batch failed as a whole: each article once more, alone
                    submit([item], alone=True)
            else:
                # alone and failed: once more (a worker's death may count against a task that only waited
                # on it, on a scheduler that queues tasks on workers), then an error record
                index, path = items[0][0], items[0][1]
                lone_failures[index] = lone_failures.get(index, 0) + 1
                if lone_failures[index] < 2:
                    submit(items, alone=True)
                else:
                    exc = future.exception()
                    done[index] = Outcome(path, error_record(path, exc, "worker"), exc)
            future.release()
    finally:
        if own_client:
            client.close()
            if cluster is not None:
                cluster.close()
