"""Each update is handled once, also when it arrives twice at the same moment."""

from __future__ import annotations

import asyncio

from bot.app import BotApp
from bot.request import ChatKind, Incoming
from domain.model import Channel


def update(key: str, text: str = "/trogiup") -> Incoming:
    return Incoming(Channel.TELEGRAM, "7", ChatKind.PRIVATE, "7", "Đông", text, update_key=key)


async def test_a_redelivered_update_is_ignored(app: BotApp) -> None:
    first = await app.handle(update("100"))
    again = await app.handle(update("100"))
    assert first.replies and not first.duplicate
    assert again.duplicate and not again.replies


async def test_simultaneous_deliveries_are_handled_once(app: BotApp) -> None:
    await app.codec()  # the signing secret exists before the race starts
    outcomes = await asyncio.gather(*(app.handle(update("200")) for _ in range(8)))
    handled = [outcome for outcome in outcomes if not outcome.duplicate]
    assert len(handled) == 1
    assert sum(outcome.duplicate for outcome in outcomes) == 7


async def test_different_updates_are_all_handled(app: BotApp) -> None:
    outcomes = await asyncio.gather(*(app.handle(update(str(300 + n))) for n in range(5)))
    assert all(outcome.replies for outcome in outcomes)
