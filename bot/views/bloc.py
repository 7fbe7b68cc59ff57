"""The bloc screen (/khoi) and the group binding confirmation."""

from __future__ import annotations

from bot.i18n import Translator
from bot.request import Reply
from bot.views.menu import command_button
from domain.model import GroupChat, Role
from domain.services.blocs import BlocOverview
from domain.services.groups import GroupBound


def overview(t: Translator, view: BlocOverview) -> Reply:
    deputy = view.deputy
    lines = [
        t("bloc-title", bloc=view.bloc.name, year=view.year.year),
        t("bloc-province", province=view.bloc.province),
        t("bloc-leader", unit=view.leader.unit.name),
        t("bloc-deputy", unit=deputy.unit.name) if deputy else t("bloc-no-deputy"),
        "",
        t("bloc-units", joined=view.joined_count, total=len(view.units)),
    ]
    for status in view.units:
        mark = t("bloc-unit-joined") if status.joined else t("bloc-unit-not-joined")
        role = ""
        if status.role is Role.LEADER:
            role = t("bloc-role-leader")
        elif status.role is Role.DEPUTY:
            role = t("bloc-role-deputy")
        mine = (
            t("bloc-unit-mine")
            if view.viewer_unit and view.viewer_unit.id == status.unit.id
            else ""
        )
        # Bullets, not numbers: on Zalo and the console numbers are the choices below.
        lines.append(f"• {status.unit.name}{role}{mine} — {mark}")
    lines.append("")
    if view.groups:
        titles = ", ".join(group_title(t, group) for group in view.groups)
        lines.append(t("bloc-groups", titles=titles))
    else:
        lines.append(t("bloc-no-group"))
    return Reply(
        "\n".join(lines),
        [[command_button(t("btn-tasks"), "viec"), command_button(t("btn-menu"), "menu")]],
    )


def group_bound(t: Translator, result: GroupBound, bloc_name: str) -> Reply:
    key = "group-already-bound-here" if result.already else "group-bound"
    return Reply(t(key, title=group_title(t, result.group), bloc=bloc_name))


def group_title(t: Translator, group: GroupChat) -> str:
    """Zalo tells no group name; such a group is named by its channel."""
    return group.title or t("group-untitled", channel=group.channel.value)
