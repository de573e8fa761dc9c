"""What the anonymiser costs in memory and start-up time.

    python bench/memory.py

Prints, each in a fresh process: the RSS and time of importing the anonymiser's module, of
building it, and of its first anonymise(); the build by part (name lists, gazetteer, the
rest); then `infoshare serve`'s RSS once it answers
/healthz (idle) and after one practitioner's whole dialog (the record form anonymises three
fields), against the fake Slack Web API on loopback. The server is started twice on the same
SQLite file: idle is the second start's (the database already at the head, as at every start
but the first); the first start's, which migrates a new database, is given beside it.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
import tempfile
from pathlib import Path

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import servers
from bench.driver import Driver, Figures
from bench.fake import BenchSlack

IN_PROCESS = """
import time
from pathlib import Path

def rss():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024

base = rss()
t = time.perf_counter()
import bot.privacy.anonymiser as a
imported, t_import = rss(), time.perf_counter() - t
t = time.perf_counter()
anonymiser = a.get_anonymiser(b"k" * 32)
built, t_build = rss(), time.perf_counter() - t
anonymiser.anonymise("Spoke to Kayden Marsh on 07700 900123 about 14 Elm Road, LS6 2AB.")
print(f"python alone {base:.0f} MB; import {imported - base:.0f} MB in {t_import:.2f} s; "
      f"build {built - imported:.0f} MB in {t_build:.2f} s; "
      f"after the first anonymise {rss():.0f} MB")
"""

# The build's parts, in a second fresh process: each loaded before the Anonymiser is built (so
# "the rest" is the recognizers' patterns and the warm-up), and the memory its loading freed
# returned, as after the whole build, so that each figure is what the part keeps.
PARTS = """
import time
from pathlib import Path

def rss():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024

import bot.privacy.anonymiser as a
from bot.privacy import gazetteer, lexicon
from bot.privacy.heap import return_freed_memory

figures = []
def part(name, load):
    before, t = rss(), time.perf_counter()
    load()
    return_freed_memory()
    figures.append(f"{name} {rss() - before:+.0f} MB in {time.perf_counter() - t:.2f} s")

part("names", lexicon.name_list)
part("English words", lambda: (lexicon.english_words(), lexicon.common_words()))
part("community names", lexicon.community_names)
part("gazetteer", lambda: (gazetteer.settlements(), gazetteer.large_areas(), gazetteer.heads()))
part("the rest of the build", lambda: a.get_anonymiser(b"k" * 32))
print("build by part: " + "; ".join(figures))
"""


async def serve() -> str:
    slack = BenchSlack(servers.AUDIT_CHANNEL)
    await slack.start()
    slack.add_channel(servers.AUDIT_CHANNEL, "infoshare-audit", is_private=True, is_member=True)
    try:
        with tempfile.TemporaryDirectory(prefix="infoshare-memory-") as tmp:
            async with servers.database("sqlite", Path(tmp)) as url:
                server = servers.infoshare(url, slack.api_url, Path(tmp) / "infoshare.log")
                await server.start()  # a new database: migrated (Alembic imported)
                try:
                    first_start = server.memory_mb()
                finally:
                    await server.stop()
                server = servers.infoshare(url, slack.api_url, Path(tmp) / "infoshare.log")
                await server.start()  # a database at the head, as at every later start
                try:
                    idle = server.memory_mb()
                    async with aiohttp.ClientSession() as http:
                        figures = Figures()
                        await Driver(slack, [server.url], http, figures).dialog("U0MEM00001")
                    if figures.errors or not figures.completed:
                        return f"the dialog failed: {figures.errors}"
                    return (f"infoshare serve: idle {idle:.0f} MB ({first_start:.0f} MB at a first "
                            f"start, migrating a new database); after one whole dialog "
                            f"{server.memory_mb():.0f} MB (peak {server.memory_mb('VmHWM'):.0f})")
                finally:
                    await server.stop()
    finally:
        await slack.stop()


def main() -> None:
    for code in (IN_PROCESS, PARTS):
        print(subprocess.run([sys.executable, "-c", code], cwd=servers.ROOT, check=True,
                             capture_output=True, text=True).stdout.strip())
    print(asyncio.run(serve()))


if __name__ == "__main__":
    main()
