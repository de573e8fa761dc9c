"""The corpus measurement of scripts/anonymiser_report.py, with the issue's targets."""

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

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


def test_parse_turn_keeps_spans_aligned() -> None:
    text, planted = _report_module().parse_turn("Mrs {{NAME:Patel}} on {{PHONE:07700 900123}}.")
    assert text == "Mrs Patel on 07700 900123."
    assert [text[p.start : p.end] for p in planted] == ["Patel", "07700 900123"]


def test_explain_gives_the_rule_of_each_finding_and_each_miss(
    anonymiser: Anonymiser, tmp_path: Path
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
    report = report_module.measure(anonymiser, corpus, clean, explain=True)
    assert report.explained_misses == [
        "NAME: 'Daisy' no rule; words: 'Daisy' turned down by 'common word starting a sentence'; "
        "in 'Daisy is on the way; Mrs Patel rang 07700 900123.'"
    ]
    assert [line.split(" in ")[0] for line in report.explained_findings] == [
        "NAME: 'Patel' by 'after a title'",
        "PHONE: '07700 900123' by 'infoshare_phone'",
    ]
    unexplained = report_module.measure(anonymiser, corpus, clean)
    assert unexplained.misses == report.misses
    assert not unexplained.explained_misses and not unexplained.explained_findings
