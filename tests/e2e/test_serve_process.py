"""`infoshare serve` as a separate process, the way an operator starts it."""

from __future__ import annotations

import asyncio
import os
import socket
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from tests.e2e.conftest import AUDIT_CHANNEL, BOT_TOKEN, SECRET_KEY
from tests.fakeslack import FakeSlack
from tests.slack_requests import SIGNING_SECRET

STARTUP_LIMIT = 60.0  # seconds; importing the anonymiser takes a few on a loaded machine


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _accepts(host: str, port: int) -> bool:
    try:
        socket.create_connection((host, port), timeout=2).close()
    except OSError:
        return False
    return True


@pytest.fixture
async def served(slack: FakeSlack, tmp_path: Path) -> AsyncIterator[int]:
    """`infoshare serve --port P` with no --host, running until the test ends."""
    port = _free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("INFOSHARE_", "SLACK_", "DATABASE_"))
    }
    env.update(
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=slack.api_url,
        INFOSHARE_AUDIT_CHANNEL=AUDIT_CHANNEL,
        INFOSHARE_SECRET_KEY=SECRET_KEY,
        DATABASE_URL=f"sqlite:///{tmp_path / 'infoshare.db'}",
    )
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "serve", "--port", str(port),
        env=env, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    try:
        await _wait_until_healthy(port, process)
        yield port
    finally:
        process.terminate()
        await process.wait()


async def _wait_until_healthy(port: int, process: asyncio.subprocess.Process) -> None:
    deadline = time.monotonic() + STARTUP_LIMIT
    async with aiohttp.ClientSession() as session:
        while time.monotonic() < deadline:
            if process.returncode is not None:
                assert process.stderr is not None
                raise AssertionError((await process.stderr.read()).decode())
            try:
                async with session.get(f"http://127.0.0.1:{port}/healthz") as reply:
                    if reply.status == 200:
                        return
            except aiohttp.ClientConnectionError:
                pass
            await asyncio.sleep(0.1)  # polling a process we do not control, not synchronising
    raise AssertionError(f"infoshare serve did not become healthy in {STARTUP_LIMIT}s")


async def test_serve_listens_on_loopback_only_by_default(served: int) -> None:
    assert await asyncio.to_thread(_accepts, "127.0.0.1", served)
    # Bound to 127.0.0.1 itself, not to every address: another address of this machine
    # (127.0.0.2 is one on Linux) finds nothing listening.
    assert not await asyncio.to_thread(_accepts, "127.0.0.2", served)
