"""How typed text is read before it is routed: a command, a numbered or lettered choice, or
a group's chatter that is not for the bot."""

from __future__ import annotations

from bot.request import ChatKind, Incoming


def choice_letter(text: str) -> int | None:
    """A typed lettered choice: "a" is the first."""
    cleaned = text.strip().lower()
    if len(cleaned) == 1 and "a" <= cleaned <= "z":
        return ord(cleaned) - ord("a") + 1
    return None


def choice_number(text: str) -> int | None:
    """A typed choice: ASCII digits only ("²" and "٣" are digits to Python, not to us)."""
    if text.isascii() and text.isdecimal() and len(text) <= 3:
        return int(text)
    return None


def group_chatter(incoming: Incoming) -> bool:
    """A message in a group that is neither a command nor a press: nothing for the bot."""
    return (
        incoming.chat_kind is ChatKind.GROUP
        and incoming.callback_data is None
        and not incoming.text.lstrip().startswith("/")
    )


def parse_command(text: str, bot_username: str | None) -> tuple[str | None, str]:
    """Split "/cmd@bot args"; a command addressed to another bot yields None."""
    head, _, args = text[1:].partition(" ")
    name, _, target = head.partition("@")
    if target and bot_username and target.lower() != bot_username.lower():
        return None, ""
    return name.lower(), args.strip()
