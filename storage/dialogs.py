"""Dialog sessions: at most one open per user, saved by compare-and-set on revision. A
dialog that ends (recorded or abandoned) forgets its name digests and draft in that write."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import and_, bindparam, case, delete, or_, update
from sqlalchemy import select as core_select
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select

from storage.errors import DialogAlreadyOpen, StaleDialog
from storage.prepared import Prepared
from storage.repository import Link, Repository
from storage.tables import OPEN_DIALOG_STATUSES, DialogSession, DialogStatus

#: Statuses that end a dialog: nothing more is anonymised or drafted in it.
ENDED_DIALOG_STATUSES = (DialogStatus.RECORDED, DialogStatus.ABANDONED)

# A dialog at an outcome whose one not-recorded reminder has gone out.
_REMINDED_AT_OUTCOME = and_(
    col(DialogSession.status) == DialogStatus.OUTCOME,
    col(DialogSession.outcome_reminded_at).is_not(None),
)

_DIGEST = re.compile(r"[0-9a-f]{16,128}")
_TABLE = DialogSession.__table__  # type: ignore[attr-defined]
_IS_OPEN = or_(*(_TABLE.c.status == status for status in OPEN_DIALOG_STATUSES))

# The statements of every click, built once: constructing one and its cache key costs more than
# SQLite takes to run it. Core on the table: the ORM's bulk-update path cost more still, and
# the rows handed out are detached snapshots anyway. `_IS_OPEN` rather than `in_`, whose list
# is expanded into the SQL again at every execution.
_SAVE = Prepared(
    update(_TABLE)
    .where(
        _TABLE.c.id == bindparam("dialog_id"),
        _TABLE.c.revision == bindparam("read_revision"),
        _IS_OPEN,
    )
    .values(  # not channel_id / message_ts: only mark_shown writes where a step is shown
        state=bindparam("new_state"),
        status=bindparam("new_status"),
        known_identifiers=bindparam("new_known"),
        draft=bindparam("new_draft"),
        revision=_TABLE.c.revision + 1,
        updated_at=bindparam("now"),
        nudged_at=None,  # any save ends the idle spell
        expired_at=bindparam("new_expired_at"),
    )
    .returning(_TABLE.c.revision)
)
_MARK_SHOWN = Prepared(
    update(_TABLE)
    .where(_TABLE.c.id == bindparam("dialog_id"), _TABLE.c.revision == bindparam("read_revision"))
    .values(
        channel_id=bindparam("new_channel_id"),
        message_ts=bindparam("new_message_ts"),
        updated_at=bindparam("now"),
        nudged_at=None,
    )
)
# The click's read, like its write: Core on the table, the row made into a DialogSession that
# no session ever holds (no ORM loading, identity map or expunge per click).
_OPEN_FOR = Prepared(
    core_select(_TABLE).where(
        _TABLE.c.team_id == bindparam("team_id"), _TABLE.c.user_id == bindparam("user_id"), _IS_OPEN
    )
)
_GET = Prepared(core_select(_TABLE).where(_TABLE.c.id == bindparam("dialog_id")))


_NEW_DIALOG = DialogSession.__mapper__.class_manager.new_instance  # type: ignore[attr-defined]


def _dialog_of(values: dict[str, Any] | None) -> DialogSession | None:
    """The row as a DialogSession, made as the ORM makes a loaded one (its values put in place),
    not through the constructor, whose per-field instrumented writes were a fifth of a click's
    transaction."""
    if values is None:
        return None
    dialog: DialogSession = _NEW_DIALOG()
    dialog.__dict__.update(values)
    object.__setattr__(dialog, "__pydantic_fields_set__", set(values))
    return dialog


def check_identifier_digests(digests: Iterable[Any]) -> list[str]:
    """The anonymiser's name memory must hold hex digests only, never raw text."""
    checked = list(digests)
    for digest in checked:
        if not isinstance(digest, str) or not _DIGEST.fullmatch(digest):
            raise ValueError("known_identifiers must hold lowercase hex digests only")
    return checked


async def compare_and_set(link: Link, dialog: DialogSession, now: datetime) -> None:
    """Write ``dialog`` if the stored row is still at ``dialog.revision`` and still open;
    bump the revision. Otherwise raise StaleDialog and write nothing.

    A dialog saved as recorded or abandoned is written without its name digests
    (``known_identifiers``) and draft: hashing a names list with the key would recover them,
    and an ended dialog needs neither. ``dialog`` reflects that once the write succeeds."""
    if dialog.id is None:
        raise ValueError("only a dialog made by tx.dialogs.create can be saved")
    status = DialogStatus(dialog.status)
    ended = status in ENDED_DIALOG_STATUSES
    known = [] if ended else check_identifier_digests(dialog.known_identifiers)
    draft = None if ended else dialog.draft
    parameters = {
        "dialog_id": dialog.id,
        "read_revision": dialog.revision,
        "new_state": dialog.state,
        "new_status": status,
        "new_known": known,
        "new_draft": draft,
        "now": now,
        "new_expired_at": dialog.expired_at if status == DialogStatus.ABANDONED else None,
    }
    revision = (await link.run(_SAVE, parameters)).scalar()
    if revision is None:
        raise StaleDialog(dialog.id)
    dialog.revision = revision
    dialog.updated_at = now
    dialog.nudged_at = None
    dialog.known_identifiers, dialog.draft = known, draft


class DialogStore(Repository):
    async def open_for(self, team_id: str, user_id: str) -> DialogSession | None:
        """The user's one dialog that is active, paused or at an outcome, if any."""
        found = await self._link.run(_OPEN_FOR, {"team_id": team_id, "user_id": user_id})
        return _dialog_of(found.first())

    async def get(self, dialog_id: int) -> DialogSession | None:
        return _dialog_of((await self._link.run(_GET, {"dialog_id": dialog_id})).first())

    async def create(
        self,
        team_id: str,
        user_id: str,
        flow_id: str,
        flow_version: int,
        state: dict[str, Any],
        now: datetime | None = None,
        *,
        channel_id: str | None = None,
    ) -> DialogSession:
        """Start a dialog. Raises DialogAlreadyOpen if the user has an open one (also when
        a concurrent transaction opened one first)."""
        moment = self._moment(now)
        if await self.open_for(team_id, user_id) is not None:
            raise DialogAlreadyOpen()
        dialog = DialogSession(
            team_id=team_id,
            user_id=user_id,
            channel_id=channel_id,
            message_ts=None,
            flow_id=flow_id,
            flow_version=flow_version,
            state=state,
            status=DialogStatus.ACTIVE,
            known_identifiers=[],
            draft=None,
            revision=1,
            created_at=moment,
            updated_at=moment,
            nudged_at=None,
            outcome_reminded_at=None,
            expired_at=None,
        )
        try:
            # A savepoint, so losing the race on the partial unique index leaves the
            # surrounding transaction usable.
            async with self._session.begin_nested():
                self._session.add(dialog)
        except IntegrityError as error:
            raise DialogAlreadyOpen() from error
        return self._detach(dialog)

    async def mark_shown(
        self, dialog: DialogSession, channel_id: str, message_ts: str, now: datetime | None = None
    ) -> bool:
        """Remember which message shows the dialog's step, if the dialog is still at the
        revision it was read at. Not a change of the dialog: the revision stays, so an action
        in flight (a move, a draft) is not refused for it. False if the dialog has changed.
        Showing the step (again, say after a reminder's Carry on) ends an idle spell."""
        assert dialog.id is not None
        moment = self._moment(now)
        if not await self.mark_shown_at(dialog.id, dialog.revision, channel_id, message_ts, moment):
            return False
        dialog.channel_id, dialog.message_ts = channel_id, message_ts
        dialog.updated_at, dialog.nudged_at = moment, None
        return True

    async def mark_shown_at(
        self,
        dialog_id: int,
        revision: int,
        channel_id: str,
        message_ts: str,
        now: datetime | None = None,
    ) -> bool:
        """`mark_shown` for a dialog known by id and revision, in one statement."""
        parameters = {
            "dialog_id": dialog_id,
            "read_revision": revision,
            "new_channel_id": channel_id,
            "new_message_ts": message_ts,
            "now": self._moment(now),
        }
        result = await self._link.run(_MARK_SHOWN, parameters)
        return bool(result.rowcount == 1)

    async def save(self, dialog: DialogSession, now: datetime | None = None) -> None:
        """Compare-and-set: raises StaleDialog if another action changed or ended the
        dialog since it was read. On success ``dialog.revision`` is the new revision."""
        await compare_and_set(self._link, dialog, self._moment(now))

    async def idle_unnudged(self, idle_since: datetime, limit: int = 100) -> list[DialogSession]:
        """Open dialogs untouched since before ``idle_since`` and not yet reminded, oldest
        first. A dialog at an outcome is reminded once in its life (``outcome_reminded_at``)."""
        found = await self._session.exec(
            select(DialogSession)
            .where(
                col(DialogSession.status).in_(OPEN_DIALOG_STATUSES),
                col(DialogSession.updated_at) < self._moment(idle_since),
                col(DialogSession.nudged_at).is_(None),
                ~_REMINDED_AT_OUTCOME,
            )
            .order_by(col(DialogSession.updated_at), col(DialogSession.id))
            .limit(limit)
        )
        return [self._detach(dialog) for dialog in found.all()]

    async def mark_nudged(self, dialog: DialogSession, now: datetime | None = None) -> bool:
        """Claim the reminder for ``dialog``: True for exactly one caller across replicas
        (the dialog must be unchanged since read, open, and not yet reminded). Not a save:
        the revision stays, so a practitioner's click at the same moment still lands. At an
        outcome, the claim is also the dialog's one not-recorded reminder."""
        moment = self._moment(now)
        at_outcome = DialogStatus(dialog.status) == DialogStatus.OUTCOME
        claimed = await self._session.exec(
            update(DialogSession)
            .where(
                col(DialogSession.id) == dialog.id,
                col(DialogSession.revision) == dialog.revision,
                col(DialogSession.status).in_(OPEN_DIALOG_STATUSES),
                col(DialogSession.nudged_at).is_(None),
                ~_REMINDED_AT_OUTCOME,
            )
            .values(
                nudged_at=moment,
                outcome_reminded_at=moment if at_outcome else DialogSession.outcome_reminded_at,
            )
            .execution_options(synchronize_session=False)
        )
        if not claimed.rowcount:
            return False
        dialog.nudged_at = moment
        if at_outcome:
            dialog.outcome_reminded_at = moment
        return True

    async def unmark_nudged(self, dialog_id: int, nudged_at: datetime) -> None:
        """Give back a reminder claim whose DM could not be sent, so a later round retries."""
        moment = self._moment(nudged_at)
        await self._session.exec(
            update(DialogSession)
            .where(
                col(DialogSession.id) == dialog_id,
                col(DialogSession.nudged_at) == moment,
            )
            .values(
                nudged_at=None,
                outcome_reminded_at=case(
                    (col(DialogSession.outcome_reminded_at) == moment, None),
                    else_=col(DialogSession.outcome_reminded_at),
                ),
            )
            .execution_options(synchronize_session=False)
        )

    async def idle_open(self, idle_since: datetime, limit: int = 100) -> list[DialogSession]:
        """Open dialogs untouched since before ``idle_since`` (to expire), oldest first."""
        found = await self._session.exec(
            select(DialogSession)
            .where(
                col(DialogSession.status).in_(OPEN_DIALOG_STATUSES),
                col(DialogSession.updated_at) < self._moment(idle_since),
            )
            .order_by(col(DialogSession.updated_at), col(DialogSession.id))
            .limit(limit)
        )
        return [self._detach(dialog) for dialog in found.all()]

    async def purge_abandoned(self, ended_before: datetime) -> int:
        """Delete abandoned dialogs that ended before ``ended_before``; how many went."""
        result = await self._session.exec(
            delete(DialogSession).where(
                col(DialogSession.status) == DialogStatus.ABANDONED,
                col(DialogSession.updated_at) < self._moment(ended_before),
            )
        )
        return result.rowcount
