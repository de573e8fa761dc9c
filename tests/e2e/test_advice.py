"""Not sure -> advice point -> back to the question, or -> "advice sought" recorded."""

from __future__ import annotations

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage import Decision
from tests.e2e.conftest import Bot, Practitioner


def _text(practitioner: Practitioner) -> str:
    return str(practitioner.message()["blocks"])


async def test_not_sure_gives_advice_and_back_returns_to_the_question(
    practitioner: Practitioner,
) -> None:
    await practitioner.start()
    await practitioner.answer("answer_yes")
    assert "Question 2 of up to" in _text(practitioner)

    await practitioner.answer("answer_not_sure")
    assert "Seek advice." in _text(practitioner)
    assert set(practitioner.buttons()) >= {"advice_sought", "back", "emergency"}
    assert "answer_yes" not in practitioner.buttons()

    await practitioner.answer("back")
    assert "Question 2 of up to" in _text(practitioner)
    await practitioner.answer("answer_yes")
    assert "Question 3 of up to" in _text(practitioner)


async def test_not_sure_then_advice_sought_is_recorded(
    practitioner: Practitioner, bot: Bot
) -> None:
    await practitioner.start()
    await practitioner.answer("answer_not_sure")
    await practitioner.answer("advice_sought")
    assert "Advice sought" in _text(practitioner)
    assert "record_decision" in practitioner.buttons()

    ack = await practitioner.record(
        {
            "advice_from": "Designated safeguarding lead",
            "advice_given": "Ask the requester what it is for before sharing.",
            "next_steps": "Email the requester today.",
            "reasons": "Unsure of the purpose.",
        }
    )
    assert ack == {"response_action": "clear"}
    async with AsyncSession(bot.running.services.db.engine) as session:
        decisions = (await session.exec(select(Decision))).all()
    assert [d.outcome for d in decisions] == ["advice_sought"]
    assert decisions[0].path == [["purpose", "not_sure"], ["advice-purpose", "advice_sought"]]
    assert decisions[0].fields["advice_from"] == "Designated safeguarding lead"
