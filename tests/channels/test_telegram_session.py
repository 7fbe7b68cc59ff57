"""aiogram's per-call response models are kept: a garbage collection between two calls does
not make the second build its pydantic model class again (a quarter of the bot's CPU under
load before)."""

from __future__ import annotations

import gc
import weakref

from aiogram.methods import Response
from aiogram.types import User

from bot.channels.telegram_session import make_bot
from tests.fakes.telegram_server import FakeTelegramServer


async def test_the_response_model_outlives_a_garbage_collection() -> None:
    async with FakeTelegramServer() as server:
        bot = make_bot("42:TEST", server.base_url)
        try:
            await bot.get_me()
            gc.collect()
            model = weakref.ref(Response[User])  # the class the call used, if it was kept
            await bot.get_me()
            gc.collect()
            assert model() is not None
            assert Response[User] is model()
        finally:
            await bot.session.close()
