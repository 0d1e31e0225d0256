"""The condition language of rules: parsed from YAML, checked against the case model, evaluated in Python.

A condition in a ruleset reads like a checklist::

    when:
      slr: positive                          # equality
      age: {at_least: 70}                    # comparison (numbers only)
      pain_distribution: {one_of: [bilateral, alternating]}
      reflex_change: {is_not: none}          # examined, and not that value
      any:                                   # at least one of
        - crossed_slr: positive
        - slump: positive
      concluded: radicular_pattern           # an intermediate conclusion of another rule

Several keys in one mapping must all hold. A test on a finding that was not examined is never true,
whatever the operator: "not examined" is neither present nor absent. The same tree is compiled for the
matching engine in :mod:`cdss.engine.matching`; :func:`holds` is the reference semantics it is tested against.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

from cdss.errors import did_you_mean
from cdss.rules.attributes import ATTRIBUTES, AttributeSpec, Value

Op = Literal["eq", "ne", "lt", "le", "gt", "ge"]

COMPARISONS: Mapping[str, Op] = MappingProxyType(
    {"above": "gt", "below": "lt", "at_least": "ge", "at_most": "le"}
)
_GROUPS = ("all", "any")
_CONCLUDED = "concluded"


@dataclass(frozen=True)
class Compare:
    attribute: str
    op: Op
    value: Value


@dataclass(frozen=True)
class AllOf:
    parts: tuple[Condition, ...]


@dataclass(frozen=True)
class AnyOf:
    parts: tuple[Condition, ...]


@dataclass(frozen=True)
class Concluded:
    """Holds when an intermediate conclusion of another rule holds; replaced by its condition at load."""

    name: str


Condition = Compare | AllOf | AnyOf | Concluded
Path = tuple[str | int, ...]


class ConditionError(ValueError):
    """A condition that does not parse or does not fit the case model, with the path inside ``when``."""

    def __init__(self, path: Path, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(problem)


def parse(raw: object, path: Path = ("when",)) -> Condition:
    """Parse and type-check a condition written in the YAML form above."""
    if not isinstance(raw, Mapping) or not raw:
        raise ConditionError(path, "a condition must be a non-empty mapping of findings to values")
    parts = tuple(_parse_entry(str(key), value, (*path, str(key))) for key, value in raw.items())
    return parts[0] if len(parts) == 1 else AllOf(parts)


def _parse_entry(key: str, raw: object, path: Path) -> Condition:
    if key in _GROUPS:
        if not isinstance(raw, list) or not raw:
            raise ConditionError(path, f"'{key}' takes a non-empty list of conditions")
        parts = tuple(parse(item, (*path, index)) for index, item in enumerate(raw))
        return AllOf(parts) if key == "all" else AnyOf(parts)
    if key == _CONCLUDED:
        if not isinstance(raw, str):
            raise ConditionError(path, "'concluded' takes the name of an intermediate conclusion")
        return Concluded(raw)
    spec = ATTRIBUTES.get(key)
    if spec is None:
        choices = [*ATTRIBUTES, *_GROUPS, _CONCLUDED]
        raise ConditionError(path, f"unknown finding {key!r}{did_you_mean(key, choices)}")
    if isinstance(raw, Mapping):
        return _parse_operators(spec, raw, path)
    return Compare(spec.name, "eq", _checked_value(spec, raw, path))


def _parse_operators(spec: AttributeSpec, raw: Mapping[object, object], path: Path) -> Condition:
    words = [*COMPARISONS, "is_not", "one_of"]
    parts: list[Condition] = []
    for word, operand in raw.items():
        here = (*path, str(word))
        if word == "one_of":
            if not isinstance(operand, list) or len(operand) < 2:
                raise ConditionError(here, "'one_of' takes a list of at least two values")
            parts.append(
                AnyOf(tuple(Compare(spec.name, "eq", _checked_value(spec, v, here)) for v in operand))
            )
        elif word == "is_not":
            parts.append(Compare(spec.name, "ne", _checked_value(spec, operand, here)))
        elif word in COMPARISONS:
            if spec.kind != "number":
                raise ConditionError(here, f"'{word}' compares numbers, but {spec.name!r} is not a number")
            parts.append(Compare(spec.name, COMPARISONS[str(word)], _checked_value(spec, operand, here)))
        else:
            raise ConditionError(here, f"unknown operator {word!r}{did_you_mean(str(word), words)}")
    if not parts:
        raise ConditionError(path, f"no operator given; use one of {', '.join(words)}")
    return parts[0] if len(parts) == 1 else AllOf(tuple(parts))


def _checked_value(spec: AttributeSpec, raw: object, path: Path) -> Value:
    if spec.kind == "bool":
        if isinstance(raw, bool):
            return raw
        raise ConditionError(path, f"{spec.name!r} is yes/no: use true or false, not {raw!r}")
    if spec.kind == "choice":
        if isinstance(raw, str) and raw in spec.choices:
            return raw
        hint = did_you_mean(raw, spec.choices) if isinstance(raw, str) else ""
        allowed = ", ".join(spec.choices)
        raise ConditionError(path, f"{spec.name!r} takes one of {allowed}; got {raw!r}{hint}")
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        raise ConditionError(path, f"{spec.name!r} is a number; got {raw!r}")
    if (spec.minimum is not None and raw < spec.minimum) or (spec.maximum is not None and raw > spec.maximum):
        raise ConditionError(
            path, f"{raw!r} is outside the range of {spec.name!r} ({spec.minimum}-{spec.maximum})"
        )
    return raw


_WORDS: Mapping[Op, str] = MappingProxyType(
    {"ne": "is_not", **{op: word for word, op in COMPARISONS.items()}}
)


def written(condition: Condition) -> object:
    """The condition in the ruleset's own notation, as JSON data (what `cdss rules show` prints)."""
    if isinstance(condition, Compare):
        value = condition.value if condition.op == "eq" else {_WORDS[condition.op]: condition.value}
        return {condition.attribute: value}
    if isinstance(condition, Concluded):
        return {_CONCLUDED: condition.name}
    return {"all" if isinstance(condition, AllOf) else "any": [written(part) for part in condition.parts]}
