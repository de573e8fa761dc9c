"""Shared database fixtures: every test that takes ``database_url`` or ``database`` runs on
SQLite (a file in tmp_path) and on PostgreSQL when DATABASE_URL points at one, each
PostgreSQL test in a fresh schema of its own (created before, dropped after)."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import asyncpg
import pytest
from sqlalchemy.engine import make_url

from storage import Database

PG_SKIP_REASON = "PostgreSQL run skipped: DATABASE_URL does not point at PostgreSQL"
_postgresql_tests_run = 0


def postgresql_server_url() -> str | None:
    """DATABASE_URL as a plain postgresql:// URL (asyncpg's form), or None."""
    url = os.environ.get("DATABASE_URL", "").strip()
    scheme, _, rest = url.partition("://")
    if scheme.lower() in ("postgresql", "postgres", "postgresql+asyncpg") and rest:
        return "postgresql://" + rest
    return None


def _server_label(url: str) -> str:
    parsed = make_url(url)
    return f"{parsed.host or 'localhost'}:{parsed.port or 5432}/{parsed.database or ''}"


def with_schema(url: str, schema: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}schema={schema}"


@pytest.fixture(params=["sqlite", "postgresql"])
async def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    """A URL for an empty database. For PostgreSQL it carries ``?schema=<fresh schema>``,
    which Database.connect honours, so an app given this as DATABASE_URL stays inside it."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'infoshare.db'}"
        return
    async with _fresh_postgresql_schema() as url:
        yield url


@pytest.fixture
async def postgresql_url() -> AsyncIterator[str]:
    """A fresh PostgreSQL schema's URL, for tests of PostgreSQL-only behaviour."""
    async with _fresh_postgresql_schema() as url:
        yield url


@asynccontextmanager
async def _fresh_postgresql_schema() -> AsyncIterator[str]:
    server = postgresql_server_url()
    if server is None:
        pytest.skip(PG_SKIP_REASON)
    global _postgresql_tests_run
    _postgresql_tests_run += 1
    schema = f"test_{uuid.uuid4().hex[:16]}"
    admin = await asyncpg.connect(server)
    try:
        await admin.execute(f'CREATE SCHEMA "{schema}"')
    finally:
        await admin.close()
    try:
        yield with_schema(server, schema)
    finally:
        admin = await asyncpg.connect(server)
        try:
            await admin.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        finally:
            await admin.close()


@pytest.fixture
async def database(database_url: str) -> AsyncIterator[Database]:
    db = await Database.connect(database_url)
    try:
        yield db
    finally:
        await db.close()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    server = postgresql_server_url()
    if server is not None and _postgresql_tests_run:
        terminalreporter.write_line(f"PostgreSQL: tests ran against {_server_label(server)}")
    elif server is not None:
        terminalreporter.write_line(
            f"PostgreSQL: DATABASE_URL points at {_server_label(server)}, "
            "but no selected test used the database"
        )
    else:
        terminalreporter.write_line(
            "PostgreSQL run SKIPPED: set DATABASE_URL=postgresql://... to include it"
        )
