"""Per-account preferences (the language of the replies)."""

from __future__ import annotations

from datetime import datetime

from domain.model import Identity
from domain.ports import UnitOfWork
from domain.services import audit

SUPPORTED_LOCALES = ("vi", "en")


async def set_locale(uow: UnitOfWork, identity: Identity, locale: str, now: datetime) -> str:
    if locale not in SUPPORTED_LOCALES:
        raise ValueError(locale)
    if identity.locale != locale:
        identity.locale = locale
        await uow.people.save_identity(identity)
        await audit.record(
            uow, None, "identity.locale", "identity", identity.id, now, locale=locale
        )
    return locale
