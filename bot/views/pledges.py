"""The unit's pledge screen (/dangky) and the signing of the covenant (/kyket)."""

from __future__ import annotations

from bot.i18n import Translator
from bot.request import Action, Button, File, Reply
from bot.views import fmt
from bot.views.menu import command_button
from domain.pledges import MAX_COMMITMENTS, PledgeStatus, Title
from domain.services.pledges import PledgeView
from domain.services.signing import CovenantData, SigningStatus

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
BUTTON_TEXT = 48  # characters of a campaign's title on its button


def mark(chosen: bool) -> str:
    return "✅" if chosen else "▫️"


def award(t: Translator, title: Title) -> str:
    return t(f"award-{title.value}")


def short(text: str, limit: int = BUTTON_TEXT) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def heading(t: Translator, view: PledgeView) -> str:
    status = view.pledge.status.value
    return t("pledge-title", year=view.window.opens_at.year, unit=view.unit.short_name,
             status=status)  # fmt: skip


def contents(t: Translator, view: PledgeView, marks: bool) -> list[str]:
    """Titles, campaigns and commitments; with ✅/▫️ marks on the unit's own screen."""
    pledge = view.pledge
    lines = ["", t("pledge-titles-heading")]
    for title in Title:
        chosen = title in pledge.titles
        if marks or chosen:
            lines.append(f"{mark(chosen) if marks else '•'} {award(t, title)}")
    if not marks and not pledge.titles:
        lines.append(t("pledge-none-chosen"))
    lines += ["", t("pledge-campaigns-heading")]
    shown = view.campaigns if marks else view.chosen_campaigns
    for campaign in shown:
        chosen = campaign.id in pledge.campaign_ids
        lines.append(f"{mark(chosen) if marks else '•'} {campaign.title}")
    if not view.campaigns:
        lines.append(t("pledge-no-campaigns"))
    elif not shown:
        lines.append(t("pledge-none-chosen"))
    lines += ["", t("pledge-commitments-heading")]
    lines.append(pledge.commitments or t("pledge-commitments-empty"))
    return lines


def screen(t: Translator, view: PledgeView, notice: str = "") -> Reply:
    pledge = view.pledge
    lines = [notice, ""] if notice else []
    lines.append(heading(t, view))
    lines += contents(t, view, marks=view.editable)
    lines += ["", *_status_lines(t, view)]
    buttons: list[list[Button]] = []
    if view.editable:
        titles = [
            Button(f"{mark(title in pledge.titles)} {t(f'award-short-{title.value}')}",
                   Action("pt", (title.value,)))
            for title in Title
        ]  # fmt: skip
        buttons += [titles[:2], titles[2:]]
        for campaign in view.campaigns:
            label = f"{mark(campaign.id in pledge.campaign_ids)} {short(campaign.title)}"
            buttons.append([Button(label, Action("pc", (str(campaign.id),)))])
        buttons.append([Button(t("btn-pledge-commitments"), Action("pw")),
                        Button(t("btn-pledge-submit"), Action("ps"))])  # fmt: skip
    if view.can_withdraw:
        buttons.append([Button(t("btn-pledge-withdraw"), Action("pr"))])
    if pledge.status is PledgeStatus.APPROVED and pledge.signed_at is None:
        buttons.append([command_button(t("btn-sign"), "kyket")])
    buttons.append([command_button(t("btn-menu"), "menu")])
    return Reply("\n".join(lines), buttons)


def _status_lines(t: Translator, view: PledgeView) -> list[str]:
    pledge, window = view.pledge, view.window
    deadline = fmt.date_time(window.closes_at)
    if pledge.status is PledgeStatus.RETURNED:
        return [t("pledge-returned-note", reason=pledge.return_reason), t("pledge-edit-hint")]
    if pledge.status is PledgeStatus.SUBMITTED:
        sent = fmt.date_time(pledge.submitted_at) if pledge.submitted_at else ""
        key = "pledge-submitted-note" if view.can_withdraw else "pledge-submitted-late-note"
        return [t(key, date=sent, deadline=deadline)]
    if pledge.status is PledgeStatus.APPROVED:
        if pledge.signed_at is not None:
            return [t("pledge-signed-note", date=fmt.date_time(pledge.signed_at))]
        return [t("pledge-approved-note")]
    if view.now < window.opens_at:
        return [t("pledge-not-open-note", opens=fmt.date(window.opens_at), deadline=deadline)]
    if not view.editable:
        return [t("pledge-closed-note", deadline=deadline)]
    return [t("pledge-deadline", date=deadline), t("pledge-edit-hint")]


def ask_commitments(t: Translator, view: PledgeView) -> Reply:
    lines = [t("pledge-ask-commitments", unit=view.unit.short_name, max=MAX_COMMITMENTS)]
    if view.pledge.commitments:
        lines += ["", t("pledge-commitments-current"), view.pledge.commitments]
    back = [[Button(t("btn-back"), Action("pv"))]]
    return Reply("\n".join(lines), back, lettered=True)  # a typed "1." may start the text


def submitted(t: Translator, view: PledgeView) -> Reply:
    notice = t("pledge-submitted", unit=view.unit.short_name, year=view.window.opens_at.year)
    return screen(t, view, notice)


def withdrawn(t: Translator, view: PledgeView) -> Reply:
    return screen(t, view, t("pledge-withdrawn"))


def saved(t: Translator, view: PledgeView) -> Reply:
    return screen(t, view, t("pledge-commitments-saved"))


# -- signing ---------------------------------------------------------------------------------


def covenant_file(t: Translator, year: int, content: bytes) -> File:
    caption = t("covenant-caption", year=year)
    return File(f"giao-uoc-thi-dua-{year}.docx", content, DOCX, caption)


def signing(t: Translator, status: SigningStatus, year: int) -> Reply:
    lines = [t("sign-title", year=year)]
    buttons: list[list[Button]] = []
    own = status.own
    if own is not None:
        pledge, unit = own.pledge, own.unit.short_name
        if pledge.signed_at is not None:
            lines.append(t("sign-done-at", unit=unit, date=fmt.date_time(pledge.signed_at)))
        elif pledge.status is PledgeStatus.APPROVED:
            lines.append(t("sign-ask", unit=unit))
            buttons.append([Button(t("btn-sign-confirm"), Action("kk"))])
        else:
            lines.append(t("sign-not-approved", unit=unit, state=pledge.state.value))
            buttons.append([command_button(t("btn-pledge"), "dangky")])
    lines.append(t("sign-count", signed=status.signed, total=status.total))
    if status.issued is not None:
        buttons.append([Button(t("btn-covenant"), Action("gu"))])
    if status.can_issue:
        lines.append(t("covenant-issue-hint"))
        label = t("btn-covenant-issue", signed=status.signed, total=status.total)
        buttons.append([Button(label, Action("gl"))])
    buttons.append([command_button(t("btn-menu"), "menu")])
    return Reply("\n".join(lines), buttons)


def signed(t: Translator, view: PledgeView, covenant: File | None, status: SigningStatus) -> Reply:
    """The unit has signed; the covenant comes along once it is issued."""
    lines = [t("sign-done", unit=view.unit.short_name, year=view.window.opens_at.year)]
    lines.append(t("sign-count", signed=status.signed, total=status.total))
    if covenant is not None and status.issued is not None:
        lines.append(t("covenant-attached", number=str(status.issued)))
    else:
        lines.append(t("covenant-waiting"))
    files = [covenant] if covenant is not None else []
    return Reply("\n".join(lines), [[command_button(t("btn-menu"), "menu")]], files=files)


def covenant(t: Translator, data: CovenantData, covenant: File, total: int) -> Reply:
    text = t(
        "covenant-ready", year=data.year, number=str(data.number or ""),
        signed=data.signed_count, total=total,
    )  # fmt: skip
    return Reply(text, [[command_button(t("btn-menu"), "menu")]], files=[covenant])
