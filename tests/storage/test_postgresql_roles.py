"""The README's PostgreSQL set-up, run for real: a migration role owns the tables, and the bot's
runtime role can record and post decisions but cannot change, delete or unprotect them."""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import asyncpg
import pytest
from sqlalchemy.engine import make_url

import tests.conftest
from storage import Database, ReviewKind, SchemaNotMigrated
from storage.migrate import head_revision
from tests.conftest import PG_SKIP_REASON, postgresql_server_url, with_schema
from tests.storage.samples import AUDIT_CHANNEL, FIELDS, NOW, PATH, TEAM, dialog_at_outcome

README = Path(__file__).parents[2] / "README.md"
SECTION = "### PostgreSQL: a migration role and a runtime role"


def readme_sql() -> tuple[str, str]:
    """The section's two SQL blocks: the superuser's set-up and the owner's grants."""
    section = README.read_text().split(SECTION, 1)[1].split("\n## ", 1)[0]
    setup, grants = re.findall(r"```sql\n(.*?)```", section, re.DOTALL)
    return setup, grants


@dataclass
class Roles:
    server: str
    owner: str
    app: str
    schema: str

    def rename(self, sql: str) -> str:
        sql = sql.replace("infoshare_owner", self.owner).replace("infoshare_app", self.app)
        return re.sub(r"\binfoshare\b", self.schema, sql)

    def url(self, role: str) -> str:
        return with_schema(
            make_url(self.server).set(username=role, password=None).render_as_string(), self.schema
        )

    async def connect(self, role: str) -> asyncpg.Connection:
        return await asyncpg.connect(
            make_url(self.server).set(username=role, password=None).render_as_string(),
            server_settings={"search_path": self.schema},
        )


@pytest.fixture
async def roles() -> AsyncIterator[Roles]:
    server = postgresql_server_url()
    if server is None:
        pytest.skip(PG_SKIP_REASON)
    tests.conftest._postgresql_tests_run += 1
    unique = uuid.uuid4().hex[:12]
    made = Roles(server, f"owner_{unique}", f"app_{unique}", f"roles_{unique}")
    setup, _ = readme_sql()
    admin = await asyncpg.connect(server)
    try:
        await admin.execute(made.rename(setup))
        yield made
    finally:
        await admin.execute(f'DROP SCHEMA IF EXISTS "{made.schema}" CASCADE')
        await admin.execute(f'DROP OWNED BY "{made.owner}", "{made.app}"')
        await admin.execute(f'DROP ROLE "{made.app}"')
        await admin.execute(f'DROP ROLE "{made.owner}"')
        await admin.close()


async def migrate_and_grant(roles: Roles) -> None:
    owner_db = await Database.connect(roles.url(roles.owner))
    await owner_db.close()
    _, grants = readme_sql()
    owner = await roles.connect(roles.owner)
    try:
        await owner.execute(roles.rename(grants))
    finally:
        await owner.close()


async def test_the_runtime_role_records_and_posts_but_cannot_rewrite(roles: Roles) -> None:
    await migrate_and_grant(roles)
    database = await Database.connect(roles.url(roles.app))
    try:
        dialog = await dialog_at_outcome(database, "U1")
        async with database.transaction() as tx:
            decision = await tx.decisions.record(dialog, "share", PATH, FIELDS, AUDIT_CHANNEL, NOW)
            assert await tx.deliveries.claim("event-1", NOW)
        async with database.transaction() as tx:
            assert decision.id is not None
            _, created = await tx.reviews.add(
                decision.id, ReviewKind.REVIEWED, "U0SUPER", "review-1", None, NOW
            )
            assert created and await tx.digests.claim(NOW.date(), "w1", NOW)
        async with database.transaction() as tx:
            [(outbox, posted)] = await tx.outbox.claim_due("w1", NOW)
            assert outbox.id is not None and posted == decision
            await tx.outbox.mark_posted(outbox.id, "1700000000.000100", NOW)
            assert await tx.deliveries.prune(NOW.replace(year=NOW.year + 1)) == 1
            assert [d.reference for d in await tx.decisions.for_user(TEAM, "U1")] == [
                decision.reference
            ]
    finally:
        await database.close()

    app = await roles.connect(roles.app)
    try:
        for statement in (
            "UPDATE decision SET outcome = 'do_not_share'",
            "DELETE FROM decision",
            "TRUNCATE decision CASCADE",
            "ALTER TABLE decision DISABLE TRIGGER ALL",
            "ALTER TABLE decision DISABLE TRIGGER decision_delete_only_by_purge",
            "DROP TRIGGER decision_append_only ON decision",
            "DELETE FROM audit_outbox",
            "UPDATE review SET supervisor_id = 'U0OTHER'",
            "DELETE FROM review",
            "DELETE FROM chain_gap",
            "DROP TRIGGER review_append_only ON review",
            "INSERT INTO decision_purge (purged_at, cutoff, decision_count, outbox_count,"
            " reason, process) VALUES (now(), now(), 1, 1, 'x', 'y')",
            "CREATE TABLE decision_copy (id integer)",
        ):
            with pytest.raises(asyncpg.InsufficientPrivilegeError):
                await app.execute(statement)
        assert await app.fetchval("SELECT count(*) FROM decision") == 1
        assert await app.fetchval("SELECT outcome FROM decision") == "share"
    finally:
        await app.close()


async def test_a_runtime_role_on_an_old_schema_is_told_how_to_upgrade(roles: Roles) -> None:
    with pytest.raises(SchemaNotMigrated) as refused:
        await Database.connect(roles.url(roles.app))
    message = str(refused.value)
    assert f"needs {head_revision()}" in message
    assert "python -m storage.migrate" in message and "migration role" in message
    assert roles.app not in message  # no credentials or role names echoed from the URL


async def test_the_runtime_roles_housekeeping_leaves_decisions_to_the_purge_role(
    roles: Roles, caplog: pytest.LogCaptureFixture
) -> None:
    from bot.core.housekeeping import Housekeeping

    await migrate_and_grant(roles)
    database = await Database.connect(roles.url(roles.app))
    try:
        dialog = await dialog_at_outcome(database, "U1")
        async with database.transaction() as tx:
            await tx.decisions.record(dialog, "share", PATH, FIELDS, AUDIT_CHANNEL, NOW)
            await tx.deliveries.claim("event-1", NOW)
        later = NOW.replace(year=NOW.year + 30)
        with caplog.at_level(logging.WARNING, logger="bot.core.housekeeping"):
            pruned = await Housekeeping(database, lambda: later, retention_years=25).tidy()
        assert pruned == 1
        assert any("infoshare audit purge" in r.getMessage() for r in caplog.records)
        async with database.transaction() as tx:
            assert len(await tx.decisions.for_user(TEAM, "U1")) == 1
    finally:
        await database.close()
