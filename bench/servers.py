"""The servers under test, each a separate process as an operator runs it, and their databases."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import sqlite3
import sys
import time
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp
import asyncpg

ROOT = Path(__file__).resolve().parent.parent
STARTUP_LIMIT = 120.0  # seconds; importing the anonymiser takes a while on a loaded machine
AUDIT_CHANNEL = "G0AUDIT001"
BOT_TOKEN = "xoxb-fake"
SECRET_KEY = "k" * 40
SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def postgresql_url() -> str | None:
    url = os.environ.get("DATABASE_URL", "").strip()
    scheme, _, rest = url.partition("://")
    if scheme.lower() in ("postgresql", "postgres", "postgresql+asyncpg") and rest:
        return "postgresql://" + rest
    return None


@dataclass
class Server:
    """One server process: `infoshare serve` or the bare Bolt baseline."""

    argv: list[str]
    env: dict[str, str]
    port: int
    log: Path
    process: asyncio.subprocess.Process | None = None
    starts: list[float] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> None:
        with self.log.open("ab") as log:
            self.process = await asyncio.create_subprocess_exec(
                *self.argv, env=self.env, cwd=ROOT, stdout=log, stderr=log
            )
        await self._wait_until_healthy()
        self.starts.append(time.monotonic())

    async def _wait_until_healthy(self) -> None:
        deadline = time.monotonic() + STARTUP_LIMIT
        async with aiohttp.ClientSession() as session:
            while time.monotonic() < deadline:
                assert self.process is not None
                if self.process.returncode is not None:
                    raise RuntimeError(f"server exited; see {self.log}")
                with contextlib.suppress(aiohttp.ClientError):
                    async with session.get(f"{self.url}/healthz") as reply:
                        if reply.status == 200:
                            return
                await asyncio.sleep(0.1)  # polling a process we do not control
        raise RuntimeError(f"server did not become healthy in {STARTUP_LIMIT}s; see {self.log}")

    def memory_mb(self, key: str = "VmRSS") -> float:
        """VmRSS now, or VmHWM (the peak so far), in MB."""
        assert self.process is not None
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def cpu_seconds(self) -> float:
        """User and system CPU time the process has used so far (all its threads)."""
        assert self.process is not None
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rpartition(")")[2].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    async def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        await self.process.wait()

    async def stop(self) -> None:
        if self.process is not None and self.process.returncode is None:
            self.process.terminate()
            await self.process.wait()


def infoshare(database_url: str, api_url: str, log: Path) -> Server:
    port = free_port()
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("INFOSHARE_", "SLACK_", "DATABASE_"))}
    env.update(
        SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_SIGNING_SECRET=SIGNING_SECRET, SLACK_API_URL=api_url,
        INFOSHARE_AUDIT_CHANNEL=AUDIT_CHANNEL, INFOSHARE_SECRET_KEY=SECRET_KEY,
        DATABASE_URL=database_url, INFOSHARE_FLOW="hm-gov-2018",
    )
    argv = [sys.executable, "-m", "bot.cli", "serve", "--port", str(port)]
    return Server(argv, env, port, log)


def baseline(database: Path, api_url: str, log: Path) -> Server:
    port = free_port()
    env = dict(os.environ, SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_SIGNING_SECRET=SIGNING_SECRET,
               SLACK_API_URL=api_url)
    argv = [sys.executable, str(ROOT / "bench" / "baseline.py"), "--port", str(port),
            "--database", str(database)]
    return Server(argv, env, port, log)


@contextlib.asynccontextmanager
async def database(kind: str, folder: Path) -> AsyncIterator[str]:
    """A fresh database: a SQLite file, or a PostgreSQL schema of its own (dropped after)."""
    if kind == "sqlite":
        yield f"sqlite:///{folder / f'infoshare-{uuid.uuid4().hex[:8]}.db'}"
        return
    server = postgresql_url()
    assert server is not None
    schema = f"bench_{uuid.uuid4().hex[:12]}"
    admin = await asyncpg.connect(server)
    try:
        await admin.execute(f'CREATE SCHEMA "{schema}"')
        yield f"{server}{'&' if '?' in server else '?'}schema={schema}"
    finally:
        await admin.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        await admin.close()


async def decisions(database_url: str) -> list[tuple[str, str]]:
    """(user, reference) of every recorded decision, read straight from the database."""
    query = "SELECT user_id, reference FROM decision"
    if database_url.startswith("sqlite:///"):
        with contextlib.closing(sqlite3.connect(database_url.removeprefix("sqlite:///"))) as db:
            return [(str(u), str(r)) for u, r in db.execute(query)]
    server, _, schema = database_url.partition("?schema=")
    connection = await asyncpg.connect(server)
    try:
        rows = await connection.fetch(query.replace("decision", f'"{schema}".decision'))
    finally:
        await connection.close()
    return [(str(row[0]), str(row[1])) for row in rows]
