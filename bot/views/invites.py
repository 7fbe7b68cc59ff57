"""The invite list a leader forwards to the member units."""

from __future__ import annotations

from bot.i18n import Translator
from bot.request import Reply
from bot.views import fmt
from bot.views.menu import command_button
from domain.services.invites import UnitInvite


def invite_list(
    t: Translator, bloc_name: str, items: list[UnitInvite], bot_username: str | None
) -> Reply:
    lines = [t("invites-title", bloc=bloc_name)]
    for item in items:
        code = item.invitation.code
        state = t("invites-joined", count=item.joined_officers) if item.joined_officers else ""
        lines.append(f"• {item.unit.name}{state}")
        if bot_username:
            lines.append(f"  https://t.me/{bot_username}?start={code}")
        lines.append("  " + t("invites-code", code=code, date=fmt.date(item.invitation.expires_at)))
    lines.append("")
    lines.append(t("invites-hint"))
    return Reply("\n".join(lines), [[command_button(t("btn-bloc"), "khoi")]])
