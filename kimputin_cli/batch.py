"""Many articles at once: expanding paths, streaming results in input order, parsing with N processes.

All pieces of all articles (see :func:`kimputin_cli.article.split_text`) go through one
``nlp.pipe(..., n_process=jobs)``: the model is loaded once, worker processes are forked from it, a long
article's pieces are parsed in parallel, and results come back in input order as soon as each article's
last piece is parsed.  Reading and decoding happen in this process, lazily, a few pieces ahead of the parser.
A file that cannot be read becomes an error :class:`Outcome`; the others go on.
"""
from __future__ import annotations

import datetime as dt
import fnmatch
import os
from collections import deque
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .article import Article, for_parsing, load_article, split_text
from .errors import KpError, ModelNotInstalled

DEFAULT_GLOBS = ("*.txt", "*.html", "*.htm")


@dataclass
class Outcome:
    """One input's result: ``record`` is the extraction's JSON object, or an error record."""

    path: str
    record: dict
    error: Exception | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.error is None


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


def error_record(path: str, exc: BaseException) -> dict:
    kind = exc.kind if isinstance(exc, KpError) else type(exc).__name__
    message = " ".join(str(exc).split()) or type(exc).__name__
    return {"source": {"path": path}, "error": {"type": kind, "message": message}}


@dataclass
class _Entry:
    index: int
    path: str
    article: Article | None = None
    error: Exception | None = None
    pieces: int = 0


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
) -> Iterator[Outcome]:
    """Extract every article in ``paths`` (already expanded), yielding one :class:`Outcome` per path, in order.

    ``nlp`` (or ``get_nlp()``, called only if some article has text) is the pipeline; ``jobs`` > 1 parses in
    that many forked processes.  ``stdin`` holds the bytes to use for the path ``-``.
    Raises :class:`ModelNotInstalled` when the model is missing; other errors become error outcomes.
    """
    from .extract import assemble, prepare

    entries: deque[_Entry] = deque()

    contexts: deque[tuple[int, int]] = deque()  # (entry index, offset) of each piece sent to the parser

    def feed() -> Iterator[str]:
        for index, path in enumerate(paths):
            entry = _Entry(index, path)
            try:
                data = stdin if path == "-" and stdin is not None else None
                entry.article = load_article(path, encoding=encoding, data=data)
                pieces = split_text(entry.article.text) if entry.article.text.strip() else []
            except ModelNotInstalled:
                raise
            except Exception as exc:  # one unreadable file must not stop the others
                entry.error = exc
                pieces = []
            entry.pieces = len(pieces)
            entries.append(entry)
            for offset, piece in pieces:
                contexts.append((index, offset))
                yield for_parsing(piece)  # half-width katakana read as full-width, etc.; mapped back in assemble

    def finish(entry: _Entry, parsed: Iterator[tuple[int, object]] = iter(())) -> Outcome:
        """The outcome of one entry; ``parsed`` yields its (offset, doc) pairs straight from the parser, so
        a long article's docs are summarised one at a time and never all held."""
        if entry.error is not None:
            return Outcome(entry.path, error_record(entry.path, entry.error), entry.error)
        try:
            result = prepare(entry.article, reference_date)
            if entry.pieces:
                result = assemble(result, parsed)
            record = result.to_dict(include_text=include_text)
        except Exception as exc:  # a bug on one article must not stop the others
            for _ in parsed:  # keep the parser's stream in step
                pass
            return Outcome(entry.path, error_record(entry.path, exc), exc)
        return Outcome(entry.path, record, None, list(record.get("warnings") or []))

    stream = feed()
    first = next(stream, None)
    if first is None:
        while entries:
            yield finish(entries.popleft())
        return
    if nlp is None:
        from . import pipeline

        nlp = get_nlp() if get_nlp is not None else pipeline.shared_pipeline()
    # plain texts, not as_tuples: spaCy would tokenize tuples in this process; docs come back in input order
    docs = iter(nlp.pipe(chain([first], stream), n_process=max(1, jobs), batch_size=1))
    lookahead: list[tuple[int, int, object]] = []

    def next_doc() -> tuple[int, int, object]:
        if lookahead:
            return lookahead.pop()
        doc = next(docs)
        index, offset = contexts.popleft()
        return index, offset, doc

    def pieces_of(entry: _Entry) -> Iterator[tuple[int, object]]:
        for _ in range(entry.pieces):
            index, offset, doc = next_doc()
            if index != entry.index:  # pragma: no cover - would be a bug in the bookkeeping above
                raise RuntimeError(f"parser stream out of step: piece of input {index} for input {entry.index}")
            yield offset, doc

    while True:
        if not entries:  # the parser has not pulled the next inputs yet: let it
            try:
                lookahead.append(next_doc())
            except StopIteration:  # all parsed; what is left had nothing to parse (errors, empty files)
                while entries:
                    yield finish(entries.popleft())
                return
            continue
        entry = entries.popleft()
        yield finish(entry, pieces_of(entry))
