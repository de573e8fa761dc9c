"""Train the anonymiser's sequence tagger (bot/privacy/tagger.py) and cross-validate it.

Usage: python scripts/train_tagger.py [--check] [--cv] [--margins 0,2,4]

Trains an averaged perceptron, deterministically (fixed seed, stable feature hashes), on the
tuning set (tests/data/anonymiser_*.txt, tests/data/tuning/) and the training text of
independent authors (tests/data/training/<author>/), and writes bot/privacy/tagger_model.bin
with a digest of the files it learnt from. ``--check`` only compares that digest with the files
now and exits 1 when they differ (retrain). ``--cv`` first prints grouped cross-validation
figures (leave one source out: a tuning file with its clean sentences, or one author) for the
rules alone, the tagger alone and both, with the definitions of scripts/anonymiser_report.py,
for each margin given; the model is written with the margin picked by that cross-validation.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]

import anonymiser_report as report_script  # noqa: E402
from anonymiser_report import Report, measure, parse_turn, read_lines  # noqa: E402

from bot.privacy import tagger as tagger_module  # noqa: E402
from bot.privacy.anonymiser import Anonymiser, RuleFindings  # noqa: E402
from bot.privacy.tagger import (  # noqa: E402
    OUTSIDE,
    TAGS,
    Features,
    Token,
    dump,
    header_of,
    load,
    tokenize,
)

DATA = ROOT / "tests" / "data"
TRAINING = DATA / "training"
MODEL = ROOT / "bot" / "privacy" / tagger_module.MODEL_RESOURCE
BUCKETS = 1 << 17
EPOCHS = 8
SEED = 8
DEFAULT_MARGIN = 0.0
CV_KEY = b"tagger-cross-validation"
LABELS = frozenset(report_script.DIRECT + report_script.QUASI)
_MARK = re.compile(r"\{\{([A-Z_]+):(.*?)\}\}")


@dataclass
class Group:
    """One source of text: left out together in cross-validation."""

    name: str
    corpus: list[Path] = field(default_factory=list)
    clean: list[Path] = field(default_factory=list)


def groups(data: Path = DATA) -> list[Group]:
    """The tuning files, each with its clean sentences, and each author of training text."""
    found: dict[str, Group] = {}
    corpus, clean = report_script.tuning_files(data)
    training = data / "training"
    corpus += sorted(training.glob("*/*_corpus.txt"))
    clean += sorted(training.glob("*/*_clean.txt"))
    for path in corpus + clean:
        key = _group_name(path, data)
        group = found.setdefault(key, Group(key))
        (group.corpus if path.name.endswith("_corpus.txt") else group.clean).append(path)
    return [found[k] for k in sorted(found)]


def _group_name(path: Path, data: Path) -> str:
    relative = path.relative_to(data)
    if relative.parts[0] == "training":
        return f"training/{relative.parts[1]}"
    stem = path.name.removesuffix("_corpus.txt").removesuffix("_clean.txt")
    return "/".join((*relative.parts[:-1], stem))


def training_files(data: Path = DATA) -> list[Path]:
    return sorted(p for g in groups(data) for p in (*g.corpus, *g.clean))


def digest(paths: Iterable[Path], data: Path = DATA) -> str:
    hashed = hashlib.sha256()
    for path in sorted(paths):
        hashed.update(path.relative_to(data).as_posix().encode("utf-8") + b"\0")
        hashed.update(hashlib.sha256(path.read_bytes()).digest())
    return hashed.hexdigest()


def malformed(line: str) -> str | None:
    """Why a corpus line's marks do not parse, or None."""
    for m in _MARK.finditer(line):
        if m.group(1) not in LABELS:
            return f"unknown label {m.group(1)}"
        if "{{" in m.group(2):
            return "a mark inside a mark"
    rest = _MARK.sub("", line)
    if "{{" in rest or "}}" in rest:
        return "unbalanced marks"
    return None


# --- examples


@dataclass(frozen=True)
class Sentence:
    tokens: list[Token]
    gold: list[int]


def labelled(text: str, planted: Sequence[report_script.Planted]) -> Sentence:
    """The tokens of a turn and their tags: a token starting inside a planted span has its tag."""
    tokens = tokenize(text)
    gold = []
    for token in tokens:
        tag = OUTSIDE
        for span in planted:
            if span.start <= token.start < span.end:
                tag = TAGS.index(tagger_module.TAG_OF_LABEL.get(span.entity, "OTHER"))
        gold.append(tag)
    return Sentence(tokens, gold)


def sentences(group: Group) -> list[Sentence]:
    found = []
    for path in group.corpus:
        for item in read_lines(path):
            for marked in item.split(" || "):
                found.append(labelled(*parse_turn(marked)))
    for path in group.clean:
        found += [labelled(line, []) for line in read_lines(path)]
    return found


# --- learning


class Perceptron:
    """An averaged perceptron over hashed features, one weight list per tag (lazy averaging)."""

    def __init__(self, buckets: int) -> None:
        self.features = Features(buckets)
        self.weights = [[0.0] * buckets for _ in TAGS]
        self._totals = [[0.0] * buckets for _ in TAGS]
        self._stamps = [[0] * buckets for _ in TAGS]
        self._clock = 0

    def train(self, examples: list[Sentence], epochs: int, seed: int) -> None:
        rng = random.Random(seed)
        order = list(range(len(examples)))
        static = [self.features.static(s.tokens) for s in examples]
        for _ in range(epochs):
            rng.shuffle(order)
            for k in order:
                self._learn(examples[k], static[k])

    def _learn(self, sentence: Sentence, static: list[list[int]]) -> None:
        previous = -1
        for i, indices in enumerate(static):
            self._clock += 1
            word = sentence.tokens[i - 1].text[: tagger_module.LONGEST_WORD] if i else ""
            indices = indices + list(self.features.of_previous(previous, word))
            scores = [sum(map(w.__getitem__, indices)) for w in self.weights]
            guess = max(range(len(TAGS)), key=scores.__getitem__)
            truth = sentence.gold[i]
            if guess != truth:
                for f in indices:
                    self._update(truth, f, 1.0)
                    self._update(guess, f, -1.0)
            previous = guess

    def _update(self, tag: int, f: int, change: float) -> None:
        w = self.weights[tag]
        self._totals[tag][f] += (self._clock - self._stamps[tag][f]) * w[f]
        self._stamps[tag][f] = self._clock
        w[f] += change

    def averaged(self) -> list[list[float]]:
        clock = max(self._clock, 1)
        return [
            [(t + (clock - s) * v) / clock for v, t, s in zip(w, totals, stamps, strict=True)]
            for w, totals, stamps in zip(self.weights, self._totals, self._stamps, strict=True)
        ]


def train(examples: list[Sentence], margin: float, header: dict[str, object]) -> bytes:
    model = Perceptron(BUCKETS)
    model.train(examples, EPOCHS, SEED)
    return dump(model.averaged(), margin, header)


# --- cross-validation


class TaggerAlone(Anonymiser):
    """The tagger's findings only (the rules find nothing)."""

    def rule_findings(self, text: str, known: frozenset[str]) -> RuleFindings:
        return RuleFindings((), frozenset())


class CachedRules(Anonymiser):
    """The rules' findings are the same for every tagger: worked out once per text and memory."""

    cache: dict[tuple[str, frozenset[str]], RuleFindings] = {}  # noqa: RUF012

    def rule_findings(self, text: str, known: frozenset[str]) -> RuleFindings:
        key = (text, known)
        if key not in self.cache:
            self.cache[key] = super().rule_findings(text, known)
        return self.cache[key]


def add(total: Report, part: Report) -> None:
    for name in ("planted", "caught", "found", "correct"):
        getattr(total, name).update(getattr(part, name))
    total.clean_total += part.clean_total
    total.clean_altered += part.clean_altered
    total.turns += part.turns
    total.misses += part.misses
    total.false_positives += part.false_positives


ALL_SOURCES = "every source"
# The rules were tuned on the tuning set, so their figures there flatter them; the authors'
# text is the fair comparison.
AUTHORS = "authors' text only (never seen by the rules)"


def cross_validate(all_groups: list[Group], margins: list[float]) -> dict[str, dict[str, Report]]:
    """For each scope, a report per configuration, summed over the folds left out."""
    examples = {g.name: sentences(g) for g in all_groups}
    names = ["rules alone"]
    for margin in margins:
        names += [f"tagger alone, margin {margin:g}", f"rules + tagger, margin {margin:g}"]
    scopes = {scope: {n: Report() for n in names} for scope in (ALL_SOURCES, AUTHORS)}
    rules = CachedRules(CV_KEY, with_tagger=False)
    for left_out in all_groups:
        rest = [s for g in all_groups if g.name != left_out.name for s in examples[g.name]]
        model = Perceptron(BUCKETS)
        model.train(rest, EPOCHS, SEED)
        weights = model.averaged()
        files = (left_out.corpus, left_out.clean)
        fold = {"rules alone": measure(rules, *files)}
        for margin in margins:
            tagger = load(dump(weights, margin, {}))
            fold[f"tagger alone, margin {margin:g}"] = measure(TaggerAlone(CV_KEY, tagger), *files)
            fold[f"rules + tagger, margin {margin:g}"] = measure(
                CachedRules(CV_KEY, tagger), *files
            )
        for scope, reports in scopes.items():
            if scope == ALL_SOURCES or left_out.name.startswith("training/"):
                for name, report in fold.items():
                    add(reports[name], report)
        print(f"  fold {left_out.name}: {len(examples[left_out.name])} turns left out", flush=True)
    return scopes


def format_cv(scopes: dict[str, dict[str, Report]]) -> str:
    """Per scope, one row per entity and aggregate, one column per configuration."""
    return "\n\n".join(
        f"{scope}:\n{report_script.format_side_by_side(reports)}"
        for scope, reports in scopes.items()
        if any(r.turns for r in reports.values())
    )


def pick_margin(reports: dict[str, Report], margins: list[float]) -> float:
    """The smallest margin whose rules + tagger alter at most the target share of clean
    sentences (the largest margin if none does); recall falls as the margin grows."""
    for margin in margins:
        report = reports[f"rules + tagger, margin {margin:g}"]
        if report.clean_altered_share <= report_script.TARGET_CLEAN_ALTERED:
            return margin
    return margins[-1]


def write_details(scopes: dict[str, dict[str, Report]], path: Path) -> None:
    """The misses and false positives of each configuration, over every source."""
    lines = []
    for name, report in scopes[ALL_SOURCES].items():
        lines += [f"== {name}: misses", *report.misses, f"== {name}: false positives"]
        lines += report.false_positives
    path.write_text("\n".join(lines) + "\n", "utf-8")


def check(data: Path = DATA) -> int:
    if not MODEL.exists():
        print("no model: run scripts/train_tagger.py")
        return 1
    header = header_of(MODEL.read_bytes())
    if header.get("training_digest") != digest(training_files(data), data):
        print("the training data changed since the model was built: run scripts/train_tagger.py")
        return 1
    if header.get("feature_version") != tagger_module.FEATURE_VERSION:
        print("the tagger's features changed since the model was built: retrain")
        return 1
    print("the tagger model is current")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="is the model current?")
    parser.add_argument("--cv", action="store_true", help="cross-validate first")
    parser.add_argument("--margins", default="0", help="margins to cross-validate, by commas")
    parser.add_argument("--details", type=Path, help="write CV misses and false positives")
    parser.add_argument("--margin", type=float, help="the margin to write (default: by CV)")
    args = parser.parse_args(argv)
    if args.check:
        return check()
    all_groups = groups()
    bad = [
        f"{path.relative_to(ROOT)}:{n}: {why}"
        for g in all_groups
        for path in g.corpus
        for n, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if not line.startswith("#") and (why := malformed(line))
    ]
    if bad:
        print("malformed lines:", *bad, sep="\n  ")
        return 1
    margin = DEFAULT_MARGIN if args.margin is None else args.margin
    if args.cv:
        margins = sorted(float(m) for m in args.margins.split(","))
        scopes = cross_validate(all_groups, margins)
        print(format_cv(scopes))
        if args.details:
            write_details(scopes, args.details)
        if args.margin is None:
            margin = pick_margin(scopes[ALL_SOURCES], margins)
    files = sorted(p for g in all_groups for p in (*g.corpus, *g.clean))
    header: dict[str, object] = {
        "training_digest": digest(files),
        "training_files": [p.relative_to(DATA).as_posix() for p in files],
        "epochs": EPOCHS,
        "seed": SEED,
    }
    examples = [s for g in all_groups for s in sentences(g)]
    MODEL.write_bytes(train(examples, margin, header))
    print(f"wrote {MODEL.relative_to(ROOT)} ({MODEL.stat().st_size} bytes), margin {margin:g}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
