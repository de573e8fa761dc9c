"""Two `infoshare serve` processes on one database (PostgreSQL, or one SQLite file), both past
the digest time: the audit channel gets one digest."""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import sys
from collections.abc import AsyncIterator
from pathlib import Path

from tests.e2e.audit_helpers import record_as, to_audit
from tests.e2e.conftest import AUDIT_CHANNEL, BOT_TOKEN, SECRET_KEY, BotFactory, ScriptedSlack
from tests.slack_requests import PRACTITIONER_ID, SIGNING_SECRET

INFOSHARE = Path(sys.executable).with_name("infoshare")
STARTUP = 60.0  # seconds for a process to import the bot, migrate and look once (loaded CI)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.asynccontextmanager
async def _serve(env: dict[str, str]) -> AsyncIterator[asyncio.subprocess.Process]:
    process = await asyncio.create_subprocess_exec(
        str(INFOSHARE), "serve", "--port", str(_free_port()),
        env=env, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
    )
    try:
        yield process
    finally:
        if process.returncode is None:
            process.terminate()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(process.wait(), 20)
        if process.returncode is None:
            process.kill()
            await process.wait()


async def _digest_round(process: asyncio.subprocess.Process) -> str:
    """The first digest line this process logs: it posted, or another replica has the day."""
    assert process.stderr is not None
    while line := (await process.stderr.readline()).decode():
        if "supervisor digest" in line:
            return line
    raise AssertionError("the process ended without a digest round")


async def test_two_serve_processes_post_one_digest(
    slack: ScriptedSlack, start_bot: BotFactory, database_url: str
) -> None:
    async with start_bot() as bot:  # migrates the database and records one decision
        reference = await record_as(slack, bot, PRACTITIONER_ID)
        await slack.wait_for("chat.postMessage", where=lambda c: to_audit(c) and c.ok)
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "INFOSHARE_"))},
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": slack.api_url,
        "INFOSHARE_AUDIT_CHANNEL": AUDIT_CHANNEL,
        "INFOSHARE_SECRET_KEY": SECRET_KEY,
        "INFOSHARE_FLOW": "hm-gov-2018",
        "DATABASE_URL": database_url,
        "INFOSHARE_DIGEST_TIME": "00:00",  # always past: both replicas try at once
    }
    async with _serve(env) as one, _serve(env) as two:
        rounds = await asyncio.wait_for(
            asyncio.gather(_digest_round(one), _digest_round(two)), STARTUP
        )
    assert sorted("another replica has it" in line for line in rounds) == [False, True]
    digests = [
        call for call in slack.calls_to("chat.postMessage")
        if to_audit(call) and call.ok and "Supervisor digest" in str(call.params.get("text"))
    ]
    assert len(digests) == 1
    assert "*Awaiting review:* 1" in digests[0].params["text"]
    assert reference in digests[0].params["text"]
