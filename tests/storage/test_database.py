"""Connecting, migrating, restarting, health and URL handling."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.engine import Connection, make_url
from sqlmodel import SQLModel

from storage import Database, normalise_database_url
from storage.migrate import current_revision, head_revision, shipped_head
from tests.conftest import postgresql_server_url, with_schema
from tests.storage.samples import NOW, TEAM, new_dialog, recorded_decision
from tests.storage.tcp_relay import TcpRelay

TABLES = {
    "advice_request",
    "alembic_version",
    "chain_gap",
    "chain_head",
    "digest_post",
    "follow_up_notice",
    "review",
    "audit_outbox",
    "decision",
    "decision_purge",
    "decision_reference_counter",
    "dialog_session",
    "slack_delivery",
}


def _schema_drift(connection: Connection) -> list[object]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return list(compare_metadata(context, SQLModel.metadata))


async def test_migrations_create_the_schema_the_tables_describe(database: Database) -> None:
    async with database.engine.connect() as connection:
        tables = await connection.run_sync(lambda c: set(inspect(c).get_table_names()))
        revision = await connection.run_sync(current_revision)
        drift = await connection.run_sync(_schema_drift)
    assert tables == TABLES
    assert revision == head_revision() is not None
    assert drift == []


async def test_connect_again_finds_schema_at_head(database_url: str) -> None:
    first = await Database.connect(database_url)
    await first.close()
    second = await Database.connect(database_url)
    try:
        assert await second.ping()
    finally:
        await second.close()


async def test_replicas_starting_at_once_migrate_once(database_url: str) -> None:
    starting = asyncio.gather(*(Database.connect(database_url) for _ in range(3)))
    replicas = await asyncio.wait_for(starting, timeout=60)
    try:
        assert all([await replica.ping() for replica in replicas])
    finally:
        for replica in replicas:
            await replica.close()


REPLICA = """
import asyncio, sys
from storage import Database

async def start() -> None:
    database = await Database.connect(sys.argv[1])
    assert await database.ping()
    await database.close()

asyncio.run(start())
"""


async def test_replica_processes_starting_at_once_migrate_once(database_url: str) -> None:
    replicas = [
        await asyncio.create_subprocess_exec(
            sys.executable, "-c", REPLICA, database_url, stderr=asyncio.subprocess.PIPE
        )
        for _ in range(3)
    ]
    outcomes = await asyncio.wait_for(
        asyncio.gather(*(replica.communicate() for replica in replicas)), timeout=120
    )
    assert [replica.returncode for replica in replicas] == [0, 0, 0], [
        stderr.decode()[-2000:] for _, stderr in outcomes
    ]
    database = await Database.connect(database_url)
    try:
        async with database.engine.connect() as connection:
            assert await connection.run_sync(current_revision) == head_revision()
    finally:
        await database.close()


async def test_data_survives_a_restart(database_url: str) -> None:
    first = await Database.connect(database_url)
    dialog = await new_dialog(first, "U1")
    decision = await recorded_decision(first, "U2")
    await first.close()

    second = await Database.connect(database_url)
    try:
        async with second.transaction() as tx:
            resumed = await tx.dialogs.open_for(TEAM, "U1")
            found = await tx.decisions.by_reference(decision.reference)
            assert resumed is not None and resumed.id == dialog.id
            assert resumed.state == dialog.state and resumed.revision == dialog.revision
            assert resumed.created_at == NOW
            assert found == decision
        assert (await recorded_decision(second, "U3")).reference == "IS-2026-0002"
    finally:
        await second.close()


async def test_ping_is_false_once_closed(database: Database) -> None:
    assert await database.ping()
    await database.close()
    assert not await database.ping()


async def test_ping_is_false_when_the_sqlite_file_is_gone(tmp_path: Path) -> None:
    database = await Database.connect(f"sqlite:///{tmp_path / 'gone.db'}")
    try:
        assert await database.ping()
        for file in tmp_path.glob("gone.db*"):
            file.unlink()
        assert not await database.ping()
    finally:
        await database.close()


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
async def test_ping_is_false_when_the_postgresql_server_is_gone(database_url: str) -> None:
    server = postgresql_server_url()
    assert server is not None
    parsed = make_url(server)
    relay = TcpRelay(parsed.host or "127.0.0.1", parsed.port or 5432)
    port = await relay.start()
    schema = make_url(database_url).query["schema"]
    assert isinstance(schema, str)
    relayed = parsed.set(host="127.0.0.1", port=port).render_as_string(hide_password=False)
    database = await Database.connect(with_schema(relayed, schema))
    try:
        assert await database.ping()
        await relay.cut()
        assert not await database.ping()
    finally:
        await database.close()


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgresql://u:p@db:5432/app", "postgresql+asyncpg://u:p@db:5432/app"),
        ("postgres://u@db/app", "postgresql+asyncpg://u@db/app"),
        ("postgresql+asyncpg://u@db/app", "postgresql+asyncpg://u@db/app"),
        ("sqlite:///./infoshare.db", "sqlite+aiosqlite:///./infoshare.db"),
        ("sqlite:////var/lib/infoshare.db", "sqlite+aiosqlite:////var/lib/infoshare.db"),
    ],
)
def test_normalise_database_url(given: str, expected: str) -> None:
    assert normalise_database_url(given) == expected


@pytest.mark.parametrize(
    "given",
    ["mysql://root:s3cret@db/app", "s3cret", "sqlite://", "sqlite:///:memory:", ""],
)
def test_bad_database_url_names_the_setting_and_hides_the_url(given: str) -> None:
    with pytest.raises(ValueError, match="DATABASE_URL") as raised:
        normalise_database_url(given)
    assert "s3cret" not in str(raised.value)


async def test_schema_is_refused_on_sqlite(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="schema"):
        await Database.connect(f"sqlite:///{tmp_path / 'x.db'}", schema="elsewhere")


async def test_sqlite_runs_in_wal_mode(tmp_path: Path) -> None:
    database = await Database.connect(f"sqlite:///{tmp_path / 'wal.db'}")
    try:
        async with database.engine.connect() as connection:
            mode = (await connection.exec_driver_sql("PRAGMA journal_mode")).scalar_one()
    finally:
        await database.close()
    assert mode == "wal"


def _pg_url_with(database_url: str, query: str) -> str:
    return f"{database_url}&{query}" if "?" in database_url else f"{database_url}?{query}"


@pytest.mark.parametrize("mode", ["disable", "prefer", "allow"])
async def test_a_libpq_sslmode_in_the_url_is_honoured(postgresql_url: str, mode: str) -> None:
    database = await Database.connect(_pg_url_with(postgresql_url, f"sslmode={mode}"))
    try:
        assert await database.ping()
    finally:
        await database.close()


async def test_sslmode_require_against_a_server_without_tls_is_a_connection_error(
    postgresql_url: str,
) -> None:
    # The local server runs without TLS. Not a TypeError from the driver: an error the CLI
    # reports as "the database did not answer".
    with pytest.raises((OSError, ConnectionError)):
        await Database.connect(_pg_url_with(postgresql_url, "sslmode=require"))


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("postgresql://u:s3cret@db/app?sslmode=sometimes", "sslmode must be one of"),
        ("postgresql://u:s3cret@db/app?sslcert=/x&gssencmode=off", "gssencmode, sslcert"),
        ("sqlite:///./x.db?sslmode=require", "only applies to PostgreSQL"),
    ],
)
async def test_an_unusable_url_parameter_is_named_before_connecting(url: str, says: str) -> None:
    with pytest.raises(ValueError, match="DATABASE_URL") as raised:
        await Database.connect(url)
    assert says in str(raised.value)
    assert "s3cret" not in str(raised.value)


def test_the_head_read_from_the_migration_files_is_alembics() -> None:
    assert shipped_head() == head_revision() is not None


def test_a_server_at_the_head_does_not_import_alembic(tmp_path: Path) -> None:
    """Importing Alembic brings Mako and Pygments (about 9 MB) into the server for nothing."""
    code = (
        "import asyncio, sys\n"
        "from storage.database import Database\n"
        "async def start(url):\n"
        "    await (await Database.connect(url)).close()\n"
        "asyncio.run(start(sys.argv[1]))\n"
        "print(sorted({'alembic', 'mako', 'pygments'} & set(sys.modules)))\n"
    )
    url = f"sqlite+aiosqlite:///{tmp_path / 'db.sqlite'}"

    def start() -> str:
        run = subprocess.run([sys.executable, "-c", code, url], capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
        return run.stdout.strip()

    assert start() == "['alembic', 'mako', 'pygments']"  # a new database: migrated
    assert start() == "[]"
