"""An insider with a full copy of the database files (and the audit log) tries to learn what
each unit chose in a secret ballot, the ways issue 16 found: PostgreSQL's xmin and ctid,
SQLite's WAL order, the audit log's order, id order, timestamps, a queued receipt, a backup.

Each attack pairs voters with vote rows (it can: one transaction writes both), then reads a
choice from the row it paired. The vote rows hold only a random key and a sealed value of one
length, so no attack names any unit's choice: 0 links of N. The threat model is in
docs/deploy.md: the key (BALLOT_SECRET) is outside the database and the logs."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.actions import ActionCodec
from bot.context import BotConfig, BotUnitOfWork
from bot.notices import Notices
from bot.request import Reply
from db.backup import export_data
from domain.model import Channel
from domain.services import voting
from tests.integration.test_ballots_db import NOW, SilentNotifier, open_flag_ballot
from tests.integration.test_pledges_db import import_sample, member, sample_year

UowFactory = Callable[[], BotUnitOfWork]
RECEIPT = re.compile(rb"[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3}")


async def cast_all(uow_factory: UowFactory) -> tuple[int, dict[int, frozenset[int]], list[str]]:
    """Five units vote in roster order: ballot id, each unit's choice, the receipts."""
    await import_sample(uow_factory)
    ballot = await open_flag_ballot(uow_factory, secret=True)
    assert ballot.id is not None
    stn, sgt, sct = (c.id or 0 for c in ballot.candidates)
    wanted = {"SNN": {stn}, "PTTH": {sgt}, "STN": {stn}, "SGT": {sct}, "SCT": set()}
    choices: dict[int, frozenset[int]] = {}
    receipts = []
    for code, approved in wanted.items():
        async with uow_factory() as uow:
            _, units = await sample_year(uow)
            voter = await member(uow, units[code], f"Cán bộ {code}")
            cast = await voting.cast(uow, voter, ballot.id, frozenset(approved), NOW,
                                     SilentNotifier())  # fmt: skip
            await uow.commit()
        choices[units[code]] = frozenset(approved)
        receipts.append(cast.receipt)
    return ballot.id, choices, receipts


def read_choice(row: dict[str, Any]) -> frozenset[int] | None:
    """What an insider reads of a choice from a vote row: the plain column, or anything
    that looks like a list of candidate ids in the sealed bytes."""
    approved = row["approved"]
    if isinstance(approved, str):
        approved = json.loads(approved)
    if approved:
        return frozenset(int(c) for c in approved)
    sealed = bytes(row["sealed"] or b"")
    found = re.search(rb'"a":\s*\[([0-9, ]*)\]', sealed)
    if found:
        return frozenset(int(c) for c in found.group(1).split(b",") if c.strip())
    return None


def links(pairs: list[tuple[int, dict[str, Any]]], choices: dict[int, frozenset[int]]) -> int:
    """How many units' choices an attack got right from the rows it paired them with."""
    return sum(read_choice(row) == choices[unit] for unit, row in pairs)


async def rows(engine: AsyncEngine, sql: str, ballot_id: int | str) -> list[dict[str, Any]]:
    async with engine.connect() as connection:
        result = await connection.execute(text(sql), {"b": ballot_id})
        return [dict(row._mapping) for row in result]


async def test_no_attack_links_a_unit_to_its_choice(
    uow_factory: UowFactory, engine: AsyncEngine
) -> None:
    ballot_id, choices, receipts = await cast_all(uow_factory)
    found: dict[str, int] = {}
    votes = await rows(
        engine, "SELECT receipt, approved, sealed FROM ballot_votes WHERE ballot_id = :b", ballot_id
    )
    assert len(votes) == len(choices) == 5
    assert len({len(v["sealed"]) for v in votes}) == 1  # no length tells a choice

    # Audit order and id order: the audit's ballot.voted rows come in casting order, so
    # does any serial order of the votes (here: as stored).
    audit = await rows(
        engine,
        "SELECT details FROM audit_log WHERE action = 'ballot.voted' AND entity_id = :b"
        " ORDER BY id",
        str(ballot_id),
    )
    voted_units = [int(_details(a)["unit_id"]) for a in audit]
    assert all("approved" not in _details(a) for a in audit)
    found["audit order"] = links(list(zip(voted_units, votes, strict=True)), choices)
    found["receipt order"] = links(
        list(zip(sorted(choices), sorted(votes, key=lambda v: v["receipt"]), strict=True)),
        choices,
    )

    if engine.dialect.name == "postgresql":
        # xmin: one transaction wrote the voter row and the vote row; ctid: page order.
        voters = await rows(
            engine,
            "SELECT unit_id, xmin::text AS tx, ctid::text AS at FROM ballot_voters"
            " WHERE ballot_id = :b",
            ballot_id,
        )
        sealed = await rows(
            engine,
            "SELECT receipt, approved, sealed, xmin::text AS tx, ctid::text AS at"
            " FROM ballot_votes WHERE ballot_id = :b",
            ballot_id,
        )
        by_tx = {v["tx"]: v for v in sealed}
        found["xmin join"] = links([(v["unit_id"], by_tx[v["tx"]]) for v in voters], choices)
        by_place = sorted(sealed, key=lambda v: v["at"])
        in_order = [v["unit_id"] for v in sorted(voters, key=lambda v: v["at"])]
        found["ctid order"] = links(list(zip(in_order, by_place, strict=True)), choices)
    else:
        # SQLite: the order rows reach the file and its write-ahead log, and anything in
        # them that reads like a receipt next to a choice.
        database = Path(engine.url.database or "")
        raw = b"".join(p.read_bytes() for p in database.parent.glob(database.name + "*"))
        assert not any(r.encode() in raw for r in receipts), "a receipt is readable on disk"
        assert not RECEIPT.search(raw)
        found["file order"] = links(list(zip(sorted(choices), votes, strict=True)), choices)

    # A receipt that had to wait in the outbox (the platform refused the reply at first) is
    # kept sealed beside the chat it goes to; the dispatcher reads it back whole.
    notices = Notices(_no_codec, _Clock(), _config())
    async with uow_factory() as uow:
        reply = Reply(f"Đã ghi nhận phiếu. Mã biên nhận: {receipts[0]}.", sealed=True)
        await notices.post(uow, Channel.TELEGRAM, "1001", reply, offer=False)
        await uow.commit()
    queued = await rows(engine, "SELECT payload FROM outbox_messages WHERE chat_id = :b", "1001")
    assert receipts[0] not in json.dumps([q["payload"] for q in queued], default=str)
    async with uow_factory() as uow:
        [due] = await uow.outbox.due(NOW)
    assert due.payload["text"] == f"Đã ghi nhận phiếu. Mã biên nhận: {receipts[0]}."

    # A web page keeps the receipt it showed in the browser's session: sealed there too.
    async with uow_factory() as uow:
        later = NOW + timedelta(hours=1)
        await uow.web_access.add_session("h" * 64, "telegram", "1001", "csrf", NOW, later)
        await uow.web_access.save_session_data("h" * 64, {"receipts": {"1": receipts[1]}})
        await uow.commit()
    stored = await rows(engine, "SELECT data FROM web_sessions WHERE external_id = :b", "1001")
    assert receipts[1] not in json.dumps(stored, default=str)
    async with uow_factory() as uow:
        session = await uow.web_access.get_session("h" * 64, NOW)
    assert session is not None and session.data["receipts"] == {"1": receipts[1]}

    # A backup holds the sealed bytes, never a receipt.
    backup = json.dumps(await export_data(engine), default=str)
    assert not any(r in backup for r in receipts)

    assert found and all(count == 0 for count in found.values()), found

    # And the tally, read back with the key at the close, is whole.
    async with uow_factory() as uow:
        counted = sorted(sorted(v.approved) for v in await uow.ballots.votes(ballot_id))
        read = sorted(v.receipt for v in await uow.ballots.votes(ballot_id))
    assert counted == sorted(sorted(c) for c in choices.values())
    assert read == sorted(receipts)


def _details(row: dict[str, Any]) -> dict[str, Any]:
    details = row["details"]
    return json.loads(details) if isinstance(details, str) else dict(details)


class _Clock:
    def now(self) -> datetime:
        return NOW


def _config() -> BotConfig:
    return BotConfig()


async def _no_codec() -> ActionCodec:
    return ActionCodec("secret-for-the-test")
