"""Domain errors carry a code and values, never user text: the views turn them into words."""

from __future__ import annotations

from dataclasses import dataclass


class DomainError(Exception):
    code = "domain-error"

    def __init__(self, **values: object) -> None:
        super().__init__(self.code, values)
        self.values = values


class StorageUnavailable(Exception):
    """The database cannot be reached (restarting, network cut). Not a refusal of the
    request: nothing was recorded, and the same request may succeed a moment later."""


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


class CountNotANumber(DomainError):
    """A penalty's occurrences must be a whole number (values: text, max)."""

    code = "count-not-a-number"


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


class RankingPublished(DomainError):
    """The cycle's ranking is published: its scores are final."""

    code = "ranking-published"


class WindowStillOpen(DomainError):
    """A ranking is published after the window closes, when no sheet can still change."""

    code = "window-still-open"


class OwnUnitVerification(DomainError):
    """The leader's own sheet is verified by the deputy, and the deputy's by the leader."""

    code = "own-unit-verification"


class CriteriaInUse(DomainError):
    """The criteria table of a year with score sheets cannot change."""

    code = "criteria-in-use"


class EvidenceTooLarge(DomainError):
    code = "evidence-too-large"


class EvidenceNoteInvalid(DomainError):
    code = "evidence-note-invalid"


class EvidenceType(DomainError):
    code = "evidence-type"


class PledgeWindowNotOpen(DomainError):
    """Before the pledge window (values: year, opens_at, closes_at)."""

    code = "pledge-window-not-open"


class PledgeWindowClosed(DomainError):
    """After the pledge deadline (values: year, closes_at)."""

    code = "pledge-window-closed"


class PledgeNotEditable(DomainError):
    """Sent or approved: the unit withdraws it first, or it is final (values: status)."""

    code = "pledge-not-editable"


class PledgeNotSubmitted(DomainError):
    """Only a pledge waiting for review can be withdrawn, approved or returned (values:
    status)."""

    code = "pledge-not-submitted"


class PledgeNotApproved(DomainError):
    """Only an approved pledge is signed into the covenant (values: status)."""

    code = "pledge-not-approved"


class AlreadySigned(DomainError):
    code = "already-signed"


class TitleRequired(DomainError):
    code = "title-required"


class ConflictingTitles(DomainError):
    code = "conflicting-titles"


class CommitmentsRequired(DomainError):
    code = "commitments-required"


class CommitmentsTooLong(DomainError):
    code = "commitments-too-long"


class ReturnReasonRequired(DomainError):
    code = "return-reason-required"


class CampaignTitleRequired(DomainError):
    code = "campaign-title-required"


class CampaignTitleTooLong(DomainError):
    code = "campaign-title-too-long"


class CampaignExists(DomainError):
    code = "campaign-exists"


class CampaignInUse(DomainError):
    """Chosen by a pledge already sent or approved (values: title, count)."""

    code = "campaign-in-use"


class CovenantNotReady(DomainError):
    """No unit has signed yet, so there is no covenant to show (values: year)."""

    code = "covenant-not-ready"


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


class BallotNotFound(DomainError):
    """No such ballot in the asker's bloc year: a stale or foreign button."""

    code = "ballot-not-found"


class BallotClosed(DomainError):
    code = "ballot-closed"


class BallotStillOpen(DomainError):
    code = "ballot-still-open"


class AlreadyVoted(DomainError):
    """A secret ballot is cast once per unit."""

    code = "already-voted"


class OverQuota(DomainError):
    code = "over-quota"


class UnknownCandidate(DomainError):
    code = "unknown-candidate"


class NoCandidates(DomainError):
    code = "no-candidates"


class QuotaInvalid(DomainError):
    code = "quota-invalid"


class ThresholdInvalid(DomainError):
    code = "threshold-invalid"


class ClosingTimeInvalid(DomainError):
    """In the past, or further than the bloc allows a ballot to stay open."""

    code = "closing-time-invalid"


class RevoteNotAllowed(DomainError):
    """Only a first round that ended in a tie or with nobody over the threshold, once."""

    code = "revote-not-allowed"


class QuestionRequired(DomainError):
    code = "question-required"


class PlaceInvalid(DomainError):
    code = "place-invalid"


class ConferenceNotFound(DomainError):
    code = "conference-not-found"


class ConferenceInPast(DomainError):
    code = "conference-in-past"


class ConferenceOutsideYear(DomainError):
    """Between 1 January of the bloc's year and the end of March after it."""

    code = "conference-outside-year"


class ConferenceExists(DomainError):
    """One conference of a kind per year: move it rather than scheduling a second."""

    code = "conference-exists"


class ConferenceClosed(DomainError):
    """Cancelled, or already begun: answers and changes are over."""

    code = "conference-closed"


class TextTooLong(DomainError):
    code = "text-too-long"


class PeopleOutOfRange(DomainError):
    code = "people-out-of-range"


class HandoverDone(DomainError):
    """The year was handed over already: its next year has its leader and deputy."""

    code = "handover-done"


class HandoverTooEarly(DomainError):
    """A year is handed over at its annual review, from the opening of its annual window."""

    code = "handover-too-early"


class HandoverNotElected(DomainError):
    """The bloc elects its leader and deputy, and no closed ballot has elected one yet."""

    code = "handover-not-elected"


class HandoverByElection(DomainError):
    """The bloc elects its leader and deputy: units typed after /bangiao cannot override."""

    code = "handover-by-election"


class HandoverNotMember(DomainError):
    """The proposed unit is not a member of the bloc next year."""

    code = "handover-not-member"


class HandoverSameUnit(DomainError):
    code = "handover-same-unit"


class HandoverUnknownUnit(DomainError):
    """What was typed after /bangiao is not the code of one of the bloc's units."""

    code = "handover-unknown-unit"


class HandoverPending(DomainError):
    """Open ballots or coming conferences of the year: close or hold them first."""

    code = "handover-pending"


class AnswerClosed(DomainError):
    """The time to agree with or explain a verification change has passed."""

    code = "answer-closed"


class NothingToAnswer(DomainError):
    """No verification change of the unit's sheet waits for an answer."""

    code = "nothing-to-answer"


class CrossMeanFixed(DomainError):
    """In cross mode an item's score is the other units' mean: only penalties are set."""

    code = "cross-mean-fixed"


class NotExtendable(DomainError):
    """A window is extended to a later day than its close, before the ranking is out."""

    code = "not-extendable"


class NotReopenable(DomainError):
    """Only a submitted sheet is reopened, to a later moment, before the ranking is out."""

    code = "not-reopenable"


class ExplanationInvalid(DomainError):
    """An explanation (giải trình) is a text, not empty, within the limit."""

    code = "explanation-invalid"


class OfficialsUnreadable(DomainError):
    """A typed line names no role the minutes know (chủ trì, thư ký, kiểm phiếu)."""

    code = "officials-unreadable"


class DocumentNumberInvalid(DomainError):
    """The next number of the register: a whole number above the last one issued this year
    (two papers of a year never share a number) and at most `max`."""

    code = "document-number-invalid"


class BoardFileNotReady(DomainError):
    """The file for the provincial board needs the year's proposal (a closed award ballot
    that proposes someone) and the published annual ranking."""

    code = "board-file-not-ready"


class ScoreBelowZero(DomainError):
    """A score or count typed with a minus: penalties have their own entries (values: text,
    max)."""

    code = "score-below-zero"


class ScoreSpacedDigits(DomainError):
    """Digits with spaces between them ("2 4 0"): which number was meant is not guessed
    (values: text, joined, max)."""

    code = "score-spaced-digits"


class CountBelowZero(DomainError):
    code = "count-below-zero"


class PenaltyNotYesNo(DomainError):
    """A one-off penalty happened or not: "có"/"không", 1/0 (values: text, points)."""

    code = "penalty-not-yes-no"


@dataclass(frozen=True)
class EntryProblem:
    """One line of a whole sheet typed at once (or one row of its .xlsx) that cannot be
    recorded: its place (1 for the first line or row; 0 for the sheet as a whole), what
    was written there, and the reason as an error code with its values."""

    place: int
    text: str
    code: str
    values: tuple[tuple[str, object], ...] = ()

    def value(self, name: str) -> object:
        return dict(self.values).get(name)


class EntryProblems(DomainError):
    """Nothing of a whole sheet typed at once was recorded: every problem, by line."""

    code = "entry-problems"

    def __init__(self, problems: list[EntryProblem]) -> None:
        super().__init__(count=len(problems))
        self.problems = problems


class NothingToCopy(DomainError):
    """No last period's sheet to start from: no mid-year sheet, no last year's annual one."""

    code = "nothing-to-copy"
