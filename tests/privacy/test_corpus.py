"""The corpus measurement of scripts/anonymiser_report.py, with the issue's targets."""

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from bot.privacy.anonymiser import Anonymiser

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "anonymiser_report.py"


def _report_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("anonymiser_report", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_corpus_meets_the_targets(anonymiser: Anonymiser) -> None:
    report_module = _report_module()
    report = report_module.measure(anonymiser, *report_module.tuning_files())
    assert sum(report.planted.values()) >= 300
    assert report.clean_total >= 100
    assert report.turns + report.clean_total >= 300
    for entity in (
        "NAME",
        "DATE",
        "POSTCODE",
        "ADDRESS",
        "PHONE",
        "EMAIL",
        "URL",
        "NHS_NUMBER",
        "NI_NUMBER",
        "SLACK_MENTION",
        "CASE_NUMBER",
    ):
        assert report.planted[entity] > 0, entity
    assert report_module.failed_targets(report) == [], report_module.format_report(report)


@pytest.mark.xfail(strict=True, reason="issue 8: targets not yet met on unseen text")
@pytest.mark.parametrize(
    "name", ["held-out", "held-out 2", "held-out 3", "held-out 4", "held-out 5"]
)
def test_held_out_sets_meet_the_targets(anonymiser: Anonymiser, name: str) -> None:
    """The held-out sets grade the rules; nobody tuning the rules reads them (or this output)."""
    report_module = _report_module()
    if name not in report_module.held_out_sets():
        pytest.skip(f"the {name} set is not in this checkout")
    report = report_module.measure(anonymiser, *report_module.held_out_files(name=name))
    assert sum(report.planted.values()) >= 300
    assert report_module.failed_targets(report) == [], report_module.format_report(report)


def test_parse_turn_keeps_spans_aligned() -> None:
    text, planted = _report_module().parse_turn("Mrs {{NAME:Patel}} on {{PHONE:07700 900123}}.")
    assert text == "Mrs Patel on 07700 900123."
    assert [text[p.start : p.end] for p in planted] == ["Patel", "07700 900123"]


def test_explain_gives_the_rule_of_each_finding_and_each_miss(
    rules_only: Anonymiser, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus.txt"
    corpus.write_text(
        "# a miss and two findings\n"
        "{{NAME:Daisy}} is on the way; Mrs {{NAME:Patel}} rang {{PHONE:07700 900123}}.\n",
        "utf-8",
    )
    clean = tmp_path / "clean.txt"
    clean.write_text("The plan was agreed.\n", "utf-8")
    report_module = _report_module()
    report = report_module.measure(rules_only, corpus, clean, explain=True)
    assert report.explained_misses == [
        "NAME: 'Daisy' no rule; words: 'Daisy' turned down by 'common word starting a sentence'; "
        "in 'Daisy is on the way; Mrs Patel rang 07700 900123.'"
    ]
    assert [line.split(" in ")[0] for line in report.explained_findings] == [
        "NAME: 'Patel' by 'after a title'",
        "PHONE: '07700 900123' by 'infoshare_phone'",
    ]
    unexplained = report_module.measure(rules_only, corpus, clean)
    assert unexplained.misses == report.misses
    assert not unexplained.explained_misses and not unexplained.explained_findings


def _write(path: Path, *lines: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(f"{line}\n" for line in lines), "utf-8")


def test_the_report_prints_every_set_side_by_side_with_the_targets(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """On a tiny stand-in for tests/data/: the real held-out sets are never read here."""
    _write(tmp_path / "anonymiser_corpus.txt", "Mrs {{NAME:Patel}} rang {{PHONE:07700 900123}}.")
    _write(tmp_path / "anonymiser_clean.txt", "The plan was agreed.")
    _write(tmp_path / "tuning" / "x_corpus.txt", "Email {{EMAIL:jo@example.com}} today.")
    _write(tmp_path / "tuning" / "x_clean.txt", "The core group met.")
    _write(
        tmp_path / "heldout" / "anonymiser_heldout.txt",
        # Marks no rule could ever take ("plan", "the one"): a stand-in miss for the report's sums.
        "The {{NAME:plan}} is agreed; Mrs {{NAME:Okafor}} agreed.",
        "She attends {{SCHOOL:the one}} on the hill.",
    )
    _write(tmp_path / "heldout" / "anonymiser_heldout_clean.txt", "Ring the MASH.")
    _write(tmp_path / "heldout2" / "anonymiser_heldout.txt", "DOB {{DATE:12/03/2015}}.")
    _write(tmp_path / "heldout2" / "anonymiser_heldout_clean.txt", "A quiet week.", "Seen.")

    exit_code = _report_module().main(["--all", "--data", str(tmp_path)])
    printed = capsys.readouterr().out
    lines = {line.split()[0]: line.split() for line in printed.splitlines() if line.strip()}
    assert lines["tuning"] == ["tuning", "held-out", "held-out", "2", "target"]
    assert lines["NAME"] == ["NAME", "100.0%", "of", "1", "50.0%", "of", "2", "-", "of", "0", "97%"]
    assert lines["EMAIL"][1:4] == ["100.0%", "of", "1"] and lines["EMAIL"][-1] == "100%"
    assert lines["SCHOOL"][1:] == ["-", "of", "0", "0.0%", "of", "1", "-", "of", "0", "-"]
    direct = ["100.0%", "of", "3", "50.0%", "of", "2", "100.0%", "of", "1", "98%"]
    assert lines["direct"][2:] == direct
    assert lines["quasi-identifiers"][-1] == "90%"
    assert lines["clean"][2:] == ["0.0%", "of", "2", "0.0%", "of", "1", "0.0%", "of", "2", "<=3%"]
    assert "anonymise() of 500 chars" in printed and "(target < 20 ms)" in printed
    assert "held-out: NAME recall 50.0% < 97%" in printed
    assert "held-out: quasi-identifiers recall 0.0% < 90%" in printed
    assert exit_code == 1


def test_the_report_names_the_aggregate_targets_it_misses(anonymiser: Anonymiser) -> None:
    report_module = _report_module()
    report = report_module.Report()
    report.planted.update({"NAME": 100, "DATE": 100, "PLACE": 10})
    report.caught.update({"NAME": 97, "DATE": 96, "PLACE": 9})
    report.clean_total, report.clean_altered = 100, 3
    assert report_module.failed_targets(report) == ["direct identifiers recall 96.5% < 98%"]
    report.caught["PLACE"] = 8
    report.clean_altered = 4
    assert report_module.failed_targets(report)[1:] == [
        "quasi-identifiers recall 80.0% < 90%",
        "clean sentences altered 4.0%",
    ]


# The figures measured on 2026-11-24 22:00 UTC after round 10 (README, "Held-out figures",
# "round 10"), recall rounded down to half a point, the clean rate as measured: a change to the
# rules or the tagger may not make unseen text fare worse than this. (Round 10's rules raised the
# quasi floors of sets 1, 2 and 3 and the direct floors of sets 3, 4 and 5, and lowered the clean
# ceilings of sets 2 and 4; the tagger is round 7's.)
HELD_OUT_FLOORS = {
    "held-out": {"NAME": 0.98, "direct": 0.975, "quasi": 0.925, "clean_altered": 0.006},
    "held-out 2": {"NAME": 0.975, "direct": 0.96, "quasi": 0.965, "clean_altered": 0.016},
    "held-out 3": {"NAME": 0.975, "direct": 0.965, "quasi": 0.89, "clean_altered": 0.034},
    "held-out 4": {"NAME": 0.97, "direct": 0.975, "quasi": 0.91, "clean_altered": 0.057},
    "held-out 5": {"NAME": 0.975, "direct": 0.975, "quasi": 0.955, "clean_altered": 0.019},
}


@pytest.mark.parametrize("name", sorted(HELD_OUT_FLOORS))
def test_held_out_sets_do_not_fall_below_their_measured_figures(
    anonymiser: Anonymiser, name: str
) -> None:
    report_module = _report_module()
    if name not in report_module.held_out_sets():
        pytest.skip(f"the {name} set is not in this checkout")
    report = report_module.measure(anonymiser, *report_module.held_out_files(name=name))
    floors = HELD_OUT_FLOORS[name]

    def recall(entities: tuple[str, ...]) -> float:
        return sum(report.caught[e] for e in entities) / sum(report.planted[e] for e in entities)

    # Figures only: a failure must not print the report, whose lists quote held-out lines.
    figures = {
        "NAME": recall(("NAME",)),
        "direct": recall(tuple(report_module.DIRECT)),
        "quasi": recall(tuple(report_module.QUASI)),
    }
    clean_altered = report.clean_altered_share
    below = {k: round(v, 4) for k, v in figures.items() if v < floors[k]}
    assert not below, f"{name} below its floors: {below}"
    assert clean_altered <= floors["clean_altered"], f"{name} clean altered {clean_altered:.4f}"
