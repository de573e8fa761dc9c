"""What a screen reader reads, for every message the bot sends a practitioner in every flow:
the top-level `text` carries every word of the message's blocks, every button has a label that
makes sense alone, no answer is styled as the one to choose, `danger` marks only the
destructive choice, and no emoji or long italics carry meaning. Modals: every input labelled.

Every outcome of every shipped flow is reached through the real app and the fake Slack; at the
way the practitioner also asks for help, pauses, resumes, asks to start again and types a word
that is not an answer, so those messages are read too."""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import Any

import pytest

from dialogs.engine import State
from dialogs.loading import FlowLibrary
from dialogs.model import Flow, Outcome
from tests.dialogs.walks import every_path
from tests.e2e.conftest import SHARE_FIELDS, BotFactory, Practitioner
from tests.fakeslack import Call, FakeSlack

Json = dict[str, Any]
FLOWS = FlowLibrary.shipped()
SPOKEN_LIMIT = 75  # Slack: a button's accessibility_label
_WORD = re.compile(r"[A-Za-z0-9]+")
_EMOJI = re.compile(r":[a-z0-9_+-]+:")
_ITALIC = re.compile(r"(?<![\w*])_([^_\n]+)_(?!\w)")
LONG_ITALIC = 6  # words
_MOVE_FOR = {"yes": "answer_yes", "no": "answer_no", "not_sure": "answer_not_sure"}


def _block_words(blocks: list[Json]) -> list[str]:
    """The words of a message's blocks that are not controls (buttons speak for themselves)."""
    texts: list[str] = []
    for block in blocks:
        if block["type"] == "section":
            texts.append(block["text"]["text"])
            texts.extend(field["text"] for field in block.get("fields", []))
        elif block["type"] == "context":
            texts.extend(e["text"] for e in block["elements"] if "text" in e)
        elif block["type"] == "header":
            texts.append(block["text"]["text"])
    return texts


def check_message(params: Json) -> None:
    """One message as sent (chat.postMessage, chat.update or a response_url post)."""
    blocks: list[Json] = params.get("blocks") or []
    if isinstance(blocks, str):  # a response_url post carries its blocks as JSON text
        blocks = json.loads(blocks)
    texts = _block_words(blocks)
    spoken = Counter(_WORD.findall(str(params.get("text", ""))))
    shown = Counter(word for text in texts for word in _WORD.findall(text))
    missing = shown - spoken
    assert not missing, f"words shown but not in the top-level text: {dict(missing)}"
    for text in texts:
        assert not _EMOJI.search(text), f"emoji carrying words: {text[:80]}"
        for italic in _ITALIC.findall(text):
            assert len(italic.split()) <= LONG_ITALIC, f"long italics: {italic[:80]}"
    for block in blocks:
        for element in block.get("elements", []) if block["type"] == "actions" else []:
            if element["type"] != "button":
                continue
            label = element.get("accessibility_label", "")
            assert 0 < len(label) <= SPOKEN_LIMIT, element
            if element["action_id"].startswith("answer_"):
                assert "style" not in element, "an answer styled as the one to choose"
                assert ":" in label, f"an answer's label must say what it answers: {label}"
            if element.get("style") == "danger":
                assert element["action_id"] == "restart", "danger is for destructive choices"


def check_modal(view: Json) -> None:
    for block in view.get("blocks", []):
        if block["type"] == "input":
            assert block["label"]["text"].strip(), block
        for text in _block_words([block]):
            assert not _EMOJI.search(text), text[:80]
            for italic in _ITALIC.findall(text):
                assert len(italic.split()) <= LONG_ITALIC, italic[:80]


def _one_path_per_outcome(flow: Flow) -> list[State]:
    chosen: dict[str, State] = {}
    for state in every_path(flow):
        chosen.setdefault(state.node, state)
    return [chosen[node] for node in sorted(chosen)]


def _sent_to(slack: FakeSlack, practitioner: Practitioner) -> list[Json]:
    """Every message the bot sent or changed in the DM, and the response_url posts."""
    dm = practitioner.dm
    return [
        call.params
        for call in slack.calls
        if call.method in ("chat.postMessage", "chat.update") and _in_dm(call, dm)
    ]


def _in_dm(call: Call, dm: str) -> bool:
    return call.ok and call.response.get("channel") == dm


async def _walk(practitioner: Practitioner, flow: Flow, outcome: State, extras: bool) -> None:
    await practitioner.start()
    if extras:  # the notes and prompts a practitioner meets on the way
        for action in ("help", "emergency"):
            posted = len(practitioner.dm_posts())
            await practitioner.click(action)
            await practitioner.wait_for_dm_posts(posted + 1)
        posted = len(practitioner.dm_posts())
        await practitioner.say("ok")
        await practitioner.wait_for_dm_posts(posted + 1)
    for number, (_, move) in enumerate(outcome.answers):
        await practitioner.answer(_MOVE_FOR.get(move, move))
        if extras and number == 0:
            posted, step = len(practitioner.dm_posts()), practitioner.latest_ts()
            await practitioner.click("restart_ask")
            await practitioner.wait_for_dm_posts(posted + 1)
            await practitioner.click("pause", step)
            await practitioner.wait_for_dm_posts(posted + 2)
            await practitioner.command()  # met again: Carry on or Start a new decision
            await practitioner.wait_for_dm_posts(posted + 3)
            await practitioner.click("resume")
            await practitioner.wait_for_step(posted + 4)
    assert isinstance(flow.nodes[outcome.node], Outcome)


@pytest.mark.parametrize("flow_id", FLOWS.ids())
async def test_every_message_and_modal_of_every_flow_reads_in_full(
    flow_id: str, slack: FakeSlack, start_bot: BotFactory
) -> None:
    flow = FLOWS.latest(flow_id)
    async with start_bot(INFOSHARE_FLOW=flow_id) as bot:
        modals: list[Json] = []
        practitioners = []
        for number, outcome in enumerate(_one_path_per_outcome(flow)):
            practitioner = Practitioner(slack, bot, user=f"U0READ{number:04d}")
            practitioners.append(practitioner)
            await _walk(practitioner, flow, outcome, extras=number == 0)
            modals.append(await practitioner.open_record_modal())
        if flow_id == "hm-gov-2018":  # a recorded decision: the preview and the confirmation
            practitioner = Practitioner(slack, bot, user="U0READREC")
            await practitioner.start()
            for action in ("answer_yes", "answer_yes", "answer_yes", "answer_no", "answer_yes"):
                await practitioner.answer(action)
            modals.append(await practitioner.preview(SHARE_FIELDS))
            await practitioner.record(SHARE_FIELDS)
            practitioners.append(practitioner)
        checked = 0
        for practitioner in practitioners:
            for params in _sent_to(slack, practitioner):
                check_message(params)
                checked += 1
        for post in slack.response_posts:
            if post.body.get("blocks"):
                check_message(post.body)
                checked += 1
        for modal in modals:
            check_modal(modal)
    assert checked > 10 * len(practitioners) // 2
