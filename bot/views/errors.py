"""Every refusal says what happened and what to do instead."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from bot.i18n import Translator
from bot.request import Reply, Request
from bot.views import fmt
from domain.errors import DomainError, NotRegistered, Problem
from imports.limits import InputRefused


def domain_error(t: Translator, error: DomainError, request: Request) -> Reply:
    if isinstance(error, NotRegistered) and request.is_group:
        return _reply(t, t("error-group-not-member", name=request.incoming.user_name))
    return _reply(t, error_text(t, error))


def error_text(t: Translator, error: DomainError) -> str:
    """What a refusal says, whatever shows it (a chat reply, a web page)."""
    values = {key: _format(value, t.locale) for key, value in error.values.items()}
    key = f"error-{error.code}"
    if error.code == "bloc-not-found" and not error.values.get("code"):
        # No code typed: the officer belongs to no bloc or to several; say which.
        choices = error.values.get("choices")
        if isinstance(choices, list | tuple) and choices:
            key = "error-bloc-choose"
            values["first"] = str(choices[0])
        else:
            key = "error-bloc-none"
    if error.code == "scoring-closed" and error.values.get("before"):
        key = "error-scoring-not-open"
    if error.code == "entry-changed-meanwhile" and not values.get("by"):
        # Unnamed: the bot filled it in from its records (or an officer since removed).
        values["by"] = t("fast-the-bot") if error.values.get("bot") else t("fast-someone")
    return t(key, **values) if t.has(key) else t("error-generic")


def forged(t: Translator) -> Reply:
    return _reply(t, t("error-forged"))


def unknown_command(t: Translator, command: str) -> Reply:
    return _reply(t, t("error-unknown-command", command=command))


def unknown_text(t: Translator) -> Reply:
    return Reply(t("error-unknown-text"), is_error=True)


def attachment_outside(t: Translator) -> Reply:
    return Reply(t("error-attachment-outside"), is_error=True)


def unsupported_message(t: Translator) -> Reply:
    return Reply(t("error-unsupported-message"), is_error=True)


def text_too_long(t: Translator, length: int, limit: int) -> Reply:
    return _reply(t, t("error-message-too-long", length=length, max=limit))


def no_choices(t: Translator) -> Reply:
    return Reply(t("error-no-choices"), is_error=True)


def choice_out_of_range(t: Translator, number: int, count: int) -> Reply:
    return _reply(t, t("error-choice-out-of-range", number=number, max=count))


def refused_input(t: Translator, error: InputRefused) -> str:
    """Why a file or message was refused, naming the limit it passed."""
    values = {key: _grouped(value, t.locale) for key, value in error.values.items()}
    return t(f"refused-{error.code}", **values)


def _grouped(value: object, locale: str) -> object:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 10_000:
        return f"{value:,}".replace(",", "." if locale == "vi" else ",")
    return value


def problem_lines(t: Translator, problems: list[Problem]) -> list[str]:
    lines = []
    for problem in problems:
        values = {key: _format(value, t.locale) for key, value in problem.values}
        message = t(f"import-{problem.code}", **values)
        lines.append(f"{problem.where}: {message}")
    return lines


def _reply(t: Translator, text: str) -> Reply:
    return refusal(text)


def refusal(text: str) -> Reply:
    """A refusal: the text as a warning, and the short answer to a press."""
    return Reply(f"⚠️ {text}", toast=text[:190], is_error=True)


def _format(value: object, locale: str) -> object:
    if isinstance(value, datetime):
        return fmt.date_time(value)
    if isinstance(value, Decimal):
        return fmt.points(value, locale)
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value)
    if value is None:
        return ""
    if isinstance(value, int | str):
        return value
    return str(value)
