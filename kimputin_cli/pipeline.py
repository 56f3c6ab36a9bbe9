"""Build the spaCy pipeline once: ja_ginza plus kimputin's components, in one documented order.

    tok2vec → parser → ner → morphologizer → bunsetu_recognizer   (ja_ginza)
    → kp_entities   people, organizations, places  (doc._.kp_mentions)
    → kp_claims     attributed and unattributed claims  (doc._.kp_claims)

GiNZA's compound_splitter is disabled: no output needs it. Dates are found after the pipeline, with
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


def load_pipeline(model: str = MODEL):
    """Load ja_ginza and add the kp components. Raises ModelNotInstalled if the model is missing."""
    try:
        import spacy
        import ginza  # noqa: F401  (registers GiNZA's factories)
    except ImportError as exc:  # pragma: no cover - a broken install
        raise ModelNotInstalled(f"spaCy/GiNZA could not be imported ({exc}); run: pip install ginza ja-ginza") from None
    try:
        nlp = spacy.load(model, exclude=list(DISABLED))
    except OSError:
        raise ModelNotInstalled(
            f"the spaCy model '{model}' is not installed; run: pip install ja-ginza"
        ) from None
    from .components import claims, entities  # noqa: F401  (register kp_entities and kp_claims)

    nlp.add_pipe("kp_entities", last=True)
    nlp.add_pipe("kp_claims", last=True)
    return nlp


@lru_cache(maxsize=1)
def shared_pipeline():
    """The process-wide pipeline (loaded on first use)."""
    return load_pipeline()
