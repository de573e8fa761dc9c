import pytest

from bot.privacy import Anonymiser, get_anonymiser

TEST_KEY = b"test-secret-key"


@pytest.fixture(scope="session")
def anonymiser() -> Anonymiser:
    return get_anonymiser(TEST_KEY)
