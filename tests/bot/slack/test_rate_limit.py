"""The per-user token bucket (bot.slack.guards.UserRateLimit), against a clock the test moves."""

from bot.settings import RateLimit
from bot.slack.guards import UserRateLimit


class _Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_burst_goes_through_then_one_refusal_is_told_and_the_rest_are_quiet() -> None:
    limit = UserRateLimit(RateLimit(burst=3, per_second=1.0), clock=_Clock())
    verdicts = [limit.take("T1", "U1") for _ in range(6)]
    assert verdicts == [True, True, True, False, None, None]


def test_the_bucket_refills_at_the_rate_and_a_new_run_is_told_again() -> None:
    clock = _Clock()
    limit = UserRateLimit(RateLimit(burst=2, per_second=0.5), clock=clock)
    assert [limit.take("T1", "U1") for _ in range(3)] == [True, True, False]
    clock.now += 1.0  # half a token
    assert limit.take("T1", "U1") is None
    clock.now += 1.0  # one token
    assert limit.take("T1", "U1") is True
    assert limit.take("T1", "U1") is False  # a new run of refusals: told once more
    clock.now += 60.0
    assert [limit.take("T1", "U1") for _ in range(3)] == [True, True, False]  # never above burst


def test_each_user_and_workspace_has_a_bucket_of_its_own() -> None:
    limit = UserRateLimit(RateLimit(burst=1, per_second=1.0), clock=_Clock())
    assert limit.take("T1", "U1") is True
    assert limit.take("T1", "U1") is False
    assert limit.take("T1", "U2") is True
    assert limit.take("T2", "U1") is True
