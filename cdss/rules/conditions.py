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
matching engine in :mod:`cdss.matching`; :func:`holds` is the reference semantics it is tested against.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

from cdss.errors import did_you_mean
from cdss.findings import Case

Value = bool | str | int | float
Op = Literal["eq", "ne", "lt", "le", "gt", "ge"]

COMPARISONS: Mapping[str, Op] = MappingProxyType(
    {"above": "gt", "below": "lt", "at_least": "ge", "at_most": "le"}
)
_OPERATORS: Mapping[Op, Callable[[Value, Value], bool]] = MappingProxyType(
    {
        "eq": operator.eq,
        "ne": operator.ne,
        "lt": operator.lt,
        "le": operator.le,
        "gt": operator.gt,
        "ge": operator.ge,
    }
)
_GROUPS = ("all", "any")
_CONCLUDED = "concluded"


@dataclass(frozen=True)
class AttributeSpec:
    """What values an attribute of the case fact takes: yes/no, one of some words, or a number in range."""

    name: str
    kind: Literal["bool", "choice", "number"]
    title: str = ""
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None

    def values_to_try(self, thresholds: tuple[float, ...] = ()) -> tuple[Value, ...]:
        """Representative values: both answers, every choice, or numbers either side of each threshold."""
        if self.kind == "bool":
            return (True, False)
        if self.kind == "choice":
            return self.choices
        lo = self.minimum if self.minimum is not None else float("-inf")
        hi = self.maximum if self.maximum is not None else float("inf")
        numbers = sorted({v for t in thresholds for v in (t - 1, t, t + 1) if lo <= v <= hi})
        return tuple(numbers)


def _spec_from_schema(name: str, schema: Mapping[str, object]) -> AttributeSpec:
    options = schema.get("anyOf", [schema])
    title = str(schema.get("title", name))
    for option in options if isinstance(options, list) else []:
        if option.get("type") == "boolean":
            return AttributeSpec(name, "bool", title)
        if "enum" in option:
            return AttributeSpec(name, "choice", title, choices=tuple(option["enum"]))
        if option.get("type") in ("number", "integer"):
            return AttributeSpec(
                name, "number", title, minimum=option.get("minimum"), maximum=option.get("maximum")
            )
    raise TypeError(f"no condition type for case attribute {name!r}")


def _attribute_specs() -> Mapping[str, AttributeSpec]:
    schema = Case.model_json_schema()
    definitions = schema["$defs"]
    findings = definitions["Findings"]["properties"]
    specs = {name: _spec_from_schema(name, field) for name, field in findings.items()}
    for name in ("age", "sex"):
        specs[name] = _spec_from_schema(name, schema["properties"][name])
    return MappingProxyType(specs)


ATTRIBUTES: Mapping[str, AttributeSpec] = _attribute_specs()
"""Every attribute a condition may test: the findings of case-format.md, plus age and sex."""


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


def holds(condition: Condition, fact: Mapping[str, object]) -> bool:
    """The reference semantics: does the condition hold for this fact (examined findings only)?"""
    if isinstance(condition, Compare):
        if condition.attribute not in fact:
            return False
        value = fact[condition.attribute]
        return _OPERATORS[condition.op](value, condition.value)  # type: ignore[arg-type]
    if isinstance(condition, AllOf):
        return all(holds(part, fact) for part in condition.parts)
    if isinstance(condition, AnyOf):
        return any(holds(part, fact) for part in condition.parts)
    raise TypeError(f"intermediate conclusion {condition.name!r} was not expanded before evaluation")


def compares(condition: Condition) -> Iterator[Compare]:
    """Every comparison in the condition, depth first."""
    if isinstance(condition, Compare):
        yield condition
    elif isinstance(condition, AllOf | AnyOf):
        for part in condition.parts:
            yield from compares(part)


def expand(condition: Condition, definitions: Mapping[str, Condition]) -> Condition:
    """Replace every intermediate conclusion by the condition that concludes it."""
    if isinstance(condition, Concluded):
        return definitions[condition.name]
    if isinstance(condition, AllOf):
        return AllOf(tuple(expand(part, definitions) for part in condition.parts))
    if isinstance(condition, AnyOf):
        return AnyOf(tuple(expand(part, definitions) for part in condition.parts))
    return condition


def concluded_names(condition: Condition) -> Iterator[str]:
    """The intermediate conclusions a condition refers to."""
    if isinstance(condition, Concluded):
        yield condition.name
    elif isinstance(condition, AllOf | AnyOf):
        for part in condition.parts:
            yield from concluded_names(part)


def witnesses(condition: Condition, fact: Mapping[str, object]) -> dict[str, object]:
    """The examined findings that make a holding condition hold: the basis a clinician can check."""
    found: dict[str, object] = {}
    _collect(condition, fact, found)
    return found


def _collect(condition: Condition, fact: Mapping[str, object], found: dict[str, object]) -> None:
    if isinstance(condition, Compare):
        if holds(condition, fact):
            found[condition.attribute] = fact[condition.attribute]
    elif isinstance(condition, AllOf | AnyOf):
        for part in condition.parts:
            if holds(part, fact):
                _collect(part, fact, found)


def assuming(condition: Condition, attribute: str, value: Value) -> Condition | bool:
    """The condition once ``attribute`` is known to be ``value``: True or False when that settles it,
    else the part that remains to be tested on the other findings.

    For a fact without ``attribute``, ``holds(condition, {**fact, attribute: value})`` is that constant,
    or ``holds`` of the remaining part on the fact itself.
    """
    if isinstance(condition, Compare):
        if condition.attribute != attribute:
            return condition
        return _OPERATORS[condition.op](value, condition.value)
    if isinstance(condition, AllOf | AnyOf):
        settles = isinstance(condition, AnyOf)  # a true part settles "any", a false part settles "all"
        remaining: list[Condition] = []
        for part in condition.parts:
            known = assuming(part, attribute, value)
            if known is settles:
                return settles
            if not isinstance(known, bool):
                remaining.append(known)
        if not remaining:
            return not settles
        if len(remaining) == 1:
            return remaining[0]
        return AnyOf(tuple(remaining)) if settles else AllOf(tuple(remaining))
    raise TypeError(f"intermediate conclusion {condition.name!r} was not expanded before evaluation")


Predicate = Callable[[Mapping[str, object]], bool]


def compile_predicate(condition: Condition) -> Predicate:
    """The condition as a Python closure: the same semantics as :func:`holds`, several times faster."""
    if isinstance(condition, Compare):
        return _compile_compare(condition)
    if isinstance(condition, AllOf | AnyOf):
        parts = tuple(compile_predicate(part) for part in condition.parts)
        return _all_of(parts) if isinstance(condition, AllOf) else _any_of(parts)
    raise TypeError(f"intermediate conclusion {condition.name!r} was not expanded before compiling")


def _compile_compare(condition: Compare) -> Predicate:
    name, value = condition.attribute, condition.value
    if condition.op == "eq":
        return lambda fact: name in fact and fact[name] == value
    test = _OPERATORS[condition.op]
    return lambda fact: name in fact and test(fact[name], value)  # type: ignore[arg-type]


def _all_of(parts: tuple[Predicate, ...]) -> Predicate:
    def all_of(fact: Mapping[str, object]) -> bool:
        for part in parts:  # noqa: SIM110 - a plain loop beats all() over a generator on this hot path
            if not part(fact):
                return False
        return True

    return all_of


def _any_of(parts: tuple[Predicate, ...]) -> Predicate:
    def any_of(fact: Mapping[str, object]) -> bool:
        for part in parts:  # noqa: SIM110 - a plain loop beats any() over a generator on this hot path
            if part(fact):
                return True
        return False

    return any_of
