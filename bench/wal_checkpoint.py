"""How long a commit holds the event loop: SQLite's checkpoint at the commit, or in a worker.

    python bench/wal_checkpoint.py [--commits 6000] [--rounds 3]

Each round runs the same transactions (one delivery claim each, with a 200-character key) on a
fresh database file in each of two modes, one after the other:

- "at the commit": SQLite's automatic checkpoint turned back on (it copies the log into the
  file at the commit that takes it past 1,000 pages, on the event loop, as before
  storage/wal_checkpoint.py) and the worker's off;
- "in a worker": the product as it is (storage.wal_checkpoint).

Statements run on the event loop (storage/sqlite_driver.py), so a transaction's wall time is
time the loop could serve nobody else. Printed per mode: the median, 99.9th percentile and
longest transaction, and how many took over 5 ms, over all rounds. It stops with an error unless
every claim was committed and is in the file once the database is closed.
"""

from __future__ import annotations

import argparse
import asyncio
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import event

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from storage import Database  # noqa: E402

MODES = ("at the commit", "in a worker")
SLOW_MS = 5.0


def _checkpoint_at_each_commit(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA wal_autocheckpoint = 1000")  # SQLite's default
    cursor.close()


async def run(mode: str, file: Path, commits: int) -> list[float]:
    db = await Database.connect(f"sqlite:///{file}")
    times = []
    try:
        if mode == "at the commit":
            assert db.checkpoints is not None
            db.checkpoints.every = commits + 1
            await db.engine.dispose()  # new connections, with the listener below
            event.listen(db.engine.sync_engine, "connect", _checkpoint_at_each_commit)
        for n in range(commits):
            started = time.perf_counter()
            async with db.transaction() as tx:
                await tx.deliveries.claim(f"{n}-" + "k" * 200)
            times.append((time.perf_counter() - started) * 1000)
    finally:
        await db.close()
    # SQLite's last close copies the log into the file: the file alone must hold every claim.
    alone = sqlite3.connect(file)
    try:
        (in_file,) = alone.execute("SELECT count(*) FROM slack_delivery").fetchone()
    finally:
        alone.close()
    if in_file != commits:
        raise SystemExit(f"{mode}: {in_file} of {commits} claims in the file after closing")
    return times


def summary(times: list[float]) -> str:
    ordered = sorted(times)
    p999 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.999))]
    slow = sum(t > SLOW_MS for t in ordered)
    return (
        f"median {statistics.median(ordered):.2f} ms, p99.9 {p999:.2f} ms, "
        f"longest {ordered[-1]:.2f} ms, over {SLOW_MS:.0f} ms: {slow}"
    )


async def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commits", type=int, default=6000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    times: dict[str, list[float]] = {mode: [] for mode in MODES}
    with tempfile.TemporaryDirectory() as tmp:
        for round_number in range(args.rounds):
            for mode in MODES:
                file = Path(tmp) / f"{round_number}-{MODES.index(mode)}.db"
                times[mode] += await run(mode, file, args.commits)
    print(f"{args.rounds} rounds of {args.commits} transactions, each mode; all committed")
    for mode in MODES:
        print(f"  checkpoint {mode}: {summary(times[mode])}")


if __name__ == "__main__":
    asyncio.run(main())
