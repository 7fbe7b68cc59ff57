"""Opening a unit's evidence for its verifier: each piece is fetched from the channel it
came through (a Telegram file id, a Zalo link, a file on the console's machine), so a leader
on one channel sees what a unit sent on another, where this process runs that channel."""

from __future__ import annotations

import logging
import mimetypes
from collections.abc import Mapping

from bot.context import Fetch
from bot.request import Attachment, File
from domain.model import Channel
from domain.sheets import EVIDENCE_MAX_BYTES, Evidence

log = logging.getLogger(__name__)


async def fetch_all(
    pieces: list[Evidence], fetchers: Mapping[Channel, Fetch], fallback: Fetch | None
) -> tuple[list[File], int]:
    """The pieces' files (notes are text, not files), and how many could not be fetched."""
    files: list[File] = []
    unreachable = 0
    for index, piece in enumerate(pieces, 1):
        if piece.kind == "note":
            continue
        fetch = fetchers.get(Channel(piece.channel)) if piece.channel else fallback
        if fetch is None:
            unreachable += 1
            continue
        attachment = Attachment(piece.kind, piece.reference, piece.name, piece.size)
        try:
            content = await fetch(attachment, EVIDENCE_MAX_BYTES)
        except Exception as error:  # gone from the platform, or the platform away
            log.warning("evidence %s of item %s not fetched: %r", piece.id, piece.code, error)
            unreachable += 1
            continue
        name = piece.name or f"minh-chung-{index}.jpg"
        mime = mimetypes.guess_type(name)[0] or "application/octet-stream"
        files.append(File(f"{piece.code}-{name}", content, mime, caption=piece.code))
    return files, unreachable
