"""Assembly: linking claim speakers and sources to the entity that heads them (no model)."""
import pytest

from kimputin_cli.extract import _link_claims

MERGED = {
    "person": [{"id": "person:1", "mentions": [{"start": 4, "end": 8, "text": "ショイグ"}]}],
    "organization": [{"id": "organization:1", "mentions": [{"start": 20, "end": 24, "text": "韓国政府"}]}],
    "place": [{"id": "place:1", "mentions": [{"start": 0, "end": 3, "text": "ロシア"}]},
              {"id": "place:2", "mentions": [{"start": 30, "end": 34, "text": "ガザ地区"}]}],
}


def claim(speaker):
    return {"speaker": speaker, "sources": [], "cue": {"text": "と述べた", "start": 50, "end": 54},
            "content": {"text": "x", "start": 45, "end": 46}, "direct": False, "hedged": False,
            "sentence": {"start": 0, "end": 60}}


@pytest.mark.parametrize("speaker, entity", [
    ({"text": "ショイグ国防相", "start": 4, "end": 11}, "person:1"),        # a title follows the name
    ({"text": "ロシアのショイグ国防相", "start": 0, "end": 11}, "person:1"),  # the person heads, not the place
    ({"text": "韓国政府関係者", "start": 20, "end": 27}, "organization:1"),  # an unnamed official of the body
    ({"text": "ガザ地区の保健当局", "start": 30, "end": 39}, None),          # the place only qualifies the head
])
def test_speaker_links_to_the_head_entity(speaker, entity):
    out = _link_claims([claim(dict(speaker, anonymous=False, entity=None))], MERGED)
    assert out[0]["id"] == "claim:1"
    assert out[0]["speaker"]["entity"] == entity


def test_unattributed_claim_keeps_null_speaker():
    out = _link_claims([claim(None)], MERGED)
    assert out[0]["speaker"] is None


def test_anaphoric_dates_resolve_across_the_pieces_of_a_long_article(nlp, monkeypatch):
    """A long article is parsed in pieces; 同日 at the start of a later piece still takes the day named in an
    earlier one (here the pieces are made small instead of writing 50 KB)."""
    import datetime as dt
    import importlib
    from functools import partial

    from kimputin_cli.article import split_text

    ex = importlib.import_module("kimputin_cli.extract")  # the module (the package exports the function)

    text = "政府は10日、新たな対策を発表しました。\n\n同日夜には、首相が記者会見を開きました。\n"
    monkeypatch.setattr(ex, "split_text", partial(split_text, max_bytes=70))
    assert len(ex.split_text(text)) == 2
    result = ex.extract(text, nlp=nlp, reference_date=dt.date(2025, 6, 20))
    values = {d["text"]: d["value"] for d in result.dates}
    assert values["10日"] == "2025-06-10"
    assert values["同日夜"].startswith("2025-06-10")


def test_a_title_alone_links_to_the_one_person_with_that_title():
    merged = {
        "person": [{"id": "person:1", "titles": ["首相"], "mentions": [{"start": 0, "end": 4, "text": "石原誠一"}]},
                   {"id": "person:2", "titles": ["外相"], "mentions": [{"start": 30, "end": 32, "text": "田中"}]},
                   {"id": "person:3", "titles": ["外相"], "mentions": [{"start": 40, "end": 42, "text": "山田"}]}],
        "organization": [], "place": [],
    }
    out = _link_claims([claim({"text": "首相", "start": 20, "end": 22, "anonymous": False, "entity": None}),
                        claim({"text": "外相", "start": 50, "end": 52, "anonymous": False, "entity": None})], merged)
    assert out[0]["speaker"]["entity"] == "person:1"
    assert out[1]["speaker"]["entity"] is None  # two people carry the title: no guess
