"""/hoinghi on screen: the year's conferences, the leader's set-up, invitations, reminders,
the attendance list, and the .ics file calendar apps open."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.i18n import Translator
from bot.request import Action, Button, File, Reply
from bot.views import fmt
from bot.views.menu import command_button
from domain.conferences import (
    AGENDA_MAX,
    ATTENDEES_MAX,
    MAX_PEOPLE,
    PLACE_MAX,
    Conference,
    ConferenceKind,
    Rsvp,
)
from domain.model import Unit
from domain.services.conferences import Attendance, ConferenceDraft
from reports.ics import CalendarEvent, build_ics

DURATION = timedelta(hours=4)  # a morning: what the invitation and the .ics block out
PEOPLE_CHOICES = (1, 2, 3, 4, 5)


def name(t: Translator, kind: ConferenceKind, year: int) -> str:
    return t(f"conference-name-{kind.value}", year=year)


def place(t: Translator, conference: Conference | ConferenceDraft, host: Unit | None) -> str:
    if conference.place:
        return conference.place
    return t("conference-place-host", unit=host.name) if host else t("conference-place-none")


def agenda(t: Translator, conference: Conference | ConferenceDraft) -> str:
    return conference.agenda or t(f"conference-agenda-{conference.kind.value}")


def details(
    t: Translator, conference: Conference | ConferenceDraft, year: int, host: Unit | None
) -> list[str]:
    lines = [
        t("conference-when", at=fmt.date_time(conference.starts_at)),
        t("conference-where", place=place(t, conference, host)),
        t("conference-agenda", agenda=agenda(t, conference)),
    ]
    if conference.attendees:
        lines.append(t("conference-attendees", attendees=conference.attendees))
    return lines


def overview(
    t: Translator,
    year: int,
    conferences: list[Conference],
    answers: dict[int, Rsvp],
    hosts: dict[int, Unit],
    organiser: bool,
    now: datetime,
    years: dict[int, int] | None = None,
) -> Reply:
    """The conferences of `year`, and of the year before while its review runs: each named
    with its own year (`years`: bloc year id → year)."""
    lines = [t("conferences-title", year=year)]
    buttons: list[list[Button]] = []
    if not conferences:
        lines.append(t("conferences-none"))
    for conference in conferences:
        cid = str(conference.id)
        own_year = (years or {}).get(conference.year_id, year)
        title = name(t, conference.kind, own_year)
        host = hosts.get(conference.host_unit_id or 0)
        if conference.is_cancelled:
            lines.append(t("conference-row-cancelled", name=title))
            continue
        lines += ["", f"📅 {title}", *details(t, conference, own_year, host)]
        rsvp = answers.get(conference.id or 0)
        lines.append(_answer_line(t, rsvp))
        if now < conference.starts_at:
            buttons.append([Button(t("btn-conference-answer", name=title), Action("ha", (cid,)))])
        buttons.append([Button(t("btn-conference-ics", name=title), Action("hi", (cid,)))])
        if organiser:
            buttons.append([Button(t("btn-conference-manage", name=title), Action("hm", (cid,)))])
    if organiser:
        buttons.append([Button(t("btn-conference-new"), Action("hnew"))])
    buttons.append([command_button(t("btn-menu"), "menu")])
    return Reply("\n".join(lines), buttons)


def _answer_line(t: Translator, rsvp: Rsvp | None) -> str:
    if rsvp is None:
        return t("conference-answer-none")
    if rsvp.people == 0:
        return t("conference-answer-absent")
    return t("conference-answer-people", people=rsvp.people)


def answer_picker(t: Translator, conference: Conference, year: int) -> Reply:
    cid = str(conference.id)
    people = [
        Button(t("btn-people", people=n), Action("hr", (cid, str(n)))) for n in PEOPLE_CHOICES
    ]
    rows = [people, [Button(t("btn-conference-absent"), Action("hr", (cid, "0")))]]
    text = t("conference-answer-ask", name=name(t, conference.kind, year), max=MAX_PEOPLE)
    return Reply(text, rows)


def answered(t: Translator, conference: Conference, year: int, rsvp: Rsvp) -> Reply:
    text = (
        t("conference-answered", name=name(t, conference.kind, year)) + "\n" + _answer_line(t, rsvp)
    )
    return Reply(text, [[command_button(t("btn-conferences"), "hoinghi")]])


def kinds(t: Translator, year: int, annual_year: int | None = None) -> Reply:
    """Each kind named with the year it would belong to: the annual review may still be
    the year just ended's (`annual_year`)."""
    rows = [
        [Button(name(t, kind, annual_year if kind is ConferenceKind.ANNUAL and annual_year
                      else year), Action("hk", (kind.value,)))]
        for kind in ConferenceKind
    ]  # fmt: skip
    return Reply(t("conference-choose-kind"), rows)


def draft_screen(t: Translator, draft: ConferenceDraft, year: int, host: Unit | None) -> Reply:
    lines = [t("conference-setup-title", name=name(t, draft.kind, year))]
    if host is not None:
        lines.append(t("conference-host", unit=host.name))
    lines += details(t, draft, year, host)
    rows = [
        [Button(t("btn-conference-time"), Action("hdt")),
         Button(t("btn-conference-place"), Action("hdp"))],
        [Button(t("btn-conference-host"), Action("hdh"))],
        [Button(t("btn-conference-agenda"), Action("hda")),
         Button(t("btn-conference-attendees"), Action("hdw"))],
        [Button(t("btn-conference-send"), Action("hds")), Button(t("btn-cancel"), Action("hdx"))],
    ]  # fmt: skip
    return Reply("\n".join(lines), rows)


LIMITS = {"place": PLACE_MAX, "agenda": AGENDA_MAX, "attendees": ATTENDEES_MAX}


def ask(t: Translator, field: str, back: Action, year: int) -> Reply:
    """A typed value, its limit told and its example in the bloc's year; the one choice is a
    letter, since digits are part of the answer."""
    text = t(f"conference-ask-{field}", year=year, max=LIMITS.get(field, 0))
    return Reply(text, [[Button(t("btn-setup-back"), back)]], lettered=True)


def host_picker(t: Translator, units: list[Unit], current: int | None) -> Reply:
    """Any member unit may host; the place then defaults to its hall."""
    rows = [
        [Button(("✅ " if unit.id == current else "") + unit.name, Action("hdu", (str(unit.id),)))]
        for unit in units
    ]
    rows.append([Button(t("btn-setup-back"), Action("hdv"))])
    return Reply(t("conference-ask-host"), rows)


def manage(t: Translator, attendance: Attendance, year: int, now: datetime) -> Reply:
    conference = attendance.conference
    cid = str(conference.id)
    lines = [t("conference-attendance-title", name=name(t, conference.kind, year))]
    for unit, rsvp in attendance.rows:
        lines.append(f"• {unit.short_name or unit.name}: {_answer_line(t, rsvp)}")
    lines.append(t("conference-attendance-total", people=attendance.people,
                   unanswered=len(attendance.unanswered)))  # fmt: skip
    rows: list[list[Button]] = []
    if not conference.is_cancelled and now < conference.starts_at:
        rows.append([Button(t("btn-conference-move"), Action("hmv", (cid,))),
                     Button(t("btn-conference-cancel"), Action("hcx", (cid,)))])  # fmt: skip
    rows.append([command_button(t("btn-conferences"), "hoinghi")])
    return Reply("\n".join(lines), rows)


def confirm_cancel(t: Translator, conference: Conference, year: int) -> Reply:
    cid = str(conference.id)
    rows = [[Button(t("btn-conference-cancel-now"), Action("hcc", (cid,))),
             Button(t("btn-setup-back"), Action("hm", (cid,)))]]  # fmt: skip
    return Reply(t("conference-confirm-cancel", name=name(t, conference.kind, year)), rows)


def invitation(
    t: Translator, conference: Conference, year: int, bloc_name: str, host: Unit | None,
    rsvp: Rsvp | None = None,
) -> Reply:  # fmt: skip
    """The invitation every unit gets, and the group: what, when, where, and the answer."""
    head = t("conference-invitation", bloc=bloc_name, name=name(t, conference.kind, year))
    lines = [head, *details(t, conference, year, host), _answer_line(t, rsvp)]
    return _with_answer_buttons(t, conference, year, lines)


def changed(
    t: Translator, conference: Conference, year: int, bloc_name: str, host: Unit | None
) -> Reply:
    title = name(t, conference.kind, year)
    if conference.is_cancelled:
        return Reply(t("conference-cancelled", bloc=bloc_name, name=title))
    lines = [t("conference-moved", bloc=bloc_name, name=title), *details(t, conference, year, host)]
    return _with_answer_buttons(t, conference, year, lines)


def reminder(
    t: Translator, conference: Conference, year: int, bloc_name: str, host: Unit | None,
    now: datetime, rsvp: Rsvp | None,
) -> Reply:  # fmt: skip
    """Says the time actually left: a reminder sent late (the bot was down) stays true."""
    title = name(t, conference.kind, year)
    left = conference.starts_at - now
    if left >= timedelta(days=1):
        head = t("conference-reminder-days", bloc=bloc_name, name=title, days=left.days)
    else:
        hours = max(1, round(left.total_seconds() / 3600))
        head = t("conference-reminder-hours", bloc=bloc_name, name=title, hours=hours)
    lines = [
        head,
        *details(t, conference, year, host),
        _answer_line(t, rsvp),
    ]
    return _with_answer_buttons(t, conference, year, lines)


def _with_answer_buttons(
    t: Translator, conference: Conference, year: int, lines: list[str]
) -> Reply:
    cid = str(conference.id)
    rows = [[Button(t("btn-conference-answer", name=name(t, conference.kind, year)),
                    Action("ha", (cid,)))]]  # fmt: skip
    return Reply("\n".join(lines), rows)


def calendar_file(
    t: Translator, conference: Conference, year: int, bloc_code: str, bloc_name: str,
    host: Unit | None, now: datetime,
) -> File:  # fmt: skip
    title = name(t, conference.kind, year)
    event = CalendarEvent(
        uid=conference.uid(bloc_code),
        sequence=conference.sequence,
        starts_at=conference.starts_at,
        duration=DURATION,
        summary=f"{title} — {bloc_name}",
        location=place(t, conference, host),
        description=agenda(t, conference),
        stamp=now,
        organizer=bloc_name,
        # The bot has no mailbox: an address under the reserved .invalid domain (RFC 2606).
        organizer_address=f"mailto:{bloc_code}@thidua-bot.invalid",
        cancelled=conference.is_cancelled,
    )
    filename = f"hoi-nghi-{conference.kind.value}-{year}.ics"
    return File(filename, build_ics(event), "text/calendar", t("conference-ics-caption"))
