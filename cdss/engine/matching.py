"""The fence around durable_rules: the only module that imports it.

durable_rules (a Rete network with a C core) finds which rule conditions hold for a case. Its Python
layer, ``durable.engine.Host``, starts background dispatch threads and sends the whole session state
through a JSON round trip for every rule that fires, which costs three quarters of the time. So this
module drives the C core directly, through a private object that owns exactly one compiled ruleset:
no host, no thread, no Python action. What the design notes list about durable_rules is handled here:

- each case is asserted as a *fact*, so every matching rule fires (an event is consumed by the first);
- one session serves every case: a case's fact is retracted once its rules have fired, and if anything
  fails mid-case the session is deleted and a fresh one serves the next case, so at most one session
  is ever live (1,024 is the limit). Creating a session costs more than the matching itself (the C
  core zeroes a large state block), so one is not created per case;
- no background dispatch: nothing runs unless :meth:`Matcher.match` is called;
- no Python action runs inside durable_rules, so none can fail silently; the C core's own errors are
  raised as :class:`EvaluationError`, and a fired name that is not one of our rules is an error too;
- every rule is guarded by a positive test (``kind == "case"``), so absence tests cannot loop;
- ``$or`` fires once per true branch: fired rules are collected into a set;
- types are checked by pydantic before a fact gets here; unexamined findings are simply absent;
- numbers are written in positional notation: the C core's JSON parser rejects exponents (``1e-05``),
  which the property tests found;
- "no rule matched" is an empty result, not an error;
- a fresh ruleset is warmed with a fact that matches before it serves, and freed on :meth:`Matcher.close`
  or, for a matcher dropped without closing, when it is garbage-collected (``weakref.finalize``);
- the C core holds the GIL, so one lock serialises calls: threads get safety, processes get speed.
"""

from __future__ import annotations

import json
import math
import threading
import uuid
import weakref
from collections.abc import Iterable, Mapping
from decimal import Decimal
from importlib.metadata import version
from types import TracebackType

import durable_rules_engine as core
from pydantic_core import to_json as _serialised

from cdss.errors import EngineClosedError, EvaluationError
from cdss.rules.conditions import AllOf, AnyOf, Compare, Condition

DURABLE_RULES_VERSION = version("durable-rules")

_MARKER = {"kind": "case"}
_CASE = '"kind":"case","id":"case","sid":'
_WARM = '"kind":"warm","id":"warm","sid":'
_WARM_RULE = "WARM-000"
_NOT_HANDLED = 1
_JSON_OPERATORS = {"ne": "$neq", "lt": "$lt", "le": "$lte", "gt": "$gt", "ge": "$gte"}


def to_durable(condition: Condition) -> dict[str, object]:
    """The durable_rules JSON form of a condition."""
    if isinstance(condition, Compare):
        if condition.op == "eq":
            return {condition.attribute: condition.value}
        return {_JSON_OPERATORS[condition.op]: {condition.attribute: condition.value}}
    if isinstance(condition, AllOf):
        return {"$and": [to_durable(part) for part in condition.parts]}
    if isinstance(condition, AnyOf):
        return {"$or": [to_durable(part) for part in condition.parts]}
    raise TypeError(f"intermediate conclusion {condition.name!r} must be expanded before compiling")


def to_json(value: object) -> str:
    """JSON the C core can parse: like ``json.dumps``, but floats never use exponent notation."""
    if isinstance(value, dict):
        return "{" + ",".join(f"{json.dumps(str(key))}:{to_json(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ",".join(to_json(item) for item in value) + "]"
    if isinstance(value, float):
        if not math.isfinite(value):
            raise EvaluationError(f"durable_rules cannot take the non-finite number {value!r}")
        return format(Decimal(repr(value)), "f")
    return json.dumps(value)


def _opening(fact: Mapping[str, object]) -> str:
    """The fact as the C core's JSON (:func:`to_json`), left open for the marker every rule tests and the
    session id.

    A fact is flat (yes/no, words, numbers). pydantic's serialiser writes it exactly as :func:`to_json`
    would (the words are plain ASCII names), only faster, unless a float would be written with an exponent
    (``repr`` switches to one below 1e-4 and from 1e16) or is not finite.
    """
    if all(type(value) is not float or _plain(value) for value in fact.values()):
        body = _serialised(fact).decode()
    else:
        body = to_json(dict(fact))
    return body[:-1] + "," if len(body) > 2 else "{"


def _plain(number: float) -> bool:
    return number == 0.0 or 1e-4 <= abs(number) < 1e16


def _definition(rule_id: str, condition: Condition) -> dict[str, object]:
    """One rule as the C core takes it: its condition guarded by the case marker."""
    return {rule_id: {"all": [{"m": {"$and": [_MARKER, to_durable(condition)]}}]}}


def refused(rules: Iterable[tuple[str, Condition]]) -> list[tuple[str, str]]:
    """The rules durable_rules refuses to compile, each compiled on its own, with the C core's error.
    For a ruleset the C core rejected as a whole: none found means only the whole is too much."""
    found = []
    for rule_id, condition in rules:
        try:
            handle = core.create_ruleset(f"cdss_{uuid.uuid4().hex}", to_json(_definition(rule_id, condition)))
        except core.error as error:
            found.append((rule_id, str(error)))
        else:
            core.delete_ruleset(handle)
    return found


def _delete_quietly(handle: int, sid: str) -> None:
    try:
        core.delete_state(handle, sid)
    except core.error:
        return


class _Compiled:
    """A ruleset compiled in the C core and its one session: what a matcher frees when it is closed or
    collected. It holds no reference to the matcher, so the matcher's finalizer can use it."""

    def __init__(self, handle: int) -> None:
        self.handle: int | None = handle
        self.session = "1"
        self._sessions = 1

    def renew_session(self) -> None:
        """Delete the session (it may hold half a case) and name a fresh one for the next case."""
        if self.handle is not None:
            _delete_quietly(self.handle, self.session)
        self._sessions += 1
        self.session = str(self._sessions)

    def free(self) -> None:
        if self.handle is not None:
            _delete_quietly(self.handle, self.session)
            core.delete_ruleset(self.handle)
            self.handle = None


class Matcher:
    """Which rules hold for a fact. Safe to share between threads. Close it (or use ``with``) to free the
    compiled ruleset at once; one dropped without closing is freed when it is garbage-collected."""

    def __init__(self, rules: Iterable[tuple[str, Condition]]) -> None:
        definition: dict[str, object] = {}
        for rule_id, condition in rules:
            definition.update(_definition(rule_id, condition))
        definition[_WARM_RULE] = {"all": [{"m": {"kind": "warm"}}]}
        self._names = frozenset(definition)
        self._lock = threading.Lock()
        try:
            handle = core.create_ruleset(f"cdss_{uuid.uuid4().hex}", to_json(definition))
        except core.error as error:
            raise EvaluationError(f"durable_rules rejected the compiled ruleset: {error}") from error
        self._compiled = _Compiled(handle)
        self._finalizer = weakref.finalize(self, self._compiled.free)
        self._finalizer.atexit = False  # nothing to free for a process that is ending
        # A fresh ruleset whose first fact matched nothing can crash in delete_state: warm it with a match.
        if self._run({}, marker=_WARM) != {_WARM_RULE}:
            self.close()
            raise EvaluationError("durable_rules did not fire the warm-up rule")

    def match(self, fact: Mapping[str, object]) -> frozenset[str]:
        """The ids of the rules whose conditions hold for the fact (examined findings only)."""
        return frozenset(self._run(fact))

    def _run(self, fact: Mapping[str, object], marker: str = _CASE) -> set[str]:
        opening = _opening(fact)
        with self._lock:
            compiled = self._compiled
            handle = compiled.handle
            if handle is None:
                raise EngineClosedError("this engine has been closed: create a new one to evaluate cases")
            message = f'{opening}{marker}"{compiled.session}"}}'
            try:
                fired = self._fire(handle, message)
                core.retract_fact(handle, message)
            except BaseException as error:
                compiled.renew_session()  # the session may hold half a case: never reuse it
                if isinstance(error, core.error):
                    raise EvaluationError(f"durable_rules failed: {error}") from error
                raise
        unknown = fired - self._names
        if unknown:
            raise EvaluationError(f"durable_rules fired actions that are not rules: {sorted(unknown)}")
        return fired

    @staticmethod
    def _fire(handle: int, message: str) -> set[str]:
        """Assert the fact and drain every action it started: one per fired rule (more for an ``$or``)."""
        fired: set[str] = set()
        code, state = core.assert_fact(handle, message)
        if code == _NOT_HANDLED:
            return fired
        started = core.start_action_for_state(handle, state)
        action = started[1] if started else None
        while action:  # the C core writes an action as {"NAME":{"m":...}}: the name, or what is not one
            fired.add(action[2 : action.find('"', 2)])
            action = core.complete_and_start_action(handle, state)
        return fired

    def close(self) -> None:
        """Free the compiled ruleset in the C core now. Idempotent."""
        with self._lock:
            self._finalizer()

    def __enter__(self) -> Matcher:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
