"""The year's cycle in words: a window opens, its deadline nears, it closes; and /bangiao,
the handover of the leader and deputy to next year."""

from __future__ import annotations

from datetime import timedelta

from bot.i18n import Translator
from bot.request import Action, Button, Reply
from bot.views import fmt
from bot.views.menu import command_button
from domain.cycle import DAY, Handover, Laggard, LagState
from domain.model import Unit
from domain.services.handover import HandoverPlan
from domain.settings import LeaderSelection
from domain.windows import WindowKind, WindowTimes

CONFIRM = "hgo"  # the handover's confirm button: year, leader unit, deputy unit (0: none)


def window_name(t: Translator, kind: WindowKind, year: int) -> str:
    return t(f"cycle-window-{kind.value}", year=year)


def _command(kind: WindowKind) -> str:
    return "dangky" if kind is WindowKind.PLEDGE else "chamdiem"


def _do_button(t: Translator, kind: WindowKind) -> Button:
    if kind is WindowKind.PLEDGE:
        return command_button(t("btn-pledge"), "dangky")
    return command_button(t("btn-cycle-score"), "chamdiem")


def opened(t: Translator, window: WindowTimes, year: int) -> Reply:
    text = t(
        "cycle-opened",
        name=window_name(t, window.kind, year),
        closes=fmt.date(window.closes_at),
        command=_command(window.kind),
    )
    return Reply(text, [[_do_button(t, window.kind)]])


def reminder(
    t: Translator, window: WindowTimes, year: int, offset: timedelta, laggard: Laggard, unit: Unit
) -> Reply:
    task = t(f"cycle-task-{window.kind.value}", year=year)
    deadline = fmt.date(window.closes_at)
    if offset % DAY == timedelta(0):
        head = t("cycle-reminder-days", days=offset // DAY, task=task, deadline=deadline)
    else:
        hours = max(1, round(offset.total_seconds() / 3600))
        head = t("cycle-reminder-hours", hours=hours, task=task, deadline=deadline)
    return Reply(
        f"{head}\n{lag_line(t, window.kind, laggard, unit)}", [[_do_button(t, window.kind)]]
    )


def lag_line(t: Translator, kind: WindowKind, laggard: Laggard, unit: Unit) -> str:
    """Where the unit stands: "Sở GTVT mới chấm 5/18 tiêu chí"."""
    name = unit.short_name or unit.name
    if kind is WindowKind.PLEDGE:
        return t(f"cycle-lag-pledge-{laggard.state.value}", unit=name)
    if laggard.state is LagState.CROSS:
        return t("cycle-lag-cross", unit=name, done=laggard.done, total=laggard.total)
    if laggard.state is LagState.DRAFT:
        key = "cycle-lag-sheet-full" if laggard.done >= laggard.total else "cycle-lag-sheet-draft"
        return t(key, unit=name, done=laggard.done, total=laggard.total)
    return t("cycle-lag-sheet-none", unit=name)


def closed(
    t: Translator,
    window: WindowTimes,
    year: int,
    laggards: list[Laggard],
    units: dict[int, Unit],
    members: int,
) -> Reply:
    pledges = window.kind is WindowKind.PLEDGE
    name = window_name(t, window.kind, year)
    lines = [
        t("cycle-closed", name=name, closed=fmt.date_time(window.closes_at)),
        t("cycle-closed-locked-pledge" if pledges else "cycle-closed-locked-scoring"),
        "",
    ]
    if laggards:
        lines.append(t("cycle-closed-missing", count=len(laggards), total=members))
        lines += [
            f"• {lag_line(t, window.kind, lag, units[lag.unit_id])}"
            for lag in laggards
            if lag.unit_id in units
        ]
    else:
        lines.append(t("cycle-closed-all", total=members))
    if pledges:
        button = command_button(t("btn-review"), "duyet")
    else:
        button = command_button(t("btn-cycle-verify"), "thamdinh")
    return Reply("\n".join(lines), [[button]])


# --- the handover -----------------------------------------------------------------------


def _name(t: Translator, units: dict[int, Unit], unit_id: int | None) -> str:
    unit = units.get(unit_id) if unit_id is not None else None
    return unit.name if unit else t("handover-nobody")


def plan(t: Translator, proposal: HandoverPlan) -> Reply:
    units, outgoing = proposal.units, proposal.outgoing
    year, next_year = outgoing.year, proposal.next_year
    lines = [
        t("handover-title", year=year, next=next_year),
        t(
            "handover-current",
            year=year,
            leader=_name(t, units, outgoing.leader_unit_id),
            deputy=_name(t, units, outgoing.deputy_unit_id),
        ),
        "",
    ]
    if proposal.chosen:
        lines.append(t("handover-source-chosen"))
    elif proposal.selection is LeaderSelection.ELECTION:
        lines.append(t("handover-source-election"))
    else:
        order = " → ".join(
            units[u].short_name or units[u].name for u in proposal.order if u in units
        )
        lines.append(t("handover-source-rotation", order=order))
    lines += [
        t("handover-leader", next=next_year, unit=_name(t, units, proposal.leader_unit_id)),
        t("handover-deputy", next=next_year, unit=_name(t, units, proposal.deputy_unit_id)),
        "",
        t("handover-flag", source=_name(t, units, outgoing.leader_unit_id),
          target=_name(t, units, proposal.leader_unit_id)),
        t("handover-updates" if proposal.existing else "handover-creates", next=next_year),
    ]  # fmt: skip
    if proposal.selection is LeaderSelection.ROTATION:
        codes = ", ".join(sorted(units[u].code for u in proposal.next_members if u in units))
        lines.append(t("handover-other-hint", codes=codes))
    args = (
        str(outgoing.id),
        str(proposal.leader_unit_id),
        str(proposal.deputy_unit_id or 0),
    )
    confirm = Button(t("btn-handover-confirm"), Action(CONFIRM, args))
    return Reply("\n".join(lines), [[confirm], [command_button(t("btn-bloc"), "khoi")]])


def handed(t: Translator, handover: Handover, units: dict[int, Unit]) -> Reply:
    """The answer to the one who confirmed."""
    incoming = handover.incoming
    text = t(
        "handover-done",
        next=incoming.year,
        leader=_name(t, units, incoming.leader_unit_id),
        deputy=_name(t, units, incoming.deputy_unit_id),
    )
    return Reply(text, [[command_button(t("btn-bloc"), "khoi")]])


def notice(t: Translator, handover: Handover, units: dict[int, Unit], bloc: str) -> Reply:
    """What the group and every officer read."""
    incoming = handover.incoming
    text = t(
        "handover-notice",
        bloc=bloc,
        year=handover.outgoing.year,
        source=_name(t, units, handover.flag_from),
        target=_name(t, units, handover.flag_to),
        next=incoming.year,
        leader=_name(t, units, incoming.leader_unit_id),
        deputy=_name(t, units, incoming.deputy_unit_id),
    )
    return Reply(text, [[command_button(t("btn-bloc"), "khoi")]])


def private_only(t: Translator) -> Reply:
    return _refusal(t("handover-private"))


def not_allowed(t: Translator) -> Reply:
    return _refusal(t("handover-not-allowed"))


def _refusal(text: str) -> Reply:
    return Reply(f"⚠️ {text}", toast=text[:190], is_error=True)
