"""The main menu, help and language screens."""

from __future__ import annotations

from bot.i18n import Translator
from bot.request import Action, Button, Reply
from domain.model import Unit


def command_button(label: str, command: str) -> Button:
    return Button(label, Action("cmd", (command,)))


def main_buttons(t: Translator) -> list[list[Button]]:
    return [
        [command_button(t("btn-tasks"), "viec"), command_button(t("btn-bloc"), "khoi")],
        [command_button(t("btn-help"), "trogiup"), command_button(t("btn-language"), "ngonngu")],
    ]


def main_menu(t: Translator, unit: Unit | None, board: bool) -> Reply:
    if unit is not None:
        title = t("menu-title-unit", unit=unit.short_name)
    else:
        title = t("menu-title-board") if board else t("menu-title")
    return Reply(f"{title}\n{t('menu-hint')}", main_buttons(t))


def unregistered(t: Translator, name: str) -> Reply:
    return Reply(
        t("welcome-unregistered", name=name),
        [[command_button(t("btn-help"), "trogiup"), command_button(t("btn-language"), "ngonngu")]],
    )


def help_text(t: Translator, organiser: bool) -> Reply:
    text = t("help-body")
    if organiser:
        text += "\n\n" + t("help-organiser")
    return Reply(text, [[command_button(t("btn-menu"), "menu")]])


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


def language_set(t: Translator) -> Reply:
    return Reply(t("language-set"), main_buttons(t), toast=t("language-set"))
