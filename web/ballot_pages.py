"""The ballot paper on the web: candidates with their rank and score, approved up to the
quota; a secret ballot confirmed once and its receipt kept on the page; the live count."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from aiohttp import web

from bot.views import ballots as ballot_views
from bot.views import fmt
from domain.ballots import Ballot
from domain.services import voting
from web import present
from web.server import Visitor, WebPages, wants_json
from web.sheet_pages import number

if TYPE_CHECKING:
    from aiohttp.web_urldispatcher import UrlDispatcher

RECEIPTS = "receipts"  # session data: ballot id → the receipt this browser was shown


def add_routes(pages: WebPages, r: UrlDispatcher) -> None:
    b = BallotPages(pages)
    r.add_get("/w/ballots", b.list)
    r.add_get("/w/ballot/{ballot}", b.show)
    r.add_get("/w/ballot/{ballot}/count", b.count)
    r.add_post("/w/ballot/{ballot}", b.cast)


def ranks(ballot: Ballot) -> dict[int, int]:
    """Each candidate's place by its score (equal scores share a place)."""
    scored = sorted((c.score for c in ballot.candidates if c.score is not None), reverse=True)
    return {
        c.id: scored.index(c.score) + 1
        for c in ballot.candidates
        if c.id is not None and c.score is not None
    }


class BallotPages:
    def __init__(self, pages: WebPages) -> None:
        self.pages = pages

    async def list(self, request: web.Request) -> web.StreamResponse:
        pages, now = self.pages, self.pages.clock.now()
        async with pages.turn(request) as turn:
            uow, visitor, member = turn.uow, turn.visitor, turn.member
            states = await voting.open_for(uow, member, now)
        items = [
            {"id": s.ballot.id, "title": ballot_views.title(visitor.t, s.ballot, member.year.year),
             "voted": s.unit_voted, "closes": fmt.date_time(s.ballot.closes_at)}
            for s in states
        ]  # fmt: skip
        return pages.render(request, visitor, "ballots.html", {"member": member, "items": items})

    async def show(self, request: web.Request, **extra: Any) -> web.StreamResponse:
        pages, now = self.pages, self.pages.clock.now()
        ballot_id = number(request, "ballot")
        async with pages.turn(request) as turn:
            uow, visitor, member = turn.uow, turn.visitor, turn.member
            state = await voting.state(uow, member, ballot_id)
        context = self._context(visitor, state, member.year.year, now) | {"member": member}
        return pages.render(request, visitor, "ballot.html", context | extra)

    def _context(
        self, visitor: Visitor, state: voting.BallotState, year: int, now: Any
    ) -> dict[str, Any]:
        t, ballot = visitor.t, state.ballot
        place = ranks(ballot)
        chosen = state.own_vote.approved if state.own_vote else frozenset()
        candidates = [
            {"id": c.id, "label": c.label, "rank": place.get(c.id or 0),
             "score": present.points(c.score, t.locale) if c.score is not None else None,
             "chosen": c.id in chosen}
            for c in ballot.candidates
        ]  # fmt: skip
        receipts = visitor.session.data.get(RECEIPTS, {})
        receipt = receipts.get(str(ballot.id)) or (
            state.own_vote.receipt if state.own_vote else None
        )
        rule = ballot_views.rule_line(
            t, ballot.secret, ballot.threshold, ballot.base, state.count.members
        )
        return {
            "ballot": ballot,
            "title": ballot_views.title(t, ballot, year),
            "rule": rule,
            "candidates": candidates,
            "single": ballot_views.is_single(ballot),
            "open": ballot.is_open(now),
            "voted": state.unit_voted,
            "receipt": receipt,
            "count": state.count,
            "closes": fmt.date_time(ballot.closes_at),
            "threshold": Decimal(ballot.threshold),
        }

    async def count(self, request: web.Request) -> web.StreamResponse:
        pages = self.pages
        async with pages.turn(request) as turn:
            uow, member = turn.uow, turn.member
            state = await voting.state(uow, member, number(request, "ballot"))
        now = pages.clock.now()
        return pages.json({"voted": state.count.voted, "members": state.count.members,
                           "open": state.ballot.is_open(now)})  # fmt: skip

    async def cast(self, request: web.Request) -> web.StreamResponse:
        pages, now = self.pages, self.pages.clock.now()
        ballot_id = number(request, "ballot")
        async with pages.turn(request, form=True) as turn:
            uow, visitor, member, form = turn.uow, turn.visitor, turn.member, turn.form
            picked = (await request.post()).getall("c", [])
            approved = frozenset(int(v) for v in picked if isinstance(v, str) and v.isdigit())
            state = await voting.state(uow, member, ballot_id)
            if state.ballot.secret and form.get("confirmed") != "1":
                # A secret vote cannot be taken back: asked once more (the script asks in a
                # dialog and sends the confirmation with it).
                voting.check_paper(state.ballot, approved)
                context = self._context(visitor, state, member.year.year, now)
                context |= {"member": member, "confirm": sorted(approved)}
                return pages.render(request, visitor, "ballot.html", context)
            result = await voting.cast(uow, member, ballot_id, approved, now, pages.notices)
            receipts = dict(visitor.session.data.get(RECEIPTS, {}))
            receipts[str(ballot_id)] = result.receipt
            data = dict(visitor.session.data) | {RECEIPTS: receipts}
            await uow.web_access.save_session_data(visitor.key, data)
            await uow.commit()
        unit = member.unit.short_name if member.unit else ""
        text = ballot_views.receipt(visitor.t, result, unit)
        if wants_json(request):
            count = result.count
            return pages.json(
                {"receipt": result.receipt, "text": text, "voted": count.voted,
                 "members": count.members}
            )  # fmt: skip
        raise web.HTTPSeeOther(f"/w/ballot/{ballot_id}?sent=1")
