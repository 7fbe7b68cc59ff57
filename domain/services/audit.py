"""Every state change leaves a line in the audit log: who, what, when, from which channel."""

from __future__ import annotations

from datetime import datetime

from domain.model import AuditEntry
from domain.policy import Actor
from domain.ports import UnitOfWork


async def record(
    uow: UnitOfWork,
    actor: Actor | None,
    action: str,
    entity: str,
    entity_id: object,
    now: datetime,
    **details: object,
) -> None:
    await uow.audit.record(entry(actor, action, entity, entity_id, now, **details))


def entry(
    actor: Actor | None,
    action: str,
    entity: str,
    entity_id: object,
    now: datetime,
    **details: object,
) -> AuditEntry:
    """The line, for a repository that writes it with the change in one statement."""
    return AuditEntry(
        action=action,
        entity=entity,
        entity_id=None if entity_id is None else str(entity_id),
        details=details,
        actor_officer_id=actor.officer_id if actor else None,
        channel=actor.channel.value if actor else "cli",
        at=now,
    )
