"""Text rendering shared by the channels without buttons (Zalo, console)."""

from __future__ import annotations

from bot.dispatcher import Outgoing
from bot.request import Reply


def numbered_text(reply: Reply) -> str:
    """The reply's text with its buttons as numbered lines, answered by typing the number."""
    buttons = reply.flat_buttons()
    lines = [reply.text, *web_page_lines(reply)]
    if not buttons:
        return "\n".join(lines)
    lines.append("")
    for index, button in enumerate(buttons):
        key = choice_key(index, reply.lettered)
        lines.append(f"{key}. {button.label}")
    return "\n".join(lines)


def web_page_lines(reply: Reply) -> list[str]:
    """A web page offered without a Mini App button: its personal link, on a line of its own."""
    pages = reply.web_pages()
    return ["", *(f"{button.label}: {button.web_url}" for button in pages)] if pages else []


def choice_key(index: int, lettered: bool) -> str:
    """The key a user types for the choice at `index` (0-based): 1, 2, 3… or a, b, c…"""
    return "abcdefghijklmnopqrstuvwxyz"[index] if lettered else str(index + 1)


def outgoing_text(message: Outgoing) -> str:
    """A queued message for a channel without buttons: numbered lines, then download links."""
    lines = [message.text]
    labels = [label for row in message.buttons for label, _data in row]
    if labels:
        lines.append("")
        lines += [f"{choice_key(i, message.lettered)}. {label}" for i, label in enumerate(labels)]
    if message.links:
        lines.append("")
        lines += [f"📎 {name}: {url}" for name, url in message.links]
    return "\n".join(lines)
