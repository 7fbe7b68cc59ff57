"""Configuration from environment variables or a `.env` file (see README)."""

from __future__ import annotations

import re

from pydantic import BaseModel, Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

ZALO_SECRET_MIN = 8  # the Zalo Bot Platform's setWebhook takes a secret_token of 8–256


class ZnsTemplate(BaseModel):
    """A template approved for the Official Account: its id, and for each of its parameters
    the value of the notice it shows (a name from bot/channels/zalo_oa_templates.py)."""

    template_id: str
    params: dict[str, str]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    database_url: str = "sqlite+aiosqlite:///./thidua.db"
    # PostgreSQL connections a worker keeps open (docs/deploy.md: workers × this stays under
    # the server's max_connections). A burst waits for one of them rather than opening more:
    # a new connection costs a backend, a login and every statement prepared again.
    database_pool_size: int = Field(default=10, ge=1, le=200)
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
    # Seals secret ballots and queued receipts (db/sealing.py); never in the database. Unset,
    # a SQLite bot keeps one in a key file beside its database file; PostgreSQL needs it.
    ballot_secret: SecretStr | None = None
    # A Zalo Official Account (docs/deploy.md): the app's id and secret key, and the refresh
    # token the OA's admin granted, which seeds the database's token store once.
    zalo_oa_app_id: str | None = None
    zalo_oa_secret_key: SecretStr | None = None
    zalo_oa_refresh_token: SecretStr | None = None
    zalo_oa_webhook_key: SecretStr | None = None  # the OA Secret Key; default the app's
    zalo_oa_api_base: str = "https://openapi.zalo.me"
    zalo_oa_oauth_base: str = "https://oauth.zaloapp.com"
    # Outside the reply window, notices of these kinds go as templates (JSON, see README).
    zalo_oa_templates: dict[str, ZnsTemplate] = {}
    zalo_oa_site_verification: str | None = None  # the meta tag's content Zalo asks for

    @property
    def zalo_oa_enabled(self) -> bool:
        return bool(self.zalo_oa_app_id and self.zalo_oa_secret_key)

    @field_validator("webhook_secret")
    @classmethod
    def _secret_platforms_accept(cls, value: SecretStr | None) -> SecretStr | None:
        """Telegram takes 1–256 of A–Z, a–z, 0–9, _ and -: refused at start, not at setWebhook."""
        if value is not None and not re.fullmatch(
            r"[A-Za-z0-9_-]{1,256}", value.get_secret_value()
        ):
            raise ValueError("WEBHOOK_SECRET: 1–256 letters, digits, _ or -")
        return value

    @model_validator(mode="after")
    def _secret_zalo_accepts(self) -> Settings:
        """Zalo wants 8–256 characters where Telegram takes one: refused at start, not at
        Zalo's setWebhook once the web server already listens."""
        secret = self.webhook_secret
        if self.zalo_bot_token and secret and len(secret.get_secret_value()) < ZALO_SECRET_MIN:
            raise ValueError(
                f"WEBHOOK_SECRET: Zalo needs {ZALO_SECRET_MIN}–256 characters "
                f"(letters, digits, _ or -); this one has {len(secret.get_secret_value())}"
            )
        return self
