"""Times shown to practitioners and supervisors are UK local time, labelled GMT or BST."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.text.rendering import render
from bot.text.summary import decision_summary
from bot.text.uk_time import uk_time
from dialogs.engine import Move
from dialogs.loading import FlowLibrary
from dialogs.record import DecisionFields
from tests.dialogs.walks import walk

WINTER = datetime(2026, 1, 15, 9, 5, tzinfo=UTC)
SUMMER = datetime(2026, 7, 1, 23, 30, tzinfo=UTC)  # 00:30 the next day in London


def test_winter_is_gmt_and_summer_is_bst() -> None:
    assert uk_time(WINTER) == "15 Jan 2026 09:05 GMT"
    assert uk_time(SUMMER) == "2 Jul 2026 00:30 BST"


def test_the_clocks_change_on_the_last_sunday_of_march_at_one_in_the_morning() -> None:
    assert uk_time(datetime(2026, 3, 29, 0, 59, tzinfo=UTC)).endswith("00:59 GMT")
    assert uk_time(datetime(2026, 3, 29, 1, 0, tzinfo=UTC)).endswith("02:00 BST")


def test_the_audit_summary_shows_uk_time() -> None:
    flow = FlowLibrary.shipped().latest("hm-gov-2024")
    summary = decision_summary(
        flow,
        walk(flow, Move.NO, Move.NO),
        DecisionFields(reasons="no purpose"),
        reference="IS-2026-0001",
        practitioner="someone",
        recorded_at=SUMMER,
    )
    assert "*Recorded:* 2 Jul 2026 00:30 BST" in summary
    assert "UTC" not in summary
    assert "(hm-gov-2024 v1)" in summary  # the record names the flow version


class _Decision:
    reference = "IS-2026-0007"
    outcome = "do_not_share"
    created_at = WINTER


def test_history_shows_uk_time() -> None:
    assert "15 Jan 2026 09:05 GMT" in render("history.j2", decisions=[_Decision()])
