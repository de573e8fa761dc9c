"""With INFOSHARE_FLOW unset, Slack runs the 2024 advice: scope and emergencies on screen, a
record that follows the path, and an audit post in UK time naming the flow version."""

from __future__ import annotations

import re

from tests.e2e.conftest import AUDIT_CHANNEL, BotFactory, Practitioner
from tests.fakeslack import FakeSlack

# not at risk, a purpose, identifiable, a lawful basis, special category data, the safeguarding
# condition applies, not confidential, not safe to tell the family, nobody at risk if identified
SHARE_2024 = (
    "answer_no",
    "answer_yes",
    "answer_yes",
    "answer_yes",
    "answer_yes",
    "answer_yes",
    "answer_no",
    "answer_no",
    "answer_no",
)
FIELDS_2024 = {
    "reasons": "Health visitor needs the clinic attendance pattern to support the family.",
    "information": "Clinic attendance",
    "shared_with": "Health visiting team",
    "purpose": "So the health visitor can support the family at home.",
    "lawful_basis": "public_task",
    "special_category": "dpa_sch1_para18",
    "consent": "not_relied_on",
    "informed": "no_risk",
}
UK_TIME = re.compile(r"\*Recorded:\* \d{1,2} \w{3} \d{4} \d\d:\d\d (GMT|BST)")


def _options(modal: dict[str, object], block_id: str) -> list[str]:
    blocks = modal["blocks"]
    assert isinstance(blocks, list)
    block = next(b for b in blocks if b.get("block_id") == block_id)
    return [option["value"] for option in block["element"]["options"]]


async def test_the_default_flow_is_the_2024_advice_end_to_end(
    start_bot: BotFactory, slack: FakeSlack
) -> None:
    async with start_bot(INFOSHARE_FLOW="") as bot:  # unset: the default
        practitioner = Practitioner(slack, bot)
        await practitioner.start()
        first = str(practitioner.message()["blocks"])
        assert "Information sharing (HM Government advice, 2024)" in first
        assert "applies to England" in first
        assert "Wales Safeguarding Procedures" in first and "WASPI" in first
        assert "section 16LA" in first and "not yet in force" in first
        assert "call the police on 999" in first
        assert "Question 1 of up to" in first and "at risk of harm" in first

        await practitioner.walk(SHARE_2024)
        outcome = str(practitioner.message()["blocks"])
        assert "You can share, protecting identities" not in outcome
        assert "You can share" in outcome
        assert "call the police on 999" in outcome  # the emergency notice at every outcome

        modal = await practitioner.open_record_modal()
        # after "the safeguarding condition applies": the two safeguarding conditions only
        assert _options(modal, "special_category") == ["dpa_sch1_para18", "dpa_sch8_para4"]
        assert "not_personal" not in _options(modal, "lawful_basis")
        assert "yes" not in _options(modal, "informed")  # "not safe to tell the family"

        # A choice the path rules out (from a stale or forged form) is refused, naming the field
        forged = {**FIELDS_2024, "informed": "yes"}
        refused = await bot.sender.post(practitioner.submission(modal, forged))
        body = refused.json()
        assert body["response_action"] == "errors"
        assert set(body["errors"]) == {"informed"}

        ack = await practitioner.record(FIELDS_2024)
        assert ack == {"response_action": "clear"}
        audit = await slack.wait_for(
            "chat.postMessage", where=lambda c: c.ok and c.params.get("channel") == AUDIT_CHANNEL
        )
        summary = audit[0].params["blocks"][0]["text"]["text"]
        assert "(hm-gov-2024 v1)" in summary
        assert UK_TIME.search(summary), summary
        assert "UTC" not in summary
        assert "Included: safeguarding (DPA 2018 Sch. 1 para 18)" in summary


async def test_a_do_not_share_outcome_in_slack_carries_the_safeguarding_reminder(
    start_bot: BotFactory, slack: FakeSlack
) -> None:
    async with start_bot(INFOSHARE_FLOW="") as bot:
        practitioner = Practitioner(slack, bot)
        await practitioner.start()
        await practitioner.walk(("answer_no", "answer_no"))  # not at risk, no clear purpose
        outcome = str(practitioner.message()["blocks"])
        assert "Do not share for now" in outcome
        assert "A child may still need protecting." in outcome
        assert "do not assume someone else will pass the information on" in outcome
