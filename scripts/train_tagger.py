"""Train the anonymiser's sequence tagger (bot/privacy/tagger.py) and cross-validate it.

Usage: python scripts/train_tagger.py [--check] [--cv] [--margins 0,2,4] [--jobs 2]

Trains an averaged perceptron, deterministically (fixed seed, stable feature hashes), on the
tuning set (tests/data/anonymiser_*.txt, tests/data/tuning/) and the training text of
independent authors (tests/data/training/<author>/), and writes bot/privacy/tagger_model.bin
with a digest of the files it learnt from. ``--check`` only compares that digest with the files
now and exits 1 when they differ (retrain). ``--cv`` first prints grouped cross-validation
figures (leave one source out: a tuning file with its clean sentences, or one author) for the
rules alone, the tagger alone and both, with the definitions of scripts/anonymiser_report.py,
for each margin given (and veto, screen, deferral, margins of a tag's own, `--tag-margins`),
then the rules alone and the configuration picked, per source left out; the model is written
with the configuration picked by that cross-validation. Folds run `--jobs` at a time.
"""

from __future__ import annotations

import argparse
import hashlib
import multiprocessing
import os
import pickle
import random
import re
import sys
import tempfile
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
    Tagger,
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
CV_KEY = b"tagger-cross-validation"
# Fold models and the rules' findings, kept between runs of the cross-validation.
CV_CACHE = Path(tempfile.gettempdir()) / "infoshare-tagger-cv"
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


# How many times each clean line is learnt per epoch (a turn with identifiers once).
CLEAN_WEIGHT = 1


def sentences(group: Group) -> list[Sentence]:
    """Every turn of a source, and its clean lines, all "O", `CLEAN_WEIGHT` times each."""
    found = []
    for path in group.corpus:
        for item in read_lines(path):
            for marked in item.split(" || "):
                found.append(labelled(*parse_turn(marked)))
    for path in group.clean:
        found += [labelled(line, []) for line in read_lines(path)] * CLEAN_WEIGHT
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
            before = sentence.tokens[i - 1] if i else None
            indices = indices + list(self.features.previous(previous, before))
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


def train(examples: list[Sentence], config: Config, header: dict[str, object]) -> bytes:
    model = Perceptron(BUCKETS)
    model.train(examples, EPOCHS, SEED)
    return dump(
        model.averaged(),
        config.margin,
        header,
        config.veto,
        config.screen,
        DEFERRALS[config.defer],
        dict(config.tag_margins),
    )


# --- cross-validation


class TaggerAlone(Anonymiser):
    """The tagger's findings only (the rules find nothing)."""

    def rule_findings(self, text: str, known: frozenset[str]) -> RuleFindings:
        return RuleFindings((), frozenset())


class CachedRules(Anonymiser):
    """The rules' findings are the same for every tagger: worked out once per text and memory
    (kept in `cache`, which `cross_validate` stores between runs)."""

    cache: dict[tuple[str, frozenset[str]], RuleFindings] = {}  # noqa: RUF012

    def rule_findings(self, text: str, known: frozenset[str]) -> RuleFindings:
        key = (text, known)
        if key not in self.cache:
            self.cache[key] = super().rule_findings(text, known)
        return self.cache[key]

    def use(self, tagger: Tagger | None) -> CachedRules:
        self._tagger = tagger
        return self


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
RULES = "rules alone"


@dataclass(frozen=True)
class Config:
    margin: float
    veto: float | None
    screen: bool = False
    defer: str = "none"  # a key of DEFERRALS
    tag_margins: tuple[tuple[str, float], ...] = ()  # margins of their own, by tag

    def __str__(self) -> str:
        veto = "no veto" if self.veto is None else f"veto {self.veto:g}"
        screened = ", screened" if self.screen else ""
        deferring = "" if self.defer == "none" else f", defer {self.defer}"
        own = "".join(f", {tag} {margin:g}" for tag, margin in self.tag_margins)
        return f"margin {self.margin:g}, {veto}{screened}{deferring}{own}"

    def apply(self, tagger: Tagger) -> None:
        tagger.margin, tagger.veto, tagger.screen = self.margin, self.veto, self.screen
        tagger.deferring(list(DEFERRALS[self.defer]))
        tagger.tag_margins = dict(self.tag_margins)


# Name rules whose "not a name" the tagger may defer to (bot/privacy/name_rules.py).
_KNOWING = (
    "field acronym",
    "named thing (a law, test, report)",
    "a known place or car, not after a title",
    "listed domain word",
    "domain word after a cue",
    "unlisted ordinary word",
)
DEFERRALS: dict[str, tuple[str, ...]] = {
    "none": (),
    "knowing": _KNOWING,
    "knowing+start": (*_KNOWING, "common word starting a sentence"),
}
# The decision rule the last cross-validation picked (24 November 2026, see the README); a
# plain retrain keeps it.
CHOSEN = Config(0.0, None, screen=True, defer="knowing")


def _code_digest() -> str:
    """What the rules' findings depend on: the code and data of bot/privacy/ but the tagger."""
    hashed = hashlib.sha256()
    folder = ROOT / "bot" / "privacy"
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.name.startswith("tagger") and "__pycache__" not in str(path):
            hashed.update(path.relative_to(folder).as_posix().encode() + path.read_bytes())
    return hashed.hexdigest()[:16]


def _rules_cache(cache: Path) -> Path:
    return cache / f"rules-{_code_digest()}.pickle"


def load_rules(cache: Path) -> None:
    """The rules' findings kept by an earlier run for the same rules, if any."""
    cache.mkdir(parents=True, exist_ok=True)
    if _rules_cache(cache).exists():
        CachedRules.cache = pickle.loads(_rules_cache(cache).read_bytes())


def save_rules(cache: Path) -> None:
    part = _rules_cache(cache).with_suffix(f".{os.getpid()}")
    part.write_bytes(pickle.dumps(CachedRules.cache))
    part.replace(_rules_cache(cache))


def _fold_model(
    left_out: Group, rest: list[Group], examples: dict[str, list[Sentence]], cache: Path
) -> bytes:
    """The model trained without `left_out`, from the cache when the same was trained before."""
    files = [p for g in rest for p in (*g.corpus, *g.clean)]
    weight = "" if CLEAN_WEIGHT == 1 else f" {CLEAN_WEIGHT}"
    settings = f"{tagger_module.FEATURE_VERSION} {BUCKETS} {EPOCHS} {SEED} {digest(files)}"
    key = hashlib.sha256((settings + weight).encode()).hexdigest()[:16]
    path = cache / f"fold-{left_out.name.replace('/', '_')}-{key}.bin"
    if path.exists():
        return path.read_bytes()
    model = Perceptron(BUCKETS)
    model.train([s for g in rest for s in examples[g.name]], EPOCHS, SEED)
    data = dump(model.averaged(), 0.0, {})
    path.write_bytes(data)
    return data


@dataclass
class _Folds:
    """What every fold's worker needs (inherited by forked workers, not pickled)."""

    groups: list[Group]
    configs: list[Config]
    cache: Path
    examples: dict[str, list[Sentence]]
    rules: CachedRules


_FOLDS: _Folds | None = None


RuleCache = dict[tuple[str, frozenset[str]], RuleFindings]


def _run_fold(name: str) -> tuple[dict[str, Report], RuleCache]:
    """One fold's reports, and the rules' findings it worked out that were not cached."""
    assert _FOLDS is not None
    state = _FOLDS
    before = set(CachedRules.cache)
    left_out = next(g for g in state.groups if g.name == name)
    rest = [g for g in state.groups if g.name != name]
    tagger = load(_fold_model(left_out, rest, state.examples, state.cache))
    files = (left_out.corpus, left_out.clean)
    fold = {
        RULES: measure(state.rules.use(None), *files),
        "tagger alone": measure(TaggerAlone(CV_KEY, tagger), *files),
    }
    for config in state.configs:
        config.apply(tagger)
        fold[str(config)] = measure(state.rules.use(tagger), *files)
    new = {k: v for k, v in CachedRules.cache.items() if k not in before}
    return fold, new


def cross_validate(
    all_groups: list[Group], configs: list[Config], cache: Path, jobs: int = 1
) -> tuple[dict[str, dict[str, Report]], dict[str, dict[str, Report]]]:
    """For each scope, a report per configuration, summed over the folds left out; and each
    fold's reports, by the name of the source left out. `jobs` folds run at once (forked)."""
    global _FOLDS
    anonymiser = CachedRules(CV_KEY, with_tagger=False)
    examples = {g.name: sentences(g) for g in all_groups}
    _FOLDS = _Folds(all_groups, configs, cache, examples, anonymiser)
    names = [RULES, "tagger alone", *map(str, configs)]
    scopes = {scope: {n: Report() for n in names} for scope in (ALL_SOURCES, AUTHORS)}
    folds: dict[str, dict[str, Report]] = {}
    order = [g.name for g in all_groups]
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        for name, (fold, new) in zip(order, pool.imap(_run_fold, order), strict=True):
            CachedRules.cache.update(new)
            folds[name] = fold
            for scope, reports in scopes.items():
                if scope == ALL_SOURCES or name.startswith("training/"):
                    for config_name, report in fold.items():
                        add(reports[config_name], report)
            print(f"  fold {name}: {len(examples[name])} turns left out", flush=True)
    save_rules(cache)
    return scopes, folds


def format_summary(scopes: dict[str, dict[str, Report]]) -> str:
    """One row per configuration: names, direct and quasi-identifiers caught, clean altered."""
    direct, quasi = report_script.DIRECT, report_script.QUASI
    lines = []
    for scope, reports in scopes.items():
        lines.append(f"{scope}:")
        lines.append(f"{'':<30}{'NAME':>8}{'direct':>8}{'quasi':>8}{'clean altered':>15}")
        for name, r in reports.items():
            lines.append(
                f"{name:<30}{r.recall('NAME'):>8.1%}{r.group_recall(direct):>8.1%}"
                f"{r.group_recall(quasi):>8.1%}{r.clean_altered_share:>15.1%}"
            )
    return "\n".join(lines)


def format_folds(folds: dict[str, dict[str, Report]], names: Sequence[str]) -> str:
    """Per source left out, the rows of `names`: names, direct, quasi caught, clean altered."""
    direct, quasi = report_script.DIRECT, report_script.QUASI
    lines = [f"{'left out':<22}{'':<34}{'NAME':>14}{'direct':>14}{'quasi':>14}{'clean':>12}"]
    for fold_name, reports in folds.items():
        for name in names:
            r = reports[name]
            cells = [r.group(("NAME",)), r.group(direct), r.group(quasi)]
            shown = "".join(f"{c:>6}/{p:<5}{c / p if p else 1:>3.0%}" for c, p in cells)
            lines.append(
                f"{fold_name:<22}{name[:34]:<34}{shown}{r.clean_altered:>6}/{r.clean_total:<5}"
            )
    return "\n".join(lines)


def pick(scopes: dict[str, dict[str, Report]], configs: list[Config]) -> Config:
    """Over every source, the configuration with the most direct and quasi-identifiers caught
    less clean sentences altered: a sentence altered costs as much as an identifier missed
    (the first of equals, in the order given)."""
    reports = scopes[ALL_SOURCES]
    everything = report_script.DIRECT + report_script.QUASI

    def worth(config: Config) -> int:
        report = reports[str(config)]
        return report.group(everything)[0] - report.clean_altered

    return max(configs, key=worth)


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


def tag_margin_grid(spec: str) -> list[tuple[tuple[str, float], ...]]:
    """Every combination of the margins `spec` gives each group of tags ('NAME=0,2 ORG+PLACE=4'
    gives NAME 0 or 2, and ORG and PLACE 4 both)."""
    grid: list[tuple[tuple[str, float], ...]] = [()]
    for part in spec.split():
        tags, _, margins = part.partition("=")
        unknown = set(tags.split("+")) - set(TAGS)
        if unknown:
            raise SystemExit(f"unknown tags in --tag-margins: {', '.join(sorted(unknown))}")
        grid = [
            (*done, *((tag, float(m)) for tag in tags.split("+")))
            for done in grid
            for m in margins.split(",")
        ]
    return grid


def main(argv: list[str] | None = None) -> int:
    global CLEAN_WEIGHT
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="is the model current?")
    parser.add_argument("--cv", action="store_true", help="cross-validate first")
    parser.add_argument("--margins", default="0", help="margins to cross-validate, by commas")
    parser.add_argument("--vetoes", default="none", help="vetoes to cross-validate ('none' too)")
    parser.add_argument("--cache", type=Path, default=CV_CACHE, help="fold models and rules")
    parser.add_argument("--veto", type=float, help="the veto to write with --margin")
    parser.add_argument("--screen", action="store_true", help="screen spans, with --margin")
    parser.add_argument("--defer", default="none", help=f"deferrals to try: {', '.join(DEFERRALS)}")
    parser.add_argument("--details", type=Path, help="write CV misses and false positives")
    parser.add_argument("--margin", type=float, help="the margin to write (default: by CV)")
    parser.add_argument("--screens", default="no,yes", help="screen or not ('no', 'yes')")
    parser.add_argument(
        "--tag-margins",
        default="",
        help="own margins to try, by tags: 'NAME=0,2 PLACE+ORG=0,4' (the first with --margin)",
    )
    parser.add_argument("--clean-weight", type=int, default=CLEAN_WEIGHT, help="see CLEAN_WEIGHT")
    parser.add_argument("--jobs", type=int, default=2, help="folds cross-validated at once")
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
    CLEAN_WEIGHT = args.clean_weight
    config = CHOSEN
    if args.cv:
        load_rules(args.cache)
        configs = [
            Config(float(m), None if v == "none" else float(v), screen, defer, own)
            for m in args.margins.split(",")
            for v in args.vetoes.split(",")
            for screen in (s == "yes" for s in args.screens.split(","))
            for defer in args.defer.split(",")
            for own in tag_margin_grid(args.tag_margins)
        ]
        scopes, folds = cross_validate(all_groups, configs, args.cache, args.jobs)
        chosen = pick(scopes, configs)
        print(format_folds(folds, [RULES, str(chosen)]), "\n")
        for scope, reports in scopes.items():
            shown = {n: reports[n] for n in (RULES, "tagger alone", str(chosen))}
            print(f"{scope}:\n{report_script.format_side_by_side(shown)}\n")
        print(format_summary(scopes))
        if args.details:
            write_details(scopes, args.details)
        config = chosen
        if chosen != CHOSEN:
            print(f"(differs from CHOSEN in this script, {CHOSEN}: update it)")
        print(f"chosen by cross-validation: {config}")
    if args.margin is not None:
        own = tag_margin_grid(args.tag_margins)[0]
        config = Config(args.margin, args.veto, args.screen, args.defer.split(",")[0], own)
    files = sorted(p for g in all_groups for p in (*g.corpus, *g.clean))
    header: dict[str, object] = {
        "training_digest": digest(files),
        "training_files": [p.relative_to(DATA).as_posix() for p in files],
        "epochs": EPOCHS,
        "seed": SEED,
        "clean_weight": CLEAN_WEIGHT,
    }
    examples = [s for g in all_groups for s in sentences(g)]
    MODEL.write_bytes(train(examples, config, header))
    print(f"wrote {MODEL.relative_to(ROOT)} ({MODEL.stat().st_size} bytes), {config}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
