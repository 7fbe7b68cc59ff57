"""This worker's figures in the Prometheus text exposition format (version 0.0.4), written by
hand: a few counters, gauges and one histogram need no client library, no global registry
and no multiprocess directory. Each worker serves its own `/metrics`; Prometheus scrapes every
worker and sums across them."""

from __future__ import annotations

import math
import time
from collections.abc import Awaitable, Callable, Iterable, Iterator
from contextlib import contextmanager

from bot.app import BotApp
from bot.channels.zalo import ZaloChannel
from bot.channels.zalo_api import ZaloBotAPI, ZaloUpdate
from bot.dispatcher import CommandMenus, Outgoing, PartlySent, RetryLater, Sender

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
# Seconds: a menu answers in milliseconds, a report with a chart in a second or two.
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)

Labels = tuple[tuple[str, str], ...]


class Counter:
    kind = "counter"

    def __init__(self, name: str, help_text: str) -> None:
        self.name, self.help = name, help_text
        self._values: dict[Labels, float] = {}

    def inc(self, amount: float = 1.0, **labels: str) -> None:
        key = _key(labels)
        self._values[key] = self._values.get(key, 0.0) + amount

    def value(self, **labels: str) -> float:
        return self._values.get(_key(labels), 0.0)

    def samples(self) -> Iterator[tuple[str, Labels, float]]:
        for labels, value in sorted(self._values.items()):
            yield self.name, labels, value


class Gauge:
    """Read when scraped, from `read` (the database's outbox backlog, the lock)."""

    kind = "gauge"

    def __init__(
        self, name: str, help_text: str, read: Callable[[], Awaitable[float | None]]
    ) -> None:
        self.name, self.help = name, help_text
        self._read = read
        self._last: float | None = None

    async def refresh(self) -> None:
        self._last = await self._read()

    def samples(self) -> Iterator[tuple[str, Labels, float]]:
        if self._last is not None:
            yield self.name, (), self._last


class Histogram:
    kind = "histogram"

    def __init__(
        self, name: str, help_text: str, buckets: Iterable[float] = LATENCY_BUCKETS
    ) -> None:
        self.name, self.help = name, help_text
        self.buckets = tuple(sorted(buckets))
        self._counts: dict[Labels, list[int]] = {}  # per bucket, not cumulative
        self._sums: dict[Labels, float] = {}

    def observe(self, seconds: float, **labels: str) -> None:
        key = _key(labels)
        counts = self._counts.setdefault(key, [0] * (len(self.buckets) + 1))
        index = next((i for i, bound in enumerate(self.buckets) if seconds <= bound), -1)
        counts[index] += 1
        self._sums[key] = self._sums.get(key, 0.0) + seconds

    def count(self, **labels: str) -> int:
        return sum(self._counts.get(_key(labels), []))

    def samples(self) -> Iterator[tuple[str, Labels, float]]:
        for labels, counts in sorted(self._counts.items()):
            running = 0
            for bound, count in zip((*self.buckets, math.inf), counts, strict=True):
                running += count
                yield f"{self.name}_bucket", (*labels, ("le", _number(bound))), running
            yield f"{self.name}_sum", labels, self._sums[labels]
            yield f"{self.name}_count", labels, running


Metric = Counter | Gauge | Histogram


class Metrics:
    """Everything `/metrics` shows. Counters are this worker's since it started."""

    def __init__(self) -> None:
        self.updates = Counter("thidua_updates_handled_total", "Updates handled, by channel.")
        self.latency = Histogram(
            "thidua_update_handler_seconds", "Time to handle one update, by channel."
        )
        self.outbox_sent = Counter(
            "thidua_outbox_sent_total", "Outbox messages sent (or edited), by channel."
        )
        self.outbox_failed = Counter(
            "thidua_outbox_failed_total",
            "Outbox sends that failed (retried later or given up), by channel.",
        )
        self.rate_limited = Counter(
            "thidua_rate_limited_total", "429 Too Many Requests answers received, by channel."
        )
        self._gauges: list[Gauge] = []

    def gauge(self, name: str, help_text: str, read: Callable[[], Awaitable[float | None]]) -> None:
        self._gauges.append(Gauge(name, help_text, read))

    @contextmanager
    def timed(self, channel: str) -> Iterator[None]:
        """Counts one update on `channel` and its handling time, however it ends."""
        start = time.perf_counter()
        try:
            yield
        finally:
            self.latency.observe(time.perf_counter() - start, channel=channel)
            self.updates.inc(channel=channel)

    async def render(self) -> str:
        for gauge in self._gauges:
            await gauge.refresh()
        metrics: list[Metric] = [
            self.updates, self.latency, self.outbox_sent, self.outbox_failed, self.rate_limited,
            *self._gauges,
        ]  # fmt: skip
        lines: list[str] = []
        for metric in metrics:
            lines.append(f"# HELP {metric.name} {metric.help}")
            lines.append(f"# TYPE {metric.name} {metric.kind}")
            for name, labels, value in metric.samples():
                lines.append(f"{name}{_labels(labels)} {_number(value)}")
        return "\n".join(lines) + "\n"


class CountingSender:
    """The outbox's sender for one channel, counted: sent, failed, and rate-limited (for
    channels whose 429s are not already counted at their client, like Telegram's)."""

    def __init__(
        self, sender: Sender, channel: str, metrics: Metrics, count_429: bool = True
    ) -> None:
        self._sender = sender
        self._channel = channel
        self._metrics = metrics
        self._count_429 = count_429

    async def deliver(self, chat_id: str, message: Outgoing) -> str | None:
        with self._counted():
            return await self._sender.deliver(chat_id, message)

    async def amend(self, chat_id: str, message_id: str, message: Outgoing) -> None:
        with self._counted():
            await self._sender.amend(chat_id, message_id, message)

    async def set_commands(self, chat_id: str, commands: list[tuple[str, str]]) -> None:
        if isinstance(self._sender, CommandMenus):  # else the channel has no command menus
            with self._counted():
                await self._sender.set_commands(chat_id, commands)

    @contextmanager
    def _counted(self) -> Iterator[None]:
        try:
            yield
        except Exception as error:
            cause = error.error if isinstance(error, PartlySent) else error  # a long text's rest
            if isinstance(cause, RetryLater) and not cause.rate_limited:
                raise  # held by the platform's rules (a reply window): no send failed
            self._metrics.outbox_failed.inc(channel=self._channel)
            limited = isinstance(cause, RetryLater) or getattr(cause, "error_code", None) == 429
            if limited and self._count_429:
                self._metrics.rate_limited.inc(channel=self._channel)
            raise
        self._metrics.outbox_sent.inc(channel=self._channel)


class MeasuredZaloChannel(ZaloChannel):
    """The Zalo channel, each update counted and timed, polled or posted to the webhook; each
    429 (the quota used up) counted, and the wait it imposes on Zalo sends shown."""

    def __init__(
        self, app: BotApp, api: ZaloBotAPI, metrics: Metrics, polling_timeout: int = 25
    ) -> None:
        super().__init__(app, api, polling_timeout)
        self.metrics = metrics
        metrics.gauge(
            "thidua_zalo_quota_wait_seconds",
            "The wait Zalo sends are under after a 429 (quota used up); 0 when none.",
            self._quota_wait,
        )

    async def handle(self, update: ZaloUpdate) -> None:
        with self.metrics.timed("zalo"):
            await super().handle(update)

    def _quota_exceeded(self) -> float:
        self.metrics.rate_limited.inc(channel="zalo")
        return super()._quota_exceeded()

    async def _quota_wait(self) -> float:
        return self.quota.current if self.quota.wait_left() > 0 else 0.0


def _key(labels: dict[str, str]) -> Labels:
    return tuple(sorted(labels.items()))


def _labels(labels: Labels) -> str:
    if not labels:
        return ""
    body = ",".join(f'{name}="{_escape(value)}"' for name, value in labels)
    return "{" + body + "}"


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')


def _number(value: float) -> str:
    if math.isinf(value):
        return "+Inf" if value > 0 else "-Inf"
    if float(value).is_integer():
        return str(int(value))
    return repr(float(value))
