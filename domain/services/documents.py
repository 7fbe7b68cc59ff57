"""Numbering the bloc's documents: each takes the next number of its year once, keeps it
when made again, and a later edition (a covenant issued again) takes a new one. The leader or
deputy sees the year's register and sets the next number, e.g. to follow papers numbered by
hand before the bot."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.documents import (
    NUMBER_MAX,
    DocumentKind,
    DocumentNumber,
    IssuedDocument,
    number_of,
)
from domain.errors import DocumentNumberInvalid
from domain.model import Bloc
from domain.policy import Permission, require
from domain.ports import UnitOfWork
from domain.services import audit
from domain.services.members import Membership
from domain.settings import LOCAL_TZ


async def number_for(
    uow: UnitOfWork, bloc: Bloc, kind: DocumentKind, subject_id: int, dated: datetime
) -> DocumentNumber:
    """The number the document has, or the next one of the year it is dated in."""
    assert bloc.id is not None
    editions = await uow.documents.issued(bloc.id, kind, subject_id)
    if editions:
        return number_of(bloc, editions[-1])
    return number_of(bloc, await _register(uow, bloc, kind, subject_id, 1, dated))


async def current(
    uow: UnitOfWork, bloc: Bloc, kind: DocumentKind, subject_id: int
) -> tuple[DocumentNumber, DocumentNumber | None] | None:
    """The latest edition's number and the one it replaces; None when never issued."""
    assert bloc.id is not None
    editions = await uow.documents.issued(bloc.id, kind, subject_id)
    if not editions:
        return None
    replaced = number_of(bloc, editions[-2]) if len(editions) > 1 else None
    return number_of(bloc, editions[-1]), replaced


async def issue_edition(
    uow: UnitOfWork, bloc: Bloc, kind: DocumentKind, subject_id: int, now: datetime
) -> DocumentNumber:
    """A new edition, which replaces the ones before, with a number of its own."""
    assert bloc.id is not None
    editions = await uow.documents.issued(bloc.id, kind, subject_id)
    edition = editions[-1].edition + 1 if editions else 1
    return number_of(bloc, await _register(uow, bloc, kind, subject_id, edition, now))


async def _register(
    uow: UnitOfWork, bloc: Bloc, kind: DocumentKind, subject_id: int, edition: int,
    dated: datetime,
) -> IssuedDocument:  # fmt: skip
    assert bloc.id is not None
    year = _local_year(dated)
    number = await uow.documents.take_number(bloc.id, year)
    document = IssuedDocument(bloc.id, kind, subject_id, edition, year, number, dated)
    return await uow.documents.add(document)


@dataclass(frozen=True)
class Register:
    """The year's numbered documents and the number the next one takes."""

    year: int
    entries: tuple[tuple[IssuedDocument, DocumentNumber], ...]
    next_number: int

    @property
    def last_number(self) -> int:
        return max((entry.number for entry, _ in self.entries), default=0)


async def register(uow: UnitOfWork, member: Membership, now: datetime) -> Register:
    require(member.actor, Permission.NUMBER_DOCUMENTS, member.year)
    bloc = member.bloc
    assert bloc.id is not None
    year = _local_year(now)
    entries = await uow.documents.of_year(bloc.id, year)
    return Register(
        year,
        tuple((entry, number_of(bloc, entry)) for entry in entries),
        await uow.documents.next_number(bloc.id, year),
    )


async def set_next_number(
    uow: UnitOfWork, member: Membership, text: str, now: datetime
) -> Register:
    """From what the leader typed: a whole number past the last one issued this year."""
    before = await register(uow, member, now)
    typed = text.strip().lstrip("0") or "0"
    if not typed.isdigit() or not before.last_number < int(typed) <= NUMBER_MAX:
        raise DocumentNumberInvalid(text=text.strip()[:20], last=before.last_number, max=NUMBER_MAX)
    assert member.bloc.id is not None
    await uow.documents.set_next_number(member.bloc.id, before.year, int(typed))
    await audit.record(
        uow, member.actor, "documents.next_number", "bloc", member.bloc.code, now,
        year=before.year, number=int(typed), was=before.next_number,
    )  # fmt: skip
    return await register(uow, member, now)


def _local_year(moment: datetime) -> int:
    return (moment.astimezone(LOCAL_TZ) if moment.tzinfo else moment).year
