"""Verification (thẩm định) on the web, for the leader and deputy: the bloc's progress and
the publish step, each unit's sheet beside its evidence, a change with its reason, the
"verified" mark. The same domain services as /thamdinh, so the unit is told as in the chat."""

from __future__ import annotations

import hashlib
import mimetypes
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from aiohttp import web

from bot import views, wording
from bot.i18n import Translator, speak_for
from bot.views.errors import error_text
from domain.errors import (
    CrossMeanFixed,
    DomainError,
    OwnUnitVerification,
    RankingPublished,
    ReasonRequired,
    SheetNotSubmitted,
    StaleAction,
    WindowStillOpen,
)
from domain.model import Channel, Role
from domain.policy import Permission, allowed
from domain.services import ranking, scoring, verification
from domain.services.members import Membership
from domain.settings import ScoringMode
from domain.sheets import Evidence
from domain.summary import Cycle
from domain.verification import UnitReview
from web import present
from web.server import PageError, Turn, WebPages
from web.sheet_pages import FIELD_ERRORS, number

if TYPE_CHECKING:
    from aiohttp.web_urldispatcher import UrlDispatcher

# Errors that mean the page was opened on a sheet that has since moved on: said, nothing done.
STALE = (RankingPublished, SheetNotSubmitted, StaleAction, CrossMeanFixed, OwnUnitVerification)
INLINE = ("image/jpeg", "image/png", "application/pdf")


def add_routes(pages: WebPages, r: UrlDispatcher) -> None:
    v = VerifyPages(pages)
    r.add_get("/w/verify", v.board)
    r.add_post("/w/verify/{cycle}/publish", v.publish)
    r.add_get("/w/verify/{cycle}/{unit}", v.unit)
    r.add_post("/w/verify/{cycle}/{unit}/item/{code}", v.change)
    r.add_post("/w/verify/{cycle}/{unit}/done", v.mark)
    r.add_get("/w/verify/{cycle}/{unit}/evidence/{evidence}", v.download)


@dataclass
class Line:
    """One criterion as its verifier sees it."""

    code: str
    title: str
    kind: str  # item | bonus | penalty
    own: str  # what the unit gave it (cross mode: the others' mean; a penalty: its count)
    max: str  # an item's or bonus's maximum, a penalty's deduction
    per_occurrence: bool = False
    changeable: bool = True
    change: str = ""  # the verified value, once changed
    reason: str = ""
    answer: str = ""  # the unit's answer to the change, or how long it may still answer
    evidence: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Part:
    code: str
    title: str
    max: str
    lines: list[Line]


class VerifyPages:
    def __init__(self, pages: WebPages) -> None:
        self.pages = pages

    # --- the bloc's progress and the publish step --------------------------------------

    async def board(self, request: web.Request) -> web.StreamResponse:
        pages, now = self.pages, self.pages.clock.now()
        async with pages.turn(request) as turn:
            uow, visitor, member = turn.uow, turn.visitor, turn.member
            t = _speak(turn)
            cycle = _cycle(request.query.get("cycle")) or scoring.reporting_cycle(member.year, now)
            state = await verification.board(uow, member, cycle)
            published_at = await uow.scores.published_at(member.year.id or 0, cycle)
            can_publish = allowed(member.actor, Permission.PUBLISH_RANKING, member.year)
            check: list[str] = []
            clear, closed_note = False, ""
            if can_publish and not state.published:
                try:
                    items = await ranking.publish_check(uow, member, cycle, now)
                except WindowStillOpen as still_open:
                    closed_note = error_text(t, still_open)
                else:
                    deputy = _role(t, member, Role.DEPUTY)
                    reply = views.deadlines.publish_check(t, items, cycle, member.year.year, deputy)
                    check, clear = reply.text.split("\n")[1:], items.clear
        rows = [_unit_row(t, review, now) for review in state.units]
        context = {
            "member": member,
            "state": state,
            "cycle": cycle.value,
            "cycles": [c.value for c in Cycle],
            "title": t("verify-board-title", year=member.year.year, cycle=cycle.value,
                       verified=state.verified_count, ready=state.ready_count),
            "rows": rows,
            "own_note": _own_note(t, member),
            "can_publish": can_publish and not state.published,
            "check": check,
            "clear": clear,
            "closed_note": closed_note,
            "published_at": present.when(published_at),
            "flash": request.query.get("done", ""),
        }  # fmt: skip
        return pages.render(request, visitor, "verify.html", context)

    async def publish(self, request: web.Request) -> web.StreamResponse:
        pages, now = self.pages, self.pages.clock.now()
        cycle = _cycle(request.match_info["cycle"])
        if cycle is None:
            raise PageError(404, "web-not-found")
        async with pages.turn(request, form=True) as turn:
            _speak(turn)
            await ranking.publish(turn.uow, turn.member, cycle, now, pages.notices)
            await turn.uow.commit()
        raise web.HTTPSeeOther(f"/w/verify?cycle={cycle.value}&done=published")

    # --- one unit's sheet -----------------------------------------------------------------

    async def unit(self, request: web.Request, **extra: Any) -> web.StreamResponse:
        pages = self.pages
        cycle, unit_id = self._where(request)
        async with pages.turn(request) as turn:
            context = await self._context(turn, cycle, unit_id, request.query)
        if "errors" in extra or "stale" in extra:
            status = 409 if extra.get("stale") else 422
        else:
            status = 200
        return pages.render(request, turn.visitor, "verify_unit.html", context | extra, status)

    async def _context(
        self, turn: Turn, cycle: Cycle, unit_id: int, query: Mapping[str, str]
    ) -> dict[str, Any]:
        uow, member, now = turn.uow, turn.member, self.pages.clock.now()
        t = _speak(turn)
        review = await verification.unit_review(uow, member, unit_id, cycle)
        pieces = await verification.evidence_of(uow, review)
        published = await uow.scores.published_at(member.year.id or 0, cycle) is not None
        record = review.record
        cross = review.mode is ScoringMode.CROSS
        editable = review.ready and not review.own_unit and not published
        base = _base(cycle, unit_id)
        return {
            "member": member,
            "review": review,
            "cross": cross,
            "base": base,
            "cycle": cycle.value,
            "title": t("verify-title-cross" if cross else "verify-title", unit=review.unit.name,
                       own=_pts(t, review.own), final=_pts(t, review.final)),
            "parts": _parts(t, review, pieces, base, now, editable, set(self.pages.fetchers)),
            "cross_sheets": [
                {"unit": s.scorer.short_name, "total": _pts(t, s.total), "submitted": s.submitted}
                for s in review.cross
            ],
            "state": _state(t, review, now),
            "verified_at": present.when(record.verified_at if record else None),
            "editable": editable,
            "published": published,
            "ready": review.ready,
            "own_note": _own_note(t, member) if review.own_unit else "",
            "stamp": stamp(review),
            "reason_max": verification.REASON_MAX_CHARS,
            "agree_all": not review.changes(),
            "flash": _flash(t, review, query),
        }  # fmt: skip

    async def change(self, request: web.Request) -> web.StreamResponse:
        """A criterion changed with its reason, unless the sheet moved on since the page was
        opened: then the page says so and nothing changes."""
        pages, now = self.pages, self.pages.clock.now()
        cycle, unit_id = self._where(request)
        code = request.match_info["code"]
        refused: dict[str, Any] = {}
        async with pages.turn(request, form=True) as turn:
            uow, member, form = turn.uow, turn.member, turn.form
            t = _speak(turn)
            typed = {"value": form.get("value", ""), "reason": form.get("reason", "")}
            before = await verification.unit_review(uow, member, unit_id, cycle)
            try:
                if form.get("stamp") != stamp(before):
                    raise StaleAction()
                await verification.verify_entry(
                    uow, member, unit_id, cycle, code, present.typed_number(typed["value"]),
                    typed["reason"], now, pages.notices,
                )  # fmt: skip
            except FIELD_ERRORS as error:
                refused = {"errors": {"value": error_text(t, error)}, "typed": typed}
            except ReasonRequired as error:
                refused = {"errors": {"reason": error_text(t, error)}, "typed": typed}
            except STALE as error:
                refused = {"stale": _stale_text(t, error)}
            else:
                await uow.commit()
        if refused:
            return await self.unit(request, open_code=code, **refused)
        # Redirected, so that reloading the page never makes the change (and its notice) twice.
        raise web.HTTPSeeOther(f"{_base(cycle, unit_id)}?changed={quote(code)}#i-{quote(code)}")

    async def mark(self, request: web.Request) -> web.StreamResponse:
        """Verified as it stands: with the changes made, or none (agreeing with the whole)."""
        pages, now = self.pages, self.pages.clock.now()
        cycle, unit_id = self._where(request)
        stale = ""
        async with pages.turn(request, form=True) as turn:
            uow, member, form = turn.uow, turn.member, turn.form
            t = _speak(turn)
            before = await verification.unit_review(uow, member, unit_id, cycle)
            try:
                if form.get("stamp") != stamp(before):
                    raise StaleAction()
                await verification.mark_verified(uow, member, unit_id, cycle, now, pages.notices)
            except STALE as error:
                stale = _stale_text(t, error)
            else:
                await uow.commit()
        if stale:
            return await self.unit(request, stale=stale)
        raise web.HTTPSeeOther(f"{_base(cycle, unit_id)}?marked=1")

    async def download(self, request: web.Request) -> web.StreamResponse:
        """A piece of the unit's evidence: uploaded on the page it is in the bot's file
        store; sent in a chat it is fetched from that channel, where this process runs it."""
        pages = self.pages
        cycle, unit_id = self._where(request)
        evidence_id = number(request, "evidence")
        async with pages.turn(request) as turn:
            review = await verification.unit_review(turn.uow, turn.member, unit_id, cycle)
            pieces = await verification.evidence_of(turn.uow, review)
            piece = next((p for p in pieces if p.id == evidence_id and p.kind != "note"), None)
            if piece is None:
                raise PageError(404, "web-not-found")
            if piece.reference.startswith(present.STORED):
                stored = await turn.uow.files.get(piece.reference[len(present.STORED) :])
                if stored is None:
                    raise PageError(404, "web-not-found")
                name, mime, content = stored.name, stored.mime_type, stored.content
        if not piece.reference.startswith(present.STORED):
            name, content = piece.name or f"{piece.code}-{piece.kind}", await self._fetch(piece)
            mime = piece.mime_type or _guess(name, piece.kind)
        return _file(name, mime, content)

    async def _fetch(self, piece: Evidence) -> bytes:
        from bot.request import Attachment
        from domain.sheets import EVIDENCE_MAX_BYTES

        fetch = self.pages.fetchers.get(Channel(piece.channel)) if piece.channel else None
        if fetch is None:
            raise PageError(404, "web-evidence-unreachable")
        attachment = Attachment(piece.kind, piece.reference, piece.name, piece.size)
        try:
            return await fetch(attachment, EVIDENCE_MAX_BYTES)
        except Exception as error:  # gone from the platform, or the platform away
            raise PageError(404, "web-evidence-unreachable") from error

    def _where(self, request: web.Request) -> tuple[Cycle, int]:
        cycle = _cycle(request.match_info["cycle"])
        if cycle is None:
            raise PageError(404, "web-not-found")
        return cycle, number(request, "unit")


def _base(cycle: Cycle, unit_id: int) -> str:
    return f"/w/verify/{cycle.value}/{unit_id}"


def _flash(t: Translator, review: UnitReview, query: Mapping[str, str]) -> str:
    """What the last action did, said on the page it led back to."""
    code = query.get("changed", "")
    entry = review.record.entries.get(code) if review.record and code else None
    if entry is not None and entry.verified_value is not None:
        return t("web-verify-changed", item=code, unit=review.unit.short_name,
                 new=_pts(t, entry.verified_value), final=_pts(t, review.final))  # fmt: skip
    if query.get("marked") and review.verified:
        return t("verify-marked", unit=review.unit.short_name, final=_pts(t, review.final),
                 own=_pts(t, review.own))  # fmt: skip
    return ""


def stamp(review: UnitReview) -> str:
    """What the page was drawn from: a sheet reopened, submitted again or scored anew by
    another unit (cross mode) changes it, and a form from before is refused."""
    record = review.record
    parts = [review.mode.value]
    if review.mode is ScoringMode.CROSS:
        parts += [f"{s.scorer.id}:{s.submitted}:{s.total}" for s in review.cross]
    elif record is not None:
        parts += [record.status.value, str(record.submitted_at)]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def _stale_text(t: Translator, error: DomainError) -> str:
    if isinstance(error, StaleAction):  # the page's own check: drawn from an older sheet
        return t("web-verify-stale")
    return error_text(t, error)


def _speak(turn: Turn) -> Translator:
    """The bloc's own words (Khối or Cụm) in every message of this request."""
    speak_for(wording.bloc_words(turn.member.bloc))
    return turn.t


def _cycle(value: str | None) -> Cycle | None:
    return Cycle(value) if value in set(Cycle) else None


def _role(t: Translator, member: Membership, role: Role) -> str:
    return views.verify.role_name(t, role, views.fmt.bloc_kind(member.bloc))


def _own_note(t: Translator, member: Membership) -> str:
    own = member.unit
    if own is None or own.id not in member.year.member_unit_ids:
        return ""
    other = Role.DEPUTY if own.id == member.year.leader_unit_id else Role.LEADER
    return views.verify.own_unit_note(t, own.short_name, _role(t, member, other))


def _state(t: Translator, review: UnitReview, now: Any) -> str:
    """Chưa nộp, chưa thẩm định, đã thẩm định; changes awaiting the unit's answer."""
    if not review.ready:
        return t("web-verify-state", state="missing")
    state = t("web-verify-state", state="verified" if review.verified else "open")
    if awaiting := len(review.awaiting(now)):
        state += " · " + t("web-verify-awaiting", count=awaiting)
    if explained := len(review.explained()):
        state += " · " + t("web-verify-explained", count=explained)
    return state


def _unit_row(t: Translator, review: UnitReview, now: Any) -> dict[str, Any]:
    return {
        "id": review.unit.id,
        "name": review.unit.name,
        "short": review.unit.short_name,
        "state": _state(t, review, now),
        "ready": review.ready,
        "verified": review.verified,
        "own": _pts(t, review.own),
        "final": _pts(t, review.final),
        "own_unit": review.own_unit,
        "cross": [
            t("verify-cross-sheet", unit=s.scorer.short_name, total=_pts(t, s.total))
            if s.submitted
            else t("verify-cross-sheet-draft", unit=s.scorer.short_name)
            for s in review.cross
        ],
    }


def _parts(
    t: Translator,
    review: UnitReview,
    pieces: list[Evidence],
    base: str,
    now: Any,
    editable: bool,
    reachable: set[Channel],
) -> list[Part]:
    """Sections of items, then the bonus and the penalties, each line with its evidence."""
    loc, table, cross = t.locale, review.table, review.mode is ScoringMode.CROSS
    attached: dict[str, list[dict[str, Any]]] = {}
    for piece in pieces:
        attached.setdefault(piece.code, []).append(_evidence(piece, base, reachable))
    parts = []
    for section in table.sections:
        lines = [
            _line(t, review, c.code, c.title, "item", c.max_points, attached, now)
            for c in section.items
        ]
        parts.append(Part(section.code, section.title, present.points(section.max_points, loc),
                          lines))  # fmt: skip
    if table.bonus:
        lines = [
            _line(t, review, c.code, c.title, "bonus", c.max_points, attached, now)
            for c in table.bonus
        ]
        cap = present.points(table.bonus_cap, loc) if table.bonus_cap is not None else ""
        parts.append(Part("bonus", t("web-bonus"), cap, lines))
    if table.penalties:
        lines = []
        for p in table.penalties:
            line = _line(t, review, p.code, p.title, "penalty", p.points, attached, now)
            line.per_occurrence = p.per_occurrence
            lines.append(line)
        parts.append(Part("penalty", t("web-penalties"), "", lines))
    for part in parts:
        for line in part.lines:
            line.changeable = editable and (not cross or line.kind == "penalty")
    return parts


def _line(
    t: Translator,
    review: UnitReview,
    code: str,
    title: str,
    kind: str,
    maximum: Decimal,
    attached: dict[str, list[dict[str, Any]]],
    now: Any,
) -> Line:
    loc = t.locale
    entry = review.record.entries.get(code) if review.record else None
    if kind == "penalty":
        if review.mode is ScoringMode.CROSS:
            own = "0"  # the leader sets a cross-scored unit's penalties; nothing was declared
        else:
            own = str(entry.occurrences or 0) if entry else "0"
    else:
        own = _pts(t, review.value(code))
    line = Line(code, title, kind, own, present.points(maximum, loc))
    if entry is not None and entry.changed:
        value = entry.verified_value
        line.change = str(int(value)) if kind == "penalty" and value is not None else _pts(t, value)
        line.reason = entry.verify_reason
        line.answer = views.verify.answer_note(t, review, entry, now).strip()
    line.evidence = attached.get(code, [])
    return line


def _evidence(piece: Evidence, base: str, reachable: set[Channel]) -> dict[str, Any]:
    """A note's text; a file's link where the page can serve it (the bot's file store, or a
    chat channel this process runs)."""
    kept = piece.reference.startswith(present.STORED) or piece.channel in reachable
    return {
        "id": piece.id,
        "kind": piece.kind,
        "name": piece.reference if piece.kind == "note" else (piece.name or piece.kind),
        "url": f"{base}/evidence/{piece.id}" if kept and piece.kind != "note" else None,
    }


def _pts(t: Translator, value: Any) -> str:
    if value is not None and hasattr(value, "final"):
        value = value.final
    return "—" if value is None else present.points(value, t.locale)


def _guess(name: str, kind: str) -> str:
    """A chat's photo comes without a name's extension; the platforms send JPEG photos."""
    guessed = mimetypes.guess_type(name)[0]
    return guessed or ("image/jpeg" if kind == "photo" else "application/octet-stream")


def _file(name: str, mime: str, content: bytes) -> web.Response:
    disposition = "inline" if mime in INLINE else "attachment"
    response = web.Response(body=content, content_type=mime or "application/octet-stream")
    response.headers["Content-Disposition"] = f"{disposition}; filename*=UTF-8''{quote(name)}"
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; img-src 'self'"
    return response
