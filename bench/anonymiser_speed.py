"""The anonymiser of this checkout against an older one: the same output, and how much faster.

    python bench/anonymiser_speed.py [--baseline main] [--mixes 3000] [--rounds 15]

The baseline's ``bot/privacy`` (``git archive`` of the ref) is loaded beside this checkout's
under another package name, so both run in one process on the same inputs:

- output: every tuning item (tests/data/anonymiser_corpus.txt, anonymiser_clean.txt,
  tests/data/tuning/*) as a dialog, each turn given the ``known`` of the turn before, and
  ``--mixes`` random dialogs of 1-3 turns, each turn 1-12 sentences of those texts; the text,
  the findings (entity, span and rule) and ``known`` must be the same. Never the held-out sets.
- speed: CPU time (``time.process_time``) of the report's 500-character text and of one pass
  over the tuning texts, old and new interleaved round by round; the medians are printed, so
  load from other processes on a shared machine weighs on both alike.
"""

from __future__ import annotations

import argparse
import importlib
import io
import random
import re
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.anonymiser_report import (  # noqa: E402
    _MARK,
    CORPUS_NAME,
    DATA,
    parse_turn,
    read_lines,
    tuning_files,
)

OLD_PACKAGE = "baseline_bot"
KEY = b"anonymiser-speed"
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def load_baseline(ref: str, into: Path) -> Any:
    """The ``Anonymiser`` class of `ref`'s bot/privacy, imported as ``baseline_bot.privacy``."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", ref, "bot/privacy"], check=True, capture_output=True
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    package = into / OLD_PACKAGE
    (into / "bot").rename(package)
    (package / "__init__.py").write_text("")
    for source in package.rglob("*.py"):
        text = source.read_text("utf-8")
        source.write_text(re.sub(r"\bbot\.privacy\b", f"{OLD_PACKAGE}.privacy", text), "utf-8")
    sys.path.insert(0, str(into))
    return importlib.import_module(f"{OLD_PACKAGE}.privacy.anonymiser").Anonymiser


def tuning_dialogs() -> list[list[str]]:
    corpora, cleans = tuning_files()
    dialogs = [
        [parse_turn(turn)[0] for turn in item.split(" || ")]
        for path in corpora
        for item in read_lines(path)
    ]
    return dialogs + [[line] for path in cleans for line in read_lines(path)]


def mixed_dialogs(dialogs: list[list[str]], count: int, seed: int = 8) -> list[list[str]]:
    sentences = [s for d in dialogs for turn in d for s in _SENTENCE_END.split(turn) if s]
    rng = random.Random(seed)
    return [
        [
            " ".join(rng.choice(sentences) for _ in range(rng.randint(1, 12)))
            for _ in range(rng.randint(1, 3))
        ]
        for _ in range(count)
    ]


def report_text() -> str:
    """The 500 characters scripts/anonymiser_report.py times."""
    sample = (read_lines(DATA / CORPUS_NAME)[0].replace("{{", "").replace("}}", "") + " ") * 3
    return _MARK.sub(lambda m: m.group(2), sample)[:500]


def outcome(anonymiser: Any, dialog: list[str]) -> list[tuple[Any, ...]]:
    known: frozenset[str] = frozenset()
    turns = []
    for text in dialog:
        result = anonymiser.anonymise(text, known)
        findings = tuple((f.entity, f.start, f.end, f.rule) for f in result.findings)
        turns.append((result.text, findings, result.known))
        known = result.known
    return turns


def compare(old: Any, new: Any, dialogs: list[list[str]]) -> tuple[int, list[str]]:
    differences = []
    for dialog in dialogs:
        if outcome(old, dialog) != outcome(new, dialog):
            differences.append(" || ".join(dialog))
    return len(dialogs), differences


def cpu_seconds(run: Callable[[], object]) -> float:
    started = time.process_time()
    run()
    return time.process_time() - started


def interleaved(
    old: Any, new: Any, texts: list[str], rounds: int, repeat: int
) -> tuple[float, float]:
    """Median CPU seconds per anonymise() of `texts`, old and new taking turns each round."""

    def one_pass(anonymiser: Any) -> Callable[[], None]:
        def run() -> None:
            for _ in range(repeat):
                for text in texts:
                    anonymiser.anonymise(text)

        return run

    times: dict[str, list[float]] = {"old": [], "new": []}
    for round_ in range(rounds):
        order = [("old", old), ("new", new)] if round_ % 2 == 0 else [("new", new), ("old", old)]
        for label, anonymiser in order:
            times[label].append(cpu_seconds(one_pass(anonymiser)) / (repeat * len(texts)))
    return statistics.median(times["old"]), statistics.median(times["new"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--baseline", default="main", help="the git ref to compare with")
    parser.add_argument("--mixes", type=int, default=3000, help="random dialogs to compare")
    parser.add_argument("--rounds", type=int, default=15, help="timing rounds, each interleaved")
    parser.add_argument("--no-compare", action="store_true", help="time only")
    args = parser.parse_args(argv)

    from bot.privacy.anonymiser import Anonymiser

    with tempfile.TemporaryDirectory() as tmp:  # the baseline reads its word lists lazily
        return run(load_baseline(args.baseline, Path(tmp))(KEY), Anonymiser(KEY), args)


def run(old: Any, new: Any, args: argparse.Namespace) -> int:
    dialogs = tuning_dialogs()
    status = 0
    if not args.no_compare:
        for label, batch in (
            ("tuning dialogs", dialogs),
            ("random mixes", mixed_dialogs(dialogs, args.mixes)),
        ):
            total, differences = compare(old, new, batch)
            print(f"{label}: {total} compared, {len(differences)} different")
            for dialog in differences[:5]:
                print(f"  differs: {dialog[:300]!r}")
            status |= bool(differences)
    texts = [turn for dialog in dialogs for turn in dialog]
    for label, sample, repeat in (
        ("report's 500 chars", [report_text()], 20),
        (f"tuning texts ({len(texts)})", texts, 1),
    ):
        old_s, new_s = interleaved(old, new, sample, args.rounds, repeat)
        print(
            f"{label}: old {old_s * 1000:.3f} ms, new {new_s * 1000:.3f} ms a text "
            f"(median of {args.rounds}); new takes {new_s / old_s:.0%} of old's time, "
            f"{1 - new_s / old_s:.0%} less"
        )
    return status


if __name__ == "__main__":
    sys.exit(main())
