"""The spaCy component ``kp_claims``: it reads the parse and the entity mentions (``doc._.kp_mentions``) and
sets ``doc._.kp_claims``."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .discourse import find_claims

Doc.set_extension("kp_claims", default=None, force=True)


@Language.factory(
    "kp_claims",
    requires=["token.dep", "token.lemma", "token.pos", "token.tag", "doc._.kp_mentions"],
    assigns=["doc._.kp_claims"],
)
def make_claims_component(nlp: Language, name: str):
    def kp_claims(doc: Doc) -> Doc:
        doc._.kp_claims = find_claims(doc)
        return doc

    return kp_claims
