"""Extraction records built by hand (no model), for the renderers: kp show and the HTML report."""


def at(text: str, part: str, nth: int = 1) -> dict:
    """The span of the nth occurrence of ``part`` in ``text``, as the output writes spans."""
    start = -1
    for _ in range(nth):
        start = text.index(part, start + 1)
    return {"start": start, "end": start + len(part), "text": part}


def entity(eid: str, name: str, kind: str, mentions: list[dict], aliases=(), titles=()) -> dict:
    return {"id": eid, "name": name, "aliases": list(aliases), "kind": kind, "titles": list(titles),
            "mentions": mentions}


def claim(cid: str, text: str, content: str, cue: str, speaker: str | None = None, entity_id=None,
          sources=(), hedged=False, anonymous=False, nth: int = 1) -> dict:
    return {
        "id": cid,
        "speaker": dict(at(text, speaker), entity=entity_id, anonymous=anonymous) if speaker else None,
        "sources": [dict(at(text, s), entity=None, relation=rel, anonymous=anon) for s, rel, anon in sources],
        "cue": at(text, cue, nth),
        "content": at(text, content, nth),
        "direct": content.startswith("「"),
        "hedged": hedged,
        "sentence": {"start": 0, "end": len(text)},
    }


def record(text: str, path: str = "article.txt", **parts) -> dict:
    rec = {
        "schema": "kimputin.extraction/1",
        "source": {"path": path, "sha256": "0" * 64, "chars": len(text), "encoding": "utf-8", "text": text},
        "reference_date": "2024-05-01", "reference_date_source": "option",
        "pipeline": {"model": "ja_ginza", "model_version": "5.3.0", "kp_version": "test"},
        "people": [], "organizations": [], "places": [], "dates": [], "claims": [], "warnings": [],
    }
    rec.update(parts)
    return rec


TEXT = ("田中太郎首相は1日、東京都内で「景気は回復している」と述べました。\n\n"
        "関係者によりますと、政府は来月にも対策をまとめる方針だということです。\n"
        "物価はさらに上がるとみられます。")


def sample() -> dict:
    """A short article with a person, an organization, a place, two dates and three claims: one named,
    one anonymous (via a source), one without a speaker."""
    t = TEXT
    return record(
        t,
        people=[entity("person:1", "田中太郎", "person", [at(t, "田中太郎")], titles=["首相"])],
        organizations=[entity("organization:1", "政府", "government", [at(t, "政府")])],
        places=[entity("place:1", "東京都", "city", [at(t, "東京都")])],
        dates=[dict(at(t, "1日"), value="2024-05-01", kind="date", granularity="day", part=None, relative=True),
               dict(at(t, "来月"), value="2024-06", kind="date", granularity="month", part=None, relative=True)],
        claims=[
            claim("claim:1", t, "「景気は回復している」", "と述べました", speaker="田中太郎首相", entity_id="person:1"),
            claim("claim:2", t, "来月にも対策をまとめる方針だ", "ということです", speaker="政府",
                  entity_id="organization:1", sources=[("関係者", "によりますと", True)]),
            claim("claim:3", t, "物価はさらに上がる", "とみられます", hedged=True),
        ],
    )


def expected_marks(rec: dict):
    """((ref, role, start, end), text) for every mention, date and claim part of an output record."""
    for key, role in (("people", "person"), ("organizations", "organization"), ("places", "place")):
        for ent in rec[key]:
            for m in ent["mentions"]:
                yield (ent["id"], role, m["start"], m["end"]), m["text"]
    for i, d in enumerate(rec["dates"], 1):
        yield (f"date:{i}", "date", d["start"], d["end"]), d["text"]
    for c in rec["claims"]:
        parts = [("content", c["content"]), ("cue", c["cue"]), ("speaker", c["speaker"])]
        parts += [("source", s) for s in c["sources"]]
        for role, part in parts:
            if part:
                yield (c["id"], role, part["start"], part["end"]), part["text"]
