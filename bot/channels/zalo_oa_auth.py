"""The Official Account's access token, kept fresh: renewed with the refresh token before it
expires, the new pair stored in the database before it is used, one renewal at a time
across workers. A refresh Zalo refuses pauses the channel until an operator configures a
new refresh token: nothing is lost meanwhile, the outbox keeps every message."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from bot.channels.zalo_oa_api import RefreshRefused, ZaloOAAPI
from db.zalo_oa import NewPair, TokenState, ZaloOAStore
from domain.ports import Clock

log = logging.getLogger(__name__)

# An access token lives 25 hours (expires_in 90000); it is renewed once less than this is
# left, by the keeper that looks every KEEP_EVERY, or by the first send that needs it.
RENEW_BEFORE = timedelta(hours=1)
DEFAULT_LIFETIME = timedelta(hours=25)  # when an answer leaves out expires_in
PAUSED_RECHECK = timedelta(minutes=1)  # a paused worker looks for a new pair this often


class ChannelPaused(Exception):
    """Zalo refused the refresh token: nothing can be sent until an operator fixes it."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class ZaloOAAuth:
    def __init__(
        self,
        api: ZaloOAAPI,
        store: ZaloOAStore,
        clock: Clock,
        refresh_token: str | None = None,
    ) -> None:
        self.api = api
        self.store = store
        self.clock = clock
        self._configured = refresh_token
        self._state: TokenState | None = None
        self._checked_at: datetime | None = None
        self._lock = asyncio.Lock()  # one renewal at a time in this worker; the row lock across

    async def start(self) -> None:
        """The pair from the database, seeded from the configured refresh token if need be."""
        now = self.clock.now()
        if self._configured:
            self._state = await self.store.seed(self.api.app_id, self._configured, now)
        else:
            self._state = await self.store.token(self.api.app_id)
        self._checked_at = now
        if self.paused_reason:
            log.error("zalo_oa: the channel is paused: %s", self.paused_reason)

    @property
    def paused_reason(self) -> str | None:
        state = self._state
        if state is None:
            return "no refresh token configured (ZALO_OA_REFRESH_TOKEN)"
        if state.refused_at is not None:
            return f"Zalo refused the refresh token: {state.refused_reason}"
        return None

    async def access_token(self) -> str:
        """A token with at least RENEW_BEFORE left, or ChannelPaused (or, when Zalo cannot
        be reached to renew it, the network error)."""
        now = self.clock.now()
        state = await self._current(now)
        if self._needs_renewal(state, now):
            state = await self._renew(lambda s: self._needs_renewal(s, self.clock.now()))
        return state.access_token

    async def renewed(self, rejected: str) -> str:
        """Zalo rejected `rejected` as expired or invalid: a new token, renewed here unless
        another worker already stored one. Called once per send, so never a loop."""
        state = await self._renew(lambda s: s.access_token in ("", rejected))
        return state.access_token

    async def keep(self) -> None:
        """Renew ahead of expiry (the keeper's round); failures are logged, not raised."""
        try:
            await self.access_token()
        except ChannelPaused:
            pass
        except Exception as error:
            log.warning("zalo_oa: could not renew the access token yet: %r", error)

    def status(self) -> dict[str, Any]:
        """For /healthz: whether the channel can send, and why not."""
        reason = self.paused_reason
        body: dict[str, Any] = {"status": "paused" if reason else "ok"}
        if reason:
            body["reason"] = reason
        elif self._state is not None:
            body["token_expires_at"] = self._state.expires_at.isoformat()
        return body

    async def _current(self, now: datetime) -> TokenState:
        state = self._state
        stale = self._checked_at is None or now - self._checked_at >= PAUSED_RECHECK
        if state is None or (state.refused_at is not None and stale):
            # Paused: another worker (restarted with a new refresh token) may have fixed it.
            self._state, self._checked_at = await self.store.token(self.api.app_id), now
            state = self._state
        if state is None or state.refused_at is not None:
            raise ChannelPaused(self.paused_reason or "")
        return state

    async def _renew(self, needed: Callable[[TokenState], bool]) -> TokenState:
        async with self._lock:
            state = await self.store.renew(self.api.app_id, self.clock.now(), needed, self._ask)
            self._state, self._checked_at = state, self.clock.now()
        if state.refused_at is not None:
            raise ChannelPaused(self.paused_reason or "")
        return state

    async def _ask(self, state: TokenState) -> NewPair | str:
        try:
            pair = await self.api.refresh(state.refresh_token)
        except RefreshRefused as refused:
            log.error(
                "zalo_oa: Zalo refused the refresh token (%s %s): the channel pauses until "
                "a new ZALO_OA_REFRESH_TOKEN is configured", refused.code, refused.name,
            )  # fmt: skip
            return f"{refused.code} {refused.name}"
        lifetime = timedelta(seconds=pair.expires_in) if pair.expires_in else DEFAULT_LIFETIME
        log.info("zalo_oa: the access token was renewed")
        return NewPair(pair.access_token, pair.refresh_token, self.clock.now() + lifetime)

    @staticmethod
    def _needs_renewal(state: TokenState, now: datetime) -> bool:
        return not state.access_token or state.expires_at - now < RENEW_BEFORE
