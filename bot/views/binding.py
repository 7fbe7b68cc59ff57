"""/lienket asked privately: where to type it, and for an administrator who stays anonymous
in the group, the one-time code that stands in for the leader."""

from __future__ import annotations

from bot.bind_codes import BindCode
from bot.i18n import Translator
from bot.request import Reply
from bot.views import fmt


def where_to_bind(t: Translator, code: BindCode) -> Reply:
    until = fmt.date_time(code.valid_until)
    where = f"⚠️ {t('error-group-chat-required')}"
    offer = t("bind-code-offer", until=until)
    return Reply("\n\n".join([where, offer, f"/lienket {code.text}"]))
