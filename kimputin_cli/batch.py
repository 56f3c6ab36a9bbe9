"""Many articles at once: expanding paths, streaming results in input order, a pool that never hangs.

Each article is processed whole (read, decoded, split into pieces, parsed, assembled) by one
:func:`run_article` call, and any exception on the way becomes that article's error record, naming the
stage it happened in (``read``, a pipeline component such as ``kp_claims``, ``assemble``...).  The batch
goes on.

With ``jobs`` > 1 the articles go to a small pool of forked worker processes (:class:`_Pool`), one article
in flight per worker.  The parent only waits on the workers' pipes and process sentinels together, so a
worker that dies (killed, out of memory) is noticed at once: it is replaced, and its article is retried
once on a fresh worker, then reported as an error record.  The parent never joins a worker that may still
be sending, which is how spaCy's own ``n_process`` pool could hang for good.  Results come back in input
order, with a bounded window of articles ahead of the oldest unfinished one.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import fnmatch
import os
import time
from collections import deque
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .article import for_parsing, from_bytes, load_article, split_text
from .errors import KpError, ModelNotInstalled

DEFAULT_GLOBS = ("*.txt", "*.html", "*.htm")


@dataclass
class Outcome:
    """One input's result: ``record`` is the extraction's JSON object, or an error record.

    ``skipped`` outcomes (see ``skip`` in :func:`extract_many`) carry no record: a writer already has it."""

    path: str
    record: dict | None
    error: Exception | None = None
    warnings: list[str] = field(default_factory=list)
    skipped: bool = False

    @property
    def ok(self) -> bool:
        return self.error is None


class ArticleError(Exception):
    """An error from one article's processing as it crossed from a worker process: its type name, message
    and stage (the original exception object may not survive pickling)."""

    def __init__(self, type_name: str, message: str, component: str | None = None) -> None:
        super().__init__(message)
        self.type_name = type_name
        self.component = component

    def __reduce__(self):
        return (ArticleError, (self.type_name, str(self), self.component))


class WorkerDied(Exception):
    """The worker process handling an article died (killed by a signal, out of memory...), twice."""


class ArticleTimeout(Exception):
    """An article took longer than the batch's time limit (``--timeout``)."""


def parse_globs(spec: str | Iterable[str] | None) -> tuple[str, ...]:
    if spec is None:
        return DEFAULT_GLOBS
    items = spec.split(",") if isinstance(spec, str) else list(spec)
    return tuple(p.strip() for p in items if p.strip()) or DEFAULT_GLOBS


def expand_paths(paths: Iterable[str], globs: Iterable[str] = DEFAULT_GLOBS) -> list[str]:
    """Files named directly (and ``-``) as given; directories walked recursively, sorted, keeping the files
    whose name matches one of ``globs``."""
    globs = tuple(globs)
    out: list[str] = []
    for path in paths:
        if path != "-" and os.path.isdir(path):
            found = []
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in files:
                    # case-insensitive on every system: ARTICLE.TXT and page.HTML are articles too
                    if not name.startswith(".") and any(fnmatch.fnmatchcase(name.lower(), g.lower()) for g in globs):
                        found.append(os.path.join(root, name))
            out.extend(sorted(found, key=lambda p: Path(p).parts))
        else:
            out.append(path)
    return out


def error_record(path: str, exc: BaseException, component: str | None = None) -> dict:
    """``{"source": {"path"}, "error": {"type", "message", "component"}}``; ``component`` is the stage
    the error happened in (``read`` for an input that cannot be decoded)."""
    if isinstance(exc, ArticleError):
        kind, component = exc.type_name, exc.component if component is None else component
    else:
        kind = exc.kind if isinstance(exc, KpError) else type(exc).__name__
    message = " ".join(str(exc).split()) or kind
    return {"source": {"path": path}, "error": {"type": kind, "message": message, "component": component}}


@dataclass(frozen=True)
class Settings:
    """What every article of a batch is processed with (sent once to each worker)."""

    reference_date: dt.date | None = None
    encoding: str | None = None
    include_text: bool = False


def run_article(path: str, nlp_or_getter, settings: Settings = Settings(), data: bytes | None = None,
                on_stage: Callable[[str], None] | None = None, meta: dict | None = None) -> Outcome:
    """Process one article, never raising except :class:`ModelNotInstalled`: an exception in any stage
    becomes the outcome's error record with that stage named.

    ``nlp_or_getter`` is the pipeline, or a function returning it (called only when the article has text).
    ``data`` (with ``meta``, the sidecar) are the article's bytes when they were read elsewhere.
    The components run one by one (what ``nlp(text)`` does) so that a failure names its component.
    """
    from .extract import assemble, prepare

    stage = "read"

    def enter(name: str) -> None:
        nonlocal stage
        stage = name
        if on_stage is not None:
            on_stage(name)

    try:
        enter("read")
        if data is not None and meta is not None:  # read elsewhere, sidecar included (a Dask worker)
            article = from_bytes(data, path, meta, encoding=settings.encoding)
        else:
            article = load_article(path, encoding=settings.encoding, data=data)
        if article.title is None and isinstance(article.meta.get("title"), str):  # a sidecar's headline
            article = dataclasses.replace(article, title=article.meta["title"])
        enter("prepare")
        result = prepare(article, settings.reference_date)
        if article.text.strip():
            nlp = nlp_or_getter() if callable(nlp_or_getter) and not hasattr(nlp_or_getter, "pipeline") \
                else nlp_or_getter
            parsed = []
            for offset, piece in split_text(article.text):
                enter("tokenizer")
                doc = nlp.make_doc(for_parsing(piece))  # half-width katakana as full-width, …; mapped back in assemble
                for name, proc in nlp.pipeline:
                    enter(name)
                    doc = proc(doc)
                parsed.append((offset, doc))
            enter("assemble")
            result = assemble(result, parsed)
        enter("output")
        record = result.to_dict(include_text=settings.include_text)
    except ModelNotInstalled:
        raise
    except Exception as exc:  # one article's failure must not stop the others
        return Outcome(path, error_record(path, exc, stage), exc)
    return Outcome(path, record, None, list(record.get("warnings") or []))


def extract_many(
    paths: Iterable[str],
    *,
    jobs: int = 1,
    reference_date: dt.date | None = None,
    encoding: str | None = None,
    include_text: bool = False,
    nlp=None,
    get_nlp: Callable | None = None,
    stdin: bytes | None = None,
    skip: Callable[[str], bool] | None = None,
    window: int | None = None,
    timeout: float | None = None,
) -> Iterator[Outcome]:
    """Extract every article in ``paths`` (already expanded), yielding one :class:`Outcome` per path, in order.

    ``nlp`` (or ``get_nlp()``) is the pipeline; ``jobs`` > 1 processes articles in that many forked worker
    processes.  ``stdin`` holds the bytes to use for the path ``-``.  ``skip(path)``, when given, is asked
    before an article is sent; a true answer yields a ``skipped`` outcome without processing it.
    ``timeout``: seconds one article may take in a worker process before the worker is stopped and the
    article reported (a worker process is used even with ``jobs`` 1).
    Raises :class:`ModelNotInstalled` when the model is missing; any other error becomes an error outcome.
    """
    settings = Settings(reference_date, encoding, include_text)
    if nlp is None:
        from . import pipeline

        getter = get_nlp if get_nlp is not None else pipeline.shared_pipeline
    else:
        getter = None

    def pipeline_now():
        return nlp if nlp is not None else getter()

    def tasks() -> Iterator[tuple[int, Outcome | tuple[int, str, bytes | None]]]:
        for index, path in enumerate(paths):
            if skip is not None and skip(path):
                yield index, Outcome(path, None, skipped=True)
            else:
                yield index, (index, path, stdin if path == "-" and stdin is not None else None)

    if jobs <= 1 and timeout is None:
        for _, task in tasks():
            yield task if isinstance(task, Outcome) else run_article(task[1], pipeline_now, settings, task[2])
        return
    pending = tasks()
    for index, task in pending:
        if isinstance(task, Outcome):  # skipped: no need for the model or workers (yet)
            yield task
            continue
        # the parent loads the model once; the workers are forked from it and share its memory
        model = pipeline_now()
        pool = _Pool(model, settings, max(1, jobs), window or max(8, 4 * jobs), timeout)
        yield from pool.run(chain([(index, task)], pending), start=index)
        return


# ---------------------------------------------------------------------------------------------------------
# the worker pool

_STAGE_BYTES = 64


def _worker_main(conn, stage_buf, nlp, settings: Settings) -> None:
    """A worker: receive (index, path, data), send back (index, record, error, warnings); None ends it."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle; it ends the workers
    _die_with_parent()

    def on_stage(name: str) -> None:
        stage_buf.value = name.encode("utf-8")[:_STAGE_BYTES - 1]

    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        index, path, data = task
        try:
            outcome = run_article(path, nlp, settings, data, on_stage)
        except ModelNotInstalled as exc:  # pragma: no cover - the parent loaded the model already
            outcome = Outcome(path, error_record(path, exc, "load"), exc)
        on_stage("")
        error = outcome.error
        if error is not None and not isinstance(error, KpError):
            rec = outcome.record["error"]
            error = ArticleError(rec["type"], rec["message"], rec["component"])
        try:
            conn.send((index, outcome.record, error, outcome.warnings))
        except (BrokenPipeError, EOFError, OSError):
            return


def _die_with_parent() -> None:
    """Linux: a worker gets SIGTERM when its parent dies (even by SIGKILL)."""
    try:
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: the workers end when their pipe closes
        pass


@dataclass
class _Worker:
    process: object
    conn: object
    stage: object
    task: tuple | None = None
    started: float = 0.0


class _Pool:
    """``jobs`` forked workers, one article in flight each; see the module docstring."""

    RETRIES = 1

    def __init__(self, nlp, settings: Settings, jobs: int, window: int, timeout: float | None = None) -> None:
        import multiprocessing

        self.ctx = multiprocessing.get_context("fork")
        self.nlp, self.settings, self.jobs, self.window, self.timeout = nlp, settings, jobs, window, timeout
        self.workers: list[_Worker] = []

    def _start(self) -> _Worker:
        parent_conn, child_conn = self.ctx.Pipe(duplex=True)
        stage = self.ctx.Array("c", _STAGE_BYTES, lock=False)
        proc = self.ctx.Process(target=_worker_main, args=(child_conn, stage, self.nlp, self.settings),
                                name="kp-worker", daemon=True)
        proc.start()
        child_conn.close()
        return _Worker(proc, parent_conn, stage)

    def run(self, tasks: Iterator[tuple[int, object]], start: int = 0) -> Iterator[Outcome]:
        """Outcomes in index order; ``tasks`` yields (index, task or skipped Outcome), from ``start`` on."""
        from multiprocessing.connection import wait

        retry: deque[tuple] = deque()
        deaths: dict[int, int] = {}
        done: dict[int, Outcome] = {}
        next_out = start
        source = iter(tasks)
        exhausted = False
        clean = False
        try:
            self.workers = [self._start() for _ in range(self.jobs)]
            while True:
                # hand out work: retries first, then new articles within the window
                for w in self.workers:
                    while w.task is None:
                        if retry:
                            task = retry.popleft()
                        elif not exhausted and self._room(done, next_out):
                            item = next(source, None)
                            if item is None:
                                exhausted = True
                                break
                            index, payload = item
                            if isinstance(payload, Outcome):
                                done[index] = payload
                                continue
                            task = payload
                        else:
                            break
                        try:
                            w.conn.send(task)
                        except OSError:  # this idle worker had died: a fresh one takes the article
                            self._replace(w, retry, deaths, done)
                            w.conn.send(task)
                        w.task, w.started = task, time.monotonic()
                while next_out in done:
                    yield done.pop(next_out)
                    next_out += 1
                busy = [w for w in self.workers if w.task is not None]
                if not busy:
                    if exhausted and not retry:
                        break
                    continue
                limit = None
                if self.timeout is not None:
                    limit = max(0.0, min(w.started for w in busy) + self.timeout - time.monotonic())
                ready = set(wait([w.conn for w in busy] + [w.process.sentinel for w in busy], limit))
                for w in busy:
                    if w.conn in ready:
                        try:
                            index, record, error, warnings = w.conn.recv()
                        except (EOFError, OSError):
                            pass  # died while sending: handled below
                        else:
                            done[index] = Outcome(w.task[1], record, error, list(warnings or []))
                            w.task = None
                            continue
                    if w.process.sentinel in ready or not w.process.is_alive():
                        self._replace(w, retry, deaths, done)
                    elif self.timeout is not None and time.monotonic() - w.started > self.timeout:
                        self._stop_slow(w, done)
            clean = True
        finally:
            self._shutdown(clean)

    def _stop_slow(self, w: _Worker, done: dict) -> None:
        """An article over the time limit: stop its worker, report the article (no retry), start a fresh one."""
        stage = w.stage.value.decode("utf-8", "replace") or None
        index, path = w.task[0], w.task[1]
        w.process.kill()
        w.process.join(timeout=5)
        w.conn.close()
        fresh = self._start()
        w.process, w.conn, w.stage, w.task = fresh.process, fresh.conn, fresh.stage, None
        exc = ArticleTimeout(f"no result after {self.timeout:g} s; its worker process was stopped")
        done[index] = Outcome(path, error_record(path, exc, stage), exc)

    def _room(self, done: dict, next_out: int) -> bool:
        inflight = sum(1 for w in self.workers if w.task is not None)
        return len(done) + inflight < self.window

    def _replace(self, w: _Worker, retry: deque, deaths: dict, done: dict) -> None:
        """A worker died: note its article (retry once, else an error record), start a fresh one."""
        w.process.join(timeout=5)
        code = w.process.exitcode
        stage = w.stage.value.decode("utf-8", "replace") or None
        task = w.task
        w.conn.close()
        fresh = self._start()
        w.process, w.conn, w.stage, w.task = fresh.process, fresh.conn, fresh.stage, None
        if task is None:
            return
        index, path = task[0], task[1]
        deaths[index] = deaths.get(index, 0) + 1
        if deaths[index] <= self.RETRIES:
            retry.append(task)
            return
        how = f"killed by signal {-code}" if code is not None and code < 0 else f"exit code {code}"
        exc = WorkerDied(f"the worker process died on this article ({how}), {deaths[index]} times")
        done[index] = Outcome(path, error_record(path, exc, stage), exc)

    def _shutdown(self, clean: bool) -> None:
        for w in self.workers:
            if clean and w.task is None:
                try:
                    w.conn.send(None)
                except OSError:
                    pass
            else:
                w.process.terminate()
        for w in self.workers:
            w.process.join(timeout=2)
            if w.process.is_alive():
                w.process.kill()
                w.process.join(timeout=2)
            w.conn.close()
        self.workers = []
