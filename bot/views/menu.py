"""The main menu, help and language screens: each lists the commands the person may use."""

from __future__ import annotations

from bot.commands import COMMANDS, Command, for_roles
from bot.i18n import Translator
from bot.request import Action, Button, Reply
from domain.model import Role, Unit

PER_ROW = 2


def command_button(label: str, command: str) -> Button:
    return Button(label, Action("cmd", (command,)))


def main_buttons(t: Translator, roles: frozenset[Role]) -> list[list[Button]]:
    """A button per feature the roles may use: the year's features, the organisers' own,
    then help and language. On Zalo and the console the same buttons are numbered lines."""
    offered = [command for command in for_roles(roles) if command.menu]
    ordered = sorted(offered, key=lambda c: 2 if not c.needs else int(c.organiser))
    buttons = [command_button(t(f"menu-btn-{c.name}"), c.name) for c in ordered]
    return [buttons[at : at + PER_ROW] for at in range(0, len(buttons), PER_ROW)]


def main_menu(t: Translator, unit: Unit | None, roles: frozenset[Role]) -> Reply:
    if unit is not None:
        title = t("menu-title-unit", unit=unit.short_name)
    else:
        board = bool(roles & {Role.ADMIN, Role.OBSERVER})
        title = t("menu-title-board") if board else t("menu-title")
    return Reply(f"{title}\n{t('menu-hint')}", main_buttons(t, roles))


def unregistered(t: Translator, name: str) -> Reply:
    return Reply(t("welcome-unregistered", name=name), main_buttons(t, frozenset()))


def help_text(t: Translator, roles: frozenset[Role]) -> Reply:
    """Every command: those the person may use with what they do, the others by name with
    whom they are for."""
    mine = [command for command in COMMANDS if command.open_to(roles)]
    lines = [t("help-body"), *_lines(t, [c for c in mine if not c.organiser])]
    organiser = [c for c in mine if c.organiser]
    if organiser:
        lines += ["", t("help-organiser"), *_lines(t, organiser)]
    others = [command for command in COMMANDS if command not in mine]
    for organisers, key in ((False, "help-others-members"), (True, "help-others-organisers")):
        names = ", ".join(f"/{c.name}" for c in others if c.organiser == organisers)
        if names:
            lines += ["", t(key, commands=names)]
    lines += ["", t("help-typing")]
    return Reply("\n".join(lines), [[command_button(t("btn-menu"), "menu")]])


def _lines(t: Translator, commands: list[Command]) -> list[str]:
    return [t("help-line", command=c.name, text=t(f"cmd-{c.name}")) for c in commands]


def language_choice(t: Translator) -> Reply:
    return Reply(
        t("language-choose"),
        [
            [
                Button("Tiếng Việt", Action("lang", ("vi",))),
                Button("English", Action("lang", ("en",))),
            ]
        ],
    )


def language_set(t: Translator, roles: frozenset[Role]) -> Reply:
    return Reply(t("language-set"), main_buttons(t, roles), toast=t("language-set"))
