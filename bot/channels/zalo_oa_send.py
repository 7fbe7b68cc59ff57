"""Sending on the Zalo Official Account, for the outbox and for direct replies alike.

A message becomes steps: its text in parts of at most 2,000 characters, the buttons (as
query buttons, within Zalo's limits; beyond them numbered lines) under the last part, then
each document Zalo takes as an upload; the others are signed links in the text. A private
message goes only inside Zalo's reply window (7 days after the person last interacted);
outside it, a notice with a configured template goes as that template, any other waits until
the person writes again. An expired token is renewed once and the step retried once."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import PurePath
from typing import TypeVar

from bot.channels.render import outgoing_text
from bot.channels.zalo_api import split_text
from bot.channels.zalo_oa_api import (
    FILE_SIZE_LIMIT,
    FILE_TYPES,
    IMAGE_SIZE_LIMIT,
    IMAGE_TYPES,
    NETWORK_ERRORS,
    QUOTA_ERRORS,
    TEXT_LIMIT,
    TOKEN_ERRORS,
    UNREACHABLE_ERRORS,
    WINDOW_ERRORS,
    Button,
    ZaloOAAPI,
    ZaloOAError,
    buttons_fit,
    file_message,
    image_message,
    text_message,
)
from bot.channels.zalo_oa_auth import ChannelPaused, ZaloOAAuth
from bot.dispatcher import Blocked, Outgoing, RetryLater, partly
from bot.request import File
from bot.settings import ZnsTemplate
from db.zalo_oa import WAITING_FOR_CONTACT, ZaloOAStore
from domain.ports import Clock

log = logging.getLogger(__name__)

PAYLOAD_PREFIX = "#td:"  # a button's payload: the signed callback data behind this mark
# Our chat id of an OA group: a chat id starting with "-" is a group on every channel.
GROUP_CHAT_PREFIX = "-g"
REPLY_WINDOW = timedelta(days=7)
WINDOW_MARGIN = timedelta(minutes=5)  # a send close to the edge is not risked
HOLD = timedelta(days=30)  # a held message is looked at again then, or when its reader writes
PAUSED_WAIT = 300.0  # seconds between looks while the refresh token is refused
QUOTA_FIRST, QUOTA_CAP = 60.0, 3600.0  # the backoff after Zalo's quota errors, doubling
TEMPLATE_VALUE_LIMIT = 200  # the longest value any of Zalo's template parameter types takes

T = TypeVar("T")


@dataclass(frozen=True)
class Step:
    text: str = ""
    buttons: list[Button] | None = None
    file: File | None = None
    link: str = ""  # the file's signed link, sent instead should Zalo refuse the upload


def group_chat(group_id: str) -> str:
    return GROUP_CHAT_PREFIX + group_id


def upload_kind(file: File) -> str | None:
    """ "file" or "image" when Zalo takes this document as an upload; None: it goes as a link."""
    suffix = PurePath(file.name).suffix.lower()
    if suffix in FILE_TYPES and len(file.content) <= FILE_SIZE_LIMIT:
        return "file"
    if suffix in IMAGE_TYPES and len(file.content) <= IMAGE_SIZE_LIMIT:
        return "image"
    return None


def plan(message: Outgoing) -> list[Step]:
    pairs = [pair for row in message.buttons for pair in row]
    buttons = [Button(label, PAYLOAD_PREFIX + data) for label, data in pairs]
    real = buttons if buttons and buttons_fit(buttons) else []
    uploads, links = [], []
    for file, link in zip(message.files, message.links, strict=False):
        if upload_kind(file):
            uploads.append(Step(file=file, link=f"📎 {link[0]}: {link[1]}"))
        else:
            links.append(link)
    # Buttons Zalo takes stay buttons; others become numbered lines, answered by number.
    shown = replace(message, buttons=[] if real else message.buttons, links=links)
    text = outgoing_text(shown)
    parts = split_text(text, TEXT_LIMIT) if text.strip() else []
    if real and not parts:
        parts = ["👇"]  # Zalo shows buttons under a text only
    steps = [Step(part) for part in parts]
    if real:
        steps[-1] = Step(parts[-1], real)
    return steps + uploads


class OASender:
    """The outbox's sender for the Official Account (and the channel's direct replies)."""

    def __init__(
        self,
        api: ZaloOAAPI,
        auth: ZaloOAAuth,
        store: ZaloOAStore,
        clock: Clock,
        templates: Mapping[str, ZnsTemplate] | None = None,
    ) -> None:
        self.api, self.auth, self.store, self.clock = api, auth, store, clock
        self.templates = dict(templates or {})
        self._quota_until: datetime | None = None  # nothing is sent until then
        self._quota_wait = QUOTA_FIRST

    async def deliver(self, chat_id: str, message: Outgoing) -> str | None:
        return await self.send(chat_id, message)

    async def send(self, chat_id: str, message: Outgoing, window: bool = True) -> str | None:
        """`window`: whether the person may be outside Zalo's reply window (not when they
        just wrote)."""
        self._check_open()
        group = chat_id.startswith(GROUP_CHAT_PREFIX)
        target = chat_id[len(GROUP_CHAT_PREFIX) :] if group else chat_id
        if window and not group and not await self._in_window(chat_id):
            return await self._outside_window(chat_id, message)
        done, sent_id, steps = message.parts_sent, None, plan(message)
        try:
            for step in steps[done:]:
                sent_id = await self._step(group, target, step) or sent_id
                done += 1
                if done < len(steps):
                    await message.part_delivered(done)
        except ChannelPaused as paused:
            raise partly(message, done, _paused(paused)) from paused
        except ZaloOAError as error:
            if error.code in WINDOW_ERRORS and not group and done == message.parts_sent:
                return await self._outside_window(chat_id, message)
            raise partly(message, done, self._mapped(error)) from error
        self._quota_wait = QUOTA_FIRST  # a send went through: the next quota error starts over
        return sent_id

    async def amend(self, chat_id: str, message_id: str, message: Outgoing) -> None:
        """Zalo cannot edit a message: the new version (a ballot's count) is posted anew."""
        await self.deliver(chat_id, replace(message, parts_sent=0))

    async def _step(self, group: bool, target: str, step: Step) -> str:
        send = self.api.send_group if group else self.api.send_cs
        if step.file is None:
            message = text_message(step.text, step.buttons)
            return await self._with_token(lambda token: send(token, target, message))
        file, image = step.file, upload_kind(step.file) == "image"
        try:
            ref = await self._with_token(
                lambda token: self.api.upload(token, image, file.name, file.content, file.mime_type)
            )
        except ZaloOAError as error:
            if error.code in QUOTA_ERRORS | TOKEN_ERRORS | NETWORK_ERRORS:
                raise  # not about this file: the step is tried again later
            log.warning("zalo_oa: %s was not taken as an upload (%s): sent as a link", file.name,
                        error.code)  # fmt: skip
            link = text_message(step.link)
            return await self._with_token(lambda token: send(token, target, link))
        message = image_message(ref, file.caption) if image else file_message(ref)
        return await self._with_token(lambda token: send(token, target, message))

    async def _with_token(self, call: Callable[[str], Awaitable[T]]) -> T:
        token = await self.auth.access_token()
        try:
            return await call(token)
        except ZaloOAError as error:
            if error.code not in TOKEN_ERRORS:
                raise
        # Expired or revoked meanwhile: renewed (or another worker's pair read), tried once.
        return await call(await self.auth.renewed(token))

    async def _in_window(self, user_id: str) -> bool:
        last, _name = await self.store.contact(user_id)
        return last is None or self.clock.now() - last < REPLY_WINDOW - WINDOW_MARGIN

    async def _outside_window(self, user_id: str, message: Outgoing) -> str | None:
        """The notice as its template where one is configured; otherwise it waits."""
        kind = message.notice.get("kind", "")
        spec = self.templates.get(kind)
        data = template_data(spec, message) if spec is not None else None
        if spec is not None and data is not None:
            try:
                return await self._with_token(
                    lambda token: self.api.send_template(token, user_id, spec.template_id, data)
                )
            except ChannelPaused as paused:
                raise _paused(paused) from paused
            except ZaloOAError as error:
                if error.code in QUOTA_ERRORS | UNREACHABLE_ERRORS | NETWORK_ERRORS:
                    raise self._mapped(error) from error
                log.warning("zalo_oa: template %s for %s refused (%s %s): the notice waits",
                            spec.template_id, kind, error.code, error.message)  # fmt: skip
        raise RetryLater(HOLD.total_seconds(), pause_all=False, reason=WAITING_FOR_CONTACT)

    def _check_open(self) -> None:
        now = self.clock.now()
        wait = (self._quota_until - now).total_seconds() if self._quota_until else 0.0
        if wait > 0:
            raise RetryLater(wait, pause_all=False, reason="backing off after Zalo's quota error")

    def _mapped(self, error: ZaloOAError) -> Exception:
        if error.code in QUOTA_ERRORS:
            wait, self._quota_wait = self._quota_wait, min(self._quota_wait * 2, QUOTA_CAP)
            self._quota_until = self.clock.now() + timedelta(seconds=wait)
            log.warning("zalo_oa: quota error %s: nothing sent for %.0f s", error.code, wait)
            return RetryLater(wait, pause_all=False)
        if error.code in UNREACHABLE_ERRORS:
            return Blocked()  # unfollowed, gone from Zalo, or a group the OA is no longer in
        if error.code in WINDOW_ERRORS:
            return RetryLater(HOLD.total_seconds(), pause_all=False, reason=WAITING_FOR_CONTACT)
        return error


def template_data(spec: ZnsTemplate, message: Outgoing) -> dict[str, str] | None:
    """The template's parameters from the notice's values; None when one is missing."""
    values = {"title": message.text.split("\n", 1)[0], "text": message.text, **message.notice}
    missing = [field for field in spec.params.values() if field not in values]
    if missing:
        log.warning("zalo_oa: template %s wants %s, which a %s notice does not have",
                    spec.template_id, ", ".join(missing), message.notice.get("kind"))  # fmt: skip
        return None
    return {param: values[field][:TEMPLATE_VALUE_LIMIT] for param, field in spec.params.items()}


def _paused(paused: ChannelPaused) -> RetryLater:
    return RetryLater(PAUSED_WAIT, pause_all=False, reason=f"channel paused: {paused.reason}")
