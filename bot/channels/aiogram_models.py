"""aiogram's Telegram types built on first use instead of all at once when aiogram is imported.

aiogram declares its ~420 types `defer_build=True`, then ends `aiogram.types` by calling
`model_rebuild()` on every one of them, which builds them all: each pydantic model holds the
validators of every type it reaches (a Message reaches some 200), so a Telegram worker kept
about 110 MB of validators (nearly half its memory) and spent 2 s building them, though it only
ever validates updates and the answers of the few methods it calls.

While aiogram is imported, that loop's rebuild is replaced by handing each type the namespace it
would have been built with, as its `__pydantic_parent_namespace__`: pydantic reads it when it
builds a deferred model on first use, so the model is the one aiogram would have built. The
methods that could not be built at import (their types were not built yet) and `Response`, whose
`Response[Message]`… inherit it, get the same namespace.

`defer_model_builds()` installs this as an import hook, once, from `bot.channels`: it applies to
whatever imports aiogram first (the Telegram channel in a worker, the tests), and does not
import aiogram itself, which a worker without Telegram never loads.
"""

from __future__ import annotations

import contextlib
import importlib.abc
import importlib.machinery
import sys
from collections.abc import Iterator, Sequence
from types import ModuleType
from typing import Any

from pydantic import BaseModel

Namespace = dict[str, Any]


@contextlib.contextmanager
def _rebuilds_deferred() -> Iterator[list[Namespace]]:
    """While open, `model_rebuild(_types_namespace=…)` of an unbuilt aiogram type stores the
    namespace instead of building; yields the namespaces stored."""
    stored: list[Namespace] = []
    original = BaseModel.__dict__["model_rebuild"]
    rebuild = original.__func__

    def model_rebuild(cls: type[BaseModel], /, **kwargs: Any) -> bool | None:
        namespace = kwargs.get("_types_namespace")
        if (
            namespace is None
            or cls.__pydantic_complete__
            or not cls.__module__.startswith("aiogram.types.")
        ):
            depth = kwargs.get("_parent_namespace_depth", 2)
            if depth > 0:  # one frame deeper than pydantic counts: it looks up the same frame
                kwargs["_parent_namespace_depth"] = depth + 1
            return rebuild(cls, **kwargs)  # type: ignore[no-any-return]
        cls.__pydantic_parent_namespace__ = namespace
        if not stored or stored[-1] is not namespace:
            stored.append(namespace)
        return None

    setattr(BaseModel, "model_rebuild", classmethod(model_rebuild))  # noqa: B010
    try:
        yield stored
    finally:
        setattr(BaseModel, "model_rebuild", original)  # noqa: B010


def _subclasses(cls: type[Any]) -> Iterator[type[Any]]:
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def _share_with_methods(namespace: Namespace) -> None:
    """The types' namespace, for the methods left unbuilt and every `Response[…]`."""
    from aiogram.methods import Response, TelegramMethod

    # Response[X] is created with `__pydantic_reset_parent_namespace__=False`: it inherits this.
    Response.__pydantic_parent_namespace__ = namespace
    for method in _subclasses(TelegramMethod):
        if not method.__pydantic_complete__:
            method.__pydantic_parent_namespace__ = namespace


class _AiogramImport(importlib.abc.MetaPathFinder):
    """Finds the `aiogram` package as usual, and runs its import with the rebuilds deferred
    (the package's `__init__` imports its client, methods and types)."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname != "aiogram":
            return None
        sys.meta_path.remove(self)  # aiogram is imported once
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is None or spec.loader is None:
            return spec
        execute = spec.loader.exec_module

        def exec_module(module: ModuleType) -> None:
            with _rebuilds_deferred() as namespaces:
                execute(module)
            if namespaces:  # aiogram passes one; should it pass several, the methods get all
                _share_with_methods({k: v for names in namespaces for k, v in names.items()})

        spec.loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


def defer_model_builds() -> None:
    """Have aiogram, when first imported, leave its types to be built on first use."""
    if "aiogram" in sys.modules or any(isinstance(f, _AiogramImport) for f in sys.meta_path):
        return
    sys.meta_path.insert(0, _AiogramImport())
