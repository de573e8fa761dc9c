import pytest

from bot.privacy.anonymiser import Anonymiser, get_anonymiser

TEST_KEY = b"test-secret-key"


@pytest.fixture(scope="session")
def anonymiser() -> Anonymiser:
    return get_anonymiser(TEST_KEY)


@pytest.fixture(scope="session")
def rules_only() -> Anonymiser:
    """The rules without the learned tagger, for tests of what the rules themselves decide."""
    return Anonymiser(TEST_KEY, with_tagger=False)
