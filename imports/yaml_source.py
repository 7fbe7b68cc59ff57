"""Reading a bloc's YAML file into plain data plus a map of where each value stands."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from imports.limits import (
    YAML_MAX_BYTES,
    YAML_MAX_DEPTH,
    YAML_MAX_VALUES,
    InputRefused,
    read_bounded,
)

CRITERION_FIELDS = frozenset({"code", "title", "max", "points", "per_occurrence", "fact"})
# libyaml when present: the same documents and marks, several times faster.
Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlFormatError(ValueError):
    def __init__(self, messages: list[str]) -> None:
        super().__init__("; ".join(messages))
        self.messages = messages


def read_yaml(path: str | Path) -> tuple[dict[str, Any], dict[str, str]]:
    """The file's data and where each value stands. A hostile file (too big, too deep,
    aliases that unfold into millions of values) is refused with InputRefused before a
    single value is built."""
    try:
        text = read_bounded(path, YAML_MAX_BYTES).decode("utf-8")
    except UnicodeDecodeError:
        raise YamlFormatError(["tệp không phải văn bản UTF-8 (hãy lưu lại với mã UTF-8)"]) from None
    try:
        check_shape(text)
        loader = Loader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error)
        if "maximum nesting depth" in problem:  # libyaml's own guard, met while scanning
            line = mark.line + 1 if mark else 0
            raise InputRefused("yaml-too-deep", line=line, max=YAML_MAX_DEPTH) from None
        place = f"dòng {mark.line + 1}" if mark else str(path)
        raise YamlFormatError([f"{place}: {problem}"]) from error
    if not isinstance(data, dict):
        raise YamlFormatError(["tệp không chứa một khối (cần các mục bloc, units, criteria)"])
    assert node is not None  # a dict was built from it
    where: dict[str, str] = {}
    _locate(node, "", where)
    _rejoin_split_titles(data)
    return data, where


def check_shape(text: str) -> None:
    """Walk the parser's events (a flat stream, whatever the nesting) and refuse the
    document if it nests too deep, or holds too many values once every alias is expanded:
    an alias counts as the whole value it names, so ten aliases of ten aliases of ... are
    refused after a handful of events, never unfolded. An alias inside the value it names
    (a loop) is refused too."""
    sizes: dict[str, int] = {}  # anchor → values under it, aliases expanded
    open_: list[_Open] = []  # the collections being read, outermost first
    total = 0
    for event in yaml.parse(text, Loader=Loader):
        line = event.start_mark.line + 1 if event.start_mark else 0
        if isinstance(event, yaml.CollectionEndEvent):
            done = open_.pop()
            if done.anchor is not None:
                sizes[done.anchor] = done.values
            if open_:
                open_[-1].values += done.values
            continue
        if isinstance(event, yaml.CollectionStartEvent):
            if len(open_) == YAML_MAX_DEPTH:
                raise InputRefused("yaml-too-deep", line=line, max=YAML_MAX_DEPTH)
            open_.append(_Open(event.anchor))
            count = 0  # the collection counts itself, and reaches its parent when it ends
            total += 1
        elif isinstance(event, yaml.AliasEvent):
            if any(item.anchor == event.anchor for item in open_):
                raise InputRefused("yaml-alias-loop", line=line, anchor=event.anchor)
            count = sizes.get(event.anchor or "", 1)  # an unknown one: composing names it
        elif isinstance(event, yaml.ScalarEvent):
            count = 1
            if event.anchor is not None:
                sizes[event.anchor] = 1
        else:
            continue  # the stream's and documents' starts and ends
        total += count
        if total > YAML_MAX_VALUES:
            raise InputRefused("yaml-too-many-values", max=YAML_MAX_VALUES)
        if count and open_:
            open_[-1].values += count


@dataclass
class _Open:
    anchor: str | None
    values: int = 1


def _locate(node: yaml.Node, path: str, where: dict[str, str]) -> None:
    if path:
        where[path] = f"dòng {node.start_mark.line + 1}"
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = str(key_node.value)
            _locate(value_node, f"{path}.{key}" if path else key, where)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _locate(item, f"{path}[{index}]", where)


def _rejoin_split_titles(data: dict[str, Any]) -> None:
    """`{code: "5", title: Phát động, ký kết giao ước, max: 5}` is valid YAML that splits the
    title at its comma into an extra key with no value. Vietnamese titles are full of commas
    and officers write these files by hand, so the pieces are put back together."""
    criteria = data.get("criteria")
    if not isinstance(criteria, dict):
        return
    groups: list[Any] = [criteria.get("bonus"), criteria.get("penalties")]
    for section in criteria.get("sections") or []:
        if isinstance(section, dict):
            groups.append(section.get("items"))
    for items in groups:
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict) and isinstance(item.get("title"), str):
                _rejoin(item)


def _rejoin(item: dict[str, Any]) -> None:
    pieces = [key for key, value in item.items() if key not in CRITERION_FIELDS and value is None]
    if not pieces:
        return
    for key in pieces:
        del item[key]
    item["title"] = ", ".join([item["title"], *map(str, pieces)])
