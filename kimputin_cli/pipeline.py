"""Build the spaCy pipeline once: ja_ginza plus kimputin's components, in one documented order.

    tok2vec → parser → morphologizer → bunsetu_recognizer   (ja_ginza, without its ner)
    → kp_names      named-entity spans from Sudachi's proper-noun classes and kp's gazetteers (doc.ents)
    → kp_entities   people, organizations, places  (doc._.kp_mentions)
    → kp_claims     attributed and unattributed claims  (doc._.kp_claims)

GiNZA's compound_splitter is disabled: no output needs it. ``load_pipeline(ner="ginza")`` keeps GiNZA's
``ner`` (before the morphologizer) in place of kp_names, for comparison. tok2vec stays either way: the
parser and the morphologizer listen to it. Dates are found after the pipeline, with
the article's reference date (kimputin_cli.date_mentions).
"""
from __future__ import annotations

from functools import lru_cache

from .errors import ModelNotInstalled

MODEL = "ja_ginza"
DISABLED = ("compound_splitter",)


def model_version() -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("ja-ginza")
    except PackageNotFoundError:
        return None


NER_CHOICES = ("kp", "ginza")
_default_ner = "kp"


def use_ner(ner: str) -> None:
    """Choose the named-entity source of :func:`shared_pipeline` for this process (and the workers it forks)."""
    global _default_ner
    if ner not in NER_CHOICES:
        raise ValueError(f"ner must be one of {NER_CHOICES}, not {ner!r}")
    if ner != _default_ner:
        _default_ner = ner
        shared_pipeline.cache_clear()


def load_pipeline(model: str = MODEL, ner: str | None = None):
    """Load ja_ginza and add the kp components. Raises ModelNotInstalled if the model is missing.

    ``ner="kp"`` loads ja_ginza without its ``ner`` and sets ``doc.ents`` from kp's own names (``kp_names``);
    ``ner="ginza"`` keeps GiNZA's named entities."""
    ner = ner or _default_ner
    if ner not in NER_CHOICES:
        raise ValueError(f"ner must be one of {NER_CHOICES}, not {ner!r}")
    try:
        import ginza  # noqa: F401  (registers GiNZA's factories)
        import spacy
    except ImportError as exc:  # pragma: no cover - a broken install
        raise ModelNotInstalled(f"spaCy/GiNZA could not be imported ({exc}); run: pip install ginza ja-ginza") from None
    try:
        nlp = spacy.load(model, exclude=list(DISABLED) + (["ner"] if ner == "kp" else []))
    except OSError:
        raise ModelNotInstalled(
            f"the spaCy model '{model}' is not installed; run: pip install ja-ginza"
        ) from None
    from .components import claims, entities, names  # noqa: F401  (register kp_names, kp_entities, kp_claims)

    if ner == "kp":
        nlp.add_pipe("kp_names", last=True)
    nlp.add_pipe("kp_entities", last=True)
    nlp.add_pipe("kp_claims", last=True)
    return nlp


@lru_cache(maxsize=1)
def shared_pipeline():
    """The process-wide pipeline (loaded on first use)."""
    return load_pipeline()
