"""A ballot being set up, kept in the leader's conversation between presses."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from decimal import Decimal
from typing import Any

from domain.ballots import BallotDraft, BallotKind, Candidate
from domain.documents import Officials
from domain.settings import ThresholdBase


def dump(draft: BallotDraft) -> dict[str, Any]:
    return {
        "kind": draft.kind.value,
        "candidates": [
            [c.label, c.unit_id, None if c.score is None else str(c.score)]
            for c in draft.candidates
        ],
        "quota": draft.quota,
        "secret": draft.secret,
        "threshold": str(draft.threshold),
        "base": draft.base.value,
        "closes_at": draft.closes_at.isoformat(),
        "title": draft.title,
        "place": draft.place,
        "parent_id": draft.parent_id,
        "officials": draft.officials.to_data(),
    }


def load(data: dict[str, Any]) -> BallotDraft | None:
    """The draft kept in the conversation; None when there is none (or it is unreadable)."""
    try:
        return BallotDraft(
            kind=BallotKind(data["kind"]),
            candidates=tuple(
                Candidate(label, unit_id, None if score is None else Decimal(score))
                for label, unit_id, score in data["candidates"]
            ),
            quota=int(data["quota"]),
            secret=bool(data["secret"]),
            threshold=Decimal(data["threshold"]),
            base=ThresholdBase(data["base"]),
            closes_at=datetime.fromisoformat(data["closes_at"]),
            title=str(data["title"]),
            place=str(data["place"]),
            parent_id=data["parent_id"],
            officials=Officials.from_data(data.get("officials")),
        )
    except (KeyError, TypeError, ValueError, ArithmeticError):
        return None


def toggle_candidate(draft: BallotDraft, candidate: Candidate) -> BallotDraft:
    """Add or remove a unit; the quota follows down when candidates are removed."""
    kept = tuple(c for c in draft.candidates if c.unit_id != candidate.unit_id)
    candidates = kept if len(kept) < len(draft.candidates) else (*draft.candidates, candidate)
    quota = max(1, min(draft.quota, len(candidates)))
    return replace(draft, candidates=candidates, quota=quota)
