"""The web pages on the bot's aiohttp server: sign-in (a personal link, a Mini App's
initData), the session cookie, CSRF, errors as pages, templates. The pages themselves are
`sheet_pages.py`, `ballot_pages.py` and `pledge_pages.py`."""

from __future__ import annotations

import hmac
import json
import logging
import secrets
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import aiohttp_jinja2
import jinja2
from aiohttp import web

from bot.context import BotUnitOfWork, Fetch, WebSessionView
from bot.i18n import DEFAULT_LOCALE, LOCALES, Translator
from bot.notices import Notices
from bot.views.errors import error_text
from domain.errors import (
    BallotNotFound,
    DomainError,
    NotAMember,
    NotAuthorized,
    StaleAction,
    UnknownCriterion,
)
from domain.model import Channel, Identity, Officer
from domain.ports import Clock
from domain.services import members
from domain.services.members import Membership
from web import present
from web.auth import RateLimit, check_init_data
from web.tokens import SESSION_TTL, new_token, token_hash

log = logging.getLogger(__name__)

COOKIE = "tdb_session"
TELEGRAM_SCRIPT = "https://telegram.org/js/telegram-web-app.js"
STATIC = Path(__file__).parent / "static"
# Errors that mean "not yours to see": a changed id answers as if nothing were there.
NOT_FOUND = (StaleAction, NotAMember, UnknownCriterion, BallotNotFound)


@dataclass(frozen=True)
class WebConfig:
    public_base_url: str = "http://127.0.0.1:8080"
    telegram_token: str | None = None  # checks a Mini App's initData
    telegram_script: str | None = TELEGRAM_SCRIPT  # loaded only inside Telegram; None: never
    poll_seconds: int = 20  # how often an open page asks what colleagues changed

    @property
    def secure(self) -> bool:
        return self.public_base_url.startswith("https://")


@dataclass
class Visitor:
    """The signed-in person of one request."""

    key: str  # the session's token hash
    session: WebSessionView
    identity: Identity
    officer: Officer | None
    t: Translator

    @property
    def channel(self) -> Channel:
        return self.identity.channel


@dataclass
class Turn:
    """One request's transaction: the signed-in person in their bloc, and a form's fields."""

    uow: BotUnitOfWork
    visitor: Visitor
    member: Membership
    form: dict[str, str]

    @property
    def t(self) -> Translator:
        return self.visitor.t


class PageError(Exception):
    """A page-level answer other than the page: a status and a catalog key for the text."""

    def __init__(self, status: int, key: str, **values: object) -> None:
        super().__init__(status, key)
        self.status, self.key, self.values = status, key, values


Page = Callable[[web.Request], Awaitable[web.StreamResponse]]


class WebPages:
    def __init__(
        self,
        uow_factory: Callable[[], BotUnitOfWork],
        clock: Clock,
        notices: Notices,
        config: WebConfig | None = None,
    ) -> None:
        self.uow_factory = uow_factory
        self.clock = clock
        self.notices = notices
        self.config = config or WebConfig()
        self.sign_ins = RateLimit()
        self._static = {p.name: p.read_bytes() for p in STATIC.iterdir() if p.is_file()}
        # Evidence sent in a chat is fetched from its channel where this process runs it.
        self.fetchers: Mapping[Channel, Fetch] = {}

    def install(self, app: web.Application) -> None:
        from web import (  # they build on this module
            ballot_pages,
            board_pages,
            pledge_pages,
            sheet_pages,
            verify_pages,
            year_pages,
        )

        env = aiohttp_jinja2.setup(
            app,
            loader=jinja2.PackageLoader("web", "templates"),
            autoescape=jinja2.select_autoescape(default=True),
            trim_blocks=True,
            lstrip_blocks=True,
        )
        env.filters["pts"] = present.points
        env.globals["may"] = present.may
        app.middlewares.append(self._errors)
        r = app.router
        r.add_get("/w/static/{name}", self.static)
        r.add_get("/w/in/{token}", self.link_page)
        r.add_post("/w/in/{token}", self.link_sign_in)
        r.add_post("/w/tg", self.telegram_sign_in)
        r.add_post("/w/lang", self.switch_language)
        r.add_get("/w", self.home)
        r.add_get("/w/", self.home)
        for module in (
            sheet_pages,
            ballot_pages,
            pledge_pages,
            verify_pages,
            year_pages,
            board_pages,
        ):
            module.add_routes(self, r)

    # --- sign-in -------------------------------------------------------------------------

    async def link_page(self, request: web.Request) -> web.StreamResponse:
        """A link only shows a button (pressed by our script at once): a chat app fetching
        the link for its preview must not spend its one use."""
        t = self._guest_translator(request)
        return self.render(request, None, "signin.html", {"t": t, "link": True}, status=200)

    async def link_sign_in(self, request: web.Request) -> web.StreamResponse:
        self._limit(request)
        now = self.clock.now()
        async with self.uow_factory() as uow:
            link = await uow.web_access.use_link(token_hash(request.match_info["token"]), now)
            if link is None:
                raise PageError(404, "web-link-unknown")
            if link.used_at is not None:
                raise PageError(410, "web-link-used", how=_how(link.path))
            if link.expires_at < now:
                raise PageError(410, "web-link-expired", how=_how(link.path))
            token = await self._new_session(uow, link.channel, link.external_id)
            await uow.commit()
        response = web.HTTPSeeOther(_local(link.path))
        self._set_cookie(response, token)
        raise response

    async def telegram_sign_in(self, request: web.Request) -> web.StreamResponse:
        self._limit(request)
        form = await request.post()
        user = None
        if self.config.telegram_token:
            user = check_init_data(
                str(form.get("init_data", "")), self.config.telegram_token, self.clock.now()
            )
        if user is None:
            text = self._guest_translator(request)("web-tg-refused")
            return self.json({"error": text, "code": "forged"}, status=401)
        async with self.uow_factory() as uow:
            await members.identify(uow, Channel.TELEGRAM, user.id, user.name)
            token = await self._new_session(uow, Channel.TELEGRAM.value, user.id)
            await uow.commit()
        response = web.json_response({"next": _local(str(form.get("next", "/w")))})
        self._set_cookie(response, token)
        return response

    async def _new_session(self, uow: BotUnitOfWork, channel: str, external_id: str) -> str:
        token, now = new_token(), self.clock.now()
        await uow.web_access.add_session(
            token_hash(token), channel, external_id, secrets.token_urlsafe(24),
            now, now + SESSION_TTL,
        )  # fmt: skip
        await uow.web_access.prune(now)
        return token

    def _set_cookie(self, response: web.StreamResponse, token: str) -> None:
        response.set_cookie(
            COOKIE, token, max_age=int(SESSION_TTL.total_seconds()), path="/w",
            httponly=True, samesite="Lax", secure=self.config.secure,
        )  # fmt: skip

    def _limit(self, request: web.Request) -> None:
        if not self.sign_ins.allow(request.remote or "?"):
            raise PageError(429, "web-too-many-sign-ins")

    # --- the signed-in person --------------------------------------------------------------

    async def visitor(self, request: web.Request, uow: BotUnitOfWork) -> Visitor:
        token = request.cookies.get(COOKIE, "")
        key = token_hash(token)
        session = await uow.web_access.get_session(key, self.clock.now()) if token else None
        if session is None:
            raise PageError(401, "web-signed-out")
        identity = await uow.people.identity(Channel(session.channel), session.external_id)
        if identity is None:
            raise PageError(401, "web-signed-out")
        officer = await members.officer_of(uow, identity)
        locale = str(session.data.get("locale") or identity.locale or DEFAULT_LOCALE)
        return Visitor(key, session, identity, officer, Translator(locale))

    async def member(self, visitor: Visitor, uow: BotUnitOfWork) -> Membership:
        return await members.membership(uow, visitor.officer, visitor.channel)

    @asynccontextmanager
    async def turn(self, request: web.Request, form: bool = False) -> AsyncIterator[Turn]:
        """A transaction for the signed-in person (and, `form`, a posted form whose CSRF
        token is checked); the page commits it when it changed something."""
        async with self.uow_factory() as uow:
            visitor = await self.visitor(request, uow)
            fields = await self.posted(request, visitor) if form else {}
            yield Turn(uow, visitor, await self.member(visitor, uow), fields)

    async def posted(self, request: web.Request, visitor: Visitor) -> dict[str, str]:
        """A form's fields, once its CSRF token is the session's."""
        form = await request.post()
        sent = request.headers.get("X-CSRF-Token") or str(form.get("csrf", ""))
        if not hmac.compare_digest(sent.encode(), visitor.session.csrf.encode()):
            raise PageError(403, "web-csrf")
        return {key: value for key, value in form.items() if isinstance(value, str)}

    async def switch_language(self, request: web.Request) -> web.StreamResponse:
        async with self.uow_factory() as uow:
            visitor = await self.visitor(request, uow)
            form = await self.posted(request, visitor)
            locale = form.get("locale", DEFAULT_LOCALE)
            data = dict(visitor.session.data) | {"locale": locale if locale in LOCALES else "vi"}
            await uow.web_access.save_session_data(visitor.key, data)
            await uow.commit()
        raise web.HTTPSeeOther(_local(form.get("next", "/w")))

    async def home(self, request: web.Request) -> web.StreamResponse:
        async with self.turn(request) as turn:
            return self.render(request, turn.visitor, "home.html", {"member": turn.member})

    # --- rendering -----------------------------------------------------------------------

    def render(
        self,
        request: web.Request,
        visitor: Visitor | None,
        template: str,
        context: dict[str, Any],
        status: int = 200,
    ) -> web.Response:
        t = visitor.t if visitor else context.get("t") or self._guest_translator(request)
        base = {
            "t": t,
            "locale": t.locale,
            "csrf": visitor.session.csrf if visitor else "",
            "path": request.path_qs,
            "query": request.query,
            "me": _name(visitor),
            # Telegram's accounts sign in only from its Mini App: every page of theirs is in it.
            "in_telegram": request.query.get("tg") == "1"
            or (visitor is not None and visitor.channel is Channel.TELEGRAM),
            "telegram_script": self.config.telegram_script,
            "poll_seconds": self.config.poll_seconds,
        }
        response = aiohttp_jinja2.render_template(template, request, base | context, status=status)
        _harden(response)
        response.enable_compression()
        return response

    def json(self, data: dict[str, Any], status: int = 200) -> web.Response:
        response = web.json_response(data, status=status, dumps=_dumps)
        _harden(response)
        return response

    async def static(self, request: web.Request) -> web.StreamResponse:
        body = self._static.get(request.match_info["name"])
        if body is None:
            raise web.HTTPNotFound()
        kind = "text/css" if request.match_info["name"].endswith(".css") else "text/javascript"
        response = web.Response(body=body, content_type=kind, charset="utf-8")
        response.headers["Cache-Control"] = "public, max-age=86400"
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.enable_compression()
        return response

    @web.middleware
    async def _errors(self, request: web.Request, handler: Page) -> web.StreamResponse:
        if not request.path.startswith("/w"):
            return await handler(request)
        try:
            return await handler(request)
        except PageError as error:
            return self._problem(request, error.status, error.key, error.values)
        except NOT_FOUND:
            return self._problem(request, 404, "web-not-found", {})
        except DomainError as error:
            t = await self._translator_of(request)
            text = error_text(t, error)
            status = 403 if isinstance(error, NotAuthorized) else 409  # another role's page
            if wants_json(request):
                return self.json({"error": text, "code": error.code}, status=status)
            return self.render(request, None, "message.html", {"t": t, "text": text}, status)

    def _problem(
        self, request: web.Request, status: int, key: str, values: dict[str, object]
    ) -> web.Response:
        t = self._guest_translator(request)
        text = t(key, **values)
        if wants_json(request):
            return self.json({"error": text, "code": key}, status=status)
        context = {"t": t, "text": text, "signin": status == 401}
        return self.render(request, None, "message.html", context, status=status)

    async def _translator_of(self, request: web.Request) -> Translator:
        try:
            async with self.uow_factory() as uow:
                return (await self.visitor(request, uow)).t
        except Exception:
            return self._guest_translator(request)

    def _guest_translator(self, request: web.Request) -> Translator:
        wanted = request.headers.get("Accept-Language", "")[:2].lower()
        return Translator(wanted if wanted == "en" else DEFAULT_LOCALE)


def _name(visitor: Visitor | None) -> str:
    if visitor is None:
        return ""
    return visitor.officer.full_name if visitor.officer else visitor.identity.display_name


def wants_json(request: web.Request) -> bool:
    return request.headers.get("X-Requested-With") == "fetch"


def _how(path: str) -> str:
    """The chat command that makes a new link to the same page."""
    if path.startswith("/w/ballot"):
        return "/binhxet"
    if path.startswith("/w/verify"):
        return "/thamdinh"
    if path.startswith(("/w/year", "/w/board")):
        return "/viec" if path.startswith("/w/year") else "/menu"
    return "/dangky" if path.startswith("/w/pledge") else "/chamdiem"


def _local(path: str) -> str:
    """Only a path on this server: a redirect never leads elsewhere."""
    parts = urlsplit(path)
    if parts.scheme or parts.netloc or not parts.path.startswith("/w"):
        return "/w"
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _harden(response: web.StreamResponse) -> None:
    headers = response.headers
    headers["Cache-Control"] = "private, no-store"
    headers["X-Content-Type-Options"] = "nosniff"
    headers["Referrer-Policy"] = "no-referrer"  # sign-in links carry their token


def _dumps(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, default=str)
