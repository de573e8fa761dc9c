"""`infoshare audit verify | export | purge` as an operator runs them (a subprocess on the
real database, SQLite and PostgreSQL), and the export's memory staying flat."""

from __future__ import annotations

import csv
import io
import os
import pty
import subprocess
import sys
import tracemalloc
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import text

from bot.records.export import COLUMNS, Progress, write_export
from storage import Database, ReviewKind
from tests.storage.samples import NOW, TEAM, new_dialog, recorded_decision

SUPERVISOR = "U0SUPER"


def infoshare(
    database_url: str, *args: str, stderr: int | None = None, **extra: str
) -> subprocess.CompletedProcess[str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("INFOSHARE_", "SLACK_", "DATABASE_"))
    }
    env.update(DATABASE_URL=database_url, PYTHONIOENCODING="utf-8", **extra)
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", "audit", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE if stderr is None else stderr,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
    )


async def run_sql(database: Database, *statements: str, **params: object) -> None:
    async with database.engine.begin() as connection:
        for statement in statements:
            await connection.execute(text(statement), params)


def drop_trigger(database: Database, name: str, table: str) -> str:
    suffix = f" ON {table}" if database.dialect == "postgresql" else ""
    return f"DROP TRIGGER {name}{suffix}"


async def test_verify_passes_then_names_an_edited_then_a_deleted_decision(
    database: Database, database_url: str
) -> None:
    decisions = [await recorded_decision(database, f"U{n}", NOW) for n in range(3)]
    assert decisions[0].id is not None
    async with database.transaction() as tx:
        await tx.reviews.add(decisions[0].id, ReviewKind.REVIEWED, SUPERVISOR, "k", None, NOW)
        head = await tx.chain_head()

    untouched = infoshare(database_url, "verify")
    assert untouched.returncode == 0, untouched.stderr
    assert "4 records verified" in untouched.stdout and head.hash in untouched.stdout

    await run_sql(
        database,
        drop_trigger(database, "decision_append_only", "decision"),
        "UPDATE decision SET fields = :fields WHERE id = :id",
        fields='{"reasons": "rewritten"}',
        id=decisions[1].id,
    )
    edited = infoshare(database_url, "verify")
    assert edited.returncode == 1
    assert f"decision {decisions[1].reference}" in edited.stdout and "edited" in edited.stdout

    await run_sql(
        database,
        drop_trigger(database, "decision_delete_only_by_purge", "decision"),
        "DELETE FROM audit_outbox WHERE decision_id = :id",
        "DELETE FROM decision WHERE id = :id",
        id=decisions[1].id,
    )
    deleted = infoshare(database_url, "verify")
    assert deleted.returncode == 1
    assert "seq 2 is missing" in deleted.stdout
    assert f"decision {decisions[2].reference}" in deleted.stdout
    assert "Traceback" not in deleted.stderr


async def test_export_writes_the_anonymised_fields_and_review_status_only(
    database: Database, database_url: str, tmp_path: Path
) -> None:
    before = await recorded_decision(database, "U0BEFORE", datetime(2026, 3, 1, tzinfo=UTC))
    inside = await recorded_decision(database, "U0INSIDE", NOW)
    # 23:30 UTC on 31 March 2026 is 00:30 on 1 April in the UK (BST): outside March.
    after = await recorded_decision(database, "U0AFTER", datetime(2026, 3, 31, 23, 30, tzinfo=UTC))
    assert inside.id is not None
    async with database.transaction() as tx:
        await tx.reviews.add(inside.id, ReviewKind.FOLLOW_UP, SUPERVISOR, "f", "=HYPERLINK()", NOW)
    out = tmp_path / "export.csv"
    result = infoshare(
        database_url, "export", "--since", "2026-03-02", "--until", "2026-03-31", "--out", str(out)
    )
    assert result.returncode == 0, result.stderr
    assert "Exported 1 decisions" in result.stderr
    assert "Exporting [" not in result.stderr  # not a terminal: no progress bar
    content = out.read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(content)))
    assert tuple(rows[0]) == COLUMNS
    assert [row["reference"] for row in rows] == [inside.reference]
    assert rows[0]["review_status"] == "follow_up_open"
    assert rows[0]["reasons"] == inside.fields["reasons"]
    assert rows[0]["path"] == "purpose=yes;identifiable=yes;confidential=no"
    for identifying in ("U0INSIDE", TEAM, SUPERVISOR, "HYPERLINK"):
        assert identifying not in content
    assert before.reference not in content and after.reference not in content


async def test_export_shows_progress_on_a_terminal_and_refuses_bad_dates(
    database: Database, database_url: str
) -> None:
    await recorded_decision(database, "U1", NOW)
    controller, terminal = pty.openpty()
    try:
        shown = infoshare(
            database_url,
            "export",
            "--since",
            "2026-03-14",
            "--until",
            "2026-03-14",
            stderr=terminal,
        )
        os.close(terminal)
        terminal = -1
        progress = os.read(controller, 4096).decode()
    finally:
        os.close(controller)
        if terminal >= 0:
            os.close(terminal)
    assert shown.returncode == 0
    assert "Exporting [" in progress and "1/1 (100%)" in progress
    assert "IS-2026-0001" in shown.stdout

    backwards = infoshare(database_url, "export", "--since", "2026-03-14", "--until", "2026-03-01")
    assert backwards.returncode == 1 and "--until must not be before --since" in backwards.stderr
    not_a_date = infoshare(database_url, "export", "--since", "14/03/2026", "--until", "x")
    assert not_a_date.returncode == 2 and "is not a date like" in not_a_date.stderr
    for result in (backwards, not_a_date):
        assert "Traceback" not in result.stderr and result.stdout == ""


def test_progress_bar_draws_only_on_a_terminal() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal, pipe = Terminal(), io.StringIO()
    for stream in (terminal, pipe):
        progress = Progress(4, stream)
        for done in range(1, 5):
            progress.update(done)
        progress.finish()
    assert pipe.getvalue() == ""
    assert terminal.getvalue().count("\r") == 4 and "4/4 (100%)" in terminal.getvalue()


async def test_purge_removes_what_is_past_its_use_and_verify_still_passes(
    database: Database, database_url: str
) -> None:
    old = await recorded_decision(database, "U1", datetime(2023, 1, 10, tzinfo=UTC))
    kept = await recorded_decision(database, "U2", datetime.now(UTC) - timedelta(days=30))
    assert old.id is not None
    async with database.transaction() as tx:
        await tx.reviews.add(old.id, ReviewKind.REVIEWED, SUPERVISOR, "k", None, NOW)
        await tx.deliveries.claim("old-delivery", datetime.now(UTC) - timedelta(days=2))
        await tx.deliveries.claim("new-delivery", datetime.now(UTC))
    abandoned = await new_dialog(database, "U3", datetime.now(UTC) - timedelta(days=3))
    async with database.transaction() as tx:
        abandoned.status = "abandoned"  # type: ignore[assignment]
        await tx.dialogs.save(abandoned, datetime.now(UTC) - timedelta(days=2))

    result = infoshare(database_url, "purge", INFOSHARE_RETENTION_YEARS="2")
    assert result.returncode == 0, result.stderr
    assert "Removed 1 Slack delivery keys" in result.stdout
    assert "Removed 1 abandoned dialogs" in result.stdout
    assert "Purged 1 decisions" in result.stdout
    async with database.transaction() as tx:
        assert await tx.decisions.by_reference(old.reference) is None
        assert await tx.decisions.by_reference(kept.reference) == kept
        assert await tx.dialogs.get(abandoned.id or 0) is None
        [entry] = await tx.purges.all()
    assert entry.reason == "retention: 2 years" and entry.decision_count == 1
    verified = infoshare(database_url, "verify")
    assert verified.returncode == 0 and "1 records verified" in verified.stdout

    again = infoshare(database_url, "purge", INFOSHARE_RETENTION_YEARS="2")
    assert "Purged 0 decisions" in again.stdout
    async with database.transaction() as tx:
        assert len(await tx.purges.all()) == 1  # nothing due: no empty purge logged

    bad = infoshare(database_url, "purge", INFOSHARE_RETENTION_YEARS="six")
    assert bad.returncode == 1 and "INFOSHARE_RETENTION_YEARS is not valid" in bad.stderr


async def add_decisions(database: Database, first: int, count: int) -> None:
    """Decisions written straight into the table (the export reads, it does not verify)."""
    rows = [
        {
            "reference": f"IS-2026-{number:05d}",
            "dialog_id": number,
            "seq": number,
            "moment": NOW + timedelta(seconds=number),
            "fields": '{"reasons": "Concern for welfare of [PERSON-1] and family support"}',
        }
        for number in range(first, first + count)
    ]
    async with database.engine.begin() as connection:
        await connection.execute(
            text(
                "INSERT INTO decision (reference, dialog_id, team_id, user_id, flow_id, "
                "flow_version, outcome, path, fields, created_at, chain_seq, prev_hash, row_hash) "
                "VALUES (:reference, :dialog_id, 'T1', 'U1', 'hm-gov-2018', 1, 'share', "
                "'[[\"purpose\", \"yes\"]]', :fields, :moment, :seq, '', '')"
            ),
            rows,
        )


class Discard(io.StringIO):
    """An output that keeps nothing: the CSV itself is not what is measured."""

    def write(self, text: str) -> int:
        return len(text)


async def peak_export_memory(database: Database) -> tuple[int, int]:
    sink = Discard()
    tracemalloc.start()
    try:
        count = await write_export(database, NOW, NOW + timedelta(days=1), sink, None)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return count, peak


async def test_export_memory_stays_flat_from_1000_to_10000_decisions(
    database: Database,
) -> None:
    await add_decisions(database, 1, 1_000)
    small_count, small_peak = await peak_export_memory(database)
    await add_decisions(database, 1_001, 9_000)
    large_count, large_peak = await peak_export_memory(database)
    assert (small_count, large_count) == (1_000, 10_000)
    # Ten times the rows: the peak may wobble with the batch it is in, never grow with it.
    print(f"export peak traced memory: {small_peak} B for 1,000, {large_peak} B for 10,000")
    assert large_peak < small_peak * 1.5, (small_peak, large_peak)


def test_cells_a_spreadsheet_would_run_are_defused() -> None:
    from bot.records.export import safe_cell

    assert [safe_cell(v) for v in ("=1+1", "+44", "-x", "@SUM(A1)", "fine", None, 3)] == [
        "'=1+1",
        "'+44",
        "'-x",
        "'@SUM(A1)",
        "fine",
        "",
        "3",
    ]


async def test_a_whole_rewrite_verifies_but_no_longer_matches_the_anchor(
    database: Database, database_url: str
) -> None:
    from sqlalchemy import select
    from sqlmodel import SQLModel

    from storage.chain import DECISION_FIELDS, chain_hash, content_of

    for number in range(3):
        await recorded_decision(database, f"U{number}", NOW)
    async with database.transaction() as tx:
        head = await tx.chain_head()
    anchor = f"{head.seq}:{head.hash}"
    assert infoshare(database_url, "verify", "--anchor", anchor).returncode == 0

    # Someone with database access rewrites the newest decision and recomputes its hash and
    # the head: every link holds again.
    decision = SQLModel.metadata.tables["decision"]
    async with database.engine.begin() as connection:
        await connection.execute(text(drop_trigger(database, "decision_append_only", "decision")))
        await connection.execute(
            decision.update().where(decision.c.chain_seq == 3).values(outcome="do_not_share")
        )
        row = (
            (await connection.execute(select(decision).where(decision.c.chain_seq == 3)))
            .mappings()
            .one()
        )
        forged = chain_hash(row["prev_hash"], "decision", 3, content_of(row, DECISION_FIELDS))
        await connection.execute(
            decision.update().where(decision.c.chain_seq == 3).values(row_hash=forged)
        )
        await connection.execute(text("UPDATE chain_head SET hash = :h"), {"h": forged})

    assert infoshare(database_url, "verify").returncode == 0  # what verify alone cannot see
    anchored = infoshare(database_url, "verify", "--anchor", anchor)
    assert anchored.returncode == 1
    assert "chain seq 3 no longer has the anchored hash" in anchored.stdout
    malformed = infoshare(database_url, "verify", "--anchor", "3:nothex")
    assert malformed.returncode == 2 and "is not SEQ:HASH" in malformed.stderr
