"""Measure the anonymiser on the labelled corpus in tests/data/.

Usage: python scripts/anonymiser_report.py [--verbose] [--explain] [--held-out]

``--held-out`` measures the held-out set in tests/data/heldout/ instead (written by someone who
never saw the rules; never tune on it). ``--explain`` lists every finding with the rule or
recognizer that made it, and every miss with "no rule" (or the findings that covered part of
it) and, for each of its words, the name rule that turned it down.

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
CORPUS = DATA / "anonymiser_corpus.txt"
CLEAN = DATA / "anonymiser_clean.txt"
# The tuning set: the corpus and clean files above, plus any tests/data/tuning/*.txt
# (items with marks in *_corpus.txt files, clean sentences in *_clean.txt files).
TUNING = DATA / "tuning"
HELD_OUT = DATA / "heldout" / "anonymiser_heldout.txt"
HELD_OUT_CLEAN = DATA / "heldout" / "anonymiser_heldout_clean.txt"
TARGET_RECALL = {
    "NHS_NUMBER": 1.0,
    "NI_NUMBER": 1.0,
    "POSTCODE": 1.0,
    "PHONE": 1.0,
    "EMAIL": 1.0,
    "DATE": 1.0,
    "NAME": 0.98,
}
TARGET_CLEAN_ALTERED = 0.05
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


def tuning_files() -> tuple[list[Path], list[Path]]:
    """The tuning set's item files and clean-sentence files."""
    return (
        [CORPUS, *sorted(TUNING.glob("*_corpus.txt"))],
        [CLEAN, *sorted(TUNING.glob("*_clean.txt"))],
    )


def held_out_files() -> tuple[list[Path], list[Path]]:
    return [HELD_OUT], [HELD_OUT_CLEAN]


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


def timings() -> tuple[float, float]:
    """Seconds to build an Anonymiser, and mean seconds for one anonymise() of 500 characters."""
    started = time.perf_counter()
    anonymiser = Anonymiser(b"timing")
    built = time.perf_counter() - started
    sample = (read_lines(CORPUS)[0].replace("{{", "").replace("}}", "") + " ") * 3
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
    lines.append(
        f"clean sentences altered: {report.clean_altered}/{report.clean_total} "
        f"= {report.clean_altered_share:.1%} (target <= {TARGET_CLEAN_ALTERED:.0%}); "
        f"dialog turns: {report.turns}"
    )
    return "\n".join(lines)


def failed_targets(report: Report) -> list[str]:
    failed = [
        f"{e} recall {report.recall(e):.1%} < {target:.0%}"
        for e, target in TARGET_RECALL.items()
        if report.recall(e) < target
    ]
    if report.clean_altered_share > TARGET_CLEAN_ALTERED:
        failed.append(f"clean sentences altered {report.clean_altered_share:.1%}")
    return failed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="list misses and false positives")
    parser.add_argument(
        "--explain",
        action="store_true",
        help="list every finding and every miss with the rule that fired",
    )
    parser.add_argument(
        "--held-out", action="store_true", help="measure the held-out set (tests/data/heldout/)"
    )
    args = parser.parse_args()
    built, per_text = timings()
    files = held_out_files() if args.held_out else tuning_files()
    report = measure(Anonymiser(REPORT_KEY), *files, explain=args.explain)
    print(format_report(report))
    print(
        f"Anonymiser() construction: {built:.2f} s; "
        f"anonymise() of 500 chars: {per_text * 1000:.1f} ms"
    )
    if args.verbose:
        print("\nmisses:", *report.misses, sep="\n  ")
        print("\nfalse positives:", *report.false_positives, sep="\n  ")
    if args.explain:
        print("\nfindings, by rule:", *report.explained_findings, sep="\n  ")
        print("\nmisses, by rule:", *report.explained_misses, sep="\n  ")
    failed = failed_targets(report)
    if failed:
        print("targets missed: " + "; ".join(failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
