"""The review use case on a real database: idempotent by key, "already reviewed" refused,
follow-ups closed by a review, free text anonymised, nothing kept for empty or unknown input."""

from __future__ import annotations

import threading
from dataclasses import replace

import pytest

from bot.core import conversation, recording, reviews
from bot.core.reviews import Reviewed, ReviewRefusal
from bot.core.services import Services
from dialogs.loading import FlowLibrary
from storage import Database
from storage.tables import ReviewKind, ReviewStatus
from tests.bot.core.test_flow_versions import TEAM, USER, services_with
from tests.bot.core.test_lifecycle import RECORD, TO_SHARE

SUPERVISOR = "U0SUPER01"


async def _recorded(services: Services) -> str:
    dialog, _ = await conversation.begin(services, TEAM, USER)
    for move in TO_SHARE:
        await conversation.make_move(services, TEAM, USER, move)
    drafted = await recording.draft_decision(services, TEAM, USER, dialog.id, RECORD)
    assert isinstance(drafted, recording.Drafted)
    done = await recording.confirm_decision(
        services, TEAM, USER, dialog.id, recording.draft_digest(drafted.draft)
    )
    assert isinstance(done, recording.Recorded)
    return done.decision.reference


async def test_a_repeated_key_adds_nothing_and_a_second_review_is_refused(
    database: Database,
) -> None:
    services = services_with(database, FlowLibrary.shipped())
    reference = await _recorded(services)
    first = await reviews.review(services, TEAM, SUPERVISOR, reference, ReviewKind.REVIEWED, "k1")
    again = await reviews.review(services, TEAM, SUPERVISOR, reference, ReviewKind.REVIEWED, "k1")
    assert isinstance(first, Reviewed) and isinstance(again, Reviewed)
    assert (first.created, again.created) == (True, False)
    assert again.review.id == first.review.id and len(again.reviews) == 1
    assert again.status is ReviewStatus.REVIEWED
    other = await reviews.review(services, TEAM, "U0SUPER02", reference, ReviewKind.REVIEWED, "k2")
    assert other is ReviewRefusal.ALREADY_REVIEWED


async def test_a_follow_up_is_anonymised_and_a_review_closes_it(database: Database) -> None:
    services = services_with(database, FlowLibrary.shipped())
    reference = await _recorded(services)
    asked = await reviews.review(
        services, TEAM, SUPERVISOR, reference, ReviewKind.FOLLOW_UP, "f1",
        "Call Jane Whitfield on 07700 900123 about the plan.",
    )
    assert isinstance(asked, Reviewed) and asked.status is ReviewStatus.FOLLOW_UP_OPEN
    assert asked.review.text is not None
    assert "Whitfield" not in asked.review.text and "07700" not in asked.review.text
    assert asked.removed.get("PHONE") == 1
    closed = await reviews.review(services, TEAM, SUPERVISOR, reference, ReviewKind.REVIEWED, "r1")
    assert isinstance(closed, Reviewed) and closed.status is ReviewStatus.REVIEWED


async def test_empty_text_an_unknown_decision_and_another_workspace_change_nothing(
    database: Database,
) -> None:
    services = services_with(database, FlowLibrary.shipped())
    reference = await _recorded(services)
    blank = await reviews.review(
        services, TEAM, SUPERVISOR, reference, ReviewKind.COMMENT, "c1", "  \n "
    )
    assert blank is ReviewRefusal.EMPTY
    unknown = await reviews.review(
        services, TEAM, SUPERVISOR, "IS-1999-0001", ReviewKind.REVIEWED, "c2"
    )
    assert unknown is ReviewRefusal.NO_DECISION
    elsewhere = await reviews.review(
        services, "T0ELSEWHERE", SUPERVISOR, reference, ReviewKind.REVIEWED, "c3"
    )
    assert elsewhere is ReviewRefusal.NO_DECISION
    async with services.db.transaction() as tx:
        decision = await tx.decisions.by_reference(reference)
        assert decision is not None and decision.id is not None
        assert await tx.reviews.for_decision(decision.id) == []


async def test_a_comment_that_cannot_be_anonymised_in_time_is_not_kept(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reviews, "ANONYMISE_SECONDS", 0.5)
    services = services_with(database, FlowLibrary.shipped())
    reference = await _recorded(services)

    release = threading.Event()

    class Stuck:  # hostile text that keeps the anonymiser busy past the time limit
        def anonymise(self, text: str, known: frozenset[str] = frozenset()) -> object:
            release.wait(10)
            raise RuntimeError("released")

    stuck = replace(services, anonymiser=Stuck())  # type: ignore[arg-type]
    try:
        refused = await reviews.review(
            stuck, TEAM, SUPERVISOR, reference, ReviewKind.COMMENT, "c1", "fine"
        )
    finally:
        release.set()
    assert refused is ReviewRefusal.NOT_ANONYMISED
    async with services.db.transaction() as tx:
        assert await tx.reviews.by_key("c1") is None
