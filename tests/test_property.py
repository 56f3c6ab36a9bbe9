"""Property tests: arbitrary text and bytes never crash kp, and every span points into the article."""
import json

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kimputin_cli import pipeline
from kimputin_cli.article import from_bytes
from kimputin_cli.cli import main
from kimputin_cli.errors import InputError
from kimputin_cli.extract import extract
from helpers import spans

SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# Japanese-news-like characters mixed with anything Unicode has
news_chars = st.sampled_from(list("政府は日本銀行の岸田首相ロシア東京都「」、。（）・＝12３年月日が述べたと\n "))
texts = st.one_of(
    st.text(max_size=60),
    st.lists(st.one_of(news_chars, st.characters()), max_size=80).map("".join),
)


def check_invariant(record: dict, text: str) -> None:
    for span in spans(record):
        assert 0 <= span["start"] <= span["end"] <= len(text)
        assert text[span["start"]:span["end"]] == span["text"]
    ids = [e["id"] for key in ("people", "organizations", "places") for e in record[key]]
    assert len(ids) == len(set(ids))


@SETTINGS
@given(text=texts)
def test_any_text(nlp, text):
    result = extract(text, nlp=nlp)
    record = result.to_dict()
    json.dumps(record)
    check_invariant(record, result.text)


@SETTINGS
@given(data=st.one_of(st.binary(max_size=120), texts.map(lambda s: s.encode("utf-8", "surrogatepass"))))
def test_any_bytes(nlp, data):
    try:
        article = from_bytes(data, "x.txt")
    except InputError as exc:
        assert exc.one_line().startswith("x.txt: ") and "\n" not in exc.one_line()
        return
    record = extract(article, nlp=nlp).to_dict()
    check_invariant(record, article.text)


@SETTINGS
@given(data=st.binary(max_size=80))
def test_cli_never_crashes(nlp, data):
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(pipeline, "shared_pipeline", lambda: nlp)
        res = CliRunner().invoke(main, ["extract", "-", "--format", "jsonl", "--include-text"], input=data)
    assert res.exception is None or isinstance(res.exception, SystemExit), res.exception
    assert res.exit_code in (0, 1)
    if res.exit_code == 0:
        record = json.loads(res.stdout)
        check_invariant(record, record["source"]["text"])
    else:
        assert res.stdout == "" and res.stderr.startswith("kp: -: ")
