"""What the multi-worker tests and the webhook bench share: the fake Bot API server on a thread
of its own (it answers while this process waits on the workers), a fresh PostgreSQL database,
real `python main.py run --webhook` worker processes, and posting updates to their webhooks.

Every address is 127.0.0.1."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

import aiohttp
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

from bot.channels.telegram_webhook import TELEGRAM_HEADER, TELEGRAM_PATH
from bot.runtime import Runtime
from domain.model import Channel
from domain.services import members, onboarding
from tests.fakes.telegram_server import FakeTelegramServer, StoredMessage

ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"
TOKEN = "42:WORKERS-TEST"
SECRET = "workers-Webhook_secret-0123456789"
STARTUP = 60.0  # seconds: bounds a worker's start (imports, migration check, webhook set)

T = TypeVar("T")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


# ------------------------------------------------------------------------ the fake server


class ServerThread:
    """The fake Bot API server on its own thread and event loop, as Telegram is another
    machine. Its state is only touched on that loop: `call` runs a function there."""

    def __init__(self) -> None:
        self.server = FakeTelegramServer()
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)

    def start(self) -> FakeTelegramServer:
        self.thread.start()
        asyncio.run_coroutine_threadsafe(self.server.start(), self.loop).result(10)
        return self.server

    def stop(self) -> None:
        if not self.thread.is_alive():
            return
        with contextlib.suppress(Exception):
            asyncio.run_coroutine_threadsafe(self.server.stop(), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)

    def __enter__(self) -> ServerThread:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        return self.server.base_url

    async def call(self, fn: Callable[[FakeTelegramServer], T]) -> T:
        async def run() -> T:
            return fn(self.server)

        return await asyncio.wrap_future(asyncio.run_coroutine_threadsafe(run(), self.loop))

    # What the tests ask of it, each run on the server's loop.

    async def message(
        self, chat_id: int, user_id: int, text: str, *, chat_type: str = "private",
        title: str | None = None, name: str = "Cán bộ",
    ) -> dict[str, Any]:  # fmt: skip
        """A user's text message, as the update Telegram would post."""

        def make(server: FakeTelegramServer) -> dict[str, Any]:
            update_id = server.user_message(
                chat_id, user_id, text, first_name=name, chat_type=chat_type, chat_title=title
            )
            return dict(server._pushed[update_id])

        return await self.call(make)

    async def press(
        self, chat_id: int, user_id: int, message_id: int, data: str, name: str = "Cán bộ"
    ) -> dict[str, Any]:
        """A press on a button of a message the bot sent, as the update Telegram would post."""

        def make(server: FakeTelegramServer) -> dict[str, Any]:
            update_id = server.user_callback(chat_id, user_id, message_id, data, first_name=name)
            return dict(server._pushed[update_id])

        return await self.call(make)

    async def sent_texts(self, since: int = 0) -> list[tuple[int, str]]:
        """(chat id, text) of every sendMessage the bot made successfully, in order."""
        return await self.call(
            lambda server: [
                (int(call.params["chat_id"]), str(call.params.get("text", "")))
                for call in server.calls[since:]
                if call.method == "sendMessage" and call.ok
            ]
        )

    async def calls_count(self) -> int:
        return await self.call(lambda server: len(server.calls))

    async def answers(self) -> dict[str, str | None]:
        """Callback query id → the toast or alert the bot answered it with."""
        return await self.call(
            lambda server: {
                query: (None if answer.get("text") is None else str(answer["text"]))
                for query, answer in server.callback_answers.items()
            }
        )

    async def last_with_buttons(self, chat_id: int) -> StoredMessage | None:
        def find(server: FakeTelegramServer) -> StoredMessage | None:
            for message in reversed(server.sent_messages(chat_id)):
                if message.reply_markup:
                    return message
            return None

        return await self.call(find)

    async def wait_message(
        self,
        chat_id: int,
        predicate: Callable[[StoredMessage], bool],
        timeout: float = 30.0,  # noqa: ASYNC109
    ) -> StoredMessage:
        deadline = time.monotonic() + timeout
        while True:
            found = await self.call(
                lambda server: next(
                    (m for m in server.sent_messages(chat_id) if predicate(m)), None
                )
            )
            if found is not None:
                return found
            if time.monotonic() > deadline:
                raise TimeoutError(f"no such message in chat {chat_id} within {timeout}s")
            await asyncio.sleep(0.2)


# -------------------------------------------------------------------------- the database


async def postgres_problem(url: str) -> str | None:
    """Why PostgreSQL at `url` cannot be used (None when it can)."""
    engine = create_async_engine(url)
    try:
        async with asyncio.timeout(5), engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
    except Exception as error:
        return f"PostgreSQL unreachable at {make_url(url).render_as_string()}: {error!r}"
    finally:
        await engine.dispose()
    return None


@contextlib.asynccontextmanager
async def fresh_database(url: str) -> AsyncIterator[str]:
    """A new, empty database beside the one `url` names (created through `postgres`), its
    URL; dropped afterwards with whatever still holds a connection to it."""
    base = make_url(url)
    name = f"t_{uuid.uuid4().hex[:16]}"
    admin = create_async_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        async with admin.connect() as connection:
            await connection.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            yield base.set(database=name).render_as_string(hide_password=False)
        finally:
            async with admin.connect() as connection:
                await connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        await admin.dispose()


async def join_officers(
    runtime: Runtime, people: list[tuple[int, str, str]], now: datetime
) -> None:
    """(telegram user id, name, invite code): each joins, as /start <code> would do."""
    async with runtime.uow() as uow:
        for user_id, name, code in people:
            identity = await members.identify(uow, Channel.TELEGRAM, str(user_id), name)
            await onboarding.join(uow, identity, code, now)
        await uow.commit()


# ------------------------------------------------------------------------------ workers


@dataclass
class Worker:
    """One `python main.py run --webhook` process, serving on `port`."""

    port: int
    env: dict[str, str]
    log_path: Path
    process: subprocess.Popen[bytes] | None = None
    _log: Any = None

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def start(self) -> None:
        self._log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "main.py", "run", "--webhook"],
            cwd=ROOT, env=self.env, stdout=self._log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip

    def kill(self) -> None:
        """kill -9: no shutdown, no cleanup, connections cut."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()
        if self._log is not None:
            self._log.close()
            self._log = None

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    async def health(self, http: aiohttp.ClientSession) -> dict[str, Any] | None:
        try:
            async with asyncio.timeout(5), http.get(f"{self.url}/healthz") as response:
                if response.status != 200:
                    return None
                body: dict[str, Any] = await response.json()
                return body
        except (aiohttp.ClientError, TimeoutError):
            return None

    async def wait_healthy(
        self,
        http: aiohttp.ClientSession,
        timeout: float = STARTUP,  # noqa: ASYNC109
    ) -> None:
        """Until /healthz answers 200 and the webhook is set (the server took its calls)."""
        deadline = time.monotonic() + timeout
        while not self.alive or await self.health(http) is None:
            if not self.alive:
                raise AssertionError(f"worker :{self.port} exited:\n{self.log_tail()}")
            if time.monotonic() > deadline:
                raise TimeoutError(f"worker :{self.port} not healthy:\n{self.log_tail()}")
            await asyncio.sleep(0.2)

    async def leads(self, http: aiohttp.ClientSession) -> bool | None:
        body = await self.health(http)
        if body is None:
            return None
        return bool(body.get("scheduler", {}).get("this_worker"))


def worker_env(
    database_url: str, api_base: str, port: int, extra: dict[str, str] | None = None
) -> dict[str, str]:
    """The environment a deployed worker gets; nothing inherited that would add a channel."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("TELEGRAM_", "ZALO_", "WEBHOOK_", "WEB_", "DATABASE_", "REDIS_"))
        and key not in ("PUBLIC_BASE_URL",)
    }
    env.update(
        DATABASE_URL=database_url,
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_API_BASE=api_base,
        TELEGRAM_BOT_USERNAME="thidua_test_bot",
        WEBHOOK_URL=f"http://{HOST}:{port}",
        WEBHOOK_SECRET=SECRET,
        WEB_HOST=HOST,
        WEB_PORT=str(port),
        PUBLIC_BASE_URL=f"http://{HOST}:{port}",
        PYTHONUNBUFFERED="1",
    )
    env.update(extra or {})
    return env


@dataclass
class Workers:
    """Several workers on one database; stopped (or killed) however the test ends."""

    database_url: str
    api_base: str
    logs: Path
    redis_url: str | None = None  # the shared send rate, as the deploy guide sets it
    workers: list[Worker] = field(default_factory=list)

    def add(self, port: int | None = None, database_url: str | None = None) -> Worker:
        taken = {worker.port for worker in self.workers}
        while port is None or port in taken:  # the system may offer a port twice in a row
            port = free_port()
        extra = {"REDIS_URL": self.redis_url} if self.redis_url else None
        worker = Worker(
            port, worker_env(database_url or self.database_url, self.api_base, port, extra),
            self.logs / f"worker-{port}-{len(self.workers)}.log",
        )  # fmt: skip
        self.workers.append(worker)
        worker.start()
        return worker

    def restart(self, dead: Worker) -> Worker:
        """A new process on a dead worker's port (as systemd would start it again)."""
        assert not dead.alive
        dead.stop()
        worker = Worker(
            dead.port, dead.env, self.logs / f"worker-{dead.port}-{len(self.workers)}.log"
        )
        self.workers.append(worker)
        worker.start()
        return worker

    @property
    def live(self) -> list[Worker]:
        return [worker for worker in self.workers if worker.alive]

    def stop_all(self) -> None:
        for worker in self.workers:
            with contextlib.suppress(Exception):
                worker.stop()
        for worker in self.workers:
            with contextlib.suppress(Exception):
                worker.kill()


# ------------------------------------------------------------------------------ posting


async def post_update(
    http: aiohttp.ClientSession,
    worker_url: str,
    update: dict[str, Any],
    timeout: float = 60.0,  # noqa: ASYNC109
) -> int | None:
    """POST one update to a worker's Telegram webhook; the status, None when the request
    failed (the worker died, refused the connection, or took longer than `timeout`)."""
    try:
        async with (
            asyncio.timeout(timeout),
            http.post(
                worker_url + TELEGRAM_PATH, json=update, headers={TELEGRAM_HEADER: SECRET}
            ) as response,
        ):
            await response.read()
            return response.status
    except (aiohttp.ClientError, TimeoutError, ConnectionError):
        return None


def client(limit: int = 100) -> aiohttp.ClientSession:
    return aiohttp.ClientSession(
        connector=aiohttp.TCPConnector(limit=limit, limit_per_host=limit),
        timeout=aiohttp.ClientTimeout(total=None),
    )
