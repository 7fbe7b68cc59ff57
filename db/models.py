"""SQLAlchemy models. Rows are translated to domain objects in the repositories."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    ForeignKey,
    Index,
    LargeBinary,
    MetaData,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from db.types import UTCDateTime

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

Points = Numeric(8, 1)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime,
        dict[str, Any]: JSON,
        list[Any]: JSON,
    }


class BlocRow(Base):
    __tablename__ = "blocs"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(255))
    province: Mapped[str] = mapped_column(String(128))
    # Empty: derived (a central city is "thành phố"; a bloc named "Cụm …" is a cụm).
    province_kind: Mapped[str | None] = mapped_column(String(16))
    kind_word: Mapped[str | None] = mapped_column(String(8))
    superior: Mapped[str] = mapped_column(String(255), default="", server_default="")


class UnitRow(Base):
    __tablename__ = "units"
    __table_args__ = (UniqueConstraint("bloc_id", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    bloc_id: Mapped[int] = mapped_column(ForeignKey("blocs.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(255))
    short_name: Mapped[str] = mapped_column(String(128))
    head_name: Mapped[str] = mapped_column(String(128), default="", server_default="")
    head_position: Mapped[str] = mapped_column(String(255), default="", server_default="")


class BlocYearRow(Base):
    __tablename__ = "bloc_years"
    __table_args__ = (UniqueConstraint("bloc_id", "year"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    bloc_id: Mapped[int] = mapped_column(ForeignKey("blocs.id", ondelete="CASCADE"), index=True)
    year: Mapped[int]
    leader_unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    deputy_unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    rotation: Mapped[list[Any]]
    rules: Mapped[dict[str, Any]]
    calendar: Mapped[dict[str, Any]]
    criteria_scale: Mapped[Decimal | None] = mapped_column(Points)
    criteria_bonus_cap: Mapped[Decimal | None] = mapped_column(Points)
    # Renewed whenever the year's members or criteria are written (see db/year_cache.py).
    revision: Mapped[str] = mapped_column(String(32), default="", server_default="")


class BlocYearMemberRow(Base):
    __tablename__ = "bloc_year_members"
    bloc_year_id: Mapped[int] = mapped_column(
        ForeignKey("bloc_years.id", ondelete="CASCADE"), primary_key=True
    )
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), primary_key=True)
    position: Mapped[int]


class CriteriaSectionRow(Base):
    __tablename__ = "criteria_sections"
    __table_args__ = (UniqueConstraint("bloc_year_id", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    bloc_year_id: Mapped[int] = mapped_column(
        ForeignKey("bloc_years.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    code: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(Text)


class CriterionRow(Base):
    __tablename__ = "criteria"
    __table_args__ = (UniqueConstraint("bloc_year_id", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    bloc_year_id: Mapped[int] = mapped_column(
        ForeignKey("bloc_years.id", ondelete="CASCADE"), index=True
    )
    section_id: Mapped[int | None] = mapped_column(
        ForeignKey("criteria_sections.id", ondelete="CASCADE")
    )
    kind: Mapped[str] = mapped_column(String(16))  # item | bonus | penalty
    position: Mapped[int]
    code: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(Text)
    max_points: Mapped[Decimal] = mapped_column(Points)
    per_occurrence: Mapped[bool] = mapped_column(default=False)
    fact: Mapped[str | None] = mapped_column(String(32))  # penalties the bot fills in


class OfficerRow(Base):
    __tablename__ = "officers"
    id: Mapped[int] = mapped_column(primary_key=True)
    full_name: Mapped[str] = mapped_column(String(255))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    board_role: Mapped[str | None] = mapped_column(String(16))


class IdentityRow(Base):
    __tablename__ = "identities"
    __table_args__ = (UniqueConstraint("channel", "external_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    external_id: Mapped[str] = mapped_column(String(64))
    display_name: Mapped[str] = mapped_column(String(255))
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"), index=True)
    locale: Mapped[str | None] = mapped_column(String(8))
    blocked_at: Mapped[datetime | None]


class InvitationRow(Base):
    __tablename__ = "invitations"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    board_role: Mapped[str | None] = mapped_column(String(16))
    created_at: Mapped[datetime | None]
    expires_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]
    uses: Mapped[int] = mapped_column(default=0)
    max_uses: Mapped[int | None]


class GroupChatRow(Base):
    __tablename__ = "group_chats"
    __table_args__ = (UniqueConstraint("channel", "chat_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    chat_id: Mapped[str] = mapped_column(String(64))
    bloc_id: Mapped[int] = mapped_column(ForeignKey("blocs.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(255))
    bound_by: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))
    thread_id: Mapped[str | None] = mapped_column(String(32))  # a forum topic


class AuditRow(Base):
    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_entity", "entity", "entity_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime]
    actor_officer_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))
    channel: Mapped[str | None] = mapped_column(String(16))
    action: Mapped[str] = mapped_column(String(64))
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str | None] = mapped_column(String(64))
    details: Mapped[dict[str, Any]]


class ProcessedUpdateRow(Base):
    """Update ids already handled, so a redelivered update is recognised and ignored."""

    __tablename__ = "processed_updates"
    channel: Mapped[str] = mapped_column(String(16), primary_key=True)
    update_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    processed_at: Mapped[datetime] = mapped_column(index=True)


class ConversationRow(Base):
    """Where a person is in a conversation, kept in the database to survive restarts."""

    __tablename__ = "conversations"
    __table_args__ = (UniqueConstraint("channel", "chat_id", "user_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    chat_id: Mapped[str] = mapped_column(String(64))
    user_id: Mapped[str] = mapped_column(String(64))
    state: Mapped[str | None] = mapped_column(String(64))
    data: Mapped[dict[str, Any]]
    choices: Mapped[list[Any]]
    updated_at: Mapped[datetime]


class AppSettingRow(Base):
    __tablename__ = "app_settings"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class ScoreSheetRow(Base):
    __tablename__ = "score_sheets"
    __table_args__ = (UniqueConstraint("bloc_year_id", "unit_id", "scorer_unit_id", "cycle"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    bloc_year_id: Mapped[int] = mapped_column(
        ForeignKey("bloc_years.id", ondelete="CASCADE"), index=True
    )
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    scorer_unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    cycle: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    submitted_at: Mapped[datetime | None]
    submitted_by: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))
    verified_at: Mapped[datetime | None]
    verified_by: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))
    reopened_until: Mapped[datetime | None]
    reopen_reason: Mapped[str] = mapped_column(Text, default="", server_default="")


class ScoreEntryRow(Base):
    """One criterion of one sheet: officers scoring different items never collide."""

    __tablename__ = "score_entries"
    sheet_id: Mapped[int] = mapped_column(
        ForeignKey("score_sheets.id", ondelete="CASCADE"), primary_key=True
    )
    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    points: Mapped[Decimal | None] = mapped_column(Points)
    occurrences: Mapped[int | None]
    verified: Mapped[Decimal | None] = mapped_column(Points)
    verify_reason: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))
    updated_at: Mapped[datetime | None]
    verified_occurrences: Mapped[int | None]
    verified_at: Mapped[datetime | None]
    verified_by: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))
    answer: Mapped[str | None] = mapped_column(String(16))
    answer_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    answered_at: Mapped[datetime | None]
    answered_by: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))
    # Raised on every save: a page that saves with the version it showed learns of a
    # colleague's change made meanwhile instead of overwriting it.
    version: Mapped[int] = mapped_column(default=0, server_default="0")
    source: Mapped[str | None] = mapped_column(String(16))  # None: typed; bot | copied


class EvidenceRow(Base):
    __tablename__ = "evidence"
    id: Mapped[int] = mapped_column(primary_key=True)
    sheet_id: Mapped[int] = mapped_column(
        ForeignKey("score_sheets.id", ondelete="CASCADE"), index=True
    )
    code: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(16))
    reference: Mapped[str] = mapped_column(Text)
    name: Mapped[str] = mapped_column(String(255), default="")
    size: Mapped[int] = mapped_column(default=0)
    added_by: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))
    added_at: Mapped[datetime | None]
    channel: Mapped[str] = mapped_column(String(16), default="", server_default="")


class PublishedRankingRow(Base):
    __tablename__ = "published_rankings"
    bloc_year_id: Mapped[int] = mapped_column(
        ForeignKey("bloc_years.id", ondelete="CASCADE"), primary_key=True
    )
    cycle: Mapped[str] = mapped_column(String(16), primary_key=True)
    published_at: Mapped[datetime]
    published_by: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))


class StoredFileRow(Base):
    """A generated document kept for a while, fetched through a signed, expiring link
    (Zalo sends links, not files). In the database so every worker can serve it."""

    __tablename__ = "stored_files"
    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(255))
    mime_type: Mapped[str] = mapped_column(String(128))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime] = mapped_column(index=True)


class CampaignRow(Base):
    """A themed campaign of a bloc year (chuyên đề thi đua)."""

    __tablename__ = "campaigns"
    __table_args__ = (UniqueConstraint("bloc_year_id", "title"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    bloc_year_id: Mapped[int] = mapped_column(
        ForeignKey("bloc_years.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(255))


class PledgeRow(Base):
    """A unit's pledge for a year; the titles are a short list of codes, kept as JSON."""

    __tablename__ = "pledges"
    __table_args__ = (UniqueConstraint("bloc_year_id", "unit_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    bloc_year_id: Mapped[int] = mapped_column(
        ForeignKey("bloc_years.id", ondelete="CASCADE"), index=True
    )
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    titles: Mapped[list[Any]]
    commitments: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16))
    return_reason: Mapped[str] = mapped_column(Text, default="")
    submitted_at: Mapped[datetime | None]
    submitted_by: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))
    decided_at: Mapped[datetime | None]
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))
    signed_at: Mapped[datetime | None]
    signed_by: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))


class PledgeCampaignRow(Base):
    """A campaign chosen in a pledge; removing the campaign removes the choice."""

    __tablename__ = "pledge_campaigns"
    pledge_id: Mapped[int] = mapped_column(
        ForeignKey("pledges.id", ondelete="CASCADE"), primary_key=True
    )
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaigns.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class BallotRow(Base):
    """A ballot (bình xét). The threshold is kept as text so that 2/3 comes back exactly."""

    __tablename__ = "ballots"
    id: Mapped[int] = mapped_column(primary_key=True)
    bloc_year_id: Mapped[int] = mapped_column(
        ForeignKey("bloc_years.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(Text)
    quota: Mapped[int]
    secret: Mapped[bool]
    threshold: Mapped[str] = mapped_column(String(40))
    base: Mapped[str] = mapped_column(String(32))
    place: Mapped[str] = mapped_column(String(255), default="")
    status: Mapped[str] = mapped_column(String(16), index=True)
    round: Mapped[int]
    # One revote per ballot: a second ballot revoting the same one is a unique-key Conflict.
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("ballots.id"), unique=True)
    opened_at: Mapped[datetime]
    opened_by: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))
    closes_at: Mapped[datetime] = mapped_column(index=True)
    closed_at: Mapped[datetime | None]
    reminded_at: Mapped[datetime | None]
    # The minutes' chair, secretary and counting committee (see db/ballots.py); null: none.
    officials: Mapped[dict[str, Any] | None]
    # Random, written with the ballot: what a worker's cache of its candidates is keyed by.
    stamp: Mapped[str | None] = mapped_column(String(16))


class BallotCandidateRow(Base):
    __tablename__ = "ballot_candidates"
    id: Mapped[int] = mapped_column(primary_key=True)
    ballot_id: Mapped[int] = mapped_column(ForeignKey("ballots.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    label: Mapped[str] = mapped_column(String(300))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    score: Mapped[Decimal | None] = mapped_column(Numeric(10, 2))


class BallotVoterRow(Base):
    """Who voted: the unit (one row each, the key) and the officer who cast it. Nothing here
    says when, with which receipt, or what was chosen."""

    __tablename__ = "ballot_voters"
    ballot_id: Mapped[int] = mapped_column(
        ForeignKey("ballots.id", ondelete="CASCADE"), primary_key=True
    )
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), primary_key=True)
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))


class BallotVoteRow(Base):
    """What was chosen. An open ballot's row holds its receipt, its unit (so the vote can be
    changed) and the choices. A secret ballot's row holds only a random key and `sealed`:
    the receipt and the choices encrypted (db/sealing.py) to a fixed length, so that linking
    the row to its voter (same transaction, neighbouring pages) tells nothing of the choice."""

    __tablename__ = "ballot_votes"
    __table_args__ = (UniqueConstraint("ballot_id", "unit_id"), {"sqlite_with_rowid": False})
    ballot_id: Mapped[int] = mapped_column(
        ForeignKey("ballots.id", ondelete="CASCADE"), primary_key=True
    )
    receipt: Mapped[str] = mapped_column(String(16), primary_key=True)  # or the random key
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    approved: Mapped[list[Any]]  # sorted candidate ids; empty when sealed
    sealed: Mapped[bytes | None] = mapped_column(LargeBinary)


class OutboxMessageRow(Base):
    """A message to send, written in the transaction of the change it announces. A pending
    row with a key takes later payloads under that key (many count edits become one)."""

    __tablename__ = "outbox_messages"
    __table_args__ = (
        Index("ix_outbox_messages_due", "status", "not_before"),
        # A chat's pending rows: claims (is the chat held by another worker?) and edits.
        Index("ix_outbox_messages_chat", "channel", "chat_id", "status"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    chat_id: Mapped[str] = mapped_column(String(64))
    payload: Mapped[dict[str, Any]]
    key: Mapped[str | None] = mapped_column(String(128), index=True)
    track: Mapped[str | None] = mapped_column(String(128))
    edit_of: Mapped[str | None] = mapped_column(String(128))
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(default=0)
    not_before: Mapped[datetime]
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]
    platform_message_id: Mapped[str | None] = mapped_column(String(64))
    error: Mapped[str] = mapped_column(Text, default="")
    expires_at: Mapped[datetime | None]  # not sent once passed: marked expired instead
    # A dispatcher's claim: other workers leave the row alone until the lease runs out.
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    claimed_until: Mapped[datetime | None]


from db import document_rows as _document_rows  # noqa: E402,F401  (registers the rows too)
from db import year_rows as _year_rows  # noqa: E402,F401  (registers the rows on Base.metadata)


class WebLinkRow(Base):
    """A single-use sign-in link for the web pages (Zalo, console); only its hash is kept."""

    __tablename__ = "web_links"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    external_id: Mapped[str] = mapped_column(String(64))
    path: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime] = mapped_column(index=True)
    used_at: Mapped[datetime | None]


class WebSessionRow(Base):
    """A browser signed in to the web pages as one chat account; only the cookie's hash."""

    __tablename__ = "web_sessions"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    external_id: Mapped[str] = mapped_column(String(64))
    csrf: Mapped[str] = mapped_column(String(64))
    data: Mapped[dict[str, Any]]
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime] = mapped_column(index=True)


from db import zalo_oa as _zalo_oa  # noqa: E402,F401  (registers the Official Account's rows)
