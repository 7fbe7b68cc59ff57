"""The update pipeline's promises, on SQLite and PostgreSQL: a refusal changes nothing that
the handler wrote first, group chatter stores nothing, a group press answers on its own."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest

from bot.app import BotApp
from bot.context import BotUnitOfWork
from bot.request import Action, Button, ChatKind, Incoming, Reply
from bot.typed import choice_number
from domain.errors import NotAuthorized
from domain.model import Bloc, Channel
from domain.services import groups

UowFactory = Callable[[], BotUnitOfWork]


def message(
    text: str,
    key: str,
    kind: ChatKind = ChatKind.PRIVATE,
    callback_data: str | None = None,
    chat_title: str = "",
) -> Incoming:
    chat = "-5" if kind is ChatKind.GROUP else "9"
    return Incoming(
        Channel.TELEGRAM, chat, kind, "9", "Đông", text,
        callback_data=callback_data, update_key=key, chat_title=chat_title,
    )  # fmt: skip


async def test_a_refused_handler_leaves_nothing_it_wrote(
    app: BotApp, uow_factory: UowFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def write_then_refuse(uow: BotUnitOfWork, *args: object, **kwargs: object) -> None:
        await uow.blocs.save(Bloc("half-done", "Khối dở dang", "Trà Vinh"))
        raise NotAuthorized(permission="bind_group")

    async def some_member(*args: object, **kwargs: object) -> object:
        return SimpleNamespace(bloc=SimpleNamespace(name="Khối 7"))

    monkeypatch.setattr(groups, "bind_group", write_then_refuse)
    monkeypatch.setattr("bot.handlers.group.membership", some_member)
    outcome = await app.handle(message("/lienket", "1", ChatKind.GROUP, chat_title="K7"))
    assert "Chỉ Khối trưởng hoặc Khối phó" in outcome.replies[0].text
    async with uow_factory() as uow:
        assert await uow.blocs.by_code("half-done") is None  # undone with the refusal
        assert await uow.updates.seen("telegram", "1")  # yet the update counts as handled
        # First contact: the account made before the handler ran is kept.
        identity = await uow.people.identity(Channel.TELEGRAM, "9")
        assert identity is not None and identity.display_name == "Đông"
    again = await app.handle(message("/lienket", "1", ChatKind.GROUP, chat_title="K7"))
    assert again.duplicate and not again.replies


async def test_group_chatter_stores_nothing(app: BotApp, uow_factory: UowFactory) -> None:
    outcome = await app.handle(message("chào cả nhà", "2", ChatKind.GROUP))
    assert outcome.ignored and not outcome.replies
    async with uow_factory() as uow:
        assert await uow.people.identity(Channel.TELEGRAM, "9") is None
        assert not await uow.updates.seen("telegram", "2")


async def test_a_press_in_a_group_answers_in_a_new_message(app: BotApp) -> None:
    codec = await app.codec()
    data = codec.encode(Action("cmd", ("trogiup",)))
    outcome = await app.handle(message("", "3", ChatKind.GROUP, callback_data=data))
    assert outcome.replies[0].new_message


async def test_private_presses_edit_in_place(app: BotApp) -> None:
    data = (await app.codec()).encode(Action("cmd", ("trogiup",)))
    outcome = await app.handle(message("", "4", callback_data=data))
    assert not outcome.replies[0].new_message


CHOICES = [("2", 2), ("12", 12), ("²", None), ("٣", None), ("1234", None), ("-1", None), ("", None)]


@pytest.mark.parametrize(("text", "number"), CHOICES)
def test_only_ascii_digits_choose(text: str, number: int | None) -> None:
    assert choice_number(text) == number


async def test_a_reply_queued_after_its_update_leaves_the_conversation_alone(
    app: BotApp, uow_factory: Callable[[], BotUnitOfWork]
) -> None:
    """A Zalo reply the platform refused goes to the outbox; its choices were saved with
    the update, and the conversation (a question being typed, lettered choices) stays."""
    key = ("zalo", "chat-lan", "chat-lan")
    snapshot = {
        "state": "ballots:question", "data": {"n": 1, "_lettered": True}, "choices": ["x", "y"]
    }  # fmt: skip
    async with uow_factory() as uow:
        await uow.conversations.save(*key, snapshot, datetime(2022, 12, 20, tzinfo=UTC))
        await uow.commit()
    rest = Reply("Nhập câu hỏi", [[Button("Quay lại", Action("cmd", ("menu",)))]])
    assert await app.post_later(Channel.ZALO, "chat-lan", rest)
    async with uow_factory() as uow:
        assert await uow.conversations.load(*key) == snapshot
        assert await uow.outbox.pending_count() == 1
