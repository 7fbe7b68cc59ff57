"""Ballots on screen: the paper a unit votes on, the group's post with its live count,
the receipt, and the result."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from fractions import Fraction

from bot.i18n import Translator
from bot.request import Action, Button, Reply
from bot.views import documents, fmt
from domain.ballots import (
    Ballot,
    BallotCount,
    BallotDraft,
    BallotRecord,
    Candidate,
    Outcome,
    exact,
    votes_needed,
)
from domain.services.voting import BallotState, Receipt
from domain.settings import ThresholdBase


def mask_of(ballot: Ballot, approved: frozenset[int]) -> int:
    return sum(1 << i for i, c in enumerate(ballot.candidates) if c.id in approved)


def approved_of(ballot: Ballot, mask: int) -> frozenset[int] | None:
    """The candidates a button's mask picks; None when it names more than the ballot has."""
    if not 0 <= mask < 1 << len(ballot.candidates):
        return None
    return frozenset(c.id for i, c in enumerate(ballot.candidates) if mask >> i & 1 and c.id)


def title(t: Translator, ballot: Ballot | BallotDraft, year: int) -> str:
    """The ballot's heading; a revote says so."""
    text = t(f"ballot-title-{ballot.kind.value}", year=year, next=year + 1, question=ballot.title)
    revote = ballot.round == 2 if isinstance(ballot, Ballot) else ballot.parent_id is not None
    return t("ballot-title-revote", title=text) if revote else text


def threshold_label(threshold: Decimal, locale: str) -> str:
    share = exact(threshold)
    if share.denominator == 3:
        return f"{share.numerator}/3"
    return percent(share, locale, 0)


def percent(value: Fraction, locale: str, decimals: int = 1) -> str:
    number = Decimal(value.numerator * 100) / Decimal(value.denominator)
    text = f"{number.quantize(Decimal(10) ** -decimals):f}"
    return (text.replace(".", ",") if locale == "vi" else text) + "%"


def rule_line(
    t: Translator,
    secret: bool,
    threshold: Decimal,
    base: ThresholdBase,
    members: int,
    key: str = "ballot-rule",
) -> str:
    if base is ThresholdBase.ALL_MEMBERS:
        counted = t("ballot-base-all", members=members, needed=votes_needed(threshold, members))
    else:
        counted = t("ballot-base-present")
    return t(
        key,
        secret=str(secret).lower(),
        threshold=threshold_label(threshold, t.locale),
        base=counted,
    )


def candidate_line(t: Translator, candidate: Candidate) -> str:
    if candidate.score is None:
        return f"• {candidate.label}"
    return t(
        "ballot-candidate-score", name=candidate.label, points=fmt.points(candidate.score, t.locale)
    )


def _header(t: Translator, ballot: Ballot, year: int, count: BallotCount) -> list[str]:
    lines = [f"🗳 {title(t, ballot, year)}"]
    if not ballot.kind.is_yes_no:
        lines += [t("ballot-candidates")] + [candidate_line(t, c) for c in ballot.candidates]
        if ballot.quota > 1 or len(ballot.candidates) > 1:
            lines.append(t("ballot-quota", quota=ballot.quota))
    lines.append(rule_line(t, ballot.secret, ballot.threshold, ballot.base, count.members))
    lines.append(t("ballot-closes", at=fmt.date_time(ballot.closes_at)))
    lines.append(t("ballot-count", voted=count.voted, members=count.members))
    return lines


def is_single(ballot: Ballot) -> bool:
    """Answered with one press: a motion, or a single candidate."""
    return len(ballot.candidates) == 1


def _yes_no(t: Translator, ballot: Ballot) -> list[list[Button]]:
    ballot_id = str(ballot.id)
    return [
        [
            Button(t("btn-ballot-yes"), Action("bs", (ballot_id, "1"))),
            Button(t("btn-ballot-no"), Action("bs", (ballot_id, "0"))),
        ]
    ]


def group_post(t: Translator, ballot: Ballot, year: int, count: BallotCount) -> Reply:
    """The bloc group's message: candidates, rule, close, the count, never who chose what."""
    lines = _header(t, ballot, year, count)
    if is_single(ballot):
        buttons = _yes_no(t, ballot)
    else:
        buttons = [[Button(t("btn-ballot-open-paper"), Action("bp", (str(ballot.id), "0")))]]
    return Reply("\n".join(lines), buttons)


def group_closed(t: Translator, record: BallotRecord) -> Reply:
    count = BallotCount(record.tally.returned, record.tally.issued)
    lines = _header(t, record.ballot, record.year, count)[:-2]
    lines.append(
        t("ballot-closed-at", at=fmt.date_time(record.ballot.closed_at or record.ballot.closes_at))
    )
    lines.append(t("ballot-count", voted=count.voted, members=count.members))
    return Reply("\n".join(lines))


def paper(t: Translator, state: BallotState, year: int, mask: int, now: datetime) -> Reply:
    """The unit's ballot paper: yes/no, or candidates to tick up to the quota, then send."""
    ballot = state.ballot
    lines = _header(t, ballot, year, state.count)
    if not ballot.is_open(now):
        lines.append(t("ballot-is-closed"))
        return Reply(
            "\n".join(lines), [[Button(t("btn-ballot-result"), Action("br", (str(ballot.id),)))]]
        )
    if state.unit_voted and ballot.secret:
        lines.append(t("ballot-unit-voted-secret"))
        return Reply("\n".join(lines))
    if state.own_vote is not None:
        chosen = [c.label for c in ballot.candidates if c.id in state.own_vote.approved]
        lines.append(
            t(
                "ballot-unit-voted-open",
                chosen=", ".join(chosen) or "-",
                count=len(chosen),
                receipt=state.own_vote.receipt,
            )
        )
    lines.append(t("ballot-secret-once") if ballot.secret else t("ballot-open-change"))
    if is_single(ballot):
        return Reply("\n".join(lines), _yes_no(t, ballot))
    picked = bin(mask).count("1")
    lines.append(t("ballot-pick", picked=picked, quota=ballot.quota))
    buttons = []
    for index, candidate in enumerate(ballot.candidates):
        ticked = mask >> index & 1
        label = ("☑ " if ticked else "☐ ") + candidate.label
        buttons.append([Button(label, Action("bp", (str(ballot.id), str(mask ^ 1 << index))))])
    buttons.append(
        [Button(t("btn-ballot-send", picked=picked), Action("bs", (str(ballot.id), str(mask))))]
    )
    return Reply("\n".join(lines), buttons)


def receipt(t: Translator, result: Receipt, unit: str) -> str:
    key = "ballot-vote-changed" if result.changed else "ballot-vote-recorded"
    return t(key, unit=unit, receipt=result.receipt)


def result_lines(t: Translator, record: BallotRecord) -> list[str]:
    counted, ballot = record.tally, record.ballot
    lines = [
        t(
            "ballot-result-head",
            title=title(t, ballot, record.year),
            returned=counted.returned,
            issued=counted.issued,
        )
    ]
    threshold = threshold_label(ballot.threshold, t.locale)
    key = "ballot-motion-row" if ballot.kind.is_yes_no else "ballot-result-row"
    for row in counted.rows:
        figures = {
            "votes": row.approvals,
            "base": counted.base,
            "threshold": threshold,
            "ratio": percent(row.ratio, t.locale),
            "passed": str(row.passed).lower(),
        }
        if not ballot.kind.is_yes_no:
            figures["name"] = row.candidate.label
        lines.append(t(key, **figures))
    lines.append(outcome_line(t, record))
    if counted.receipts:
        lines.append(t("ballot-receipts", receipts=", ".join(counted.receipts)))
    return lines


def outcome_line(t: Translator, record: BallotRecord) -> str:
    counted, ballot = record.tally, record.ballot
    names = ", ".join(c.label for c in counted.elected)
    tied = ", ".join(c.label for c in counted.tied)
    if ballot.kind.is_yes_no:
        return t("ballot-outcome-motion", carried=str(bool(counted.elected)).lower())
    if counted.outcome is Outcome.TIE:
        key = "ballot-outcome-tie" if ballot.can_revote else "ballot-outcome-tie-final"
        return t(key, elected=names or "-", tied=tied, seats=counted.seats_left)
    if counted.outcome is Outcome.NONE:
        key = "ballot-outcome-none" if ballot.can_revote else "ballot-outcome-none-final"
        return t(key, kind=ballot.kind.value)
    return t(
        "ballot-outcome-elected",
        kind=ballot.kind.value,
        elected=names,
        partial=str(counted.outcome is Outcome.PARTIAL).lower(),
    )


def result(
    t: Translator,
    record: BallotRecord,
    can_revote: bool,
    organiser: bool = False,
    board_file: bool = False,
) -> Reply:
    """The count; the documents for all, the minutes' officials for the leader or deputy,
    the file for the provincial board for them and the board."""
    ballot_id = str(record.ballot.id)
    buttons = [[Button(t("btn-ballot-documents"), Action("bm", (ballot_id,)))]]
    if can_revote:
        buttons.append([Button(t("btn-ballot-revote"), Action("brv", (ballot_id,)))])
    if organiser:
        buttons.append([documents.officials_button(t, Action("bof", (ballot_id,)))])
    if board_file:
        buttons.append([documents.board_file_button(t)])
    return Reply("\n".join(result_lines(t, record)), buttons)


def reminder(t: Translator, ballot: Ballot, year: int) -> Reply:
    text = t("ballot-reminder", title=title(t, ballot, year), at=fmt.date_time(ballot.closes_at))
    return Reply(
        f"⏰ {text}", [[Button(t("btn-ballot-vote-now"), Action("bp", (str(ballot.id), "0")))]]
    )


def opened_notice(t: Translator, ballot: Ballot, year: int, count: BallotCount) -> Reply:
    """What every officer gets privately when a ballot opens: the paper itself."""
    fresh = BallotState(ballot, count, unit_voted=False, own_vote=None)
    return paper(t, fresh, year, 0, ballot.opened_at)


def confirm_secret(t: Translator, state: BallotState, year: int, mask: int, now: datetime) -> Reply:
    """The last step of a secret ballot: the choice shown again, to send or change."""
    ballot = state.ballot
    if not ballot.is_open(now) or state.unit_voted:
        return paper(t, state, year, mask, now)
    approved = approved_of(ballot, mask) or frozenset()
    if ballot.kind.is_yes_no or len(ballot.candidates) == 1:
        choice = t("btn-ballot-yes") if approved else t("btn-ballot-no")
    else:
        names = [c.label for c in ballot.candidates if c.id in approved]
        choice = t("ballot-confirm-approve", names=", ".join(names) or "-")
    ballot_id = str(ballot.id)
    rows = [
        [Button(t("btn-ballot-confirm"), Action("bs", (ballot_id, str(mask), "ok")))],
        [Button(t("btn-ballot-change"), Action("bp", (ballot_id, str(mask))))],
    ]
    return Reply(t("ballot-confirm-send", title=title(t, ballot, year), choice=choice), rows)
