"""The officer's list of open tasks (/viec): each with its deadline and the days left."""

from __future__ import annotations

from datetime import datetime

from bot.i18n import Translator
from bot.request import Action, Button, Reply
from bot.views import fmt
from bot.views.menu import command_button
from domain.local_time import days_left
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
    TaskKind.VERIFY: ("btn-cycle-verify", "thamdinh"),
    TaskKind.EXPLANATIONS: ("btn-cycle-verify", "thamdinh"),
    TaskKind.PUBLISH: ("btn-task-publish", "xephang"),
    TaskKind.BALLOTS: ("btn-vote", "binhxet"),
    TaskKind.SCHEDULE_REVIEW: ("btn-conferences", "hoinghi"),
    TaskKind.HAND_OVER: ("btn-task-hand-over", "bangiao"),
}
# Deadlines at a time of day: the time matters, not only the day.
AT_TIME = {TaskKind.VOTE: "task-closes", TaskKind.ATTEND: "task-starts"}


def task_list(t: Translator, owner: str, tasks: list[Task], now: datetime) -> Reply:
    buttons = [[command_button(t("btn-bloc"), "khoi"), command_button(t("btn-menu"), "menu")]]
    if not tasks:
        return Reply(t("tasks-none", owner=owner), buttons)
    lines = [t("tasks-title", owner=owner)]
    actions: list[list[Button]] = []
    for task in tasks:
        lines.append(f"• {_line(t, task, now)}")  # numbers are kept for the choices on Zalo
        if task.kind is TaskKind.ANSWER_CHANGES:  # answered from the list, as from the notice
            cycle = str(task.values["cycle"])
            agree, explain = Action("ans", (cycle, "a")), Action("ans", (cycle, "x"))
            actions.append([Button(t("btn-answer-agree"), agree),
                            Button(t("btn-answer-explain"), explain)])  # fmt: skip
        elif task.kind in TASK_COMMANDS:
            label, command = TASK_COMMANDS[task.kind]
            if all(row[0].action.args[:1] != (command,) for row in actions):
                actions.append([command_button(t(label), command)])
    return Reply("\n".join(lines), actions + buttons)


def _line(t: Translator, task: Task, now: datetime) -> str:
    values = dict(task.values)
    if task.kind is TaskKind.BALLOTS:
        kinds = str(values.pop("kinds")).split(",")
        values["ballots"] = ", ".join(t("task-ballot-kind", kind=kind) for kind in kinds)
    line = t(f"task-{task.kind.value}", **values)
    if task.due is None:
        return line
    if task.kind in AT_TIME:  # same-day deadlines
        return f"{line} — {t(AT_TIME[task.kind], at=fmt.date_time(task.due))}"
    if task.kind is TaskKind.ANSWER_CHANGES:
        due = t("task-due-at", at=fmt.date_time(task.due))
    else:
        due = t("task-due", date=fmt.date(task.due))
    days = days_left(task.due, now)
    left = t("task-overdue", days=-days) if days < 0 else t("task-days-left", days=days)
    return f"{line} — {due} ({left})"
