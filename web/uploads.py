"""Evidence sent from the page: read as a stream up to the chat's limit, its type taken from
its first bytes (a phone names files as it likes), refused with the limits named."""

from __future__ import annotations

import hmac
from dataclasses import dataclass

from aiohttp import BodyPartReader, web

from domain.errors import EvidenceTooLarge, EvidenceType
from domain.sheets import EVIDENCE_MAX_BYTES, EVIDENCE_TYPES, NOTE_MAX_CHARS
from web.server import PageError

CHUNK = 64 * 1024
OFFICE_ZIP = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
OFFICE_OLD = {"doc": "application/msword", "xls": "application/vnd.ms-excel"}


@dataclass(frozen=True)
class Upload:
    name: str = ""
    mime_type: str = ""
    content: bytes = b""
    note: str | None = None  # a note sent instead of a file


async def read_upload(request: web.Request, csrf: str) -> Upload:
    """The multipart form's `file` (or `note`), once its `csrf` matches the session's."""
    sent = request.headers.get("X-CSRF-Token", "")
    reader = await request.multipart()
    upload = Upload()
    while (part := await reader.next()) is not None:
        if not isinstance(part, BodyPartReader):
            continue
        if part.name == "csrf":
            sent = sent or (await part.text())[:200]
        elif part.name == "note":
            note = (await part.text())[: NOTE_MAX_CHARS + 1]
            if note.strip():
                upload = Upload(note=note)
        elif part.name == "file" and part.filename:
            content = await _read_limited(part)
            upload = Upload(part.filename[:200], sniff(content, part.filename), content)
    if not hmac.compare_digest(sent.encode(), csrf.encode()):
        raise PageError(403, "web-csrf")
    if upload.note is None and not upload.content:
        raise PageError(422, "web-nothing-attached")
    if upload.note is None and upload.mime_type not in EVIDENCE_TYPES:
        raise EvidenceType(name=upload.name)
    return upload


async def _read_limited(part: BodyPartReader) -> bytes:
    chunks, size = [], 0
    while chunk := await part.read_chunk(CHUNK):
        size += len(chunk)
        if size > EVIDENCE_MAX_BYTES:
            raise EvidenceTooLarge(max_mb=EVIDENCE_MAX_BYTES // (1024 * 1024))
        chunks.append(chunk)
    return b"".join(chunks)


def sniff(content: bytes, name: str) -> str:
    """The file's real type from its signature; '' when it is none the bot keeps."""
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if content.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if content.startswith(b"%PDF-"):
        return "application/pdf"
    if content.startswith(b"PK\x03\x04") and ext in OFFICE_ZIP:
        return OFFICE_ZIP[ext]
    if content.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1") and ext in OFFICE_OLD:
        return OFFICE_OLD[ext]
    return ""
