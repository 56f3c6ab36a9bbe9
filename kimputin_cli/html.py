"""HTML pages to article text: the headline and body (trafilatura), and the publication date.

The publication date comes, in this order, from meta tags (``article:published_time``,
``og:published_time``, ``datePublished``, ``pubdate``, ``date``, Dublin Core), JSON-LD ``datePublished``,
``<time datetime>`` (preferring one marked as published or ``pubdate``), a dateline in an element whose
class or id says date/time (``2023年9月11日 19時05分``), and last trafilatura's own date finder.
A timestamp with a time zone is read as the date in Japan (UTC+9), since kp reads Japanese news.

The text handed on is the headline, a blank line, and the body paragraphs; offsets refer to it.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass

JST = dt.timezone(dt.timedelta(hours=9))

_META_KEYS = (
    "article:published_time", "og:published_time", "og:article:published_time", "datepublished",
    "pubdate", "publishdate", "publish-date", "publication_date", "date", "dc.date", "dc.date.issued",
    "dcterms.created", "dcterms.date", "sailthru.date", "parsely-pub-date", "article:modified_time",
)
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?")
_JA = re.compile(r"(\d{4})\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|[/.](\d{1,2})[/.](\d{1,2}))")
_DATE_CLASS = re.compile(r"date|time|posted|publish|update|dateline|timestamp", re.I)


@dataclass(frozen=True)
class Page:
    text: str
    title: str | None
    published: dt.date | None
    warnings: tuple[str, ...] = ()
    body: str = ""  # the body paragraphs alone ("" when the extractor found none)


def parse_timestamp(value: str) -> dt.date | None:
    """The date of an ISO-8601 timestamp or a Japanese date (2023年9月11日); aware times in Japan time."""
    import unicodedata

    value = unicodedata.normalize("NFKC", value or "").strip()
    m = _ISO.search(value)
    if m:
        y, mo, d, hh, mm, ss, tz = m.groups()
        try:
            date = dt.date(int(y), int(mo), int(d))
        except ValueError:
            return None
        if hh is not None and tz:
            try:
                off = dt.timezone.utc if tz == "Z" else dt.timezone(
                    dt.timedelta(hours=int(tz[1:3]), minutes=int(tz[-2:])) * (1 if tz[0] == "+" else -1))
                stamp = dt.datetime(date.year, date.month, date.day, int(hh), int(mm), int(ss or 0), tzinfo=off)
                return stamp.astimezone(JST).date()
            except ValueError:
                return date
        return date
    m = _JA.search(value)
    if m:
        y, m1, d1, m2, d2 = m.groups()
        try:
            return dt.date(int(y), int(m1 or m2), int(d1 or d2))
        except ValueError:
            return None
    return None


def _jsonld_dates(obj) -> list[str]:
    out: list[str] = []
    if isinstance(obj, dict):
        for key in ("datePublished", "dateCreated", "uploadDate"):
            if isinstance(obj.get(key), str):
                out.append(obj[key])
        for v in obj.values():
            if isinstance(v, (dict, list)):
                out.extend(_jsonld_dates(v))
    elif isinstance(obj, list):
        for v in obj:
            out.extend(_jsonld_dates(v))
    return out


def published_date(tree) -> dt.date | None:
    """The page's publication date from its markup (an lxml tree), or None."""
    metas: dict[str, str] = {}
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        if key and el.get("content") and key not in metas:
            metas[key] = el.get("content")
    for key in _META_KEYS:
        if key in metas:
            d = parse_timestamp(metas[key])
            if d:
                return d
    for el in tree.iter("script"):
        if (el.get("type") or "").lower() == "application/ld+json" and el.text:
            try:
                data = json.loads(el.text)
            except ValueError:
                continue
            for value in _jsonld_dates(data):
                d = parse_timestamp(value)
                if d:
                    return d
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        if el.get("itemprop", "").lower() == "datepublished":
            d = parse_timestamp(el.get("datetime") or el.get("content") or el.text_content())
            if d:
                return d
    times = [el for el in tree.iter("time") if el.get("datetime")]
    times.sort(key=lambda el: not (el.get("pubdate") is not None
                                   or _DATE_CLASS.search((el.get("class") or "") + (el.get("id") or ""))))
    for el in times:
        d = parse_timestamp(el.get("datetime"))
        if d:
            return d
    for el in tree.iter():
        if not isinstance(el.tag, str) or el.tag in ("script", "style"):
            continue
        if _DATE_CLASS.search((el.get("class") or "") + " " + (el.get("id") or "")):
            text = el.text_content().strip()
            if len(text) <= 60:
                d = parse_timestamp(text)
                if d:
                    return d
    return None


# a numeric character reference: decimal or hex, the semicolon optional as HTML allows
_CHAR_REF = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));?")
# control characters that no text needs (tab, line feed and carriage return kept; DEL and C1 too rare to keep)
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _no_controls(m: re.Match) -> str:
    code = int(m.group(1), 16) if m.group(1) else int(m.group(2))
    if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF or code == 0 or (code < 0x20 and code not in (9, 10, 13)) \
            or code == 0x7F:
        return ""
    if 0x80 <= code <= 0x9F:  # HTML reads these as Windows-1252 (&#128; is the euro sign), whatever the parser
        try:
            return bytes([code]).decode("cp1252")
        except UnicodeDecodeError:  # five codes unassigned there
            return ""
    return m.group()


def strip_controls(html: str) -> str:
    """``html`` without control characters, literal or as references (``&#27;``, ``&#x7;``, ``&#0;``), and
    without references to surrogates or beyond U+10FFFF: one of them makes the XML-based article extractor
    drop the whole body.  Tab, line feed and carriage return stay."""
    return _CONTROLS.sub("", _CHAR_REF.sub(_no_controls, html))


def extract_page(html: str) -> Page:
    """The headline, body text and publication date of an HTML page (control characters dropped first,
    see :func:`strip_controls`).  A page with no body text gives empty ``text`` and a warning."""
    import lxml.etree
    import lxml.html
    import trafilatura

    warnings: list[str] = []
    html = strip_controls(html)
    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return Page(text="", title=None, published=None, warnings=("empty or unparsable HTML page",))
    published = published_date(tree)
    doc = _bare(trafilatura, html, favor_precision=True)
    if not (doc.get("text") or "").strip():
        doc = _bare(trafilatura, html, favor_recall=True)
    body = (doc.get("text") or "").strip()
    title = _title(tree, doc.get("title"))
    if published is None and doc.get("date"):
        published = parse_timestamp(doc["date"])
    if not body:
        warnings.append("no article text found in the HTML page")
    lines = body.split("\n")
    if title and lines and lines[0].strip() == title:
        lines = lines[1:]
    body = "\n".join(line.strip() for line in lines).strip()
    text = f"{title}\n\n{body}" if title and body else (title or body)
    return Page(text=text, title=title, published=published, warnings=tuple(warnings), body=body)


def _bare(trafilatura, html: str, **options) -> dict:
    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False,
                                      **options)
    if doc is None:
        return {}
    return doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)


def _title(tree, meta_title: str | None) -> str | None:
    """The headline: an <h1> inside <article> or <main>, else trafilatura's title (og:title, <title>),
    else the first <h1>."""
    for xpath in ("//article//h1", "//main//h1", "//*[@role='main']//h1"):
        for h1 in tree.xpath(xpath):
            text = " ".join(h1.text_content().split())
            if text:
                return text
    if meta_title and " ".join(meta_title.split()):
        return " ".join(meta_title.split())
    for h1 in tree.iter("h1"):
        text = " ".join(h1.text_content().split())
        if text:
            return text
    return None
