"""The bloc's register of numbered documents, who the minutes of a vote name, what the score
table knows of who made it, and when the file for the provincial board can be made."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from domain.ballots import BallotKind
from domain.documents import DocumentKind, Officials, Person, parse_officials
from domain.errors import (
    BoardFileNotReady,
    DocumentNumberInvalid,
    NotAuthorized,
    OfficialsUnreadable,
    TextTooLong,
)
from domain.model import BoardRole
from domain.services import ballots, documents
from domain.services.board_file import board_file
from domain.services.members import Membership
from domain.services.ranking import publish, score_summary
from domain.summary import Cycle
from tests.unit.fakes import FakeUnitOfWork, imported
from tests.unit.test_ballot_service import RecordingNotifier, unit_draft
from tests.unit.test_scoring_service import ANNUAL_OPEN, member, submitted_sheet

NOW = datetime(2022, 12, 20, 1, 0, tzinfo=UTC)  # 08:00 in Vietnam
NEW_YEARS_EVE = datetime(2022, 12, 31, 16, 30, tzinfo=UTC)  # 23:30 on 31/12 in Vietnam
NEW_YEAR = datetime(2022, 12, 31, 17, 30, tzinfo=UTC)  # 00:30 on 1/1/2023 in Vietnam


@pytest.fixture
async def uow() -> FakeUnitOfWork:
    return await imported(now=ANNUAL_OPEN)


@pytest.fixture
async def leader(uow: FakeUnitOfWork) -> Membership:
    return await member(uow, "SNN", "Nguyễn Văn Lãnh")


# --- the register -----------------------------------------------------------------------


async def test_each_document_takes_the_next_number_once(
    uow: FakeUnitOfWork, leader: Membership
) -> None:
    bloc = leader.bloc
    first = await documents.number_for(uow, bloc, DocumentKind.MINUTES, 40, NOW)
    second = await documents.number_for(uow, bloc, DocumentKind.PROPOSAL, 40, NOW)
    again = await documents.number_for(uow, bloc, DocumentKind.MINUTES, 40, NOW + timedelta(1))
    assert (str(first), str(second), again) == ("01/BB-KTĐ", "02/TTr-KTĐ", first)
    # The year is the local year of the document's date: a new register on 1 January.
    late = await documents.number_for(uow, bloc, DocumentKind.MINUTES, 41, NEW_YEARS_EVE)
    new = await documents.number_for(uow, bloc, DocumentKind.MINUTES, 42, NEW_YEAR)
    assert (late.number, new.number) == (3, 1)
    assert [d.year for d in uow.store.documents] == [2022, 2022, 2022, 2023]


async def test_a_new_edition_takes_a_new_number_and_names_the_one_it_replaces(
    uow: FakeUnitOfWork, leader: Membership
) -> None:
    bloc = leader.bloc
    assert await documents.current(uow, bloc, DocumentKind.COVENANT, 7) is None
    first = await documents.issue_edition(uow, bloc, DocumentKind.COVENANT, 7, NOW)
    await documents.number_for(uow, bloc, DocumentKind.MINUTES, 40, NOW)
    second = await documents.issue_edition(uow, bloc, DocumentKind.COVENANT, 7, NOW)
    assert (first.number, second.number) == (1, 3)
    assert await documents.current(uow, bloc, DocumentKind.COVENANT, 7) == (second, first)


async def test_the_leader_sets_the_next_number_past_the_last_one(
    uow: FakeUnitOfWork, leader: Membership
) -> None:
    for subject in (40, 41, 42):
        await documents.number_for(uow, leader.bloc, DocumentKind.MINUTES, subject, NOW)
    book = await documents.register(uow, leader, NOW)
    assert (book.year, book.last_number, book.next_number) == (2022, 3, 4)
    assert [str(number) for _, number in book.entries] == ["01/BB-KTĐ", "02/BB-KTĐ", "03/BB-KTĐ"]
    for typed in ("3", "02", "abc", "0", "10000", "-5", ""):
        with pytest.raises(DocumentNumberInvalid) as caught:
            await documents.set_next_number(uow, leader, typed, NOW)
        assert caught.value.values["last"] == 3
    book = await documents.set_next_number(uow, leader, " 015 ", NOW)
    assert book.next_number == 15
    number = await documents.number_for(uow, leader.bloc, DocumentKind.PROPOSAL, 40, NOW)
    assert str(number) == "15/TTr-KTĐ"
    assert (await documents.register(uow, leader, NOW)).next_number == 16
    entry = uow.store.audit[-1]
    assert (entry.action, entry.details) == (
        "documents.next_number", {"year": 2022, "number": 15, "was": 4},
    )  # fmt: skip


async def test_only_the_leader_or_deputy_keep_the_register(uow: FakeUnitOfWork) -> None:
    deputy = await member(uow, "PTTH")
    assert (await documents.register(uow, deputy, NOW)).next_number == 1
    for who in (await member(uow, "STN"), await member(uow, None, "Ban", BoardRole.ADMIN)):
        with pytest.raises(NotAuthorized):
            await documents.register(uow, who, NOW)
        with pytest.raises(NotAuthorized):
            await documents.set_next_number(uow, who, "5", NOW)


# --- who the minutes name ---------------------------------------------------------------


def test_officials_are_typed_one_role_a_line() -> None:
    typed = parse_officials(
        "Chủ trì: Nguyễn Văn An, Giám đốc Sở Nông nghiệp và PTNT\n"
        "thu ky:   Trần Thị Bình\n"
        "Ban kiểm phiếu: Lê Văn Cường, Sở GTVT; Phạm Thị Dung;  ",
        Officials(),
    )
    assert typed == Officials(
        Person("Nguyễn Văn An", "Giám đốc Sở Nông nghiệp và PTNT"),
        Person("Trần Thị Bình"),
        (Person("Lê Văn Cường", "Sở GTVT"), Person("Phạm Thị Dung")),
    )
    kept = parse_officials("Secretary: Võ Thị Em, chuyên viên", typed)
    assert kept.chair == typed.chair and kept.tellers == typed.tellers
    assert kept.secretary == Person("Võ Thị Em", "chuyên viên")
    assert Officials.from_data(kept.to_data()) == kept and Officials().to_data() is None


@pytest.mark.parametrize("text", ["Nguyễn Văn An", "Người ký: Nguyễn Văn An", "", "Chủ trì"])
def test_a_line_without_a_known_role_is_named(text: str) -> None:
    with pytest.raises(OfficialsUnreadable):
        parse_officials(text, Officials())


def test_an_overlong_name_is_refused() -> None:
    with pytest.raises(TextTooLong):
        parse_officials("Chủ trì: " + "A" * 201, Officials())


async def test_a_ballot_names_the_leaders_head_and_then_keeps_what_the_leader_typed(
    uow: FakeUnitOfWork, leader: Membership
) -> None:
    draft = await ballots.draft(uow, leader, BallotKind.FLAG, NOW)
    assert draft.officials == Officials(
        chair=Person("Nguyễn Hoàng Phúc", "Giám đốc Sở Nông nghiệp và Phát triển nông thôn"),
        secretary=Person("Nguyễn Văn Lãnh"),
    )
    opened = await ballots.open_ballot(
        uow, leader, unit_draft(uow, ("SGT",), kind=BallotKind.FLAG), NOW, RecordingNotifier()
    )
    assert opened.id is not None and opened.officials == Officials()
    typed = "Chủ trì: Trần Văn Lộc, Giám đốc Sở TN&MT\nKiểm phiếu: Lê Quốc Hưng"
    changed = await ballots.set_officials(uow, leader, opened.id, typed, NOW)
    assert uow.store.ballots[opened.id].officials == changed.officials
    assert changed.officials.chair == Person("Trần Văn Lộc", "Giám đốc Sở TN&MT")
    # The next ballot of the year starts from the officials the last one named.
    assert (await ballots.draft(uow, leader, BallotKind.MERIT, NOW)).officials == changed.officials
    with pytest.raises(NotAuthorized):
        await ballots.set_officials(uow, await member(uow, "STN"), opened.id, typed, NOW)


# --- the score table and the board's file -----------------------------------------------


async def test_the_score_table_knows_who_made_it_and_each_items_reason(
    uow: FakeUnitOfWork, leader: Membership
) -> None:
    from tests.verification_support import verify_entry

    stn = await member(uow, "STN", "Trần Thị Mai")
    sheet = await submitted_sheet(uow, stn, ANNUAL_OPEN, {"3": "7,5"})
    later = ANNUAL_OPEN + timedelta(days=25)
    await verify_entry(uow, leader, sheet, "3", "6", "Thiếu minh chứng", later)
    published = ANNUAL_OPEN + timedelta(days=40)
    await publish(uow, leader, Cycle.ANNUAL, published)
    summary = await score_summary(uow, stn, Cycle.ANNUAL)
    (row,) = summary.rows
    assert (row.self_items["3"], row.items["3"]) == (Decimal("7.5"), Decimal(6))
    assert row.reasons == {"3": "Thiếu minh chứng"}
    assert summary.bloc == leader.bloc and summary.leader is not None
    assert summary.leader.head_name == "Nguyễn Hoàng Phúc"
    assert (summary.prepared_by, summary.dated, summary.cross_scored) == (
        "Nguyễn Văn Lãnh", published, False,
    )  # fmt: skip


async def test_the_board_file_waits_for_a_proposal_and_the_published_ranking(
    uow: FakeUnitOfWork, leader: Membership
) -> None:
    with pytest.raises(BoardFileNotReady) as caught:
        await board_file(uow, leader, NOW)
    assert caught.value.values == {"year": 2022}
    observer = await member(uow, None, "Ban", BoardRole.OBSERVER)
    with pytest.raises(BoardFileNotReady):
        await board_file(uow, observer, NOW)  # the board may ask: it is simply not ready
    with pytest.raises(NotAuthorized):
        await board_file(uow, await member(uow, "STN"), NOW)


async def test_the_minutes_count_as_present_who_came_to_the_days_conference(
    uow: FakeUnitOfWork, leader: Membership
) -> None:
    """Three units vote; Sở Công Thương said it would send two people to the tổng kết that
    day but does not vote; Đài PT-TH said it would not come. A cancelled conference that
    day counts for nothing."""
    from domain.conferences import Conference, ConferenceKind, ConferenceStatus, Rsvp
    from tests.unit.test_ballot_service import NOW as VOTED
    from tests.unit.test_ballot_service import cast_all, ids, open_unit_ballot

    assert leader.year.id is not None
    units = ids(uow)
    held = await uow.conferences.save(
        Conference(leader.year.id, ConferenceKind.ANNUAL, VOTED - timedelta(hours=1), "Hội trường")
    )
    off = await uow.conferences.save(
        Conference(leader.year.id, ConferenceKind.MIDYEAR, VOTED, "Khác",
                   status=ConferenceStatus.CANCELLED)
    )  # fmt: skip
    assert held.id is not None and off.id is not None
    await uow.conferences.save_rsvp(Rsvp(held.id, units["SCT"], 2))
    await uow.conferences.save_rsvp(Rsvp(held.id, units["PTTH"], 0))
    await uow.conferences.save_rsvp(Rsvp(off.id, units["PTTH"], 3))
    notifier = RecordingNotifier()
    ballot = await open_unit_ballot(uow, leader, notifier, ("STN",), kind=BallotKind.FLAG)
    assert ballot.id is not None
    await cast_all(uow, ballot, {"SNN": ("STN",), "STN": ("STN",), "SGT": ()}, notifier)
    record = await ballots.close(uow, leader, ballot.id, VOTED + timedelta(hours=1), notifier)
    names = {code: name for code, name in zip(("SNN", "STN", "SGT", "SCT", "PTTH"),
                                              record.members, strict=True)}  # fmt: skip
    assert record.voted == (names["SNN"], names["STN"], names["SGT"])
    assert record.present == (names["SNN"], names["STN"], names["SGT"], names["SCT"])
