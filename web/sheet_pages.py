"""The score sheet page: every item on one screen, each field saved as it is left, evidence
attached and removed, submitted after a confirmation; read-only with the verification after."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from aiohttp import web

from bot.context import BotUnitOfWork
from domain.errors import (
    BonusOverCap,
    CountNotANumber,
    EntryChangedMeanwhile,
    ScoreNotANumber,
    ScoreOutOfRange,
    ScoreTooManyDecimals,
    ScoringClosed,
    StaleAction,
)
from domain.services import scoring
from domain.services.members import Membership
from domain.settings import ScoringMode
from domain.sheets import Evidence
from web import present
from web.server import PageError, Turn, Visitor, WebPages, wants_json
from web.uploads import read_upload

if TYPE_CHECKING:
    from aiohttp.web_urldispatcher import UrlDispatcher

FIELD_ERRORS = (ScoreNotANumber, ScoreOutOfRange, ScoreTooManyDecimals, CountNotANumber,
                BonusOverCap)  # fmt: skip
KEPT_FOR = timedelta(days=3650)  # evidence uploaded on the page lives as long as the sheet


def add_routes(pages: WebPages, r: UrlDispatcher) -> None:
    s = SheetPages(pages)
    r.add_get("/w/sheet", s.start)
    r.add_get("/w/sheet/unit/{unit}", s.cross_unit)
    r.add_get("/w/sheet/{sheet}", s.show)
    r.add_get("/w/sheet/{sheet}/state", s.state)
    r.add_post("/w/sheet/{sheet}/item/{code}", s.save)
    r.add_post("/w/sheet/{sheet}/evidence/{code}", s.attach)
    r.add_post("/w/sheet/{sheet}/remove/{evidence}", s.remove)
    r.add_get("/w/sheet/{sheet}/evidence/{evidence}", s.download)
    r.add_get("/w/sheet/{sheet}/submit", s.confirm)
    r.add_post("/w/sheet/{sheet}/submit", s.submit)


def number(request: web.Request, name: str) -> int:
    """An id from the path; anything else finds nothing (404), as a stranger's id does."""
    text = request.match_info[name]
    if not (text.isascii() and text.isdigit() and len(text) < 12):
        raise StaleAction()
    return int(text)


class SheetPages:
    def __init__(self, pages: WebPages) -> None:
        self.pages = pages

    async def start(self, request: web.Request) -> web.StreamResponse:
        """The unit's own sheet of the open window; in cross mode, the units to score."""
        pages, now = self.pages, self.pages.clock.now()
        async with pages.turn(request) as turn:
            uow, visitor, member = turn.uow, turn.visitor, turn.member
            try:
                cycle = scoring.current_cycle(member.year, now)
            except ScoringClosed:
                cycle = scoring.reporting_cycle(member.year, now)
                own = await scoring.own_result(uow, member, cycle)
                if own is None:
                    raise
                raise web.HTTPSeeOther(_keep_tg(request, f"/w/sheet/{own.sheet.id}")) from None
            if member.year.rules.scoring_mode is ScoringMode.CROSS:
                mine = member.unit.id if member.unit else None
                units = [
                    u for u in await uow.blocs.units(member.bloc.id or 0)
                    if u.id in member.year.member_unit_ids and u.id != mine
                ]  # fmt: skip
                context = {"member": member, "units": units, "cycle": cycle.value}
                return pages.render(request, visitor, "choose_unit.html", context)
            view = await scoring.open_sheet(uow, member, cycle, now)
            await uow.commit()
        raise web.HTTPSeeOther(_keep_tg(request, f"/w/sheet/{view.sheet.id}"))

    async def cross_unit(self, request: web.Request) -> web.StreamResponse:
        pages, now = self.pages, self.pages.clock.now()
        async with pages.turn(request) as turn:
            uow, member = turn.uow, turn.member
            cycle = scoring.current_cycle(member.year, now)
            view = await scoring.open_sheet(uow, member, cycle, now, number(request, "unit"))
            await uow.commit()
        raise web.HTTPSeeOther(_keep_tg(request, f"/w/sheet/{view.sheet.id}"))

    async def show(self, request: web.Request, **extra: Any) -> web.StreamResponse:
        pages = self.pages
        async with pages.turn(request) as turn:
            uow, visitor, member = turn.uow, turn.visitor, turn.member
            context = await self._context(uow, visitor, member, number(request, "sheet"))
        status = 422 if extra.get("errors") else 200
        return pages.render(request, visitor, "sheet.html", context | extra, status=status)

    async def _context(
        self, uow: BotUnitOfWork, visitor: Visitor, member: Membership, sheet_id: int
    ) -> dict[str, Any]:
        t, now = visitor.t, self.pages.clock.now()
        view = await scoring.sheet_view(uow, member, sheet_id)  # refuses another's sheet
        evidence = await uow.scores.evidence(sheet_id)  # so its evidence is the member's to see
        closes = view.window.closes_at
        return {
            "member": member,
            "view": view,
            "sid": sheet_id,
            "blocks": present.sheet_blocks(t, view, evidence, sheet_id),
            "totals": present.totals(t, view),
            "final": present.points(view.final.final, t.locale),
            "verified": any(e.verified is not None for e in view.sheet.entries.values()),
            "editable": view.editable and view.window.is_open(now),
            "deadline": present.when(closes),
            "days_left": max(0, (closes - now).days),
            "submitted_at": present.when(view.sheet.submitted_at),
        }

    async def state(self, request: web.Request) -> web.StreamResponse:
        """Each entry's value and version, with who changed it: the page shows colleagues'
        changes made in the chat or on another phone meanwhile."""
        pages = self.pages
        async with pages.turn(request) as turn:
            uow, visitor, member = turn.uow, turn.visitor, turn.member
            view = await scoring.sheet_view(uow, member, number(request, "sheet"))
            entries = {}
            names: dict[int, str] = {}
            for code, entry in view.sheet.entries.items():
                info = present.entry_state(entry, visitor.t.locale)
                if entry.updated_by is not None and entry.updated_by not in names:
                    officer = await uow.people.officer(entry.updated_by)
                    names[entry.updated_by] = officer.full_name if officer else ""
                info["by"] = names.get(entry.updated_by or 0, "")
                info["mine"] = entry.updated_by == member.actor.officer_id
                entries[code] = info
        return pages.json(
            {"entries": entries, "totals": present.totals(visitor.t, view),
             "editable": view.editable}
        )  # fmt: skip

    async def save(self, request: web.Request) -> web.StreamResponse:
        pages, now = self.pages, self.pages.clock.now()
        sheet_id, code = number(request, "sheet"), request.match_info["code"]
        async with pages.turn(request, form=True) as turn:
            uow, visitor, member, form = turn.uow, turn.visitor, turn.member, turn.form
            typed = present.typed_number(form.get("value", ""))
            version = form.get("version", "")
            try:
                view = await scoring.set_entry(
                    uow, member, sheet_id, code, typed, now,
                    version=int(version) if version.isdigit() else None,
                )  # fmt: skip
            except FIELD_ERRORS as error:
                return await self._field_error(request, visitor, code, form, error)
            except EntryChangedMeanwhile as changed:
                return await self._conflict(request, turn, sheet_id, code, changed)
            await uow.commit()
        entry = view.sheet.entries[code]
        if not wants_json(request):
            raise web.HTTPSeeOther(f"/w/sheet/{sheet_id}?saved={quote(code)}#i-{quote(code)}")
        t = visitor.t
        return pages.json(
            present.entry_state(entry, t.locale)
            | {"code": code, "saved": t("web-saved"), "totals": present.totals(t, view)}
        )

    async def _field_error(
        self, request: web.Request, visitor: Visitor, code: str, form: dict[str, str],
        error: Exception,
    ) -> web.StreamResponse:  # fmt: skip
        from bot.views.errors import error_text
        from domain.errors import DomainError

        assert isinstance(error, DomainError)
        text = error_text(visitor.t, error)
        if wants_json(request):
            return self.pages.json({"error": text, "code": code}, status=422)
        typed = {code: form.get("value", "")}
        return await self.show(request, errors={code: text}, typed=typed)

    async def _conflict(
        self, request: web.Request, turn: Turn, sheet_id: int, code: str,
        changed: EntryChangedMeanwhile,
    ) -> web.StreamResponse:  # fmt: skip
        """What the colleague wrote, with its version: keeping one's own value saves it over
        that version, knowingly."""
        t = turn.t
        view = await scoring.sheet_view(turn.uow, turn.member, sheet_id)
        entry = view.sheet.entries.get(code)
        state = present.entry_state(entry, t.locale) if entry else {"value": "", "version": 0}
        by = str(changed.values.get("by") or t("web-a-colleague"))
        text = t("web-changed-meanwhile", by=by, value=state["value"] or "—",
                 at=state.get("at", ""))  # fmt: skip
        if wants_json(request):
            return self.pages.json({"conflict": True, "error": text} | state, status=409)
        return await self.show(request, errors={code: text})

    async def attach(self, request: web.Request) -> web.StreamResponse:
        """A photo or file (size and type checked as the chat checks them), or a note."""
        pages, now = self.pages, self.pages.clock.now()
        sheet_id, code = number(request, "sheet"), request.match_info["code"]
        async with pages.uow_factory() as uow:
            visitor = await pages.visitor(request, uow)
            upload = await read_upload(request, visitor.session.csrf)
            member = await pages.member(visitor, uow)
            if upload.note is not None:
                evidence = Evidence(
                    code, "note", upload.note.strip(), visitor.t("evidence-note-name")
                )
            else:
                token = await uow.files.put(
                    upload.name, upload.mime_type, upload.content, now, now + KEPT_FOR
                )
                kind = "photo" if upload.mime_type.startswith("image/") else "document"
                evidence = Evidence(
                    code, kind, present.STORED + token, upload.name, len(upload.content),
                    mime_type=upload.mime_type,
                )  # fmt: skip
            await scoring.add_evidence(uow, member, sheet_id, evidence, now)
            await uow.commit()
        if wants_json(request):
            info = present.evidence_info(evidence, sheet_id)
            return pages.json({"evidence": info, "saved": visitor.t("web-attached")})
        raise web.HTTPSeeOther(f"/w/sheet/{sheet_id}#i-{quote(code)}")

    async def remove(self, request: web.Request) -> web.StreamResponse:
        pages, now = self.pages, self.pages.clock.now()
        sheet_id, evidence_id = number(request, "sheet"), number(request, "evidence")
        async with pages.turn(request, form=True) as turn:
            uow, member = turn.uow, turn.member
            removed = await scoring.remove_evidence(uow, member, sheet_id, evidence_id, now)
            await uow.commit()
        if wants_json(request):
            return pages.json({"removed": evidence_id})
        raise web.HTTPSeeOther(f"/w/sheet/{sheet_id}#i-{quote(removed.code)}")

    async def download(self, request: web.Request) -> web.StreamResponse:
        pages = self.pages
        sheet_id, evidence_id = number(request, "sheet"), number(request, "evidence")
        async with pages.turn(request) as turn:
            uow, member = turn.uow, turn.member
            found = next(
                (e for e in await scoring.sheet_evidence(uow, member, sheet_id)
                 if e.id == evidence_id and e.reference.startswith(present.STORED)),
                None,
            )  # fmt: skip
            stored = await uow.files.get(found.reference[len(present.STORED) :]) if found else None
        if stored is None:
            raise PageError(404, "web-not-found")
        inline = stored.mime_type in ("image/jpeg", "image/png", "application/pdf")
        disposition = "inline" if inline else "attachment"
        response = web.Response(body=stored.content, content_type=stored.mime_type)
        response.headers["Content-Disposition"] = (
            f"{disposition}; filename*=UTF-8''{quote(stored.name)}"
        )
        response.headers["Cache-Control"] = "private, no-store"
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Content-Security-Policy"] = "default-src 'none'; img-src 'self'"
        return response

    async def confirm(self, request: web.Request) -> web.StreamResponse:
        """Without the page's script, submitting asks here (with it, a dialog asks)."""
        pages = self.pages
        async with pages.turn(request) as turn:
            uow, visitor, member = turn.uow, turn.visitor, turn.member
            context = await self._context(uow, visitor, member, number(request, "sheet"))
        return pages.render(request, visitor, "submit.html", context)

    async def submit(self, request: web.Request) -> web.StreamResponse:
        pages, now = self.pages, self.pages.clock.now()
        sheet_id = number(request, "sheet")
        async with pages.turn(request, form=True) as turn:
            uow, member = turn.uow, turn.member
            await scoring.submit(uow, member, sheet_id, now)
            await uow.commit()
        raise web.HTTPSeeOther(f"/w/sheet/{sheet_id}?submitted=1")


def _keep_tg(request: web.Request, path: str) -> str:
    """Inside Telegram the next page loads its script for the theme too."""
    return f"{path}?tg=1" if request.query.get("tg") == "1" else path
