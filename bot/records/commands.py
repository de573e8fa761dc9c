"""`infoshare audit verify | export | purge`: each opens the database, does one thing, and
returns the exit status."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the database stack is imported only when an audit command runs
    from bot.settings import Settings
    from storage import Database


def add_audit_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    audit = commands.add_parser("audit", help="verify, export or purge the decision record")
    audit_commands = audit.add_subparsers(title="audit commands", required=True)
    verify = audit_commands.add_parser(
        "verify", help="recompute the hash chain; exit 1 naming the first broken link"
    )
    verify.add_argument(
        "--anchor",
        type=_anchor,
        metavar="SEQ:HASH",
        help="also check the chain still passes through this head, recorded earlier (e.g. "
        "in the daily digest)",
    )
    verify.set_defaults(run=lambda args: _run(lambda db, _: _verify(db, args.anchor)))
    export = audit_commands.add_parser(
        "export", help="CSV of the anonymised decisions and their review status"
    )
    export.add_argument("--since", required=True, type=_day, help="first UK day, YYYY-MM-DD")
    export.add_argument("--until", required=True, type=_day, help="last UK day, YYYY-MM-DD")
    export.add_argument("--out", type=Path, help="write to this file (default: standard output)")
    export.set_defaults(run=lambda args: _run(lambda db, _: _export(db, args)))
    purge = audit_commands.add_parser(
        "purge",
        help="remove delivery keys and abandoned dialogs past their use, and decisions past "
        "INFOSHARE_RETENTION_YEARS",
    )
    purge.set_defaults(run=lambda args: _run(_purge))


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-04-01") from None


def _anchor(text: str) -> tuple[int, str]:
    seq, _, given = text.partition(":")
    if (
        not seq.isdigit()
        or len(given) != 64
        or not all(c in "0123456789abcdefABCDEF" for c in given)
    ):
        raise argparse.ArgumentTypeError(
            f"{text!r} is not SEQ:HASH, e.g. 42:<the 64 hex digits audit verify printed>"
        )
    return int(seq), given


def _run(command: Callable[[Database, Settings], Awaitable[int]]) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from bot.settings import Mode, Settings, SettingsError
    from storage import Database

    try:
        settings = Settings.from_environment(Mode.AUDIT)
    except SettingsError as error:
        return _fail("The environment needs fixing:", error.problems)

    async def main() -> int:
        db = await Database.connect(settings.database_url)
        try:
            return await command(db, settings)
        finally:
            await db.close()

    try:
        return asyncio.run(main())
    except ValueError as error:  # e.g. a DATABASE_URL that cannot be used
        return _fail("The command could not run:", [str(error)])
    except (OSError, SQLAlchemyError) as error:
        return _fail(
            "The database did not answer or refused the command:",
            [f"check DATABASE_URL and the role's rights; the error was {type(error).__name__}."],
        )


async def _verify(db: Database, anchor: tuple[int, str] | None) -> int:
    from storage.verify import check_anchor, verify_chain

    verdict = await verify_chain(db)
    if verdict.problem is not None:
        print(f"BROKEN after {verdict.checked} intact records: {verdict.problem}")
        return 1
    if anchor is not None:
        problem = await check_anchor(db, *anchor)
        if problem is not None:
            print(f"BROKEN: {problem}")
            return 1
        print(f"anchor seq {anchor[0]} matches")
    print(
        f"ok: {verdict.checked} records verified; chain head seq {verdict.head_seq}, "
        f"hash {verdict.head_hash}"
    )
    return 0


async def _export(db: Database, args: argparse.Namespace) -> int:
    from bot.records.export import export_window, write_export

    try:
        since, until = export_window(args.since, args.until)
    except ValueError as error:
        return _fail("Nothing was exported:", [str(error)])
    if args.out is None:
        await write_export(db, since, until, sys.stdout, sys.stderr)
        return 0
    try:
        with args.out.open("w", encoding="utf-8", newline="") as out:
            count = await write_export(db, since, until, out, sys.stderr)
    except OSError as error:
        return _fail("Nothing was exported:", [f"cannot write {args.out}: {error.strerror}"])
    print(f"Exported {count} decisions to {args.out}", file=sys.stderr)
    return 0


async def _purge(db: Database, settings: Settings) -> int:
    from bot.records.retention import purge_decisions, tidy, years_before
    from storage.columns import utc_now

    now = utc_now()
    years = settings.retention.retention_years
    tidied = await tidy(db, now)
    purged = await purge_decisions(db, now, years)
    print(f"Removed {tidied.delivery_keys} Slack delivery keys older than a day.")
    print(f"Removed {tidied.abandoned_dialogs} abandoned dialogs.")
    print(
        f"Purged {purged} decisions recorded before {years_before(now, years):%Y-%m-%d} "
        f"(INFOSHARE_RETENTION_YEARS={years}); `infoshare audit verify` checks the chain."
    )
    return 0


def _fail(headline: str, problems: list[str]) -> int:
    print(headline, file=sys.stderr)
    for problem in problems:
        print(f"  - {problem}", file=sys.stderr)
    return 1
