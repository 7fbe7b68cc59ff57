"""What the bot already knows about a unit that a penalty is about, so that it fills the
penalty in itself (marked "bot đã điền", changeable by the unit): a penalty says which fact
it is with its `fact:` tag (domain.criteria.PenaltyFact).

Only what the bot's own records show counts: a covenant signed in the bot within the pledge
window, a conference the unit answered "không dự" that has been held, a pledge or a mid-year
sheet submitted after its window. What the bot does not know stays for the unit to enter."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from domain.conferences import ConferenceKind
from domain.criteria import CriteriaTable, PenaltyFact
from domain.sheets import EntrySource, ScoreSheet


class Report(StrEnum):
    """A report whose submission the bot saw, and so knows whether it was late."""

    PLEDGE = "pledge"  # the pledge (đăng ký thi đua)
    MIDYEAR = "midyear"  # the mid-year sheet


@dataclass(frozen=True)
class Absence:
    kind: ConferenceKind
    starts_at: datetime


@dataclass(frozen=True)
class Facts:
    """The unit's facts as the bot's records hold them; None where they say nothing."""

    covenant_signed_at: datetime | None = None  # signed within the pledge window
    absences: tuple[Absence, ...] | None = None  # None: no conference of the year held yet
    late: tuple[Report, ...] | None = None  # None: no report submitted yet


@dataclass(frozen=True)
class Known:
    """A penalty the bot fills in: how many times it happened (a one-off: 0 or 1), and
    the facts it comes from, to say why."""

    code: str
    fact: PenaltyFact
    times: int
    facts: Facts


def known_penalties(table: CriteriaTable, facts: Facts) -> list[Known]:
    known = []
    for penalty in table.penalties:
        times = None if penalty.fact is None else _times(penalty.fact, facts)
        if penalty.fact is None or times is None:
            continue
        known.append(Known(penalty.code, penalty.fact, times if penalty.per_occurrence
                           else min(times, 1), facts))  # fmt: skip
    return known


def _times(fact: PenaltyFact, facts: Facts) -> int | None:
    if fact is PenaltyFact.COVENANT_UNSIGNED:
        return 0 if facts.covenant_signed_at is not None else None
    if fact is PenaltyFact.CONFERENCE_ABSENCE:
        return None if facts.absences is None else len(facts.absences)
    return None if facts.late is None else len(facts.late)


def to_fill(sheet: ScoreSheet, known: list[Known]) -> list[Known]:
    """What changes the sheet: a penalty nobody entered, or one the bot itself filled in
    that the facts now put otherwise. What the unit typed or copied is never touched."""
    changes = []
    for item in known:
        entry = sheet.entries.get(item.code)
        current = None if entry is None else entry.occurrences
        ours = entry is not None and entry.source is EntrySource.BOT
        if current is None or (ours and current != item.times):
            changes.append(item)
    return changes


def wanted(table: CriteriaTable) -> frozenset[PenaltyFact]:
    """The facts the table's penalties are about: only those are looked up."""
    return frozenset(penalty.fact for penalty in table.penalties if penalty.fact is not None)
