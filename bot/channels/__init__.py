"""The chat platforms. Importing the package arranges for aiogram, if a channel imports it, to
build its Telegram types on first use (see aiogram_models)."""

from bot.channels.aiogram_models import defer_model_builds

defer_model_builds()
