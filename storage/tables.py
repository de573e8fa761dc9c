"""The tables. Schema changes go through a migration in storage/migrations/versions/."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import BigInteger, Column, Date, ForeignKey, Index, Integer, String, text
from sqlmodel import Field, SQLModel

from storage.columns import PortableJSON, StrEnumType, UTCDateTime


class DialogStatus(StrEnum):
    ACTIVE = "active"
    PAUSED = "paused"
    OUTCOME = "outcome"
    RECORDED = "recorded"
    ABANDONED = "abandoned"


#: A user has at most one dialog in these statuses.
OPEN_DIALOG_STATUSES: tuple[DialogStatus, ...] = (
    DialogStatus.ACTIVE,
    DialogStatus.PAUSED,
    DialogStatus.OUTCOME,
)
OPEN_DIALOG_WHERE = "status IN ('active', 'paused', 'outcome')"


class OutboxStatus(StrEnum):
    PENDING = "pending"
    POSTED = "posted"
    # Slack refused it for good (or it could not be built): kept, never retried.
    SET_ASIDE = "set_aside"


def _text(length: int, *, nullable: bool = False, **kwargs: Any) -> Any:
    return Field(sa_column=Column(String(length), nullable=nullable, **kwargs))


def _moment(*, nullable: bool = False, index: bool = False) -> Any:
    return Field(sa_column=Column(UTCDateTime(), nullable=nullable, index=index))


def _json(*, nullable: bool = False) -> Any:
    return Field(sa_column=Column(PortableJSON, nullable=nullable))


class DialogSession(SQLModel, table=True):
    """One practitioner's walk through a flow, in their DM with the bot."""

    __tablename__ = "dialog_session"
    __table_args__ = (
        Index(
            "uq_dialog_session_open_per_user",
            "team_id",
            "user_id",
            unique=True,
            sqlite_where=text(OPEN_DIALOG_WHERE),
            postgresql_where=text(OPEN_DIALOG_WHERE),
        ),
        Index("ix_dialog_session_user", "team_id", "user_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = _text(64)
    user_id: str = _text(64)
    channel_id: str | None = _text(64, nullable=True)
    message_ts: str | None = _text(32, nullable=True)
    flow_id: str = _text(64)
    flow_version: int = Field(sa_column=Column(Integer, nullable=False))
    state: dict[str, Any] = _json()
    status: DialogStatus = Field(
        sa_column=Column(StrEnumType(DialogStatus), nullable=False),
    )
    # Hex digests only: the anonymiser's per-dialog memory of names, never raw text. Both
    # it and the draft are cleared when the dialog is recorded or abandoned (storage.dialogs).
    known_identifiers: list[str] = _json()
    draft: dict[str, Any] | None = _json(nullable=True)
    revision: int = Field(sa_column=Column(Integer, nullable=False))
    created_at: datetime = _moment()
    updated_at: datetime = _moment(index=True)
    # When the idle reminder went out; cleared by every save, so one reminder per idle spell.
    nudged_at: datetime | None = _moment(nullable=True)
    # When the practitioner was reminded that the outcome they reached is not recorded: no
    # save clears it, so that reminder goes out once in the dialog's life.
    outcome_reminded_at: datetime | None = _moment(nullable=True)
    # Set when an idle dialog was closed as abandoned for lack of activity (lifecycle.expire).
    expired_at: datetime | None = _moment(nullable=True)


class SlackDelivery(SQLModel, table=True):
    """A Slack delivery (event, command or action) already processed; pruned after a day."""

    __tablename__ = "slack_delivery"

    key: str = Field(sa_column=Column(String(255), primary_key=True))
    received_at: datetime = _moment(index=True)


class Decision(SQLModel, table=True):
    """A recorded decision, pseudonymised: the practitioner's Slack user ID and anonymised
    text. Append-only: database triggers refuse UPDATE, REPLACE, TRUNCATE, and any DELETE
    not covered by a logged purge (migration 0002, storage.purge)."""

    __tablename__ = "decision"
    __table_args__ = (Index("uq_decision_chain_seq", "chain_seq", unique=True),)

    id: int | None = Field(default=None, primary_key=True)
    reference: str = _text(32, unique=True)
    # Provenance only, not a foreign key: dialogs may be purged before decisions.
    dialog_id: int = Field(sa_column=Column(Integer, nullable=False, unique=True))
    team_id: str = _text(64)
    user_id: str = _text(64)
    flow_id: str = _text(64)
    flow_version: int = Field(sa_column=Column(Integer, nullable=False))
    outcome: str = _text(64)
    path: list[Any] = _json()
    fields: dict[str, Any] = _json()
    created_at: datetime = _moment(index=True)
    # The hash chain (storage.chain): this row's place, the hash it chains from, its own.
    chain_seq: int = Field(sa_column=Column(Integer, nullable=False))
    prev_hash: str = _text(64)
    row_hash: str = _text(64)


class DecisionReferenceCounter(SQLModel, table=True):
    """The last reference number handed out in a year (IS-<year>-<number>)."""

    __tablename__ = "decision_reference_counter"

    year: int = Field(sa_column=Column(Integer, primary_key=True, autoincrement=False))
    last_number: int = Field(sa_column=Column(Integer, nullable=False))


class AuditOutbox(SQLModel, table=True):
    """A decision's summary waiting to be posted (or posted) to the audit channel."""

    __tablename__ = "audit_outbox"
    __table_args__ = (Index("ix_audit_outbox_due", "status", "next_attempt_at"),)

    id: int | None = Field(default=None, primary_key=True)
    decision_id: int = Field(
        sa_column=Column(
            Integer,
            ForeignKey("decision.id", ondelete="RESTRICT"),
            nullable=False,
            unique=True,
        )
    )
    channel_id: str = _text(64)
    status: OutboxStatus = Field(
        sa_column=Column(StrEnumType(OutboxStatus), nullable=False),
    )
    attempts: int = Field(sa_column=Column(Integer, nullable=False))
    next_attempt_at: datetime = _moment()
    claimed_by: str | None = _text(64, nullable=True)
    claimed_until: datetime | None = _moment(nullable=True)
    posted_ts: str | None = _text(32, nullable=True)
    # A short code such as "ratelimited" or "http_500", never an error message.
    last_error: str | None = _text(40, nullable=True)
    created_at: datetime = _moment()
    posted_at: datetime | None = _moment(nullable=True)


class DecisionPurge(SQLModel, table=True):
    """One purge of old decisions: the only way a decision row can be deleted. Append-only;
    no personal data (counts, the cutoff, a short reason, the process and database role)."""

    __tablename__ = "decision_purge"

    id: int | None = Field(default=None, primary_key=True)
    purged_at: datetime = _moment()
    # Decisions created before this moment were deleted.
    cutoff: datetime = _moment()
    decision_count: int = Field(sa_column=Column(Integer, nullable=False))
    outbox_count: int = Field(sa_column=Column(Integer, nullable=False))
    reason: str = _text(100)
    process: str = _text(64)
    # Set by the database itself on PostgreSQL (current_user, txid_current()); NULL on SQLite.
    database_role: str | None = _text(64, nullable=True)
    transaction_id: int | None = Field(
        default=None, sa_column=Column(BigInteger, nullable=True, index=True)
    )
    # SQLite only (which cannot tie a row to a transaction): deletions this purge may still
    # make; every decision deleted uses one, so none are left once the purge commits.
    remaining: int | None = Field(default=None, sa_column=Column(Integer, nullable=True))


class ReviewKind(StrEnum):
    REVIEWED = "reviewed"
    COMMENT = "comment"
    FOLLOW_UP = "follow_up"
    FOLLOW_UP_CLOSED = "follow_up_closed"


class ReviewStatus(StrEnum):
    """A decision's review status: derived from its reviews (storage.reviews), never stored."""

    AWAITING_REVIEW = "awaiting_review"
    REVIEWED = "reviewed"
    FOLLOW_UP_OPEN = "follow_up_open"


class Review(SQLModel, table=True):
    """One supervisor's review action on a decision. Append-only (migration 0003): deleted
    only with its decision, by a logged purge."""

    __tablename__ = "review"
    __table_args__ = (Index("uq_review_chain_seq", "chain_seq", unique=True),)

    id: int | None = Field(default=None, primary_key=True)
    decision_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("decision.id", ondelete="RESTRICT"), nullable=False, index=True
        )
    )
    kind: ReviewKind = Field(sa_column=Column(StrEnumType(ReviewKind), nullable=False))
    supervisor_id: str = _text(64)
    # Anonymised before it gets here (comments and follow-ups); None for the other kinds.
    text: str | None = _text(3000, nullable=True)
    # A double click or a Slack retry carries the same key and adds nothing.
    idempotency_key: str = _text(255, unique=True)
    created_at: datetime = _moment(index=True)
    chain_seq: int = Field(sa_column=Column(Integer, nullable=False))
    prev_hash: str = _text(64)
    row_hash: str = _text(64)


class ChainHead(SQLModel, table=True):
    """The newest link of the hash chain (one row, id 1): locked by every append."""

    __tablename__ = "chain_head"

    id: int = Field(sa_column=Column(Integer, primary_key=True, autoincrement=False))
    seq: int = Field(sa_column=Column(Integer, nullable=False))
    hash: str = _text(64)


class ChainGap(SQLModel, table=True):
    """A run of chain sequence numbers a logged purge removed, and the hash of the run's last
    row: what the next surviving row chains from. Append-only."""

    __tablename__ = "chain_gap"

    first_seq: int = Field(sa_column=Column(Integer, primary_key=True, autoincrement=False))
    last_seq: int = Field(sa_column=Column(Integer, nullable=False))
    last_hash: str = _text(64)
    purge_id: int = Field(
        sa_column=Column(Integer, ForeignKey("decision_purge.id"), nullable=False)
    )


class DigestPost(SQLModel, table=True):
    """The supervisor digest of one UK calendar day: the row is the claim, so one replica
    posts it."""

    __tablename__ = "digest_post"

    day: date = Field(sa_column=Column(Date, primary_key=True))
    claimed_by: str = _text(64)
    claimed_until: datetime = _moment()
    posted_ts: str | None = _text(32, nullable=True)
    posted_at: datetime | None = _moment(nullable=True)


class FollowUpNotice(SQLModel, table=True):
    """The DM telling a practitioner a decision needs follow-up: written in the review's
    transaction, so it cannot be lost, and sent by the audit poster, so it goes once."""

    __tablename__ = "follow_up_notice"

    review_id: int = Field(
        sa_column=Column(
            Integer,
            ForeignKey("review.id", ondelete="CASCADE"),
            primary_key=True,
            autoincrement=False,
        )
    )
    user_id: str = _text(64)
    attempts: int = Field(sa_column=Column(Integer, nullable=False))
    next_attempt_at: datetime = _moment(index=True)
    claimed_by: str | None = _text(64, nullable=True)
    claimed_until: datetime | None = _moment(nullable=True)
    # A short code such as "http_500"; an ambiguous one makes the next attempt search first.
    last_error: str | None = _text(40, nullable=True)
    sent_ts: str | None = _text(32, nullable=True)


class AdviceRequest(SQLModel, table=True):
    """A practitioner's question to a safeguarding lead, asked from the dialog's advice step.

    Working state, not the record: the decision copies the requests of its dialog into its
    own (hash-chained) fields when it is recorded (bot.core.advice.for_record). Free text is
    anonymised before it gets here. Where a request stands is derived from its moments
    (`bot.core.advice.stage_of`), never stored as a status."""

    __tablename__ = "advice_request"
    __table_args__ = (
        Index("ix_advice_request_dialog", "dialog_id"),
        Index("ix_advice_request_user", "team_id", "user_id"),
        Index("ix_advice_request_announce", "announce_due_at"),
        Index("ix_advice_request_reply", "reply_due_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    # The ask modal's view: a second submission of the same modal edits the same draft.
    request_key: str = _text(255, unique=True)
    # Provenance only, not a foreign key (a dialog is removed a day after it ends).
    dialog_id: int = Field(sa_column=Column(Integer, nullable=False))
    team_id: str = _text(64)
    user_id: str = _text(64)
    # The advice step it was asked at (node, answers then), and the question it is about.
    node: str = _text(64)
    answered: int = Field(sa_column=Column(Integer, nullable=False))
    question_node: str | None = _text(64, nullable=True)
    question: str = _text(3000)
    description: str = _text(3000)
    urgency: str = _text(16)
    created_at: datetime = _moment()
    sent_at: datetime | None = _moment(nullable=True)
    # The next announcement in the advice channel, claimed by moving it on (compare-and-set).
    announce_due_at: datetime | None = _moment(nullable=True)
    announcements: int = Field(sa_column=Column(Integer, nullable=False))
    channel_id: str | None = _text(64, nullable=True)
    post_ts: str | None = _text(32, nullable=True)
    taken_by: str | None = _text(64, nullable=True)
    taken_at: datetime | None = _moment(nullable=True)
    answered_by: str | None = _text(64, nullable=True)
    answered_at: datetime | None = _moment(nullable=True)
    advice: str | None = _text(3000, nullable=True)
    suggestion: str | None = _text(16, nullable=True)
    # The answer's DM to the practitioner, queued with the answer and claimed like a post.
    reply_due_at: datetime | None = _moment(nullable=True)
    reply_ts: str | None = _text(32, nullable=True)
    # What the practitioner did with the answer: "applied" or "kept" (answered themselves).
    choice: str | None = _text(16, nullable=True)
    chosen_at: datetime | None = _moment(nullable=True)
    withdrawn_at: datetime | None = _moment(nullable=True)
