"""A unit's evidence as its verifier opens it from the chat."""

from __future__ import annotations

from bot.i18n import Translator
from bot.request import Action, Button, File, Reply
from domain.sheets import Evidence
from domain.verification import UnitReview


def listing(
    t: Translator, review: UnitReview, pieces: list[Evidence], files: list[File], unreachable: int
) -> Reply:
    unit = review.unit.short_name
    back = [[Button(t("btn-back"), Action("vu", (str(review.unit.id), _cycle(review))))]]
    if not pieces:
        return Reply(t("verify-evidence-none", unit=unit), back)
    lines = [t("verify-evidence-title", unit=unit)]
    for piece in pieces:
        if piece.kind == "note":
            lines.append(t("verify-evidence-note", code=piece.code, text=piece.reference))
        else:
            lines.append(t("verify-evidence-line", code=piece.code, name=piece.name or "📷"))
    if unreachable:
        lines.append(t("verify-evidence-unreachable", count=unreachable))
    return Reply("\n".join(lines), back, files=files)


def _cycle(review: UnitReview) -> str:
    return review.record.cycle.value if review.record else "annual"
