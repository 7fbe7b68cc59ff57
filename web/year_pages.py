"""The bloc's year for its leader and deputy: every unit's progress through pledges, scoring,
verification, votes and conference answers with the deadlines; every document to download;
setting up a ballot and scheduling a conference with the chat's defaults."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from aiohttp import web

from bot import wording
from bot.ballot_documents import DOCUMENTS, ballot_file
from bot.i18n import speak_for
from bot.report_files import summary_files
from bot.request import File
from bot.views import ballots as ballot_views
from bot.views import conferences as conference_views
from bot.views import fmt
from bot.views.documents import DOCX
from bot.views.errors import error_text
from bot.views.pledges import covenant_file
from domain.ballots import BallotDraft, BallotKind, BallotRecord, Candidate
from domain.conferences import ConferenceKind
from domain.errors import ConferenceNotFound, DomainError, StaleAction
from domain.policy import Permission, allowed
from domain.services import (
    ballots,
    board_file,
    conferences,
    handover,
    members,
    ranking,
    signing,
    year_progress,
)
from domain.services.conferences import ConferenceDraft
from domain.services.members import Membership
from domain.settings import ALLOWED_THRESHOLDS, LOCAL_TZ, ThresholdBase
from domain.summary import Cycle
from web.server import PageError, Turn, WebPages
from web.sheet_pages import number

if TYPE_CHECKING:
    from aiohttp.web_urldispatcher import UrlDispatcher

DOCS = DOCUMENTS  # a closed ballot's files
LOCAL_INPUT = "%Y-%m-%dT%H:%M"  # what a datetime-local field sends


def add_routes(pages: WebPages, r: UrlDispatcher) -> None:
    y = YearPages(pages)
    r.add_get("/w/year", y.show)
    r.add_get("/w/year/report/{cycle}/{kind}", y.report)
    r.add_get("/w/year/covenant.docx", y.covenant)
    r.add_get("/w/year/board-file.docx", y.board_file)
    r.add_get("/w/year/ballot/{ballot}/{doc}", y.ballot_document)
    r.add_get("/w/year/conference/{conference}/calendar.ics", y.calendar)
    r.add_get("/w/year/new-ballot", y.ballot_form)
    r.add_post("/w/year/new-ballot", y.open_ballot)
    r.add_get("/w/year/new-conference", y.conference_form)
    r.add_post("/w/year/new-conference", y.schedule)


def download(file: File) -> web.Response:
    response = web.Response(body=file.content, content_type=file.mime_type)
    response.headers["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(file.name)}"
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


async def ballot_download(record: BallotRecord, doc: str) -> web.Response:
    """A closed ballot's minutes, proposal or chart; a proposal nobody is proposed in is a 404."""
    if doc == "proposal" and record.proposal_number is None:
        raise StaleAction()
    file = await asyncio.to_thread(ballot_file, record, doc)
    if file is None:
        raise StaleAction()
    return download(file)


def local_input(moment: datetime) -> str:
    return moment.astimezone(LOCAL_TZ).strftime(LOCAL_INPUT)


def read_local(text: str) -> datetime | None:
    """A datetime-local field's value as a local moment; None when it is not one."""
    try:
        return datetime.strptime(text.strip(), LOCAL_INPUT).replace(tzinfo=LOCAL_TZ)
    except ValueError:
        return None


class YearPages:
    def __init__(self, pages: WebPages) -> None:
        self.pages = pages

    async def _place(
        self, turn: Turn, permission: Permission = Permission.FOLLOW_YEAR
    ) -> Membership:
        """The year whose business runs now: the year in review until it is handed over,
        then the current one (as the chat's /binhxet and /hoinghi)."""
        visitor = turn.visitor
        places = await members.memberships(
            turn.uow, visitor.officer, visitor.channel, self.pages.clock.now()
        )
        return _checked(await handover.acting_place(turn.uow, places), permission)

    # --- the page ------------------------------------------------------------------------

    async def show(self, request: web.Request) -> web.StreamResponse:
        pages, now = self.pages, self.pages.clock.now()
        async with pages.turn(request) as turn:
            member = await self._place(turn)
            found = await year_progress.progress(turn.uow, member, now)
            covenant = (await signing.signing_status(turn.uow, member, now)).covenant_ready
        t = turn.t
        opened = [w.kind.value for w in found.windows if w.opens_at <= now]
        context = {
            "member": member,
            "p": found,
            "now": now,
            "fmt": fmt,
            "year": member.year.year,
            "ballot_title": lambda b: ballot_views.title(t, b, member.year.year),
            "conference_name": lambda c: conference_views.name(t, c.kind, member.year.year),
            "run_ballots": allowed(member.actor, Permission.RUN_BALLOTS, member.year),
            "run_conferences": allowed(member.actor, Permission.RUN_CONFERENCES, member.year),
            "ballot_kinds": list(BallotKind),
            "conference_kinds": [
                k for k in ConferenceKind if not any(c.kind is k for c in found.conferences)
            ],
            "covenant": covenant,
            "reports": [cycle for cycle in Cycle if cycle.value in opened],
            "board_file": bool(found.proposing)
            and Cycle.ANNUAL in found.published
            and allowed(member.actor, Permission.FILE_TO_BOARD, member.year),
            "flash": request.query.get("done", ""),
        }
        return pages.render(request, turn.visitor, "year.html", context)

    # --- documents -----------------------------------------------------------------------

    async def report(self, request: web.Request) -> web.StreamResponse:
        """The score table (.xlsx) or the ranking chart (.png), as /baocao sends them."""
        cycle_text, kind = request.match_info["cycle"], request.match_info["kind"]
        if cycle_text not in set(Cycle) or kind not in ("table.xlsx", "chart.png"):
            raise StaleAction()
        async with self.pages.turn(request) as turn:
            member = await self._place(turn)
            summary = await ranking.score_summary(turn.uow, member, Cycle(cycle_text))
        files = await asyncio.to_thread(summary_files, turn.t, summary)
        return download(files[0] if kind == "table.xlsx" else files[1])

    async def covenant(self, request: web.Request) -> web.StreamResponse:
        async with self.pages.turn(request) as turn:
            member = await self._place(turn)
            data = await signing.covenant(turn.uow, member)
        from reports.pledge_covenant import build_pledge_covenant  # python-docx, when used

        content = await asyncio.to_thread(build_pledge_covenant, data)
        return download(covenant_file(turn.t, data.year, content))

    async def board_file(self, request: web.Request) -> web.StreamResponse:
        """The year's file for the provincial board, as /binhxet offers it."""
        now = self.pages.clock.now()
        async with self.pages.turn(request) as turn:
            member = await self._place(turn, Permission.FILE_TO_BOARD)
            found = await board_file.board_file(turn.uow, member, now)
            await turn.uow.commit()  # its documents take their numbers when first made
        from reports.board_file import build_board_file  # python-docx: loaded when used

        content = await asyncio.to_thread(build_board_file, found)
        name = f"ho-so-gui-ban-tdkt-{found.year}.docx"
        return download(File(name, content, DOCX))

    async def ballot_document(self, request: web.Request) -> web.StreamResponse:
        """A closed ballot's minutes, proposal or chart; another bloc's ballot is a 404."""
        doc = request.match_info["doc"]
        if doc not in DOCS:
            raise StaleAction()
        async with self.pages.turn(request) as turn:
            member = await self._place(turn)
            record = await ballots.closed_record(turn.uow, member, number(request, "ballot"))
            await turn.uow.commit()  # a document made for the first time takes its number
        return await ballot_download(record, doc)

    async def calendar(self, request: web.Request) -> web.StreamResponse:
        now = self.pages.clock.now()
        async with self.pages.turn(request) as turn:
            member = await self._place(turn)
            try:
                conference = await conferences.conference_in_year(
                    turn.uow, member, number(request, "conference")
                )
            except ConferenceNotFound as missing:
                raise StaleAction() from missing
            host = await turn.uow.blocs.unit(conference.host_unit_id or 0)
        file = conference_views.calendar_file(
            turn.t, conference, member.year.year, member.bloc.code, member.bloc.name, host, now
        )
        return download(file)

    # --- a new ballot ----------------------------------------------------------------------

    async def ballot_form(self, request: web.Request) -> web.StreamResponse:
        """The chat's defaults for the kind chosen: candidates from the published ranking,
        the bloc's quota, secrecy, threshold and base, closing in two hours."""
        kind = _ballot_kind(request.query.get("kind", ""))
        now = self.pages.clock.now()
        async with self.pages.turn(request) as turn:
            member = await self._place(turn, Permission.RUN_BALLOTS)
            draft = await ballots.draft(turn.uow, member, kind, now)
            if kind is BallotKind.REPORT:
                draft = replace(
                    draft, title=turn.t("ballot-report-question", year=member.year.year)
                )
            context = await self._ballot_context(turn, member, draft)
        return self.pages.render(request, turn.visitor, "year_ballot.html", context)

    async def open_ballot(self, request: web.Request) -> web.StreamResponse:
        now = self.pages.clock.now()
        async with self.pages.turn(request, form=True) as turn:
            member = await self._place(turn, Permission.RUN_BALLOTS)
            form = turn.form
            kind = _ballot_kind(form.get("kind", ""))
            draft = await ballots.draft(turn.uow, member, kind, now)
            picked = {v for v in (await request.post()).getall("unit", []) if isinstance(v, str)}
            known = {c.unit_id: c for c in draft.candidates}
            units = await _member_units(turn, member)
            candidates = tuple(
                known.get(u.id, Candidate(u.name, u.id)) for u in units if str(u.id) in picked
            )
            closes_at = read_local(form.get("closes_at", ""))
            wanted = replace(
                draft,
                title=form.get("title", draft.title),
                candidates=candidates if not kind.is_yes_no else draft.candidates,
                quota=_whole(form.get("quota", "")),
                secret=form.get("secret") == "1",
                threshold=_threshold(form.get("threshold", "")),
                base=ThresholdBase(base)
                if (base := form.get("base", "")) in set(ThresholdBase)
                else draft.base,
                closes_at=closes_at or draft.closes_at,
                place=form.get("place", ""),
            )
            try:
                if closes_at is None:
                    raise PageError(400, "web-time-unreadable")
                ballot = await ballots.open_ballot(
                    turn.uow, member, wanted, now, self.pages.notices
                )
            except (DomainError, PageError) as refused:
                text = _refusal(turn, refused)
                context = await self._ballot_context(turn, member, wanted, form) | {"error": text}
                return self.pages.render(
                    request, turn.visitor, "year_ballot.html", context, status=400
                )
            await turn.uow.commit()
        raise web.HTTPSeeOther(f"/w/year?done=ballot-{ballot.id}")

    async def _ballot_context(
        self, turn: Turn, member: Membership, draft: BallotDraft, form: dict[str, str] | None = None
    ) -> dict[str, Any]:
        t = turn.t
        chosen = {c.unit_id for c in draft.candidates}
        scores = {c.unit_id: c.score for c in draft.candidates}
        units = [
            {"id": u.id, "name": u.name, "chosen": u.id in chosen,
             "score": fmt.points(s, t.locale) if (s := scores.get(u.id)) is not None else None}
            for u in await _member_units(turn, member)
        ]  # fmt: skip
        thresholds = [
            (str(index), ballot_views.threshold_label(value, t.locale), value == draft.threshold)
            for index, value in enumerate(ALLOWED_THRESHOLDS)
        ]
        return {
            "member": member,
            "draft": draft,
            "title": ballot_views.title(t, draft, member.year.year),
            "units": units,
            "thresholds": thresholds,
            "bases": list(ThresholdBase),
            "closes_at": (form or {}).get("closes_at") or local_input(draft.closes_at),
            "members": len(member.year.member_unit_ids),
        }

    # --- a new conference ---------------------------------------------------------------------

    async def conference_form(self, request: web.Request) -> web.StreamResponse:
        """The date the bot proposes from the bloc's calendar, hosted by the leader unit."""
        kind = _conference_kind(request.query.get("kind", ""))
        now = self.pages.clock.now()
        async with self.pages.turn(request) as turn:
            member = await self._conference_place(turn, kind)
            draft = conferences.propose(member, kind, now)
            context = await self._conference_context(turn, member, draft)
        return self.pages.render(request, turn.visitor, "year_conference.html", context)

    async def schedule(self, request: web.Request) -> web.StreamResponse:
        now = self.pages.clock.now()
        async with self.pages.turn(request, form=True) as turn:
            form = turn.form
            kind = _conference_kind(form.get("kind", ""))
            member = await self._conference_place(turn, kind)
            proposed = conferences.propose(member, kind, now)
            starts_at = read_local(form.get("starts_at", ""))
            host = _whole(form.get("host", ""))
            draft = ConferenceDraft(
                kind, starts_at or proposed.starts_at, host if host > 0 else None,
                place=" ".join(form.get("place", "").split()),
                agenda=form.get("agenda", "").replace("\r\n", "\n").strip(),
                attendees=" ".join(form.get("attendees", "").split()),
            )  # fmt: skip
            try:
                if starts_at is None:
                    raise PageError(400, "web-time-unreadable")
                await conferences.schedule(turn.uow, member, draft, now, self.pages.notices)
            except (DomainError, PageError) as refused:
                text = _refusal(turn, refused)
                context = await self._conference_context(turn, member, draft, form)
                context["error"] = text
                return self.pages.render(
                    request, turn.visitor, "year_conference.html", context, status=400
                )
            await turn.uow.commit()
        raise web.HTTPSeeOther(f"/w/year?done=conference-{kind.value}")

    async def _conference_place(self, turn: Turn, kind: ConferenceKind) -> Membership:
        """The annual review belongs to the year in review until it is handed over; the
        other conferences to the current year (as the chat's /hoinghi)."""
        if kind is ConferenceKind.ANNUAL:
            return await self._place(turn, Permission.RUN_CONFERENCES)
        return _checked(turn.member, Permission.RUN_CONFERENCES)

    async def _conference_context(
        self,
        turn: Turn,
        member: Membership,
        draft: ConferenceDraft,
        form: dict[str, str] | None = None,
    ) -> dict[str, Any]:
        t = turn.t
        units = await _member_units(turn, member)
        host = next((u for u in units if u.id == draft.host_unit_id), None)
        return {
            "member": member,
            "draft": draft,
            "name": conference_views.name(t, draft.kind, member.year.year),
            "units": units,
            "starts_at": (form or {}).get("starts_at") or local_input(draft.starts_at),
            "default_place": conference_views.place(t, replace(draft, place=""), host),
            "default_agenda": t(f"conference-agenda-{draft.kind.value}"),
        }


def _refusal(turn: Turn, refused: DomainError | PageError) -> str:
    """What a refused form says above its fields, which keep what was typed."""
    if isinstance(refused, PageError):
        return turn.t(refused.key, **refused.values)
    return error_text(turn.t, refused)


def _checked(member: Membership, permission: Permission) -> Membership:
    """The leader's or deputy's place; an ordinary unit's officer is refused the page (the
    board follows every bloc on its own page)."""
    if member.unit is None or not allowed(member.actor, permission, member.year):
        raise PageError(403, "web-year-refused")
    speak_for(wording.bloc_words(member.bloc))
    return member


async def _member_units(turn: Turn, member: Membership) -> list[Any]:
    assert member.bloc.id is not None
    units = {u.id: u for u in await turn.uow.blocs.units(member.bloc.id)}
    return [units[uid] for uid in member.year.member_unit_ids if uid in units]


def _ballot_kind(text: str) -> BallotKind:
    if text not in set(BallotKind):
        raise StaleAction()
    return BallotKind(text)


def _conference_kind(text: str) -> ConferenceKind:
    if text not in set(ConferenceKind):
        raise StaleAction()
    return ConferenceKind(text)


def _whole(text: str) -> int:
    text = text.strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) < 6 else 0


def _threshold(text: str) -> Decimal:
    """One of the allowed thresholds by its place; anything else is refused by validation."""
    index = _whole(text) if text.strip() else -1
    return ALLOWED_THRESHOLDS[index] if 0 <= index < len(ALLOWED_THRESHOLDS) else Decimal(-1)
