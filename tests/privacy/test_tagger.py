"""The learned tagger beside the rules (bot/privacy/tagger.py, scripts/train_tagger.py)."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import time
from array import array
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

from bot.privacy.anonymiser import Anonymiser
from bot.privacy.tagger import (
    Analysis,
    Span,
    Tagger,
    default_tagger,
    dump,
    load,
    plausible,
    tokenize,
)

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "train_tagger.py"
DATA = ROOT / "tests" / "data"


def _train_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("train_tagger", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def _tagger() -> Tagger:
    tagger = default_tagger()
    assert tagger is not None, "bot/privacy/tagger_model.bin is missing"
    return tagger


def test_a_possessive_is_a_token_of_its_own() -> None:
    assert [t.text for t in tokenize("Jay's mum, O'Connor-Smith.")] == [
        "Jay",
        "'s",
        "mum",
        ",",
        "O'Connor-Smith",
        ".",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Spoke to Kayleigh Brannigan after school about the bruise.", ["Kayleigh Brannigan"]),
        ("His nan Maureen picks him up on Fridays.", ["Maureen"]),
        ("The review meeting was moved to next week by the chair.", []),
        ("Mum said the health visitor would call again after the weekend.", []),
    ],
)
def test_spans_on_hand_made_sentences(text: str, expected: list[str]) -> None:
    found = [text[s.start : s.end] for s in _tagger().find(text) if s.entity == "NAME"]
    assert found == expected


_DETERMINISM = """
import hashlib, sys
sys.path.insert(0, "scripts")
from bot.privacy.tagger import default_tagger
import train_tagger as t

text = "Spoke to Kayleigh Brannigan at Thornbury Academy; dad works at the car wash in Ossett."
print([(s.entity, s.start, s.end) for s in default_tagger().find(text)])
examples = [t.labelled(*t.parse_turn("Mum {{NAME:Kerry}} lives in {{PLACE:Ossett}}.")),
            t.labelled("The plan was agreed.", [])]
model = t.Perceptron(1 << 10)
model.train(examples, 3, t.SEED)
print(hashlib.sha256(t.dump(model.averaged(), 0.0, {})).hexdigest())
"""


def test_tagging_and_training_are_the_same_whatever_the_hash_seed() -> None:
    outputs = set()
    for seed in ("0", "1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", _DETERMINISM],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        outputs.add(done.stdout)
    assert len(outputs) == 1, outputs


def test_the_committed_model_is_current() -> None:
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--check"], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_check_fails_when_the_training_data_changes(tmp_path: Path) -> None:
    train = _train_module()
    data = tmp_path / "data"
    for path in train.training_files(DATA):
        copy = data / path.relative_to(DATA)
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, copy)
    assert train.check(data) == 0
    first = train.training_files(data)[0]
    first.write_text(first.read_text("utf-8") + "Mum {{NAME:Kerry}} rang.\n", "utf-8")
    assert train.check(data) == 1


def test_malformed_marks_are_told_apart() -> None:
    malformed = _train_module().malformed
    assert malformed("Mum {{NAME:Kerry}} rang {{PHONE:07700 900123}}.") is None
    assert malformed("Mum {{NAME:Kerry} rang.") == "unbalanced marks"
    assert malformed("Mum {{NAMES:Kerry}} rang.") == "unknown label NAMES"


def test_a_model_round_trips_through_its_file() -> None:
    weights = [[0.0] * 8 for _ in range(8)]
    weights[1][3] = 2.5
    tagger = load(dump(weights, 1.5, {"training_digest": "x"}))
    assert tagger.margin == 1.5
    assert tagger.weights[1][3] * tagger.scale == pytest.approx(2.5, rel=1e-3)


class _FixedTagger(Tagger):
    """Finds the given spans whatever the text."""

    def __init__(self, spans: list[Span]) -> None:
        super().__init__([array("h", [0])] * 8, 0.0, 1.0)
        self.spans = spans

    def analyse(self, text: str) -> Analysis:
        return Analysis(self.spans, [], [], [])


def test_a_name_the_tagger_finds_is_remembered_for_later_turns() -> None:
    # A word no rule takes for a name, so only the tagger (a stub here) finds it.
    text = "The bookcase was upset at drop-off."
    anonymiser = Anonymiser(b"tagger-test", _FixedTagger([Span("NAME", 4, 12)]))
    first = anonymiser.anonymise(text)
    assert first.text == "The [NAME] was upset at drop-off."
    assert [f.rule for f in first.findings] == ["tagger"]
    assert anonymiser.digest("bookcase") in first.known
    rules_only = Anonymiser(b"tagger-test", with_tagger=False)
    later = rules_only.anonymise("Saw bookcase again today.", first.known)
    assert later.text == "Saw [NAME] again today."


def test_the_screen_drops_spans_that_identify_nobody() -> None:
    assert not plausible("Academy", "SCHOOL")
    assert not plausible("Leeds", "PLACE")
    assert not plausible("miles", "NAME")
    assert plausible("Rosewood Academy", "SCHOOL")
    assert plausible("Seacroft", "PLACE")
    assert plausible("kayleigh", "NAME")


def test_the_veto_drops_a_rule_finding_only_where_the_tagger_is_sure() -> None:
    analysis = Analysis([], [0, 4, 9], [3, 8, 10], [-20.0, 5.0, None])
    assert analysis.outside(0, 3, veto=16)
    assert not analysis.outside(0, 8, veto=16)  # "Mrs" sure, the next word not
    assert not analysis.outside(9, 10, veto=16)  # punctuation alone: no say


def _seconds(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


@pytest.mark.parametrize("unit", ["a", "Anna ", "a-", "'s ", "Abc Def, ", "1 ", ". "])
def test_hostile_input_costs_time_in_proportion_to_its_length(unit: str) -> None:
    """16 KB takes at most about three times 16 times what 1 KB does (the fastest of three)."""
    tagger = _tagger()
    small = (unit * 1024)[:1024]
    large = (unit * 16 * 1024)[: 16 * 1024]
    best_small = min(_seconds(lambda: tagger.find(small)) for _ in range(3))
    best_large = min(_seconds(lambda: tagger.find(large)) for _ in range(3))
    assert best_large <= 3 * 16 * best_small + 0.05


def test_a_tag_of_its_own_margin_needs_more_to_be_given() -> None:
    weights = [[0.0] * 8 for _ in range(8)]
    weights[1] = [1.0] * 8  # every feature votes NAME
    tagger = load(dump(weights, 0.0, {}, tag_margins={"NAME": 1000.0}))
    assert tagger.tag_margins == {"NAME": 1000.0}
    tokens = tokenize("Kerry rang")
    assert tagger.tag(tokens)[0] == [0, 0]
    tagger.tag_margins = {}
    assert tagger.tag(tokens)[0] == [1, 1]
