import pytest


@pytest.fixture(scope="session")
def nlp():
    """The full kp pipeline (ja_ginza + our components), loaded once per test session."""
    from kimputin_cli.pipeline import load_pipeline

    return load_pipeline()
