"""The language knowledge claims are found with, read from ``kimputin_cli/data/claims/``."""
from __future__ import annotations

import re
from functools import lru_cache

from ... import lexicon

# GiNZA entity labels (ENE and OntoNotes) that name someone who can speak
_AGENT_ENT_LABELS = {
    "Person", "Country", "Government", "Company", "Company_Group", "Organization_Other",
    "International_Organization", "Political_Organization_Other", "Political_Party",
    "Military", "Corporation_Other", "Show_Organization", "Position_Vocation", "Nationality",
    "Ethnic_Group_Other", "Province", "City", "GPE_Other", "PERSON", "ORG", "GPE", "NORP",
}

# people counted: 住民の一人, 2人, 元社員ら12人
_PERSON_COUNT = re.compile(r"[0-9０-９一二三四五六七八九十]+人|ひとり|ふたり")

# the classes of source phrases (the second column of source_phrases.txt)
BY, STORY, THROUGH, QUOTE = "by", "story", "through", "quote"


@lru_cache(maxsize=None)
def vocab(name: str) -> frozenset[str]:
    """One-item-a-line vocabulary ``kimputin_cli/data/claims/<name>.txt`` ('#' comments)."""
    return frozenset(lexicon.words(f"claims/{name}.txt"))


@lru_cache(maxsize=None)
def _source_table() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """(relation, class, token lemmas): source_phrases.txt, and the "by" phrases made with source_nouns.txt
    (Xの発表によると, Xの調べでは、, Xなどによれば, Xなどの報道によると)."""
    rows = [(relation, cls, tuple(lemmas.split())) for relation, cls, lemmas in lexicon.table("claims/source_phrases.txt")]
    by = [(relation, lemmas) for relation, cls, lemmas in rows if cls == BY]
    made = []
    for noun, *flags in lexicon.table("claims/source_nouns.txt"):
        for relation, lemmas in by + ([("では", ("で", "は"))] if "de" in flags else []):
            made.append((f"の{noun}{relation}", BY, ("の", noun) + lemmas))
    made += [(f"など{relation}", BY, ("など",) + lemmas) for relation, _, lemmas in made + [(r, BY, l) for r, l in by]]
    known = {r[0] for r in rows}
    return tuple(rows + [m for m in made if m[0] not in known])


@lru_cache(maxsize=None)
def _source_phrases() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(relation, token lemmas) of every source phrase, longest first (によりますと wins over による)."""
    rows = [(relation, lemmas) for relation, _, lemmas in _source_table()]
    return tuple(sorted(rows, key=lambda r: -len(r[1])))


@lru_cache(maxsize=None)
def _source_classes() -> dict[str, str]:
    return {relation: cls for relation, cls, _ in _source_table()}


def source_class(relation: str | None) -> str | None:
    """The class of a source phrase (``by``, ``story``, ``through``, ``quote``), None for another relation."""
    return _source_classes().get(relation) if relation else None


@lru_cache(maxsize=None)
def by_phrases() -> tuple[str, ...]:
    """The surface forms of the ``by`` class (によると, によりますと, によれば)."""
    return tuple(relation for relation, cls in _source_classes().items() if cls == BY)
