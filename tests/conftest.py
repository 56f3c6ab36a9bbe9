import pytest


@pytest.fixture(scope="session")
def nlp():
    """The full kp pipeline (ja_ginza + our components), loaded once per test session.

    It is the process-wide ``shared_pipeline()``, so CLI tests that go through ``extract()`` reuse it.
    """
    from kimputin_cli.pipeline import shared_pipeline

    return shared_pipeline()
