"""The provincial board's page (Ban Thi đua – Khen thưởng: its admin and observer accounts):
every bloc of the province on one page — its stage in the year, the units lagging, the
published rankings, each bloc's proposals and minutes to download — and one .xlsx listing
every bloc's proposals for the board's review."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

from aiohttp import web

from bot import wording
from bot.context import BotUnitOfWork
from bot.i18n import speaking_for
from bot.report_files import XLSX
from bot.request import File
from bot.views import ballots as ballot_views
from bot.views import fmt
from bot.views.cycle import lag_line
from domain.ballots import AWARD_KINDS
from domain.errors import StaleAction
from domain.services import ballots, year_progress
from domain.services.year_progress import BlocStanding
from web.server import PageError, Visitor, WebPages
from web.sheet_pages import number
from web.year_pages import ballot_download, download

if TYPE_CHECKING:
    from aiohttp.web_urldispatcher import UrlDispatcher

DOCS = ("minutes", "proposal")


def add_routes(pages: WebPages, r: UrlDispatcher) -> None:
    b = BoardPages(pages)
    r.add_get("/w/board", b.show)
    r.add_get("/w/board/proposals.xlsx", b.proposals)
    r.add_get("/w/board/{bloc}/ballot/{ballot}/{doc}", b.ballot_document)


class BoardPages:
    def __init__(self, pages: WebPages) -> None:
        self.pages = pages

    @asynccontextmanager
    async def _board(self, request: web.Request) -> AsyncIterator[tuple[BotUnitOfWork, Visitor]]:
        """The signed-in board account (it belongs to no one bloc, so it has no Turn)."""
        async with self.pages.uow_factory() as uow:
            visitor = await self.pages.visitor(request, uow)
            if visitor.officer is None or visitor.officer.board_role is None:
                raise PageError(403, "web-board-refused")
            yield uow, visitor

    async def _province(self, uow: BotUnitOfWork, visitor: Visitor) -> list[BlocStanding]:
        found = await year_progress.province(
            uow, visitor.officer, visitor.channel, self.pages.clock.now()
        )
        await uow.commit()  # the ballots' documents take their numbers when first made
        return found

    async def show(self, request: web.Request) -> web.StreamResponse:
        pages = self.pages
        async with self._board(request) as (uow, visitor):
            standings = await self._province(uow, visitor)
        t = visitor.t
        blocs = []
        for standing in standings:
            found = standing.progress
            with speaking_for(wording.bloc_words(found.member.bloc)):
                kind = found.lag_kind
                lagging = [lag_line(t, kind, lag, unit) for unit, lag in found.lagging if kind]
                stage = t("web-stage", stage=found.stage.value)
                window = t("web-window", kind=kind.value) if kind else ""
                titles = {r.ballot.id: ballot_views.title(t, r.ballot, r.year)
                          for r in standing.records}  # fmt: skip
            blocs.append({"s": standing, "p": found, "lagging": lagging, "stage": stage,
                          "window": window, "titles": titles})  # fmt: skip
        context = {
            "board": True,
            "blocs": blocs,
            "now": pages.clock.now(),
            "fmt": fmt,
            "points": lambda value: fmt.points(value, t.locale),
            "award_kinds": AWARD_KINDS,
            "proposals": sum(1 for s in standings for r in s.records if r.proposal_number),
        }
        return pages.render(request, visitor, "board.html", context)

    async def proposals(self, request: web.Request) -> web.StreamResponse:
        """Every bloc's award ballots in one workbook, bloc by bloc."""
        async with self._board(request) as (uow, visitor):
            standings = await self._province(uow, visitor)
        records = [r for s in standings for r in s.records if r.ballot.kind in AWARD_KINDS]
        from reports.board_proposals import build_board_proposals  # openpyxl, when used

        content = await asyncio.to_thread(build_board_proposals, records, self.pages.clock.now())
        year = max((s.progress.member.year.year for s in standings), default=0)
        return download(File(f"de-nghi-khen-thuong-cac-khoi-{year}.xlsx", content, XLSX))

    async def ballot_document(self, request: web.Request) -> web.StreamResponse:
        """One bloc's ballot minutes or proposal; an id of nothing there is a 404."""
        doc = request.match_info["doc"]
        if doc not in DOCS:
            raise StaleAction()
        async with self._board(request) as (uow, visitor):
            place = await year_progress.board_place(
                uow, visitor.officer, visitor.channel, number(request, "bloc")
            )
            record = await ballots.closed_record(uow, place, number(request, "ballot"))
            await uow.commit()
        return await ballot_download(record, doc)
