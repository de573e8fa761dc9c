import json
import logging
from collections.abc import Iterator
from urllib.parse import urlencode

import pytest
from slack_bolt.async_app import AsyncApp
from slack_bolt.authorization import AuthorizeResult
from slack_bolt.request.async_request import AsyncBoltRequest
from sqlalchemy import create_engine, text

from bot.privacy.log_filter import (
    PAYLOAD_REDACTED,
    PrivacyLogFilter,
    install_privacy_logging,
    redact_message,
)

SECRETS = [
    "Jay Thompson",
    "07700 900123",
    "BA2 3QT",
    "943 476 5919",
    "jo@example.org",
    "<!channel>",
]
FREE_TEXT = "Jay Thompson on 07700 900123, BA2 3QT, NHS 943 476 5919, jo@example.org <!channel>"


@pytest.fixture
def privacy_logging() -> Iterator[None]:
    factory = logging.getLogRecordFactory()
    install_privacy_logging()
    yield
    logging.setLogRecordFactory(factory)


def _assert_clean(output: str) -> None:
    for secret in SECRETS:
        assert secret not in output, output


async def test_bolt_unhandled_request_body_is_redacted(
    privacy_logging: None, caplog: pytest.LogCaptureFixture
) -> None:
    async def authorize(**_: object) -> AuthorizeResult:
        return AuthorizeResult(enterprise_id=None, team_id="T1", bot_token="xoxb-test")

    app = AsyncApp(signing_secret="secret", request_verification_enabled=False, authorize=authorize)
    body = {
        "type": "block_actions",
        "team": {"id": "T1"},
        "user": {"id": "U1", "team_id": "T1"},
        "actions": [{"action_id": "nobody_listens", "value": FREE_TEXT}],
        "view": {"state": {"values": {"b": {"a": {"value": FREE_TEXT}}}}},
    }
    request = AsyncBoltRequest(
        body=urlencode({"payload": json.dumps(body)}),
        headers={"content-type": ["application/x-www-form-urlencoded"]},
    )
    with caplog.at_level(logging.DEBUG):
        response = await app.async_dispatch(request)
    assert response.status == 404
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "Unhandled request" in logged
    assert PAYLOAD_REDACTED in logged
    _assert_clean(logged)


def test_sqlalchemy_parameters_are_redacted(
    privacy_logging: None, caplog: pytest.LogCaptureFixture
) -> None:
    engine = create_engine("sqlite://", echo=True)
    with caplog.at_level(logging.INFO, logger="sqlalchemy.engine"), engine.connect() as conn:
        conn.execute(text("select :reason"), {"reason": FREE_TEXT})
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "select ?" in logged
    _assert_clean(logged)


def test_sql_keywords_are_not_taken_for_names_but_literals_go(
    privacy_logging: None, caplog: pytest.LogCaptureFixture
) -> None:
    engine = create_engine("sqlite://", echo=True)
    with caplog.at_level(logging.INFO, logger="sqlalchemy.engine"), engine.connect() as conn:
        conn.execute(text("create table t (reason text, n int)"))
        conn.execute(text("UPDATE t SET n = :n WHERE reason = 'Ayaan Hussain'"), {"n": 1})
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "UPDATE t SET n = ? WHERE reason = '[payload redacted]'" in logged
    assert "Ayaan" not in logged and "[NAME]" not in logged


def test_exception_message_is_redacted_but_type_and_frames_kept(
    privacy_logging: None, caplog: pytest.LogCaptureFixture
) -> None:
    def store(reason: str) -> None:
        raise ValueError(f"cannot store {reason!r}")

    logger = logging.getLogger("infoshare.test")
    try:
        try:
            store(FREE_TEXT)
        except ValueError as err:
            raise RuntimeError(f"wrapped: {err}") from err
    except RuntimeError:
        logger.exception("storing failed for %s", FREE_TEXT)
    formatted = logging.Formatter().format(caplog.records[-1])
    _assert_clean(formatted)
    assert "ValueError: [message redacted]" in formatted
    assert "RuntimeError: [message redacted]" in formatted
    assert "in store" in formatted
    assert "direct cause" in formatted


def test_filter_on_a_handler_redacts_records_made_before_install() -> None:
    record = logging.LogRecord(
        "x", logging.WARNING, __file__, 1, "got text=%s and %s", (FREE_TEXT, {"t": FREE_TEXT}), None
    )
    assert PrivacyLogFilter().filter(record) is True
    _assert_clean(record.getMessage())


@pytest.mark.parametrize(
    ("message", "kept"),
    [
        ("POST https://slack.com/api/chat.postMessage 200",) * 2,
        ("payload=abc%20def&x=1", "payload=[payload redacted]&x=1"),
        ("call from 07700 900123 at 3pm", "call from [PHONE] at 3pm"),
        ("outbox row 42 delivered", "outbox row 42 delivered"),
    ],
)
def test_redact_message(message: str, kept: str) -> None:
    assert redact_message(message) == kept


def test_exception_text_put_into_the_message_is_redacted(
    privacy_logging: None, caplog: pytest.LogCaptureFixture
) -> None:
    plain = "could not read 'the boy has bruises from the belt'"
    logger = logging.getLogger("infoshare.test")
    try:
        raise ValueError(plain)
    except ValueError as error:
        logger.exception("failed: %s", error)
        logger.error("error: %s", error)
        logger.warning("failed: %s", str(error), exc_info=True)
    rendered = [logging.Formatter().format(record) for record in caplog.records[-3:]]
    assert all("bruises" not in line for line in rendered), rendered
    assert "error: <ValueError>" in rendered[1]
