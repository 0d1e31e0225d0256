"""YAML that remembers where each mapping and key stood, so load errors can name the line."""

from __future__ import annotations

from collections.abc import Sequence

import yaml


class LocatedDict(dict[str, object]):
    """A mapping from YAML with the 1-based line of the mapping and of each of its keys."""

    line: int
    key_lines: dict[str, int]


class _LocatingLoader(yaml.SafeLoader):
    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[object, object]:
        plain = super().construct_mapping(node, deep=deep)
        located = LocatedDict((str(key), value) for key, value in plain.items())
        located.line = node.start_mark.line + 1
        located.key_lines = {str(self.construct_object(k)): k.start_mark.line + 1 for k, _ in node.value}
        return located  # type: ignore[return-value]


def load(text: str) -> object:
    """Parse one YAML document; mappings come back as :class:`LocatedDict`."""
    return yaml.load(text, Loader=_LocatingLoader)  # noqa: S506 - a SafeLoader subclass


def line_of(data: object, path: Sequence[str | int]) -> int | None:
    """The line of the deepest key or mapping along ``path`` that the YAML recorded."""
    line: int | None = None
    node = data
    for step in path:
        if isinstance(node, LocatedDict):
            line = node.key_lines.get(str(step), node.line)
            node = node.get(str(step))
        elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
            node = node[step]
            if isinstance(node, LocatedDict):
                line = node.line
        else:
            break
    return line
