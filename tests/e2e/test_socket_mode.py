"""`infoshare socket` end to end: the real `socket_forever`, Bolt's AsyncSocketModeHandler and
slack_sdk's aiohttp Socket Mode client, against a fake Slack that answers
`apps.connections.open` and talks to the app over a real websocket on loopback."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.settings import Mode, Settings, SettingsError
from bot.slack.server import socket_forever
from storage import Database
from tests.e2e.conftest import AUDIT_CHANNEL, BOT_TOKEN, SECRET_KEY, eventually
from tests.e2e.privacy_driver import PLANTED, leaks, log_texts, logger_names
from tests.fake_socket_mode import FakeSocketMode
from tests.fakeslack import TEAM_ID, Call, manifest_bot_scopes
from tests.slack_requests import PRACTITIONER_ID, Delivery, block_action, message_im, slash_command

APP_TOKEN = "xapp-fake"
Json = dict[str, Any]


@pytest.fixture
async def slack() -> AsyncIterator[FakeSocketMode]:
    async with FakeSocketMode(app_token=APP_TOKEN, scopes=manifest_bot_scopes()) as fake:
        fake.add_channel(AUDIT_CHANNEL, "infoshare-audit", is_private=True, is_member=True)
        yield fake


def socket_environment(
    slack: FakeSocketMode, database_url: str, **overrides: str
) -> dict[str, str]:
    return {
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_APP_TOKEN": APP_TOKEN,
        "SLACK_API_URL": slack.api_url,
        "INFOSHARE_AUDIT_CHANNEL": AUDIT_CHANNEL,
        "INFOSHARE_SECRET_KEY": SECRET_KEY,
        "DATABASE_URL": database_url,
        "INFOSHARE_FLOW": "hm-gov-2018",  # the walks below follow its questions
        **overrides,
    }


@contextlib.asynccontextmanager
async def socket_mode_bot(
    slack: FakeSocketMode, database_url: str, **overrides: str
) -> AsyncIterator[asyncio.Task[None]]:
    """`socket_forever` running in a task until connected; cancelled (as Ctrl-C does) at exit."""
    env = socket_environment(slack, database_url, **overrides)
    bot = asyncio.create_task(socket_forever(Settings.from_environment(Mode.SOCKET, env)))
    connected = asyncio.create_task(slack.wait_connected())
    try:
        await asyncio.wait({bot, connected}, return_when=asyncio.FIRST_COMPLETED)
        if bot.done():
            bot.result()  # it stopped: raise why
            pytest.fail("socket_forever returned before connecting")
        await connected
        yield bot
    finally:
        connected.cancel()
        bot.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await bot


class DirectMessages:
    """What the bot posted to the practitioner's DM, as the fake holds it."""

    def __init__(self, slack: FakeSocketMode, user: str = PRACTITIONER_ID) -> None:
        self.slack = slack
        self.user = user
        self.channel = slack.dm_channel(user)

    def _to_dm(self, call: Call) -> bool:
        return call.ok and call.response.get("channel") == self.channel

    def posts(self) -> list[Call]:
        return [c for c in self.slack.calls_to("chat.postMessage") if self._to_dm(c)]

    async def wait_for_posts(self, count: int) -> list[Call]:
        return await self.slack.wait_for("chat.postMessage", count, where=self._to_dm)

    def buttons(self, ts: str) -> dict[str, str]:
        message = self.slack.message(self.channel, ts)
        return {
            element["action_id"]: element.get("value", "")
            for block in message.get("blocks", [])
            if block.get("type") == "actions"
            for element in block.get("elements", [])
        }


async def dialog_state(db: Database, user: str = PRACTITIONER_ID) -> tuple[list[list[str]], str]:
    """The open dialog's answers so far and the ts of the message it is shown in."""
    async with db.transaction() as tx:
        dialog = await tx.dialogs.open_for(TEAM_ID, user)
    assert dialog is not None
    return dialog.state["answers"], dialog.message_ts or ""


async def shown_in(db: Database, ts: str) -> None:
    """Wait until the bot has saved `ts` as the message its dialog is shown in."""

    async def saved() -> bool:
        return (await dialog_state(db))[1] == ts

    await eventually(saved)


async def test_a_dialog_runs_over_socket_mode(slack: FakeSocketMode, database_url: str) -> None:
    dm = DirectMessages(slack)
    async with socket_mode_bot(slack, database_url):
        opened = slack.calls_to("apps.connections.open")
        assert [call.headers["Authorization"] for call in opened] == [f"Bearer {APP_TOKEN}"]

        # /infoshare in the DM: acked, and question 1 is posted to the DM.
        command = await slack.send_request(
            slash_command(channel_id=dm.channel, response_url=slack.response_url("command"))
        )
        assert (await slack.wait_for_ack(command)).payload is None
        first = (await dm.wait_for_posts(1))[0]
        first_ts = first.response["ts"]
        assert "Question 1 of up to" in str(first.params["blocks"])

        # Yes, clicked on the message the bot really posted.
        yes = dm.buttons(first_ts)["answer_yes"]
        click = await slack.send_request(
            block_action(
                "answer_yes",
                yes,
                channel_id=dm.channel,
                message_ts=first_ts,
                message=slack.message(dm.channel, first_ts),
                response_url=slack.response_url("yes"),
            )
        )
        await slack.wait_for_ack(click)
        second = (await dm.wait_for_posts(2))[1]
        assert "Question 2 of up to" in str(second.params["blocks"])
        updates = await slack.wait_for("chat.update", where=lambda c: c.params["ts"] == first_ts)
        assert "answer_yes" not in str(updates[0].params["blocks"])  # answered: no buttons left
        assert dm.buttons(first_ts) == {}

        async with contextlib.AsyncExitStack() as stack:
            db = await Database.connect(database_url)
            stack.push_async_callback(db.close)
            await shown_in(db, second.response["ts"])

            # A typed "yes" to question 2, then Slack's retry of the same event.
            event = message_im("yes", channel_id=dm.channel, event_id="Ev0SOCKET01", ts="1.000001")
            retry = message_im(
                "yes",
                channel_id=dm.channel,
                event_id="Ev0SOCKET01",
                ts="1.000001",
                delivery=Delivery(retry_num=1),
            )
            delivered = await slack.send_request(event)
            await slack.wait_for_ack(delivered)
            third = (await dm.wait_for_posts(3))[2]
            assert "Question 3 of up to" in str(third.params["blocks"])
            await shown_in(db, third.response["ts"])
            redelivered = await slack.send_request(retry)
            assert slack.sent[-1]["retry_attempt"] == 1
            await slack.wait_for_ack(redelivered)

            # A later answer: had the retry been applied, the path would hold one more answer.
            later = await slack.send_request(
                message_im("no", channel_id=dm.channel, event_id="Ev0SOCKET02", ts="2.000001")
            )
            await slack.wait_for_ack(later)
            await dm.wait_for_posts(4)
            await shown_in(db, dm.posts()[-1].response["ts"])
            answers, _ = await dialog_state(db)

        assert [tuple(pair) for pair in answers] == [
            ("purpose", "yes"),
            ("identifiable", "yes"),
            ("confidential", "no"),
        ]
        assert len(dm.posts()) == 4
        assert len(slack.calls_to("chat.update")) == 3
        # Every envelope was acked exactly once.
        assert sorted(ack.envelope_id for ack in slack.acks) == sorted(
            envelope["envelope_id"] for envelope in slack.sent
        )


async def test_stopping_closes_the_socket(slack: FakeSocketMode, database_url: str) -> None:
    async with socket_mode_bot(slack, database_url):
        assert slack.open_connections == 1
    await slack.wait_disconnected()


async def test_a_refused_app_token_stops_the_bot_naming_it(
    slack: FakeSocketMode, database_url: str
) -> None:
    env = socket_environment(slack, database_url, SLACK_APP_TOKEN="xapp-revoked")
    settings = Settings.from_environment(Mode.SOCKET, env)
    with pytest.raises(SettingsError) as raised:
        await asyncio.wait_for(socket_forever(settings), timeout=10)
    assert "SLACK_APP_TOKEN" in str(raised.value)
    assert "invalid_auth" in str(raised.value)
    assert slack.connections == 0


def test_socket_without_an_app_token_names_it(tmp_path: Path) -> None:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("INFOSHARE_", "SLACK_", "DATABASE_"))
    }
    env.update(
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_API_URL="http://127.0.0.1:9/api/",  # never reached: it stops before any call
        INFOSHARE_AUDIT_CHANNEL=AUDIT_CHANNEL,
        INFOSHARE_SECRET_KEY=SECRET_KEY,
        DATABASE_URL=f"sqlite:///{tmp_path / 'infoshare.db'}",
    )
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "socket"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 1
    assert "SLACK_APP_TOKEN is not set" in result.stderr
    assert "App-Level Token" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "infoshare.db").exists()  # it stopped before opening the database


async def test_socket_frames_are_logged_without_their_payloads(
    slack: FakeSocketMode, database_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    """slack_sdk's Socket Mode client logs every frame it receives and sends at DEBUG."""
    dm = DirectMessages(slack)
    typed = " ".join(PLANTED)
    async with socket_mode_bot(slack, database_url):
        for name in ("", *logger_names()):  # the app's loggers exist now
            caplog.set_level(logging.DEBUG, logger=name)
        command = await slack.send_request(
            slash_command(typed, channel_id=dm.channel, response_url=slack.response_url("typed"))
        )
        await slack.wait_for_ack(command)
        await slack.wait_for_post("typed")  # too long for a command
        reply = await slack.send_request(
            message_im(typed, channel_id=dm.channel, event_id="Ev0SOCKPRIV1")
        )
        await slack.wait_for_ack(reply)
        await slack.wait_for(  # a reply hint, as an ordinary message in the DM
            "chat.postMessage", where=lambda call: "did not understand" in call.params["text"]
        )
    logged = log_texts(caplog.records)
    assert sum("Received message" in text for text in logged) >= 2, "no frame was logged"
    assert [text for text in logged if leaks(text)] == []
