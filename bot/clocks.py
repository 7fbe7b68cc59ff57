"""The bot's clocks: real time, or real time moved to another day for trying it out."""

from __future__ import annotations

from datetime import UTC, datetime

from domain.settings import LOCAL_TZ


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class ShiftedClock:
    """Real time moved to start at a chosen local moment: a newcomer tries another year in
    the console (`--date`). Never used with real people."""

    def __init__(self, start: datetime) -> None:
        self._offset = start.replace(tzinfo=start.tzinfo or LOCAL_TZ) - datetime.now(UTC)

    def now(self) -> datetime:
        return datetime.now(UTC) + self._offset
