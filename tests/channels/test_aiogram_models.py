"""aiogram imported through `bot.channels` builds its Telegram types on first use
(bot/channels/aiogram_models.py), and every model it can use still builds then: each type, each
method, the `Response[…]` of each method's answer, with the types they embed left unbuilt.

Each check runs in a fresh interpreter: in this one aiogram is imported once, and earlier tests
have built some of its models already."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from tests.samples import ROOT

FIRST_USE = textwrap.dedent(
    """
    import json

    import bot.channels  # before aiogram, as in a worker
    from aiogram.methods import Response, TelegramMethod
    from aiogram.types import Message, TelegramObject, Update


    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)


    def main():
        types = [
            c for c in subclasses(TelegramObject) if c.__module__.startswith("aiogram.types.")
        ]
        # TelegramMethod[X], the generic bases of the methods, answer nothing of their own.
        methods = [
            m for m in subclasses(TelegramMethod) if not isinstance(m.__returning__, property)
        ]
        report = {
            "types": len(types),
            "built_at_import": sorted(c.__name__ for c in types if c.__pydantic_complete__),
        }
        update = Update.model_validate({
            "update_id": 1,
            "message": {
                "message_id": 7, "date": 1700000000, "text": "/menu",
                "chat": {"id": -100, "type": "supergroup", "title": "Khối thi đua"},
                "from": {"id": 5, "is_bot": False, "first_name": "Mai"},
                "reply_to_message": {"message_id": 6, "date": 1700000000,
                                     "chat": {"id": -100, "type": "supergroup"}},
            },
        })
        report["update"] = [update.message.text, update.message.reply_to_message.message_id]
        report["message_built_by_update"] = Message.__pydantic_complete__
        # Response[X] first, while the types X embeds are still unbuilt; then the methods.
        failed = []
        for method in methods:
            try:
                Response[method.__returning__].__pydantic_validator__.validate_python
                method.__pydantic_validator__.validate_python
                method.__pydantic_serializer__.to_python
            except Exception as error:
                failed.append(f"{method.__name__}: {error}")
        for cls in types:
            try:
                cls.__pydantic_validator__.validate_python
                cls.__pydantic_serializer__.to_python
            except Exception as error:
                failed.append(f"{cls.__name__}: {error}")
        report["methods"] = len(methods)
        report["failed"] = failed
        bases = ("MutableTelegramObject",)  # a base class only, unbuilt with aiogram's own import
        report["unbuilt"] = sorted(
            c.__name__ for c in types if not c.__pydantic_complete__ and c.__name__ not in bases
        )
        print(json.dumps(report))


    main()  # in a function: pydantic looks a few frames up when it builds a model on first use
    """
)


def first_use_report() -> dict[str, object]:
    run = subprocess.run(
        [sys.executable, "-c", FIRST_USE], capture_output=True, text=True, check=True, cwd=ROOT
    )
    report: dict[str, object] = json.loads(run.stdout)
    return report


def test_the_types_are_built_on_first_use_and_all_of_them_build() -> None:
    report = first_use_report()
    assert isinstance(report["types"], int) and report["types"] > 300
    assert report["built_at_import"] == []  # ~110 MB of validators that a worker never uses
    assert report["update"] == ["/menu", 6]
    assert report["message_built_by_update"] is False  # an Update embeds its own Message
    assert isinstance(report["methods"], int) and report["methods"] > 150
    assert report["failed"] == []
    assert report["unbuilt"] == []
