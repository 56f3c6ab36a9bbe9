"""Language knowledge shipped as data files in ``kimputin_cli/data``: the one reader of them all.

One item a line; ``#`` starts a comment (a whole line, or the rest of one); tables are tab-separated.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources


def text(relpath: str) -> str:
    """A data file's whole text (for the few that are not lists: eras.json)."""
    return (resources.files("kimputin_cli") / "data" / relpath).read_text(encoding="utf-8")


def _lines(relpath: str) -> list[str]:
    out = []
    for raw in text(relpath).splitlines():
        line = raw.split("#", 1)[0].rstrip() if not raw.lstrip().startswith("#") else ""
        if line.strip():
            out.append(line.strip("\n"))
    return out


@lru_cache(maxsize=None)
def words(relpath: str) -> tuple[str, ...]:
    """A word list, in file order."""
    return tuple(line.strip() for line in _lines(relpath))


@lru_cache(maxsize=None)
def table(relpath: str) -> tuple[tuple[str, ...], ...]:
    """A tab-separated table, one row a line."""
    return tuple(tuple(cell.strip() for cell in line.split("\t")) for line in _lines(relpath))


def mapping(relpath: str) -> dict[str, str]:
    """A two-column table as a dict (first column -> second)."""
    return {row[0]: row[1] for row in table(relpath)}


@lru_cache(maxsize=None)
def prefixed_titles() -> frozenset[str]:
    """Every title word alone or after a title prefix (首相, 前首相, 副報道局長): entities/titles.txt ×
    entities/title_prefixes.txt."""
    prefixes = ("",) + words("entities/title_prefixes.txt")
    return frozenset(p + t for p in prefixes for t in words("entities/titles.txt"))
