"""Speed under a burst: infoshare against a bare Bolt baseline, then the same under faults.

    python bench/load.py              # 200 practitioners at once, then the fault runs
    python bench/load.py -n 50        # a lighter burst
    python bench/load.py --quick      # a handful of practitioners: correctness only

Starts a fake Slack Web API on loopback, the bare Bolt baseline (`bench/baseline.py`) and
`infoshare serve`, each a separate process, and sends N simulated practitioners at each at once
(slash command, every question, the record modal, confirm) through signed requests. Prints ack
and step latency (p50, p95, p99, max), dialogs per second, errors and server memory, with
infoshare's figures as ratios of the baseline's measured in the same run. Then, on infoshare:
Slack allowing one post a second per channel (429 with Retry-After) and answering 500 on the
audit channel for a stretch; and a SIGKILL mid-burst with a restart. Each run checks that
every decision is recorded once and posted to the audit channel exactly once.

With DATABASE_URL pointing at PostgreSQL it also runs the burst on two replicas of
`infoshare serve` sharing one PostgreSQL (requests alternate between them), and the fault runs
on PostgreSQL. Exits non-zero if any run had errors or a decision was lost or posted twice.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import signal
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import servers
from bench.driver import Driver, Figures
from bench.fake import BenchSlack

REFERENCE = re.compile(r"IS-\d{4}-\d{4,}")


@dataclass
class Run:
    name: str
    figures: Figures
    seconds: float
    dialogs: int
    idle_mb: float = float("nan")
    peak_mb: float = float("nan")
    notes: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


async def burst(driver: Driver, users: list[str], baseline: bool) -> float:
    started = time.monotonic()
    work = driver.baseline_dialog if baseline else driver.dialog
    results = await asyncio.gather(*(work(user) for user in users), return_exceptions=True)
    for user, result in zip(users, results, strict=True):
        if isinstance(result, BaseException):
            driver.figures.errors.append(f"{user}: {type(result).__name__}: {result}")
    return time.monotonic() - started


def session() -> aiohttp.ClientSession:
    return aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0),
                                 timeout=aiohttp.ClientTimeout(total=30))


def new_slack(**knobs: object) -> BenchSlack:
    slack = BenchSlack(servers.AUDIT_CHANNEL, **knobs)  # type: ignore[arg-type]
    return slack


def practitioners(tag: str, n: int) -> list[str]:
    return [f"U0{tag}{i:05d}" for i in range(n)]


async def measure(name: str, tag: str, slack: BenchSlack, started: list[servers.Server],
                  n: int, solo: int, baseline: bool) -> tuple[Run, Run]:
    """A burst of `n`, then `solo` dialogs one after another by one practitioner."""
    idle = sum(s.memory_mb() for s in started)
    cpu = sum(s.cpu_seconds() for s in started)
    ours = time.process_time()  # the practitioners and the fake Slack share this process
    profiler = await profile(started[0], PROFILE, rate=200) if PROFILE and not baseline else None
    async with session() as http:
        figures = Figures()
        driver = Driver(slack, [s.url for s in started], http, figures)
        seconds = await burst(driver, practitioners(tag, n), baseline)
        peak = sum(s.memory_mb("VmHWM") for s in started)
        cpu = sum(s.cpu_seconds() for s in started) - cpu
        ours = time.process_time() - ours
        if profiler is not None:
            profiler.send_signal(signal.SIGINT)  # py-spy writes its samples and exits
            await profiler.wait()
        alone = Figures()
        lone = Driver(slack, [s.url for s in started], http, alone)
        profiler = (await profile(started[0], PROFILE_ALONE, rate=500)
                    if PROFILE_ALONE and not baseline else None)
        solo_started = time.monotonic()
        for i in range(solo):
            await burst(lone, [f"U0{tag}S{i:05d}"], baseline)
        solo_seconds = time.monotonic() - solo_started
        if profiler is not None:
            profiler.send_signal(signal.SIGINT)
            await profiler.wait()
    run = Run(name, figures, seconds, len(figures.completed), idle, peak)
    run.notes.append(f"server CPU {cpu:.1f} s in the burst's {seconds:.1f} s, "
                     f"{1000 * cpu / max(1, len(figures.completed)):.0f} ms a dialog; "
                     f"the driver and fake Slack {ours:.1f} s")
    return run, Run(name + " alone", alone, solo_seconds, len(alone.completed))


PROFILE = os.environ.get("BENCH_PROFILE")  # a file: py-spy samples infoshare's burst into it
PROFILE_ALONE = os.environ.get("BENCH_PROFILE_ALONE")  # the same for the dialogs alone
# Sample only the thread holding the GIL: where CPU really goes, not threads waiting for it
PROFILE_GIL = os.environ.get("BENCH_PROFILE_GIL", "") not in ("", "0")


async def profile(server: servers.Server, output: str,
                  rate: int = 50) -> asyncio.subprocess.Process:
    assert server.process is not None
    return await asyncio.create_subprocess_exec(
        "py-spy", "record", "--pid", str(server.process.pid), "--format", "raw",
        "--rate", str(rate), *(["--gil"] if PROFILE_GIL else []),
        "--nonblocking", "-o", output, stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )


async def check_posted_once(run: Run, slack: BenchSlack, database_url: str,
                            users: set[str], drain_limit: float, since: int) -> None:
    """Every practitioner has one decision; each is posted to the audit channel exactly once."""
    recorded = await servers.decisions(database_url)
    by_user: dict[str, int] = {}
    for user, _ in recorded:
        by_user[user] = by_user.get(user, 0) + 1
    missing = [u for u in users if by_user.get(u, 0) != 1]
    if missing:
        run.problems.append(f"{len(missing)} practitioners without exactly one decision")
    expected = {reference for _, reference in recorded}
    started = time.monotonic()
    while True:
        posted = [REFERENCE.findall(c.params.get("text", "")) for c in slack.audit_posts(since)]
        if {r for refs in posted for r in refs} >= expected:
            break
        slack.audit_posted.clear()
        try:
            await asyncio.wait_for(slack.audit_posted.wait(), drain_limit)
        except TimeoutError:
            break
    run.notes.append(f"outbox drained {time.monotonic() - started:.1f} s after the last dialog")
    counts: dict[str, int] = {}
    for refs in posted:
        for reference in set(refs):
            counts[reference] = counts.get(reference, 0) + 1
    lost = expected - counts.keys()
    twice = [r for r, c in counts.items() if c > 1]
    run.notes.append(f"{len(expected)} decisions: {len(lost)} lost, {len(twice)} posted twice")
    if lost or twice or counts.keys() - expected:
        run.problems.append(f"audit posts: {len(lost)} lost, {len(twice)} posted twice")


async def main_runs(args: argparse.Namespace, folder: Path) -> list[Run]:
    runs: list[Run] = []
    kinds = ["sqlite"] + (["postgresql"] if servers.postgresql_url() else [])
    slack = new_slack()
    await slack.start()
    slack.add_channel(servers.AUDIT_CHANNEL, "infoshare-audit", is_private=True, is_member=True)
    try:
        base = servers.baseline(folder / "baseline.db", slack.api_url, folder / "baseline.log")
        await base.start()
        try:
            runs.extend(await measure("bare Bolt", "BASE", slack, [base], args.n, args.solo, True))
        finally:
            await base.stop()
        for kind in kinds:
            replicas = 2 if kind == "postgresql" else 1
            async with servers.database(kind, folder) as url:
                started = [servers.infoshare(url, slack.api_url, folder / f"infoshare-{kind}.log")
                           for _ in range(replicas)]
                for server in started:
                    await server.start()
                since = len(slack.calls)  # references start again in each database
                try:
                    name = f"infoshare ({kind}{', 2 replicas' if replicas > 1 else ''})"
                    tag = kind[:2].upper()
                    run, alone = await measure(name, tag, slack, started, args.n, args.solo, False)
                    users = {*practitioners(tag, args.n), *practitioners(tag + "S", args.solo)}
                    await check_posted_once(run, slack, url, users, 60.0, since)
                    runs += [run, alone]
                finally:
                    for server in started:
                        await server.stop()
    finally:
        await slack.stop()
    return runs


async def fault_run(args: argparse.Namespace, folder: Path, kind: str, kill: bool) -> Run:
    slack = BenchSlack(servers.AUDIT_CHANNEL, rate_limit=not kill)
    slack.audit_outage = 0.0 if kill else args.outage
    n = args.fault_n
    if kill:
        slack.kill_after_posts = max(1, n * 3)  # each dialog posts 7 DM messages: mid-burst
    await slack.start()
    slack.add_channel(servers.AUDIT_CHANNEL, "infoshare-audit", is_private=True, is_member=True)
    name = f"{'SIGKILL + restart' if kill else '429 + 500s'} ({kind})"
    users = [f"U0F{'K' if kill else 'R'}{i:05d}" for i in range(n)]
    try:
        async with servers.database(kind, folder) as url:
            server = servers.infoshare(url, slack.api_url, folder / f"fault-{kind}.log")
            await server.start()
            up = asyncio.Event()
            up.set()
            restarted: list[float] = []

            async def killer() -> None:
                await slack.kill_now.wait()
                up.clear()
                await server.kill()
                slack.killed()
                began = time.monotonic()
                await server.start()
                restarted.append(time.monotonic() - began)
                up.set()

            killing = asyncio.create_task(killer()) if kill else None
            try:
                async with session() as http:
                    figures = Figures()
                    driver = Driver(slack, [server.url], http, figures, wait_limit=120.0,
                                    up=up if kill else None)
                    seconds = await burst(driver, users, False)
                run = Run(name, figures, seconds, len(figures.completed))
                await check_posted_once(run, slack, url, set(users), 300.0, 0)
            finally:
                if killing is not None:
                    killing.cancel()
                await server.stop()
    finally:
        await slack.stop()
    if kill:
        run.notes.append(f"restart took {restarted[0]:.1f} s; {figures.resumed} resumes"
                         if restarted else "the server was never killed")
        if not restarted:
            run.problems.append("the kill never happened")
    else:
        run.notes.append(f"{slack.rate_limited} posts refused 429, "
                         f"{slack.audit_failures} audit posts answered 500")
    return run


async def memory_run(args: argparse.Namespace, folder: Path) -> Run:
    """infoshare's memory with many open dialogs in its database, idle and through a burst."""
    from dialogs.engine import start
    from dialogs.loading import FlowLibrary
    from storage import Database
    from tests.fakeslack import TEAM_ID

    flow = FlowLibrary.shipped().latest("hm-gov-2018")
    slack = new_slack()
    await slack.start()
    slack.add_channel(servers.AUDIT_CHANNEL, "infoshare-audit", is_private=True, is_member=True)
    try:
        async with servers.database("sqlite", folder) as url:
            db = await Database.connect(url)
            try:
                for chunk in range(0, args.open_dialogs, 500):
                    async with db.transaction() as tx:
                        for i in range(chunk, min(chunk + 500, args.open_dialogs)):
                            await tx.dialogs.create(TEAM_ID, f"U0OPEN{i:06d}", flow.id,
                                                    flow.version, start(flow).to_dict())
            finally:
                await db.close()
            server = servers.infoshare(url, slack.api_url, folder / "infoshare-memory.log")
            await server.start()
            try:
                run, _ = await measure(f"{args.open_dialogs} open dialogs (sqlite)", "MEM",
                                       slack, [server], args.fault_n, 0, False)
            finally:
                await server.stop()
    finally:
        await slack.stop()
    return run


def row(values: list[float]) -> str:
    return "  ".join(f"{percentile(values, p) * 1000:7.0f}" for p in (50, 95, 99, 100))


def report(runs: list[Run]) -> None:
    print(f"\n{'run':<34}{'ack ms p50/p95/p99/max':>34}   {'step ms p50/p95/p99/max':>34}"
          f"  dialogs/s  errors  MB idle/peak")
    for run in runs:
        f = run.figures
        print(f"{run.name:<34}{row(f.acks):>34}   {row(f.steps):>34}  "
              f"{run.dialogs / run.seconds if run.seconds else 0:9.1f}  {len(f.errors):6d}"
              f"  {run.idle_mb:5.0f}/{run.peak_mb:.0f}")
    base = next(r for r in runs if r.name == "bare Bolt")
    base_alone = next(r for r in runs if r.name == "bare Bolt alone")
    for run in runs:
        if run.name.startswith("infoshare") and not run.name.endswith("alone"):
            print(f"{run.name}: ack p99 {ratio(run, base, 'acks', 99)}, "
                  f"step p99 {ratio(run, base, 'steps', 99)}, "
                  f"max ack {max(run.figures.acks, default=0):.2f} s, "
                  f"idle RSS {run.idle_mb:.0f} MB vs {base.idle_mb:.0f} MB")
        if run.name.startswith("infoshare") and run.name.endswith("alone"):
            print(f"{run.name}: step p50 {ratio(run, base_alone, 'steps', 50)}")
    for run in runs:
        for note in run.notes:
            print(f"{run.name}: {note}")
        for error in run.figures.errors[:5]:
            print(f"{run.name}: ERROR {error}")
        for problem in run.problems:
            print(f"{run.name}: PROBLEM {problem}")


def ratio(run: Run, base: Run, kind: str, p: float) -> str:
    ours = percentile(getattr(run.figures, kind), p)
    theirs = percentile(getattr(base.figures, kind), p)
    return f"{ours / theirs:.2f}x" if theirs else "n/a"


async def main_async(args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory(prefix="infoshare-bench-") as tmp:
        folder = Path(tmp)
        runs = await main_runs(args, folder)
        if args.open_dialogs:
            runs.append(await memory_run(args, folder))
        if not args.no_faults:
            kind = "postgresql" if servers.postgresql_url() else "sqlite"
            runs.append(await fault_run(args, folder, kind, kill=False))
            runs.append(await fault_run(args, folder, kind, kill=True))
        report(runs)
        warnings = [line for log in folder.glob("infoshare-*.log")
                    for line in log.read_text().splitlines()
                    if "WARNING" in line or "ERROR" in line]
        for line in warnings[:8]:
            print(f"server log: {line}")
    failed = [r for r in runs if r.figures.errors or r.problems]
    print("\nresult:", "FAILED: " + ", ".join(r.name for r in failed) if failed
          else "every run correct (no errors, every decision posted exactly once)")
    return 1 if failed else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", type=int, default=200, help="practitioners at once (200)")
    parser.add_argument("--solo", type=int, default=10, help="dialogs by one practitioner alone")
    parser.add_argument("--fault-n", type=int, default=60, help="practitioners in fault runs")
    parser.add_argument("--outage", type=float, default=5.0, help="seconds of audit 500s")
    parser.add_argument("--no-faults", action="store_true", help="skip the fault runs")
    parser.add_argument("--open-dialogs", type=int, default=10_000,
                        help="open dialogs in the database for the memory run (0: none)")
    parser.add_argument("--quick", action="store_true", help="smoke test: a few of each")
    args = parser.parse_args()
    if args.quick:
        args.n, args.solo, args.fault_n, args.outage, args.open_dialogs = 4, 1, 4, 1.0, 0
    sys.exit(asyncio.run(main_async(args)))


if __name__ == "__main__":
    main()
