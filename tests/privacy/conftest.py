import pytest

from bot.privacy.anonymiser import Anonymiser, get_anonymiser

TEST_KEY = b"test-secret-key"


@pytest.fixture(scope="session")
def anonymiser() -> Anonymiser:
    return get_anonymiser(TEST_KEY)
