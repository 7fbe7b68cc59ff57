"""The officer's list of open tasks (/viec)."""

from __future__ import annotations

from bot.i18n import Translator
from bot.request import Button, Reply
from bot.views import fmt
from bot.views.menu import command_button
from domain.services.tasks import Task, TaskKind

# The command that does a task, offered as a button under the list.
TASK_COMMANDS = {
    TaskKind.PLEDGE: ("btn-pledge", "dangky"),
    TaskKind.PLEDGE_RETURNED: ("btn-pledge", "dangky"),
    TaskKind.REVIEW_PLEDGES: ("btn-review", "duyet"),
    TaskKind.SIGN_COVENANT: ("btn-sign", "kyket"),
    TaskKind.VOTE: ("btn-vote", "binhxet"),
    TaskKind.SCORE: ("btn-task-score", "chamdiem"),
    TaskKind.ATTEND: ("btn-conferences", "hoinghi"),
}


def task_list(t: Translator, owner: str, tasks: list[Task]) -> Reply:
    buttons = [[command_button(t("btn-bloc"), "khoi"), command_button(t("btn-menu"), "menu")]]
    if not tasks:
        return Reply(t("tasks-none", owner=owner), buttons)
    lines = [t("tasks-title", owner=owner)]
    actions: list[Button] = []
    for task in tasks:
        line = t(f"task-{task.kind.value}", **task.values)
        if task.kind is TaskKind.VOTE and task.due is not None:
            line += " — " + t("task-closes", at=fmt.date_time(task.due))  # same-day deadline
        elif task.kind is TaskKind.ATTEND and task.due is not None:
            line += " — " + t("task-starts", at=fmt.date_time(task.due))
        elif task.due is not None:
            line += " — " + t("task-due", date=fmt.date(task.due))
        lines.append(f"• {line}")  # numbers are kept for the choices on Zalo and the console
        if task.kind in TASK_COMMANDS:
            label, command = TASK_COMMANDS[task.kind]
            if all(button.action.args[0] != command for button in actions):
                actions.append(command_button(t(label), command))
    return Reply("\n".join(lines), [[button] for button in actions] + buttons)
