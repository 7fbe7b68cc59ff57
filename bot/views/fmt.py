"""Numbers and dates the way Vietnamese officers write them: "8,5 điểm", dd/mm/yyyy, HH:MM."""

from __future__ import annotations

from datetime import datetime, tzinfo
from decimal import Decimal
from zoneinfo import ZoneInfo

LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def points(value: Decimal | int | float, locale: str = "vi") -> str:
    number = Decimal(str(value)).quantize(Decimal("0.1"))
    text = f"{number:.0f}" if number == number.to_integral_value() else f"{number:.1f}"
    return text.replace(".", ",") if locale == "vi" else text


def date(moment: datetime, tz: tzinfo = LOCAL_TZ) -> str:
    return moment.astimezone(tz).strftime("%d/%m/%Y")


def date_time(moment: datetime, tz: tzinfo = LOCAL_TZ) -> str:
    return moment.astimezone(tz).strftime("%H:%M %d/%m/%Y")
