"""/binhxet: the list of the year's ballots, and the leader's screens to set one up."""

from __future__ import annotations

from bot.i18n import Translator
from bot.request import Action, Button, Reply
from bot.views import documents, fmt
from bot.views.ballots import candidate_line, rule_line, threshold_label, title
from bot.views.menu import command_button
from domain.ballots import Ballot, BallotDraft, BallotKind
from domain.model import Unit
from domain.services.ballots import PLACE_MAX, QUESTION_MAX
from domain.services.voting import BallotState
from domain.settings import ALLOWED_THRESHOLDS


def overview(
    t: Translator,
    year: int,
    open_ones: list[BallotState],
    closed: list[Ballot],
    leader: bool,
    board_file: bool = False,
    years: dict[int, int] | None = None,
) -> Reply:
    """The ballots of `year`, and of the year before while its review runs: each titled
    with its own year (`years`: bloc year id → year)."""
    lines = [t("ballots-title", year=year)]
    buttons: list[list[Button]] = []
    if not open_ones:
        lines.append(t("ballots-none-open"))
    for state in open_ones:
        ballot = state.ballot
        voted = "✅" if state.unit_voted else "🗳"
        lines.append(
            t(
                "ballots-open-row",
                mark=voted,
                title=title(t, ballot, (years or {}).get(ballot.year_id, year)),
                at=fmt.date_time(ballot.closes_at),
                voted=state.count.voted,
                members=state.count.members,
            )
        )
        ballot_id = str(ballot.id)
        buttons.append(
            [Button(t("btn-ballot-paper", id=ballot_id), Action("bp", (ballot_id, "0")))]
        )
        if leader:
            buttons.append(
                [Button(t("btn-ballot-close", id=ballot_id), Action("bc", (ballot_id,)))]
            )
    for ballot in closed:
        ballot_id = str(ballot.id)
        own_year = (years or {}).get(ballot.year_id, year)
        lines.append(t("ballots-closed-row", title=title(t, ballot, own_year)))
        buttons.append(
            [Button(t("btn-ballot-result-of", id=ballot_id), Action("br", (ballot_id,)))]
        )
    if leader:
        buttons.append([Button(t("btn-ballot-new"), Action("bnew"))])
    if board_file:
        buttons.append([documents.board_file_button(t)])
    buttons.append([command_button(t("btn-menu"), "menu")])
    return Reply("\n".join(lines), buttons)


def kinds(t: Translator) -> Reply:
    buttons = [
        [Button(t("ballot-kind", kind=kind.value), Action("bk", (kind.value,)))]
        for kind in BallotKind
    ]
    return Reply(t("ballot-choose-kind"), buttons)


def draft_screen(t: Translator, draft: BallotDraft, year: int, members: int) -> Reply:
    lines = [t("ballot-setup-title", title=title(t, draft, year))]
    if not draft.kind.is_yes_no:
        lines.append(t("ballot-candidates"))
        lines += [candidate_line(t, c) for c in draft.candidates] or [
            t("ballot-setup-no-candidates")
        ]
        lines.append(t("ballot-quota", quota=draft.quota))
    lines.append(
        rule_line(t, draft.secret, draft.threshold, draft.base, members, "ballot-setup-rule")
    )
    lines.append(t("ballot-closes", at=fmt.date_time(draft.closes_at)))
    lines.append(t("ballot-place", place=draft.place or t("ballot-place-online")))
    lines += documents.officials_lines(t, draft.officials)
    buttons: list[list[Button]] = []
    if not draft.kind.is_yes_no and draft.parent_id is None:
        buttons.append(
            [
                Button(t("btn-setup-candidates"), Action("bdc")),
                Button(t("btn-setup-quota"), Action("bdq")),
            ]
        )
    if draft.parent_id is None:  # a revote keeps the first round's rule
        buttons.append(
            [
                Button(t("btn-setup-secret", secret=str(draft.secret).lower()), Action("bds")),
                Button(t("btn-setup-threshold"), Action("bdh")),
            ]
        )
        buttons.append(
            [
                Button(t("btn-setup-base", base=draft.base.value), Action("bdb")),
                Button(t("btn-setup-closing"), Action("bdg")),
            ]
        )
    else:
        buttons.append([Button(t("btn-setup-closing"), Action("bdg"))])
    buttons.append(
        [Button(t("btn-setup-open"), Action("bdo")), Button(t("btn-cancel"), Action("bdx"))]
    )
    buttons.append(
        [
            Button(t("btn-setup-place"), Action("bdp")),
            documents.officials_button(t, Action("bdf")),
        ]
    )
    return Reply("\n".join(lines), buttons)


def candidate_picker(t: Translator, draft: BallotDraft, units: list[Unit]) -> Reply:
    chosen = {c.unit_id for c in draft.candidates}
    buttons = [
        [Button(("☑ " if unit.id in chosen else "☐ ") + unit.name, Action("bdt", (str(unit.id),)))]
        for unit in units
    ]
    buttons.append([Button(t("btn-setup-done"), Action("bdv"))])
    return Reply(t("ballot-setup-pick-candidates"), buttons)


def quota_picker(t: Translator, draft: BallotDraft) -> Reply:
    row = [
        Button(("✓ " if n == draft.quota else "") + str(n), Action("bdq", (str(n),)))
        for n in range(1, max(1, len(draft.candidates)) + 1)
    ]
    rows = [row[i : i + 5] for i in range(0, len(row), 5)]
    return Reply(t("ballot-setup-pick-quota", count=len(draft.candidates)), rows)


def threshold_picker(t: Translator, draft: BallotDraft) -> Reply:
    buttons = [
        [
            Button(
                ("✓ " if value == draft.threshold else "") + threshold_label(value, t.locale),
                Action("bdh", (str(index),)),
            )
        ]
        for index, value in enumerate(ALLOWED_THRESHOLDS)
    ]
    return Reply(t("ballot-setup-pick-threshold"), buttons)


def ask_closing(t: Translator) -> Reply:
    # Typed digits are a time here, so the one choice is a letter on numbered channels.
    back = [[Button(t("btn-setup-back"), Action("bdv"))]]
    return Reply(t("ballot-setup-ask-closing"), back, lettered=True)


def ask_place(t: Translator) -> Reply:
    back = [[Button(t("btn-setup-back"), Action("bdv"))]]
    return Reply(t("ballot-setup-ask-place", max=PLACE_MAX), back, lettered=True)


def ask_question(t: Translator) -> Reply:
    cancel = [[Button(t("btn-cancel"), Action("bdx"))]]
    return Reply(t("ballot-setup-ask-question", max=QUESTION_MAX), cancel, lettered=True)


def confirm_close(t: Translator, state: BallotState, year: int) -> Reply:
    ballot_id = str(state.ballot.id)
    text = t(
        "ballot-confirm-close",
        title=title(t, state.ballot, year),
        voted=state.count.voted,
        members=state.count.members,
    )
    buttons = [
        [
            Button(t("btn-ballot-close-now"), Action("bcc", (ballot_id,))),
            Button(t("btn-setup-back"), Action("cmd", ("binhxet",))),
        ]
    ]
    return Reply(text, buttons)
