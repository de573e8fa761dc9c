"""Measure the anonymiser on the labelled corpus in tests/data/.

Usage: python scripts/anonymiser_report.py [--verbose] [--explain] [--held-out | --all]

``--held-out`` measures the held-out set in tests/data/heldout/ instead (written by someone who
never saw the rules; never tune on it). ``--all`` prints the tuning set and every held-out set
(tests/data/heldout/, and heldout2/ to heldout5/ when they exist) side by side, per entity.
``--explain`` lists every finding with the rule or recognizer that made it, and every miss with
"no rule" (or the findings that covered part of it) and, for each of its words, the name rule
that turned it down. ``--data DIR`` reads every set from DIR instead of tests/data/.

Targets (issue 8): structured identifiers (NHS, NI, phone, email, postcode, URL, Slack
mention) 100% each; names 97%; all direct identifiers together (those, dates, addresses, case
numbers) 98%; quasi-identifiers together (schools, health settings, places, organisations,
vehicle registrations, social handles) 90%; at most 3% of clean sentences altered; one
anonymise() of 500 characters under 20 ms. The script exits non-zero when a target is missed.

Corpus: ``tests/data/anonymiser_corpus.txt`` holds items with planted identifiers marked
``{{ENTITY:text}}``; " || " splits an item into dialog turns, anonymised in order, each given the
``known`` memory returned by the turn before (so later mentions test the per-dialog memory).
``tests/data/anonymiser_clean.txt`` holds sentences with no identifier at all.

Definitions:
- A planted identifier is *caught* when every letter and digit of its span in the original
  text lies inside some finding of the anonymiser, whatever entity that finding is typed as:
  then none of its characters survive in the output. Recall for an entity = caught planted
  identifiers of that entity / planted identifiers of that entity.
- A finding is *correct* when it overlaps a planted identifier (of any entity). Precision for an
  entity = correct findings typed as that entity / all findings typed as that entity, counted
  over both files (every finding in a clean sentence is wrong).
- A clean sentence is *altered* when the anonymised text differs from the input in any way.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from bot.privacy.anonymiser import Anonymised, Anonymiser, Finding

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
CORPUS_NAME = "anonymiser_corpus.txt"
CLEAN_NAME = "anonymiser_clean.txt"
CORPUS = DATA / CORPUS_NAME
CLEAN = DATA / CLEAN_NAME
# The tuning set: the corpus and clean files above, plus any tests/data/tuning/*.txt
# (items with marks in *_corpus.txt files, clean sentences in *_clean.txt files).
TUNING = "tuning"
# The held-out sets, each a directory of DATA holding the same two file names; the second is
# added when it is written.
HELD_OUT_SETS = {
    "held-out": "heldout",
    "held-out 2": "heldout2",
    "held-out 3": "heldout3",
    "held-out 4": "heldout4",
    "held-out 5": "heldout5",
}
HELD_OUT_NAME = "anonymiser_heldout.txt"
HELD_OUT_CLEAN_NAME = "anonymiser_heldout_clean.txt"
HELD_OUT = DATA / HELD_OUT_SETS["held-out"] / HELD_OUT_NAME
HELD_OUT_CLEAN = DATA / HELD_OUT_SETS["held-out"] / HELD_OUT_CLEAN_NAME

STRUCTURED = ("NHS_NUMBER", "NI_NUMBER", "PHONE", "EMAIL", "POSTCODE", "URL", "SLACK_MENTION")
DIRECT = (*STRUCTURED, "NAME", "DATE", "ADDRESS", "CASE_NUMBER")
QUASI = ("SCHOOL", "HEALTH_SETTING", "PLACE", "ORG", "VEHICLE_REG", "SOCIAL_HANDLE")
TARGET_RECALL = {**dict.fromkeys(STRUCTURED, 1.0), "NAME": 0.97}
# Recall over every planted identifier of the group together.
TARGET_GROUP_RECALL = {"direct identifiers": (DIRECT, 0.98), "quasi-identifiers": (QUASI, 0.90)}
TARGET_CLEAN_ALTERED = 0.03
TARGET_MS_PER_500_CHARS = 20.0
_MARK = re.compile(r"\{\{([A-Z_]+):(.*?)\}\}")
REPORT_KEY = b"anonymiser-report"


@dataclass(frozen=True)
class Planted:
    entity: str
    start: int
    end: int


@dataclass
class Report:
    planted: Counter[str] = field(default_factory=Counter)
    caught: Counter[str] = field(default_factory=Counter)
    found: Counter[str] = field(default_factory=Counter)
    correct: Counter[str] = field(default_factory=Counter)
    clean_total: int = 0
    clean_altered: int = 0
    turns: int = 0
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)
    explained_findings: list[str] = field(default_factory=list)
    explained_misses: list[str] = field(default_factory=list)

    def recall(self, entity: str) -> float:
        return self.caught[entity] / self.planted[entity] if self.planted[entity] else 1.0

    def group(self, entities: tuple[str, ...]) -> tuple[int, int]:
        """Caught and planted identifiers of these entities together."""
        return sum(self.caught[e] for e in entities), sum(self.planted[e] for e in entities)

    def group_recall(self, entities: tuple[str, ...]) -> float:
        caught, planted = self.group(entities)
        return caught / planted if planted else 1.0

    def precision(self, entity: str) -> float:
        return self.correct[entity] / self.found[entity] if self.found[entity] else 1.0

    @property
    def clean_altered_share(self) -> float:
        return self.clean_altered / self.clean_total if self.clean_total else 0.0


def parse_turn(marked: str) -> tuple[str, list[Planted]]:
    """Strip the marks; return the plain text and the planted spans in it."""
    out: list[str] = []
    planted: list[Planted] = []
    pos = 0
    length = 0
    for m in _MARK.finditer(marked):
        out.append(marked[pos : m.start()])
        length += m.start() - pos
        planted.append(Planted(m.group(1), length, length + len(m.group(2))))
        out.append(m.group(2))
        length += len(m.group(2))
        pos = m.end()
    out.append(marked[pos:])
    return "".join(out), planted


def read_lines(path: Path) -> list[str]:
    lines = path.read_text("utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


def _covered(findings: tuple[Finding, ...], text: str, span: Planted) -> bool:
    return all(
        any(f.start <= i < f.end for f in findings)
        for i in range(span.start, span.end)
        if text[i].isalnum()
    )


def explain_finding(finding: Finding, text: str, correct: bool) -> str:
    wrong = "" if correct else " (not planted)"
    return (
        f"{finding.entity}: {text[finding.start : finding.end]!r} by {finding.rule or 'no rule'!r}"
        f"{wrong} in {text!r}"
    )


def explain_miss(
    anonymiser: Anonymiser, span: Planted, text: str, known: frozenset[str], found: Anonymised
) -> str:
    """The rules of the findings that covered part of the span ("no rule" if none did), and
    what the name rules made of each of its words."""
    partial = [f.rule for f in found.findings if f.start < span.end and span.start < f.end]
    words = [
        f"{v.text!r} {'found by' if v.is_name else 'turned down by'} {v.rule!r}"
        for v in anonymiser.explain_names(text, known)
        if v.start < span.end and span.start < v.end
    ]
    fired = "partly by " + ", ".join(map(repr, partial)) if partial else "no rule"
    return (
        f"{span.entity}: {text[span.start : span.end]!r} {fired}; "
        f"words: {'; '.join(words) or 'none'}; in {text!r}"
    )


def tuning_files(data: Path = DATA) -> tuple[list[Path], list[Path]]:
    """The tuning set's item files and clean-sentence files."""
    return (
        [data / CORPUS_NAME, *sorted((data / TUNING).glob("*_corpus.txt"))],
        [data / CLEAN_NAME, *sorted((data / TUNING).glob("*_clean.txt"))],
    )


def held_out_files(data: Path = DATA, name: str = "held-out") -> tuple[list[Path], list[Path]]:
    folder = data / HELD_OUT_SETS[name]
    return [folder / HELD_OUT_NAME], [folder / HELD_OUT_CLEAN_NAME]


def held_out_sets(data: Path = DATA) -> list[str]:
    """The names of the held-out sets present under `data`."""
    return [name for name, folder in HELD_OUT_SETS.items() if (data / folder).is_dir()]


def measure(
    anonymiser: Anonymiser,
    corpus: Path | list[Path] = CORPUS,
    clean: Path | list[Path] = CLEAN,
    explain: bool = False,
) -> Report:
    report = Report()
    corpora = corpus if isinstance(corpus, list) else [corpus]
    cleans = clean if isinstance(clean, list) else [clean]
    items = [item for path in corpora for item in read_lines(path)]
    for item in items:
        known: frozenset[str] = frozenset()
        for marked in item.split(" || "):
            text, planted = parse_turn(marked)
            result = anonymiser.anonymise(text, known)
            report.turns += 1
            for span in planted:
                report.planted[span.entity] += 1
                if _covered(result.findings, text, span):
                    report.caught[span.entity] += 1
                else:
                    report.misses.append(
                        f"{span.entity}: {text[span.start : span.end]!r} in {text!r}"
                    )
                    if explain:
                        report.explained_misses.append(
                            explain_miss(anonymiser, span, text, known, result)
                        )
            known = result.known
            for f in result.findings:
                report.found[f.entity] += 1
                correct = any(f.start < p.end and p.start < f.end for p in planted)
                if correct:
                    report.correct[f.entity] += 1
                else:
                    report.false_positives.append(
                        f"{f.entity}: {text[f.start : f.end]!r} in {text!r}"
                    )
                if explain:
                    report.explained_findings.append(explain_finding(f, text, correct))
    for text in (line for path in cleans for line in read_lines(path)):
        result = anonymiser.anonymise(text)
        report.clean_total += 1
        report.clean_altered += result.text != text
        for f in result.findings:
            report.found[f.entity] += 1
            report.false_positives.append(
                f"{f.entity}: {text[f.start : f.end]!r} in {text!r} (clean)"
            )
            if explain:
                report.explained_findings.append(explain_finding(f, text, False) + " (clean)")
    return report


def timings(data: Path = DATA) -> tuple[float, float]:
    """Seconds to build an Anonymiser, and mean seconds for one anonymise() of 500 characters."""
    started = time.perf_counter()
    anonymiser = Anonymiser(b"timing")
    built = time.perf_counter() - started
    sample = (read_lines(data / CORPUS_NAME)[0].replace("{{", "").replace("}}", "") + " ") * 3
    text = _MARK.sub(lambda m: m.group(2), sample)[:500]
    runs = 20
    started = time.perf_counter()
    for _ in range(runs):
        anonymiser.anonymise(text)
    return built, (time.perf_counter() - started) / runs


def format_report(report: Report) -> str:
    entities = sorted(set(report.planted) | set(report.found))
    lines = [
        f"{'entity':<14}{'planted':>8}{'caught':>8}{'recall':>9}{'found':>7}{'precision':>11}"
        f"{'target':>8}"
    ]
    for e in entities:
        target = f"{TARGET_RECALL[e]:.0%}" if e in TARGET_RECALL else "-"
        lines.append(
            f"{e:<14}{report.planted[e]:>8}{report.caught[e]:>8}{report.recall(e):>9.1%}"
            f"{report.found[e]:>7}{report.precision(e):>11.1%}{target:>8}"
        )
    for name, (group, least) in TARGET_GROUP_RECALL.items():
        caught, planted = report.group(group)
        lines.append(
            f"{name}: {caught}/{planted} = {_share(caught, planted)} (target >= {least:.0%})"
        )
    lines.append(
        f"clean sentences altered: {report.clean_altered}/{report.clean_total} "
        f"= {report.clean_altered_share:.1%} (target <= {TARGET_CLEAN_ALTERED:.0%}); "
        f"dialog turns: {report.turns}"
    )
    return "\n".join(lines)


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.1%}" if whole else "-"


def format_side_by_side(reports: dict[str, Report]) -> str:
    """Each set's recall (of how many planted) per entity, in columns, then the aggregates and
    the clean sentences altered."""
    width = max(16, *(len(name) + 2 for name in reports))
    entities = sorted({e for r in reports.values() for e in (*r.planted, *r.found)})
    rows: list[tuple[str, list[tuple[int, int]], str]] = [
        (
            e,
            [(r.caught[e], r.planted[e]) for r in reports.values()],
            f"{TARGET_RECALL[e]:.0%}" if e in TARGET_RECALL else "-",
        )
        for e in entities
    ]
    rows += [
        (name, [r.group(group) for r in reports.values()], f"{target:.0%}")
        for name, (group, target) in TARGET_GROUP_RECALL.items()
    ]
    clean = [(r.clean_altered, r.clean_total) for r in reports.values()]
    rows.append(("clean altered", clean, f"<={TARGET_CLEAN_ALTERED:.0%}"))
    lines = [f"{'':<20}" + "".join(f"{name:>{width}}" for name in reports) + f"{'target':>9}"]
    for label, cells, target in rows:
        shown = "".join(
            f"{_share(part, whole) + ' of ' + str(whole):>{width}}" for part, whole in cells
        )
        lines.append(f"{label:<20}{shown}{target:>9}")
    return "\n".join(lines)


def failed_targets(report: Report) -> list[str]:
    failed = [
        f"{e} recall {report.recall(e):.1%} < {target:.0%}"
        for e, target in TARGET_RECALL.items()
        if report.recall(e) < target
    ]
    failed += [
        f"{name} recall {report.group_recall(entities):.1%} < {target:.0%}"
        for name, (entities, target) in TARGET_GROUP_RECALL.items()
        if report.group_recall(entities) < target
    ]
    if report.clean_altered_share > TARGET_CLEAN_ALTERED:
        failed.append(f"clean sentences altered {report.clean_altered_share:.1%}")
    return failed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="list misses and false positives")
    parser.add_argument(
        "--explain",
        action="store_true",
        help="list every finding and every miss with the rule that fired",
    )
    which = parser.add_mutually_exclusive_group()
    which.add_argument(
        "--held-out", action="store_true", help="measure the held-out set (tests/data/heldout/)"
    )
    which.add_argument(
        "--all", action="store_true", help="the tuning and every held-out set side by side"
    )
    parser.add_argument("--data", type=Path, default=DATA, help="where the sets are")
    args = parser.parse_args(argv)
    built, per_text = timings(args.data)
    anonymiser = Anonymiser(REPORT_KEY)
    if args.all:
        reports = {"tuning": measure(anonymiser, *tuning_files(args.data))}
        for name in held_out_sets(args.data):
            reports[name] = measure(anonymiser, *held_out_files(args.data, name))
        print(format_side_by_side(reports))
        failed = [f"{name}: {miss}" for name, r in reports.items() for miss in failed_targets(r)]
    else:
        files = held_out_files(args.data) if args.held_out else tuning_files(args.data)
        report = measure(anonymiser, *files, explain=args.explain)
        print(format_report(report))
        failed = failed_targets(report)
        _print_details(report, args.verbose, args.explain)
    print(
        f"Anonymiser() construction: {built:.2f} s; anonymise() of 500 chars: "
        f"{per_text * 1000:.1f} ms (target < {TARGET_MS_PER_500_CHARS:.0f} ms)"
    )
    if per_text * 1000 >= TARGET_MS_PER_500_CHARS:
        failed.append(f"anonymise() of 500 chars took {per_text * 1000:.1f} ms")
    if failed:
        print("targets missed: " + "; ".join(failed))
    return 1 if failed else 0


def _print_details(report: Report, verbose: bool, explain: bool) -> None:
    if verbose:
        print("\nmisses:", *report.misses, sep="\n  ")
        print("\nfalse positives:", *report.false_positives, sep="\n  ")
    if explain:
        print("\nfindings, by rule:", *report.explained_findings, sep="\n  ")
        print("\nmisses, by rule:", *report.explained_misses, sep="\n  ")


if __name__ == "__main__":
    sys.exit(main())
