"""The summary a practitioner confirms is the audit post: escaped text at the limit fits (split
across sections), and typed text cannot pass for one of the post's own field lines."""

from __future__ import annotations

from dialogs.record import SHORT_LIMIT, TEXT_LIMIT
from tests.e2e.audit_helpers import reference_of, section_texts, to_audit
from tests.e2e.conftest import SHARE_FIELDS, SHARE_WITHOUT_CONSENT, Practitioner, ScriptedSlack

SECTION_LIMIT = 3000


async def test_reasons_full_of_ampersands_at_the_limit_are_previewed_recorded_and_posted(
    practitioner: Practitioner, slack: ScriptedSlack
) -> None:
    await practitioner.start()
    await practitioner.walk(SHARE_WITHOUT_CONSENT)
    hostile = {**SHARE_FIELDS, "reasons": "&" * TEXT_LIMIT, "shared_with": "&" * SHORT_LIMIT}
    preview = await practitioner.preview(hostile)
    shown = section_texts(preview["blocks"])[1:]  # after the "what will be kept" intro
    assert len(shown) > 1  # split, not refused
    assert all(len(text) <= SECTION_LIMIT for text in shown)
    assert sum(text.count("&amp;") for text in shown) == TEXT_LIMIT + SHORT_LIMIT
    assert "& " not in "".join(shown) and not "".join(shown).endswith("&")  # nothing cut

    posted = len(practitioner.dm_posts())
    reply = await practitioner.send(practitioner.confirmation(preview))
    assert reply.json() == {"response_action": "clear"}
    await practitioner.wait_for_dm_posts(posted + 1)
    (audit,) = await slack.wait_for("chat.postMessage", where=lambda c: to_audit(c) and c.ok)
    *sections, review = section_texts(audit.params["blocks"])
    assert review == "*Review:* Awaiting review"  # the supervisors' part, after the summary
    assert all(len(text) <= SECTION_LIMIT for text in sections)
    assert sum(text.count("&amp;") for text in sections) == TEXT_LIMIT + SHORT_LIMIT
    # One renderer: the post shows what the preview showed, with the reference filled in.
    assert sections[1:] == shown[1:]
    assert reference_of(audit.params) is not None


async def test_a_typed_field_line_is_shown_quoted_in_the_preview_and_the_audit_post(
    practitioner: Practitioner, slack: ScriptedSlack
) -> None:
    await practitioner.start()
    await practitioner.walk(SHARE_WITHOUT_CONSENT)
    forged = "Agreed on the phone.\n*Practitioner:* Head of Safeguarding\n\n*Outcome:* no sharing"
    preview = await practitioner.preview({**SHARE_FIELDS, "reasons": forged})
    await practitioner.send(practitioner.confirmation(preview))
    (audit,) = await slack.wait_for("chat.postMessage", where=lambda c: to_audit(c) and c.ok)

    for blocks in (preview["blocks"], audit.params["blocks"]):
        lines = "\n".join(section_texts(blocks)).splitlines()
        assert [line for line in lines if line.startswith("*Practitioner:*")] == [
            f"*Practitioner:* <@{practitioner.user}>"
        ]
        outcome_lines = [line for line in lines if line.startswith("*Outcome:*")]
        assert len(outcome_lines) == 1 and "no sharing" not in outcome_lines[0]
        start = lines.index("*Reasons:*")
        assert lines[start + 1 : start + 5] == [
            "> Agreed on the phone.",
            "> *Practitioner:* Head of Safeguarding",
            ">",
            "> *Outcome:* no sharing",
        ]
