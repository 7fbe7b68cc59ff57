"""The outbox's counted sender: a 429 is counted as one, also when it stopped a long text
after its first parts (the rest is sent later)."""

from __future__ import annotations

import pytest

from bot.dispatcher import Outgoing, PartlySent, RetryLater
from bot.metrics import CountingSender, Metrics


class Failing:
    def __init__(self, error: Exception) -> None:
        self.error = error

    async def deliver(self, chat_id: str, message: Outgoing) -> str | None:
        raise self.error

    async def amend(self, chat_id: str, message_id: str, message: Outgoing) -> None:
        raise self.error


@pytest.mark.parametrize(
    "error",
    [RetryLater(3), PartlySent(1, RetryLater(3)), PartlySent(2, ConnectionResetError())],
    ids=["429", "429 after a part", "network after parts"],
)
async def test_failures_and_429s_are_counted(error: Exception) -> None:
    metrics = Metrics()
    sender = CountingSender(Failing(error), "zalo", metrics)
    with pytest.raises(type(error)):
        await sender.deliver("chat", Outgoing("nhắc việc", []))
    limited = not isinstance(getattr(error, "error", error), ConnectionResetError)
    assert metrics.outbox_failed.value(channel="zalo") == 1
    assert metrics.rate_limited.value(channel="zalo") == (1 if limited else 0)


class WithMenus(Failing):
    """A sender whose platform has per-chat command menus, recording what it was given."""

    def __init__(self) -> None:
        super().__init__(AssertionError("no message expected"))
        self.menus: list[tuple[str, list[tuple[str, str]]]] = []

    async def set_commands(self, chat_id: str, commands: list[tuple[str, str]]) -> None:
        self.menus.append((chat_id, commands))


async def test_a_command_menu_passes_through_when_the_channel_has_menus() -> None:
    metrics = Metrics()
    inner = WithMenus()
    menu = [("menu", "Menu chính")]

    await CountingSender(inner, "telegram", metrics).set_commands("1001", menu)
    await CountingSender(Failing(AssertionError()), "zalo", metrics).set_commands("z", menu)

    assert inner.menus == [("1001", menu)]
    assert metrics.outbox_sent.value(channel="telegram") == 1
    assert metrics.outbox_sent.value(channel="zalo") == 0  # nothing to do, nothing counted
