"""`infoshare chat`'s record prompts: the path's choices only, the Article 9 question, and
`help` answered, never kept."""

from __future__ import annotations

import io

from bot.terminal.chat import Terminal, collect_fields
from dialogs.engine import Move
from dialogs.loading import FlowLibrary
from dialogs.model import Flow
from dialogs.record import Consent, DecisionFields, LawfulBasis, SpecialCategory
from tests.dialogs.walks import walk

Y, N = Move.YES, Move.NO
FLOWS = FlowLibrary.shipped()


def _record(
    flow: Flow, moves: tuple[Move, ...], typed: list[str]
) -> tuple[DecisionFields | None, str]:
    out = io.StringIO()
    terminal = Terminal(io.StringIO("".join(f"{line}\n" for line in typed)), out)
    return collect_fields(flow, walk(flow, *moves), terminal), out.getvalue()


def test_help_at_a_record_prompt_shows_help_and_is_not_kept() -> None:
    flow = FLOWS.latest("hm-gov-2018")
    record, out = _record(flow, (N,), ["help", "no purpose was given", "", ""])
    assert record is not None
    assert record.reasons == "no purpose was given"
    assert "Why you decided this" in out  # the field's help
    assert "The decision not to share, and the reasons" in out  # what to record here


def test_quit_at_a_record_prompt_records_nothing() -> None:
    record, _ = _record(FLOWS.latest("hm-gov-2018"), (N,), ["quit"])
    assert record is None


def test_after_no_consent_the_terminal_does_not_offer_consent_given() -> None:
    flow = FLOWS.latest("hm-gov-2018")
    typed = ["reasons", "attendance", "school nurse", "purpose", "1", "1", "1", "2"]
    record, out = _record(flow, (Y, Y, Y, N, Y), typed)
    assert "Sought and given" not in out
    assert "None needed: not personal information" not in out
    assert "Consent (UK GDPR 6(1)(a))" not in out
    assert record is not None
    assert record.lawful_basis is LawfulBasis.PUBLIC_TASK
    assert record.consent is Consent.REFUSED
    # Article 9: the 2018 flow has no question about it, so the record asks
    assert record.special_category is SpecialCategory.NONE


def test_special_category_data_in_2024_asks_for_the_condition_it_is_shared_under() -> None:
    flow = FLOWS.latest("hm-gov-2024")
    # not at risk, a purpose, identifiable, a basis, special category data, safeguarding
    # condition, not confidential, safe to tell, nobody at risk if identified
    moves = (N, Y, Y, Y, Y, Y, N, Y, N)
    typed = ["reasons", "health", "school nurse", "purpose", "1", "3", "1", "1", "1"]
    record, out = _record(flow, moves, typed)
    assert "Please type a number from 1 to 2" in out  # "3": only two conditions fit this path
    assert "None included" not in out
    assert record is not None
    assert record.special_category is SpecialCategory.SAFEGUARDING


def test_enter_takes_the_choices_the_path_settles_and_the_advice_form_asks_what_next() -> None:
    flow = FLOWS.latest("hm-gov-2018")
    # a purpose, identifies no one: no basis or consent needed, no special category data
    typed = ["figures only", "attendance totals", "local authority", "planning", "", "", "", "4"]
    record, out = _record(flow, (Y, N), typed)
    assert "Enter for: None needed: not personal information" in out
    assert "Where your answers already settle a choice" in out
    assert record is not None
    assert record.purpose == "planning"
    assert record.lawful_basis is LawfulBasis.NOT_PERSONAL
    assert record.consent is Consent.NOT_NEEDED
    assert record.special_category is SpecialCategory.NONE

    advice = ["safeguarding lead", "ask the parent first", "ask at pick-up", ""]
    record, out = _record(flow, (Move.NOT_SURE, Move.ADVICE_SOUGHT), advice)
    assert "Record the decision" not in out and "Note the advice you sought" in out
    assert record == DecisionFields(
        advice_from="safeguarding lead",
        advice_given="ask the parent first",
        next_steps="ask at pick-up",
    )
