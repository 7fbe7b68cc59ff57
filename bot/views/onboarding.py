"""Greetings after an invite is accepted, and the question before moving an officer."""

from __future__ import annotations

from bot.i18n import Translator
from bot.request import Action, Button, Reply
from bot.views.menu import main_buttons
from domain.model import Role
from domain.services.onboarding import Joined, JoinedBoard, MoveNeeded


def joined(t: Translator, result: Joined, name: str, roles: frozenset[Role]) -> Reply:
    lines = []
    if result.already:
        lines.append(t("joined-already", name=name, unit=result.unit.name))
    elif result.moved_from is not None:
        lines.append(
            t("joined-moved", name=name, old=result.moved_from.name, unit=result.unit.name)
        )
    else:
        lines.append(
            t(
                "joined",
                name=name,
                bloc=result.bloc.name,
                year=result.year.year,
                unit=result.unit.name,
            )
        )
    if result.role is Role.LEADER:
        lines.append(t("joined-role-leader", unit=result.unit.short_name))
    elif result.role is Role.DEPUTY:
        lines.append(t("joined-role-deputy", unit=result.unit.short_name))
    elif result.role is None:
        lines.append(t("joined-not-member", year=result.year.year))
    elif result.leader is not None:
        lines.append(t("joined-role-officer", leader=result.leader.name))
    return Reply("\n".join(lines), main_buttons(t, roles))


def joined_board(t: Translator, result: JoinedBoard, name: str, roles: frozenset[Role]) -> Reply:
    return Reply(t("joined-board", name=name, role=result.role.value), main_buttons(t, roles))


def move_needed(t: Translator, question: MoveNeeded) -> Reply:
    return Reply(
        t("move-confirm", current=question.current.name, target=question.target.name),
        [
            [
                Button(
                    t("btn-move", unit=question.target.short_name), Action("mv", (question.code,))
                )
            ],
            [Button(t("btn-stay", unit=question.current.short_name), Action("stay"))],
        ],
    )


def stayed(t: Translator, unit_name: str, roles: frozenset[Role]) -> Reply:
    return Reply(t("move-kept", unit=unit_name), main_buttons(t, roles))
