"""Configuration from environment variables or a `.env` file (see README)."""

from __future__ import annotations

import re

from pydantic import SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    database_url: str = "sqlite+aiosqlite:///./thidua.db"
    telegram_bot_token: SecretStr | None = None  # never printed in logs or reprs
    telegram_api_base: str | None = None
    telegram_bot_username: str | None = None
    zalo_bot_token: SecretStr | None = None
    zalo_api_base: str = "https://bot-api.zaloplatforms.com"
    web_host: str = "127.0.0.1"
    web_port: int = 8080
    public_base_url: str = "http://127.0.0.1:8080"  # how users reach the web server
    file_link_hours: int = 72
    # The web pages (score sheet, ballot paper, pledge) on the same server, offered in the chat.
    web_pages: bool = True
    # Telegram's Mini App script, loaded by a page only when Telegram opened it ("" : never).
    web_telegram_script: str = "https://telegram.org/js/telegram-web-app.js"
    invite_ttl_days: int = 60
    polling_timeout: int = 25
    # Production mode: updates arrive at {webhook_url}/webhook/telegram and /webhook/zalo
    # (the public HTTPS base the reverse proxy serves) instead of being polled.
    webhook_url: str | None = None
    redis_url: str | None = None  # shared short-lived state: the workers' overall send rate
    webhook_secret: SecretStr | None = None  # made once and kept in the database when unset

    @field_validator("webhook_secret")
    @classmethod
    def _secret_platforms_accept(cls, value: SecretStr | None) -> SecretStr | None:
        """Telegram takes 1–256 of A–Z, a–z, 0–9, _ and -: refused at start, not at setWebhook."""
        if value is not None and not re.fullmatch(
            r"[A-Za-z0-9_-]{1,256}", value.get_secret_value()
        ):
            raise ValueError("WEBHOOK_SECRET: 1–256 letters, digits, _ or -")
        return value
