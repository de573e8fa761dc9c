"""How long the event loop stops at a commit: SQLite's checkpoint at the commit, or in a worker.

    python bench/wal_checkpoint.py [--commits 6000] [--rounds 3]

Each round runs the same transactions (one delivery claim each, with a 200-character key) on a
fresh database file in each of two modes, the first mode alternating from round to round:

- "at the commit": SQLite's automatic checkpoint turned back on (it copies the log into the
  file at the commit that takes it past 1,000 pages, on the event loop, as before
  storage/wal_checkpoint.py) and the worker's off;
- "in a worker": the product as it is (storage.wal_checkpoint: every 100 commits, in a thread
  of its own, the second of its two copies holding the database's turn).

Printed per mode, over all rounds: the event loop's longest stall and how many exceeded 5 ms (a
task asking to wake every millisecond measures how late it wakes), the transactions' median,
99.9th percentile and longest time (in a worker, a transaction may wait for the copy, but the
loop serves everything else meanwhile), the log's size before closing, and how long closing
took. It stops with an error unless every claim is in the file once the database is closed.
"""

from __future__ import annotations

import argparse
import asyncio
import sqlite3
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import event

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from storage import Database  # noqa: E402

MODES = ("at the commit", "in a worker")
SLOW_MS = 5.0
TICK = 0.001  # s


def _checkpoint_at_each_commit(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA wal_autocheckpoint = 1000")  # SQLite's default
    cursor.close()


@dataclass
class Figures:
    transactions: list[float] = field(default_factory=list)  # ms
    stalls: list[float] = field(default_factory=list)  # ms late
    log_bytes: list[int] = field(default_factory=list)
    closing: list[float] = field(default_factory=list)  # ms


async def ticker(stalls: list[float], stop: asyncio.Event) -> None:
    loop = asyncio.get_running_loop()
    while not stop.is_set():
        due = loop.time() + TICK
        await asyncio.sleep(TICK)
        stalls.append(max(0.0, loop.time() - due) * 1000)


async def run(mode: str, file: Path, commits: int, figures: Figures) -> None:
    db = await Database.connect(f"sqlite:///{file}")
    try:
        if mode == "at the commit":
            assert db.checkpoints is not None
            db.checkpoints.every = commits + 1
            await db.engine.dispose()  # new connections, with the listener below
            event.listen(db.engine.sync_engine, "connect", _checkpoint_at_each_commit)
        stop = asyncio.Event()
        ticking = asyncio.create_task(ticker(figures.stalls, stop))
        for n in range(commits):
            started = time.perf_counter()
            async with db.transaction() as tx:
                await tx.deliveries.claim(f"{n}-" + "k" * 200)
            figures.transactions.append((time.perf_counter() - started) * 1000)
        stop.set()
        await ticking
        figures.log_bytes.append(Path(f"{file}-wal").stat().st_size)
    finally:
        started = time.perf_counter()
        await db.close()
        figures.closing.append((time.perf_counter() - started) * 1000)
    # The file alone must hold every claim once the database is closed.
    alone = sqlite3.connect(file)
    try:
        (in_file,) = alone.execute("SELECT count(*) FROM slack_delivery").fetchone()
    finally:
        alone.close()
    if in_file != commits:
        raise SystemExit(f"{mode}: {in_file} of {commits} claims in the file after closing")


def summary(figures: Figures) -> str:
    ordered = sorted(figures.transactions)
    p999 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.999))]
    slow = sum(s > SLOW_MS for s in figures.stalls)
    return (
        f"loop's longest stall {max(figures.stalls):.2f} ms, stalls over {SLOW_MS:.0f} ms: {slow}; "
        f"transactions median {statistics.median(ordered):.2f} ms, p99.9 {p999:.2f} ms, "
        f"longest {ordered[-1]:.2f} ms; log before closing up to "
        f"{max(figures.log_bytes) / 1e6:.1f} MB; closing up to {max(figures.closing):.0f} ms"
    )


async def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commits", type=int, default=6000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    figures = {mode: Figures() for mode in MODES}
    with tempfile.TemporaryDirectory() as tmp:
        for round_number in range(args.rounds):
            order = MODES if round_number % 2 == 0 else MODES[::-1]
            for mode in order:
                file = Path(tmp) / f"{round_number}-{MODES.index(mode)}.db"
                await run(mode, file, args.commits, figures[mode])
    print(f"{args.rounds} rounds of {args.commits} transactions, each mode; all committed")
    for mode in MODES:
        print(f"  checkpoint {mode}: {summary(figures[mode])}")


if __name__ == "__main__":
    asyncio.run(main())
