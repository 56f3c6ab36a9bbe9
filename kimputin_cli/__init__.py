"""kimputin_cli: people, organizations, places, dates and attributed claims from Japanese news.

    >>> from kimputin_cli import extract
    >>> result = extract("…article text…")
    >>> result.to_dict()["people"]

The library never prints and never imports click or rich; the ``kp`` command wraps it.
"""
from ._version import __version__
from .article import Article, load_article
from .errors import ExitStatus, InputError, KpError, ModelNotInstalled
from .extract import SCHEMA_ID, Extraction, extract

__all__ = [
    "__version__",
    "Article",
    "load_article",
    "extract",
    "Extraction",
    "SCHEMA_ID",
    "ExitStatus",
    "KpError",
    "InputError",
    "ModelNotInstalled",
]
