"""Small helpers shared by the test modules (pytest puts tests/ on sys.path)."""


def spans(obj):
    """Every span-like dict (start, end, text) anywhere in an output record."""
    if isinstance(obj, dict):
        if isinstance(obj.get("start"), int) and isinstance(obj.get("end"), int) and "text" in obj:
            yield obj
        for v in obj.values():
            yield from spans(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from spans(v)


# short articles for the batch, isolation and cluster tests: each gives people, places or a claim
GOOD = [
    "政府は１２日、臨時閣議を開き、補正予算案を決定しました。岸田首相は「迅速に執行したい」と述べました。\n",
    "気象庁によりますと、台風１０号は鹿児島県に上陸しました。\n",
    "東京都の小池知事は記者会見で、新たな対策を発表しました。\n",
    "大阪府で会見がありました。\n",
]
BOMB = "爆発試験"  # an injected component raises on any doc containing this
KILL = "強制終了試験"  # ... or kills its process


def write_articles(folder, texts):
    """``texts`` as 000.txt, 001.txt, ... in ``folder`` (made if missing); their paths as strings, in order."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, text in enumerate(texts):
        p = folder / f"{i:03d}.txt"
        p.write_text(text, encoding="utf-8")
        paths.append(str(p))
    return paths


def K(speaker, sources, cue, content, direct=False, hedged=False):
    """An expected claim as the claim tests write it: (speaker, sources, cue, content, direct, hedged)."""
    return (speaker, tuple(sources), cue, content, direct, hedged)


def claim_summary(c: dict) -> tuple:
    """A claim dict in the shape of :func:`K` (texts only), to compare with expected values written by hand."""
    return (
        c["speaker"]["text"] if c["speaker"] else None,
        tuple((s["text"], s["relation"]) for s in c["sources"]),
        c["cue"]["text"],
        c["content"]["text"],
        c["direct"],
        c["hedged"],
    )
