"""The leader's screens: every unit's pledge state (/duyet), one pledge to approve or return,
and the year's themed campaigns (/chuyende)."""

from __future__ import annotations

from collections import Counter

from bot.i18n import Translator
from bot.request import Action, Button, Reply
from bot.views import fmt
from bot.views.menu import command_button
from bot.views.pledges import contents, short
from domain.model import Unit
from domain.pledges import MAX_CAMPAIGN_TITLE, Campaign, Pledge, PledgeState, PledgeStatus
from domain.services.pledge_review import UnitPledge
from domain.services.pledges import PledgeView

STATE_ICONS = {
    PledgeState.NOT_REGISTERED: "⏳",
    PledgeState.SUBMITTED: "📨",
    PledgeState.RETURNED: "↩️",
    PledgeState.APPROVED: "✅",
}


def state_label(t: Translator, item: UnitPledge) -> str:
    label = t("pledge-state", state=item.state.value)
    if item.pledge is not None and item.pledge.signed_at is not None:
        label += t("pledge-state-signed")
    return f"{STATE_ICONS[item.state]} {item.unit.short_name} — {label}"


def review_list(t: Translator, items: list[UnitPledge], year: int, notice: str = "") -> Reply:
    counts = Counter(item.state for item in items)
    lines = [notice, ""] if notice else []
    lines.append(t("review-title", year=year))
    lines.append(
        t("review-counts", total=len(items), submitted=counts[PledgeState.SUBMITTED],
          approved=counts[PledgeState.APPROVED], returned=counts[PledgeState.RETURNED],
          missing=counts[PledgeState.NOT_REGISTERED])
    )  # fmt: skip
    lines.append(t("review-choose"))
    buttons = [[Button(state_label(t, item), Action("ro", (str(item.unit.id),)))] for item in items]
    buttons.append([command_button(t("btn-campaigns"), "chuyende"),
                    command_button(t("btn-menu"), "menu")])  # fmt: skip
    return Reply("\n".join(lines), buttons)


def unit_pledge(t: Translator, view: PledgeView) -> Reply:
    pledge = view.pledge
    lines = [t("review-unit-title", unit=view.unit.name, year=view.window.opens_at.year,
               state=pledge.state.value)]  # fmt: skip
    if pledge.submitted_at is not None and pledge.status is not PledgeStatus.DRAFT:
        lines.append(t("review-sent-at", date=fmt.date_time(pledge.submitted_at)))
    if pledge.status is PledgeStatus.DRAFT:
        lines.append(t("review-not-sent"))
    else:
        lines += contents(t, view, marks=False)
    if pledge.status is PledgeStatus.RETURNED:
        lines += ["", t("review-returned-with", reason=pledge.return_reason)]
    uid = str(view.unit.id)
    buttons: list[list[Button]] = []
    if pledge.status is PledgeStatus.SUBMITTED:
        buttons.append([Button(t("btn-approve"), Action("ra", (uid,))),
                        Button(t("btn-return"), Action("rr", (uid,)))])  # fmt: skip
    buttons.append([Button(t("btn-review-list"), Action("rl"))])
    return Reply("\n".join(lines), buttons)


def ask_reason(t: Translator, view: PledgeView) -> Reply:
    back = [[Button(t("btn-back"), Action("ro", (str(view.unit.id),)))]]
    text = t("review-ask-reason", unit=view.unit.short_name)
    return Reply(text, back, lettered=True)  # the reason is free text


def approved_notice(t: Translator, view: PledgeView) -> str:
    return t("review-approved", unit=view.unit.short_name)


def returned_notice(t: Translator, view: PledgeView) -> str:
    return t("review-returned", unit=view.unit.short_name, reason=view.pledge.return_reason)


# -- campaigns -------------------------------------------------------------------------------


def campaigns(
    t: Translator, items: list[Campaign], year: int, manage: bool, notice: str = ""
) -> Reply:
    lines = [notice, ""] if notice else []
    lines.append(t("campaigns-title", year=year))
    lines += [f"• {c.title}" for c in items] or [t("campaigns-none")]
    lines.append(t("campaigns-hint-manage" if manage else "campaigns-hint"))
    buttons: list[list[Button]] = []
    if manage:
        buttons.append([Button(t("btn-campaign-add"), Action("ca"))])
        for campaign in items:
            label = t("btn-campaign-remove", title=short(campaign.title, 40))
            buttons.append([Button(label, Action("cd", (str(campaign.id),)))])
    buttons.append([command_button(t("btn-menu"), "menu")])
    return Reply("\n".join(lines), buttons)


def added_notice(t: Translator, campaign: Campaign) -> str:
    return t("campaign-added", title=campaign.title)


def removed_notice(t: Translator, campaign: Campaign) -> str:
    return t("campaign-removed", title=campaign.title)


def ask_campaign_title(t: Translator, year: int) -> Reply:
    back = [[Button(t("btn-back"), Action("cl"))]]
    return Reply(t("campaigns-ask-title", year=year, max=MAX_CAMPAIGN_TITLE), back, lettered=True)


def decision_notice(t: Translator, pledge: Pledge, year: int, unit: Unit, decider: str) -> Reply:
    """What the unit's officers are told of the decision, with the next step's button."""
    if pledge.status is PledgeStatus.RETURNED:
        text = t("pledge-notice-returned", decider=decider, year=year, unit=unit.short_name,
                 reason=pledge.return_reason)  # fmt: skip
        return Reply(text, [[command_button(t("btn-pledge"), "dangky")]])
    text = t("pledge-notice-approved", decider=decider, year=year, unit=unit.short_name)
    return Reply(text, [[command_button(t("btn-sign"), "kyket")]])
