"""YAML that remembers where each mapping and key stood, so load errors can name the line."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import yaml


class LocatedDict(dict[str, object]):
    """A mapping from YAML with the 1-based line of the mapping and of each of its keys."""

    line: int
    key_lines: dict[str, int]


_SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""PyYAML's safe loader on libyaml's C parser where PyYAML was built with it (its wheels are): the same
documents, marks and errors, parsed about ten times faster (the bundled ruleset: 0.14 s in pure Python)."""


class _LocatingLoader(_SAFE_LOADER):  # type: ignore[valid-type,misc]  # a base chosen at import
    """A safe loader whose mappings are :class:`LocatedDict`; keys are read as strings."""


def _construct_located(loader: _LocatingLoader, node: yaml.MappingNode) -> Iterator[LocatedDict]:
    located = LocatedDict()
    located.line = node.start_mark.line + 1
    located.key_lines = {}
    yield located  # yielded first, filled after, so that anchors and aliases can refer to it
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = str(loader.construct_object(key_node, deep=True))
        located[key] = loader.construct_object(value_node, deep=True)
        located.key_lines[key] = key_node.start_mark.line + 1


_LocatingLoader.add_constructor("tag:yaml.org,2002:map", _construct_located)


def load(text: str) -> object:
    """Parse one YAML document; mappings come back as :class:`LocatedDict`."""
    return yaml.load(text, Loader=_LocatingLoader)


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
