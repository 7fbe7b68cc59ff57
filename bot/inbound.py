"""Every incoming update's text and names, made safe to store before anything reads them.

Each channel builds an `Incoming` from what the platform (or a forger posting to the webhook)
sent; `BotApp.handle` passes it through `cleaned` first, so no handler ever sees a NUL, a lone
surrogate or another control character, nor a name longer than its column. Ids are not
repaired (a cut id would be someone else's): an update whose ids do not fit is dropped."""

from __future__ import annotations

import logging
from dataclasses import replace

from bot.request import Attachment, Incoming
from domain.text import clean_line, clean_text, first_unsafe

log = logging.getLogger(__name__)

# The columns these end in: identities.display_name, officers.full_name, group_chats.title and
# evidence.name are String(255); external ids, chat ids and update keys String(64).
NAME_MAX = 255
MIME_MAX = 128
ID_MAX = 64
# The longest text a person can send: Telegram's own limit for a message (Zalo's is 2,000).
# A longer one (the console, a forged update) is refused with this figure, never cut: a cut
# note or pledge would be stored as if it were what they wrote.
TEXT_MAX = 4096


def cleaned(incoming: Incoming) -> Incoming | None:
    """The update with its texts cleaned and its names cut to their columns; None when an id
    cannot be stored as it is."""
    for name, value in (
        ("chat_id", incoming.chat_id),
        ("user_id", incoming.user_id),
        ("update_key", incoming.update_key or ""),
    ):
        if len(value) > ID_MAX or first_unsafe(value):
            log.warning("%s: dropped an update whose %s does not fit", incoming.channel, name)
            return None
    return replace(
        incoming,
        text=clean_text(incoming.text),
        user_name=clean_line(incoming.user_name, NAME_MAX),
        chat_title=clean_line(incoming.chat_title, NAME_MAX),
        callback_data=None if (data := incoming.callback_data) is None else clean_text(data),
        attachment=_attachment(incoming.attachment),
    )


def too_long(incoming: Incoming) -> bool:
    return len(incoming.text) > TEXT_MAX


def _attachment(attachment: Attachment | None) -> Attachment | None:
    if attachment is None:
        return None
    return replace(
        attachment,
        reference=clean_text(attachment.reference),
        name=clean_line(attachment.name, NAME_MAX),
        mime_type=clean_line(attachment.mime_type, MIME_MAX),
    )
