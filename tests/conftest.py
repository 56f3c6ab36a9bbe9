import pytest


@pytest.fixture(scope="session")
def nlp():
    """The full kp pipeline (ja_ginza + our components), loaded once per test session.

    It is the process-wide ``shared_pipeline()``, so CLI tests that go through ``extract()`` reuse it.
    """
    from kimputin_cli.pipeline import shared_pipeline

    return shared_pipeline()


@pytest.fixture
def cli_nlp(nlp, monkeypatch):
    """The CLI (and the batch it runs) uses the session pipeline instead of loading the model again."""
    from kimputin_cli import pipeline

    monkeypatch.setattr(pipeline, "shared_pipeline", lambda: nlp)
    return nlp
