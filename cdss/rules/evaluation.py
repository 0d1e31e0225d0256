"""Evaluating conditions in Python: the reference semantics (:func:`holds`), the findings that make a
condition hold (:func:`witnesses`), what remains once one answer is known (:func:`assuming`), and closures
for hot paths (:func:`compile_predicate`). A test on a finding that was not examined is never true.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterator, Mapping
from types import MappingProxyType

from cdss.rules.attributes import Value
from cdss.rules.conditions import AllOf, AnyOf, Compare, Concluded, Condition, Op

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
