"""An assessment cannot be changed in place: one caller's mutation never reaches another (issue 13, item 2).

With the cache on, two callers with the same findings get the same assessment object; with it off, the
explainer still shares the parts it built for earlier cases. Either way nothing in what ``evaluate`` or
``summarise`` returns can be changed.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Mapping
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from pydantic import BaseModel, ValidationError

import cdss
from cdss.rules.model import Ruleset
from tests.strategies import cases

SADDLE: dict[str, Any] = {
    "id": "first-caller",
    "age": 47,
    "sex": "female",
    "findings": {"pain_distribution": "bilateral", "saddle_anaesthesia": True, "bilateral_sciatica": True},
}

MUTATIONS: dict[str, Callable[[cdss.Assessment], object]] = {
    "clear the red flags": lambda a: a.red_flags.clear(),  # type: ignore[attr-defined]
    "reverse the differential": lambda a: a.differential.reverse(),  # type: ignore[attr-defined]
    "sort the fired rules": lambda a: a.fired_rules.sort(),  # type: ignore[attr-defined]
    "drop a supporting item": lambda a: a.differential[0].supporting.pop(),  # type: ignore[attr-defined]
    "add a code": lambda a: a.differential[0].codes.icd10cm.append("X"),  # type: ignore[attr-defined]
    "clear a red flag's findings": lambda a: a.red_flags[0].findings.clear(),  # type: ignore[attr-defined]
    "change a finding": lambda a: a.red_flags[0].findings.__setitem__("saddle_anaesthesia", False),  # type: ignore[index]
    "delete a finding": lambda a: a.red_flags[0].findings.__delitem__("saddle_anaesthesia"),  # type: ignore[attr-defined]
    "merge findings": lambda a: a.red_flags[0].findings.update(x=1),  # type: ignore[attr-defined]
    "set the triage": lambda a: setattr(a, "triage", "routine"),
    "set a probability": lambda a: setattr(a.differential[0], "probability", 0.0),
}


@pytest.mark.parametrize("cache_size", [0, 100])
@pytest.mark.parametrize("mutation", MUTATIONS.values(), ids=MUTATIONS.keys())
def test_a_mutation_by_one_caller_never_reaches_the_next(
    ruleset: Ruleset, cache_size: int, mutation: Callable[[cdss.Assessment], object]
) -> None:
    with cdss.Engine(ruleset, cache_size=cache_size) as engine:
        first = engine.evaluate(SADDLE)
        before = first.model_dump_json()
        with pytest.raises((AttributeError, TypeError, ValidationError)):
            mutation(first)
        second = engine.evaluate({**SADDLE, "id": "second-caller"})
    assert first.model_dump_json() == before
    assert second.triage == "emergency"
    assert second.differential[0].condition == "cauda_equina"
    assert "cauda_equina" in {flag.condition for flag in second.red_flags}
    with cdss.Engine(ruleset) as fresh:
        assert second == fresh.evaluate({**SADDLE, "id": "second-caller"})


@pytest.mark.parametrize("cache_size", [0, 100])
def test_a_summary_cannot_be_changed_either(ruleset: Ruleset, cache_size: int) -> None:
    with cdss.Engine(ruleset, cache_size=cache_size) as engine:
        summary = engine.summarise(SADDLE)
        with pytest.raises(AttributeError):
            summary.red_flags.clear()  # type: ignore[attr-defined]
        with pytest.raises(AttributeError):
            summary.ranking.reverse()  # type: ignore[attr-defined]
        assert engine.summarise(SADDLE) == summary


def _mutable_parts(value: object, path: str) -> list[str]:
    """The paths of everything under ``value`` that could be changed in place."""
    if isinstance(value, BaseModel):
        found = [] if value.model_config.get("frozen") else [path]
        for name in type(value).model_fields:
            found += _mutable_parts(getattr(value, name), f"{path}.{name}")
        return found
    if isinstance(value, Mapping):
        try:
            value.clear()  # type: ignore[attr-defined]
        except TypeError:
            return [p for k, v in value.items() for p in _mutable_parts(v, f"{path}[{k!r}]")]
        return [path]
    if isinstance(value, tuple):
        return [p for i, v in enumerate(value) for p in _mutable_parts(v, f"{path}[{i}]")]
    if isinstance(value, str | int | float | bool | type(None)):
        return []
    return [path]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=cases())
def test_nothing_in_any_assessment_or_summary_can_be_changed(
    engine: cdss.Engine, case: dict[str, Any]
) -> None:
    assert _mutable_parts(engine.evaluate(case), "assessment") == []
    assert _mutable_parts(engine.summarise(case), "summary") == []


def test_a_frozen_assessment_survives_a_pickle_round_trip(engine: cdss.Engine) -> None:
    assessment = engine.evaluate(SADDLE)
    copy = pickle.loads(pickle.dumps(assessment))
    assert copy == assessment
    assert copy.model_dump_json() == assessment.model_dump_json()
    assert _mutable_parts(copy, "copy") == []
