"""``kp extract --format html``: a self-contained HTML report per article, and an index for a batch.

A report is one file with its CSS and JavaScript inline and nothing to fetch: a Content-Security-Policy
(``default-src 'none'``; the one style and the one script allowed by their SHA-256 hashes) keeps the page
from loading anything, and from running any script but its own.  It shows the headline, the article text
with every entity mention, date and claim part marked (:mod:`kimputin_cli.marks`), details on hover or
focus, tables where a row highlights its mentions, and a source audit of the claims.

Built from the extraction's JSON object with ``source.text`` (``Extraction.to_dict(include_text=True)``);
nothing is parsed here.  Jinja2 escapes everything that comes from the article.
"""
from __future__ import annotations

import base64
import hashlib
import os
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import IO, Iterable

from .. import marks as mk
from .._version import __version__

HTML_SUFFIXES = (".html", ".htm", ".xhtml")


@lru_cache(maxsize=None)
def _asset(name: str) -> str:
    return (resources.files(__package__) / "templates" / name).read_text(encoding="utf-8")


def _csp_hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii") + "'"


def csp(script: bool = True) -> str:
    """The page's Content-Security-Policy: nothing from anywhere but its own inline style and script."""
    policy = ["default-src 'none'", f"style-src {_csp_hash(_asset('report.css'))}",
              f"script-src {_csp_hash(_asset('report.js'))}" if script else "script-src 'none'",
              "img-src 'none'", "base-uri 'none'", "form-action 'none'"]
    return "; ".join(policy)


@lru_cache(maxsize=1)
def _environment():
    import jinja2
    from markupsafe import Markup

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("kimputin_cli", "report/templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    from ..terminal import visible

    env.filters["visible"] = lambda text: visible(text, keep="\n\t")  # the one rule, line breaks kept
    env.globals.update(
        css=Markup(_asset("report.css")),  # our own package files: trusted, and hashed into the CSP
        js=Markup(_asset("report.js")),
        version=__version__,
        audit_classes=mk.AUDIT_CLASSES,
        audit_labels=mk.AUDIT_LABELS,
    )
    return env


def _page(record: dict) -> dict:
    src = record.get("source") or {}
    text = src.get("text")
    if text is None:
        raise ValueError("an HTML report needs the article text (to_dict(include_text=True))")
    claims = record.get("claims") or []
    tones = {s.key: s.tone for s in mk.speakers(record)}
    dates = [dict(d, id=f"date:{i}", tip=mk.date_tip(d)) for i, d in enumerate(record.get("dates") or [], 1)]
    claim_rows = [dict(c, tone=mk.claim_tone(c, tones), cls=mk.claim_class(c), flags=mk.flags(c),
                       attribution=mk.attribution(c)) for c in claims]
    counts = mk.audit(record)
    return {
        "title": mk.headline(record),
        "record": record,
        "source": src,
        "html_input": str(src.get("path") or "").lower().endswith(HTML_SUFFIXES),
        "pipeline": record.get("pipeline") or {},
        "nodes": mk.nest(text, mk.marks_of(record)),
        "entity_tables": [("people", "People", "person", record.get("people") or []),
                          ("organizations", "Organizations", "organization", record.get("organizations") or []),
                          ("places", "Places", "place", record.get("places") or [])],
        "dates": dates,
        "claims": claim_rows,
        "speakers": mk.speakers(record),
        "audit": counts,
        "audit_total": sum(counts.values()),
        "warnings": record.get("warnings") or [],
    }


def render_article(record: dict) -> str:
    """One article's report: a complete HTML document."""
    return _environment().get_template("article.html.j2").render(csp=csp(script=True), **_page(record))


@dataclass(frozen=True)
class IndexEntry:
    href: str | None  # the article's report, relative to index.html; None for an input that failed
    record: dict


def index_row(entry: IndexEntry) -> dict:
    rec = entry.record
    src = rec.get("source") or {}
    row = {"href": entry.href, "path": src.get("path"), "error": (rec.get("error") or {}).get("message")}
    if row["error"] is None:
        counts = mk.audit(rec)
        row.update(title=mk.headline(rec), people=len(rec.get("people") or []),
                   organizations=len(rec.get("organizations") or []), places=len(rec.get("places") or []),
                   claims=len(rec.get("claims") or []), unattributed=counts["unattributed"],
                   unresolved=counts["unresolved"], anonymous=counts["anonymous"])
    return row


def render_index(entries: Iterable[IndexEntry]) -> str:
    """The batch's index.html: one row per input with its counts, linking to its report."""
    rows = [index_row(e) for e in entries]
    return _environment().get_template("index.html.j2").render(csp=csp(script=False), rows=rows)


def report_names(records: list[dict]) -> list[str | None]:
    """A file name per article (``NAME.html`` after its input file; ``stdin.html`` for -), unique within
    the batch (``NAME-2.html``); None for an input that failed.  ``index.html`` is never taken."""
    taken = {"index.html"}
    names: list[str | None] = []
    for rec in records:
        if "error" in rec:
            names.append(None)
            continue
        path = str((rec.get("source") or {}).get("path") or "")
        stem = "stdin" if path in ("-", "") else os.path.splitext(os.path.basename(path))[0] or "article"
        stem = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in stem).lstrip(".") or "article"
        name, k = f"{stem}.html", 1
        while name.lower() in taken:
            k += 1
            name = f"{stem}-{k}.html"
        taken.add(name.lower())
        names.append(name)
    return names


def write_report(record: dict, out: IO[str]) -> None:
    out.write(render_article(record))


def write_directory(records: list[dict], directory: str) -> list[str]:
    """One report per article and ``index.html`` into ``directory`` (created if missing); the paths written.

    Each file is written to a temporary name beside it and renamed, so a reader never sees half a file."""
    os.makedirs(directory, exist_ok=True)
    names = report_names(records)
    written = []
    for rec, name in zip(records, names):
        if name is not None:
            written.append(_write_file(os.path.join(directory, name), render_article(rec)))
    index = render_index(IndexEntry(name, rec) for rec, name in zip(records, names))
    written.append(_write_file(os.path.join(directory, "index.html"), index))
    return written


def _write_file(path: str, content: str) -> str:
    tmp = f"{path}.part{os.getpid()}"
    try:
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(content)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path
