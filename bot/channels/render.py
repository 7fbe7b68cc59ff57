"""Text rendering shared by the channels without buttons (Zalo, console)."""

from __future__ import annotations

from bot.request import Reply


def numbered_text(reply: Reply) -> str:
    """The reply's text with its buttons as numbered lines, answered by typing the number."""
    buttons = reply.flat_buttons()
    if not buttons:
        return reply.text
    lines = [reply.text, ""]
    lines += [f"{index}. {button.label}" for index, button in enumerate(buttons, start=1)]
    return "\n".join(lines)
