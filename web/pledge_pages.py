"""The pledge on the web: titles, campaigns and commitments in one form, its status, sending
and withdrawing it, signing the covenant and downloading it."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING
from urllib.parse import quote

from aiohttp import web

from bot.views import fmt
from bot.views.pledges import covenant_file
from domain.errors import PledgeWindowClosed, PledgeWindowNotOpen
from domain.pledges import PledgeStatus, Title
from domain.services import pledges, signing
from web.server import WebPages, wants_json

if TYPE_CHECKING:
    from aiohttp.web_urldispatcher import UrlDispatcher


def add_routes(pages: WebPages, r: UrlDispatcher) -> None:
    p = PledgePages(pages)
    r.add_get("/w/pledge", p.show)
    r.add_post("/w/pledge", p.save)
    r.add_post("/w/pledge/submit", p.submit)
    r.add_post("/w/pledge/withdraw", p.withdraw)
    r.add_post("/w/pledge/sign", p.sign)
    r.add_get("/w/pledge/covenant.docx", p.covenant)


class PledgePages:
    def __init__(self, pages: WebPages) -> None:
        self.pages = pages

    async def show(self, request: web.Request) -> web.StreamResponse:
        pages, now = self.pages, self.pages.clock.now()
        async with pages.turn(request) as turn:
            uow, visitor, member = turn.uow, turn.visitor, turn.member
            status = await signing.signing_status(uow, member, now)
        view = status.own
        if view is None:  # the board's officers pledge nothing; they read the covenant
            context = {"member": member, "status": status, "view": None}
            return pages.render(request, visitor, "pledge.html", context)
        pledge, window = view.pledge, view.window
        notice = None
        if not view.editable and pledge.status in (PledgeStatus.DRAFT, PledgeStatus.RETURNED):
            try:
                pledges.check_window(member.year, now, pledge)
            except (PledgeWindowNotOpen, PledgeWindowClosed) as closed:
                from bot.views.errors import error_text

                notice = error_text(visitor.t, closed)
        context = {
            "member": member,
            "status": status,
            "view": view,
            "pledge": pledge,
            "titles": list(Title),
            "deadline": fmt.date_time(window.closes_at),
            "submitted_at": fmt.date_time(pledge.submitted_at) if pledge.submitted_at else "",
            "signed_at": fmt.date_time(pledge.signed_at) if pledge.signed_at else "",
            "can_sign": pledge.status is PledgeStatus.APPROVED and pledge.signed_at is None,
            "notice": notice,
            "flash": request.query.get("done", ""),
        }
        return pages.render(request, visitor, "pledge.html", context)

    async def save(self, request: web.Request) -> web.StreamResponse:
        """The form as it stands: what changed is changed, through the chat's own rules."""
        pages, now = self.pages, self.pages.clock.now()
        async with pages.turn(request, form=True) as turn:
            uow, visitor, member, form = turn.uow, turn.visitor, turn.member, turn.form
            fields = await request.post()  # cached: the checkboxes' repeated names
            view = await pledges.editable_pledge(uow, member, now)
            wanted_titles = {v for v in fields.getall("title", []) if isinstance(v, str)}
            for title in Title:
                if (title.value in wanted_titles) != (title in view.pledge.titles):
                    view = await pledges.toggle_title(uow, member, title.value, now)
            picked = [v for v in fields.getall("campaign", []) if isinstance(v, str)]
            wanted = {int(v) for v in picked if v.isascii() and v.isdigit()}
            for campaign in view.campaigns:
                if campaign.id is not None and (campaign.id in wanted) != (
                    campaign.id in view.pledge.campaign_ids
                ):
                    view = await pledges.toggle_campaign(uow, member, campaign.id, now)
            text = form.get("commitments", "").replace("\r\n", "\n")
            if text.strip() and text.strip() != view.pledge.commitments.strip():
                view = await pledges.set_commitments(uow, member, text, now)
            await uow.commit()
        if wants_json(request):
            return pages.json({"saved": visitor.t("web-saved")})
        raise web.HTTPSeeOther("/w/pledge?done=saved")

    async def submit(self, request: web.Request) -> web.StreamResponse:
        return await self._act(request, pledges.submit, "submitted")

    async def withdraw(self, request: web.Request) -> web.StreamResponse:
        return await self._act(request, pledges.withdraw, "withdrawn")

    async def sign(self, request: web.Request) -> web.StreamResponse:
        return await self._act(request, signing.sign, "signed")

    async def _act(self, request: web.Request, action, done: str) -> web.StreamResponse:  # type: ignore[no-untyped-def]
        pages, now = self.pages, self.pages.clock.now()
        async with pages.turn(request, form=True) as turn:
            uow, member = turn.uow, turn.member
            await action(uow, member, now)
            await uow.commit()
        raise web.HTTPSeeOther(f"/w/pledge?done={done}")

    async def covenant(self, request: web.Request) -> web.StreamResponse:
        pages = self.pages
        async with pages.turn(request) as turn:
            uow, visitor, member = turn.uow, turn.visitor, turn.member
            data = await signing.covenant(uow, member)
        from reports.pledge_covenant import build_pledge_covenant  # python-docx: when asked

        content = await asyncio.to_thread(build_pledge_covenant, data)
        file = covenant_file(visitor.t, data.year, content)
        response = web.Response(body=file.content, content_type=file.mime_type)
        disposition = f"attachment; filename*=UTF-8''{quote(file.name)}"
        response.headers["Content-Disposition"] = disposition
        response.headers["Cache-Control"] = "private, no-store"
        return response
