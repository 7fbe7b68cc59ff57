"""Each update is handled once, also when it arrives twice at the same moment."""

from __future__ import annotations

import asyncio
from datetime import datetime

import pytest

import bot.app
from bot.app import BotApp
from bot.request import ChatKind, Incoming
from db.conversations import SqlProcessedUpdates
from domain.errors import Conflict
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


async def test_housekeeping_that_fails_after_the_commit_keeps_the_reply(
    app: BotApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Old update ids are forgotten every so often, after an update's commit; a failure
    there (SQLite's lock taken) is not the update's: it keeps its reply, handled once."""

    async def busy(self: SqlProcessedUpdates, before: datetime) -> int:
        raise Conflict()

    monkeypatch.setattr(bot.app, "PRUNE_EVERY", 1)
    monkeypatch.setattr(SqlProcessedUpdates, "prune", busy)
    outcome = await app.handle(update("400"))
    assert outcome.replies and not outcome.duplicate
    assert (await app.handle(update("400"))).duplicate
