"""Domain errors carry a code and values, never user text: the views turn them into words."""

from __future__ import annotations

from dataclasses import dataclass


class DomainError(Exception):
    code = "domain-error"

    def __init__(self, **values: object) -> None:
        super().__init__(self.code, values)
        self.values = values


class InviteNotFound(DomainError):
    code = "invite-not-found"


class InviteExpired(DomainError):
    code = "invite-expired"


class InviteRevoked(DomainError):
    code = "invite-revoked"


class InviteUsedUp(DomainError):
    code = "invite-used-up"


class PrivateChatRequired(DomainError):
    """Something personal or secret (invite codes) is not shown in a group."""

    code = "private-chat-required"


class NotRegistered(DomainError):
    """The account is not bound to any unit or board role yet."""

    code = "not-registered"


class NotAuthorized(DomainError):
    code = "not-authorized"


class NotAMember(DomainError):
    """The officer's unit is not a member of the bloc this year."""

    code = "not-a-member"


class GroupChatRequired(DomainError):
    code = "group-chat-required"


class GroupAlreadyBound(DomainError):
    code = "group-already-bound"


class BlocNotFound(DomainError):
    code = "bloc-not-found"


class UnitNotFound(DomainError):
    code = "unit-not-found"


class Conflict(DomainError):
    """A concurrent transaction changed the same thing first (e.g. the same update twice)."""

    code = "conflict"


class StaleAction(DomainError):
    """A button whose situation has passed (an old message, an already answered question)."""

    code = "stale-action"


class ScoreNotANumber(DomainError):
    code = "score-not-a-number"


class ScoreTooManyDecimals(DomainError):
    code = "score-too-many-decimals"


class ScoreOutOfRange(DomainError):
    code = "score-out-of-range"


class BonusOverCap(DomainError):
    code = "bonus-over-cap"


class ScoringClosed(DomainError):
    """Outside the mid-year or annual window (values: cycle, opens_at, closes_at)."""

    code = "scoring-closed"


class SheetSubmitted(DomainError):
    code = "sheet-submitted"


class SheetNotSubmitted(DomainError):
    code = "sheet-not-submitted"


class SheetIncomplete(DomainError):
    code = "sheet-incomplete"


class UnknownCriterion(DomainError):
    code = "unknown-criterion"


class OwnUnitInCrossMode(DomainError):
    code = "own-unit-in-cross-mode"


class EntryChangedMeanwhile(DomainError):
    """Another officer of the unit changed this entry since it was shown: nothing was
    overwritten (values: item, value, by)."""

    code = "entry-changed-meanwhile"


class ReasonRequired(DomainError):
    code = "reason-required"


class NoCriteriaTable(DomainError):
    code = "no-criteria-table"


class RankingNotPublished(DomainError):
    code = "ranking-not-published"


class CriteriaInUse(DomainError):
    """The criteria table of a year with score sheets cannot change."""

    code = "criteria-in-use"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an import, with where it is (a path or a sheet row)."""

    where: str
    code: str
    values: tuple[tuple[str, object], ...] = ()

    def value(self, name: str) -> object:
        return dict(self.values).get(name)


class InvalidBlocSpec(DomainError):
    code = "invalid-bloc-spec"

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(count=len(problems))
        self.problems = problems
