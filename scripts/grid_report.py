"""What the anonymiser catches on the generated grid (tests/privacy/grid.py), per class and form.

Usage: python scripts/grid_report.py [--rules-only] [--misses] [--clean]

An item is caught when every letter and digit of its secret lies inside some finding (as
scripts/anonymiser_report.py counts a planted identifier). ``--clean`` also counts the clean
lines of tests/data/tuning/*_clean.txt and tests/data/training/*/*_clean.txt that the anonymiser
alters (and tests/data/anonymiser_clean.txt). Never reads the held-out sets.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.privacy.anonymiser import Anonymiser  # noqa: E402
from tests.privacy.grid import GridItem, grid  # noqa: E402

DATA = ROOT / "tests" / "data"


def caught(anonymiser: Anonymiser, item: GridItem) -> bool:
    findings = anonymiser.anonymise(item.text).findings
    start = item.text.index(item.secret)
    spots = [i for i in range(start, start + len(item.secret)) if item.text[i].isalnum()]
    return all(any(f.start <= i < f.end for f in findings) for i in spots)


def clean_files() -> list[Path]:
    tuning = sorted((DATA / "tuning").glob("*_clean.txt"))
    return [
        DATA / "anonymiser_clean.txt",
        *tuning,
        *sorted((DATA / "training").glob("*/*_clean.txt")),
    ]


def clean_lines() -> list[str]:
    lines = []
    for path in clean_files():
        lines += [line for line in path.read_text().splitlines() if line.strip()]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rules-only", action="store_true")
    parser.add_argument("--misses", action="store_true")
    parser.add_argument("--clean", action="store_true")
    args = parser.parse_args(argv)
    anonymiser = Anonymiser(b"grid", with_tagger=not args.rules_only)
    total: Counter[str] = Counter()
    hit: Counter[str] = Counter()
    missed_forms: Counter[str] = Counter()
    for item in grid():
        total[item.entity] += 1
        if caught(anonymiser, item):
            hit[item.entity] += 1
        else:
            missed_forms[f"{item.entity} {item.form}"] += 1
            if args.misses:
                print(
                    f"MISS {item.entity} [{item.form}] {item.text!r} -> "
                    f"{anonymiser.anonymise(item.text).text!r}"
                )
    for entity in total:
        share = 100 * hit[entity] / total[entity]
        print(f"{entity:12} {hit[entity]:5}/{total[entity]:<5} {share:6.1f}%")
    if args.clean:
        lines = clean_lines()
        altered = [line for line in lines if anonymiser.anonymise(line).text != line]
        print(f"clean lines altered {len(altered)}/{len(lines)}")
        if args.misses:
            for line in altered:
                print(f"ALTERED {anonymiser.anonymise(line).text!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
