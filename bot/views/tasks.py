"""The officer's list of open tasks (/viec)."""

from __future__ import annotations

from bot.i18n import Translator
from bot.request import Reply
from bot.views import fmt
from bot.views.menu import command_button
from domain.services.tasks import Task


def task_list(t: Translator, owner: str, tasks: list[Task]) -> Reply:
    buttons = [[command_button(t("btn-bloc"), "khoi"), command_button(t("btn-menu"), "menu")]]
    if not tasks:
        return Reply(t("tasks-none", owner=owner), buttons)
    lines = [t("tasks-title", owner=owner)]
    for task in tasks:
        line = t(f"task-{task.kind.value}", **task.values)
        if task.due is not None:
            line += " — " + t("task-due", date=fmt.date(task.due))
        lines.append(f"• {line}")  # numbers are kept for the choices on Zalo and the console
    return Reply("\n".join(lines), buttons)
