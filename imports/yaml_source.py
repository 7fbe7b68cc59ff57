"""Reading a bloc's YAML file into plain data plus a map of where each value stands."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

CRITERION_FIELDS = frozenset({"code", "title", "max", "points", "per_occurrence"})


class YamlFormatError(ValueError):
    def __init__(self, messages: list[str]) -> None:
        super().__init__("; ".join(messages))
        self.messages = messages


def read_yaml(path: str | Path) -> tuple[dict[str, Any], dict[str, str]]:
    text = Path(path).read_text(encoding="utf-8")
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        place = f"dòng {mark.line + 1}" if mark else str(path)
        raise YamlFormatError([f"{place}: {getattr(error, 'problem', error)}"]) from error
    if not isinstance(data, dict):
        raise YamlFormatError(["tệp không chứa một khối (cần các mục bloc, units, criteria)"])
    where: dict[str, str] = {}
    if node is not None:
        _locate(node, "", where)
    _rejoin_split_titles(data)
    return data, where


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
