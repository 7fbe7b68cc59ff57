"""The live count's recounts: after the votes' commits, one for however many votes came while
the last one ran, a conflict tried again, a failure left to the next vote."""

from __future__ import annotations

import asyncio
from types import TracebackType
from typing import Any, cast

import pytest

from bot.live_counts import LiveCounts
from domain.errors import Conflict
from domain.services import voting


class Uow:
    """Only what LiveCounts asks of a unit of work: a block and a commit."""

    def __init__(self, commits: list[int]) -> None:
        self.commits = commits

    async def __aenter__(self) -> Uow:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:  # fmt: skip
        pass

    async def commit(self) -> None:
        self.commits.append(1)


def live_counts(commits: list[int] | None = None) -> LiveCounts:
    make = cast(Any, lambda: Uow(commits if commits is not None else []))
    return LiveCounts(make, cast(Any, None), gather=0.01)


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The ballots recounted, in order."""
    seen: list[int] = []

    async def recount(_uow: Any, ballot_id: int, _notifier: Any) -> None:
        seen.append(ballot_id)

    monkeypatch.setattr(voting, "recount", recount)
    return seen


async def test_a_burst_of_votes_is_counted_once_per_ballot(counted: list[int]) -> None:
    commits: list[int] = []
    counts = live_counts(commits)
    for _ in range(50):
        counts.touch(7)
    counts.touch(9)
    await counts.settled()
    assert counted == [7, 9] and counts.recounts == 2 and len(commits) == 2

    counts.touch(7)  # a vote after the last recount: counted again
    await counts.settled()
    assert counted == [7, 9, 7]


async def test_a_vote_during_a_recount_gets_a_recount_after_it(
    counted: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    counts = live_counts()
    recounting, go_on = asyncio.Event(), asyncio.Event()

    async def slow(_uow: Any, ballot_id: int, _notifier: Any) -> None:
        counted.append(ballot_id)
        recounting.set()
        await go_on.wait()

    monkeypatch.setattr(voting, "recount", slow)
    counts.touch(7)
    await recounting.wait()
    counts.touch(7)  # committed while the count it might have missed was being taken
    go_on.set()
    await counts.settled()
    assert counted == [7, 7]


async def test_a_conflict_is_tried_again_and_a_failure_left_to_the_next_vote(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    tries: list[int] = []

    async def flaky(_uow: Any, ballot_id: int, _notifier: Any) -> None:
        tries.append(ballot_id)
        if ballot_id == 7 and len(tries) == 1:
            raise Conflict()
        if ballot_id == 8:
            raise RuntimeError("the database went away")

    monkeypatch.setattr(voting, "recount", flaky)
    counts = live_counts()
    counts.touch(7)
    counts.touch(8)
    await counts.settled()
    assert tries == [7, 7, 8] and counts.recounts == 1
    assert "ballot 8 was not posted" in caplog.text
