"""What the audit channel and the outbox show, for the audit poster's end-to-end tests."""

from __future__ import annotations

from typing import Any

import aiohttp
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage import AuditOutbox, Decision
from tests.e2e.conftest import AUDIT_CHANNEL, SHARE_WITHOUT_CONSENT, Bot, Practitioner
from tests.fakeslack import Call, FakeSlack

Json = dict[str, Any]


def to_audit(call: Call) -> bool:
    return call.method == "chat.postMessage" and call.params.get("channel") == AUDIT_CHANNEL


def section_texts(blocks: list[Json]) -> list[str]:
    return [block["text"]["text"] for block in blocks if block.get("type") == "section"]


def reference_of(message: Json) -> str | None:
    payload = (message.get("metadata") or {}).get("event_payload") or {}
    reference = payload.get("reference")
    return reference if isinstance(reference, str) else None


async def health(url: str) -> tuple[int, Json]:
    async with aiohttp.ClientSession() as session, session.get(f"{url}/healthz") as response:
        return response.status, await response.json()


async def outbox_rows(bot: Bot) -> list[tuple[AuditOutbox, Decision]]:
    async with AsyncSession(bot.running.services.db.engine) as session:
        found = await session.exec(
            select(AuditOutbox, Decision)
            .join(Decision, AuditOutbox.decision_id == Decision.id)  # type: ignore[arg-type]
            .order_by(AuditOutbox.id)  # type: ignore[arg-type]
        )
        return list(found.all())


async def record_as(slack: FakeSlack, bot: Bot, user: str, **fields: str) -> str:
    """A practitioner `user` walks to a sharing outcome and records; returns the reference."""
    from tests.e2e.conftest import SHARE_FIELDS

    practitioner = Practitioner(slack, bot, user=user)
    await practitioner.start()
    await practitioner.walk(SHARE_WITHOUT_CONSENT)
    await practitioner.record({**SHARE_FIELDS, **fields})
    for _, decision in await outbox_rows(bot):
        if decision.user_id == user:
            return decision.reference
    raise AssertionError(f"no decision recorded for {user}")
