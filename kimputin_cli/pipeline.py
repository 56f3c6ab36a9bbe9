"""Build the spaCy pipeline once: ja_ginza plus kimputin's components."""
from __future__ import annotations

MODEL = "ja_ginza"


def load_pipeline():
    import spacy

    nlp = spacy.load(MODEL)
    return nlp
