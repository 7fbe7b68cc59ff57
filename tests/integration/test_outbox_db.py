"""The outbox on SQLite and PostgreSQL: queued in the change's transaction, handed to the
dispatcher when due, and marked sent, postponed or given up."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from db.outbox import OutboxMessage
from db.uow import SqlUnitOfWork

NOW = datetime(2022, 12, 20, 2, 0, tzinfo=UTC)
SECOND = timedelta(seconds=1)
GROUP = "-100200300"
UowFactory = Callable[[], SqlUnitOfWork]  # the outbox's whole interface, the dispatcher's too


def post(text: str) -> dict[str, Any]:
    return {"text": text, "buttons": [[["Bỏ phiếu", "v1:b:7"]]], "files": []}


async def test_a_message_is_due_once_and_then_sent(uow_factory: UowFactory) -> None:
    async with uow_factory() as uow:
        await uow.outbox.enqueue("telegram", GROUP, post("Phiếu bầu đã mở"), NOW, track="ballot:7")
        await uow.outbox.enqueue("zalo", "u-42", post("Mời bỏ phiếu"), NOW, not_before=NOW + SECOND)
        await uow.commit()
    async with uow_factory() as uow:
        due = await uow.outbox.due(NOW)
        later = await uow.outbox.due(NOW + SECOND)
        assert await uow.outbox.pending_count() == 2
        assert await uow.outbox.has_pending_track("telegram", GROUP, "ballot:7")
        assert await uow.outbox.platform_id("telegram", GROUP, "ballot:7") is None
        await uow.commit()  # the claims: only the worker holding one marks the message
    assert [m.payload for m in due] == [post("Phiếu bầu đã mở")]
    first = due[0]
    assert first == OutboxMessage(
        first.id, "telegram", GROUP, post("Phiếu bầu đã mở"), "ballot:7", None, 0
    )
    assert [m.chat_id for m in later] == [GROUP, "u-42"]  # oldest first

    async with uow_factory() as uow:
        await uow.outbox.sent(first.id, NOW + SECOND, "5501")
        await uow.commit()
    async with uow_factory() as uow:
        due_again = await uow.outbox.due(NOW + 10 * SECOND)
        assert await uow.outbox.pending_count() == 1
        assert not await uow.outbox.has_pending_track("telegram", GROUP, "ballot:7")
        assert await uow.outbox.platform_id("telegram", GROUP, "ballot:7") == "5501"
        assert await uow.outbox.platform_id("telegram", "other-chat", "ballot:7") is None
    assert [m.chat_id for m in due_again] == ["u-42"]


async def test_uncommitted_messages_are_never_sent(uow_factory: UowFactory) -> None:
    async with uow_factory() as uow:
        await uow.outbox.enqueue("telegram", GROUP, post("Không gửi"), NOW)
        # no commit: the change failed, and so does its message
    async with uow_factory() as uow:
        assert await uow.outbox.due(NOW) == [] and await uow.outbox.pending_count() == 0


async def test_count_edits_under_one_key_coalesce(uow_factory: UowFactory) -> None:
    key = f"ballot:7:count:{GROUP}"
    for voted in (1, 2, 3):
        async with uow_factory() as uow:
            await uow.outbox.enqueue(
                "telegram", GROUP, post(f"Đã bỏ phiếu: {voted}/5"), NOW + voted * SECOND,
                key=key, edit_of="ballot:7", not_before=NOW + 4 * SECOND + voted * SECOND,
            )  # fmt: skip
            await uow.commit()
    async with uow_factory() as uow:
        # Another chat's message under the same key is a message of its own.
        await uow.outbox.enqueue("telegram", "other-chat", post("Khác"), NOW, key=key)
        await uow.commit()
    async with uow_factory() as uow:
        early = await uow.outbox.due(NOW + 4 * SECOND)
        due = await uow.outbox.due(NOW + 5 * SECOND)
        assert await uow.outbox.pending_count() == 2
    assert [m.chat_id for m in early] == ["other-chat"]  # the count waits for its time
    assert [(m.chat_id, m.payload, m.edit_of) for m in due] == [
        (GROUP, post("Đã bỏ phiếu: 3/5"), "ballot:7"),  # the newest payload, the first time
        ("other-chat", post("Khác"), None),
    ]


async def test_a_due_or_sent_message_takes_no_more_edits(uow_factory: UowFactory) -> None:
    """Once due, the dispatcher may be sending it: a later edit is queued on its own, so it
    is not lost when that one is marked sent; a sent message is never due again."""
    key = "ballot:7:count"
    async with uow_factory() as uow:
        await uow.outbox.enqueue("telegram", GROUP, post("1/5"), NOW, key=key)
        await uow.commit()
    async with uow_factory() as uow:
        (taken,) = await uow.outbox.due(NOW)
        await uow.outbox.enqueue("telegram", GROUP, post("2/5"), NOW, key=key)
        await uow.outbox.sent(taken.id, NOW, "77")
        await uow.commit()
    async with uow_factory() as uow:
        due = await uow.outbox.due(NOW + SECOND)
    assert [m.payload for m in due] == [post("2/5")] and due[0].id != taken.id


async def test_postponed_and_failed_messages(uow_factory: UowFactory, engine: AsyncEngine) -> None:
    async with uow_factory() as uow:
        for chat in ("a", "b", "c"):
            await uow.outbox.enqueue("zalo", chat, post(chat), NOW)
        await uow.commit()
    async with uow_factory() as uow:
        a, b, c = await uow.outbox.due(NOW)
        await uow.outbox.postpone(a.id, NOW + 30 * SECOND, "429 Too Many Requests")
        await uow.outbox.failed(b.id, NOW, "403 Forbidden: bot was blocked", blocked=True)
        await uow.outbox.failed(c.id, NOW, "400 Bad Request")
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.outbox.due(NOW + 29 * SECOND) == []
        (again,) = await uow.outbox.due(NOW + 30 * SECOND)
        assert await uow.outbox.pending_count() == 1
        await uow.commit()
    # A rate limit is a wait, not a failed try: it never brings the message nearer to
    # being given up. A network error is a failed try.
    assert again.id == a.id and again.attempts == 0
    async with uow_factory() as uow:
        await uow.outbox.postpone(a.id, NOW + 90 * SECOND, "timeout", failed=True)
        await uow.commit()
    async with uow_factory() as uow:
        (third,) = await uow.outbox.due(NOW + 90 * SECOND)
    assert third.attempts == 1
    async with engine.connect() as connection:
        rows = (
            await connection.execute(
                text("SELECT chat_id, status, attempts, error FROM outbox_messages ORDER BY id")
            )
        ).all()
    assert [tuple(row) for row in rows] == [
        ("a", "pending", 1, "timeout"),
        ("b", "blocked", 1, "403 Forbidden: bot was blocked"),
        ("c", "failed", 1, "400 Bad Request"),
    ]
