"""Dialog state lives in the database: a restart, or a second replica, carries on."""

from __future__ import annotations

from tests.e2e.conftest import BotFactory, Practitioner
from tests.fakeslack import FakeSlack


def _text(practitioner: Practitioner) -> str:
    return str(practitioner.message()["blocks"])


async def test_a_new_instance_continues_the_dialog(slack: FakeSlack, start_bot: BotFactory) -> None:
    async with start_bot() as first:
        practitioner = Practitioner(slack, first)
        await practitioner.start()
        await practitioner.walk(("answer_yes", "answer_yes"))
        question_3 = practitioner.latest_ts()
        assert "Question 3 of up to" in _text(practitioner)

    async with start_bot() as second:
        practitioner.bot = second
        await practitioner.answer("answer_yes")
        assert "Question 4 of up to" in _text(practitioner)
        assert "You answered *Yes*" in str(practitioner.message(question_3)["blocks"])
        posted = len(practitioner.dm_posts())
        await practitioner.say("no")  # typed, too: the new instance knows the current message
        await practitioner.wait_for_step(posted + 1)
        assert "Question 5 of up to" in _text(practitioner)


async def test_two_replicas_on_one_database_share_the_dialog(
    slack: FakeSlack, start_bot: BotFactory
) -> None:
    async with start_bot() as a, start_bot() as b:
        practitioner = Practitioner(slack, a)
        await practitioner.start()  # posted by A
        practitioner.bot = b
        await practitioner.answer("answer_yes")  # clicked on B
        assert "Question 2 of up to" in _text(practitioner)
        practitioner.bot = a
        await practitioner.answer("answer_no")
        assert "You can share, but consider how" in _text(practitioner)
        practitioner.bot = b
        ack = await practitioner.record(
            {
                "reasons": "Anonymised statistics only.",
                "information": "Attendance figures",
                "shared_with": "Local authority",
                "purpose": "Planning school places",
                "lawful_basis": "not_personal",
                "consent": "not_needed",
                "informed": "not_applicable",
                "special_category": "none_included",
            }
        )
        assert ack == {"response_action": "clear"}
        posts = await slack.wait_for(
            "chat.postMessage", where=lambda c: c.ok and c.params["channel"].startswith("G")
        )
        assert len(posts) == 1
