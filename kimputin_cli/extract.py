"""The library's one job: an article in, an :class:`Extraction` out."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from . import entity_merge
from ._version import __version__
from .article import Article, for_parsing, from_text, parse_copy_of, split_text
from . import pipeline
from .pipeline import MODEL, model_version

SCHEMA_ID = "kimputin.extraction/1"
NO_REFERENCE_DATE = "no reference date"  # how the warning begins (the CLI says it once per run)
_NO_REFERENCE_DATE_WARNING = (NO_REFERENCE_DATE + " (none given, no sidecar NAME.meta.json, publication date or "
                              "dateline): relative dates keep value null; give one with --date YYYY-MM-DD")


@dataclass
class Extraction:
    article: Article
    reference_date: dt.date | None
    reference_date_source: str
    people: list[dict] = field(default_factory=list)
    organizations: list[dict] = field(default_factory=list)
    places: list[dict] = field(default_factory=list)
    dates: list[dict] = field(default_factory=list)
    claims: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.article.text

    def to_dict(self, include_text: bool = False) -> dict:
        source = self.article.source_dict()
        if include_text:
            source["text"] = self.article.text
        return {
            "schema": SCHEMA_ID,
            "source": source,
            "reference_date": self.reference_date.isoformat() if self.reference_date else None,
            "reference_date_source": self.reference_date_source,
            "pipeline": {"model": MODEL, "model_version": model_version(), "kp_version": __version__},
            "people": self.people,
            "organizations": self.organizations,
            "places": self.places,
            "dates": self.dates,
            "claims": self.claims,
            "warnings": self.warnings,
        }


def resolve_reference_date(article: Article, option: dt.date | None) -> tuple[dt.date | None, str]:
    """The reference date, in this order: the option, the sidecar file, an HTML page's publication date,
    a dateline in the text."""
    if option is not None:
        return option, "option"
    meta_date = article.meta.get("date") if article.meta else None
    if meta_date:
        try:
            return dt.date.fromisoformat(str(meta_date)[:10]), "sidecar"
        except ValueError:
            pass
    if article.published is not None:
        return article.published, "html"
    from .date_normalize import find_dateline

    found = find_dateline(article.text)
    return (found, "dateline") if found else (None, "none")


def extract(source: Article | str, nlp=None, reference_date: dt.date | None = None) -> Extraction:
    """Extract people, organizations, places, dates and claims from one article.

    ``source`` is an :class:`Article` (see :func:`kimputin_cli.article.load_article`) or the text itself.
    ``nlp`` defaults to the shared pipeline, loaded on first use.
    """
    article = source if isinstance(source, Article) else from_text(source)
    result = prepare(article, reference_date)
    if not article.text.strip():
        return result
    nlp = nlp or pipeline.shared_pipeline()
    pieces = split_text(article.text)
    docs = nlp.pipe(for_parsing(piece) for _, piece in pieces)
    return assemble(result, [(offset, doc) for (offset, _), doc in zip(pieces, docs)])


def prepare(article: Article, reference_date: dt.date | None = None) -> Extraction:
    """An empty Extraction for ``article``: its reference date resolved, the article's warnings carried."""
    ref, ref_source = resolve_reference_date(article, reference_date)
    warnings = list(article.warnings)
    if ref is None and article.text.strip():
        warnings.append(_NO_REFERENCE_DATE_WARNING)
    return Extraction(article=article, reference_date=ref, reference_date_source=ref_source, warnings=warnings)


def assemble(result: Extraction, parsed: list) -> Extraction:
    """Collect the per-piece findings of parsed (offset, doc) pairs, with offsets into the whole article."""
    from .date_mentions import find_dates  # imports spaCy: not at module level (kp --help stays light)

    text = result.article.text
    mentions: list[dict] = []
    claims: list[dict] = []
    dates: list[dict] = []
    for offset, doc in parsed:
        base = len(mentions)
        # the parser read a normalised copy (half-width katakana, characters outside the BMP): back to the article
        copy = parse_copy_of(text, offset, doc.text)
        for m in doc._.kp_mentions or []:
            m = _place(m, offset, copy, text)
            if m.get("same_as") is not None:
                m["same_as"] += base
            mentions.append(m)
        if doc.has_extension("kp_claims"):
            claims.extend(_place(c, offset, copy, text) for c in (doc._.kp_claims or []))
        # the dates of earlier pieces anchor 同日 / 翌日 / a bare clock time at the start of this one
        dates.extend(_place(d, offset, copy, text) for d in find_dates(doc, result.reference_date, before=list(dates)))
    merged = entity_merge.merge(text, mentions)
    result.people = merged["person"]
    result.organizations = merged["organization"]
    result.places = merged["place"]
    result.dates = dates
    result.claims = _link_claims(claims, merged)
    return result


def _place(obj, offset: int, copy, text: str):
    """A finding of a piece parsed at ``offset`` with its offsets in the article; when the parser read a
    normalised copy (``copy``), every span is mapped back and its ``text`` taken from the article."""
    if copy is None:
        return _shift(obj, offset)
    if isinstance(obj, dict):
        out = {k: _place(v, offset, copy, text) for k, v in obj.items()}
        if isinstance(obj.get("start"), int) and isinstance(obj.get("end"), int):
            start, end = copy.span(obj["start"], obj["end"])
            out["start"], out["end"] = start + offset, end + offset
            if isinstance(obj.get("text"), str):
                out["text"] = text[start + offset:end + offset]
        return out
    if isinstance(obj, list):
        return [_place(v, offset, copy, text) for v in obj]
    return obj


def _shift(obj, offset: int):
    """A copy of a finding with every start/end moved by ``offset``."""
    if isinstance(obj, dict):
        out = {k: _shift(v, offset) for k, v in obj.items()}
        if isinstance(obj.get("start"), int) and isinstance(obj.get("end"), int):
            out["start"] = obj["start"] + offset
            out["end"] = obj["end"] + offset
        return out
    if isinstance(obj, list):
        return [_shift(v, offset) for v in obj]
    return obj


def _link_claims(claims: list[dict], merged: dict[str, list[dict]]) -> list[dict]:
    """Number the claims and link speakers and sources to the entity that heads them (a speaker that refers
    back, ``resolved_from``, to the entity that heads its antecedent).

    A mention heads a speaker phrase when only a title (ショイグ国防相) or an unnamed-source word
    (韓国政府関係者) follows it; in ガザ地区の保健当局 the place is a modifier, and the link stays null.
    """
    from . import lexicon

    titles = lexicon.prefixed_titles()
    anonymous = set(lexicon.words("claims/anonymous.txt"))
    prefixes = ("",) + lexicon.words("entities/title_prefixes.txt")
    spans = []
    for category in ("person", "organization", "place"):
        for ent in merged[category]:
            for m in ent["mentions"]:
                spans.append((m["start"], m["end"], ent["id"], category))

    tails = set(lexicon.words("claims/speaker_tails.txt"))
    longest_title = max((len(t) for t in titles), default=0)

    def heads(rest: str) -> bool:
        if rest == "" or rest in titles or rest in tails or any(rest == p + a for p in prefixes for a in anonymous):
            return True
        # a title with its department before it (刑事部長, 国土交通大臣): no の, ends with a title word
        return len(rest) <= 10 and "の" not in rest and any(
            rest[-n:] in titles for n in range(2, min(len(rest), longest_title) + 1))

    # a title alone (首相は「…」と語った, after 石原誠一首相) names the one person the article gives that title
    by_title: dict[str, list[str]] = {}
    for ent in merged["person"]:
        for title in ent.get("titles") or []:
            by_title.setdefault(title, []).append(ent["id"])

    def entity_for(part: dict | None) -> str | None:
        if not part:
            return None
        if part.get("resolved_from"):  # 同氏, 知事, a report with no subject: the entity of the antecedent
            part = part["resolved_from"]
            people = {eid for s, e, eid, cat in spans
                      if cat == "person" and part["start"] <= s and e <= part["end"]}
            if len(people) > 1:
                return None  # 両氏, 両首脳: two people, no one entity
        if part.get("start") is None:
            return None
        best = None
        for s, e, eid, category in spans:
            if part["start"] <= s and e <= part["end"] and heads(part["text"][e - part["start"]:]):
                rank = (category != "place", e)
                if best is None or rank > best[0]:
                    best = (rank, eid)
        if best is None and len(by_title.get(part["text"], ())) == 1:
            return by_title[part["text"]][0]
        return best[1] if best else None

    out = []
    for k, c in enumerate(sorted(claims, key=lambda c: (c["cue"]["start"], c["content"]["start"])), 1):
        c = dict(c)
        if c.get("speaker"):
            c["speaker"] = dict(c["speaker"], entity=entity_for(c["speaker"]))
        c["sources"] = [dict(s, entity=entity_for(s)) for s in c.get("sources") or []]
        out.append({"id": f"claim:{k}", **c})
    return out
